package survey_test

import (
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

func TestCaseCodes(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		code := survey.NewCaseCode()
		if survey.NormalizeCaseCode(code) != code || seen[code] {
			t.Fatalf("code %q", code)
		}
		seen[code] = true
	}
	for in, want := range map[string]string{"k7qx2m4p9t": "K7QX-2M4P-9T", "K7QX 2M4P 9T": "K7QX-2M4P-9T", "O7QX-2M4P-9L": "07QX-2M4P-91", "K7QX-2M4P": "", "K7QX-2M4P-9U": "", "<script>": ""} {
		if got := survey.NormalizeCaseCode(in); got != want {
			t.Errorf("NormalizeCaseCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCaseEventsAfterPublication plays two people acting at once: events the log orders after the
// publication leave the published reply as the resident read it.
func TestCaseEventsAfterPublication(t *testing.T) {
	tally := survey.NewCampaignTally("2026-S2")
	id := survey.CaseID([]byte("secret"), survey.NewCaseCode())
	at := time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC)
	tally.Add(&survey.Record{Key: "k", Unit: "dpmptsp", Kind: survey.SourceComplaint, Case: id, At: at, Due: at.Add(4 * time.Hour)})
	for i, e := range []survey.CaseEvent{
		{Case: id, Unit: "dpmptsp", Type: survey.EventPublish, At: at.Add(time.Minute)}, // nothing to publish yet
		{Case: id, Unit: "dpmptsp", Type: survey.EventReply, At: at.Add(time.Hour)},
		{Case: id, Unit: "dpmptsp", Type: survey.EventPublish, At: at.Add(2 * time.Hour)},
		{Case: id, Unit: "dpmptsp", Type: survey.EventReply, At: at.Add(3 * time.Hour)},
		{Case: id, Unit: "dpmptsp", Type: survey.EventPublish, At: at.Add(4 * time.Hour)},
	} {
		tally.Apply(&e, int64(10+i))
	}
	c, _ := tally.Unit("dpmptsp").Case(id)
	if c.ReplyEntry != 11 || !c.RepliedAt.Equal(at.Add(time.Hour)) || !c.PublishedAt.Equal(at.Add(2*time.Hour)) {
		t.Errorf("case after racing events: %+v", c)
	}
	if c.Kind != survey.KindComplaint || c.Source != survey.SourceComplaint || !c.Tracked {
		t.Errorf("a complaint form's kind and source: %+v", c)
	}
}

// TestCaseIDHidesTheCode checks the internal ID: fixed for a code and secret, different under
// another secret, and never the code itself.
func TestCaseIDHidesTheCode(t *testing.T) {
	code := "K7QX-2M4P-9T"
	a, b := survey.CaseID([]byte("one"), code), survey.CaseID([]byte("two"), code)
	if a != survey.CaseID([]byte("one"), code) || a == b || len(a) != 12 || strings.Contains(code, a[:4]) {
		t.Errorf("IDs %q %q for %q", a, b, code)
	}
}

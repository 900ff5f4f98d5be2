package survey_test

import (
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
	code := survey.NewCaseCode()
	at := time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC)
	tally.Add(&survey.Record{Key: "k", Unit: "dpmptsp", Suggestion: "Antrean panjang", Case: code, At: at, Due: at.Add(4 * time.Hour)})
	for _, e := range []survey.CaseEvent{
		{Code: code, Unit: "dpmptsp", Type: survey.EventPublish, At: at.Add(time.Minute)}, // nothing to publish yet
		{Code: code, Unit: "dpmptsp", Type: survey.EventReply, Text: "Loket ditambah.", At: at.Add(time.Hour)},
		{Code: code, Unit: "dpmptsp", Type: survey.EventPublish, At: at.Add(2 * time.Hour)},
		{Code: code, Unit: "dpmptsp", Type: survey.EventReply, Text: "Jawaban lain.", At: at.Add(3 * time.Hour)},
		{Code: code, Unit: "dpmptsp", Type: survey.EventPublish, At: at.Add(4 * time.Hour)},
	} {
		tally.Apply(&e)
	}
	c, _ := tally.Unit("dpmptsp").Case(code)
	if c.Reply != "Loket ditambah." || !c.PublishedAt.Equal(at.Add(2*time.Hour)) {
		t.Errorf("case after racing events: %+v", c)
	}
}

package survey_test

import (
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
)

func TestCaseLifecycle(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, survey.MongoOptions{})
	c := mustSeed(t, s)
	r := response(c.Key, "dpmptsp", 7) // 7 % 7 == 0: it carries a suggestion
	if _, err := s.Submit(ctx, r); err != nil {
		t.Fatal(err)
	}
	complaint := &survey.Response{Key: "complaint-key-000000001", Campaign: c.Key, Unit: "rsud-blambangan", Kind: survey.SourceComplaint,
		Channel: survey.ChannelWeb, Suggestion: "Obat habis di apotek", SubmittedAt: time.Now(), Day: "2026-08-01",
		CaseCode: survey.NewCaseCode(), CaseDue: time.Now().Add(4 * time.Hour)}
	if err := complaint.Validate(&survey.Unit{Slug: "rsud-blambangan"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Submit(ctx, complaint); err != nil {
		t.Fatal(err)
	}
	tally, _ := s.Tally(ctx, c.Key)
	if n := tally.Unit("rsud-blambangan").Total().All.Respondents; n != 0 {
		t.Errorf("a complaint counted as a respondent: %d", n)
	}
	got, campaign, err := s.FindCase(ctx, strings.ToLower(strings.ReplaceAll(r.CaseCode, "-", "")))
	if err != nil || campaign != c.Key || got.State() != survey.CaseOpen || got.Text != r.Suggestion {
		t.Fatalf("find the survey's case: %v %s %+v", err, campaign, got)
	}
	publish := survey.CaseEvent{Code: r.CaseCode, Unit: "dpmptsp", Type: survey.EventPublish, By: "kepala", At: time.Now()}
	if err := s.RecordCaseEvents(ctx, c.Key, []survey.CaseEvent{publish}); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("publish before a reply: %v", err)
	}
	reply := survey.CaseEvent{Code: r.CaseCode, Unit: "dpmptsp", Type: survey.EventReply, Text: "Loket tambahan dibuka mulai Senin.", By: "kepala", At: r.SubmittedAt.Add(time.Hour)}
	if err := s.RecordCaseEvents(ctx, c.Key, []survey.CaseEvent{reply}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordCaseEvents(ctx, c.Key, []survey.CaseEvent{publish}); err != nil {
		t.Fatal(err)
	}
	// Another instance folds the events from the log.
	other := surveytest.MustOpenStoreOn(t, db, survey.MongoOptions{})
	got, _, err = other.FindCase(ctx, r.CaseCode)
	if err != nil || got.State() != survey.CaseClosed || got.Reply != reply.Text || !got.AnsweredInTime() {
		t.Fatalf("the other instance sees: %v %+v", err, got)
	}
	// A rebuild recounts cases from the responses and keeps their replies.
	if err := s.Rebuild(ctx, c.Key); err != nil {
		t.Fatal(err)
	}
	got, _, _ = s.FindCase(ctx, r.CaseCode)
	if got.Reply != reply.Text || got.State() != survey.CaseClosed {
		t.Errorf("after a rebuild: %+v", got)
	}
	if _, _, err := s.FindCase(ctx, survey.NewCaseCode()); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("an unissued code: %v", err)
	}
	if err := s.RecordCaseEvents(ctx, c.Key, []survey.CaseEvent{{Code: survey.NewCaseCode(), Unit: "dpmptsp", Type: survey.EventReply, Text: "x"}}); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("event for an unknown case: %v", err)
	}
}

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

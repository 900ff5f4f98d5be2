package mongo_test

import (
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

func TestCaseLifecycle(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
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
	if err != nil || campaign != c.Key || got.State() != survey.CaseOpen || got.Kind != survey.KindSuggestion {
		t.Fatalf("find the survey's case: %v %s %+v", err, campaign, got)
	}
	if words, err := s.CaseText(ctx, got.ID); err != nil || words.Text != r.Suggestion {
		t.Fatalf("the case's words: %v %+v", err, words)
	}
	if byID, _, err := s.Case(ctx, got.ID); err != nil || byID.ID != got.ID || strings.Contains(got.ID, r.CaseCode[:4]) {
		t.Fatalf("the case by its ID: %v %+v", err, byID)
	}
	if cc, _, _ := s.FindCase(ctx, complaint.CaseCode); cc == nil || cc.Kind != survey.KindComplaint || cc.Source != survey.SourceComplaint {
		t.Errorf("the complaint's case: %+v", cc)
	}
	publish := survey.CaseEvent{Case: got.ID, Unit: "dpmptsp", Type: survey.EventPublish, By: "kepala", At: time.Now()}
	if err := s.RecordCaseEvents(ctx, c.Key, []survey.CaseEvent{publish}); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("publish before a reply: %v", err)
	}
	reply := survey.CaseEvent{Case: got.ID, Unit: "dpmptsp", Type: survey.EventReply, Text: "Loket tambahan dibuka mulai Senin.", By: "kepala", At: r.SubmittedAt.Add(time.Hour)}
	if err := s.RecordCaseEvents(ctx, c.Key, []survey.CaseEvent{reply}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordCaseEvents(ctx, c.Key, []survey.CaseEvent{publish}); err != nil {
		t.Fatal(err)
	}
	// Another instance folds the events from the log.
	other := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	got, _, err = other.FindCase(ctx, r.CaseCode)
	if err != nil || got.State() != survey.CaseClosed || !got.AnsweredInTime() {
		t.Fatalf("the other instance sees: %v %+v", err, got)
	}
	if words, err := other.CaseText(ctx, got.ID); err != nil || words.Reply != reply.Text || words.RepliedBy != "kepala" {
		t.Fatalf("the other instance reads the reply: %v %+v", err, words)
	}
	// A rebuild recounts cases from the responses and the case events of the log.
	if err := s.Rebuild(ctx, c.Key); err != nil {
		t.Fatal(err)
	}
	got, _, _ = s.FindCase(ctx, r.CaseCode)
	if words, _ := s.CaseText(ctx, got.ID); words.Reply != reply.Text || got.State() != survey.CaseClosed {
		t.Errorf("after a rebuild: %+v %+v", got, words)
	}
	if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify after the case's life: %v %v", err, diff)
	}
	if _, _, err := s.FindCase(ctx, survey.NewCaseCode()); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("an unissued code: %v", err)
	}
	if err := s.RecordCaseEvents(ctx, c.Key, []survey.CaseEvent{{Case: "NOSUCHCASE00", Unit: "dpmptsp", Type: survey.EventReply, Text: "x"}}); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("event for an unknown case: %v", err)
	}
}

func TestUnitSLA(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	c := mustSeed(t, s)
	t0 := time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)
	var ids []string
	for i := range 3 {
		r := &survey.Response{Key: "complaint-sla-00000" + string(rune('a'+i)), Campaign: c.Key, Unit: "dpmptsp", Kind: survey.SourceComplaint,
			Channel: survey.ChannelWeb, Suggestion: "Antrean panjang", SubmittedAt: t0, Day: "2026-08-17",
			CaseCode: survey.NewCaseCode(), CaseDue: t0.Add(4 * time.Hour)}
		if _, err := s.Submit(ctx, r); err != nil {
			t.Fatal(err)
		}
		cs, _, err := s.FindCase(ctx, r.CaseCode)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, cs.ID)
	}
	// A suggestion kept from before cases had codes: counted nowhere in the SLA.
	legacy := response(c.Key, "dpmptsp", 7)
	legacy.CaseCode, legacy.CaseDue = "", time.Time{}
	if _, err := s.Submit(ctx, legacy); err != nil {
		t.Fatal(err)
	}
	events := []survey.CaseEvent{
		{Case: ids[0], Unit: "dpmptsp", Type: survey.EventReply, Text: "Sudah ditambah loket.", By: "kepala", At: t0.Add(time.Hour)},
		{Case: ids[1], Unit: "dpmptsp", Type: survey.EventReply, Text: "Mohon maaf.", By: "kepala", At: t0.Add(5 * time.Hour)},
	}
	if err := s.RecordCaseEvents(ctx, c.Key, events); err != nil {
		t.Fatal(err)
	}
	tally, _ := s.Tally(ctx, c.Key)
	got := tally.Unit("dpmptsp").SLA(t0.Add(6 * time.Hour))
	if got.Cases != 3 || got.Answered != 2 || got.InTime != 1 || got.Overdue != 1 || got.Decided != 3 || got.InTimePercent != 33.3 || got.MedianAnswer != 3*time.Hour {
		t.Errorf("unit SLA: %+v", got)
	}
	if region := tally.SLA(t0.Add(6 * time.Hour)); region != got {
		t.Errorf("campaign SLA %+v, want the only unit's %+v", region, got)
	}
	if early := tally.Unit("dpmptsp").SLA(t0.Add(2 * time.Hour)); early.Overdue != 0 || early.Open != 1 || early.Decided != 2 {
		t.Errorf("before the due time: %+v", early)
	}
}

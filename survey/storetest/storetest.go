// Package storetest is the conformance suite of survey.Store: what every store must do, checked
// the same way against each. survey/mongo runs it against the embedded store in every test run,
// and against the MongoDB named by SKM_TEST_MONGODB_URI when it is set.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

var ctx = context.Background()

// Instances is a fresh, empty store, and a way to open more instances of it on the same data, as
// more engine processes would.
type Instances struct {
	survey.Store
	Another func(t *testing.T) survey.Store
}

// Opener returns fresh instances for each test.
type Opener func(t *testing.T) Instances

// Run runs the suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	for name, test := range map[string]func(*testing.T, Opener){
		"units and questionnaires": testUnitsAndQuestionnaires,
		"campaign lifecycle":       testCampaignLifecycle,
		"submit counts once":       testSubmitCountsOnceAndDeduplicates,
		"concurrent submits":       testConcurrentSubmitsMatchRecount,
		"two instances agree":      testTwoInstancesAgree,
		"case lifecycle":           testCaseLifecycle,
		"unit SLA":                 testUnitSLA,
		"triage":                   testTriage,
		"purge keeps counts":       testPurgeKeepsCounts,
	} {
		t.Run(name, func(t *testing.T) { test(t, open) })
	}
}

func testUnitsAndQuestionnaires(t *testing.T, open Opener) {
	s := open(t).Store
	Seed(t, s)

	if err := s.CreateUnit(ctx, &survey.Unit{Slug: "dpmptsp", Name: survey.Text{ID: "X"}}); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("duplicate unit: got %v, want conflict", err)
	}
	if _, err := s.Unit(ctx, "nope"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("unknown unit: got %v, want not_found", err)
	}
	if err := s.CreateUnit(ctx, &survey.Unit{Slug: "Bad Slug", Name: survey.Text{ID: "X"}}); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("bad slug: got %v, want invalid", err)
	}
	off := false
	u, err := s.UpdateUnit(ctx, "rsud-blambangan", survey.UnitUpdate{Active: &off})
	if err != nil || u.Active {
		t.Fatalf("deactivate: %v %+v", err, u)
	}
	active, _ := s.Units(ctx, survey.UnitFilter{ActiveOnly: true})
	if len(active) != 1 || active[0].Slug != "dpmptsp" {
		t.Errorf("active units = %v", active)
	}

	// v1 is pinned by the campaign: it cannot change, and a new version gets the next number.
	title := survey.Text{ID: "Survei baru"}
	if _, err := s.UpdateQuestionnaire(ctx, "v1", survey.QuestionnaireUpdate{Title: &title}); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("edit of a locked version: got %v, want conflict", err)
	}
	q := survey.StandardQuestionnaire()
	q.Base = "v1"
	q.Questions[0].Text.ID = "Apakah persyaratan pelayanan mudah dipenuhi?"
	if err := s.CreateQuestionnaire(ctx, q); err != nil || q.ID != "v2" {
		t.Fatalf("new version: %v %q", err, q.ID)
	}
	if _, err := s.UpdateQuestionnaire(ctx, "v2", survey.QuestionnaireUpdate{Title: &title}); err != nil {
		t.Errorf("edit of an unused version: %v", err)
	}
	got, _ := s.Questionnaire(ctx, "v1")
	if got.Questions[0].Text.ID != survey.StandardQuestions[0].Text.ID || !got.Locked {
		t.Errorf("v1 changed: %+v", got.Questions[0])
	}
}

func testCampaignLifecycle(t *testing.T, open Opener) {
	s := open(t).Store
	c := Seed(t, s)
	if c.State != survey.StateOpen || len(c.History) != 1 {
		t.Fatalf("seeded campaign: %+v", c)
	}
	if got, _ := s.Campaign(ctx, "2026-S2"); got.Units[0].Target != 278 {
		t.Errorf("target for population 1000 = %d, want 278", got.Units[0].Target)
	}
	next := &survey.Campaign{Key: "2027-S1", Questionnaire: "v1", Units: c.Units}
	if err := s.CreateCampaign(ctx, next); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TransitionCampaign(ctx, "2027-S1", survey.StateOpen, "admin", time.Now()); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("second open campaign: got %v, want conflict", err)
	}
	_, err := s.TransitionCampaign(ctx, "2026-S2", survey.StateArchived, "admin", time.Now())
	// The states are words people read, said in their language.
	if want := survey.Msg("err.campaign.transition", "2026-S2", survey.StateOpen.Message(), survey.StateArchived.Message()); survey.ErrorCode(err) != survey.ECONFLICT ||
		!reflect.DeepEqual(survey.ErrorMessage(err), want) {
		t.Errorf("open → archived: got %v, want conflict %+v", err, want)
	}
	for _, to := range []survey.State{survey.StateClosed, survey.StateArchived} {
		if _, err := s.TransitionCampaign(ctx, "2026-S2", to, "admin", time.Now()); err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
		// A second click says it is done already, and records nothing.
		_, err := s.TransitionCampaign(ctx, "2026-S2", to, "admin", time.Now())
		if want := survey.Msg("err.campaign.already", "2026-S2", to.Message()); survey.ErrorCode(err) != survey.ECONFLICT || !reflect.DeepEqual(survey.ErrorMessage(err), want) {
			t.Errorf("→ %s twice: got %v, want conflict %+v", to, err, want)
		}
	}
	if got, _ := s.Campaign(ctx, "2026-S2"); len(got.History) != 3 {
		t.Errorf("%d transitions recorded, want 3", len(got.History))
	}
	if _, err := s.UpdateCampaign(ctx, "2026-S2", survey.CampaignUpdate{Units: &c.Units}); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("edit of archived campaign: got %v, want conflict", err)
	}
	if err := s.CreateCampaign(ctx, &survey.Campaign{Key: "2026-S3", Questionnaire: "v1", Units: c.Units}); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("bad key: got %v, want invalid", err)
	}
	if err := s.CreateCampaign(ctx, &survey.Campaign{Key: "2028-S1", Questionnaire: "v1", Units: []survey.CampaignUnit{{Unit: "ghost"}}}); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("unknown unit: got %v, want not_found", err)
	}
	list, _ := s.Campaigns(ctx, survey.CampaignFilter{})
	if len(list) != 2 || list[0].Key != "2027-S1" {
		t.Errorf("campaigns newest first: %v", list)
	}
}

func testSubmitCountsOnceAndDeduplicates(t *testing.T, open Opener) {
	s := open(t).Store
	c := Seed(t, s)
	r := Response(c.Key, "dpmptsp", 1)
	first, err := s.Submit(ctx, r)
	if err != nil || first.Duplicate {
		t.Fatalf("first submit: %v %+v", err, first)
	}
	again := *r
	again.Answers[0] = 1 // a retry never changes what was stored
	second, err := s.Submit(ctx, &again)
	if err != nil || !second.Duplicate || !second.SubmittedAt.Equal(first.SubmittedAt) {
		t.Fatalf("retry: %v %+v", err, second)
	}
	tally, err := s.Tally(ctx, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	total := tally.Unit("dpmptsp").Total()
	if total.All.Respondents != 1 || total.All.Elements[0][r.Answers[0]-1] != 1 {
		t.Errorf("tally after a retried submit: %+v", total.All.Tally)
	}
	stored, _ := s.Response(ctx, r.Key)
	if stored.Answers != r.Answers {
		t.Errorf("stored answers %v, want the first %v", stored.Answers, r.Answers)
	}
	// A batch whose middle response was stored before: the store refuses it in the middle of the
	// batch's insert, and the responses around it are stored and counted all the same.
	batch := []*survey.Response{Response(c.Key, "dpmptsp", 2), &again, Response(c.Key, "dpmptsp", 3)}
	rcs, err := s.SubmitAll(ctx, batch)
	if err != nil || len(rcs) != 3 || rcs[0].Duplicate || !rcs[1].Duplicate || rcs[2].Duplicate {
		t.Fatalf("a batch around a stored key: %v %+v", err, rcs)
	}
	tally, err = s.Tally(ctx, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	if n := tally.Unit("dpmptsp").Total().All.Respondents; n != 3 {
		t.Errorf("%d respondents counted after the batch, want 3", n)
	}
	for _, r := range batch {
		if _, err := s.Response(ctx, r.Key); err != nil {
			t.Errorf("%s: %v", r.Key, err)
		}
	}
	// The same in a batch larger than a store may insert at once.
	batch = nil
	for i := range 150 {
		batch = append(batch, Response(c.Key, "dpmptsp", 100+i))
	}
	batch[3] = &again
	rcs, err = s.SubmitAll(ctx, batch)
	if err != nil || len(rcs) != 150 {
		t.Fatalf("a large batch around a stored key: %v", err)
	}
	for i, rc := range rcs {
		if rc.Duplicate != (i == 3) {
			t.Errorf("receipt %d of the large batch: %+v", i, rc)
		}
	}
	tally, err = s.Tally(ctx, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	if n := tally.Unit("dpmptsp").Total().All.Respondents; n != 3+149 {
		t.Errorf("%d respondents counted after the large batch, want %d", n, 3+149)
	}
	if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify: %v %v", err, diff)
	}
}

// testConcurrentSubmitsMatchRecount is the test that matters: the embedded store loses concurrent
// updates of one document, so tallies must stay exact under many concurrent writers.
func testConcurrentSubmitsMatchRecount(t *testing.T, open Opener) {
	s := open(t).Store
	c := Seed(t, s)
	const writers, each = 32, 12
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				unit := []string{"dpmptsp", "rsud-blambangan"}[(w+i)%2]
				if _, err := s.Submit(ctx, Response(c.Key, unit, w*each+i)); err != nil {
					errs <- err
				}
				// Every third writer also double-submits, as a double tap would.
				if w%3 == 0 {
					if rc, err := s.Submit(ctx, Response(c.Key, unit, w*each+i)); err != nil || !rc.Duplicate {
						errs <- fmt.Errorf("double submit: %v %+v", err, rc)
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	tally, err := s.Tally(ctx, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, slug := range []string{"dpmptsp", "rsud-blambangan"} {
		n += tally.Unit(slug).Total().All.Respondents
	}
	if n != writers*each {
		t.Errorf("respondents = %d, want %d", n, writers*each)
	}
	if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify after concurrent submits: %v\n%s", err, strings.Join(diff, "\n"))
	}
}

// testTwoInstancesAgree runs two stores on one database, as two engine instances would.
func testTwoInstancesAgree(t *testing.T, open Opener) {
	h := open(t)
	a, b := h.Store, h.Another(t)
	c := Seed(t, a)
	var wg sync.WaitGroup
	const per = 120
	for i, s := range []survey.Store{a, b} {
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(s survey.Store, base int) {
				defer wg.Done()
				for j := 0; j < per/8; j++ {
					if _, err := s.Submit(ctx, Response(c.Key, "dpmptsp", base+j)); err != nil {
						t.Error(err)
					}
				}
			}(s, i*per+g*(per/8))
		}
	}
	wg.Wait()
	// An acknowledgement means the entry is committed: the other instance counts it at once.
	ta, _ := a.Tally(ctx, c.Key)
	tb, _ := b.Tally(ctx, c.Key)
	if ta.Seq != tb.Seq || len(survey.Diff(ta, tb)) > 0 {
		t.Errorf("instances disagree at seq %d/%d: %v", ta.Seq, tb.Seq, survey.Diff(ta, tb))
	}
	if got := ta.Unit("dpmptsp").Total().All.Respondents; got != 2*per {
		t.Errorf("respondents = %d, want %d", got, 2*per)
	}
	if diff, _ := b.Verify(ctx, c.Key); len(diff) > 0 {
		t.Errorf("verify: %v", diff)
	}
	// A third instance starting cold from the checkpoints reaches the same state.
	cold := h.Another(t)
	tc, _ := cold.Tally(ctx, c.Key)
	if tc.Seq != ta.Seq || len(survey.Diff(ta, tc)) > 0 {
		t.Errorf("cold start disagrees: %v", survey.Diff(ta, tc))
	}
}

func testCaseLifecycle(t *testing.T, open Opener) {
	h := open(t)
	s := h.Store
	c := Seed(t, s)
	r := Response(c.Key, "dpmptsp", 21) // 21 % 7 == 0 and 21/7 % 3 == 0: a survey's complaint
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
	if err != nil || campaign != c.Key || got.State() != survey.CaseOpen || got.Kind != survey.KindComplaint || got.Source != survey.SourceSurvey {
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
	other := h.Another(t)
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

func testUnitSLA(t *testing.T, open Opener) {
	s := open(t).Store
	c := Seed(t, s)
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
	legacy := Response(c.Key, "dpmptsp", 7)
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

// testTriage stores a complaint, a suggestion and praise, reclassifies two and marks one read:
// another instance folds the same cases, the words of all three come back in one read, and a
// rebuild from the responses and the log's events agrees with what every instance folded.
func testTriage(t *testing.T, open Opener) {
	h := open(t)
	s := h.Store
	c := Seed(t, s)
	region := survey.DefaultRegion()
	at := time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)
	var ids []string
	for i, kind := range survey.CaseKinds {
		r := Response(c.Key, "dpmptsp", 100+i)
		r.Suggestion, r.CaseKind, r.SubmittedAt = "Pesan "+kind, kind, at
		r.OpenCase(&region, at)
		if _, err := s.Submit(ctx, r); err != nil {
			t.Fatal(err)
		}
		tally, _ := s.Tally(ctx, c.Key)
		cases := tally.Unit("dpmptsp").Cases
		ids = append(ids, cases[len(cases)-1].ID)
	}
	words, err := s.CaseWords(ctx, append([]string{"NOSUCHCASE00"}, ids...))
	if err != nil || len(words) != 3 || words[ids[1]] != "Pesan "+survey.KindSuggestion {
		t.Fatalf("the words of three cases in one read: %v %v", err, words)
	}
	if _, err := s.CaseWords(ctx, make([]string, survey.MaxCaseWords+1)); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("more words than a read may hold: %v", err)
	}
	tally, _ := s.Tally(ctx, c.Key)
	complaint, _ := tally.Unit("dpmptsp").Case(ids[0])
	praise, _ := tally.Unit("dpmptsp").Case(ids[2])
	later := at.Add(time.Hour)
	events := []survey.CaseEvent{
		complaint.Reclassify(survey.KindSuggestion, &region, "kepala", later),
		praise.Reclassify(survey.KindComplaint, &region, "kepala", later),
		{Case: ids[1], Unit: "dpmptsp", Type: survey.EventRead, By: "kepala", At: later},
	}
	if err := s.RecordCaseEvents(ctx, c.Key, events); err != nil {
		t.Fatal(err)
	}
	other, _ := h.Another(t).Tally(ctx, c.Key)
	u := other.Unit("dpmptsp")
	got := func(id string) *survey.Case { cs, _ := u.Case(id); return cs }
	if cs := got(ids[0]); cs.Kind != survey.KindSuggestion || cs.FiledAs() != survey.KindComplaint || cs.Clocked() {
		t.Errorf("the complaint made a suggestion: %+v", cs)
	}
	if cs := got(ids[2]); !cs.Clocked() || !cs.ClockStart().Equal(later) || !cs.DueAt.Equal(later.Add(4*time.Hour)) {
		t.Errorf("the praise made a complaint: %+v", cs)
	}
	if cs := got(ids[1]); cs.State() != survey.CaseRead {
		t.Errorf("the suggestion marked read: %+v", cs)
	}
	if sla := u.SLA(later); sla.Cases != 1 || sla.Open != 1 {
		t.Errorf("SLA after reclassifying: %+v", sla)
	}
	if err := s.Rebuild(ctx, c.Key); err != nil {
		t.Fatal(err)
	}
	if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify after triage: %v %v", err, diff)
	}
	rebuilt, _ := s.Tally(ctx, c.Key)
	if diff := survey.Diff(other, rebuilt); len(diff) > 0 {
		t.Errorf("the rebuild disagrees with the other instance: %v", diff)
	}
}

// testPurgeKeepsCounts deletes an archived campaign's raw responses and free text under the
// retention policy: the counts stay, for this instance and for a new one starting cold.
func testPurgeKeepsCounts(t *testing.T, open Opener) {
	h := open(t)
	s := h.Store
	c := Seed(t, s)
	for i := 0; i < 15; i++ {
		if _, err := s.Submit(ctx, Response(c.Key, "dpmptsp", i)); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := s.Tally(ctx, c.Key)
	want := before.Unit("dpmptsp").Total()
	if len(before.Unit("dpmptsp").Cases) == 0 {
		t.Fatal("fixture has no cases")
	}
	if _, err := s.PurgeResponses(ctx, c.Key, time.Now()); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Fatalf("purge of an open campaign: %v", err)
	}
	for _, to := range []survey.State{survey.StateClosed, survey.StateArchived} {
		if _, err := s.TransitionCampaign(ctx, c.Key, to, "test", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.PurgeResponses(ctx, c.Key, time.Now())
	if err != nil || n != 15 {
		t.Fatalf("purge: %d %v", n, err)
	}
	for _, store := range []survey.Store{s, h.Another(t)} {
		after, err := store.Tally(ctx, c.Key)
		if err != nil {
			t.Fatal(err)
		}
		got := after.Unit("dpmptsp").Total()
		if len(survey.Diff(&survey.CampaignTally{Units: map[string]*survey.UnitTally{"u": {Services: map[string]*survey.ServiceTally{"": &want}}}},
			&survey.CampaignTally{Units: map[string]*survey.UnitTally{"u": {Services: map[string]*survey.ServiceTally{"": &got}}}})) > 0 {
			t.Errorf("counts changed by the purge: %+v", got.All.Tally)
		}
		cases := after.Unit("dpmptsp").Cases
		if len(cases) != len(before.Unit("dpmptsp").Cases) {
			t.Errorf("the purge dropped cases: %d left", len(cases))
		}
		for _, c := range cases {
			words, err := store.CaseText(ctx, c.ID)
			if err != nil || words.Text != "" || c.ReceivedAt.IsZero() {
				t.Errorf("case after the purge: %v %+v %+v", err, c, words)
			}
		}
	}
	if _, err := s.Response(ctx, Response(c.Key, "dpmptsp", 1).Key); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("a raw response survived: %v", err)
	}
	if _, err := s.Verify(ctx, c.Key); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("verify of a purged campaign: %v", err)
	}
	if n, err := s.PurgeResponses(ctx, c.Key, time.Now()); err != nil || n != 0 {
		t.Errorf("second purge: %d %v", n, err)
	}
}

// Seed creates two units, the standard questionnaire and an open campaign 2026-S2.
func Seed(tb testing.TB, s survey.Store) *survey.Campaign {
	tb.Helper()
	for _, u := range []*survey.Unit{
		{Slug: "dpmptsp", Name: survey.Text{ID: "Dinas Penanaman Modal dan PTSP", EN: "Investment and One-Stop Service Office"}, OPD: "DPMPTSP", Active: true,
			Services: []survey.Service{{Code: "izin-usaha", Name: survey.Text{ID: "Izin usaha"}}, {Code: "pbg", Name: survey.Text{ID: "Persetujuan bangunan gedung"}}}},
		{Slug: "rsud-blambangan", Name: survey.Text{ID: "RSUD Blambangan"}, OPD: "Dinas Kesehatan", Active: true},
	} {
		if err := s.CreateUnit(ctx, u); err != nil {
			tb.Fatalf("create unit: %v", err)
		}
	}
	q := survey.StandardQuestionnaire()
	if err := s.CreateQuestionnaire(ctx, q); err != nil {
		tb.Fatalf("create questionnaire: %v", err)
	}
	c := &survey.Campaign{Key: "2026-S2", Questionnaire: q.ID, Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 1000}, {Unit: "rsud-blambangan"}}}
	if err := s.CreateCampaign(ctx, c); err != nil {
		tb.Fatalf("create campaign: %v", err)
	}
	c, err := s.TransitionCampaign(ctx, c.Key, survey.StateOpen, "test", time.Now())
	if err != nil {
		tb.Fatalf("open campaign: %v", err)
	}
	return c
}

// Response returns a valid response number i for the unit, with answers varying by i.
func Response(campaign, unit string, i int) *survey.Response {
	r := &survey.Response{
		Key: fmt.Sprintf("key-%s-%08d", unit, i), Campaign: campaign, Unit: unit, Questionnaire: "v1",
		Channel: survey.ChannelWeb, SubmittedAt: time.Date(2026, 8, 1+i%28, 9, 0, 0, 0, time.UTC),
		Profile: survey.Profile{Gender: survey.Genders[i%2], Age: 18 + i%60, Education: survey.Educations[i%7], Occupation: survey.Occupations[i%6]},
	}
	r.Day = r.SubmittedAt.Format(time.DateOnly)
	for e := range r.Answers {
		r.Answers[e] = int8(1 + (i+e)%4)
	}
	if i%10 == 3 {
		r.Answers[2] = 0 // a blank answer now and then
	}
	if unit == "dpmptsp" {
		r.Service = []string{"izin-usaha", "pbg", ""}[i%3]
	}
	if i%7 == 0 {
		// Every third message is a complaint, with its code and clock; the others are
		// suggestions and praise in turn.
		r.Suggestion = fmt.Sprintf("Pesan nomor %d", i)
		r.CaseKind = survey.CaseKinds[i/7%3]
		if r.CaseKind == survey.KindComplaint {
			r.CaseCode, r.CaseDue = survey.NewCaseCode(), r.SubmittedAt.Add(4*time.Hour)
		}
	}
	return r
}

package mongo_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

func TestUnitsAndQuestionnaires(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	mustSeed(t, s)

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

func TestCampaignLifecycle(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	c := mustSeed(t, s)
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

func TestSubmitCountsOnceAndDeduplicates(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	c := mustSeed(t, s)
	r := response(c.Key, "dpmptsp", 1)
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
	if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify: %v %v", err, diff)
	}
}

// TestConcurrentSubmitsMatchRecount is the test that matters: the embedded store loses concurrent
// updates of one document, so tallies must stay exact under many concurrent writers.
func TestConcurrentSubmitsMatchRecount(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	c := mustSeed(t, s)
	const writers, each = 32, 12
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				unit := []string{"dpmptsp", "rsud-blambangan"}[(w+i)%2]
				if _, err := s.Submit(ctx, response(c.Key, unit, w*each+i)); err != nil {
					errs <- err
				}
				// Every third writer also double-submits, as a double tap would.
				if w%3 == 0 {
					if rc, err := s.Submit(ctx, response(c.Key, unit, w*each+i)); err != nil || !rc.Duplicate {
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

// TestTwoInstancesAgree runs two stores on one database, as two engine instances would.
func TestTwoInstancesAgree(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	a := surveytest.MustOpenStoreOn(t, db, mongo.Options{CheckpointEvery: 8})
	b := surveytest.MustOpenStoreOn(t, db, mongo.Options{CheckpointEvery: 8})
	c := mustSeed(t, a)
	var wg sync.WaitGroup
	const per = 120
	for i, s := range []survey.Store{a, b} {
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(s survey.Store, base int) {
				defer wg.Done()
				for j := 0; j < per/8; j++ {
					if _, err := s.Submit(ctx, response(c.Key, "dpmptsp", base+j)); err != nil {
						t.Error(err)
					}
				}
			}(s, i*per+g*(per/8))
		}
	}
	wg.Wait()
	// Each instance acknowledges a batch before writing its commit, so the other instance sees
	// the last batches a moment later: wait until both have folded every response.
	var ta, tb *survey.CampaignTally
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		ta, _ = a.Tally(ctx, c.Key)
		tb, _ = b.Tally(ctx, c.Key)
		if ta.Unit("dpmptsp").Total().All.Respondents == 2*per && tb.Unit("dpmptsp").Total().All.Respondents == 2*per {
			break
		}
	}
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
	cold := surveytest.MustOpenStoreOn(t, db, mongo.Options{CheckpointEvery: 8})
	tc, _ := cold.Tally(ctx, c.Key)
	if tc.Seq != ta.Seq || len(survey.Diff(ta, tc)) > 0 {
		t.Errorf("cold start disagrees: %v", survey.Diff(ta, tc))
	}
}

var errCrash = errors.New("simulated crash")

// TestCrashBetweenResponseAndTally stops the write path after the responses are stored and before
// the tally commit, then restarts: every stored response is counted exactly once.
func TestCrashBetweenResponseAndTally(t *testing.T) {
	for _, step := range []string{"claimed", "inserted"} {
		t.Run(step, func(t *testing.T) {
			db := surveytest.MustOpenDatabase(t)
			var crashing sync.Mutex
			crash := false
			first := surveytest.MustOpenStoreOn(t, db, mongo.Options{FailAt: func(s string) error {
				crashing.Lock()
				defer crashing.Unlock()
				if crash && s == step {
					return errCrash
				}
				return nil
			}})
			c := mustSeed(t, first)
			acked := map[string]bool{}
			for i := 0; i < 30; i++ {
				crashing.Lock()
				crash = i >= 20
				crashing.Unlock()
				rc, err := first.Submit(ctx, response(c.Key, "dpmptsp", i))
				if err == nil {
					acked[rc.Key] = true
				} else if !errors.Is(err, errCrash) {
					t.Fatal(err)
				}
			}
			if len(acked) != 20 {
				t.Fatalf("acknowledged %d, want 20", len(acked))
			}
			first.Close()

			// The restarted engine recovers claims made before it started.
			second := surveytest.MustOpenStoreOn(t, db, mongo.Options{RecoverBefore: time.Now()})
			tally, err := second.Tally(ctx, c.Key)
			if err != nil {
				t.Fatal(err)
			}
			want := int64(20)
			if step == "inserted" {
				want = 30 // stored but unacknowledged responses are counted too: the tally equals a recount
			}
			if got := tally.Unit("dpmptsp").Total().All.Respondents; got != want {
				t.Errorf("respondents after recovery = %d, want %d", got, want)
			}
			for key := range acked {
				if _, err := second.Response(ctx, key); err != nil {
					t.Errorf("acknowledged response %s: %v", key, err)
				}
			}
			if diff, err := second.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
				t.Errorf("verify after recovery: %v %v", err, diff)
			}
			// Resubmitting an unacknowledged key returns the stored response's receipt, once.
			rc, err := second.Submit(ctx, response(c.Key, "dpmptsp", 25))
			if err != nil || rc.Duplicate != (step == "inserted") {
				t.Errorf("resubmit after crash: %v %+v", err, rc)
			}
			tally, _ = second.Tally(ctx, c.Key)
			if got := tally.Unit("dpmptsp").Total().All.Respondents; got != map[string]int64{"claimed": 21, "inserted": 30}[step] {
				t.Errorf("respondents after resubmit = %d", got)
			}
		})
	}
}

func TestRebuildRepairsTampering(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	c := mustSeed(t, s)
	for i := 0; i < 10; i++ {
		if _, err := s.Submit(ctx, response(c.Key, "rsud-blambangan", i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Collection("responses").DeleteOne(ctx, map[string]string{"_id": response(c.Key, "rsud-blambangan", 4).Key}); err != nil {
		t.Fatal(err)
	}
	diff, err := s.Verify(ctx, c.Key)
	if err != nil || len(diff) == 0 {
		t.Fatalf("verify missed a deleted response: %v %v", err, diff)
	}
	if err := s.Rebuild(ctx, c.Key); err != nil {
		t.Fatal(err)
	}
	if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify after rebuild: %v %v", err, diff)
	}
	tally, _ := s.Tally(ctx, c.Key)
	if got := tally.Unit("rsud-blambangan").Total().All.Respondents; got != 9 {
		t.Errorf("respondents after rebuild = %d, want 9", got)
	}
	// Submissions after the rebuild fold on top of it.
	if _, err := s.Submit(ctx, response(c.Key, "rsud-blambangan", 100)); err != nil {
		t.Fatal(err)
	}
	if err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	cold := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	tally, _ = cold.Tally(ctx, c.Key)
	if got := tally.Unit("rsud-blambangan").Total().All.Respondents; got != 10 {
		t.Errorf("respondents seen by a new instance = %d, want 10", got)
	}
}

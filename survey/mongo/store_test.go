package mongo_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

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

package mongo_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestCountAttemptIsExactUnderConcurrency counts 40 attempts at once under one key: each gets its
// own number, 1 to 40, and the window holds 40; past the limit the count stops at limit+1.
func TestCountAttemptIsExactUnderConcurrency(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	window := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	var got []int
	var wg sync.WaitGroup
	for range 40 {
		wg.Go(func() {
			n, err := s.CountAttempt(ctx, "signin|admin", window, 100)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			got = append(got, n)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(got)
	for i, n := range got {
		if n != i+1 {
			t.Fatalf("numbers given: %v, want 1 to 40 once each", got)
		}
	}
	if n, err := s.Attempts(ctx, "signin|admin", window, 100); err != nil || n != 40 {
		t.Errorf("the window holds %d (%v), want 40", n, err)
	}
	if n, _ := s.CountAttempt(ctx, "signin|admin", window, 10); n != 11 {
		t.Errorf("past a limit of 10: %d, want 11", n)
	}
	if n, _ := s.CountAttempt(ctx, "signin|admin", window.Add(time.Hour), 10); n != 1 {
		t.Errorf("in the next window: %d, want 1", n)
	}
}

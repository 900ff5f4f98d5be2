package mongo_test

import (
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestStoreOutage cuts the store away mid-stream: submissions fail fast as unavailable (nothing is
// acknowledged that is not stored), and when the store returns everything recovers by itself and
// every acknowledged response is counted once.
func TestStoreOutage(t *testing.T) {
	proxy := surveytest.MustStartProxy(t)
	db := proxy.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{StaleClaimAfter: 2 * time.Second, BatchTimeout: 3 * time.Second})
	c := mustSeed(t, s)

	acked := map[string]bool{}
	submit := func(i int) error {
		rc, err := s.Submit(ctx, response(c.Key, "dpmptsp", i))
		if err == nil {
			acked[rc.Key] = true
		}
		return err
	}
	for i := 0; i < 10; i++ {
		if err := submit(i); err != nil {
			t.Fatal(err)
		}
	}
	proxy.Cut()
	start := time.Now()
	for i := 10; i < 15; i++ {
		if err := submit(i); survey.ErrorCode(err) != survey.EUNAVAILABLE {
			t.Fatalf("submit during the outage: %v", err)
		}
	}
	if err := s.Ping(ctx); survey.ErrorCode(err) != survey.EUNAVAILABLE {
		t.Errorf("ping during the outage: %v", err)
	}
	t.Logf("5 submissions refused in %v during the outage", time.Since(start).Round(time.Millisecond))

	proxy.Restore()
	deadline := time.Now().Add(20 * time.Second)
	for s.Ping(ctx) != nil && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	for i := 10; i < 20; i++ { // the refused ones are resent with the same keys, and more arrive
		if err := submit(i); err != nil {
			t.Fatalf("submit after the store returned: %v", err)
		}
	}
	var diff []string
	var err error
	for time.Now().Before(deadline) {
		if diff, err = s.Verify(ctx, c.Key); err == nil && len(diff) == 0 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil || len(diff) > 0 {
		t.Fatalf("verify after the outage: %v %v", err, diff)
	}
	tally, _ := s.Tally(ctx, c.Key)
	if got := tally.Unit("dpmptsp").Total().All.Respondents; got != int64(len(acked)) || len(acked) != 20 {
		t.Errorf("counted %d, acknowledged %d, want 20", got, len(acked))
	}
}

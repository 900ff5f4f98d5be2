package mongo_test

import (
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// pause is a FailAt hook that stops the writer at a step once, until released.
type pause struct {
	step     string
	once     sync.Once
	paused   chan struct{}
	released chan struct{}
}

func newPause(step string) *pause {
	return &pause{step: step, paused: make(chan struct{}), released: make(chan struct{})}
}

func (p *pause) failAt(step string) error {
	if step == p.step {
		p.once.Do(func() {
			close(p.paused)
			<-p.released
		})
	}
	return nil
}

// TestSlowWriterIsFenced pauses writer B right after it claimed an entry, while instance A gives up
// waiting and recovers the claim (B's response is not stored yet, so the recovery leaves it out).
// When B goes on, its response lands, its commit is refused, and B must not acknowledge what the
// recovery left out; every instance agrees with a recount, and the resident's resubmission is
// stored and counted once.
func TestSlowWriterIsFenced(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	a := surveytest.MustOpenStoreOn(t, db, mongo.Options{StaleClaimAfter: 200 * time.Millisecond})
	c := mustSeed(t, a)
	p := newPause("claimed")
	b := surveytest.MustOpenStoreOn(t, db, mongo.Options{FailAt: p.failAt})
	r := response(c.Key, "dpmptsp", 7) // with a suggestion: its words must go too
	type result struct {
		rc  *survey.Receipt
		err error
	}
	done := make(chan result, 1)
	go func() {
		rc, err := b.Submit(ctx, r)
		done <- result{rc, err}
	}()
	<-p.paused
	// A watches the claim stay open for longer than StaleClaimAfter, on its own clock, and
	// recovers it.
	deadline := time.Now().Add(10 * time.Second)
	for !recovered(t, db, c.Key) && time.Now().Before(deadline) {
		if _, err := a.Tally(ctx, c.Key); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !recovered(t, db, c.Key) {
		t.Fatal("A did not recover B's claim")
	}
	close(p.released)
	res := <-done
	if res.err == nil {
		t.Fatalf("B acknowledged a response the recovery left out: %+v", res.rc)
	}
	if survey.ErrorCode(res.err) != survey.EUNAVAILABLE {
		t.Errorf("B's answer: %v, want unavailable (send again)", res.err)
	}
	if n, _ := db.Collection("responses").CountDocuments(ctx, bson.D{{Key: "_id", Value: r.Key}}); n != 0 {
		t.Error("B left the response it stored in vain")
	}
	// The resident sends again: stored once, counted once, everywhere.
	if _, err := b.Submit(ctx, r); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*mongo.Store{"A": a, "B": b} {
		tally, err := s.Tally(ctx, c.Key)
		if err != nil {
			t.Fatal(err)
		}
		if got := tally.Unit("dpmptsp").Total().All.Respondents; got != 1 || len(tally.Unit("dpmptsp").Cases) != 1 {
			t.Errorf("%s counts %d respondents and %d cases, want 1 and 1", name, got, len(tally.Unit("dpmptsp").Cases))
		}
		if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
			t.Errorf("%s: verify: %v %v", name, err, diff)
		}
		if p := againstRecount(t, db, s, c.Key); len(p) > 0 {
			t.Errorf("%s: %v", name, p)
		}
	}
}

func recovered(t *testing.T, db *driver.Database, campaign string) bool {
	n, err := db.Collection("responses").CountDocuments(ctx, bson.D{{Key: "log", Value: campaign}, {Key: "recovered", Value: true}})
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// TestClocksApartAgree runs two instances whose clocks are 60 s apart, submitting at once: since
// no decision depends on comparing their clocks, they agree with a recount and lose nothing.
func TestClocksApartAgree(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	ahead := func() time.Time { return time.Now().Add(30 * time.Second) }
	behind := func() time.Time { return time.Now().Add(-30 * time.Second) }
	a := surveytest.MustOpenStoreOn(t, db, mongo.Options{Now: ahead, StaleClaimAfter: 2 * time.Second})
	b := surveytest.MustOpenStoreOn(t, db, mongo.Options{Now: behind, StaleClaimAfter: 2 * time.Second})
	c := mustSeed(t, a)
	sub := &submissions{acked: map[string]string{}}
	var wg, readers sync.WaitGroup
	stop := make(chan struct{})
	for _, s := range []*mongo.Store{a, b} { // readers on both look at each other's claims all along
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
					_, _ = s.Tally(ctx, c.Key)
				}
			}
		}()
	}
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 15 {
				sub.submit([]*mongo.Store{a, b}[w%2], response(c.Key, "dpmptsp", w*100+i))
			}
		}()
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	if len(sub.acked) != 120 {
		t.Errorf("%d of 120 submissions acknowledged", len(sub.acked))
	}
	for name, s := range map[string]*mongo.Store{"ahead": a, "behind": b} {
		if err := s.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
			t.Errorf("%s: verify: %v %v", name, err, diff)
		}
		if p := againstRecount(t, db, s, c.Key); len(p) > 0 {
			t.Errorf("%s: %v", name, p)
		}
	}
	tally, _ := b.Tally(ctx, c.Key)
	if got := tally.Unit("dpmptsp").Total().All.Respondents; got != int64(len(sub.acked)) {
		t.Errorf("counted %d, acknowledged %d", got, len(sub.acked))
	}
}

// TestWriteConcernErrorAcknowledgesNothing makes the responses' insert land but come back with a
// write-concern error, as a replica set that cannot reach a majority answers: the resident is not
// told the response is stored, and no tally counts it.
func TestWriteConcernErrorAcknowledgesNothing(t *testing.T) {
	wce := driver.BulkWriteException{WriteConcernError: &driver.WriteConcernError{Name: "WriteConcernFailed", Code: 64}}
	s := surveytest.MustOpenStore(t, mongo.Options{Writes: func(step string, do func() error) error {
		if err := do(); err != nil || step != mongo.StepResponses {
			return err
		}
		return wce
	}})
	c := mustSeed(t, s)
	r := response(c.Key, "dpmptsp", 7)
	if rc, err := s.Submit(ctx, r); survey.ErrorCode(err) != survey.EUNAVAILABLE {
		t.Fatalf("submit under a write-concern error: %+v %v, want unavailable", rc, err)
	}
	tally, _ := s.Tally(ctx, c.Key)
	if n := tally.Unit("dpmptsp").Total().All.Respondents; n != 0 || len(tally.Unit("dpmptsp").Cases) != 0 {
		t.Errorf("counted %d respondents, %d cases", n, len(tally.Unit("dpmptsp").Cases))
	}
	if _, err := s.Response(ctx, r.Key); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("the response is still there: %v", err)
	}
	if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify: %v %v", err, diff)
	}
}

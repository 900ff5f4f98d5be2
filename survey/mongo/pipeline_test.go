package mongo_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// breakage plays a store whose pipeline is broken on purpose: it skips one write, or writes two
// in the wrong order and dies between them. After dying, every write fails.
type breakage struct {
	name  string
	skip  string // the step whose write is silently dropped
	first string // the step written second by a broken writer...
	then  string // ...after this one, and dying right after it
}

var errDied = errors.New("the broken writer died")

func (b breakage) writes() func(step string, do func() error) error {
	if b.skip == "" && b.first == "" {
		return nil
	}
	var mu sync.Mutex
	dead := false
	return func(step string, do func() error) error {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case dead:
			return errDied
		case step == b.skip:
			return nil
		case step == b.first:
			return nil // held back, and never written: the writer dies first
		case step == b.then:
			_ = do()
			dead = true
			return errDied
		}
		return do()
	}
}

// submissions are what residents sent and what the store acknowledged.
type submissions struct {
	mu    sync.Mutex
	acked map[string]string // key → the words of its suggestion
}

func (sub *submissions) submit(s *mongo.Store, r *survey.Response) {
	if rc, err := s.Submit(ctx, r); err == nil {
		sub.mu.Lock()
		sub.acked[rc.Key] = r.Suggestion
		sub.mu.Unlock()
	}
}

// pipelineProblems stores responses through a broken instance a and a sound instance b at once,
// then lists every way the stored data breaks the store's promises, judged from the documents
// themselves: every acknowledged response stored and counted by its entry's commit, with its
// words; an instance starting cold (recovering open claims at once) agrees with a recount of
// the stored documents; Verify finds nothing.
func pipelineProblems(t *testing.T, b breakage) []string {
	db := surveytest.MustOpenDatabase(t)
	a := surveytest.MustOpenStoreOn(t, db, mongo.Options{Writes: b.writes(), StaleClaimAfter: time.Hour, CheckpointEvery: 4})
	sound := surveytest.MustOpenStoreOn(t, db, mongo.Options{StaleClaimAfter: time.Hour, CheckpointEvery: 4})
	c := mustSeed(t, sound)
	sub := &submissions{acked: map[string]string{}}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := []*mongo.Store{a, sound}[w%2]
			for i := range 12 {
				sub.submit(s, response(c.Key, []string{"dpmptsp", "rsud-blambangan"}[i%2], w*100+i))
			}
		}()
	}
	wg.Wait()
	_ = a.Flush(ctx)
	if err := sound.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if len(sub.acked) < 48 {
		t.Fatalf("only %d submissions acknowledged", len(sub.acked))
	}
	var problems []string
	for key, words := range sub.acked {
		var d struct {
			Campaign string `bson:"campaign"`
			Seq      int64  `bson:"seq"`
		}
		if err := db.Collection("responses").FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&d); err != nil {
			problems = append(problems, fmt.Sprintf("acknowledged %s is not stored: %v", key, err))
			continue
		}
		if !committedWith(t, db, d.Campaign, d.Seq, key) {
			problems = append(problems, fmt.Sprintf("acknowledged %s is not counted by the commit of entry %d", key, d.Seq))
		}
		if r, err := sound.Response(ctx, key); err != nil || r.Suggestion != words {
			problems = append(problems, fmt.Sprintf("acknowledged %s is stored without its words: %v", key, err))
		}
	}
	cold := surveytest.MustOpenStoreOn(t, db, mongo.Options{RecoverBefore: time.Now().Add(time.Second)})
	problems = append(problems, againstRecount(t, db, cold, c.Key)...)
	if diff, err := cold.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		problems = append(problems, fmt.Sprintf("verify: %v %v", err, diff))
	}
	return problems
}

// committedWith reports whether the commit of the entry exists and counts the key.
func committedWith(t *testing.T, db *driver.Database, campaign string, seq int64, key string) bool {
	var c struct {
		Excluded []string `bson:"excluded"`
	}
	if err := db.Collection("responses").FindOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprintf("%s/%d/commit", campaign, seq)}}).Decode(&c); err != nil {
		return false
	}
	for _, k := range c.Excluded {
		if k == key {
			return false
		}
	}
	return true
}

// againstRecount compares an instance's tallies with a recount made here from the stored
// documents: respondents and cases per unit, counting each response its entry's commit counts.
func againstRecount(t *testing.T, db *driver.Database, s *mongo.Store, campaign string) []string {
	cur, err := db.Collection("responses").Find(ctx, bson.D{{Key: "campaign", Value: campaign}})
	if err != nil {
		t.Fatal(err)
	}
	var docs []struct {
		Key  string `bson:"_id"`
		Unit string `bson:"unit"`
		Seq  int64  `bson:"seq"`
		Kind string `bson:"kind"`
		Case bool   `bson:"case"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		t.Fatal(err)
	}
	respondents, cases := map[string]int64{}, map[string]int{}
	for _, d := range docs {
		if !committedWith(t, db, campaign, d.Seq, d.Key) {
			continue
		}
		if d.Kind == "" {
			respondents[d.Unit]++
		}
		if d.Case {
			cases[d.Unit]++
		}
	}
	tally, err := s.Tally(ctx, campaign)
	if err != nil {
		return []string{fmt.Sprintf("tally: %v", err)}
	}
	var out []string
	for _, unit := range []string{"dpmptsp", "rsud-blambangan"} {
		u := tally.Unit(unit)
		if got := u.Total().All.Respondents; got != respondents[unit] {
			out = append(out, fmt.Sprintf("%s: %d respondents in the tally, %d stored and counted", unit, got, respondents[unit]))
		}
		if len(u.Cases) != cases[unit] {
			out = append(out, fmt.Sprintf("%s: %d cases in the tally, %d stored and counted", unit, len(u.Cases), cases[unit]))
		}
	}
	return out
}

// TestPipelineChecksNoticeEachBrokenWrite runs the same submissions through a sound store, which
// must keep every promise, and through stores each broken in one write of the pipeline, each of
// which the checks must catch: a check that cannot fail proves nothing.
func TestPipelineChecksNoticeEachBrokenWrite(t *testing.T) {
	t.Run("sound", func(t *testing.T) {
		if p := pipelineProblems(t, breakage{}); len(p) > 0 {
			t.Errorf("the sound store breaks its promises:\n%v", p)
		}
	})
	for _, b := range []breakage{
		{name: "claim skipped", skip: mongo.StepClaim},
		{name: "responses skipped", skip: mongo.StepResponses},
		{name: "cases skipped", skip: mongo.StepCases},
		{name: "commit skipped", skip: mongo.StepCommit},
		{name: "commit before responses", first: mongo.StepResponses, then: mongo.StepCommit},
		{name: "responses before claim", first: mongo.StepClaim, then: mongo.StepResponses},
	} {
		t.Run(b.name, func(t *testing.T) {
			p := pipelineProblems(t, b)
			if len(p) == 0 {
				t.Fatalf("the checks did not notice: %s", b.name)
			}
			t.Logf("noticed %d problems, such as: %s", len(p), p[0])
		})
	}
}

// checkpointProblems purges an archived campaign through a broken instance and lists how the
// tallies a cold instance then reads differ from those before the purge: after the purge the
// checkpoint is all there is.
func checkpointProblems(t *testing.T, b breakage) []string {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{CheckpointEvery: 4})
	c := mustSeed(t, s)
	mustArchiveWith(t, s, c.Key, 30)
	before, _ := s.Tally(ctx, c.Key)
	// The broken instance writes no checkpoint of its own: the purge's is the one it breaks.
	broken := surveytest.MustOpenStoreOn(t, db, mongo.Options{Writes: b.writes(), CheckpointEvery: 1 << 30})
	_, _ = broken.PurgeResponses(ctx, c.Key, time.Now())
	cold := surveytest.MustOpenStoreOn(t, db, mongo.Options{RecoverBefore: time.Now().Add(time.Second)})
	after, err := cold.Tally(ctx, c.Key)
	if err != nil {
		return []string{fmt.Sprintf("cold start after the purge: %v", err)}
	}
	return survey.Diff(before, after)
}

// TestCheckpointChecksNoticeEachBrokenWrite does for checkpoints what the pipeline test does for
// submissions.
func TestCheckpointChecksNoticeEachBrokenWrite(t *testing.T) {
	t.Run("sound", func(t *testing.T) {
		if p := checkpointProblems(t, breakage{}); len(p) > 0 {
			t.Errorf("the sound store loses counts in a purge:\n%v", p)
		}
	})
	for _, b := range []breakage{
		{name: "checkpoint skipped", skip: mongo.StepCheckpoint},
		{name: "checkpoint head skipped", skip: mongo.StepCheckpointHead},
		{name: "head before checkpoint", first: mongo.StepCheckpoint, then: mongo.StepCheckpointHead},
	} {
		t.Run(b.name, func(t *testing.T) {
			p := checkpointProblems(t, b)
			if len(p) == 0 {
				t.Fatalf("the checks did not notice: %s", b.name)
			}
			t.Logf("noticed %d problems, such as: %s", len(p), p[0])
		})
	}
}

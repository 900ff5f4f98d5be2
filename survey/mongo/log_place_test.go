package mongo_test

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// A store written before the tally log moved beside the responses keeps its log in tally_log,
// each entry naming its campaign in "campaign". The next start moves it: the tallies read from
// the moved log equal those before, verify finds nothing, and the old collection is gone.
func TestLegacyTallyLogIsMoved(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{CheckpointEvery: 4})
	c := mustSeed(t, s)
	for i := range 30 {
		if _, err := s.Submit(ctx, response(c.Key, []string{"dpmptsp", "rsud-blambangan"}[i%2], i)); err != nil {
			t.Fatal(err)
		}
	}
	before, err := s.Tally(ctx, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Put the log back where, and as, the old version kept it.
	responses, legacy := db.Collection("responses"), db.Collection("tally_log")
	cur, err := responses.Find(ctx, bson.D{{Key: "log", Value: bson.D{{Key: "$exists", Value: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	var entries []bson.D
	if err := cur.All(ctx, &entries); err != nil || len(entries) == 0 {
		t.Fatalf("%d log entries: %v", len(entries), err)
	}
	for _, d := range entries {
		for i := range d {
			if d[i].Key == "log" {
				d[i].Key = "campaign"
			}
		}
		if _, err := legacy.InsertOne(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := responses.DeleteMany(ctx, bson.D{{Key: "log", Value: bson.D{{Key: "$exists", Value: true}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Collection("tally_checkpoints").DeleteMany(ctx, bson.D{}); err != nil { // read the log, not a checkpoint
		t.Fatal(err)
	}
	if _, err := db.Collection("tally_heads").DeleteMany(ctx, bson.D{}); err != nil {
		t.Fatal(err)
	}

	upgraded := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	after, err := upgraded.Tally(ctx, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	if after.Unit("dpmptsp").Total().All.Respondents != 15 || after.Unit("rsud-blambangan").Total().All.Respondents != 15 {
		t.Errorf("after the move: %d and %d respondents, want 15 and 15",
			after.Unit("dpmptsp").Total().All.Respondents, after.Unit("rsud-blambangan").Total().All.Respondents)
	}
	if diff := survey.Diff(before, after); len(diff) > 0 {
		t.Errorf("the tallies changed in the move: %d differences, such as %v", len(diff), diff[:min(3, len(diff))])
	}
	if diff, err := upgraded.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify: %v %v", err, diff)
	}
	names, err := db.ListCollectionNames(ctx, bson.D{{Key: "name", Value: "tally_log"}})
	if err != nil || len(names) != 0 {
		t.Errorf("the old tally log is still there: %v %v", names, err)
	}
	// New submissions go on after the moved entries.
	if _, err := upgraded.Submit(ctx, response(c.Key, "dpmptsp", 99)); err != nil {
		t.Fatal(err)
	}
	if diff, err := upgraded.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify after a new submission: %v %v", err, diff)
	}
}

// The tally log shares the responses' collection, so a submission key that looks like a log
// entry's _id must never reach it, whoever calls the store.
func TestKeyLikeALogEntryIsRefused(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	c := mustSeed(t, s)
	for _, key := range []string{c.Key + "/1", c.Key + "/1/commit"} {
		r := response(c.Key, "dpmptsp", 1)
		r.Key = key
		if _, err := s.Submit(ctx, r); survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("key %q: %v, want invalid", key, err)
		}
	}
	if _, err := s.Submit(ctx, response(c.Key, "dpmptsp", 2)); err != nil {
		t.Fatal(err)
	}
	if diff, err := s.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
		t.Errorf("verify: %v %v", err, diff)
	}
}

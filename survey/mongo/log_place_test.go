package mongo_test

import (
	"fmt"
	"testing"
	"time"

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

	// A move interrupted after its first entry: the next start completes it. An entry beside the
	// responses that differs from the old one under the same _id stops the start instead.
	first := append(bson.D{}, entries[0]...)
	for i := range first {
		if first[i].Key == "campaign" {
			first[i].Key = "log"
		}
	}
	if _, err := responses.InsertOne(ctx, first); err != nil {
		t.Fatal(err)
	}
	second := append(bson.D{}, entries[1]...)
	for i := range second {
		switch second[i].Key {
		case "campaign":
			second[i].Key = "log"
		case "writer":
			second[i].Value = "another"
		}
	}
	if _, err := responses.InsertOne(ctx, second); err != nil {
		t.Fatal(err)
	}
	if _, err := mongo.Open(ctx, db, mongo.Options{}); err == nil {
		t.Fatal("the start moved the old log over an entry that differs")
	}
	if _, err := responses.DeleteOne(ctx, bson.D{{Key: "_id", Value: second[0].Value}}); err != nil {
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

// An instance behind another claims a number already taken: its batch, small enough for one
// insert or not, goes under the next free entry, every response acknowledged is counted once, and
// nothing lands under the other instance's entry.
func TestBehindClaimsAfterTheLogEnd(t *testing.T) {
	for _, n := range []int{50, 150} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			db := surveytest.MustOpenDatabase(t)
			ahead := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
			behind := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
			c := mustSeed(t, ahead)
			if _, err := behind.Tally(ctx, c.Key); err != nil { // it knows the log's end now
				t.Fatal(err)
			}
			if _, err := ahead.Submit(ctx, response(c.Key, "dpmptsp", 0)); err != nil {
				t.Fatal(err)
			}
			var rs []*survey.Response
			for i := range n {
				rs = append(rs, response(c.Key, "rsud-blambangan", 1+i))
			}
			rcs, err := behind.SubmitAll(ctx, rs)
			if err != nil || len(rcs) != n {
				t.Fatalf("submit %d behind: %v", n, err)
			}
			cold := surveytest.MustOpenStoreOn(t, db, mongo.Options{RecoverBefore: time.Now().Add(time.Second)})
			tally, err := cold.Tally(ctx, c.Key)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := tally.Unit("dpmptsp").Total().All.Respondents, tally.Unit("rsud-blambangan").Total().All.Respondents; a != 1 || b != int64(n) {
				t.Errorf("a cold instance counts %d and %d, want 1 and %d", a, b, n)
			}
			if diff, err := cold.Verify(ctx, c.Key); err != nil || len(diff) > 0 {
				t.Errorf("verify: %v %v", err, diff[:min(3, len(diff))])
			}
		})
	}
}

// After an insert of unknown outcome, the writer takes the entry for its own only if the stored
// claim is this very claim: an earlier claim of its own for the same number is not.
func TestOwnClaimIsThisClaim(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	c := mustSeed(t, s)
	if _, err := s.Submit(ctx, response(c.Key, "dpmptsp", 0)); err != nil {
		t.Fatal(err)
	}
	var claim struct {
		Seq     int64     `bson:"seq"`
		At      time.Time `bson:"at"`
		Records []byte    `bson:"records"`
	}
	if err := db.Collection("responses").FindOne(ctx, bson.D{{Key: "log", Value: c.Key}, {Key: "kind", Value: bson.D{{Key: "$exists", Value: false}}}}).Decode(&claim); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		records []byte
		at      time.Time
		want    bool
	}{
		{"the same claim", claim.Records, claim.At, true},
		{"other records", []byte(`[]`), claim.At, false},
		{"another time", claim.Records, claim.At.Add(time.Second), false},
	} {
		if got, err := mongo.OwnsClaim(ctx, s, c.Key, claim.Seq, tc.records, tc.at); err != nil || got != tc.want {
			t.Errorf("%s: %v %v, want %v", tc.name, got, err, tc.want)
		}
	}
}

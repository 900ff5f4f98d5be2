package mongo_test

import (
	"encoding/json"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestPurgeLeavesNoRecords checks, in the stored documents, what the purge deletes: the records
// its tally log kept, the older commits and the cases' words; an instance still behind the purge
// meets the emptied log and starts from the checkpoint, with the counts unchanged.
func TestPurgeLeavesNoRecords(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{CheckpointEvery: 4})
	behind := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	c := mustSeed(t, s)
	if _, err := behind.Tally(ctx, c.Key); err != nil { // it loads now and does not look again
		t.Fatal(err)
	}
	mustArchiveWith(t, s, c.Key, 15)
	before, _ := s.Tally(ctx, c.Key)
	if _, err := s.PurgeResponses(ctx, c.Key, time.Now()); err != nil {
		t.Fatal(err)
	}
	count := func(col string, filter bson.D) int64 {
		n, err := db.Collection(col).CountDocuments(ctx, filter)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("responses", bson.D{{Key: "log", Value: c.Key}, {Key: "kind", Value: "commit"}}); n != 1 {
		t.Errorf("the tally log keeps %d commits after the purge, want only the reset entry's", n)
	}
	if n := count("responses", bson.D{{Key: "log", Value: c.Key}, {Key: "records", Value: bson.D{{Key: "$exists", Value: true}}}}); n != 0 {
		t.Errorf("the tally log keeps the records of %d entries after the purge", n)
	}
	if n := count("cases", bson.D{}); n != 0 {
		t.Errorf("%d documents of cases' words survive the purge", n)
	}
	after, err := behind.Tally(ctx, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	if diff := survey.Diff(before, after); len(diff) > 0 || after.Unit("dpmptsp").Total().All.Respondents != 15 {
		t.Errorf("the instance behind the purge reads %d respondents, %d differences, such as %v",
			after.Unit("dpmptsp").Total().All.Respondents, len(diff), diff[:min(3, len(diff))])
	}
	// A second purge finds the campaign purged and deletes nothing.
	if n, err := s.PurgeResponses(ctx, c.Key, time.Now()); err != nil || n != 0 {
		t.Errorf("second purge: %d %v", n, err)
	}
}

// TestLargeSubmitAllIsSplit submits more responses at once than a batch may hold: they go in
// several entries, none listing more records than the limit, and all are counted.
func TestLargeSubmitAllIsSplit(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{MaxBatch: 100})
	c := mustSeed(t, s)
	var rs []*survey.Response
	for i := range 450 {
		rs = append(rs, response(c.Key, "dpmptsp", i))
	}
	if _, err := s.SubmitAll(ctx, rs); err != nil {
		t.Fatal(err)
	}
	cur, err := db.Collection("responses").Find(ctx, bson.D{{Key: "log", Value: c.Key}, {Key: "kind", Value: bson.D{{Key: "$exists", Value: false}}}})
	if err != nil {
		t.Fatal(err)
	}
	var claims []struct {
		Records []byte `bson:"records"`
	}
	if err := cur.All(ctx, &claims); err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		var records []survey.Record
		if err := json.Unmarshal(c.Records, &records); err != nil || len(records) > 100 {
			t.Errorf("a claim lists %d records: %v", len(records), err)
		}
	}
	if len(claims) < 5 {
		t.Errorf("%d entries for 450 responses in batches of 100", len(claims))
	}
	tally, _ := s.Tally(ctx, c.Key)
	if n := tally.Unit("dpmptsp").Total().All.Respondents; n != 450 {
		t.Errorf("counted %d of 450", n)
	}
}

package mongo_test

import (
	"fmt"
	"slices"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// An export reads the cases' words in a scan beside the responses' scan. Whatever order the store
// hands the cases back in, every response must come with its own words: the test checks them
// against what was submitted, with the cases in the order they were written, then in the reverse
// order (each far beyond what the scan reads ahead, so the lookup by ID has to answer).
func TestEachResponseGivesEveryCaseItsWords(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	c := mustSeed(t, s)
	want := map[string]string{} // key → words, as submitted
	var rs []*survey.Response
	for i := range 1400 {
		unit := []string{"dpmptsp", "rsud-blambangan"}[i%2]
		r := response(c.Key, unit, i)
		if i%5 != 0 {
			r.Suggestion = fmt.Sprintf("Kata-kata responden %d di %s", i, unit)
			if r.CaseKind == "" {
				r.CaseKind = survey.KindSuggestion
			}
		}
		want[r.Key] = r.Suggestion
		rs = append(rs, r)
	}
	if _, err := s.SubmitAll(ctx, rs); err != nil {
		t.Fatal(err)
	}

	check := func(t *testing.T, unit string) {
		t.Helper()
		got := map[string]string{}
		err := s.EachResponse(ctx, c.Key, unit, func(r *survey.Response) error {
			if _, twice := got[r.Key]; twice {
				t.Errorf("%s streamed twice", r.Key)
			}
			if unit != "" && r.Unit != unit {
				t.Errorf("%s of unit %s streamed for %s", r.Key, r.Unit, unit)
			}
			got[r.Key] = r.Suggestion
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		wrong, count := 0, 0
		for key, words := range want {
			if unit != "" && rs[slices.IndexFunc(rs, func(r *survey.Response) bool { return r.Key == key })].Unit != unit {
				continue
			}
			count++
			if got[key] != words && wrong < 5 {
				t.Errorf("%s: words %q, submitted %q", key, got[key], words)
				wrong++
			}
		}
		if len(got) != count {
			t.Errorf("streamed %d responses, submitted %d", len(got), count)
		}
	}
	for _, order := range []string{"as written", "reversed"} {
		if order == "reversed" {
			reverseCases(t, db)
		}
		for _, unit := range []string{"dpmptsp", ""} {
			t.Run(order+"/unit="+unit, func(t *testing.T) { check(t, unit) })
		}
	}
}

// reverseCases writes the cases collection again in the reverse order, so that a scan of it walks
// against the responses' scan.
func reverseCases(t *testing.T, db *driver.Database) {
	t.Helper()
	col := db.Collection("cases")
	cur, err := col.Find(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []bson.Raw
	if err := cur.All(ctx, &docs); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(docs)
	if _, err := col.DeleteMany(ctx, bson.D{}); err != nil {
		t.Fatal(err)
	}
	for batch := range slices.Chunk(docs, 50) {
		if _, err := col.InsertMany(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
}

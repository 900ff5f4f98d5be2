package mongo_test

import (
	"io"
	"log/slog"
	"slices"
	"testing"

	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// A store opened with NoSecondaryIndexes (the embedded store) writes no B-tree that nothing
// reads, and drops those a store opened without it created; opened without it again, it creates
// them again.
func TestNoSecondaryIndexesDropsThem(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	open := func(none bool) {
		t.Helper()
		s, err := mongo.Open(ctx, db, mongo.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), NoSecondaryIndexes: none})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	open(false)
	if got := indexNames(t, db, "responses"); !slices.Contains(got, "responses_campaign_unit") || !slices.Contains(got, "responses_log") {
		t.Fatalf("indexes of responses %v, want the named ones", got)
	}
	open(true)
	for _, col := range []string{"responses", "cases", "campaigns", "units", "outbox"} {
		if got := indexNames(t, db, col); !slices.Equal(got, []string{"_id_"}) {
			t.Errorf("indexes of %s %v, want _id_ alone", col, got)
		}
	}
	open(false)
	if got := indexNames(t, db, "responses"); !slices.Contains(got, "responses_campaign_unit") {
		t.Errorf("indexes of responses %v after reopening with them, want them back", got)
	}
}

func indexNames(t *testing.T, db *driver.Database, col string) []string {
	t.Helper()
	cur, err := db.Collection(col).Indexes().List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var specs []struct {
		Name string `bson:"name"`
	}
	if err := cur.All(ctx, &specs); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range specs {
		names = append(names, s.Name)
	}
	slices.Sort(names)
	return names
}

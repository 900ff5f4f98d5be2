package mongo_test

import (
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

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

// IndexLike copies each secondary index with its options.
func TestIndexLikeCopiesEveryIndex(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	src, dst := db.Collection("index_like_src"), db.Collection("index_like_dst")
	for _, m := range []driver.IndexModel{
		{Keys: bson.D{{Key: "campaign", Value: 1}, {Key: "unit", Value: 1}}, Options: options.Index().SetName("by_unit")},
		{Keys: bson.D{{Key: "log", Value: 1}}, Options: options.Index().SetName("by_log").SetSparse(true)},
		{Keys: bson.D{{Key: "code", Value: 1}}, Options: options.Index().SetName("by_code").SetUnique(true)},
	} {
		if _, err := src.Indexes().CreateOne(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateCollection(ctx, "index_like_dst"); err != nil {
		t.Fatal(err)
	}
	if err := mongo.IndexLike(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	specs := func(c *driver.Collection) map[string]string {
		got, err := c.Indexes().ListSpecifications(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, s := range got {
			m[s.Name] = fmt.Sprint(s.KeysDocument, " sparse ", s.Sparse != nil && *s.Sparse, " unique ", s.Unique != nil && *s.Unique)
		}
		return m
	}
	want, got := specs(src), specs(dst)
	if len(want) != 4 || !maps.Equal(got, want) {
		t.Errorf("indexes of the copy %v, want those of the source %v", got, want)
	}
}

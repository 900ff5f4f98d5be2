package embedded

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// statements keeps the SQL the embedded store logs at debug level, as it runs it.
type statements struct {
	mu  sync.Mutex
	sql []string
}

func (s *statements) Enabled(context.Context, slog.Level) bool { return true }
func (s *statements) WithAttrs([]slog.Attr) slog.Handler       { return s }
func (s *statements) WithGroup(string) slog.Handler            { return s }
func (s *statements) Handle(_ context.Context, r slog.Record) error {
	if q, ok := strings.CutPrefix(r.Message, ">>> "); ok {
		s.mu.Lock()
		s.sql = append(s.sql, q)
		s.mu.Unlock()
	}
	return nil
}

// TestIDLookupsUseTheIndex reads a document by _id through the driver, takes the very SQL the
// embedded store ran for it from its log, and asks SQLite for that statement's plan: it must use
// the expression index IndexIDs adds. If a FerretDB release changes the expression it pushes
// down, the plan goes back to scanning the table and this test fails.
func TestIDLookupsUseTheIndex(t *testing.T) {
	log := &statements{}
	srv, err := Start(t.TempDir(), slog.New(log))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	client, err := driver.Connect(options.Client().ApplyURI(srv.URI()))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	col := client.Database("explain").Collection("lookups")
	docs := []any{}
	for i := range 50 {
		docs = append(docs, bson.D{{Key: "_id", Value: "key-" + string(rune('a'+i%26)) + string(rune('a'+i/26))}, {Key: "n", Value: i}})
	}
	if _, err := col.InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := srv.IndexIDs(ctx, "explain"); err != nil {
		t.Fatal(err)
	}
	log.mu.Lock()
	log.sql = nil
	log.mu.Unlock()
	if err := col.FindOne(ctx, bson.D{{Key: "_id", Value: "key-ca"}}).Err(); err != nil {
		t.Fatal(err)
	}
	log.mu.Lock()
	var lookup string
	for _, q := range log.sql {
		if strings.Contains(q, "_id") && strings.HasPrefix(strings.TrimSpace(q), "SELECT") {
			lookup = q
		}
	}
	log.mu.Unlock()
	if lookup == "" {
		t.Fatalf("the embedded store logged no lookup by _id; statements: %q", log.sql)
	}
	db, err := srv.openSQLite("explain")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+lookup, strings.Repeat("x", 1))
	if err != nil {
		t.Fatalf("explain %q: %v", lookup, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if !strings.Contains(strings.Join(plan, "\n"), "_skm_id_lookup") {
		t.Errorf("a lookup by _id does not use the index:\n%s\nplan:\n%s", lookup, strings.Join(plan, "\n"))
	}
	t.Logf("%s\nplan: %s", lookup, strings.Join(plan, "; "))
}

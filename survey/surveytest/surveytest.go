// Package surveytest opens stores for tests: the embedded store, shared by a test binary with one
// fresh database per test, or the MongoDB named by SKM_TEST_MONGODB_URI when it is set.
package surveytest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey/embedded"
	"github.com/skm-engine/skm/survey/mongo"
)

var (
	once    sync.Once
	uri     string
	server  *embedded.Server
	dir     string
	openErr error
	dbSeq   atomic.Int64
)

// Main runs the package's tests and then stops the shared embedded store. Call it from TestMain.
func Main(m interface{ Run() int }) {
	code := m.Run()
	if server != nil {
		server.Close()
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// URI returns the connection string of the test store, starting the embedded one if needed.
func URI(tb testing.TB) string {
	tb.Helper()
	once.Do(func() {
		if uri = os.Getenv("SKM_TEST_MONGODB_URI"); uri != "" {
			return
		}
		if dir, openErr = os.MkdirTemp("", "skm-test-store-"); openErr != nil {
			return
		}
		quiet := slog.New(slog.DiscardHandler) // the embedded store logs every statement; formatting them costs
		if server, openErr = embedded.Start(dir, quiet); openErr == nil {
			uri = server.URI()
		}
	})
	if openErr != nil {
		tb.Fatalf("start test store: %v", openErr)
	}
	return uri
}

// MustOpenDatabase returns a fresh, empty database that is dropped when the test ends.
func MustOpenDatabase(tb testing.TB) *driver.Database {
	tb.Helper()
	client, err := driver.Connect(mongo.ClientOptions(URI(tb)))
	if err != nil {
		tb.Fatalf("connect to test store: %v", err)
	}
	db := client.Database(fmt.Sprintf("skmtest_%d_%d", os.Getpid(), dbSeq.Add(1)))
	tb.Cleanup(func() {
		ctx := context.Background()
		_ = db.Drop(ctx)
		_ = client.Disconnect(ctx)
	})
	return db
}

// MustOpenStore returns a store on a fresh database, closed when the test ends.
func MustOpenStore(tb testing.TB, opts mongo.Options) *mongo.Store {
	tb.Helper()
	return MustOpenStoreOn(tb, MustOpenDatabase(tb), opts)
}

// MustOpenStoreOn returns a store on db, closed when the test ends; a second store on the same
// database acts as a second instance of the engine.
func MustOpenStoreOn(tb testing.TB, db *driver.Database, opts mongo.Options) *mongo.Store {
	tb.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if server != nil {
		opts.NoSecondaryIndexes = true // as the engine opens its embedded store
	}
	s, err := mongo.Open(context.Background(), db, opts)
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(s.Close)
	if server != nil {
		if err := server.IndexIDs(context.Background(), db.Name()); err != nil {
			tb.Fatalf("index the test store: %v", err)
		}
	}
	return s
}

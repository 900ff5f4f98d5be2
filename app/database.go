package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/skm-engine/skm/survey/mongo"

	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/survey/embedded"
)

// Database is the opened store and what it runs on.
type Database struct {
	Store *mongo.Store
	// Description says which store is in use, for the start-up message.
	Description string
	client      *driver.Client
	database    string
	server      *embedded.Server
}

// OpenDatabase connects to SKM_MONGODB_URI, or starts the embedded store under the data
// directory. When another skm process already runs the embedded store there, it connects to that
// one instead, through the store's socket in the data directory.
func OpenDatabase(ctx context.Context, cfg config.Config, log *slog.Logger) (*Database, error) {
	d := &Database{}
	// Pages may show other instances' submissions half a second late; in exchange a read costs
	// no round trip to the store while residents keep submitting.
	opts := mongo.Options{Logger: log, TallyFreshness: 500 * time.Millisecond}
	if step := cfg.TestPauseAt; step != "" {
		opts.FailAt = func(at string) error {
			if at == step {
				log.Warn("the store's committer is paused for a test", "step", at)
				select {}
			}
			return nil
		}
	}
	if off := cfg.TestClockOffset; off != 0 {
		opts.Now = func() time.Time { return time.Now().Add(off) }
	}
	uri := cfg.MongoURI
	switch {
	case uri != "":
		d.Description = "MongoDB at " + redactURI(uri)
	default:
		srv, err := embedded.Start(cfg.DataDir, storeLogger(log))
		if errors.Is(err, embedded.ErrInUse) {
			if uri, err = embedded.SocketURI(cfg.DataDir); err != nil {
				return nil, err
			}
			d.Description = fmt.Sprintf("embedded store of the running server in %s (%s)", cfg.DataDir, uri)
			break
		} else if err != nil {
			return nil, err
		}
		d.server, uri = srv, srv.URI()
		d.Description = fmt.Sprintf("embedded store in %s (FerretDB with SQLite, %s)", cfg.DataDir, uri)
		// Nothing written before this process started the store can still be in flight.
		opts.RecoverBefore = time.Now()
	}
	// Every process on an embedded store, its owner or a command reaching it through its socket,
	// opens it alike: a command that created the indexes would leave the server writing them.
	opts.NoSecondaryIndexes = embedded.IsSocketURI(uri)
	client, err := driver.Connect(mongo.ClientOptions(uri).
		SetServerSelectionTimeout(5 * time.Second).
		SetTimeout(30 * time.Second).
		SetAppName("skm"))
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("connect to %s: %w", redactURI(uri), err)
	}
	d.client, d.database = client, cfg.Database
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := client.Ping(pingCtx, nil); err != nil {
		d.Close()
		return nil, fmt.Errorf("reach %s: %w", redactURI(uri), err)
	}
	store, err := mongo.Open(ctx, client.Database(cfg.Database), opts)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	d.Store = store
	if d.server != nil {
		if err := d.server.IndexIDs(ctx, cfg.Database); err != nil {
			d.Close()
			return nil, fmt.Errorf("index the embedded store: %w", err)
		}
	}
	return d, nil
}

// Close finishes pending submissions, disconnects and stops the embedded store.
func (d *Database) Close() {
	if d.Store != nil {
		d.Store.Close()
	}
	if d.client != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = d.client.Disconnect(ctx)
		cancel()
	}
	if d.server != nil {
		d.server.Close()
	}
}

// storeLogger passes on only the embedded store's errors: it logs every connection at info.
func storeLogger(log *slog.Logger) *slog.Logger {
	return slog.New(&levelFilter{handler: log.Handler(), min: slog.LevelError}).With("component", "embedded-store")
}

// levelFilter drops records below min. The embedded store derives a logger with attributes for
// every statement it runs; the filter only remembers them, and hands them to the real handler
// (which formats them at once) for the rare record it passes on.
type levelFilter struct {
	handler slog.Handler
	min     slog.Level
	derive  []func(slog.Handler) slog.Handler
}

func (f *levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.handler.Enabled(ctx, l)
}

func (f *levelFilter) Handle(ctx context.Context, r slog.Record) error {
	h := f.handler
	for _, d := range f.derive {
		h = d(h)
	}
	return h.Handle(ctx, r)
}

func (f *levelFilter) WithAttrs(as []slog.Attr) slog.Handler {
	return f.with(func(h slog.Handler) slog.Handler { return h.WithAttrs(as) })
}

func (f *levelFilter) WithGroup(name string) slog.Handler {
	return f.with(func(h slog.Handler) slog.Handler { return h.WithGroup(name) })
}

func (f *levelFilter) with(d func(slog.Handler) slog.Handler) slog.Handler {
	return &levelFilter{handler: f.handler, min: f.min, derive: append(slices.Clip(f.derive), d)}
}

// redactURI hides the password of a connection string.
func redactURI(uri string) string {
	at := strings.LastIndex(uri, "@")
	scheme := strings.Index(uri, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return uri
	}
	creds := uri[scheme+3 : at]
	if user, _, ok := strings.Cut(creds, ":"); ok {
		return uri[:scheme+3] + user + ":***" + uri[at:]
	}
	return uri
}

// Raw returns the database beneath the store, for what must reach below it: the load command's
// yardstick, and tests that tamper with stored data to prove the store notices.
func (d *Database) Raw() *driver.Database { return d.client.Database(d.database) }

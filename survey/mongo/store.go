package mongo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey"
)

// Store is every store the engine asks for, which the compiler checks here.
var (
	_ survey.Store        = (*Store)(nil)
	_ survey.PlanStore    = (*Store)(nil)
	_ survey.IssuedStore  = (*Store)(nil)
	_ survey.Outbox       = (*Store)(nil)
	_ survey.AccountStore = (*Store)(nil)
)

// Collection names.
const (
	colSettings       = "settings"
	colUnits          = "units"
	colQuestionnaires = "questionnaires"
	colCampaigns      = "campaigns"
	colResponses      = "responses"
	colTallyLog       = "tally_log"
	colTallyCommits   = "tally_commits"
	colTallyCheckpts  = "tally_checkpoints"
)

// Options tune a Store; the zero value gives the production defaults.
type Options struct {
	Logger *slog.Logger
	// StaleClaimAfter is how long a tally-log claim may stay uncommitted before any instance
	// recovers it. A live writer commits or gives up within BatchTimeout, well before.
	StaleClaimAfter time.Duration
	// RecoverBefore makes claims written before it recoverable at once: the embedded store runs in
	// this process, so nothing written before the process started can still be in flight.
	RecoverBefore time.Time
	// BatchTimeout bounds one group commit.
	BatchTimeout time.Duration
	// MaxBatch bounds the responses written by one group commit.
	MaxBatch int
	// CheckpointEvery is the number of log entries between tally checkpoints.
	CheckpointEvery int64
	// TallyFreshness lets Tally answer from memory for this long after it last asked the log for
	// new entries: other instances' submissions show that much later, this instance's at once.
	// Zero asks on every read.
	TallyFreshness time.Duration
	// FailAt, when set, is called at each step of a group commit; an error stops the commit
	// there, as a crash of the process would. Tests use it to simulate crashes.
	FailAt func(step string) error
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

func (o *Options) setDefaults() {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.StaleClaimAfter == 0 {
		o.StaleClaimAfter = 30 * time.Second
	}
	if o.BatchTimeout == 0 {
		o.BatchTimeout = 10 * time.Second
	}
	if o.MaxBatch == 0 {
		o.MaxBatch = 256
	}
	if o.CheckpointEvery == 0 {
		o.CheckpointEvery = 256
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Store implements survey.Store on MongoDB and on the embedded MongoDB-compatible store. It uses
// only what both support: single-document reads by _id for every hot path, and inserts guarded by
// unique keys for every write that can race (the embedded store does not make concurrent updates
// of one document atomic).
type Store struct {
	db     *driver.Database
	opts   Options
	writer string // identifies this instance in the tally log
	log    *slog.Logger

	commits *committer
	tallies *tallyViews
}

// Open returns a store on the database, creating its indexes and starting the group
// committer. Close it to stop the committer.
func Open(ctx context.Context, db *driver.Database, opts Options) (*Store, error) {
	opts.setDefaults()
	s := &Store{db: db, opts: opts, writer: randomHex(6), log: opts.Logger}
	if err := s.createIndexes(ctx); err != nil {
		return nil, err
	}
	s.tallies = newTallyViews(s)
	s.commits = newCommitter(s)
	return s, nil
}

// Flush returns once the tally commits of every submission acknowledged so far are written, so
// that other instances see them; they are written within milliseconds anyway.
func (s *Store) Flush(ctx context.Context) error { return s.commits.flush(ctx) }

// Close stops accepting submissions, waits for those in flight and stops the committer.
func (s *Store) Close() {
	s.commits.close()
}

// collections lists every collection the store uses; they are created at start, so that the
// embedded store's lookup indexes (embedded.Server.IndexIDs) cover them all.
var collections = []string{
	colSettings, colUnits, colQuestionnaires, colCampaigns, colResponses, colTallyLog, colTallyCommits,
	colTallyCheckpts, colUsers, colTokens, colSessions, colAudit, colAttempts, colIssued,
	colIssuedHashes, colOutbox, colOutboxClaims, colPlans,
}

// indexes are the store's named secondary indexes. The embedded store keeps them but scans
// anyway, which is why every hot read goes by _id; on MongoDB they serve exports and listings.
var indexes = map[string][]driver.IndexModel{
	colUnits: {
		{Keys: bson.D{{Key: "opd", Value: 1}}, Options: options.Index().SetName("units_opd")},
	},
	colResponses: {
		{Keys: bson.D{{Key: "campaign", Value: 1}, {Key: "unit", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("responses_campaign_unit")},
	},
	colCampaigns: {
		{Keys: bson.D{{Key: "state", Value: 1}}, Options: options.Index().SetName("campaigns_state")},
	},
}

func (s *Store) createIndexes(ctx context.Context) error {
	for _, col := range collections {
		err := s.db.CreateCollection(ctx, col)
		var ce driver.CommandError
		if err != nil && !(errors.As(err, &ce) && ce.Code == namespaceExists) {
			return storeErr(fmt.Errorf("create collection %s: %w", col, err))
		}
	}
	for col, models := range indexes {
		if _, err := s.db.Collection(col).Indexes().CreateMany(ctx, models); err != nil {
			return storeErr(fmt.Errorf("create indexes of %s: %w", col, err))
		}
	}
	return nil
}

// findByID decodes the document with the _id into out, or returns ENOTFOUND with the message.
func (s *Store) findByID(ctx context.Context, col string, id any, out any, notFound survey.Message) error {
	err := s.db.Collection(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(out)
	if err == driver.ErrNoDocuments {
		return &survey.Error{Code: survey.ENOTFOUND, Message: notFound}
	} else if err != nil {
		return storeErr(fmt.Errorf("find in %s: %w", col, err))
	}
	return nil
}

func (s *Store) findAll(ctx context.Context, col string, filter bson.D, out any) error {
	cur, err := s.db.Collection(col).Find(ctx, filter)
	if err != nil {
		return storeErr(fmt.Errorf("find %s: %w", col, err))
	}
	if err := cur.All(ctx, out); err != nil {
		return storeErr(fmt.Errorf("read %s: %w", col, err))
	}
	return nil
}

// namespaceExists is the server's error code for creating a collection that exists.
const namespaceExists = 48

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return storeErr(s.db.RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err())
}

func (s *Store) now() time.Time { return s.opts.Now().UTC() }

// storeErr translates driver errors into domain errors, keeping the cause wrapped for the logs.
func storeErr(err error) error {
	var e *survey.Error
	var retryable interface{ Retryable() bool } // the driver's pool errors: the connection was lost
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		return err
	case errors.Is(err, driver.ErrNoDocuments):
		return &wrapped{survey.Errorf(survey.ENOTFOUND, "err.store.notfound"), err}
	case driver.IsDuplicateKeyError(err):
		return &wrapped{survey.Errorf(survey.ECONFLICT, "err.store.exists"), err}
	case driver.IsTimeout(err), driver.IsNetworkError(err), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, driver.ErrClientDisconnected), strings.Contains(err.Error(), "server selection error"),
		errors.As(err, &retryable) && retryable.Retryable():
		return &wrapped{survey.Errorf(survey.EUNAVAILABLE, "err.store.unavailable"), err}
	default:
		return err
	}
}

// wrapped is a domain error that keeps its driver cause for the logs.
type wrapped struct {
	err   *survey.Error
	cause error
}

func (w *wrapped) Unwrap() []error { return []error{w.err, w.cause} }
func (w *wrapped) Error() string   { return w.err.Error() + ": " + w.cause.Error() }

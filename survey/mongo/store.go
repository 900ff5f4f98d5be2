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
	_ survey.FinalStore   = (*Store)(nil)
	_ survey.AccountStore = (*Store)(nil)
)

// Collection names.
const (
	colSettings       = "settings"
	colUnits          = "units"
	colQuestionnaires = "questionnaires"
	colCampaigns      = "campaigns"
	colResponses      = "responses"
	colCases          = "cases"
	// colTallyLog is where the tally log lives: beside the responses, so that one ordered insert
	// carries a batch's claim, its responses and its commit (see committer). Log documents name
	// their campaign in "log", never "campaign", so no query of responses meets them.
	colTallyLog      = colResponses
	colTallyCheckpts = "tally_checkpoints"
	colTallyHeads    = "tally_heads"
	colLogos         = "logos"
	colUploads       = "uploads"
)

// Steps of the submission pipeline, as Options.FailAt and Options.Writes name them.
const (
	StepClaim          = "claim"           // insert the tally-log claim
	StepResponses      = "responses"       // insert the responses
	StepCases          = "cases"           // insert the cases' words beside them
	StepCommit         = "commit"          // insert the entry's commit
	StepCheckpoint     = "checkpoint"      // insert a checkpoint's chunks
	StepCheckpointHead = "checkpoint head" // insert the head that makes a checkpoint current
)

// Options tune a Store; the zero value gives the production defaults.
type Options struct {
	Logger *slog.Logger
	// StaleClaimAfter is how long an instance watches a tally-log claim stay uncommitted before it
	// recovers it, measured on its own clock from when it first saw the claim, so clocks that
	// disagree between instances do not matter. It only decides when readers stop waiting: a
	// writer still alive finds its commit refused and acknowledges nothing recovery left out.
	StaleClaimAfter time.Duration
	// RecoverBefore makes claims written before it recoverable at once: the embedded store runs in
	// this process, so nothing written before the process started can still be in flight.
	RecoverBefore time.Time
	// BatchTimeout bounds one group commit.
	BatchTimeout time.Duration
	// MaxBatch bounds the responses written by one group commit, and MaxBatchBytes their size
	// (the text of suggestions included), so that every claim stays small.
	MaxBatch      int
	MaxBatchBytes int
	// CheckpointEvery is the number of log entries between tally checkpoints.
	CheckpointEvery int64
	// TallyFreshness lets Tally answer from memory for this long after it last asked the log for
	// new entries: other instances' submissions show that much later, this instance's at once.
	// Zero asks on every read.
	TallyFreshness time.Duration
	// FailAt, when set, is called after each step of a group commit ("claimed", "inserted",
	// "committed", "acknowledged"); an error stops the commit there, as a crash of the process
	// would, and blocking in it plays a writer that stalls. Tests use it.
	FailAt func(step string) error
	// Writes, when set, is handed each write of the pipeline (the Step constants) as do; what it
	// returns stands for the write's result. Tests use it to skip, delay or reorder a write and
	// show that their checks notice. The committer then writes a batch's claim, responses and
	// commit apart, as on a replica set, where it otherwise writes them in one ordered insert.
	Writes func(step string, do func() error) error
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// NoSecondaryIndexes is for a server that never reads through them: the embedded store
	// (FerretDB 1.24 on SQLite) hands SQLite a filter on _id alone and scans for any other, so each
	// secondary index there would only be one more B-tree to write with every document. The store
	// then creates none, and drops those an earlier version created.
	NoSecondaryIndexes bool
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
	if o.MaxBatchBytes == 0 {
		o.MaxBatchBytes = 512 << 10
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
	// caseSecret keys the internal IDs of cases (survey.CaseID).
	caseSecret []byte
	// replicated is set on a replica set or a sharded cluster, where a write can come back with
	// a write-concern error: there a batch's commit is written after its responses, never with
	// them, so that it can still leave them all out.
	replicated bool

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
	if err := s.moveLegacyLog(ctx); err != nil {
		return nil, err
	}
	replicated, err := s.isReplicated(ctx)
	if err != nil {
		return nil, err
	}
	s.replicated = replicated
	secret, err := s.secret(ctx, "case-id", 32)
	if err != nil {
		return nil, err
	}
	s.caseSecret = secret
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
	s.tallies.checkpoints.Wait()
}

// collections lists every collection the store uses; they are created at start, so that the
// embedded store's lookup indexes (embedded.Server.IndexIDs) cover them all.
var collections = []string{
	colSettings, colUnits, colQuestionnaires, colCampaigns, colResponses, colCases, colTallyCheckpts, colTallyHeads, colUsers, colTokens, colSessions, colAudit, colAttempts, colSecrets, colIssued,
	colIssuedHashes, colOutbox, colOutboxClaims, colPlans, colLogos, colUploads,
	colFinals, colFinalChunks,
}

// indexes are the store's named secondary indexes, which serve exports and listings on MongoDB.
// The embedded store scans for any filter but one on _id, which is why every hot read goes by _id,
// and it is opened without them (Options.NoSecondaryIndexes).
var indexes = map[string][]driver.IndexModel{
	colUnits: {
		{Keys: bson.D{{Key: "opd", Value: 1}}, Options: options.Index().SetName("units_opd")},
	},
	colResponses: {
		{Keys: bson.D{{Key: "campaign", Value: 1}, {Key: "unit", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("responses_campaign_unit")},
		// Sparse, so that on MongoDB only the tally log's entries, which alone have "log", are in
		// it; FerretDB accepts the option and indexes every row anyway.
		{Keys: bson.D{{Key: "log", Value: 1}}, Options: options.Index().SetName("responses_log").SetSparse(true)},
	},
	colCampaigns: {
		{Keys: bson.D{{Key: "state", Value: 1}}, Options: options.Index().SetName("campaigns_state")},
	},
	colCases: {
		{Keys: bson.D{{Key: "campaign", Value: 1}}, Options: options.Index().SetName("cases_campaign")},
	},
	colTallyCheckpts: {
		{Keys: bson.D{{Key: "campaign", Value: 1}, {Key: "seq", Value: 1}}, Options: options.Index().SetName("tally_checkpoints_campaign_seq")},
	},
	colTallyHeads: {
		{Keys: bson.D{{Key: "campaign", Value: 1}}, Options: options.Index().SetName("tally_heads_campaign")},
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
	if s.opts.NoSecondaryIndexes {
		return s.dropIndexes(ctx)
	}
	for col, models := range indexes {
		for _, m := range models {
			// One at a time: FerretDB 1.24 panics on a createIndexes of two for one collection.
			if _, err := s.db.Collection(col).Indexes().CreateOne(ctx, m); err != nil {
				return storeErr(fmt.Errorf("create indexes of %s: %w", col, err))
			}
		}
	}
	return nil
}

// dropIndexes drops the secondary indexes of every collection.
func (s *Store) dropIndexes(ctx context.Context) error {
	for col := range indexes {
		if err := s.db.Collection(col).Indexes().DropAll(ctx); err != nil {
			return storeErr(fmt.Errorf("drop the indexes of %s: %w", col, err))
		}
	}
	return nil
}

// IndexLike gives dst the secondary indexes src has, each with all its options: a yardstick
// collection then writes the same B-trees with each document as src does.
func IndexLike(ctx context.Context, src, dst *driver.Collection) error {
	cur, err := src.Indexes().List(ctx)
	if err != nil {
		return fmt.Errorf("list the indexes of %s: %w", src.Name(), err)
	}
	var specs []bson.D
	if err := cur.All(ctx, &specs); err != nil {
		return fmt.Errorf("list the indexes of %s: %w", src.Name(), err)
	}
	for _, spec := range specs {
		var index bson.D
		primary := false
		for _, e := range spec {
			switch e.Key {
			case "v", "ns": // the server's own, for the index it lists
			case "name":
				primary = e.Value == "_id_"
				index = append(index, e)
			default:
				index = append(index, e)
			}
		}
		if primary {
			continue
		}
		// One at a time: FerretDB 1.24 panics on a createIndexes of two for one collection.
		cmd := bson.D{{Key: "createIndexes", Value: dst.Name()}, {Key: "indexes", Value: bson.A{index}}}
		if err := dst.Database().RunCommand(ctx, cmd).Err(); err != nil {
			return fmt.Errorf("index %s like %s: %w", dst.Name(), src.Name(), err)
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

// write runs one write of the pipeline, through Options.Writes when a test set it.
func (s *Store) write(step string, do func() error) error {
	if s.opts.Writes == nil {
		return do()
	}
	return s.opts.Writes(step, do)
}

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
	case writeConcernFailed(err):
		return &wrapped{survey.Errorf(survey.EUNAVAILABLE, "err.store.unavailable"), err}
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

package mongo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey"
)

// The tally log of a campaign is a gap-free sequence of entries, each claimed by inserting
// "{campaign}/{seq}" into tally_log and made final by inserting the same _id into tally_commits.
// Every instance folds the committed entries, in order, into an in-memory CampaignTally, so a
// read costs one lookup by _id to learn that nothing new arrived, whatever the number of
// responses. Checkpoints of the folded state every CheckpointEvery entries bound a cold start.
//
// The embedded store only pushes equality on _id down to its engine (everything else is a scan of
// the collection) and decodes nested documents slowly, so the log reads only by _id and carries
// its records as one binary JSON field.

const (
	kindResponses = ""       // the entry counts response records
	kindReset     = "reset"  // the entry replaces the state with a recount (skm rebuild)
	kindEvents    = "events" // the entry changes cases: replies and their publication
)

type claimDoc struct {
	ID       string    `bson:"_id"`
	Campaign string    `bson:"campaign"`
	Seq      int64     `bson:"seq"`
	Kind     string    `bson:"kind,omitempty"`
	Writer   string    `bson:"writer"`
	At       time.Time `bson:"at"`
	Records  []byte    `bson:"records"`
}

type commitDoc struct {
	ID        string    `bson:"_id"`
	Campaign  string    `bson:"campaign"`
	Seq       int64     `bson:"seq"`
	Excluded  []int     `bson:"excluded"`
	Recovered bool      `bson:"recovered,omitempty"`
	At        time.Time `bson:"at"`
	// State is a reset entry's recount.
	State []byte `bson:"state,omitempty"`
}

type checkpointDoc struct {
	ID       string `bson:"_id"`
	Campaign string `bson:"campaign"`
	Seq      int64  `bson:"seq"`
	State    []byte `bson:"state"`
}

func logID(campaign string, seq int64) string { return fmt.Sprintf("%s/%d", campaign, seq) }
func headID(campaign string) string           { return campaign + "/head" }

// tallyViews holds the folded tallies of each campaign this instance has read.
type tallyViews struct {
	s     *Store
	mu    sync.Mutex
	views map[string]*tallyView
}

// tallyView is one campaign's folded tallies. mu guards the state and is held only for work in
// memory, so readers and the committer never wait on the store for each other; io serialises the
// view's reads of the log, so one reader asks the store while the others wait for its answer.
type tallyView struct {
	mu       sync.Mutex
	campaign string
	loaded   bool
	live     *survey.CampaignTally
	shared   *survey.CampaignTally // what readers get: live as of shared.Seq
	dirty    map[string]bool       // units changed since shared was made
	syncedAt time.Time             // when the view last asked the log for new entries
	claimed  int64                 // the last entry this instance claimed

	io sync.Mutex
}

func newTallyViews(s *Store) *tallyViews {
	return &tallyViews{s: s, views: map[string]*tallyView{}}
}

func (vs *tallyViews) view(campaign string) *tallyView {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	v := vs.views[campaign]
	if v == nil {
		v = &tallyView{campaign: campaign, live: survey.NewCampaignTally(campaign)}
		vs.views[campaign] = v
	}
	return v
}

// Tally returns the campaign's tallies: this instance's submissions at once, other instances'
// once the freshness window has passed.
func (s *Store) Tally(ctx context.Context, campaign string) (*survey.CampaignTally, error) {
	return s.tally(ctx, campaign, false)
}

// freshTally returns the campaign's tallies with every entry committed so far, whatever the
// freshness window: for verifying, rebuilding and recording events against the current state.
func (s *Store) freshTally(ctx context.Context, campaign string) (*survey.CampaignTally, error) {
	return s.tally(ctx, campaign, true)
}

func (s *Store) tally(ctx context.Context, campaign string, fresh bool) (*survey.CampaignTally, error) {
	v := s.tallies.view(campaign)
	v.mu.Lock()
	due := fresh || !v.loaded || s.now().Sub(v.syncedAt) >= s.opts.TallyFreshness
	v.mu.Unlock()
	if due {
		if err := s.tallies.sync(ctx, v); err != nil {
			return nil, err
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.snapshot(), nil
}

// snapshot returns the readers' copy of live, copying only the units that changed since the last
// copy: readers hold copies while live keeps changing, and a campaign of hundreds of units would
// otherwise be copied whole after every submission. The caller holds v.mu.
func (v *tallyView) snapshot() *survey.CampaignTally {
	if v.shared != nil && len(v.dirty) == 0 && v.shared.Seq == v.live.Seq {
		return v.shared
	}
	next := &survey.CampaignTally{Campaign: v.live.Campaign, Seq: v.live.Seq, Units: make(map[string]*survey.UnitTally, len(v.live.Units))}
	for slug, u := range v.live.Units {
		if old := v.shared; old != nil && !v.dirty[slug] && old.Units[slug] != nil {
			next.Units[slug] = old.Units[slug]
		} else {
			next.Units[slug] = u.Clone()
		}
	}
	v.shared, v.dirty = next, map[string]bool{}
	return next
}

// replace makes t the view's state, to be copied whole by the next reader.
func (v *tallyView) replace(t *survey.CampaignTally) {
	v.live, v.shared, v.dirty = t, nil, map[string]bool{}
}

// touch marks units changed since the readers' copy.
func (v *tallyView) touch(units ...string) {
	if v.dirty == nil {
		v.dirty = map[string]bool{}
	}
	for _, u := range units {
		v.dirty[u] = true
	}
}

// sync loads the view if needed and folds every committed entry after it. It stops at an entry
// that is claimed but not committed, unless the claim is stale, in which case it recovers it.
func (vs *tallyViews) sync(ctx context.Context, v *tallyView) error {
	s := vs.s
	v.io.Lock()
	defer v.io.Unlock()
	if err := vs.load(ctx, v); err != nil {
		return err
	}
	for {
		v.mu.Lock()
		seq := v.live.Seq + 1
		v.mu.Unlock()
		var claim claimDoc
		err := s.db.Collection(colTallyLog).FindOne(ctx, bson.D{{Key: "_id", Value: logID(v.campaign, seq)}}).Decode(&claim)
		if err == driver.ErrNoDocuments {
			break
		} else if err != nil {
			return storeErr(fmt.Errorf("read tally entry: %w", err))
		}
		var commit commitDoc
		err = s.db.Collection(colTallyCommits).FindOne(ctx, bson.D{{Key: "_id", Value: logID(v.campaign, seq)}}).Decode(&commit)
		if err == driver.ErrNoDocuments {
			if !s.stale(&claim) {
				break
			}
			if commit, err = vs.recover(ctx, &claim); err != nil {
				return err
			}
		} else if err != nil {
			return storeErr(fmt.Errorf("read tally commit: %w", err))
		}
		v.mu.Lock()
		var checkpoint []byte
		if v.live.Seq == seq-1 { // this instance's committer may have folded it meanwhile
			err = vs.fold(v, &claim, &commit)
			if err == nil && seq%s.opts.CheckpointEvery == 0 {
				checkpoint, err = json.Marshal(v.live)
			}
		}
		v.mu.Unlock()
		if err != nil {
			return err
		}
		if checkpoint != nil {
			vs.checkpoint(ctx, v.campaign, seq, checkpoint)
		}
	}
	v.mu.Lock()
	v.syncedAt = s.now()
	v.mu.Unlock()
	return nil
}

// stale reports whether a claim's writer can no longer be committing it.
func (s *Store) stale(c *claimDoc) bool {
	return c.At.Before(s.opts.RecoverBefore) || s.now().Sub(c.At) > s.opts.StaleClaimAfter
}

// recover commits a claim whose writer did not: it counts exactly the records whose responses
// were stored under the claim. Two instances recovering at once both insert the commit; the
// unique _id keeps the first and the other reads it.
func (vs *tallyViews) recover(ctx context.Context, claim *claimDoc) (commitDoc, error) {
	s := vs.s
	commit := commitDoc{ID: claim.ID, Campaign: claim.Campaign, Seq: claim.Seq, Excluded: []int{}, Recovered: true, At: s.now()}
	if claim.Kind == kindResponses {
		var records []survey.Record
		if err := json.Unmarshal(claim.Records, &records); err != nil {
			return commit, fmt.Errorf("decode tally entry %s: %w", claim.ID, err)
		}
		for i, rec := range records {
			d, err := s.responseDoc(ctx, rec.Key)
			if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && (d.Seq != claim.Seq || d.Campaign != claim.Campaign)) {
				commit.Excluded = append(commit.Excluded, i)
			} else if err != nil {
				return commit, err
			}
		}
	}
	_, err := s.db.Collection(colTallyCommits).InsertOne(ctx, commit)
	if driver.IsDuplicateKeyError(err) {
		var prev commitDoc
		err = s.db.Collection(colTallyCommits).FindOne(ctx, bson.D{{Key: "_id", Value: claim.ID}}).Decode(&prev)
		return prev, storeErr(err)
	} else if err != nil {
		return commit, storeErr(fmt.Errorf("insert recovered commit: %w", err))
	}
	s.log.Info("recovered tally entry", "entry", claim.ID, "writer", claim.Writer, "excluded", len(commit.Excluded))
	return commit, nil
}

// fold applies a committed entry to the view. The caller holds v.mu.
func (vs *tallyViews) fold(v *tallyView, claim *claimDoc, commit *commitDoc) error {
	switch claim.Kind {
	case kindReset:
		if commit.State != nil {
			next := survey.NewCampaignTally(v.campaign)
			if err := json.Unmarshal(commit.State, next); err != nil {
				return fmt.Errorf("decode reset entry %s: %w", claim.ID, err)
			}
			v.replace(next)
		}
	case kindEvents:
		var events []survey.CaseEvent
		if err := json.Unmarshal(claim.Records, &events); err != nil {
			return fmt.Errorf("decode case events %s: %w", claim.ID, err)
		}
		for i := range events {
			v.live.Apply(&events[i])
			v.touch(events[i].Unit)
		}
	default:
		var records []survey.Record
		if err := json.Unmarshal(claim.Records, &records); err != nil {
			return fmt.Errorf("decode tally entry %s: %w", claim.ID, err)
		}
		v.addRecords(records, commit.Excluded)
	}
	v.live.Campaign, v.live.Seq = v.campaign, claim.Seq
	return nil
}

// addRecords counts the records not excluded. The caller holds v.mu.
func (v *tallyView) addRecords(records []survey.Record, excluded []int) {
	for i := range records {
		if !slices.Contains(excluded, i) {
			v.live.Add(&records[i])
			v.touch(records[i].Unit)
		}
	}
}

// load starts the view from the newest checkpoint it can find: the head document names a recent
// one, and probing forward by CheckpointEvery finds any written after it. The caller holds v.io.
func (vs *tallyViews) load(ctx context.Context, v *tallyView) error {
	s := vs.s
	v.mu.Lock()
	loaded := v.loaded
	v.mu.Unlock()
	if loaded {
		return nil
	}
	every := s.opts.CheckpointEvery
	var head checkpointDoc
	err := s.db.Collection(colTallyCheckpts).FindOne(ctx, bson.D{{Key: "_id", Value: headID(v.campaign)}}).Decode(&head)
	if err != nil && err != driver.ErrNoDocuments {
		return storeErr(fmt.Errorf("read tally checkpoint head: %w", err))
	}
	var best *checkpointDoc
	find := func(seq int64) (bool, error) {
		var c checkpointDoc
		err := s.db.Collection(colTallyCheckpts).FindOne(ctx, bson.D{{Key: "_id", Value: logID(v.campaign, seq)}}).Decode(&c)
		if err == driver.ErrNoDocuments {
			return false, nil
		} else if err != nil {
			return false, storeErr(fmt.Errorf("read tally checkpoint: %w", err))
		}
		best = &c
		return true, nil
	}
	if head.Seq > 0 {
		if _, err := find(head.Seq); err != nil {
			return err
		}
	}
	for seq := (head.Seq/every + 1) * every; ; seq += every {
		if found, err := find(seq); err != nil {
			return err
		} else if !found {
			break
		}
	}
	t := survey.NewCampaignTally(v.campaign)
	if best != nil {
		if err := json.Unmarshal(best.State, t); err != nil {
			return fmt.Errorf("decode tally checkpoint %s: %w", best.ID, err)
		}
		t.Campaign, t.Seq = v.campaign, best.Seq
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.replace(t)
	v.loaded = true
	return nil
}

// checkpoint saves the folded state of entry seq. Any instance may write the checkpoint of an
// entry; they all hold the same state there, so the first insert wins and the others are dropped.
// A periodic checkpoint that fails is only logged: the log it summarises is still there.
func (vs *tallyViews) checkpoint(ctx context.Context, campaign string, seq int64, state []byte) {
	if err := vs.saveCheckpoint(ctx, campaign, seq, state); err != nil {
		vs.s.log.Warn("tally checkpoint not saved", "campaign", campaign, "seq", seq, "err", err)
	}
}

func (vs *tallyViews) saveCheckpoint(ctx context.Context, campaign string, seq int64, state []byte) error {
	s := vs.s
	id := logID(campaign, seq)
	_, err := s.db.Collection(colTallyCheckpts).InsertOne(ctx, checkpointDoc{ID: id, Campaign: campaign, Seq: seq, State: state})
	if err != nil && !driver.IsDuplicateKeyError(err) {
		return storeErr(fmt.Errorf("insert tally checkpoint: %w", err))
	}
	// The head is a hint that load probes past, so a lost race here costs a lookup, not data;
	// after a purge it is the only way to the checkpoint that replaced the log.
	_, err = s.db.Collection(colTallyCheckpts).ReplaceOne(ctx, bson.D{{Key: "_id", Value: headID(campaign)}},
		checkpointDoc{ID: headID(campaign), Campaign: campaign, Seq: seq}, upsert())
	return storeErr(err)
}

// claim inserts the next entry of the campaign's log and returns its number. Entries are claimed
// only after the previous one exists, so the log has no gaps. When another instance has taken the
// number, the claim searches for the log's end instead of stepping one by one: an instance that
// is far behind a busy one would otherwise never catch up.
func (vs *tallyViews) claim(ctx context.Context, campaign, kind string, records any) (int64, error) {
	s := vs.s
	v := vs.view(campaign)
	v.io.Lock()
	err := vs.load(ctx, v)
	v.io.Unlock()
	if err != nil {
		return 0, err
	}
	v.mu.Lock()
	next := max(v.live.Seq, v.claimed) + 1
	v.mu.Unlock()
	blob, err := json.Marshal(records)
	if err != nil {
		return 0, fmt.Errorf("encode tally records: %w", err)
	}
	for {
		_, err := s.db.Collection(colTallyLog).InsertOne(ctx, claimDoc{ID: logID(campaign, next), Campaign: campaign,
			Seq: next, Kind: kind, Writer: s.writer, At: s.now(), Records: blob})
		if driver.IsDuplicateKeyError(err) {
			if next, err = vs.logEnd(ctx, campaign, next); err != nil {
				return 0, err
			}
			continue
		} else if err != nil {
			return 0, storeErr(fmt.Errorf("insert tally claim: %w", err))
		}
		v.mu.Lock()
		v.claimed = max(v.claimed, next)
		v.mu.Unlock()
		return next, nil
	}
}

// logEnd returns the first unclaimed entry after taken, which is claimed. The log has no gaps, so
// claimed entries form a prefix: gallop forward to a free number, then search back by halves.
func (vs *tallyViews) logEnd(ctx context.Context, campaign string, taken int64) (int64, error) {
	claimed := func(seq int64) (bool, error) {
		err := vs.s.db.Collection(colTallyLog).FindOne(ctx, bson.D{{Key: "_id", Value: logID(campaign, seq)}},
			options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
		if err == driver.ErrNoDocuments {
			return false, nil
		}
		return err == nil, storeErr(err)
	}
	lo, hi := taken, taken+1
	for step := int64(1); ; step *= 2 {
		ok, err := claimed(hi)
		if err != nil {
			return 0, err
		} else if !ok {
			break
		}
		lo, hi = hi, hi+step
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		ok, err := claimed(mid)
		if err != nil {
			return 0, err
		} else if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil
}

// commitAll finalises entries this instance claimed, in one unordered insert. A commit that meets
// a duplicate was recovered by another instance first, whose commit counts what it found.
func (vs *tallyViews) commitAll(ctx context.Context, pending []pendingCommit) error {
	s := vs.s
	docs := make([]any, len(pending))
	for i, p := range pending {
		docs[i] = commitDoc{ID: logID(p.campaign, p.seq), Campaign: p.campaign, Seq: p.seq, Excluded: p.excluded, At: s.now()}
	}
	_, err := s.db.Collection(colTallyCommits).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	var bwe driver.BulkWriteException
	if errors.As(err, &bwe) {
		for _, we := range bwe.WriteErrors {
			if driver.IsDuplicateKeyError(we) {
				s.log.Error("tally entry was recovered while its writer was still committing; run skm verify", "entry", logID(pending[we.Index].campaign, pending[we.Index].seq))
			}
		}
	}
	return storeErr(err)
}

// commit finalises an entry this instance claimed.
func (vs *tallyViews) commit(ctx context.Context, campaign string, seq int64, excluded []int) error {
	s := vs.s
	commit := commitDoc{ID: logID(campaign, seq), Campaign: campaign, Seq: seq, Excluded: excluded, At: s.now()}
	if _, err := s.db.Collection(colTallyCommits).InsertOne(ctx, commit); err != nil {
		if driver.IsDuplicateKeyError(err) {
			// Another instance recovered the claim first; its commit counts what it found.
			s.log.Error("tally entry was recovered while its writer was still committing; run skm verify", "entry", commit.ID)
		}
		return storeErr(fmt.Errorf("insert tally commit: %w", err))
	}
	return nil
}

// foldOwn applies an entry this instance wrote to its view at once, when the view is right behind
// it, so the writer reads its own writes without a round trip; otherwise the next read folds the
// entry from the log. It may run before the entry's commit is written: what it folds is exactly
// what the commit, or a recovery of the claim, will count.
func (vs *tallyViews) foldOwn(ctx context.Context, campaign string, seq int64, records []survey.Record, excluded []int) {
	v := vs.view(campaign)
	v.mu.Lock()
	var checkpoint []byte
	if v.loaded && v.live.Seq == seq-1 {
		v.addRecords(records, excluded)
		v.live.Seq = seq
		if seq%vs.s.opts.CheckpointEvery == 0 {
			checkpoint, _ = json.Marshal(v.live)
		}
	}
	v.mu.Unlock()
	if checkpoint != nil {
		vs.checkpoint(ctx, campaign, seq, checkpoint)
	}
}

// checkpointNow saves a checkpoint of the campaign's current state, whatever its number, and
// points the head at it, so a cold start begins there.
func (vs *tallyViews) checkpointNow(ctx context.Context, campaign string) error {
	v := vs.view(campaign)
	if err := vs.sync(ctx, v); err != nil {
		return err
	}
	v.mu.Lock()
	seq := v.live.Seq
	state, err := json.Marshal(v.live)
	v.mu.Unlock()
	if err != nil {
		return fmt.Errorf("encode tally checkpoint: %w", err)
	}
	return vs.saveCheckpoint(ctx, campaign, seq, state)
}

// drop forgets this instance's folded tallies of the campaign; the next read loads them afresh.
func (vs *tallyViews) drop(campaign string) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	delete(vs.views, campaign)
}

package mongo

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey"
)

// The tally log of a campaign is a gap-free sequence of entries, each claimed by inserting
// "{campaign}/{seq}" beside the responses (colTallyLog) and decided by inserting its commit
// "{campaign}/{seq}/commit" there too, so that the committer can write a batch's claim, responses
// and commit in one ordered insert.
// The commit is the one decision of what the entry counts: whoever inserts it first (the writer,
// or a reader recovering a claim its writer left) fixes it, and every instance folds exactly
// that, in order, into an in-memory CampaignTally. A read then costs one lookup by _id to learn
// that nothing new arrived, whatever the number of responses.
//
// The embedded store only pushes equality on _id down to its engine (everything else is a scan of
// the collection) and decodes nested documents slowly, so the log reads only by _id and carries
// its records as one binary JSON field.

const (
	kindResponses = ""       // the entry counts response records
	kindReset     = "reset"  // the entry replaces the state with one kept as a checkpoint
	kindEvents    = "events" // the entry changes cases: replies and their publication
	kindPurged    = "purged" // the entry was deleted by the retention policy: start from the checkpoint
	kindCommit    = "commit" // not an entry: the commit of one
)

type claimDoc struct {
	ID       string    `bson:"_id"`
	Campaign string    `bson:"log"`
	Seq      int64     `bson:"seq"`
	Kind     string    `bson:"kind,omitempty"`
	Writer   string    `bson:"writer,omitempty"`
	At       time.Time `bson:"at"`
	Records  []byte    `bson:"records,omitempty"`
}

type commitDoc struct {
	ID       string `bson:"_id"`
	Campaign string `bson:"log"`
	Seq      int64  `bson:"seq"`
	Kind     string `bson:"kind"` // kindCommit
	// Excluded names the records the entry does not count: submission keys, or the positions of
	// case events. Everything else the claim lists is counted.
	Excluded  []string  `bson:"excluded"`
	Writer    string    `bson:"writer"`
	Recovered bool      `bson:"recovered,omitempty"`
	At        time.Time `bson:"at"`
	// Parts is the number of checkpoint chunks holding a reset entry's state; a recovered reset
	// has none and changes nothing.
	Parts int `bson:"parts,omitempty"`
}

func (c *commitDoc) excludes() map[string]bool {
	m := make(map[string]bool, len(c.Excluded))
	for _, k := range c.Excluded {
		m[k] = true
	}
	return m
}

func logID(campaign string, seq int64) string    { return fmt.Sprintf("%s/%d", campaign, seq) }
func commitID(campaign string, seq int64) string { return logID(campaign, seq) + "/commit" }

// newCommit returns the commit of an entry, counting everything but the excluded records.
func (s *Store) newCommit(campaign string, seq int64, recovered bool) *commitDoc {
	return &commitDoc{ID: commitID(campaign, seq), Campaign: campaign, Seq: seq, Kind: kindCommit, Excluded: []string{},
		Writer: s.writer, Recovered: recovered, At: s.now()}
}

// tallyViews holds the folded tallies of each campaign this instance has read.
type tallyViews struct {
	s           *Store
	mu          sync.Mutex
	views       map[string]*tallyView
	checkpoints sync.WaitGroup
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
	// waiting holds, for each claim seen uncommitted, when this instance first saw it, on its
	// own monotonic clock: how long to wait does not depend on any other instance's clock.
	waiting map[int64]time.Time
	// gone holds, for each writer one of whose claims this instance recovered, when that claim was
	// written by the writer's own clock: its claims written about then (a writer has a batch or
	// two in flight) are recovered without a second wait.
	gone          map[string]time.Time
	checkpointing bool

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
		v = &tallyView{campaign: campaign, live: survey.NewCampaignTally(campaign), waiting: map[int64]time.Time{}, gone: map[string]time.Time{}}
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
	due := fresh || !v.loaded || time.Since(v.syncedAt) >= s.opts.TallyFreshness
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
	for seq := range v.waiting {
		if seq <= t.Seq {
			delete(v.waiting, seq)
		}
	}
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
// that is claimed but not committed, unless this instance has watched it long enough (or it was
// written before this process started the embedded store), in which case it recovers it.
func (vs *tallyViews) sync(ctx context.Context, v *tallyView) error {
	s := vs.s
	v.io.Lock()
	defer v.io.Unlock()
	if err := vs.load(ctx, v, false); err != nil {
		return err
	}
	for {
		v.mu.Lock()
		seq := v.live.Seq + 1
		v.mu.Unlock()
		var claim claimDoc
		if found, err := s.findDoc(ctx, colTallyLog, logID(v.campaign, seq), &claim); err != nil {
			return err
		} else if !found {
			break
		}
		if claim.Kind == kindPurged {
			// The retention policy deleted the log up to a reset entry whose state is a checkpoint.
			if err := vs.load(ctx, v, true); err != nil {
				return err
			}
			if v.live.Seq < seq {
				return fmt.Errorf("tally log of %s purged past %d without a checkpoint", v.campaign, seq)
			}
			continue
		}
		var commit commitDoc
		if found, err := s.findDoc(ctx, colTallyLog, commitID(v.campaign, seq), &commit); err != nil {
			return err
		} else if !found {
			if !vs.stale(v, &claim) {
				break
			}
			if commit, err = vs.settle(ctx, &claim, true); err != nil {
				return err
			}
			v.mu.Lock()
			if claim.At.After(v.gone[claim.Writer]) {
				v.gone[claim.Writer] = claim.At
			}
			v.mu.Unlock()
		}
		var reset *survey.CampaignTally
		if claim.Kind == kindReset && commit.Parts > 0 {
			state, found, err := vs.readState(ctx, v.campaign, seq, commit.Parts)
			if err != nil {
				return err
			}
			if !found {
				// A later checkpoint replaced this reset's state: start from it instead.
				if err := vs.load(ctx, v, true); err != nil {
					return err
				}
				if v.live.Seq < seq {
					return fmt.Errorf("the state of reset entry %s is missing", claim.ID)
				}
				continue
			}
			reset = state
		}
		v.mu.Lock()
		var due *survey.CampaignTally
		if v.live.Seq == seq-1 { // this instance's committer may have folded it meanwhile
			err := v.fold(&claim, &commit, reset)
			if err != nil {
				v.mu.Unlock()
				return err
			}
			due = vs.checkpointDue(v)
		}
		v.mu.Unlock()
		vs.checkpointLater(v, due)
	}
	v.mu.Lock()
	v.syncedAt = time.Now()
	v.mu.Unlock()
	return nil
}

// stale reports whether a reader should stop waiting for a claim's writer. It is a matter of
// liveness only: recovery fences the writer, whatever the clocks say.
func (vs *tallyViews) stale(v *tallyView, c *claimDoc) bool {
	if c.At.Before(vs.s.opts.RecoverBefore) {
		return true
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if last, ok := v.gone[c.Writer]; ok && !c.At.After(last.Add(vs.s.opts.BatchTimeout)) {
		return true
	}
	first, seen := v.waiting[c.Seq]
	if !seen {
		v.waiting[c.Seq] = time.Now()
		return false
	}
	return time.Since(first) > vs.s.opts.StaleClaimAfter
}

// settle decides an entry by what is stored: it commits the claim counting exactly the records
// whose documents are there (for a response, the response under this entry and its case's words;
// for a reply, its text). Readers call it to recover a claim its writer left, and a writer when it
// cannot tell which of its inserts landed. Both commits are inserts under the same _id, so the
// first decides and the other reads it.
func (vs *tallyViews) settle(ctx context.Context, claim *claimDoc, recovered bool) (commitDoc, error) {
	s := vs.s
	commit := *s.newCommit(claim.Campaign, claim.Seq, recovered)
	switch claim.Kind {
	case kindResponses:
		var records []survey.Record
		if err := json.Unmarshal(claim.Records, &records); err != nil {
			return commit, fmt.Errorf("decode tally entry %s: %w", claim.ID, err)
		}
		for _, rec := range records {
			ok, err := s.storedUnder(ctx, claim, &rec)
			if err != nil {
				return commit, err
			}
			if !ok {
				commit.Excluded = append(commit.Excluded, rec.Key)
			}
		}
	case kindEvents:
		var events []survey.CaseEvent
		if err := json.Unmarshal(claim.Records, &events); err != nil {
			return commit, fmt.Errorf("decode case events %s: %w", claim.ID, err)
		}
		for i, e := range events {
			if e.Type != survey.EventReply {
				continue
			}
			var r replyDoc
			if found, err := s.findDoc(ctx, colCases, replyID(e.Case, claim.Seq), &r); err != nil {
				return commit, err
			} else if !found {
				commit.Excluded = append(commit.Excluded, eventKey(i))
			}
		}
	}
	if err := s.insertCommit(ctx, &commit); !duplicate(err) {
		if err == nil && recovered {
			s.log.Info("recovered tally entry", "entry", claim.ID, "writer", claim.Writer, "excluded", len(commit.Excluded))
		}
		return commit, err
	}
	var prev commitDoc
	if found, err := s.findDoc(ctx, colTallyLog, commit.ID, &prev); err != nil {
		return prev, err
	} else if !found {
		return prev, survey.Errorf(survey.EUNAVAILABLE, "err.store.unavailable")
	}
	return prev, nil
}

// storedUnder reports whether a record's documents are stored under the claim: the response,
// naming the entry, and the words of its case if it opens one.
func (s *Store) storedUnder(ctx context.Context, claim *claimDoc, rec *survey.Record) (bool, error) {
	var d responseDoc
	if found, err := s.findDoc(ctx, colResponses, rec.Key, &d); err != nil || !found {
		return false, err
	}
	if d.Seq != claim.Seq || d.Campaign != claim.Campaign {
		return false, nil
	}
	if rec.Case == "" {
		return true, nil
	}
	var c caseDoc
	found, err := s.findDoc(ctx, colCases, rec.Case, &c)
	return found && c.Key == rec.Key, err
}

func eventKey(i int) string { return fmt.Sprintf("event %d", i) }

// insertCommit inserts an entry's commit. A duplicate means the entry was decided already.
func (s *Store) insertCommit(ctx context.Context, c *commitDoc) error {
	return s.write(StepCommit, func() error {
		_, err := s.db.Collection(colTallyLog).InsertOne(ctx, c)
		if duplicate(err) {
			return err
		}
		return storeErr(err)
	})
}

// fold applies a committed entry to the view; reset is a reset entry's state. The caller holds v.mu.
func (v *tallyView) fold(claim *claimDoc, commit *commitDoc, reset *survey.CampaignTally) error {
	if claim.Kind == kindReset {
		if reset != nil {
			reset.Campaign, reset.Seq = v.campaign, claim.Seq
			v.replace(reset)
		}
		v.live.Seq = claim.Seq
		return nil
	}
	units, err := applyEntry(v.live, claim, commit)
	if err != nil {
		return err
	}
	v.touch(units...)
	v.live.Campaign, v.live.Seq = v.campaign, claim.Seq
	delete(v.waiting, claim.Seq)
	return nil
}

// applyEntry counts a committed entry of responses or case events into t and returns the units it
// changed.
func applyEntry(t *survey.CampaignTally, claim *claimDoc, commit *commitDoc) ([]string, error) {
	excluded := commit.excludes()
	var units []string
	switch claim.Kind {
	case kindEvents:
		var events []survey.CaseEvent
		if err := json.Unmarshal(claim.Records, &events); err != nil {
			return nil, fmt.Errorf("decode case events %s: %w", claim.ID, err)
		}
		for i := range events {
			if !excluded[eventKey(i)] {
				t.Apply(&events[i], claim.Seq)
				units = append(units, events[i].Unit)
			}
		}
	case kindResponses:
		var records []survey.Record
		if err := json.Unmarshal(claim.Records, &records); err != nil {
			return nil, fmt.Errorf("decode tally entry %s: %w", claim.ID, err)
		}
		units = addRecords(t, records, excluded)
	}
	return units, nil
}

// addRecords counts the records not excluded and returns their units.
func addRecords(t *survey.CampaignTally, records []survey.Record, excluded map[string]bool) []string {
	var units []string
	for i := range records {
		if !excluded[records[i].Key] {
			t.Add(&records[i])
			units = append(units, records[i].Unit)
		}
	}
	return units
}

// claim inserts the next entry of the campaign's log and returns its number. Entries are claimed
// only after the previous one exists, so the log has no gaps; entries the retention policy
// deleted stay as stubs, so no number is ever claimed twice. When another instance has taken the
// number, the claim searches for the log's end instead of stepping one by one: an instance that
// is far behind a busy one would otherwise never catch up.
func (vs *tallyViews) claim(ctx context.Context, campaign, kind string, records any) (int64, error) {
	doc, err := vs.nextClaim(ctx, campaign, kind, records)
	if err != nil {
		return 0, err
	}
	return vs.claimFrom(ctx, doc)
}

// nextClaim returns the claim of the entry after the last this instance knows of.
func (vs *tallyViews) nextClaim(ctx context.Context, campaign, kind string, records any) (claimDoc, error) {
	s := vs.s
	v := vs.view(campaign)
	v.io.Lock()
	err := vs.load(ctx, v, false)
	v.io.Unlock()
	if err != nil {
		return claimDoc{}, err
	}
	v.mu.Lock()
	next := max(v.live.Seq, v.claimed) + 1
	v.mu.Unlock()
	var blob []byte
	if records != nil {
		if blob, err = json.Marshal(records); err != nil {
			return claimDoc{}, fmt.Errorf("encode tally records: %w", err)
		}
	}
	return claimDoc{ID: logID(campaign, next), Campaign: campaign, Seq: next, Kind: kind, Writer: s.writer, At: s.now(), Records: blob}, nil
}

// claimFrom inserts the claim, at its number or after the log's end, and returns its number.
func (vs *tallyViews) claimFrom(ctx context.Context, doc claimDoc) (int64, error) {
	s := vs.s
	for {
		err := s.write(StepClaim, func() error {
			_, err := s.db.Collection(colTallyLog).InsertOne(ctx, doc)
			return err
		})
		if duplicate(err) {
			next, err := vs.logEnd(ctx, doc.Campaign, doc.Seq)
			if err != nil {
				return 0, err
			}
			doc.ID, doc.Seq, doc.At = logID(doc.Campaign, next), next, s.now()
			continue
		} else if err != nil {
			return 0, storeErr(fmt.Errorf("insert tally claim: %w", err))
		}
		vs.claimed(doc.Campaign, doc.Seq)
		return doc.Seq, nil
	}
}

// claimed notes an entry this instance claimed: its next claim is after it.
func (vs *tallyViews) claimed(campaign string, seq int64) {
	v := vs.view(campaign)
	v.mu.Lock()
	v.claimed = max(v.claimed, seq)
	v.mu.Unlock()
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

// foldOwn applies an entry this instance wrote and committed to its view at once, when the view is
// right behind it, so the writer reads its own writes without a round trip; otherwise the next
// read folds the entry from the log.
func (vs *tallyViews) foldOwn(campaign string, seq int64, records []survey.Record, excluded map[string]bool) {
	v := vs.view(campaign)
	v.mu.Lock()
	var due *survey.CampaignTally
	if v.loaded && v.live.Seq == seq-1 {
		v.touch(addRecords(v.live, records, excluded)...)
		v.live.Seq = seq
		delete(v.waiting, seq)
		due = vs.checkpointDue(v)
	}
	v.mu.Unlock()
	vs.checkpointLater(v, due)
}

// drop forgets this instance's folded tallies of the campaign; the next read loads them afresh.
func (vs *tallyViews) drop(campaign string) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	delete(vs.views, campaign)
}

// findDoc decodes the document with the _id into out and reports whether there is one.
func (s *Store) findDoc(ctx context.Context, col, id string, out any) (bool, error) {
	err := s.db.Collection(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(out)
	if err == driver.ErrNoDocuments {
		return false, nil
	} else if err != nil {
		return false, storeErr(fmt.Errorf("read %s %s: %w", col, id, err))
	}
	return true, nil
}

// sortedCases orders every unit's cases by arrival, then ID: a recount reads responses in no
// particular order.
func sortedCases(t *survey.CampaignTally) {
	for _, u := range t.Units {
		slices.SortFunc(u.Cases, func(a, b *survey.Case) int {
			if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		})
	}
}

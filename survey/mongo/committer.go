package mongo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey"
)

// committer writes submissions in groups: while one group commit is under way, new submissions
// queue, and the next commit takes them all. Each commit is three writes whatever its size:
//
//  1. claim the next tally-log entry of the campaign, listing the records to count;
//  2. insert the responses, each naming that entry (a duplicate submission key fails alone);
//  3. insert the entry's commit, listing the records not inserted.
//
// A response is acknowledged once step 2 stored it, and from then on it is counted exactly once:
// by the commit, or, if the process dies first, by whichever instance recovers the open claim
// (tallyView.recover). So the commit need not hold up the reply: a finisher writes commits in
// order, those waiting together in one insert, while the next batch is already being claimed. Every write is an insert under a unique
// _id, which both MongoDB and the embedded store make race-free.
type committer struct {
	s       *Store
	queue   chan *group
	stop    chan struct{}
	done    chan struct{}
	commits chan pendingCommit
	drained chan struct{}

	mu     sync.RWMutex
	closed bool
}

// group is the responses of one Submit or SubmitAll call, committed together.
type group struct {
	responses []*survey.Response
	receipts  []*survey.Receipt
	err       error
	done      chan struct{}
}

func newCommitter(s *Store) *committer {
	c := &committer{s: s, queue: make(chan *group, 4096), stop: make(chan struct{}), done: make(chan struct{}),
		commits: make(chan pendingCommit, 1024), drained: make(chan struct{})}
	go c.run()
	go c.finish()
	return c
}

var errClosed = survey.Errorf(survey.EUNAVAILABLE, "err.store.closing")

func (c *committer) submit(ctx context.Context, rs []*survey.Response) ([]*survey.Receipt, error) {
	g := &group{responses: rs, receipts: make([]*survey.Receipt, len(rs)), done: make(chan struct{})}
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return nil, errClosed
	}
	select {
	case c.queue <- g:
		c.mu.RUnlock()
	case <-ctx.Done():
		c.mu.RUnlock()
		return nil, storeErr(ctx.Err())
	}
	// Once queued, the group is committed even if the caller stops waiting: a resident whose
	// connection drops resubmits the same key and gets this receipt.
	select {
	case <-g.done:
		return g.receipts, g.err
	case <-ctx.Done():
		return nil, storeErr(ctx.Err())
	}
}

// flush returns once the commits of every batch acknowledged so far are written.
func (c *committer) flush(ctx context.Context) error {
	written := make(chan struct{})
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return errClosed
	}
	select {
	case c.commits <- pendingCommit{written: written}:
		c.mu.RUnlock()
	case <-ctx.Done():
		c.mu.RUnlock()
		return storeErr(ctx.Err())
	}
	select {
	case <-written:
		return nil
	case <-ctx.Done():
		return storeErr(ctx.Err())
	}
}

// close stops taking submissions and returns when every queued one is committed.
func (c *committer) close() {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		<-c.done
		return
	}
	c.closed = true
	c.mu.Unlock()
	close(c.stop)
	<-c.done
}

// pendingCommit is the commit of an acknowledged batch still to be written, or, with written
// set, a marker that flush waits for.
type pendingCommit struct {
	campaign string
	seq      int64
	excluded []int
	written  chan struct{}
}

// finish writes the commits of acknowledged batches, all that are waiting in one insert: under
// load the store then spends one write on the commits of several batches.
func (c *committer) finish() {
	defer close(c.drained)
	for first := range c.commits {
		batch := []pendingCommit{first}
	more:
		for len(batch) < 256 {
			select {
			case p, ok := <-c.commits:
				if !ok {
					break more
				}
				batch = append(batch, p)
			default:
				break more
			}
		}
		var docs []pendingCommit
		for _, p := range batch {
			if p.written == nil {
				docs = append(docs, p)
			}
		}
		if len(docs) > 0 {
			ctx, cancel := context.WithTimeout(context.Background(), c.s.opts.BatchTimeout)
			if err := c.s.tallies.commitAll(ctx, docs); err != nil {
				c.s.log.Warn("tally commits failed; their claims will be recovered", "commits", len(docs), "err", err)
			}
			cancel()
		}
		for _, p := range batch {
			if p.written != nil {
				close(p.written)
			}
		}
	}
}

func (c *committer) run() {
	defer func() {
		close(c.commits)
		<-c.drained
		close(c.done)
	}()
	for {
		select {
		case g := <-c.queue:
			c.commit(c.gather(g))
		case <-c.stop:
			// No sender can queue after closed was set; commit what is left.
			for {
				select {
				case g := <-c.queue:
					c.commit(c.gather(g))
				default:
					return
				}
			}
		}
	}
}

// gather takes queued groups after first, up to the batch limit.
func (c *committer) gather(first *group) []*group {
	batch, n := []*group{first}, len(first.responses)
	for n < c.s.opts.MaxBatch {
		select {
		case g := <-c.queue:
			batch = append(batch, g)
			n += len(g.responses)
		default:
			return batch
		}
	}
	return batch
}

// pending is one response of a batch and where its receipt goes.
type pending struct {
	r *survey.Response
	g *group
	i int
}

func (p pending) settle(rc *survey.Receipt) { p.g.receipts[p.i] = rc }

func (c *committer) commit(batch []*group) {
	ctx, cancel := context.WithTimeout(context.Background(), c.s.opts.BatchTimeout)
	defer cancel()
	byCampaign := map[string][]pending{}
	var campaigns []string
	for _, g := range batch {
		for i, r := range g.responses {
			if byCampaign[r.Campaign] == nil {
				campaigns = append(campaigns, r.Campaign)
			}
			byCampaign[r.Campaign] = append(byCampaign[r.Campaign], pending{r, g, i})
		}
	}
	failed := map[*group]error{}
	for _, campaign := range campaigns {
		if err := c.commitCampaign(ctx, campaign, byCampaign[campaign]); err != nil {
			for _, p := range byCampaign[campaign] {
				failed[p.g] = err
			}
		}
	}
	for _, g := range batch {
		if err := failed[g]; err != nil {
			g.err = err
		}
		close(g.done)
	}
}

func (c *committer) commitCampaign(ctx context.Context, campaign string, items []pending) error {
	s := c.s
	// The same key twice in one batch (a double tap) is written once; the second copies its receipt.
	var unique []pending
	firstOf := map[string]int{}
	var repeats [][2]int // index in items, index in unique
	for i, p := range items {
		if j, ok := firstOf[p.r.Key]; ok {
			repeats = append(repeats, [2]int{i, j})
			continue
		}
		firstOf[p.r.Key] = len(unique)
		unique = append(unique, p)
	}
	records := make([]survey.Record, len(unique))
	for i, p := range unique {
		records[i] = survey.RecordOf(p.r)
	}
	seq, err := s.tallies.claim(ctx, campaign, kindResponses, records)
	if err != nil {
		return fmt.Errorf("claim tally entry: %w", err)
	}
	if err := s.failAt("claimed"); err != nil {
		return err
	}
	docs := make([]any, len(unique))
	for i, p := range unique {
		docs[i] = toResponseDoc(p.r, seq)
	}
	_, err = s.db.Collection(colResponses).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	var bwe driver.BulkWriteException
	excluded := []int{}
	if err != nil && !errors.As(err, &bwe) {
		// Unknown which responses landed: acknowledge none. The claim stays open and recovery
		// counts exactly the ones that did; a resubmission finds them by key.
		return storeErr(fmt.Errorf("insert responses: %w", err))
	}
	for _, we := range bwe.WriteErrors {
		excluded = append(excluded, we.Index)
		p := unique[we.Index]
		if !driver.IsDuplicateKeyError(we) {
			p.g.err = storeErr(fmt.Errorf("insert response: %w", we))
			continue
		}
		prev, err := s.responseDoc(ctx, p.r.Key)
		if err != nil {
			p.g.err = err
			continue
		}
		p.settle(&survey.Receipt{Key: prev.Key, SubmittedAt: prev.SubmittedAt, Duplicate: true})
	}
	slices.Sort(excluded)
	if err := s.failAt("inserted"); err != nil {
		return err
	}
	for i, p := range unique {
		if !slices.Contains(excluded, i) {
			p.settle(&survey.Receipt{Key: p.r.Key, SubmittedAt: p.r.SubmittedAt})
		}
	}
	for _, rp := range repeats {
		if rc := unique[rp[1]].g.receipts[unique[rp[1]].i]; rc != nil {
			dup := *rc
			dup.Duplicate = true
			items[rp[0]].settle(&dup)
		}
	}
	// From here every inserted response is counted whatever happens: by this commit or, if it
	// fails, by recovery of the open claim.
	s.tallies.foldOwn(ctx, campaign, seq, records, excluded)
	c.commits <- pendingCommit{campaign: campaign, seq: seq, excluded: excluded}
	return nil
}

func (s *Store) failAt(step string) error {
	if s.opts.FailAt == nil {
		return nil
	}
	return s.opts.FailAt(step)
}

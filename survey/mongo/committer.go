package mongo

import (
	"context"
	"fmt"
	"sync"

	"github.com/skm-engine/skm/survey"
)

// committer writes submissions in groups: while one group commit is under way, new submissions
// queue, and the next commit takes them all. Each commit is a few inserts whatever its size, each
// under a unique _id, which both MongoDB and the embedded store make race-free:
//
//  1. claim the next tally-log entry of the campaign, listing the records to count;
//  2. insert the responses, each naming that entry, and beside them the words of the cases they
//     open (a duplicate submission key fails alone);
//  3. insert the entry's commit, listing the records not stored.
//
// A response is acknowledged only once step 3 succeeded, or, when the commit met one already
// there (a reader recovered the claim while this writer was slow), only if that commit counts
// it. So the commit is the single decision: whatever it counts is acknowledged and counted by
// every instance, and whatever it leaves out is neither; the writer deletes what it stored in
// vain. The run loop does steps 1–2 and hands the batch to a finisher, which writes the commits
// of every batch waiting in one insert while the loop already claims the next batch.
type committer struct {
	s        *Store
	queue    chan *group
	stop     chan struct{}
	done     chan struct{}
	finished chan *part
	drained  chan struct{}

	mu     sync.RWMutex
	closed bool
}

// group is the responses of one Submit or SubmitAll call, acknowledged together.
type group struct {
	responses []*survey.Response
	receipts  []*survey.Receipt
	err       error
	parts     int // the campaign parts of the batch it is in, still to settle
	done      chan struct{}
}

func newCommitter(s *Store) *committer {
	c := &committer{s: s, queue: make(chan *group, 4096), stop: make(chan struct{}), done: make(chan struct{}),
		finished: make(chan *part, 64), drained: make(chan struct{})}
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
		if g.err != nil {
			return nil, g.err
		}
		return g.receipts, nil
	case <-ctx.Done():
		return nil, storeErr(ctx.Err())
	}
}

// flush returns once every batch taken so far is settled.
func (c *committer) flush(ctx context.Context) error {
	marker := &part{written: make(chan struct{})}
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return errClosed
	}
	select {
	case c.finished <- marker:
		c.mu.RUnlock()
	case <-ctx.Done():
		c.mu.RUnlock()
		return storeErr(ctx.Err())
	}
	select {
	case <-marker.written:
		return nil
	case <-ctx.Done():
		return storeErr(ctx.Err())
	}
}

// close stops taking submissions and returns when every queued one is settled.
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

func (c *committer) run() {
	defer func() {
		close(c.finished)
		<-c.drained
		close(c.done)
	}()
	for {
		select {
		case g := <-c.queue:
			c.stage(c.gather(g))
		case <-c.stop:
			// No sender can queue after closed was set; commit what is left.
			for {
				select {
				case g := <-c.queue:
					c.stage(c.gather(g))
				default:
					return
				}
			}
		}
	}
}

// gather takes queued groups after first, up to the batch limits.
func (c *committer) gather(first *group) []*group {
	batch, n, size := []*group{first}, len(first.responses), groupSize(first)
	for n < c.s.opts.MaxBatch && size < c.s.opts.MaxBatchBytes {
		select {
		case g := <-c.queue:
			batch = append(batch, g)
			n += len(g.responses)
			size += groupSize(g)
		default:
			return batch
		}
	}
	return batch
}

// groupSize estimates the bytes a group adds to a batch: a record and a response document, and
// the words of its cases.
func groupSize(g *group) int {
	n := 0
	for _, r := range g.responses {
		n += 512 + len(r.Suggestion)
	}
	return n
}

// stage claims and stores one batch, per campaign, and hands each part to the finisher.
func (c *committer) stage(batch []*group) {
	byCampaign := map[string][]pending{}
	var campaigns []string
	for _, g := range batch {
		seen := map[string]bool{}
		for i, r := range g.responses {
			if byCampaign[r.Campaign] == nil {
				campaigns = append(campaigns, r.Campaign)
			}
			byCampaign[r.Campaign] = append(byCampaign[r.Campaign], pending{r, g, i})
			if !seen[r.Campaign] {
				seen[r.Campaign] = true
				g.parts++
			}
		}
	}
	for _, campaign := range campaigns {
		p := newPart(c.s, campaign, byCampaign[campaign])
		ctx, cancel := context.WithTimeout(context.Background(), c.s.opts.BatchTimeout)
		p.stage(ctx)
		cancel()
		c.finished <- p
	}
}

// finish settles the staged parts in order, writing the commits of all that are waiting in one
// insert: under load the store then spends one write on the commits of several batches.
func (c *committer) finish() {
	defer close(c.drained)
	for first := range c.finished {
		batch := []*part{first}
	more:
		for len(batch) < 64 {
			select {
			case p, ok := <-c.finished:
				if !ok {
					break more
				}
				batch = append(batch, p)
			default:
				break more
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), c.s.opts.BatchTimeout)
		c.s.commitParts(ctx, batch)
		for _, p := range batch {
			if p.written != nil {
				close(p.written)
				continue
			}
			p.settle(ctx)
		}
		cancel()
	}
}

func (s *Store) failAt(step string) error {
	if s.opts.FailAt == nil {
		return nil
	}
	return s.opts.FailAt(step)
}

// errNotStored is what a resident hears for a response a recovery left out or a store that
// could not say: not stored, send it again (the same key is safe).
var errNotStored = survey.Errorf(survey.EUNAVAILABLE, "err.store.unavailable")

func partErr(step string, err error) error {
	if writeConcernFailed(err) {
		return err
	}
	return storeErr(fmt.Errorf("%s: %w", step, err))
}

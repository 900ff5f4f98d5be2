package mongo

import (
	"context"
	"fmt"
	"sync"

	"github.com/skm-engine/skm/survey"
)

// committer writes submissions in groups: while one group commit is under way, new submissions
// queue, and the next commit takes them all. Every write is an insert under unique _ids, which
// both MongoDB and the embedded store make race-free:
//
//  1. the words of the cases the responses open, when there are any;
//  2. the claim of the campaign's next tally-log entry, listing the records to count;
//  3. the responses, each naming that entry;
//  4. the entry's commit, leaving out what is not stored.
//
// The tally log lives beside the responses so that, on a single server, steps 2 to 4 are one
// ordered insert (part.storeAtOnce). On a replica set they are written one after another, so that
// a write-concern error can still leave every response out.
//
// A response is acknowledged only once its entry's commit is stored and counts it; when the
// commit met one already there (a reader recovered the claim while this writer was slow), only if
// that commit counts it. So the commit is the single decision: whatever it counts is acknowledged
// and counted by every instance, and whatever it leaves out is neither; the writer deletes what it
// stored in vain.
type committer struct {
	s       *Store
	queue   chan *group
	flushes chan chan struct{}
	stop    chan struct{}
	done    chan struct{}

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
	c := &committer{s: s, queue: make(chan *group, 4096), flushes: make(chan chan struct{}, 64), stop: make(chan struct{}),
		done: make(chan struct{})}
	go c.run()
	return c
}

var errClosed = survey.Errorf(survey.EUNAVAILABLE, "err.store.closing")

func (c *committer) submit(ctx context.Context, rs []*survey.Response) ([]*survey.Receipt, error) {
	for _, r := range rs {
		// A key is letters, digits, '-' and '_', so it can never be taken for a tally-log
		// entry ({campaign}/{n}) beside it in the responses collection.
		if !survey.ValidKey(r.Key) {
			return nil, survey.Errorf(survey.EINVALID, "err.response.key")
		}
	}
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
	marker := make(chan struct{})
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return errClosed
	}
	select {
	case c.flushes <- marker:
		c.mu.RUnlock()
	case <-ctx.Done():
		c.mu.RUnlock()
		return storeErr(ctx.Err())
	}
	select {
	case <-marker:
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

// run takes batches and writes them, one round at a time; a round settles its whole batch, so
// an answer never waits for the next resident.
func (c *committer) run() {
	defer close(c.done)
	for {
		select {
		case g := <-c.queue:
			c.round(c.gather(g))
		case m := <-c.flushes:
			close(m) // every batch taken so far is settled
		case <-c.stop:
			// No sender can queue after closed was set; commit what is left.
			for len(c.queue) > 0 {
				c.round(c.gather(<-c.queue))
			}
			for {
				select {
				case m := <-c.flushes:
					close(m)
				default:
					return
				}
			}
		}
	}
}

// round stores the batch, one part per campaign, decides each part's entry and settles it.
func (c *committer) round(batch []*group) {
	ctx, cancel := context.WithTimeout(context.Background(), c.s.opts.BatchTimeout)
	defer cancel()
	for _, p := range c.split(batch) {
		if p.err == nil {
			p.store(ctx)
		}
		if p.err == nil && p.commit == nil {
			c.s.commitPart(ctx, p)
		}
		p.settle(ctx)
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

// groupSize estimates the bytes a group adds to a batch.
func groupSize(g *group) int {
	n := 0
	for _, r := range g.responses {
		n += responseSize(r)
	}
	return n
}

// responseSize estimates the bytes a response adds to a batch: a record and a response document,
// and the words of its case.
func responseSize(r *survey.Response) int { return 512 + len(r.Suggestion) }

// split divides a batch into parts of one campaign each, none larger than the batch limits: a
// SubmitAll of thousands of responses becomes several entries, and every claim stays small.
func (c *committer) split(batch []*group) []*part {
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
	var parts []*part
	for _, campaign := range campaigns {
		all := byCampaign[campaign]
		for len(all) > 0 {
			n, size := 0, 0
			for n < len(all) && n < c.s.opts.MaxBatch && (n == 0 || size+responseSize(all[n].r) <= c.s.opts.MaxBatchBytes) {
				size += responseSize(all[n].r)
				n++
			}
			p := newPart(c.s, campaign, all[:n])
			for g := range p.groups() {
				g.parts++
			}
			parts = append(parts, p)
			all = all[n:]
		}
	}
	return parts
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

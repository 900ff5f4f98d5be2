package mongo

import (
	"context"
	"fmt"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey"
)

// pending is one response of a batch and where its receipt goes.
type pending struct {
	r *survey.Response
	g *group
	i int
}

// item is a response with a key new to its batch, and what became of it.
type item struct {
	pending
	rec    survey.Record
	caseID string
	stored bool         // this writer inserted the response under the part's entry
	words  bool         // this writer inserted the case's words
	there  bool         // the case's words were stored before, for the same response
	prev   *responseDoc // the response stored before under the key, when the insert was a duplicate
	rc     *survey.Receipt
	err    error
}

// complete reports whether everything the response needs is stored under the part's entry.
func (it *item) complete() bool {
	return it.err == nil && it.stored && (it.caseID == "" || it.words || it.there)
}

// part is the responses of one batch for one campaign: one tally-log entry.
type part struct {
	s        *Store
	campaign string
	items    []*item
	repeats  [][2]int // a response whose key came earlier in the batch: its pending index, the item's
	all      []pending
	claim    claimDoc
	records  []survey.Record
	// err stops the part before its entry is decided: nothing of it is acknowledged.
	err error
	// unknown means this writer cannot tell which of its inserts landed: the entry is decided by
	// what is stored, as a recovery would.
	unknown bool
	commit  *commitDoc // the decision
}

func newPart(s *Store, campaign string, all []pending) *part {
	p := &part{s: s, campaign: campaign, all: all}
	firstOf := map[string]int{}
	for i, pd := range all {
		if j, ok := firstOf[pd.r.Key]; ok {
			p.repeats = append(p.repeats, [2]int{i, j})
			continue
		}
		firstOf[pd.r.Key] = len(p.items)
		id := s.caseIDOf(pd.r.Suggestion != "", pd.r.CaseCode, pd.r.Key)
		rec := survey.RecordOf(pd.r, id)
		p.items = append(p.items, &item{pending: pd, rec: rec, caseID: id})
		p.records = append(p.records, rec)
	}
	return p
}

// stage claims the entry, unless the commits of the round before carried its claim, and stores
// the responses and their cases' words under it.
func (p *part) stage(ctx context.Context) {
	s := p.s
	if p.claim.ID == "" {
		doc, err := s.tallies.nextClaim(ctx, p.campaign, kindResponses, p.records)
		if err == nil {
			doc.Seq, err = s.tallies.claimFrom(ctx, doc)
			doc.ID = logID(p.campaign, doc.Seq)
		}
		if err != nil {
			p.err = partErr("claim tally entry", err)
			return
		}
		p.claim = doc
	}
	seq := p.claim.Seq
	if p.err = s.failAt("claimed"); p.err != nil {
		return
	}
	var responses, words []any
	var withWords []*item
	for _, it := range p.items {
		responses = append(responses, toResponseDoc(it.r, seq))
		if it.caseID != "" {
			words = append(words, caseDoc{ID: it.caseID, Campaign: p.campaign, Unit: it.r.Unit, Key: it.r.Key, Text: it.r.Suggestion})
			withWords = append(withWords, it)
		}
	}
	// The responses and their cases' words go in two unordered inserts at once: a suggestion is
	// never acknowledged without its words, and neither insert waits for the other.
	var wg sync.WaitGroup
	var wordsRefused map[int]driver.WriteError
	var wordsErr error
	if len(words) > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wordsRefused, wordsErr = s.insertMany(ctx, StepCases, colCases, words)
		}()
	}
	refused, err := s.insertMany(ctx, StepResponses, colResponses, responses)
	wg.Wait()
	if writeConcernFailed(err) || writeConcernFailed(wordsErr) {
		// Written, perhaps, but not durable on a majority: a failure. The commit leaves every
		// response of the part out, and what did land is deleted.
		for _, it := range p.items {
			it.stored, it.words, it.err = true, it.caseID != "", errNotStored
		}
		return
	}
	if err != nil || wordsErr != nil {
		s.log.Warn("unknown which responses were stored; deciding the entry by what is there", "entry", p.claim.ID, "err", err, "words", wordsErr)
		p.unknown = true
		return
	}
	for i, it := range p.items {
		we, no := refused[i]
		it.stored = !no
		if no && !driver.IsDuplicateKeyError(we) {
			it.err = partErr("insert response", we)
		} else if no {
			if it.prev, it.err = s.responseDoc(ctx, it.r.Key); it.err == nil {
				it.err = p.retake(ctx, it)
			}
		}
	}
	for i, it := range withWords {
		we, no := wordsRefused[i]
		it.words = !no
		if no && driver.IsDuplicateKeyError(we) {
			var prev caseDoc
			found, err := s.findDoc(ctx, colCases, it.caseID, &prev)
			it.there = found && prev.Key == it.r.Key
			if err == nil && !it.there {
				err = survey.Errorf(survey.ECONFLICT, "err.store.exists")
			}
			it.err = firstErr(it.err, err)
		} else if no {
			it.err = firstErr(it.err, partErr("insert case", we))
		}
	}
	p.err = s.failAt("inserted")
}

// retake handles a submission key stored before: a response no commit counts (an orphan: a
// recovery left it out and nobody was told it was stored) is deleted and stored again under this
// entry; one that is counted, or whose entry is still undecided, stays as it is.
func (p *part) retake(ctx context.Context, it *item) error {
	s := p.s
	if st, err := s.standing(ctx, it.prev); err != nil || st != orphan {
		return err
	}
	// The words stay when they are this response's too (the same tracking code sent again).
	words := s.caseIDOf(it.prev.Case, it.prev.CaseCode, it.prev.Key)
	if words == it.caseID {
		words = ""
	}
	if err := s.deleteResponse(ctx, it.prev.Key, it.prev.Seq, words); err != nil {
		return err
	}
	refused, err := s.insertMany(ctx, StepResponses, colResponses, []any{toResponseDoc(it.r, p.claim.Seq)})
	if err != nil || len(refused) > 0 {
		return errNotStored
	}
	it.stored, it.prev = true, nil
	return nil
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// commitParts decides the entries of the stored parts: their commits in one unordered insert, or,
// for a part that cannot tell what it stored, a commit of what is there. The claim of next, the
// part of the new batch, goes in the same insert.
func (s *Store) commitParts(ctx context.Context, parts []*part, next *part) {
	var docs []any
	var mine []*part
	for _, p := range parts {
		if p.err != nil || p.unknown {
			continue
		}
		c := s.newCommit(p.campaign, p.claim.Seq, false)
		for _, it := range p.items {
			if !it.complete() {
				c.Excluded = append(c.Excluded, it.r.Key)
			}
		}
		p.commit = c
		docs = append(docs, c)
		mine = append(mine, p)
	}
	refused, err := s.insertLog(ctx, docs, next)
	if len(docs) > 0 {
		for i, p := range mine {
			we, no := refused[i]
			switch {
			case writeConcernFailed(err):
				// The commit may be rolled back: decide the entry for the readers' sake, but
				// acknowledge nothing of it.
				if _, serr := s.tallies.settle(ctx, &p.claim, false); serr != nil {
					s.log.Warn("tally entry left to recovery", "entry", p.claim.ID, "err", serr)
				}
				p.commit, p.err = nil, errNotStored
			case err != nil || (no && !driver.IsDuplicateKeyError(we)):
				p.commit, p.unknown = nil, true
			case no:
				// A reader recovered the entry first: its commit decides, and this writer
				// acknowledges only what that commit counts.
				var prev commitDoc
				if found, ferr := s.findDoc(ctx, colTallyLog, p.commit.ID, &prev); ferr != nil || !found {
					p.commit, p.err = nil, errNotStored
				} else {
					p.commit = &prev
					s.log.Warn("tally entry was recovered while its writer was still storing it; acknowledging only what the recovery counted",
						"entry", p.claim.ID, "excluded", len(prev.Excluded))
				}
			}
		}
	}
	for _, p := range parts {
		if p.unknown && p.err == nil {
			c, err := s.tallies.settle(ctx, &p.claim, false)
			if err != nil {
				p.err = partErr("decide tally entry", err)
				continue
			}
			p.commit = &c
		}
	}
	if err := s.failAt("committed"); err != nil {
		for _, p := range parts {
			if p.err == nil {
				p.err, p.commit = err, nil
			}
		}
	}
}

// settle gives every response of the part its answer by the entry's commit, folds the entry into
// this instance's view and deletes what was stored in vain.
func (p *part) settle(ctx context.Context) {
	s := p.s
	var excluded map[string]bool
	if p.commit != nil {
		excluded = p.commit.excludes()
	}
	for _, it := range p.items {
		switch {
		case p.commit == nil:
			it.err = firstErr(p.err, errNotStored)
		case !excluded[it.r.Key]:
			it.rc, it.err = &survey.Receipt{Key: it.r.Key, SubmittedAt: it.r.SubmittedAt}, nil
		case it.prev != nil && it.err == nil:
			it.rc, it.err = p.earlier(ctx, it)
		case it.err == nil:
			it.err = errNotStored
		}
	}
	if p.commit != nil {
		// Before anyone hears no: a resubmission then finds nothing of the first attempt.
		for _, it := range p.items {
			if excluded[it.r.Key] {
				p.discard(ctx, it)
			}
		}
	}
	for _, it := range p.items {
		p.answer(it.pending, it.rc, it.err, false)
	}
	for _, rp := range p.repeats {
		it := p.items[rp[1]]
		p.answer(p.all[rp[0]], it.rc, it.err, true)
	}
	p.release()
	if s.failAt("acknowledged") != nil || p.commit == nil {
		return
	}
	s.tallies.foldOwn(p.campaign, p.claim.Seq, p.records, excluded)
}

// earlier answers a duplicate submission with the receipt of the response stored before, if its
// entry counts it.
func (p *part) earlier(ctx context.Context, it *item) (*survey.Receipt, error) {
	st, err := p.s.standing(ctx, it.prev)
	if err != nil {
		return nil, err
	}
	if st != counted {
		return nil, errNotStored
	}
	return &survey.Receipt{Key: it.prev.Key, SubmittedAt: it.prev.SubmittedAt, Duplicate: true}, nil
}

// answer gives a response its receipt or error.
func (p *part) answer(pd pending, rc *survey.Receipt, err error, repeat bool) {
	if rc != nil && repeat {
		dup := *rc
		dup.Duplicate = true
		rc = &dup
	}
	pd.g.receipts[pd.i] = rc
	if err != nil && pd.g.err == nil {
		pd.g.err = err
	}
}

// release hands their answers to the groups whose every part is now settled.
func (p *part) release() {
	for g := range p.groups() {
		g.parts--
		if g.parts == 0 {
			close(g.done)
		}
	}
}

// groups returns the groups with responses in the part.
func (p *part) groups() map[*group]bool {
	gs := map[*group]bool{}
	for _, pd := range p.all {
		gs[pd.g] = true
	}
	return gs
}

// discard deletes what this writer stored for a response its entry does not count: nobody was
// told it was stored, so deleting it is always safe.
func (p *part) discard(ctx context.Context, it *item) {
	s := p.s
	id := ""
	if it.words {
		id = it.caseID
	}
	if !it.stored {
		if id != "" {
			_ = s.deleteWords(ctx, id, it.r.Key)
		}
		return
	}
	if err := s.deleteResponse(ctx, it.r.Key, p.claim.Seq, id); err != nil {
		s.log.Warn("response stored in vain not deleted; a resubmission replaces it", "key", it.r.Key, "err", err)
	}
}

// standing is what a stored response is to the tallies.
type standing int

const (
	undecided standing = iota // its entry has no commit yet
	counted                   // its entry's commit counts it
	orphan                    // its entry's commit leaves it out
)

func (s *Store) standing(ctx context.Context, d *responseDoc) (standing, error) {
	var c commitDoc
	found, err := s.findDoc(ctx, colTallyLog, commitID(d.Campaign, d.Seq), &c)
	switch {
	case err != nil:
		return undecided, err
	case !found:
		return undecided, nil
	case c.excludes()[d.Key]:
		return orphan, nil
	}
	return counted, nil
}

// deleteResponse deletes a response stored under entry seq, and the case words it opened.
func (s *Store) deleteResponse(ctx context.Context, key string, seq int64, caseID string) error {
	if _, err := s.db.Collection(colResponses).DeleteOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "seq", Value: seq}}); err != nil {
		return storeErr(fmt.Errorf("delete response: %w", err))
	}
	if caseID == "" {
		return nil
	}
	return s.deleteWords(ctx, caseID, key)
}

func (s *Store) deleteWords(ctx context.Context, caseID, key string) error {
	_, err := s.db.Collection(colCases).DeleteOne(ctx, bson.D{{Key: "_id", Value: caseID}, {Key: "key", Value: key}})
	return storeErr(err)
}

// insertMany inserts documents unordered as one write of the pipeline and sorts the outcome.
func (s *Store) insertMany(ctx context.Context, step, col string, docs []any) (map[int]driver.WriteError, error) {
	var refused map[int]driver.WriteError
	err := s.write(step, func() error {
		_, err := s.db.Collection(col).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
		refused, err = insertOutcome(err)
		return err
	})
	if err != nil {
		return nil, partErr("insert "+col, err)
	}
	return refused, nil
}

// insertLog writes commits to the tally log and, in the same insert, the claim of next: one write
// where two would do. It returns how the commits fared; the claim is next's when it landed, else
// next claims on its own. With Options.Writes set, each step is written apart, so that a test
// can stand between them.
func (s *Store) insertLog(ctx context.Context, commits []any, next *part) (map[int]driver.WriteError, error) {
	if next == nil || s.opts.Writes != nil {
		if len(commits) == 0 {
			return nil, nil
		}
		return s.insertMany(ctx, StepCommit, colTallyLog, commits)
	}
	claim, err := s.tallies.nextClaim(ctx, next.campaign, kindResponses, next.records)
	if err != nil {
		next.err = partErr("claim tally entry", err)
		return s.insertLog(ctx, commits, nil)
	}
	refused, err := s.insertMany(ctx, StepCommit, colTallyLog, append(commits, claim))
	_, lost := refused[len(commits)]
	if err != nil {
		// Unknown whether the claim landed: it is this instance's if the log holds it under its
		// name (it never claimed this number before).
		var there claimDoc
		found, ferr := s.findDoc(ctx, colTallyLog, claim.ID, &there)
		lost = ferr != nil || !found || there.Writer != s.writer
	}
	if !lost {
		next.claim = claim
		s.tallies.claimed(claim.Campaign, claim.Seq)
	}
	delete(refused, len(commits))
	return refused, err
}

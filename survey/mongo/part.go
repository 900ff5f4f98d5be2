package mongo

import (
	"bytes"
	"context"
	"fmt"

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

// store writes the part's words, claim and responses, and its commit when that can go with them.
// The words of its cases go first. Then, on a single server and for a batch within atOnce
// documents, one ordered insert carries the claim of the campaign's next tally-log entry, the
// responses under it and the entry's commit (storeAtOnce); otherwise the claim, the responses and
// the commit are written one after another (storeApart, then commitPart).
func (p *part) store(ctx context.Context) {
	s := p.s
	if !p.storeWords(ctx) {
		return
	}
	var in []*item // the items whose responses go in; the others are left out of the commit
	var left []string
	for _, it := range p.items {
		if it.err != nil {
			left = append(left, it.r.Key)
			continue
		}
		in = append(in, it)
	}
	claim, err := s.tallies.nextClaim(ctx, p.campaign, kindResponses, p.records)
	if err != nil {
		p.err = partErr("claim tally entry", err)
		return
	}
	if s.replicated || s.writesApart() || len(in)+2 > atOnce {
		p.storeApart(ctx, claim, in)
		return
	}
	p.storeAtOnce(ctx, claim, in, left)
}

// atOnce bounds the documents of one ordered insert. FerretDB 1.24 inserts 100 documents at a time
// and stops an ordered insert at a refusal only within those 100: past them, a response refused
// in the first hundred would not keep the commit in the second from landing.
const atOnce = 100

// storeAtOnce writes claim, responses and commit in one ordered insert. An ordered insert stops at
// the first document refused, so a response lands only under this writer's claim, and the commit
// only after every response it counts; on the embedded store the insert is one SQLite
// transaction. It is used only on a single server, where no write-concern error can come back:
// on a replica set a commit written with the responses could not be taken back after one.
func (p *part) storeAtOnce(ctx context.Context, claim claimDoc, in []*item, left []string) {
	s := p.s
	for {
		docs := []any{&claim}
		for _, it := range in {
			docs = append(docs, toResponseDoc(it.r, claim.Seq))
		}
		commit := s.newCommit(p.campaign, claim.Seq, false)
		commit.Excluded = append([]string{}, left...)
		docs = append(docs, commit)
		_, err := s.db.Collection(colTallyLog).InsertMany(ctx, docs, options.InsertMany().SetOrdered(true))
		landed, refused, err := orderedOutcome(err, len(docs))
		switch {
		case landed == 0 && refused != nil && driver.IsDuplicateKeyError(*refused):
			// Another instance took the number: claim after the log's end.
			next, err := s.tallies.logEnd(ctx, p.campaign, claim.Seq)
			if err != nil {
				p.err = partErr("claim tally entry", err)
				return
			}
			claim.ID, claim.Seq, claim.At = logID(p.campaign, next), next, s.now()
			continue
		case landed == 0 && refused != nil:
			p.err = partErr("claim tally entry", *refused)
			return
		case err != nil:
			// Unknown what landed. If the claim did, the entry is decided by what is stored.
			if ours, ferr := s.ownClaim(ctx, &claim); ferr != nil || !ours {
				p.err = partErr("claim tally entry", err)
				return
			}
			p.claim = claim
			s.tallies.claimed(claim.Campaign, claim.Seq)
			s.log.Warn("unknown which responses were stored; deciding the entry by what is there", "entry", claim.ID, "err", err)
			p.unknown = true
			return
		}
		p.claim = claim
		s.tallies.claimed(claim.Campaign, claim.Seq)
		stored := landed - 1 // the responses that landed, in order
		for _, it := range in[:min(stored, len(in))] {
			it.stored = true
		}
		switch {
		case refused == nil:
			p.commit = commit
		case stored == len(in):
			p.commitRefused(ctx, commit, *refused)
		default:
			// A response was refused: the claim and the responses before it are stored. The rest
			// go apart, and commitPart writes a commit leaving out what is not stored.
			p.refused(ctx, in[stored], *refused)
			p.storeResponses(ctx, in[stored+1:])
		}
		return
	}
}

// storeApart claims the entry, then stores the responses: the protocol on a replica set, for a
// batch too large for one ordered insert, and when a test stands between the writes.
func (p *part) storeApart(ctx context.Context, claim claimDoc, in []*item) {
	s := p.s
	seq, err := s.tallies.claimFrom(ctx, claim)
	if err != nil {
		p.err = partErr("claim tally entry", err)
		return
	}
	claim.ID, claim.Seq = logID(p.campaign, seq), seq
	p.claim = claim
	if p.err = s.failAt("claimed"); p.err != nil {
		return
	}
	p.storeResponses(ctx, in)
	if p.err == nil {
		p.err = s.failAt("inserted")
	}
}

// storeResponses inserts the items' responses under the part's claim, unordered: a refused key
// fails alone. A write-concern error fails them all: the commit then leaves every one out, and
// what did land is deleted.
func (p *part) storeResponses(ctx context.Context, in []*item) {
	s := p.s
	if len(in) == 0 {
		return
	}
	docs := make([]any, len(in))
	for i, it := range in {
		docs[i] = toResponseDoc(it.r, p.claim.Seq)
	}
	refused, err := s.insertMany(ctx, StepResponses, colResponses, docs)
	switch {
	case writeConcernFailed(err):
		for _, it := range in {
			it.stored, it.err = true, errNotStored
		}
	case err != nil:
		s.log.Warn("unknown which responses were stored; deciding the entry by what is there", "entry", p.claim.ID, "err", err)
		p.unknown = true
	default:
		for i, it := range in {
			we, no := refused[i]
			it.stored = !no
			if no {
				p.refused(ctx, it, we)
			}
		}
	}
}

// ownClaim reports whether the log holds this very claim: written by this instance, for this batch
// (the same records at the same time), not an earlier claim of its own for the same number.
func (s *Store) ownClaim(ctx context.Context, claim *claimDoc) (bool, error) {
	var there claimDoc
	found, err := s.findDoc(ctx, colTallyLog, claim.ID, &there)
	if err != nil || !found {
		return false, err
	}
	return there.Writer == s.writer && there.At.UnixMilli() == claim.At.UnixMilli() && bytes.Equal(there.Records, claim.Records), nil
}

// refused handles a response the store refused: a key stored before is answered by that response
// or stored again in place of an orphan (retake); any other refusal fails the response.
func (p *part) refused(ctx context.Context, it *item, we driver.WriteError) {
	if !driver.IsDuplicateKeyError(we) {
		it.err = partErr("insert response", we)
		return
	}
	if it.prev, it.err = p.s.responseDoc(ctx, it.r.Key); it.err == nil {
		it.err = p.retake(ctx, it)
	}
}

// commitRefused handles a commit the store refused: a duplicate means a reader recovered the
// entry first, and its commit decides; this writer acknowledges only what that commit counts.
func (p *part) commitRefused(ctx context.Context, commit *commitDoc, we driver.WriteError) {
	s := p.s
	if !driver.IsDuplicateKeyError(we) {
		p.unknown = true
		return
	}
	var prev commitDoc
	if found, err := s.findDoc(ctx, colTallyLog, commit.ID, &prev); err != nil || !found {
		p.err = errNotStored
		return
	}
	p.commit = &prev
	s.log.Warn("tally entry was recovered while its writer was still storing it; acknowledging only what the recovery counted",
		"entry", p.claim.ID, "excluded", len(prev.Excluded))
}

// storeWords inserts the words of the cases the part's responses open, before any claim: a
// suggestion is never counted without its words. It reports whether the part goes on; words whose
// insert failed fail their response alone.
func (p *part) storeWords(ctx context.Context) bool {
	s := p.s
	var words []any
	var withWords []*item
	for _, it := range p.items {
		if it.caseID != "" {
			words = append(words, caseDoc{ID: it.caseID, Campaign: p.campaign, Unit: it.r.Unit, Key: it.r.Key, Text: it.r.Suggestion})
			withWords = append(withWords, it)
		}
	}
	if len(words) == 0 {
		return true
	}
	refused, err := s.insertMany(ctx, StepCases, colCases, words)
	if err != nil {
		// Nothing is claimed, so nothing of the part is counted or acknowledged; words that did
		// land belong to their response's key, and its resubmission finds them its own.
		p.err = err
		return false
	}
	for i, it := range withWords {
		we, no := refused[i]
		it.words = !no
		if no && driver.IsDuplicateKeyError(we) {
			var prev caseDoc
			found, err := s.findDoc(ctx, colCases, it.caseID, &prev)
			it.there = found && prev.Key == it.r.Key
			if err == nil && !it.there {
				err = survey.Errorf(survey.ECONFLICT, "err.store.exists")
			}
			it.err = err
		} else if no {
			it.err = partErr("insert case", we)
		}
	}
	return true
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

// commitPart decides the entry of a part its ordered insert did not: a commit leaving out what is
// not stored, or, when the part cannot tell what it stored, a commit of what is there.
func (s *Store) commitPart(ctx context.Context, p *part) {
	if !p.unknown {
		c := s.newCommit(p.campaign, p.claim.Seq, false)
		for _, it := range p.items {
			if !it.complete() {
				c.Excluded = append(c.Excluded, it.r.Key)
			}
		}
		refused, err := s.insertMany(ctx, StepCommit, colTallyLog, []any{c})
		we, no := refused[0]
		switch {
		case writeConcernFailed(err):
			// The commit may be rolled back: decide the entry for the readers' sake, but
			// acknowledge nothing of it.
			if _, serr := s.tallies.settle(ctx, &p.claim, false); serr != nil {
				s.log.Warn("tally entry left to recovery", "entry", p.claim.ID, "err", serr)
			}
			p.err = errNotStored
			return
		case err != nil:
			p.unknown = true
		case no:
			p.commitRefused(ctx, c, we)
		default:
			p.commit = c
		}
	}
	if p.unknown && p.err == nil {
		c, err := s.tallies.settle(ctx, &p.claim, false)
		if err != nil {
			p.err = partErr("decide tally entry", err)
			return
		}
		p.commit = &c
	}
	if err := s.failAt("committed"); err != nil && p.err == nil {
		p.err, p.commit = err, nil
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

// writesApart reports whether a test stands between the writes of a batch (Options.Writes or
// Options.FailAt): each step is then its own insert.
func (s *Store) writesApart() bool { return s.opts.Writes != nil || s.opts.FailAt != nil }

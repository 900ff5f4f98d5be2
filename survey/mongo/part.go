package mongo

import (
	"context"
	"errors"
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

// store writes the part: the words of its cases first, then one ordered insert of the claim of
// the campaign's next tally-log entry, the responses under it and the entry's commit counting
// every one of them. When the whole insert lands, that one write decides the entry. When it stops
// at a refused response, the claim and the responses before it are stored: the part stores the
// rest apart and leaves the commit to commitPart. When it stops at the commit, a reader has
// recovered the claim first, and its commit decides.
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
	for {
		responses := make([]any, len(in))
		for i, it := range in {
			responses[i] = toResponseDoc(it.r, claim.Seq)
		}
		var commit *commitDoc
		if !s.replicated {
			commit = s.newCommit(p.campaign, claim.Seq, false)
			commit.Excluded = append([]string{}, left...)
		}
		out := s.insertBatch(ctx, &claim, responses, commit)
		if out.landed == 0 && out.refused != nil && driver.IsDuplicateKeyError(*out.refused) {
			// Another instance took the number: claim after the log's end.
			next, err := s.tallies.logEnd(ctx, p.campaign, claim.Seq)
			if err != nil {
				p.err = partErr("claim tally entry", err)
				return
			}
			claim.ID, claim.Seq, claim.At = logID(p.campaign, next), next, s.now()
			continue
		}
		p.sortOut(ctx, claim, in, out, commit)
		return
	}
}

// sortOut sorts out what the ordered insert of claim, responses (one per item of in) and commit
// (nil when written apart) left behind.
func (p *part) sortOut(ctx context.Context, claim claimDoc, in []*item, out batchOutcome, commit *commitDoc) {
	s := p.s
	landed, refused, err := out.landed, out.refused, out.err
	var crash crashed
	switch {
	case landed == 0 && refused != nil:
		p.err = partErr("claim tally entry", *refused)
		return
	case landed == 0 && err != nil && !errors.As(err, &crash):
		// Unknown whether the claim landed: it is this instance's if the log holds it under its
		// name (it never claimed this number before). Nothing else can land without it.
		var there claimDoc
		if found, ferr := s.findDoc(ctx, colTallyLog, claim.ID, &there); ferr != nil || !found || there.Writer != s.writer {
			p.err = partErr("claim tally entry", err)
			return
		}
		landed = 1
	case landed == 0:
		p.err = err
		return
	}
	p.claim = claim
	s.tallies.claimed(claim.Campaign, claim.Seq)
	responses := min(landed-1, len(in))
	for _, it := range in[:responses] {
		it.stored = true
	}
	switch {
	case errors.As(err, &crash):
		p.err = err // a test's crash: nothing more is written, nothing acknowledged
	case writeConcernFailed(err) && !out.withCommit:
		// Written, perhaps, but not durable on a majority, and not committed: a failure. The
		// commit leaves every response out (commitPart), and what did land is deleted.
		for _, it := range in {
			it.stored, it.err = true, errNotStored
		}
	case writeConcernFailed(err):
		// The commit may be written, and rolled back: decide the entry for the readers' sake,
		// but acknowledge nothing of it.
		if _, serr := s.tallies.settle(ctx, &p.claim, false); serr != nil {
			s.log.Warn("tally entry left to recovery", "entry", p.claim.ID, "err", serr)
		}
		p.err = errNotStored
	case err != nil:
		s.log.Warn("unknown which responses were stored; deciding the entry by what is there", "entry", p.claim.ID, "err", err)
		p.unknown = true
	case refused == nil && commit == nil:
		// The commit is written apart (commitPart).
	case refused == nil:
		p.commit = commit
		if p.err = s.failAt("committed"); p.err != nil {
			p.commit = nil
		}
	case responses == len(in):
		// Every response landed and the commit was refused.
		p.commitRefused(ctx, commit, *refused)
	default:
		it := in[responses]
		p.refused(ctx, it, *refused)
		rest := make([]any, 0, len(in)-responses-1)
		for _, it := range in[responses+1:] {
			rest = append(rest, toResponseDoc(it.r, claim.Seq))
		}
		if len(rest) == 0 {
			return
		}
		refusedRest, err := s.insertMany(ctx, StepResponses, colResponses, rest)
		if err != nil {
			s.log.Warn("unknown which responses were stored; deciding the entry by what is there", "entry", p.claim.ID, "err", err)
			p.unknown = true
			return
		}
		for i, it := range in[responses+1:] {
			we, no := refusedRest[i]
			it.stored = !no
			if no {
				p.refused(ctx, it, we)
			}
		}
	}
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

// batchOutcome is what an ordered insert of a batch left behind: landed documents landed in
// order, then refused was refused, or err leaves the outcome unknown. withCommit says whether the
// write that failed carried the commit.
type batchOutcome struct {
	landed     int
	refused    *driver.WriteError
	err        error
	withCommit bool
}

// insertBatch writes claim, responses and commit (when not nil) in one ordered insert. With
// Options.Writes or Options.FailAt set, the three steps are written apart, in the same order, so
// that a test can stand between them; a FailAt error comes back as crashed.
func (s *Store) insertBatch(ctx context.Context, claim *claimDoc, responses []any, commit *commitDoc) batchOutcome {
	if !s.writesApart() {
		docs := append(append([]any{claim}, responses...), commitDocs(commit)...)
		_, err := s.db.Collection(colTallyLog).InsertMany(ctx, docs, options.InsertMany().SetOrdered(true))
		n, refused, err := orderedOutcome(err, len(docs))
		return batchOutcome{landed: n, refused: refused, err: err, withCommit: commit != nil}
	}
	landed := 0
	for _, st := range []struct {
		step, after string
		docs        []any
	}{{StepClaim, "claimed", []any{claim}}, {StepResponses, "inserted", responses}, {StepCommit, "", commitDocs(commit)}} {
		if len(st.docs) > 0 {
			var n int
			var refused *driver.WriteError
			err := s.write(st.step, func() error {
				_, err := s.db.Collection(colTallyLog).InsertMany(ctx, st.docs, options.InsertMany().SetOrdered(true))
				var oerr error
				n, refused, oerr = orderedOutcome(err, len(st.docs))
				if refused != nil {
					return *refused
				}
				return oerr
			})
			if refused != nil || err != nil {
				if refused != nil {
					err = nil
				}
				return batchOutcome{landed: landed + n, refused: refused, err: err, withCommit: st.step == StepCommit}
			}
			landed += len(st.docs)
		}
		if st.after != "" {
			if err := s.failAt(st.after); err != nil {
				return batchOutcome{landed: landed, err: crashed{err}}
			}
		}
	}
	return batchOutcome{landed: landed}
}

func commitDocs(c *commitDoc) []any {
	if c == nil {
		return nil
	}
	return []any{c}
}

// writesApart reports whether a test stands between the writes of a batch (Options.Writes or
// Options.FailAt): each step is then its own insert.
func (s *Store) writesApart() bool { return s.opts.Writes != nil || s.opts.FailAt != nil }

// crashed is a test's crash between two steps of a batch (Options.FailAt).
type crashed struct{ error }

func (c crashed) Unwrap() error { return c.error }

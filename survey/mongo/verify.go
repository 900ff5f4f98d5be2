package mongo

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
)

// Verify recounts the campaign's responses and case events and returns every difference from this
// instance's tallies: counts, and each case's summary field by field; and it checks that the words
// of every case counted, and of every reply in force, are stored. The recount takes what the
// entries folded so far count, so it may run while residents keep submitting.
func (s *Store) Verify(ctx context.Context, campaign string) ([]string, error) {
	c, err := s.Campaign(ctx, campaign)
	if err != nil {
		return nil, err
	}
	if !c.PurgedAt.IsZero() {
		return nil, survey.Errorf(survey.ECONFLICT, "err.tally.purged.verify", campaign, c.PurgedAt.Format(time.DateOnly))
	}
	t, err := s.freshTally(ctx, campaign)
	if err != nil {
		return nil, err
	}
	recount, err := s.recount(ctx, campaign, t.Seq)
	if err != nil {
		return nil, err
	}
	diff := survey.Diff(t, recount)
	words, err := s.checkWords(ctx, campaign, t)
	return append(diff, words...), err
}

// checkWords lists every case of t whose words are missing or belong elsewhere.
func (s *Store) checkWords(ctx context.Context, campaign string, t *survey.CampaignTally) ([]string, error) {
	var out []string
	for _, slug := range slices.Sorted(maps.Keys(t.Units)) {
		for _, c := range t.Units[slug].Cases {
			var d caseDoc
			found, err := s.findDoc(ctx, colCases, c.ID, &d)
			if err != nil {
				return nil, err
			}
			if !found || d.Campaign != campaign || d.Unit != slug || d.Text == "" {
				out = append(out, fmt.Sprintf("unit %s: the words of case %s are not stored with it", slug, c.ID))
				continue
			}
			if c.ReplyEntry == 0 {
				continue
			}
			var r replyDoc
			if found, err := s.findDoc(ctx, colCases, replyID(c.ID, c.ReplyEntry), &r); err != nil {
				return nil, err
			} else if !found || r.Case != c.ID || r.Reply == "" {
				out = append(out, fmt.Sprintf("unit %s: the reply in force of case %s is not stored", slug, c.ID))
			}
		}
	}
	return out, nil
}

// recount tallies, from what is stored and independently of any instance's memory, what the
// campaign's entries up to seq count: every stored response whose entry's commit counts it, then
// the case events of committed entries in log order.
func (s *Store) recount(ctx context.Context, campaign string, seq int64) (*survey.CampaignTally, error) {
	upTo := bson.D{{Key: "log", Value: campaign}, {Key: "seq", Value: bson.D{{Key: "$lte", Value: seq}}}}
	var commits []commitDoc
	if err := s.findAll(ctx, colTallyLog, append(upTo, bson.E{Key: "kind", Value: kindCommit}), &commits); err != nil {
		return nil, err
	}
	decided := make(map[int64]map[string]bool, len(commits))
	for i := range commits {
		decided[commits[i].Seq] = commits[i].excludes()
	}
	t := survey.NewCampaignTally(campaign)
	err := s.eachResponseDoc(ctx, responseFilter(campaign, ""), func(d *responseDoc) error {
		excluded, ok := decided[d.Seq]
		if ok && !excluded[d.Key] {
			rec := survey.RecordOf(d.response(), s.caseIDOf(d.Case, d.CaseCode, d.Key))
			t.Add(&rec)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortedCases(t)
	var events []claimDoc
	if err := s.findAll(ctx, colTallyLog, append(upTo, bson.E{Key: "kind", Value: kindEvents}), &events); err != nil {
		return nil, err
	}
	slices.SortFunc(events, func(a, b claimDoc) int { return int(a.Seq - b.Seq) })
	for i := range events {
		c := commitDoc{Excluded: []string{}}
		if excluded, ok := decided[events[i].Seq]; !ok {
			continue
		} else {
			for k := range excluded {
				c.Excluded = append(c.Excluded, k)
			}
		}
		if _, err := applyEntry(t, &events[i], &c); err != nil {
			return nil, err
		}
	}
	t.Seq = seq
	return t, nil
}

// Rebuild replaces the campaign's tallies with a recount. It recounts up to the entry this
// instance has folded without holding any claim, however long that takes; then it claims a reset
// entry, folds the few entries committed meanwhile onto the recount from their records, and
// commits the reset at once. Submissions continue throughout.
func (s *Store) Rebuild(ctx context.Context, campaign string) error {
	c, err := s.Campaign(ctx, campaign)
	if err != nil {
		return err
	}
	if !c.PurgedAt.IsZero() {
		return survey.Errorf(survey.ECONFLICT, "err.tally.purged.rebuild", campaign, c.PurgedAt.Format(time.DateOnly))
	}
	if err := s.Flush(ctx); err != nil {
		return err
	}
	t, err := s.freshTally(ctx, campaign)
	if err != nil {
		return err
	}
	recount, err := s.recount(ctx, campaign, t.Seq)
	if err != nil {
		return err
	}
	_, err = s.appendReset(ctx, campaign, func(seq int64) (*survey.CampaignTally, error) {
		return s.foldOnto(ctx, recount, seq-1)
	})
	return err
}

// foldOnto folds the committed entries after t's position up to seq onto t, from their records.
func (s *Store) foldOnto(ctx context.Context, t *survey.CampaignTally, seq int64) (*survey.CampaignTally, error) {
	for n := t.Seq + 1; n <= seq; n++ {
		var claim claimDoc
		var commit commitDoc
		if found, err := s.findDoc(ctx, colTallyLog, logID(t.Campaign, n), &claim); err != nil || !found {
			return nil, firstErr(err, fmt.Errorf("tally entry %s missing", logID(t.Campaign, n)))
		}
		if found, err := s.findDoc(ctx, colTallyLog, commitID(t.Campaign, n), &commit); err != nil || !found {
			return nil, firstErr(err, fmt.Errorf("tally entry %s not committed", claim.ID))
		}
		if claim.Kind == kindReset && commit.Parts > 0 {
			state, found, err := s.tallies.readState(ctx, t.Campaign, n, commit.Parts)
			if err != nil || !found {
				return nil, firstErr(err, survey.Errorf(survey.ECONFLICT, "err.tally.abandoned", int(s.opts.StaleClaimAfter.Seconds())))
			}
			t = state
		} else if _, err := applyEntry(t, &claim, &commit); err != nil {
			return nil, err
		}
		t.Seq = n
	}
	return t, nil
}

// appendReset claims a reset entry, waits until every entry before it is committed (recovering
// stale ones), and commits the state computed for it, kept as the checkpoint of that entry. It
// returns the entry's number.
func (s *Store) appendReset(ctx context.Context, campaign string, state func(seq int64) (*survey.CampaignTally, error)) (int64, error) {
	// This instance's own batches must be settled first, or a reset could precede their commits.
	if err := s.Flush(ctx); err != nil {
		return 0, err
	}
	seq, err := s.tallies.claim(ctx, campaign, kindReset, nil)
	if err != nil {
		return 0, err
	}
	if err := s.waitFolded(ctx, campaign, seq-1); err != nil {
		return 0, err
	}
	t, err := state(seq)
	if err != nil {
		return 0, err
	}
	t.Campaign, t.Seq = campaign, seq
	parts, err := s.tallies.writeState(ctx, campaign, seq, t)
	if err != nil {
		return 0, err
	}
	reset := s.newCommit(campaign, seq, false)
	reset.Parts = parts
	err = s.insertCommit(ctx, reset)
	if duplicate(err) {
		return 0, survey.Errorf(survey.ECONFLICT, "err.tally.abandoned", int(s.opts.StaleClaimAfter.Seconds()))
	} else if err != nil {
		return 0, err
	}
	if err := s.tallies.writeHead(ctx, campaign, seq, parts); err != nil {
		return 0, err
	}
	_, err = s.freshTally(ctx, campaign)
	return seq, err
}

// waitFolded returns when the campaign's view has folded entry seq.
func (s *Store) waitFolded(ctx context.Context, campaign string, seq int64) error {
	for {
		t, err := s.freshTally(ctx, campaign)
		if err != nil {
			return err
		}
		if t.Seq >= seq {
			return nil
		}
		select {
		case <-ctx.Done():
			return storeErr(ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

package mongo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
)

// Verify recounts the campaign's responses and returns every difference from the tallies. The
// recount takes the responses of the entries the tallies have folded, so it may run while
// residents keep submitting.
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
	return survey.Diff(t, recount), nil
}

// recount tallies the stored responses counted by log entries up to seq.
func (s *Store) recount(ctx context.Context, campaign string, seq int64) (*survey.CampaignTally, error) {
	t := survey.NewCampaignTally(campaign)
	err := s.eachResponseDoc(ctx, responseFilter(campaign, ""), func(d *responseDoc) error {
		if d.Seq <= seq {
			rec := survey.RecordOf(d.response())
			t.Add(&rec)
		}
		return nil
	})
	return t, err
}

// Rebuild replaces the campaign's tallies with a recount of its responses. It appends a reset
// entry to the tally log whose state is the recount of every response counted before it, so it
// is safe while submissions continue.
func (s *Store) Rebuild(ctx context.Context, campaign string) error {
	c, err := s.Campaign(ctx, campaign)
	if err != nil {
		return err
	}
	if !c.PurgedAt.IsZero() {
		return survey.Errorf(survey.ECONFLICT, "err.tally.purged.rebuild", campaign, c.PurgedAt.Format(time.DateOnly))
	}
	_, err = s.appendReset(ctx, campaign, func(seq int64) (*survey.CampaignTally, error) {
		recount, err := s.recount(ctx, campaign, seq-1)
		if err != nil {
			return nil, err
		}
		current, err := s.freshTally(ctx, campaign)
		if err != nil {
			return nil, err
		}
		carryCaseStates(recount, current)
		return recount, nil
	})
	return err
}

// appendReset claims a reset entry, waits until every entry before it is committed (recovering
// stale ones), and commits the state computed for it. It returns the entry's number.
func (s *Store) appendReset(ctx context.Context, campaign string, state func(seq int64) (*survey.CampaignTally, error)) (int64, error) {
	// This instance's own entries are folded before their commits are written; the reset must
	// follow the commits too, or a late one would land after the log it belongs to is purged.
	if err := s.commits.flush(ctx); err != nil {
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
	blob, err := json.Marshal(t)
	if err != nil {
		return 0, fmt.Errorf("encode reset state: %w", err)
	}
	_, err = s.db.Collection(colTallyCommits).InsertOne(ctx, commitDoc{ID: logID(campaign, seq), Campaign: campaign, Seq: seq, Excluded: []int{}, At: s.now(), State: blob})
	if driver.IsDuplicateKeyError(err) {
		return 0, survey.Errorf(survey.ECONFLICT, "err.tally.abandoned", int(s.opts.StaleClaimAfter.Seconds()))
	} else if err != nil {
		return 0, storeErr(fmt.Errorf("insert reset commit: %w", err))
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

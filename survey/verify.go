package survey

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Verify recounts the campaign's responses and returns every difference from the tallies. The
// recount takes the responses of the entries the tallies have folded, so it may run while
// residents keep submitting.
func (s *MongoStore) Verify(ctx context.Context, campaign string) ([]string, error) {
	t, err := s.Tally(ctx, campaign)
	if err != nil {
		return nil, err
	}
	recount, err := s.recount(ctx, campaign, t.Seq)
	if err != nil {
		return nil, err
	}
	return Diff(t, recount), nil
}

// recount tallies the stored responses counted by log entries up to seq.
func (s *MongoStore) recount(ctx context.Context, campaign string, seq int64) (*CampaignTally, error) {
	t := NewCampaignTally(campaign)
	err := s.eachResponseDoc(ctx, responseFilter(campaign, ""), func(d *responseDoc) error {
		if d.Seq <= seq {
			rec := RecordOf(d.response())
			t.Add(&rec)
		}
		return nil
	})
	return t, err
}

// Rebuild replaces the campaign's tallies with a recount of its responses. It appends a reset
// entry to the tally log, waits until every entry before it is committed (recovering stale ones),
// recounts the responses of those entries and commits the recount as the reset's state, so it
// is safe while submissions continue.
func (s *MongoStore) Rebuild(ctx context.Context, campaign string) error {
	if _, err := s.Campaign(ctx, campaign); err != nil {
		return err
	}
	seq, err := s.tallies.claim(ctx, campaign, kindReset, nil)
	if err != nil {
		return err
	}
	if err := s.waitFolded(ctx, campaign, seq-1); err != nil {
		return err
	}
	recount, err := s.recount(ctx, campaign, seq-1)
	if err != nil {
		return err
	}
	state, err := json.Marshal(recount)
	if err != nil {
		return fmt.Errorf("encode recount: %w", err)
	}
	_, err = s.db.Collection(colTallyCommits).InsertOne(ctx, commitDoc{ID: logID(campaign, seq), Excluded: []int{}, At: s.now(), State: state})
	if mongo.IsDuplicateKeyError(err) {
		return Errorf(ECONFLICT, "The rebuild took longer than %s and was abandoned by another instance; run it again.", s.opts.StaleClaimAfter)
	} else if err != nil {
		return storeErr(fmt.Errorf("insert reset commit: %w", err))
	}
	_, err = s.Tally(ctx, campaign)
	return err
}

// waitFolded returns when the campaign's view has folded entry seq.
func (s *MongoStore) waitFolded(ctx context.Context, campaign string, seq int64) error {
	for {
		t, err := s.Tally(ctx, campaign)
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

package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
)

// PurgeResponses deletes an archived campaign's raw responses, the words of its cases and the
// records its tally log keeps of them, while the counts and the cases' summaries stay: the
// retention rule the region sets under UU 27/2022. Reports and dashboards of the campaign keep
// working from the tallies. It appends a reset entry whose state (a checkpoint) is the current
// tallies; then it empties every older entry, keeping each number as a stub, so that an instance
// still behind meets the stub and starts from the checkpoint, and no number is claimed twice; then
// it deletes the responses and the words. It returns the number of responses deleted. Every
// instance calls it for the campaigns due; after the first has purged, the call only drops this
// instance's copy of the old tallies. ECONFLICT unless archived.
func (s *Store) PurgeResponses(ctx context.Context, campaign string, at time.Time) (int64, error) {
	c, err := s.Campaign(ctx, campaign)
	if err != nil {
		return 0, err
	}
	if c.State != survey.StateArchived {
		return 0, survey.Errorf(survey.ECONFLICT, "err.campaign.purge", campaign, c.State.Message())
	}
	if !c.PurgedAt.IsZero() {
		s.tallies.drop(campaign)
		return 0, nil
	}
	seq, err := s.appendReset(ctx, campaign, func(int64) (*survey.CampaignTally, error) {
		t, err := s.freshTally(ctx, campaign)
		if err != nil {
			return nil, err
		}
		return t.Clone(), nil
	})
	if err != nil {
		return 0, err
	}
	before := bson.D{{Key: "log", Value: campaign}, {Key: "seq", Value: bson.D{{Key: "$lt", Value: seq}}}}
	entries := append(before, bson.E{Key: "kind", Value: bson.D{{Key: "$ne", Value: kindCommit}}})
	stub := bson.D{{Key: "$set", Value: bson.D{{Key: "kind", Value: kindPurged}}}, {Key: "$unset", Value: bson.D{{Key: "records", Value: ""}}}}
	if _, err := s.db.Collection(colTallyLog).UpdateMany(ctx, entries, stub); err != nil {
		return 0, storeErr(fmt.Errorf("purge tally log: %w", err))
	}
	if _, err := s.db.Collection(colTallyLog).DeleteMany(ctx, append(before, bson.E{Key: "kind", Value: kindCommit})); err != nil {
		return 0, storeErr(fmt.Errorf("purge tally commits: %w", err))
	}
	res, err := s.db.Collection(colResponses).DeleteMany(ctx, bson.D{{Key: "campaign", Value: campaign}})
	if err != nil {
		return 0, storeErr(fmt.Errorf("purge responses: %w", err))
	}
	if _, err := s.db.Collection(colCases).DeleteMany(ctx, bson.D{{Key: "campaign", Value: campaign}}); err != nil {
		return 0, storeErr(fmt.Errorf("purge cases: %w", err))
	}
	c.PurgedAt = at.UTC()
	if err := s.replaceCampaign(ctx, c, c.State); err != nil {
		return 0, err
	}
	s.tallies.drop(campaign)
	return res.DeletedCount, nil
}

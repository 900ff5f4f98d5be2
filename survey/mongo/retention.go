package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
)

// PurgeResponses deletes an archived campaign's raw responses, and the free text and records its
// tally log keeps of them, while the counts and the cases' timings stay: the retention rule the region sets under UU
// 27/2022. Reports and dashboards of the campaign keep working from the tallies. It returns the
// number of responses deleted. Every instance calls it for the campaigns due; after the first has
// purged, the call only drops this instance's copy of the old tallies. ECONFLICT unless archived.
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
		kept := t.Clone()
		for _, u := range kept.Units {
			// The cases' timings stay for the complaint-handling figures; their words go.
			for _, c := range u.Cases {
				c.Text, c.Reply, c.RepliedBy = "", "", ""
			}
		}
		return kept, nil
	})
	if err != nil {
		return 0, err
	}
	if err := s.tallies.checkpointNow(ctx, campaign); err != nil {
		return 0, err
	}
	before := bson.D{{Key: "campaign", Value: campaign}, {Key: "seq", Value: bson.D{{Key: "$lt", Value: seq}}}}
	for _, col := range []string{colTallyLog, colTallyCommits, colTallyCheckpts} {
		if _, err := s.db.Collection(col).DeleteMany(ctx, before); err != nil {
			return 0, storeErr(fmt.Errorf("purge %s: %w", col, err))
		}
	}
	res, err := s.db.Collection(colResponses).DeleteMany(ctx, bson.D{{Key: "campaign", Value: campaign}})
	if err != nil {
		return 0, storeErr(fmt.Errorf("purge responses: %w", err))
	}
	c.PurgedAt = at.UTC()
	if err := s.replaceCampaign(ctx, c, c.State); err != nil {
		return 0, err
	}
	s.tallies.drop(campaign)
	return res.DeletedCount, nil
}

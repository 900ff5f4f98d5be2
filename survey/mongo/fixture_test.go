package mongo_test

import (
	"context"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"

	"github.com/skm-engine/skm/survey/storetest"
)

var ctx = context.Background()

// The conformance suite's fixtures: two units, the standard questionnaire and an open campaign
// 2026-S2; and response number i for a unit.
var (
	mustSeed = storetest.Seed
	response = storetest.Response
)

// mustArchiveWith submits n responses to the campaign's unit dpmptsp, then closes and archives the
// campaign, ready for the retention purge.
func mustArchiveWith(t *testing.T, s *mongo.Store, campaign string, n int) {
	t.Helper()
	for i := range n {
		if _, err := s.Submit(ctx, response(campaign, "dpmptsp", i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, to := range []survey.State{survey.StateClosed, survey.StateArchived} {
		if _, err := s.TransitionCampaign(ctx, campaign, to, "test", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

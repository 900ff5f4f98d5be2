package mongo_test

import (
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestPurgeKeepsCounts deletes an archived campaign's raw responses and free text under the
// retention policy: the counts stay, for this instance and for a new one starting cold.
func TestPurgeKeepsCounts(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{CheckpointEvery: 4})
	c := mustSeed(t, s)
	for i := 0; i < 15; i++ {
		if _, err := s.Submit(ctx, response(c.Key, "dpmptsp", i)); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := s.Tally(ctx, c.Key)
	want := before.Unit("dpmptsp").Total()
	if len(before.Unit("dpmptsp").Cases) == 0 {
		t.Fatal("fixture has no cases")
	}
	if _, err := s.PurgeResponses(ctx, c.Key, time.Now()); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Fatalf("purge of an open campaign: %v", err)
	}
	for _, to := range []survey.State{survey.StateClosed, survey.StateArchived} {
		if _, err := s.TransitionCampaign(ctx, c.Key, to, "test", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.PurgeResponses(ctx, c.Key, time.Now())
	if err != nil || n != 15 {
		t.Fatalf("purge: %d %v", n, err)
	}
	for _, store := range []*mongo.Store{s, surveytest.MustOpenStoreOn(t, db, mongo.Options{CheckpointEvery: 4})} {
		after, err := store.Tally(ctx, c.Key)
		if err != nil {
			t.Fatal(err)
		}
		got := after.Unit("dpmptsp").Total()
		if len(survey.Diff(&survey.CampaignTally{Units: map[string]*survey.UnitTally{"u": {Services: map[string]*survey.ServiceTally{"": &want}}}},
			&survey.CampaignTally{Units: map[string]*survey.UnitTally{"u": {Services: map[string]*survey.ServiceTally{"": &got}}}})) > 0 {
			t.Errorf("counts changed by the purge: %+v", got.All.Tally)
		}
		cases := after.Unit("dpmptsp").Cases
		if len(cases) != len(before.Unit("dpmptsp").Cases) {
			t.Errorf("the purge dropped cases: %d left", len(cases))
		}
		for _, c := range cases {
			if c.Text != "" || c.ReceivedAt.IsZero() {
				t.Errorf("case after the purge: %+v", c)
			}
		}
	}
	if _, err := s.Response(ctx, response(c.Key, "dpmptsp", 1).Key); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("a raw response survived: %v", err)
	}
	if _, err := s.Verify(ctx, c.Key); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("verify of a purged campaign: %v", err)
	}
	if n, err := s.PurgeResponses(ctx, c.Key, time.Now()); err != nil || n != 0 {
		t.Errorf("second purge: %d %v", n, err)
	}
	for _, col := range []string{"tally_log", "tally_commits"} {
		if n, _ := db.Collection(col).CountDocuments(ctx, map[string]any{}); n != 1 {
			t.Errorf("%s keeps %d documents after the purge, want only the reset entry", col, n)
		}
	}
}

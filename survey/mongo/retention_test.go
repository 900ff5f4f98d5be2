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
			words, err := store.CaseText(ctx, c.ID)
			if err != nil || words.Text != "" || c.ReceivedAt.IsZero() {
				t.Errorf("case after the purge: %v %+v %+v", err, c, words)
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
	if n, _ := db.Collection("tally_commits").CountDocuments(ctx, map[string]any{}); n != 1 {
		t.Errorf("tally_commits keeps %d documents after the purge, want only the reset entry's", n)
	}
	if n, _ := db.Collection("tally_log").CountDocuments(ctx, map[string]any{"records": map[string]any{"$exists": true}}); n != 0 {
		t.Errorf("the tally log keeps the records of %d entries after the purge", n)
	}
	if n, _ := db.Collection("cases").CountDocuments(ctx, map[string]any{}); n != 0 {
		t.Errorf("%d documents of cases' words survive the purge", n)
	}
}

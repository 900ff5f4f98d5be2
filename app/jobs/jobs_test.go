package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

// TestScheduleHandsOverSemesters runs the schedule at the turn of a semester: the ending campaign
// closes and the next opens in the same pass, and a campaign opened or closed by hand is left as
// the administrator set it until its own time comes.
func TestScheduleHandsOverSemesters(t *testing.T) {
	e := apptest.New(t)
	s1 := e.Seed() // 2026-S2, open
	ctx := context.Background()
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	next, err := s1.CopyFor("2027-S1", jakarta)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Store.CreateCampaign(ctx, next); err != nil {
		t.Fatal(err)
	}
	_, end, _ := survey.SemesterBounds("2026-S2", jakarta)
	if _, err := e.Store.UpdateCampaign(ctx, s1.Key, survey.CampaignUpdate{ClosesAt: &end}); err != nil {
		t.Fatal(err)
	}
	state := func(key string) survey.State {
		c, err := e.Store.Campaign(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		return c.State
	}
	if err := runSchedule(ctx, e.Store, end.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if state("2026-S2") != survey.StateOpen || state("2027-S1") != survey.StateDraft {
		t.Fatalf("a minute before the turn: %s, %s", state("2026-S2"), state("2027-S1"))
	}
	if err := runSchedule(ctx, e.Store, end); err != nil {
		t.Fatal(err)
	}
	if state("2026-S2") != survey.StateClosed || state("2027-S1") != survey.StateOpen {
		t.Errorf("at the turn: %s, %s", state("2026-S2"), state("2027-S1"))
	}
	c, _ := e.Store.Campaign(ctx, "2027-S1")
	if last := c.History[len(c.History)-1]; last.By != "schedule" || !last.At.Equal(end) {
		t.Errorf("transition recorded as %+v", last)
	}
	// Closed by hand before its time, a campaign stays closed: the schedule only opens drafts.
	if _, err := e.Store.TransitionCampaign(ctx, "2027-S1", survey.StateClosed, "admin", end.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := runSchedule(ctx, e.Store, end.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if state("2027-S1") != survey.StateClosed {
		t.Errorf("the schedule reopened a campaign closed by hand: %s", state("2027-S1"))
	}
}

package demo_test

import (
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/demo"

	"github.com/skm-engine/skm/survey"
)

// TestDemoKeepsItsPromise: in every demo campaign, recounted from the cases themselves, residents
// write complaints, suggestions and praise; most complaints are answered well inside the four
// hours and a few late; no suggestion or praise has a clock, and none is overdue.
func TestDemoKeepsItsPromise(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds three semesters of the demo region")
	}
	e := apptest.New(t)
	if seeded, err := demo.Seed(t.Context(), e.Store, apptest.Logger()); err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	campaigns, err := e.Store.Campaigns(t.Context(), survey.CampaignFilter{})
	if err != nil || len(campaigns) != 3 {
		t.Fatalf("%d campaigns: %v", len(campaigns), err)
	}
	now := time.Now()
	for _, c := range campaigns {
		tally, err := e.Store.Tally(t.Context(), c.Key)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		var answered, inTime, quick int
		for _, cu := range c.Units {
			for _, cs := range tally.Unit(cu.Unit).Cases {
				kinds[cs.Kind]++
				if !cs.Complaint() {
					if cs.Clocked() || cs.Overdue(now) || !cs.DueAt.IsZero() {
						t.Errorf("%s: a %s with a clock: %+v", c.Key, cs.Kind, cs)
					}
					continue
				}
				if cs.RepliedAt.IsZero() {
					continue
				}
				answered++
				if !cs.RepliedAt.After(cs.DueAt) {
					inTime++
				}
				if cs.RepliedAt.Sub(cs.ReceivedAt) <= 150*time.Minute {
					quick++
				}
			}
		}
		if kinds[survey.KindComplaint] == 0 || kinds[survey.KindSuggestion] == 0 || kinds[survey.KindPraise] == 0 {
			t.Errorf("%s: messages by kind %v", c.Key, kinds)
		}
		late := answered - inTime
		if answered < kinds[survey.KindComplaint]*3/4 || late == 0 || late*10 > answered || quick*10 < answered*8 {
			t.Errorf("%s: %d complaints, %d answered, %d late, %d within 2½ hours", c.Key, kinds[survey.KindComplaint], answered, late, quick)
		}
		if sla := tally.SLA(now); sla.Cases != int64(kinds[survey.KindComplaint]) || sla.InTime != int64(inTime) {
			t.Errorf("%s: the answer figures %+v disagree with the recount (%d complaints, %d in time)", c.Key, sla, kinds[survey.KindComplaint], inTime)
		}
	}
}

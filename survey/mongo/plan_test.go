package mongo_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

func TestPlanSaveAndRead(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	if _, err := s.Plan(ctx, "2026-S1", "dpmptsp"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Fatalf("no plan yet: %v", err)
	}
	p := &survey.Plan{Campaign: "2026-S1", Unit: "dpmptsp", UpdatedBy: "kepala", UpdatedAt: time.Date(2026, 7, 3, 9, 0, 0, 0, time.UTC),
		Items:  []survey.PlanItem{{Element: "U3", Activity: "Loket antrean pagi", Timing: "Juli–September 2026", Responsible: "Kepala Bidang Pelayanan"}},
		Review: []survey.PlanReview{{Item: 0, Status: survey.PlanDone, Note: "Dibuka 1 Agustus"}}}
	if err := s.SavePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := s.Plan(ctx, "2026-S1", "dpmptsp")
	if err != nil {
		t.Fatal(err)
	}
	if got.Items[0] != p.Items[0] || got.Review[0] != p.Review[0] || !got.UpdatedAt.Equal(p.UpdatedAt) || got.UpdatedBy != "kepala" {
		t.Errorf("read back %+v", got)
	}
	if _, err := s.Plan(ctx, "2026-S1", "rsud-blambangan"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("another unit's plan: %v", err)
	}

	// Editors saving at once: one whole version wins, never a mix of two.
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			v := &survey.Plan{Campaign: "2026-S2", Unit: "dpmptsp", UpdatedBy: string(rune('a' + i)),
				Items: []survey.PlanItem{{Element: "U8", Activity: strings.Repeat(string(rune('a'+i)), 10)}}}
			if err := s.SavePlan(ctx, v); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	got, err = s.Plan(ctx, "2026-S2", "dpmptsp")
	if err != nil {
		t.Fatal(err)
	}
	if got.Items[0].Activity != strings.Repeat(got.UpdatedBy, 10) {
		t.Errorf("a mix of two saves: %+v", got)
	}
}

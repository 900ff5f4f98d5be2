package survey_test

import (
	"strings"
	"testing"

	"github.com/skm-engine/skm/survey"
)

func TestPlanValidate(t *testing.T) {
	ok := func() *survey.Plan {
		return &survey.Plan{Campaign: "2026-S1", Unit: "dpmptsp", Items: []survey.PlanItem{{Element: "U3", Activity: "Loket"}}}
	}
	if err := ok().Validate(); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(*survey.Plan){
		"bad campaign":    func(p *survey.Plan) { p.Campaign = "2026" },
		"bad unit":        func(p *survey.Plan) { p.Unit = "Bad Unit" },
		"unknown element": func(p *survey.Plan) { p.Items[0].Element = "U10" },
		"no activity":     func(p *survey.Plan) { p.Items[0].Activity = "  " },
		"long activity":   func(p *survey.Plan) { p.Items[0].Activity = strings.Repeat("x", 501) },
		"too many items":  func(p *survey.Plan) { p.Items = make([]survey.PlanItem, survey.MaxPlanItems+1) },
		"unknown outcome": func(p *survey.Plan) { p.Review = []survey.PlanReview{{Item: 0, Status: "maybe"}} },
		"negative item":   func(p *survey.Plan) { p.Review = []survey.PlanReview{{Item: -1, Status: survey.PlanDone}} },
		"item reviewed twice": func(p *survey.Plan) {
			p.Review = []survey.PlanReview{{Item: 1, Status: survey.PlanDone}, {Item: 1, Status: survey.PlanNotDone}}
		},
	} {
		p := ok()
		change(p)
		if err := p.Validate(); survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
}

package app

import (
	"context"
	"strings"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// followUp is a unit's follow-up plans as seen from one campaign: the plan it records after the
// campaign, and the unit's previous plan with what became of each item during this campaign.
type followUp struct {
	Campaign *survey.Campaign
	Unit     string
	// Plan is this campaign's plan document, nil when nothing was recorded yet.
	Plan *survey.Plan
	// Previous is the unit's newest plan of an earlier campaign, nil when there is none.
	Previous *survey.Plan
	Outcomes []planOutcome
	Result   analytics.Result
}

// planOutcome is an item of the previous plan, its outcome as reviewed in this campaign, and how
// its element moved between the two campaigns.
type planOutcome struct {
	survey.PlanItem
	Status string
	Note   string
	// Change is the element's score change; nil when either campaign has no answer to it.
	Change *analytics.Change
}

// previousPlansChecked bounds how far back the previous plan is looked for: two years.
const previousPlansChecked = 4

// planStore returns the store's follow-up plans; every store the engine opens keeps them.
func planStore(store survey.Store) (survey.PlanStore, error) {
	ps, ok := store.(survey.PlanStore)
	if !ok {
		return nil, survey.Errorf(survey.EINTERNAL, "This store keeps no follow-up plans.")
	}
	return ps, nil
}

// unitPoint returns a unit's published result in a campaign, with its interval, as the
// dashboards and reports compute it: every response counted, flagged ones included.
func unitPoint(ctx context.Context, store survey.Store, camp *survey.Campaign, unit string) (analytics.Point, error) {
	t, err := store.Tally(ctx, camp.Key)
	if err != nil {
		return analytics.Point{}, err
	}
	counts := t.Unit(unit).Total().All.Tally
	cu, _ := camp.Unit(unit)
	return analytics.Point{Campaign: camp.Key, Result: analytics.Compute(counts), Interval: analytics.ScoreInterval(counts, cu.Population)}, nil
}

// loadFollowUp reads the unit's plans around the campaign and compares the elements of the
// previous plan between its campaign and this one.
func loadFollowUp(ctx context.Context, store survey.Store, camp *survey.Campaign, unit string) (*followUp, error) {
	ps, err := planStore(store)
	if err != nil {
		return nil, err
	}
	f := &followUp{Campaign: camp, Unit: unit}
	if f.Plan, err = ps.Plan(ctx, camp.Key, unit); err != nil && survey.ErrorCode(err) != survey.ENOTFOUND {
		return nil, err
	}
	cur, err := unitPoint(ctx, store, camp, unit)
	if err != nil {
		return nil, err
	}
	f.Result = cur.Result
	campaigns, err := store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, err
	}
	checked := 0
	var prevCamp *survey.Campaign
	for _, pc := range campaigns {
		if pc.Key >= camp.Key || checked == previousPlansChecked {
			continue
		}
		if _, in := pc.Unit(unit); !in {
			continue
		}
		checked++
		p, err := ps.Plan(ctx, pc.Key, unit)
		if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && len(p.Items) == 0) {
			continue
		} else if err != nil {
			return nil, err
		}
		f.Previous, prevCamp = p, pc
		break
	}
	if f.Previous == nil {
		return f, nil
	}
	prev, err := unitPoint(ctx, store, prevCamp, unit)
	if err != nil {
		return nil, err
	}
	changes := map[string]analytics.Change{}
	if steps, err := analytics.Trend([]analytics.Point{prev, cur}); err == nil && len(steps) == 1 {
		for _, ch := range steps[0].Elements {
			changes[ch.Code] = ch
		}
	}
	for i, it := range f.Previous.Items {
		o := planOutcome{PlanItem: it}
		if f.Plan != nil {
			if r, ok := f.Plan.Outcome(i); ok {
				o.Status, o.Note = r.Status, r.Note
			}
		}
		if ch, ok := changes[it.Element]; ok {
			o.Change = &ch
		}
		f.Outcomes = append(f.Outcomes, o)
	}
	return f, nil
}

// msg returns the interface message with the key in the language, for text built outside a page.
func msg(lang, key string) string { return i18n.For(lang, nil).T(key) }

// outcomeText says what became of a planned item and how its element moved, as one line:
// "Selesai. Loket dibuka 1 Agustus. U3 72,50 → 80,00 (naik)".
func outcomeText(lang string, o planOutcome) string {
	status := o.Status
	if status == "" {
		status = "none"
	}
	parts := []string{msg(lang, "plan.outcome."+status) + "."}
	if o.Note != "" {
		parts = append(parts, strings.TrimRight(o.Note, ".")+".")
	}
	if ch := changeText(lang, o.Element, o.Change); ch != "" {
		parts = append(parts, ch)
	}
	return strings.Join(parts, " ")
}

// changeText says how an element's score moved: "U3 72,50 → 80,00 (naik, bermakna)".
func changeText(lang, element string, ch *analytics.Change) string {
	if ch == nil {
		return ""
	}
	w := reports.WebCharts{Words: i18n.For(lang, nil)}
	dir := "plan.change.same"
	switch {
	case ch.Delta > 0:
		dir = "plan.change.up"
	case ch.Delta < 0:
		dir = "plan.change.down"
	}
	how := msg(lang, dir)
	if ch.Significant {
		how += ", " + msg(lang, "plan.change.significant")
	}
	return element + " " + w.Dec(ch.From, 2) + " → " + w.Dec(ch.To, 2) + " (" + how + ")"
}

// followUpFor returns the two follow-up tables of the unit report for the campaign, in the
// language: the unit's plan recorded after it (nil: the report prints rows to fill), and the
// previous plan with each item's outcome and its element's change (nil: none recorded). The
// report builder sets UnitReportData.FollowUp and PreviousFollowUp from them.
func followUpFor(ctx context.Context, store survey.Store, lang string, camp *survey.Campaign, unit string) (plan, previous []reports.FollowUpItem, err error) {
	f, err := loadFollowUp(ctx, store, camp, unit)
	if err != nil {
		return nil, nil, err
	}
	if f.Plan != nil {
		for _, it := range f.Plan.Items {
			plan = append(plan, reports.FollowUpItem{Element: it.Element, Activity: it.Activity, Timing: it.Timing, Responsible: it.Responsible})
		}
	}
	for _, o := range f.Outcomes {
		previous = append(previous, reports.FollowUpItem{Element: o.Element, Activity: o.Activity, Timing: o.Timing, Responsible: o.Responsible,
			Status: outcomeText(lang, o)})
	}
	return plan, previous, nil
}

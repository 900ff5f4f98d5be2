package survey

import (
	"context"

	"github.com/skm-engine/skm/analytics"
)

// FollowUp is a unit's follow-up plans as seen from one campaign: the plan it records after the
// campaign, and the unit's previous plan with what became of each item during this campaign. The
// plan page, the published results and the unit report all show it.
type FollowUp struct {
	Campaign *Campaign
	Unit     string
	// Plan is this campaign's plan, nil when nothing was recorded yet.
	Plan *Plan
	// Previous is the unit's newest plan of an earlier campaign, nil when there is none.
	Previous *Plan
	Outcomes []PlanOutcome
	// Result is the unit's result in this campaign.
	Result analytics.Result
}

// PlanOutcome is an item of the previous plan, its outcome as reviewed in this campaign, and how
// its element moved between the two campaigns.
type PlanOutcome struct {
	PlanItem
	Status string
	Note   string
	// Change is the element's score change; nil when either campaign has no answer to it.
	Change *analytics.Change
}

// previousPlansChecked bounds how far back the previous plan is looked for: two years.
const previousPlansChecked = 4

// LoadFollowUp reads the unit's plans around the campaign and compares the elements of the
// previous plan between its campaign and this one.
func LoadFollowUp(ctx context.Context, store Store, camp *Campaign, unit string) (*FollowUp, error) {
	f := &FollowUp{Campaign: camp, Unit: unit}
	var err error
	if f.Plan, err = store.Plan(ctx, camp.Key, unit); err != nil && ErrorCode(err) != ENOTFOUND {
		return nil, err
	}
	t, err := store.Tally(ctx, camp.Key)
	if err != nil {
		return nil, err
	}
	cur := camp.UnitResult(t, unit, "")
	f.Result = cur.Result
	campaigns, err := store.Campaigns(ctx, CampaignFilter{})
	if err != nil {
		return nil, err
	}
	checked := 0
	var prevCamp *Campaign
	for _, pc := range campaigns {
		if pc.Key >= camp.Key || checked == previousPlansChecked {
			continue
		}
		if _, in := pc.Unit(unit); !in {
			continue
		}
		checked++
		p, err := store.Plan(ctx, pc.Key, unit)
		if ErrorCode(err) == ENOTFOUND || (err == nil && len(p.Items) == 0) {
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
	pt, err := store.Tally(ctx, prevCamp.Key)
	if err != nil {
		return nil, err
	}
	changes := map[string]analytics.Change{}
	if steps, err := analytics.Trend([]analytics.Point{prevCamp.UnitResult(pt, unit, ""), cur}); err == nil && len(steps) == 1 {
		for _, ch := range steps[0].Elements {
			changes[ch.Code] = ch
		}
	}
	for i, it := range f.Previous.Items {
		o := PlanOutcome{PlanItem: it}
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

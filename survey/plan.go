package survey

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Plan is a unit's follow-up plan (rencana tindak lanjut) for a campaign: after the campaign
// closes, the actions it will take on its weakest elements; and, recorded while the campaign
// runs, what became of the previous campaign's plan. One plan per campaign and unit.
type Plan struct {
	Campaign string     `json:"campaign"`
	Unit     string     `json:"unit"`
	Items    []PlanItem `json:"items"`
	// Review records what became of the items of the unit's previous plan, by their position.
	Review    []PlanReview `json:"review"`
	UpdatedAt time.Time    `json:"updatedAt"`
	UpdatedBy string       `json:"updatedBy"`
}

// PlanItem is one row of the plan table: No | element | programme/activity | timing | responsible.
type PlanItem struct {
	Element     string `json:"element"`
	Activity    string `json:"activity"`
	Timing      string `json:"timing"`
	Responsible string `json:"responsible"`
}

// Outcomes of a planned item, marked in the next campaign.
const (
	PlanDone       = "done"
	PlanInProgress = "in_progress"
	PlanNotDone    = "not_done"
)

// PlanOutcomes lists the outcomes in display order.
var PlanOutcomes = []string{PlanDone, PlanInProgress, PlanNotDone}

// PlanReview is what became of the previous plan's item number Item (0-based).
type PlanReview struct {
	Item   int    `json:"item"`
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
}

// Limits of a plan: a plan is a short table, not a document.
const (
	MaxPlanItems = 20
	maxPlanText  = 500
	maxPlanShort = 200
)

// PlanID returns the key of a unit's plan for a campaign, such as "2026-S1/dpmptsp".
func PlanID(campaign, unit string) string { return campaign + "/" + unit }

// Validate reports whether the plan can be saved.
func (p *Plan) Validate() error {
	if _, _, err := ParseSemester(p.Campaign); err != nil {
		return err
	}
	if !ValidSlug(p.Unit) {
		return Errorf(EINVALID, "err.unit.ref", p.Unit)
	}
	if len(p.Items) > MaxPlanItems {
		return Errorf(EINVALID, "err.plan.items", MaxPlanItems)
	}
	for i, it := range p.Items {
		n := i + 1
		if _, ok := ElementIndex(it.Element); !ok {
			return Errorf(EINVALID, "err.plan.element", n)
		}
		if strings.TrimSpace(it.Activity) == "" {
			return Errorf(EINVALID, "err.plan.activity", n)
		}
		if !fits(it.Activity, maxPlanText) || !fits(it.Timing, maxPlanShort) || !fits(it.Responsible, maxPlanShort) {
			return Errorf(EINVALID, "err.plan.length", n, maxPlanText, maxPlanShort)
		}
	}
	seen := map[int]bool{}
	for _, r := range p.Review {
		if r.Item < 0 || r.Item >= MaxPlanItems || seen[r.Item] {
			return Errorf(EINVALID, "err.plan.review", r.Item+1)
		}
		seen[r.Item] = true
		if !oneOf(r.Status, PlanOutcomes) {
			return Errorf(EINVALID, "err.plan.outcome", r.Item+1)
		}
		if !fits(r.Note, maxPlanText) {
			return Errorf(EINVALID, "err.plan.note", r.Item+1, maxPlanText)
		}
	}
	return nil
}

func fits(s string, n int) bool { return utf8.ValidString(s) && utf8.RuneCountInString(s) <= n }

// Outcome returns the review of the previous plan's item i, if it was recorded.
func (p *Plan) Outcome(i int) (PlanReview, bool) {
	for _, r := range p.Review {
		if r.Item == i {
			return r, true
		}
	}
	return PlanReview{}, false
}

// PlanStore keeps the units' follow-up plans; every Store does.
type PlanStore interface {
	// Plan returns the unit's plan for the campaign. ENOTFOUND when none was recorded.
	Plan(ctx context.Context, campaign, unit string) (*Plan, error)
	// SavePlan replaces the unit's plan for the campaign: the last save wins. EINVALID.
	SavePlan(ctx context.Context, p *Plan) error
}

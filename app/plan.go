package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// planPage is the data of a unit's plan page.
type planPage struct {
	Page
	Campaign       string
	UnitName       string
	ResultLine     string
	Priorities     []string
	Items          []planItemRow
	ItemsEditable  bool
	ItemsNote      string
	Previous       string
	Outcomes       []outcomeRow
	ReviewEditable bool
	CanSave        bool
	Elements       []option
	LastEdit       string
	Flash          string
	Error          string
	Action         string
}

type planItemRow struct {
	N           int
	Element     string
	ElementName string
	Activity    string
	Timing      string
	Responsible string
}

type outcomeRow struct {
	N           int
	Element     string
	Activity    string
	Timing      string
	Responsible string
	Status      string
	StatusText  string
	Note        string
	Change      string
}

// formText returns a posted field, trimmed and copied out of the request's memory, which Fiber
// reuses once the handler returns.
func formText(c *fiber.Ctx, name string) string {
	return strings.Clone(strings.TrimSpace(c.FormValue(name)))
}

func planPath(campaign, unit string) string { return "/rencana/" + campaign + "/unit/" + unit }

// planRoute reads the campaign and unit of a plan route: ENOTFOUND unless the campaign surveys
// the unit.
func (l *loop) planRoute(c *fiber.Ctx) (*survey.Campaign, *survey.Unit, error) {
	ctx := c.UserContext()
	camp, err := l.s.store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return nil, nil, err
	}
	slug := c.Params("unit")
	if _, in := camp.Unit(slug); !in {
		return nil, nil, survey.Errorf(survey.ENOTFOUND, "Campaign %s does not survey unit %s.", camp.Key, slug)
	}
	u, err := l.s.store.Unit(ctx, slug)
	if err != nil {
		return nil, nil, err
	}
	return camp, u, nil
}

// mayEditPlan reports whether the principal may change the unit's plan: rule unitOwn.
func mayEditPlan(p *survey.Principal, unit string) bool {
	return p.IsAdmin() || (p != nil && p.Role == survey.RoleUnitHead && slices.Contains(p.Units, unit))
}

// itemsOpen reports whether a campaign's plan can be written: after the campaign closes.
func itemsOpen(camp *survey.Campaign) bool {
	return camp.State == survey.StateClosed || camp.State == survey.StateArchived
}

// reviewOpen reports whether the previous plan's outcome can be recorded in a campaign: once it
// has opened.
func reviewOpen(camp *survey.Campaign) bool { return camp.State != survey.StateDraft }

// handlePlan serves GET /rencana/:key/unit/:unit: the unit's plan after the campaign and the
// outcome of its previous plan, as a form for the unit's heads and administrators and as a page
// for everyone else who may see the unit.
func (l *loop) handlePlan(c *fiber.Ctx) error {
	camp, u, err := l.planRoute(c)
	if err != nil {
		return err
	}
	f, err := loadFollowUp(c.UserContext(), l.s.store, camp, u.Slug)
	if err != nil {
		return err
	}
	flash := ""
	if c.Query("ok") != "" {
		flash = "plan.saved"
	}
	return l.renderPlan(c, fiber.StatusOK, camp, u, f, flash, "")
}

func (l *loop) renderPlan(c *fiber.Ctx, status int, camp *survey.Campaign, u *survey.Unit, f *followUp, flash, errMsg string) error {
	p := l.s.page(c, "")
	w := reports.WebCharts{Words: p.Printer}
	edit := mayEditPlan(principal(c), u.Slug)
	pp := planPage{Page: p, Campaign: camp.Key, UnitName: u.Name.In(p.Lang), Action: planPath(camp.Key, u.Slug), Error: errMsg,
		ItemsEditable: edit && itemsOpen(camp), ReviewEditable: edit && reviewOpen(camp) && f.Previous != nil}
	pp.CanSave = pp.ItemsEditable || pp.ReviewEditable
	pp.Title = p.T("plan.title") + " · " + pp.UnitName + " · " + camp.Key
	if flash != "" {
		pp.Flash = p.T(flash)
	}
	if f.Result.Empty {
		pp.ResultLine = p.T("plan.noresult")
	} else {
		pp.ResultLine = fmt.Sprintf(p.T("plan.result"), camp.Key, w.Score(f.Result), f.Result.Grade)
	}
	for _, pr := range analytics.Priorities(f.Result) {
		if pr.FollowUp {
			pp.Priorities = append(pp.Priorities, pr.Code+" "+survey.ElementName(pr.Code).In(p.Lang)+" ("+w.Dec(pr.Score, 2)+", "+string(pr.Grade)+")")
		}
	}
	for _, code := range survey.ElementCodes {
		pp.Elements = append(pp.Elements, option{code, code + " " + survey.ElementName(code).In(p.Lang), false})
	}
	var items []survey.PlanItem
	if f.Plan != nil {
		items = f.Plan.Items
		if !f.Plan.UpdatedAt.IsZero() {
			pp.LastEdit = fmt.Sprintf(p.T("plan.lastedit"), f.Plan.UpdatedBy, localTime(p.Lang, f.Plan.UpdatedAt, l.locs.of(p.Region)))
		}
	}
	for i, it := range items {
		pp.Items = append(pp.Items, planItemRow{N: i + 1, Element: it.Element, ElementName: survey.ElementName(it.Element).In(p.Lang),
			Activity: it.Activity, Timing: it.Timing, Responsible: it.Responsible})
	}
	if pp.ItemsEditable {
		// Blank rows to fill, the first ones proposing the priority elements.
		var proposed []string
		for _, pr := range analytics.Priorities(f.Result) {
			if pr.FollowUp {
				proposed = append(proposed, pr.Code)
			}
		}
		for extra := 0; len(pp.Items) < survey.MaxPlanItems && extra < max(3, len(proposed)-len(items)); extra++ {
			row := planItemRow{N: len(pp.Items) + 1}
			if len(items) == 0 && extra < len(proposed) {
				row.Element = proposed[extra]
			}
			pp.Items = append(pp.Items, row)
		}
	}
	switch {
	case !itemsOpen(camp):
		pp.ItemsNote = p.T("plan.items.when")
	case len(items) == 0 && !pp.ItemsEditable:
		pp.ItemsNote = p.T("plan.items.none")
	}
	if f.Previous != nil {
		pp.Previous = fmt.Sprintf(p.T("plan.previous"), f.Previous.Campaign)
		for i, o := range f.Outcomes {
			status := o.Status
			if status == "" {
				status = "none"
			}
			pp.Outcomes = append(pp.Outcomes, outcomeRow{N: i + 1, Element: o.Element + " " + survey.ElementName(o.Element).In(p.Lang),
				Activity: o.Activity, Timing: o.Timing, Responsible: o.Responsible, Status: o.Status, StatusText: p.T("plan.outcome." + status),
				Note: o.Note, Change: changeText(p.Lang, o.Element, o.Change)})
		}
	}
	noStore(c)
	return l.s.render(c, status, "plan", pp)
}

// handlePlanSave serves POST /rencana/:key/unit/:unit (rule unitOwn): saves the plan items, once
// the campaign has closed, and the outcomes of the previous plan, once it has opened. A plan is
// a form a few people edit now and then: the last save wins.
func (l *loop) handlePlanSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, u, err := l.planRoute(c)
	if err != nil {
		return err
	}
	f, err := loadFollowUp(ctx, l.s.store, camp, u.Slug)
	if err != nil {
		return err
	}
	plan := &survey.Plan{Campaign: camp.Key, Unit: u.Slug}
	if f.Plan != nil {
		plan = f.Plan
	}
	itemsEditable, reviewEditable := itemsOpen(camp), reviewOpen(camp) && f.Previous != nil
	if !itemsEditable && !reviewEditable {
		return survey.Errorf(survey.ECONFLICT, "%s", msg(language(c), "plan.nothing"))
	}
	if itemsEditable {
		plan.Items = nil
		for i := 0; i < survey.MaxPlanItems; i++ {
			n := strconv.Itoa(i + 1)
			it := survey.PlanItem{Element: formText(c, "element-"+n), Activity: formText(c, "activity-"+n),
				Timing: formText(c, "timing-"+n), Responsible: formText(c, "responsible-"+n)}
			if it.Activity == "" && it.Timing == "" && it.Responsible == "" {
				continue
			}
			plan.Items = append(plan.Items, it)
		}
	}
	if reviewEditable {
		plan.Review = nil
		for i := range f.Previous.Items {
			n := strconv.Itoa(i + 1)
			if status := formText(c, "status-"+n); status != "" {
				plan.Review = append(plan.Review, survey.PlanReview{Item: i, Status: status, Note: formText(c, "note-"+n)})
			}
		}
	}
	plan.UpdatedAt, plan.UpdatedBy = l.s.now(), principal(c).Name
	ps, err := planStore(l.s.store)
	if err != nil {
		return err
	}
	if err := ps.SavePlan(ctx, plan); err != nil {
		if survey.ErrorCode(err) == survey.EINVALID {
			f.Plan = plan
			for i := range f.Outcomes {
				f.Outcomes[i].Status, f.Outcomes[i].Note = "", ""
				if r, ok := plan.Outcome(i); ok {
					f.Outcomes[i].Status, f.Outcomes[i].Note = r.Status, r.Note
				}
			}
			return l.renderPlan(c, fiber.StatusBadRequest, camp, u, f, "", errText(c, err))
		}
		return err
	}
	l.results.forget(camp.Key)
	l.s.audit(c, "plan.save", survey.PlanID(camp.Key, u.Slug), fmt.Sprintf("%d items, %d reviewed", len(plan.Items), len(plan.Review)))
	return c.Redirect(planPath(camp.Key, u.Slug)+"?ok=1", fiber.StatusSeeOther)
}

package plans

import (
	"fmt"
	"strconv"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// option is a choice in a list.
type option struct {
	Value    string
	Label    string
	Selected bool
}

// planPage is the data of a unit's plan page.
type planPage struct {
	web.Page
	Campaign       string
	UnitName       string
	ResultLine     string
	Priorities     []string
	Items          []web.PlanRow
	ItemsEditable  bool
	ItemsNote      string
	Previous       string
	Outcomes       []web.OutcomeRow
	ReviewEditable bool
	CanSave        bool
	Elements       []option
	LastEdit       string
	Flash          string
	Error          string
	Action         string
}

// planRoute reads the campaign and unit of a plan route: ENOTFOUND unless the campaign surveys
// the unit.
func (h *handler) planRoute(c *fiber.Ctx) (*survey.Campaign, *survey.Unit, error) {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return nil, nil, err
	}
	slug := c.Params("unit")
	if _, in := camp.Unit(slug); !in {
		return nil, nil, survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", slug, camp.Key)
	}
	u, err := h.Store.Unit(ctx, slug)
	if err != nil {
		return nil, nil, err
	}
	return camp, u, nil
}

// handlePlan serves GET /rencana/:key/unit/:unit: the unit's plan after the campaign and the
// outcome of its previous plan, as a form for the unit's heads and administrators and as a page
// for everyone else who may see the unit.
func (h *handler) handlePlan(c *fiber.Ctx) error {
	camp, u, err := h.planRoute(c)
	if err != nil {
		return err
	}
	f, err := survey.LoadFollowUp(c.UserContext(), h.Store, camp, u.Slug)
	if err != nil {
		return err
	}
	flash := ""
	if c.Query("ok") != "" {
		flash = "plan.saved"
	}
	return h.renderPlan(c, fiber.StatusOK, camp, u, f, flash, "")
}

func (h *handler) renderPlan(c *fiber.Ctx, status int, camp *survey.Campaign, u *survey.Unit, f *survey.FollowUp, flash, errMsg string) error {
	p := h.Page(c, "")
	edit := web.Principal(c).MayActFor(u.Slug)
	pp := planPage{Page: p, Campaign: camp.Key, UnitName: u.Name.In(p.Lang), Action: link.Plan(camp.Key, u.Slug), Error: errMsg,
		ItemsEditable: edit && camp.PlanItemsOpen(), ReviewEditable: edit && camp.PlanReviewOpen() && f.Previous != nil}
	pp.CanSave = pp.ItemsEditable || pp.ReviewEditable
	pp.Title = p.T("plan.title") + " · " + pp.UnitName + " · " + p.Semester(camp.Key)
	if flash != "" {
		pp.Flash = p.T(flash)
	}
	if f.Result.Empty {
		pp.ResultLine = p.T("plan.noresult")
	} else {
		pp.ResultLine = p.T("plan.result", p.Semester(camp.Key), p.Score(f.Result), f.Result.Grade)
	}
	for _, pr := range analytics.Priorities(f.Result) {
		if pr.FollowUp {
			pp.Priorities = append(pp.Priorities, pr.Code+" "+survey.ElementName(pr.Code).In(p.Lang)+" ("+p.Dec(pr.Score, 2)+", "+string(pr.Grade)+")")
		}
	}
	for _, code := range survey.ElementCodes {
		pp.Elements = append(pp.Elements, option{code, code + " " + survey.ElementName(code).In(p.Lang), false})
	}
	var items []survey.PlanItem
	if f.Plan != nil {
		items = f.Plan.Items
		if !f.Plan.UpdatedAt.IsZero() {
			pp.LastEdit = fmt.Sprintf(p.T("plan.lastedit"), f.Plan.UpdatedBy, p.DateTime(f.Plan.UpdatedAt))
		}
	}
	pp.Items = web.PlanRows(p.Printer, items)
	if pp.ItemsEditable {
		// Blank rows to fill, the first ones proposing the priority elements.
		var proposed []string
		for _, pr := range analytics.Priorities(f.Result) {
			if pr.FollowUp {
				proposed = append(proposed, pr.Code)
			}
		}
		for extra := 0; len(pp.Items) < survey.MaxPlanItems && extra < max(3, len(proposed)-len(items)); extra++ {
			row := web.PlanRow{N: len(pp.Items) + 1}
			if len(items) == 0 && extra < len(proposed) {
				row.Element = proposed[extra]
			}
			pp.Items = append(pp.Items, row)
		}
	}
	switch {
	case !camp.PlanItemsOpen():
		pp.ItemsNote = p.T("plan.items.when")
	case len(items) == 0 && !pp.ItemsEditable:
		pp.ItemsNote = p.T("plan.items.none")
	}
	if f.Previous != nil {
		pp.Previous = p.T("plan.previous", p.Semester(f.Previous.Campaign))
		pp.Outcomes = web.OutcomeRows(p.Printer, f.Outcomes)
	}
	web.NoStore(c)
	return h.Render(c, status, "plan", pp)
}

// handlePlanSave serves POST /rencana/:key/unit/:unit (rule unitOwn): saves the plan items, once
// the campaign has closed, and the outcomes of the previous plan, once it has opened. A plan is
// a form a few people edit now and then: the last save wins.
func (h *handler) handlePlanSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, u, err := h.planRoute(c)
	if err != nil {
		return err
	}
	f, err := survey.LoadFollowUp(ctx, h.Store, camp, u.Slug)
	if err != nil {
		return err
	}
	plan := &survey.Plan{Campaign: camp.Key, Unit: u.Slug}
	if f.Plan != nil {
		plan = f.Plan
	}
	itemsEditable, reviewEditable := camp.PlanItemsOpen(), camp.PlanReviewOpen() && f.Previous != nil
	if !itemsEditable && !reviewEditable {
		return survey.Errorf(survey.ECONFLICT, "plan.nothing")
	}
	if itemsEditable {
		plan.Items = nil
		for i := 0; i < survey.MaxPlanItems; i++ {
			n := strconv.Itoa(i + 1)
			it := survey.PlanItem{Element: web.FormText(c, "element-"+n), Activity: web.FormText(c, "activity-"+n),
				Timing: web.FormText(c, "timing-"+n), Responsible: web.FormText(c, "responsible-"+n)}
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
			if status := web.FormText(c, "status-"+n); status != "" {
				plan.Review = append(plan.Review, survey.PlanReview{Item: i, Status: status, Note: web.FormText(c, "note-"+n)})
			}
		}
	}
	plan.UpdatedAt, plan.UpdatedBy = h.Now(), web.Principal(c).Name
	if err := h.Store.SavePlan(ctx, plan); err != nil {
		if survey.ErrorCode(err) == survey.EINVALID {
			f.Plan = plan
			for i := range f.Outcomes {
				f.Outcomes[i].Status, f.Outcomes[i].Note = "", ""
				if r, ok := plan.Outcome(i); ok {
					f.Outcomes[i].Status, f.Outcomes[i].Note = r.Status, r.Note
				}
			}
			return h.renderPlan(c, fiber.StatusBadRequest, camp, u, f, "", h.Printer(c).Error(err))
		}
		return err
	}
	h.Audit(c, "plan.save", survey.PlanID(camp.Key, u.Slug), fmt.Sprintf("%d items, %d reviewed", len(plan.Items), len(plan.Review)))
	return c.Redirect(link.Plan(camp.Key, u.Slug)+"?ok=1", fiber.StatusSeeOther)
}

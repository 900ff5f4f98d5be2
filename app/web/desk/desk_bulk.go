package desk

import (
	"net/url"
	"strconv"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// handleMarkRead serves POST /pengaduan/dibaca: marks the chosen suggestions and praise read at
// once (the boxes "id"), or every one the page showed (the button "all" with the page's "page"
// IDs), and returns to the same list (the query in "back"). A case the caller may not act for,
// a complaint and one read already are passed over: the list showed the caller's unread ones.
func (h *handler) handleMarkRead(c *fiber.Ctx) error {
	ctx := c.UserContext()
	who := web.Principal(c)
	field := "id"
	if c.FormValue("all") != "" {
		field = "page"
	}
	args := c.Request().PostArgs().PeekMulti(field)
	if len(args) > pageSize {
		return survey.Errorf(survey.EINVALID, "err.case.events", pageSize)
	}
	byCampaign := map[string][]survey.CaseEvent{}
	marked := 0
	for _, raw := range args {
		cs, campaign, err := h.Store.Case(ctx, string(raw))
		if survey.ErrorCode(err) == survey.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		e := survey.CaseEvent{Case: cs.ID, Unit: cs.Unit, Type: survey.EventRead, By: who.Name, At: h.Now()}
		if !who.MayActFor(cs.Unit) || e.Validate(cs) != nil {
			continue
		}
		byCampaign[campaign] = append(byCampaign[campaign], e)
		marked++
	}
	for campaign, events := range byCampaign {
		if err := h.Store.RecordCaseEvents(ctx, campaign, events); err != nil {
			return err
		}
	}
	for _, events := range byCampaign {
		for _, e := range events {
			h.Audit(c, "case.read", e.Case, e.Unit)
		}
	}
	back, _ := url.ParseQuery(c.FormValue("back"))
	q := readDeskQuery(back)
	to := q.values()
	to.Set("dibaca", strconv.Itoa(marked))
	return c.Redirect("/pengaduan?"+to.Encode(), fiber.StatusSeeOther)
}

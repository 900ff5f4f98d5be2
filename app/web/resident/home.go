package resident

import (
	"github.com/gofiber/fiber/v2"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/survey"
)

type homePage struct {
	web.Page
	Units []*survey.Unit
	Open  bool
}

// handleHome serves GET /: the open campaign's units, each linking to its survey; signed-in staff
// go to their dashboard.
func (h *handler) handleHome(c *fiber.Ctx) error {
	if web.Principal(c) != nil {
		return c.Redirect("/dasbor", fiber.StatusSeeOther)
	}
	ctx := c.UserContext()
	p := homePage{Page: h.Page(c, "")}
	p.Title = p.RegionName(p.Region.Name)
	open, err := h.Store.Campaigns(ctx, survey.CampaignFilter{State: survey.StateOpen})
	if err != nil {
		return err
	}
	if len(open) > 0 {
		p.Open = true
		slugs := make([]string, 0, len(open[0].Units))
		for _, cu := range open[0].Units {
			slugs = append(slugs, cu.Unit)
		}
		if p.Units, err = h.Store.Units(ctx, survey.UnitFilter{ActiveOnly: true, Slugs: slugs}); err != nil {
			return err
		}
	}
	return h.Render(c, fiber.StatusOK, "home", p)
}

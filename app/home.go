package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

type homePage struct {
	Page
	Units []*survey.Unit
	Open  bool
}

// handleHome serves GET /: the open campaign's units, each linking to its survey; signed-in staff
// go to their dashboard.
func (s *Server) handleHome(c *fiber.Ctx) error {
	if principal(c) != nil {
		return c.Redirect("/dasbor", fiber.StatusSeeOther)
	}
	ctx := c.UserContext()
	p := homePage{Page: s.page(c, "")}
	p.Title = p.T("home.title")
	open, err := s.store.Campaigns(ctx, survey.CampaignFilter{State: survey.StateOpen})
	if err != nil {
		return err
	}
	if len(open) > 0 {
		p.Open = true
		slugs := make([]string, 0, len(open[0].Units))
		for _, cu := range open[0].Units {
			slugs = append(slugs, cu.Unit)
		}
		if p.Units, err = s.store.Units(ctx, survey.UnitFilter{ActiveOnly: true, Slugs: slugs}); err != nil {
			return err
		}
	}
	return s.render(c, fiber.StatusOK, "home", p)
}

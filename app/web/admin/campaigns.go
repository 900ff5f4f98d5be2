package admin

import (
	"fmt"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

type campaignAdminRow struct {
	Key         string
	State       string
	Published   string
	CanPublish  bool
	IsPublished bool
	Units       []unitLink
}

type unitLink struct {
	Name string
	Href string
}

type campaignsAdminPage struct {
	web.Page
	Campaigns []campaignAdminRow
	Flash     string
	Error     string
}

// handleCampaignsAdmin serves GET /admin/kampanye: every campaign with whether its results are
// public, the button to publish them, and each unit's follow-up plan.
func (h *handler) handleCampaignsAdmin(c *fiber.Ctx) error {
	flash := ""
	if key := c.Query("ok"); key != "" {
		if _, _, err := survey.ParseSemester(key); err == nil {
			flash = key
		}
	}
	return h.renderCampaignsAdmin(c, fiber.StatusOK, flash, "")
}

func (h *handler) renderCampaignsAdmin(c *fiber.Ctx, status int, published, errMsg string) error {
	ctx := c.UserContext()
	campaigns, err := h.Store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	names, err := h.UnitNames(ctx, p.Lang)
	if err != nil {
		return err
	}
	cp := campaignsAdminPage{Page: p, Error: errMsg}
	cp.Title = p.T("publish.title")
	if published != "" {
		cp.Flash = fmt.Sprintf(p.T("publish.done"), published)
	}
	for _, camp := range campaigns {
		row := campaignAdminRow{Key: camp.Key, State: p.State(camp.State), IsPublished: !camp.PublishedAt.IsZero(),
			Published: p.DateTime(camp.PublishedAt)}
		row.CanPublish = !row.IsPublished && camp.Publishable() == nil
		for _, cu := range camp.Units {
			row.Units = append(row.Units, unitLink{Name: names[cu.Unit], Href: link.Plan(camp.Key, cu.Unit)})
		}
		cp.Campaigns = append(cp.Campaigns, row)
	}
	return h.Render(c, status, "public_manage", cp)
}

// handleCampaignPublish serves POST /admin/kampanye/:key/terbitkan: makes a closed campaign's
// results public.
func (h *handler) handleCampaignPublish(c *fiber.Ctx) error {
	key := c.Params("key")
	camp, err := h.Store.PublishCampaign(c.UserContext(), key, h.Now())
	if survey.ErrorCode(err) == survey.ECONFLICT {
		return h.renderCampaignsAdmin(c, fiber.StatusConflict, "", h.Printer(c).Error(err))
	} else if err != nil {
		return err
	}
	h.Audit(c, "campaign.publish", camp.Key, "")
	return c.Redirect("/admin/kampanye?ok="+camp.Key, fiber.StatusSeeOther)
}

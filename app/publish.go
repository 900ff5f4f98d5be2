package app

import (
	"fmt"

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
	Page
	Campaigns []campaignAdminRow
	Flash     string
	Error     string
}

// handleCampaignsAdmin serves GET /admin/kampanye: every campaign with whether its results are
// public, the button to publish them, and each unit's follow-up plan.
func (l *loop) handleCampaignsAdmin(c *fiber.Ctx) error {
	flash := ""
	if key := c.Query("ok"); key != "" {
		if _, _, err := survey.ParseSemester(key); err == nil {
			flash = key
		}
	}
	return l.renderCampaignsAdmin(c, fiber.StatusOK, flash, "")
}

func (l *loop) renderCampaignsAdmin(c *fiber.Ctx, status int, published, errMsg string) error {
	ctx := c.UserContext()
	campaigns, err := l.s.store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return err
	}
	p := l.s.page(c, "")
	names, err := l.unitNames(ctx, p.Lang)
	if err != nil {
		return err
	}
	cp := campaignsAdminPage{Page: p, Error: errMsg}
	cp.Title = p.T("publish.title")
	if published != "" {
		cp.Flash = fmt.Sprintf(p.T("publish.done"), published)
	}
	loc := l.locs.of(p.Region)
	for _, camp := range campaigns {
		row := campaignAdminRow{Key: camp.Key, State: p.T("campaign.state." + string(camp.State)), IsPublished: !camp.PublishedAt.IsZero(),
			Published: localTime(p.Lang, camp.PublishedAt, loc)}
		row.CanPublish = !row.IsPublished && (camp.State == survey.StateClosed || camp.State == survey.StateArchived)
		for _, cu := range camp.Units {
			row.Units = append(row.Units, unitLink{Name: names[cu.Unit], Href: planPath(camp.Key, cu.Unit)})
		}
		cp.Campaigns = append(cp.Campaigns, row)
	}
	return l.s.render(c, status, "public_manage", cp)
}

// handleCampaignPublish serves POST /admin/kampanye/:key/terbitkan: makes a closed campaign's
// results public.
func (l *loop) handleCampaignPublish(c *fiber.Ctx) error {
	key := c.Params("key")
	camp, err := l.s.store.PublishCampaign(c.UserContext(), key, l.s.now())
	if survey.ErrorCode(err) == survey.ECONFLICT {
		return l.renderCampaignsAdmin(c, fiber.StatusConflict, "", errText(c, err))
	} else if err != nil {
		return err
	}
	l.results.forget(camp.Key)
	l.s.audit(c, "campaign.publish", camp.Key, "")
	return c.Redirect("/admin/kampanye?ok="+camp.Key, fiber.StatusSeeOther)
}

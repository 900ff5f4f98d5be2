package app

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

func init() {
	addMessages(map[string]survey.Text{
		"publish.title":           {ID: "Publikasi hasil survei", EN: "Publishing survey results"},
		"publish.intro":           {ID: "Hasil sebuah periode tampil di halaman publik /hasil setelah diterbitkan. Periode dapat diterbitkan setelah ditutup. Isi pengaduan dan saran warga tidak pernah diterbitkan.", EN: "A period's results appear on the public pages at /hasil once published. A period can be published after it closes. What residents wrote is never published."},
		"publish.campaign":        {ID: "Periode", EN: "Period"},
		"publish.state":           {ID: "Status", EN: "State"},
		"publish.published":       {ID: "Diterbitkan", EN: "Published"},
		"publish.action":          {ID: "Terbitkan hasil", EN: "Publish the results"},
		"publish.view":            {ID: "Lihat halaman publik", EN: "See the public page"},
		"publish.notyet":          {ID: "Dapat diterbitkan setelah ditutup", EN: "Can be published once closed"},
		"publish.done":            {ID: "Hasil periode %s diterbitkan.", EN: "The results of %s are published."},
		"publish.plans":           {ID: "Rencana tindak lanjut unit", EN: "Units' follow-up plans"},
		"publish.cases":           {ID: "Pengaduan dan batas waktunya", EN: "Complaints and their time limit"},
		"campaign.state.draft":    {ID: "Draf", EN: "Draft"},
		"campaign.state.open":     {ID: "Berjalan", EN: "Open"},
		"campaign.state.closed":   {ID: "Ditutup", EN: "Closed"},
		"campaign.state.archived": {ID: "Diarsipkan", EN: "Archived"},
	})
}

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
		return l.renderCampaignsAdmin(c, fiber.StatusConflict, "", survey.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	l.results.forget(camp.Key)
	l.s.audit(c, "campaign.publish", camp.Key, "")
	return c.Redirect("/admin/kampanye?ok="+camp.Key, fiber.StatusSeeOther)
}

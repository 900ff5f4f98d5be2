package admin

import (
	"fmt"
	"slices"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// campaignRow is a campaign in the console's list.
type campaignRow struct {
	// Key is for addresses; Name names the campaign's period on the page.
	Key, Name, Period, State string
	Units                    int
	Respondents              string
	Href                     string
	// Published is when the results were made public ("" while not); CanPublish offers the button.
	Published  string
	CanPublish bool
}

// newCampaignForm is the form that creates a campaign, as typed.
type newCampaignForm struct {
	Key string
	// Source is "copy" (the previous semester's units, populations and questionnaire) or "fresh"
	// (the units and questionnaire ticked below).
	Source        string
	Units         []string
	Questionnaire string
}

// campaignsPage is the data of the campaigns console.
type campaignsPage struct {
	web.Page
	Campaigns []campaignRow
	Form      newCampaignForm
	// Previous is the campaign "copy" copies for the suggested key; nil when there is none.
	Previous       *survey.Campaign
	Questionnaires []*survey.Questionnaire
	Units          []*survey.Unit
	// FieldErrors holds each field's problem by its name; Problem is any other.
	FieldErrors map[string]string
	Problem     string
	Flash       string
	KeyHint     string
}

// handleCampaignsAdmin serves GET /admin/kampanye: every campaign with its state and results'
// publication, and the form for a new one, its key suggested from the region's calendar.
func (h *handler) handleCampaignsAdmin(c *fiber.Ctx) error {
	flash := ""
	if key := c.Query("ok"); key != "" {
		if _, _, err := survey.ParseSemester(key); err == nil {
			flash = fmt.Sprintf(h.Printer(c).T("publish.done"), h.Printer(c).Semester(key))
		}
	}
	return h.renderCampaigns(c, fiber.StatusOK, nil, nil, flash)
}

// renderCampaigns shows the console with the form as typed (nil: the suggestion) and the error of
// a refused action next to its field.
func (h *handler) renderCampaigns(c *fiber.Ctx, status int, form *newCampaignForm, failure error, flash string) error {
	ctx := c.UserContext()
	campaigns, err := h.Store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return err
	}
	p := campaignsPage{Page: h.Page(c, ""), Flash: flash, FieldErrors: map[string]string{}}
	p.Title = p.T("campaigns.title")
	if p.Questionnaires, err = h.Store.Questionnaires(ctx); err != nil {
		return err
	}
	if p.Units, err = h.Store.Units(ctx, survey.UnitFilter{ActiveOnly: true}); err != nil {
		return err
	}
	for _, camp := range campaigns {
		row := campaignRow{Key: camp.Key, Name: p.Semester(camp.Key), Period: p.Period(camp.Key), State: p.State(camp.State), Units: len(camp.Units),
			Href: link.Campaign(camp.Key), CanPublish: camp.PublishedAt.IsZero() && camp.Publishable() == nil}
		if !camp.PublishedAt.IsZero() {
			row.Published = p.DateTime(camp.PublishedAt)
		}
		t, err := h.Store.Tally(ctx, camp.Key)
		if err != nil {
			return err
		}
		var n int64
		for _, cu := range camp.Units {
			n += t.Unit(cu.Unit).Total().All.Respondents
		}
		row.Respondents = p.Int(n)
		p.Campaigns = append(p.Campaigns, row)
	}
	if form == nil {
		form = &newCampaignForm{Key: survey.SuggestKey(campaigns, h.Now(), p.Region.Location()), Source: "fresh"}
		for _, u := range p.Units {
			form.Units = append(form.Units, u.Slug)
		}
		if len(p.Questionnaires) > 0 {
			form.Questionnaire = p.Questionnaires[0].ID
		}
		if survey.Before(campaigns, form.Key) != nil {
			form.Source = "copy"
		}
	}
	p.Form = *form
	if p.Previous = survey.Before(campaigns, form.Key); p.Previous == nil {
		p.Form.Source = "fresh"
	}
	if start, end, err := survey.SemesterBounds(form.Key, p.Region.Location()); err == nil {
		p.KeyHint = fmt.Sprintf(p.T("campaigns.key.hint.period"), p.Semester(form.Key), p.Date(start), p.Date(end.AddDate(0, 0, -1)), p.Region.TimeZone)
	}
	p.Problem = placeRefusal(p.Printer, failure, campaignFields, p.FieldErrors)
	return h.Render(c, status, "admin_campaigns", p)
}

// placeRefusal puts a refusal next to the form field that fields names for its message, and
// returns "" then; a refusal no field owns is returned, to be said at the top of the page.
func placeRefusal(p i18n.Printer, failure error, fields, into map[string]string) string {
	if failure == nil {
		return ""
	}
	if field, ok := fields[survey.ErrorMessage(failure).Key]; ok {
		into[field] = p.Error(failure)
		return ""
	}
	return p.Error(failure)
}

// campaignFields places a refusal of the new campaign form next to the field it is about.
var campaignFields = map[string]string{
	"err.campaign.key":           "key",
	"err.campaign.year":          "key",
	"err.campaign.exists":        "key",
	"err.campaign.nocopy":        "source",
	"err.campaign.nounits":       "units",
	"err.campaign.units":         "units",
	"err.campaign.unit":          "units",
	"err.campaign.questionnaire": "questionnaire",
	"err.questionnaire.notfound": "questionnaire",
}

func readNewCampaignForm(c *fiber.Ctx) newCampaignForm {
	f := newCampaignForm{Key: web.FormText(c, "key"), Source: web.FormText(c, "source"), Questionnaire: web.FormText(c, "questionnaire")}
	if args := c.Request().PostArgs(); args != nil {
		for _, v := range args.PeekMulti("unit") {
			f.Units = append(f.Units, string(v))
		}
	}
	return f
}

// handleCampaignCreate serves POST /admin/kampanye: a new draft campaign (field key) that either
// copies the previous semester (source=copy: its units, populations and questionnaire) or surveys
// the units ticked (unit, repeated) with the questionnaire chosen, scheduled over its semester.
func (h *handler) handleCampaignCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	f := readNewCampaignForm(c)
	camp, err := h.newCampaign(c, f)
	if err == nil {
		err = h.Store.CreateCampaign(ctx, camp)
	}
	if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT || code == survey.ENOTFOUND {
		return h.renderCampaigns(c, web.Status(err), &f, err, "")
	} else if err != nil {
		return err
	}
	detail := fmt.Sprintf("questionnaire %s, %d units", camp.Questionnaire, len(camp.Units))
	if f.Source == "copy" {
		detail += ", copied"
	}
	h.Audit(c, "campaign.create", camp.Key, detail)
	return c.Redirect(link.Campaign(camp.Key)+"?ok=created", fiber.StatusSeeOther)
}

// newCampaign builds the campaign the form asks for, not yet saved.
func (h *handler) newCampaign(c *fiber.Ctx, f newCampaignForm) (*survey.Campaign, error) {
	ctx := c.UserContext()
	loc := h.Region(c).Location()
	start, end, err := survey.SemesterBounds(f.Key, loc)
	if err != nil {
		return nil, err
	}
	if f.Source == "copy" {
		all, err := h.Store.Campaigns(ctx, survey.CampaignFilter{})
		if err != nil {
			return nil, err
		}
		prev := survey.Before(all, f.Key)
		if prev == nil {
			return nil, survey.Errorf(survey.EINVALID, "err.campaign.nocopy", f.Key)
		}
		return prev.CopyFor(f.Key, loc)
	}
	// A unit's population as last reported starts its target sample; an unknown slug is left for
	// the store to refuse.
	all, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return nil, err
	}
	population := map[string]int64{}
	for _, u := range all {
		population[u.Slug] = u.Population
	}
	units := make([]survey.CampaignUnit, 0, len(f.Units))
	for _, slug := range slices.Compact(slices.Sorted(slices.Values(f.Units))) {
		units = append(units, survey.CampaignUnit{Unit: slug, Population: population[slug]})
	}
	return &survey.Campaign{Key: f.Key, Questionnaire: f.Questionnaire, Units: units, OpensAt: start, ClosesAt: end}, nil
}

// handleCampaignPublish serves POST /admin/kampanye/:key/terbitkan: makes a closed campaign's
// results public.
func (h *handler) handleCampaignPublish(c *fiber.Ctx) error {
	key := c.Params("key")
	camp, err := h.Store.PublishCampaign(c.UserContext(), key, h.Now())
	if survey.ErrorCode(err) == survey.ECONFLICT {
		return h.renderCampaigns(c, fiber.StatusConflict, nil, err, "")
	} else if err != nil {
		return err
	}
	h.Audit(c, "campaign.publish", camp.Key, "")
	return c.Redirect("/admin/kampanye?ok="+camp.Key, fiber.StatusSeeOther)
}

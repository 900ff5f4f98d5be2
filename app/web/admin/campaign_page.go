package admin

import (
	"fmt"
	"strconv"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// campaignPage is the data of a campaign's page: its state and moves, schedule, units with their
// populations and progress, and reports.
type campaignPage struct {
	web.Page
	Campaign      *survey.Campaign
	StateName     string
	Questionnaire string
	// Moves are the transitions the campaign may make now, each a button to its confirmation.
	Moves []move
	// OpensOn and ClosesOn are the schedule's first and last days (YYYY-MM-DD), as the form shows
	// them; the campaign closes at the end of ClosesOn.
	OpensOn, ClosesOn string
	// CanEditOpening and CanEditClosing say which dates the schedule form may change.
	CanEditOpening, CanEditClosing bool
	// Units are the rows of the progress table: the campaign's units, and in a draft every other
	// active unit that may be added.
	Units []unitProgress
	// EditUnits offers the included-or-not tick of each unit (drafts only); EditPopulations the
	// population fields (until archived).
	EditUnits, EditPopulations bool
	Total                      string
	Issuable                   bool
	RegionReport, RegionIssue  string
	FieldErrors                map[string]string
	Problem, Flash             string
	// Details lists the bad cells of a refused population file.
	Details []string
}

// move is a transition offered on a campaign's page.
type move struct {
	To    survey.State
	Label string
}

// unitProgress is a unit's row in the progress table.
type unitProgress struct {
	Slug, Name, OPD string
	Included        bool
	// Population is as typed or stored; Target the Krejcie–Morgan minimum sample for it.
	Population, Target, Respondents, Paper, Progress string
	Reached                                          bool
	Survey, QR, Poster, Import, Report, Issue, Plan  string
}

// moveLabels name the button of each transition.
var moveLabels = map[survey.State]string{
	survey.StateOpen:     "campaign.move.open",
	survey.StateClosed:   "campaign.move.close",
	survey.StateArchived: "campaign.move.archive",
}

// handleCampaign serves GET /admin/kampanye/:key: the campaign's page.
func (h *handler) handleCampaign(c *fiber.Ctx) error {
	camp, err := h.Store.Campaign(c.UserContext(), c.Params("key"))
	if err != nil {
		return err
	}
	return h.renderCampaign(c, fiber.StatusOK, camp, campaignInput{}, nil, h.campaignFlash(c))
}

// campaignFlashes word what the page says after each action redirected to it.
var campaignFlashes = map[string]string{
	"created":     "campaign.flash.created",
	"schedule":    "campaign.flash.schedule",
	"populations": "campaign.flash.populations",
	"open":        "campaign.flash.open",
	"closed":      "campaign.flash.closed",
	"archived":    "campaign.flash.archived",
}

func (h *handler) campaignFlash(c *fiber.Ctx) string {
	if key, ok := campaignFlashes[c.Query("ok")]; ok {
		return h.Printer(c).T(key)
	}
	return ""
}

// campaignInput is what a refused form on the page had typed, shown again.
type campaignInput struct {
	OpensOn, ClosesOn string
	// Populations and Included are by unit slug; nil when the form did not send them.
	Populations map[string]string
	Included    map[string]bool
	Details     []string
}

func (h *handler) renderCampaign(c *fiber.Ctx, status int, camp *survey.Campaign, in campaignInput, failure error, flash string) error {
	ctx := c.UserContext()
	p := campaignPage{Page: h.Page(c, ""), Campaign: camp, Flash: flash, FieldErrors: map[string]string{}, Details: in.Details}
	p.Title = fmt.Sprintf(p.T("campaign.title"), p.Semester(camp.Key))
	p.StateName = p.State(camp.State)
	if q, err := h.Store.Questionnaire(ctx, camp.Questionnaire); err == nil {
		p.Questionnaire = fmt.Sprintf(p.T("campaigns.questionnaire.version"), q.Version, p.In(q.Title))
	}
	for _, to := range []survey.State{survey.StateOpen, survey.StateClosed, survey.StateArchived} {
		if survey.CanTransition(camp.State, to) {
			label := moveLabels[to]
			if to == survey.StateOpen && camp.State == survey.StateClosed {
				label = "campaign.move.reopen"
			}
			p.Moves = append(p.Moves, move{To: to, Label: p.T(label)})
		}
	}
	loc := p.Region.Location()
	p.OpensOn, p.ClosesOn = dayOf(camp.OpensAt, loc, 0), dayOf(camp.ClosesAt, loc, -1)
	if in.OpensOn != "" || in.ClosesOn != "" {
		p.OpensOn, p.ClosesOn = in.OpensOn, in.ClosesOn
	}
	p.CanEditOpening = camp.State == survey.StateDraft
	p.CanEditClosing = camp.State == survey.StateDraft || camp.State == survey.StateOpen
	p.EditUnits = camp.State == survey.StateDraft
	p.EditPopulations = camp.State != survey.StateArchived
	p.Issuable = camp.Issuable() == nil
	p.RegionReport, p.RegionIssue = link.RegionReport(camp.Key), link.IssueReport(camp.Key, "")
	if err := h.progress(c, &p, in); err != nil {
		return err
	}
	p.Problem = placeRefusal(p.Printer, failure, campaignPageFields, p.FieldErrors)
	return h.Render(c, status, "admin_campaign", p)
}

// campaignPageFields places a refusal of one of the page's forms next to its field.
var campaignPageFields = map[string]string{
	"err.date":                "schedule",
	"err.campaign.schedule":   "schedule",
	"err.campaign.fixed":      "schedule",
	"err.campaign.population": "populations",
	"err.campaign.nounits":    "populations",
	"err.populations.value":   "populations",
	"err.populations.file":    "populationFile",
	"err.upload.none":         "populationFile",
	"err.upload.empty":        "populationFile",
}

// progress fills the table of units: each unit's population and target, respondents so far (on
// paper among them) and the links a unit needs during the campaign.
func (h *handler) progress(c *fiber.Ctx, p *campaignPage, in campaignInput) error {
	ctx := c.UserContext()
	camp := p.Campaign
	units, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	tally, err := h.Store.Tally(ctx, camp.Key)
	if err != nil {
		return err
	}
	var total int64
	for _, u := range units {
		cu, included := camp.Unit(u.Slug)
		if !included && (!p.EditUnits || !u.Active) {
			continue
		}
		counts := tally.Unit(u.Slug).Total().All
		adequacy := analytics.SampleAdequacy(cu.Population, counts.Respondents)
		total += counts.Respondents
		row := unitProgress{Slug: u.Slug, Name: p.In(u.Name), OPD: u.OPD, Included: included,
			Population: strconv.FormatInt(cu.Population, 10), Target: p.Int(adequacy.Target), Respondents: p.Int(counts.Respondents),
			Paper: p.Int(counts.Channel[survey.ChannelPaper]), Reached: adequacy.Reached,
			Survey: link.Survey(u.Slug), QR: link.QR(u.Slug, "png"), Poster: link.Poster(u.Slug), Import: link.PaperImport(camp.Key, u.Slug),
			Report: link.UnitReport(camp.Key, u.Slug), Issue: link.IssueReport(camp.Key, u.Slug), Plan: link.Plan(camp.Key, u.Slug)}
		if cu.Population == 0 {
			row.Population, row.Target = "", "–"
		}
		if adequacy.Target > 0 {
			row.Progress = p.Percent(100 * float64(counts.Respondents) / float64(adequacy.Target))
		}
		if v, ok := in.Populations[u.Slug]; ok {
			row.Population = v
		}
		if in.Included != nil {
			row.Included = in.Included[u.Slug]
		}
		p.Units = append(p.Units, row)
	}
	p.Total = p.Int(total)
	return nil
}

// dayOf is the calendar day of t in loc, moved by days ("" for a zero time): a schedule's last day
// is the day before the instant it closes.
func dayOf(t time.Time, loc *time.Location, days int) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).AddDate(0, 0, days).Format(time.DateOnly)
}

// handleCampaignSchedule serves POST /admin/kampanye/:key: the schedule, fields opensAt (the first
// day, drafts only) and closesAt (the last day; the campaign closes at its end), dates YYYY-MM-DD
// in the region's time zone; a blank date leaves that move to be made by hand.
func (h *handler) handleCampaignSchedule(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	in := campaignInput{OpensOn: web.FormText(c, "opensAt"), ClosesOn: web.FormText(c, "closesAt")}
	loc := h.Region(c).Location()
	var upd survey.CampaignUpdate
	closes, err := parseDay(in.ClosesOn, loc, 1)
	if err == nil {
		upd.ClosesAt = &closes
		if camp.State == survey.StateDraft {
			var opens time.Time
			opens, err = parseDay(in.OpensOn, loc, 0)
			upd.OpensAt = &opens
		}
	}
	if err == nil {
		var updated *survey.Campaign
		if updated, err = h.Store.UpdateCampaign(ctx, camp.Key, upd); err == nil {
			camp = updated
		}
	}
	if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT {
		return h.renderCampaign(c, web.Status(err), camp, in, err, "")
	} else if err != nil {
		return err
	}
	h.Audit(c, "campaign.update", camp.Key, "schedule "+in.OpensOn+" – "+in.ClosesOn)
	return c.Redirect(link.Campaign(camp.Key)+"?ok=schedule", fiber.StatusSeeOther)
}

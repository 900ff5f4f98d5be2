package admin

import (
	"fmt"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// transitionPage is the confirmation of a campaign's move: what exactly will happen, or why it
// cannot.
type transitionPage struct {
	web.Page
	Campaign *survey.Campaign
	To       survey.State
	// What says what the move will do; Refusal why it cannot be made now.
	What, Refusal string
	Button, Back  string
	Action        string
}

// moveTarget reads the state a transition form asks for; any other value is refused.
func moveTarget(v string) (survey.State, error) {
	switch to := survey.State(v); to {
	case survey.StateOpen, survey.StateClosed, survey.StateArchived:
		return to, nil
	}
	return "", survey.Errorf(survey.EINVALID, "err.api.transition")
}

// handleTransitionConfirm serves GET /admin/kampanye/:key/status?to=open|closed|archived: the
// confirmation page, which says exactly what the move will do (or why it cannot be made) and
// carries the form that makes it.
func (h *handler) handleTransitionConfirm(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	to, err := moveTarget(c.Query("to"))
	if err != nil {
		return err
	}
	p := transitionPage{Page: h.Page(c, ""), Campaign: camp, To: to, Back: link.Campaign(camp.Key), Action: link.Campaign(camp.Key) + "/status"}
	status := fiber.StatusOK
	if err := h.canMove(c, camp, to); err != nil {
		p.Refusal, status = p.Printer.Error(err), web.Status(err)
	}
	n := len(camp.Units)
	switch {
	case to == survey.StateOpen && camp.State == survey.StateClosed:
		p.Title, p.Button = fmt.Sprintf(p.T("campaign.confirm.reopen.title"), p.Semester(camp.Key)), p.T("campaign.move.reopen")
		p.What = fmt.Sprintf(p.T("campaign.confirm.reopen"), n)
	case to == survey.StateOpen:
		p.Title, p.Button = fmt.Sprintf(p.T("campaign.confirm.open.title"), p.Semester(camp.Key)), p.T("campaign.move.open")
		closes := p.T("campaign.confirm.byhand")
		if !camp.ClosesAt.IsZero() {
			closes = p.DateTime(camp.ClosesAt)
		}
		p.What = fmt.Sprintf(p.T("campaign.confirm.open"), n, closes)
	case to == survey.StateClosed:
		p.Title, p.Button = fmt.Sprintf(p.T("campaign.confirm.close.title"), p.Semester(camp.Key)), p.T("campaign.move.close")
		p.What = fmt.Sprintf(p.T("campaign.confirm.close"), n)
	default:
		p.Title, p.Button = fmt.Sprintf(p.T("campaign.confirm.archive.title"), p.Semester(camp.Key)), p.T("campaign.move.archive")
		p.What = p.T("campaign.confirm.archive")
		if h.Config.Retention > 0 {
			p.What += " " + fmt.Sprintf(p.T("campaign.confirm.archive.retention"), h.Config.Retention)
		}
	}
	return h.Render(c, status, "admin_campaign_move", p)
}

// canMove reports whether the campaign may make the move now, saying why not as the store would.
func (h *handler) canMove(c *fiber.Ctx, camp *survey.Campaign, to survey.State) error {
	if camp.State == to {
		return survey.Errorf(survey.ECONFLICT, "err.campaign.already", camp.Key, to.Message())
	}
	if !survey.CanTransition(camp.State, to) {
		return survey.Errorf(survey.ECONFLICT, "err.campaign.transition", camp.Key, camp.State.Message(), to.Message())
	}
	if to != survey.StateOpen {
		return nil
	}
	open, err := h.Store.Campaigns(c.UserContext(), survey.CampaignFilter{State: survey.StateOpen})
	if err != nil {
		return err
	}
	if len(open) > 0 {
		return survey.Errorf(survey.ECONFLICT, "err.campaign.open", open[0].Key, camp.Key)
	}
	return nil
}

// handleTransition serves POST /admin/kampanye/:key/status: field to (open, closed or archived)
// moves the campaign. A move it cannot make, such as closing it twice, shows the campaign's page
// saying why.
func (h *handler) handleTransition(c *fiber.Ctx) error {
	ctx := c.UserContext()
	to, err := moveTarget(web.FormText(c, "to"))
	if err != nil {
		return err
	}
	camp, err := h.Store.TransitionCampaign(ctx, c.Params("key"), to, web.Principal(c).Name, h.Now())
	if survey.ErrorCode(err) == survey.ECONFLICT {
		current, cerr := h.Store.Campaign(ctx, c.Params("key"))
		if cerr != nil {
			return cerr
		}
		return h.renderCampaign(c, fiber.StatusConflict, current, campaignInput{}, err, "")
	} else if err != nil {
		return err
	}
	from := camp.History[len(camp.History)-1].From
	h.Audit(c, "campaign.transition", camp.Key, fmt.Sprintf("%s → %s", from, to))
	return c.Redirect(link.Campaign(camp.Key)+"?ok="+string(to), fiber.StatusSeeOther)
}

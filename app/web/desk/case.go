package desk

import (
	"context"
	"slices"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// errNoCase is the one answer to a code that is unknown, malformed, or not the caller's: a code
// reveals nothing to anyone it is not for.
var errNoCase = survey.Errorf(survey.ENOTFOUND, "err.case.none")

// caseFor returns the case with the internal ID in the route, and its campaign, when the caller
// may handle it.
func (h *handler) caseFor(c *fiber.Ctx) (*survey.Case, string, error) {
	cs, campaign, err := h.Store.Case(c.UserContext(), c.Params("code"))
	if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && !web.Principal(c).MayActFor(cs.Unit)) {
		return nil, "", errNoCase
	} else if err != nil {
		return nil, "", err
	}
	return cs, campaign, nil
}

// caseCampaigns returns the campaigns whose cases are still worked on: open and closed ones. An
// archived campaign's books are closed; a draft has no cases.
func (h *handler) caseCampaigns(ctx context.Context) ([]*survey.Campaign, error) {
	all, err := h.Store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(c *survey.Campaign) bool {
		return c.State != survey.StateOpen && c.State != survey.StateClosed
	}), nil
}

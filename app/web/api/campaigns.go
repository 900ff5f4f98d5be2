package api

import (
	"maps"
	"slices"
	"time"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// handleAPICampaigns serves GET /api/v1/campaigns.
func (h *handler) handleAPICampaigns(c *fiber.Ctx) error {
	cs, err := h.Store.Campaigns(c.UserContext(), survey.CampaignFilter{State: survey.State(c.Query("state"))})
	if err != nil {
		return err
	}
	return c.JSON(web.ListOf(cs, ""))
}

// campaignForm creates a campaign; CopyFrom copies another campaign's questionnaire, units and
// populations, and the other fields override what it copies.
type campaignForm struct {
	Key           string                `json:"key"`
	CopyFrom      string                `json:"copyFrom"`
	Questionnaire string                `json:"questionnaire"`
	Units         []survey.CampaignUnit `json:"units"`
	OpensAt       *time.Time            `json:"opensAt"`
	ClosesAt      *time.Time            `json:"closesAt"`
}

// handleAPICampaignCreate serves POST /api/v1/campaigns. Without a schedule, the campaign opens
// and closes with its semester.
func (h *handler) handleAPICampaignCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	var f campaignForm
	if err := web.DecodeJSON(c, &f); err != nil {
		return err
	}
	region, err := h.Store.Region(ctx)
	if err != nil {
		return err
	}
	camp := &survey.Campaign{Key: f.Key}
	if f.CopyFrom != "" {
		prev, err := h.Store.Campaign(ctx, f.CopyFrom)
		if err != nil {
			return err
		}
		if camp, err = prev.CopyFor(f.Key, region.Location()); err != nil {
			return err
		}
	} else if start, end, err := survey.SemesterBounds(f.Key, region.Location()); err != nil {
		return err
	} else {
		camp.OpensAt, camp.ClosesAt = start, end
	}
	if f.Questionnaire != "" {
		camp.Questionnaire = f.Questionnaire
	}
	if f.Units != nil {
		camp.Units = f.Units
	}
	if f.OpensAt != nil {
		camp.OpensAt = *f.OpensAt
	}
	if f.ClosesAt != nil {
		camp.ClosesAt = *f.ClosesAt
	}
	if err := h.Store.CreateCampaign(ctx, camp); err != nil {
		return err
	}
	h.Audit(c, "campaign.create", camp.Key, "questionnaire "+camp.Questionnaire)
	return c.Status(fiber.StatusCreated).JSON(camp)
}

// handleAPICampaign serves GET /api/v1/campaigns/:key.
func (h *handler) handleAPICampaign(c *fiber.Ctx) error {
	camp, err := h.Store.Campaign(c.UserContext(), c.Params("key"))
	if err != nil {
		return err
	}
	return c.JSON(camp)
}

// handleAPICampaignUpdate serves PATCH /api/v1/campaigns/:key.
func (h *handler) handleAPICampaignUpdate(c *fiber.Ctx) error {
	var upd survey.CampaignUpdate
	if err := web.DecodeJSON(c, &upd); err != nil {
		return err
	}
	camp, err := h.Store.UpdateCampaign(c.UserContext(), c.Params("key"), upd)
	if err != nil {
		return err
	}
	h.Audit(c, "campaign.update", camp.Key, "")
	return c.JSON(camp)
}

type transitionForm struct {
	To survey.State `json:"to"`
}

// handleAPICampaignTransition serves POST /api/v1/campaigns/:key/transitions: open, close,
// reopen or archive by hand.
func (h *handler) handleAPICampaignTransition(c *fiber.Ctx) error {
	var f transitionForm
	if err := web.DecodeJSON(c, &f); err != nil {
		return err
	}
	switch f.To {
	case survey.StateOpen, survey.StateClosed, survey.StateArchived:
	default:
		return survey.Errorf(survey.EINVALID, "err.api.transition")
	}
	camp, err := h.Store.TransitionCampaign(c.UserContext(), c.Params("key"), f.To, web.Principal(c).Name, h.Now())
	if err != nil {
		return err
	}
	h.Audit(c, "campaign.transition", camp.Key, "to "+string(f.To))
	return c.JSON(camp)
}

// unitResultJSON is a unit's result in a campaign.
type unitResultJSON struct {
	Campaign string `json:"campaign"`
	Unit     string `json:"unit"`
	web.IndexJSON
	Interval intervalJSON `json:"interval"`
	Adequacy adequacyJSON `json:"adequacy"`
	Flagged  int64        `json:"flagged"`
}

// intervalJSON and adequacyJSON give analytics' values the API's camelCase keys.
type intervalJSON struct {
	Low               float64 `json:"low"`
	High              float64 `json:"high"`
	Method            string  `json:"method"`
	StraddlesBoundary bool    `json:"straddlesBoundary"`
}

func intervalOf(i analytics.Interval) intervalJSON {
	return intervalJSON{Low: i.Low, High: i.High, Method: i.Method, StraddlesBoundary: i.StraddlesBoundary}
}

type adequacyJSON struct {
	Population  int64   `json:"population"`
	Target      int64   `json:"target"`
	Respondents int64   `json:"respondents"`
	Reached     bool    `json:"reached"`
	Progress    float64 `json:"progress"`
}

func adequacyOf(a analytics.Adequacy) adequacyJSON {
	return adequacyJSON{Population: a.Population, Target: a.Target, Respondents: a.Respondents, Reached: a.Reached, Progress: a.Progress}
}

// handleAPIUnitResults serves GET /api/v1/campaigns/:key/units/:unit/results (?service= for one
// service).
func (h *handler) handleAPIUnitResults(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	cu, ok := camp.Unit(c.Params("unit"))
	if !ok {
		return survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", c.Params("unit"), camp.Key)
	}
	t, err := h.Store.Tally(ctx, camp.Key)
	if err != nil {
		return err
	}
	svc := c.Query("service")
	st := t.Unit(cu.Unit).Total()
	if svc != "" {
		st = t.Unit(cu.Unit).Service(svc)
	}
	result := camp.UnitResult(t, cu.Unit, svc)
	return c.JSON(unitResultJSON{
		Campaign: camp.Key, Unit: cu.Unit, IndexJSON: web.IndexOf(result.Result),
		Interval: intervalOf(result.Interval),
		Adequacy: adequacyOf(analytics.SampleAdequacy(cu.Population, st.Counted().Respondents)),
		Flagged:  st.Flagged.Respondents,
	})
}

// regionResultJSON is the region's roll-up of a campaign.
type regionResultJSON struct {
	Campaign    string            `json:"campaign"`
	Pooled      web.IndexJSON     `json:"pooled"`
	MeanOfUnits float64           `json:"meanOfUnits"`
	Units       []unitResultJSON  `json:"units"`
	Groups      []groupResultJSON `json:"groups"`
}

// groupResultJSON is the roll-up of the units of one OPD.
type groupResultJSON struct {
	OPD         string        `json:"opd"`
	Units       []string      `json:"units"`
	Pooled      web.IndexJSON `json:"pooled"`
	MeanOfUnits float64       `json:"meanOfUnits"`
}

// handleAPIRegionResults serves GET /api/v1/campaigns/:key/results: every unit ranked, the
// region's pooled score beside the mean of unit scores, and the same for each OPD.
func (h *handler) handleAPIRegionResults(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	t, err := h.Store.Tally(ctx, camp.Key)
	if err != nil {
		return err
	}
	all, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	opd := map[string]string{}
	for _, u := range all {
		opd[u.Slug] = u.OPD
	}
	units := make([]analytics.Unit, 0, len(camp.Units))
	for _, cu := range camp.Units {
		units = append(units, analytics.Unit{ID: cu.Unit, Name: cu.Unit, Group: opd[cu.Unit], Tally: t.Unit(cu.Unit).Total().Counted().Tally, Population: cu.Population})
	}
	sum := analytics.Rollup(units)
	out := regionResultJSON{Campaign: camp.Key, Pooled: web.IndexOf(sum.Pooled), MeanOfUnits: sum.MeanOfUnits, Units: []unitResultJSON{}, Groups: []groupResultJSON{}}
	groups := analytics.Groups(units)
	for _, name := range slices.Sorted(maps.Keys(groups)) {
		g := groups[name]
		gj := groupResultJSON{OPD: name, Pooled: web.IndexOf(g.Pooled), MeanOfUnits: g.MeanOfUnits, Units: []string{}}
		for _, r := range g.Ranking {
			gj.Units = append(gj.Units, r.Unit.ID)
		}
		out.Groups = append(out.Groups, gj)
	}
	for _, r := range sum.Ranking {
		out.Units = append(out.Units, unitResultJSON{Campaign: camp.Key, Unit: r.Unit.ID, IndexJSON: web.IndexOf(r.Result), Interval: intervalOf(r.Interval), Adequacy: adequacyOf(r.Adequacy)})
	}
	return c.JSON(out)
}

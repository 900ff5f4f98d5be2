package app

import (
	"maps"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// handleAPICampaigns serves GET /api/v1/campaigns.
func (s *Server) handleAPICampaigns(c *fiber.Ctx) error {
	cs, err := s.store.Campaigns(c.UserContext(), survey.CampaignFilter{State: survey.State(c.Query("state"))})
	if err != nil {
		return err
	}
	return c.JSON(listOf(cs, ""))
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
func (s *Server) handleAPICampaignCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	var f campaignForm
	if err := decodeJSON(c, &f); err != nil {
		return err
	}
	region, err := s.store.Region(ctx)
	if err != nil {
		return err
	}
	camp := &survey.Campaign{Key: f.Key}
	if f.CopyFrom != "" {
		prev, err := s.store.Campaign(ctx, f.CopyFrom)
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
	if err := s.store.CreateCampaign(ctx, camp); err != nil {
		return err
	}
	s.audit(c, "campaign.create", camp.Key, "questionnaire "+camp.Questionnaire)
	return c.Status(fiber.StatusCreated).JSON(camp)
}

// handleAPICampaign serves GET /api/v1/campaigns/:key.
func (s *Server) handleAPICampaign(c *fiber.Ctx) error {
	camp, err := s.store.Campaign(c.UserContext(), c.Params("key"))
	if err != nil {
		return err
	}
	return c.JSON(camp)
}

// handleAPICampaignUpdate serves PATCH /api/v1/campaigns/:key.
func (s *Server) handleAPICampaignUpdate(c *fiber.Ctx) error {
	var upd survey.CampaignUpdate
	if err := decodeJSON(c, &upd); err != nil {
		return err
	}
	camp, err := s.store.UpdateCampaign(c.UserContext(), c.Params("key"), upd)
	if err != nil {
		return err
	}
	s.audit(c, "campaign.update", camp.Key, "")
	return c.JSON(camp)
}

type transitionForm struct {
	To survey.State `json:"to"`
}

// handleAPICampaignTransition serves POST /api/v1/campaigns/:key/transitions: open, close,
// reopen or archive by hand.
func (s *Server) handleAPICampaignTransition(c *fiber.Ctx) error {
	var f transitionForm
	if err := decodeJSON(c, &f); err != nil {
		return err
	}
	switch f.To {
	case survey.StateOpen, survey.StateClosed, survey.StateArchived:
	default:
		return survey.Errorf(survey.EINVALID, "Field to must be open, closed or archived.")
	}
	camp, err := s.store.TransitionCampaign(c.UserContext(), c.Params("key"), f.To, principal(c).Name, s.now())
	if err != nil {
		return err
	}
	s.audit(c, "campaign.transition", camp.Key, "to "+string(f.To))
	return c.JSON(camp)
}

// unitResultJSON is a unit's result in a campaign.
type unitResultJSON struct {
	Campaign string `json:"campaign"`
	Unit     string `json:"unit"`
	ikmJSON
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
func (s *Server) handleAPIUnitResults(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := s.store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	cu, ok := camp.Unit(c.Params("unit"))
	if !ok {
		return survey.Errorf(survey.ENOTFOUND, "Unit %s is not part of campaign %s.", c.Params("unit"), camp.Key)
	}
	t, err := s.store.Tally(ctx, camp.Key)
	if err != nil {
		return err
	}
	st := t.Unit(cu.Unit).Total()
	if svc := c.Query("service"); svc != "" {
		st = t.Unit(cu.Unit).Service(svc)
	}
	return c.JSON(unitResultJSON{
		Campaign: camp.Key, Unit: cu.Unit, ikmJSON: ikmOf(analytics.Compute(st.All.Tally)),
		Interval: intervalOf(analytics.ScoreInterval(st.All.Tally, cu.Population)),
		Adequacy: adequacyOf(analytics.SampleAdequacy(cu.Population, st.All.Respondents)),
		Flagged:  st.Flagged.Respondents,
	})
}

// regionResultJSON is the region's roll-up of a campaign.
type regionResultJSON struct {
	Campaign    string            `json:"campaign"`
	Pooled      ikmJSON           `json:"pooled"`
	MeanOfUnits float64           `json:"meanOfUnits"`
	Units       []unitResultJSON  `json:"units"`
	Groups      []groupResultJSON `json:"groups"`
}

// groupResultJSON is the roll-up of the units of one OPD.
type groupResultJSON struct {
	OPD         string   `json:"opd"`
	Units       []string `json:"units"`
	Pooled      ikmJSON  `json:"pooled"`
	MeanOfUnits float64  `json:"meanOfUnits"`
}

// handleAPIRegionResults serves GET /api/v1/campaigns/:key/results: every unit ranked, the
// region's pooled score beside the mean of unit scores, and the same for each OPD.
func (s *Server) handleAPIRegionResults(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := s.store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	t, err := s.store.Tally(ctx, camp.Key)
	if err != nil {
		return err
	}
	all, err := s.store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	opd := map[string]string{}
	for _, u := range all {
		opd[u.Slug] = u.OPD
	}
	units := make([]analytics.Unit, 0, len(camp.Units))
	for _, cu := range camp.Units {
		units = append(units, analytics.Unit{ID: cu.Unit, Name: cu.Unit, Group: opd[cu.Unit], Tally: t.Unit(cu.Unit).Total().All.Tally, Population: cu.Population})
	}
	sum := analytics.Rollup(units)
	out := regionResultJSON{Campaign: camp.Key, Pooled: ikmOf(sum.Pooled), MeanOfUnits: sum.MeanOfUnits, Units: []unitResultJSON{}, Groups: []groupResultJSON{}}
	groups := analytics.Groups(units)
	for _, name := range slices.Sorted(maps.Keys(groups)) {
		g := groups[name]
		gj := groupResultJSON{OPD: name, Pooled: ikmOf(g.Pooled), MeanOfUnits: g.MeanOfUnits, Units: []string{}}
		for _, r := range g.Ranking {
			gj.Units = append(gj.Units, r.Unit.ID)
		}
		out.Groups = append(out.Groups, gj)
	}
	for _, r := range sum.Ranking {
		out.Units = append(out.Units, unitResultJSON{Campaign: camp.Key, Unit: r.Unit.ID, ikmJSON: ikmOf(r.Result), Interval: intervalOf(r.Interval), Adequacy: adequacyOf(r.Adequacy)})
	}
	return c.JSON(out)
}

package results

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// errNotPublished answers every request for results that are not public, whether the campaign
// exists or not.
var errNotPublished = survey.Errorf(survey.ENOTFOUND, "err.results.none")

// resultsCache keeps the public figures of published campaigns for a minute: the pages are
// public and may be opened by many, and each needs one plan lookup per unit. A publication or a
// plan saved on this instance shows at once; elsewhere within resultsTTL.
type resultsCache struct {
	mu         sync.Mutex
	byCampaign map[string]*campaignResults
}

const resultsTTL = time.Minute

type campaignResults struct {
	at      time.Time
	camp    *survey.Campaign
	units   []unitResult
	summary analytics.Summary
}

type unitResult struct {
	Slug  string
	Name  survey.Text
	Point analytics.Point
	// PlanItems counts the actions the unit planned after the campaign, and Reviewed its outcomes
	// of the previous plan recorded during it.
	PlanItems int
	Reviewed  map[string]int
}

func (rc *resultsCache) get(campaign string) *campaignResults {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if r := rc.byCampaign[campaign]; r != nil && time.Since(r.at) < resultsTTL {
		return r
	}
	return nil
}

func (rc *resultsCache) put(r *campaignResults) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.byCampaign == nil {
		rc.byCampaign = map[string]*campaignResults{}
	}
	rc.byCampaign[r.camp.Key] = r
}

// publishedCampaign returns the campaign with the key when its results are public.
func (h *handler) publishedCampaign(ctx context.Context, key string) (*survey.Campaign, error) {
	if _, _, err := survey.ParseSemester(key); err != nil {
		return nil, errNotPublished
	}
	camp, err := h.Store.Campaign(ctx, key)
	if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && !camp.Published()) {
		return nil, errNotPublished
	}
	return camp, err
}

// campaignResults computes, or recalls, the public figures of a published campaign.
func (h *handler) campaignResults(ctx context.Context, camp *survey.Campaign) (*campaignResults, error) {
	if r := h.results.get(camp.Key); r != nil && r.camp.PublishedAt.Equal(camp.PublishedAt) {
		return r, nil
	}
	t, err := h.Store.Tally(ctx, camp.Key)
	if err != nil {
		return nil, err
	}
	slugs := make([]string, len(camp.Units))
	for i, cu := range camp.Units {
		slugs[i] = cu.Unit
	}
	units, err := h.Store.Units(ctx, survey.UnitFilter{Slugs: slugs})
	if err != nil {
		return nil, err
	}
	names := map[string]survey.Text{}
	for _, u := range units {
		names[u.Slug] = u.Name
	}
	r := &campaignResults{at: time.Now(), camp: camp}
	var rollup []analytics.Unit
	for _, cu := range camp.Units {
		counts := t.Unit(cu.Unit).Total().Counted().Tally
		ur := unitResult{Slug: cu.Unit, Name: names[cu.Unit], Reviewed: map[string]int{},
			Point: camp.UnitResult(t, cu.Unit, "")}
		if ur.Name.ID == "" {
			ur.Name = survey.Text{ID: cu.Unit}
		}
		plan, err := h.Store.Plan(ctx, camp.Key, cu.Unit)
		if err == nil {
			ur.PlanItems = len(plan.Items)
			for _, rv := range plan.Review {
				ur.Reviewed[rv.Status]++
			}
		} else if survey.ErrorCode(err) != survey.ENOTFOUND {
			return nil, err
		}
		r.units = append(r.units, ur)
		rollup = append(rollup, analytics.Unit{ID: cu.Unit, Name: ur.Name.ID, Tally: counts, Population: cu.Population})
	}
	r.summary = analytics.Rollup(rollup)
	h.results.put(r)
	return r, nil
}

type publicCampaignLink struct {
	Key       string
	Title     string
	Published string
}

type publicListPage struct {
	web.Page
	Campaigns []publicCampaignLink
}

// handleResults serves GET /hasil: the campaigns whose results the region published.
func (h *handler) handleResults(c *fiber.Ctx) error {
	campaigns, err := h.Store.Campaigns(c.UserContext(), survey.CampaignFilter{})
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	p.Title = p.T("public.title")
	lp := publicListPage{Page: p}
	for _, camp := range campaigns {
		if camp.Published() {
			lp.Campaigns = append(lp.Campaigns, publicCampaignLink{Key: camp.Key, Title: p.Semester(camp.Key),
				Published: fmt.Sprintf(p.T("public.publishedAt"), p.DateTime(camp.PublishedAt))})
		}
	}
	return h.Render(c, fiber.StatusOK, "public_results", lp)
}

type publicUnitRow struct {
	Href        string
	Name        string
	Score       string
	Grade       string
	Performance string
	Respondents string
	Interval    string
	Plan        string
}

type publicCampaignPage struct {
	web.Page
	Campaign    string
	Published   string
	Pooled      string
	PooledGrade string
	Mean        string
	Units       []publicUnitRow
}

// handleCampaignResults serves GET /hasil/:key: every unit's score, grade, respondents and
// interval with the state of its follow-up plan, and the region's score. 404 unless published.
func (h *handler) handleCampaignResults(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.publishedCampaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	r, err := h.campaignResults(ctx, camp)
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	cp := publicCampaignPage{Page: p, Campaign: camp.Key, Pooled: p.Score(r.summary.Pooled), PooledGrade: string(r.summary.Pooled.Grade),
		Published: fmt.Sprintf(p.T("public.publishedAt"), p.DateTime(camp.PublishedAt)), Mean: "–"}
	if r.summary.MeanOfUnits > 0 {
		cp.Mean = p.Dec(r.summary.MeanOfUnits, 2)
	}
	cp.Title = p.T("public.title.period", p.Semester(camp.Key))
	for _, u := range r.units {
		row := publicUnitRow{Href: link.UnitResults(camp.Key, u.Slug), Name: u.Name.In(p.Lang), Score: p.Score(u.Point.Result),
			Grade: string(u.Point.Result.Grade), Respondents: p.Int(u.Point.Result.Respondents), Interval: p.Interval(u.Point.Interval),
			Plan: planStatusText(p, u)}
		if !u.Point.Result.Empty {
			row.Performance = p.Performance(u.Point.Result.Grade)
		}
		cp.Units = append(cp.Units, row)
	}
	slices.SortFunc(cp.Units, func(a, b publicUnitRow) int { return strings.Compare(a.Name, b.Name) })
	return h.Render(c, fiber.StatusOK, "public_campaign", cp)
}

func planStatusText(p web.Page, u unitResult) string {
	text := p.T("public.plan.none")
	if u.PlanItems > 0 {
		text = fmt.Sprintf(p.T("public.plan.items"), u.PlanItems)
	}
	if len(u.Reviewed) > 0 {
		text += "; " + fmt.Sprintf(p.T("public.plan.review"), u.Reviewed[survey.PlanDone], u.Reviewed[survey.PlanInProgress], u.Reviewed[survey.PlanNotDone])
	}
	return text
}

type publicElementRow struct {
	Code  string
	Name  string
	Score string
	Grade string
}

type publicTrendRow struct {
	Campaign string
	Href     string
	Score    string
	Grade    string
	Change   string
}

type publicUnitPage struct {
	web.Page
	Campaign    string
	UnitName    string
	Score       string
	Grade       string
	Performance string
	Respondents string
	Interval    string
	Empty       bool
	Elements    []publicElementRow
	Trend       []publicTrendRow
	Plan        []web.PlanRow
	Outcomes    []web.OutcomeRow
	Previous    string
}

// handleUnitResults serves GET /hasil/:key/unit/:unit: a unit's element scores, its trend over
// the published campaigns up to this one, and its follow-up plans. 404 unless published.
func (h *handler) handleUnitResults(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.publishedCampaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	slug := c.Params("unit")
	if _, in := camp.Unit(slug); !in {
		return errNotPublished
	}
	u, err := h.Store.Unit(ctx, slug)
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	cur, err := h.unitResult(ctx, camp, slug)
	if err != nil {
		return err
	}
	up := publicUnitPage{Page: p, Campaign: camp.Key, UnitName: u.Name.In(p.Lang), Score: p.Score(cur.Result), Grade: string(cur.Result.Grade),
		Respondents: p.Int(cur.Result.Respondents), Interval: p.Interval(cur.Interval), Empty: cur.Result.Empty}
	up.Title = up.UnitName + " · " + p.Semester(camp.Key)
	if !cur.Result.Empty {
		up.Performance = p.Performance(cur.Result.Grade)
	}
	for _, e := range cur.Result.Elements {
		row := publicElementRow{Code: e.Code, Name: survey.ElementName(e.Code).In(p.Lang), Score: "–"}
		if e.Answered > 0 {
			row.Score, row.Grade = p.Dec(e.Score, 2), string(e.Grade)
		}
		up.Elements = append(up.Elements, row)
	}
	if up.Trend, err = h.publicTrend(ctx, p, camp, slug); err != nil {
		return err
	}
	f, err := survey.LoadFollowUp(ctx, h.Store, camp, slug)
	if err != nil {
		return err
	}
	if f.Plan != nil {
		up.Plan = web.PlanRows(p.Printer, f.Plan.Items)
	}
	if f.Previous != nil {
		up.Previous = p.T("plan.previous", p.Semester(f.Previous.Campaign))
		up.Outcomes = web.OutcomeRows(p.Printer, f.Outcomes)
	}
	return h.Render(c, fiber.StatusOK, "public_unit", up)
}

// publicTrend lists the unit's score in every published campaign up to this one, oldest first,
// with the change from the one before: a campaign not published is left out, never shown.
func (h *handler) publicTrend(ctx context.Context, p web.Page, camp *survey.Campaign, slug string) ([]publicTrendRow, error) {
	campaigns, err := h.Store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, err
	}
	var points []analytics.Point
	for i := len(campaigns) - 1; i >= 0; i-- {
		pc := campaigns[i]
		if _, in := pc.Unit(slug); !in || !pc.Published() || pc.Key > camp.Key {
			continue
		}
		pt, err := h.unitResult(ctx, pc, slug)
		if err != nil {
			return nil, err
		}
		points = append(points, pt)
	}
	steps, err := analytics.Trend(points)
	if err != nil {
		return nil, err
	}
	change := map[string]analytics.Change{}
	for _, st := range steps {
		change[st.To] = st.Overall
	}
	var rows []publicTrendRow
	for _, pt := range points {
		row := publicTrendRow{Campaign: p.Semester(pt.Campaign), Href: link.UnitResults(pt.Campaign, slug), Score: p.Score(pt.Result), Grade: string(pt.Result.Grade)}
		if ch, ok := change[pt.Campaign]; ok {
			row.Change = p.Signed(ch.Delta, 2)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// unitResult returns a unit's result in a campaign.
func (h *handler) unitResult(ctx context.Context, camp *survey.Campaign, unit string) (analytics.Point, error) {
	t, err := h.Store.Tally(ctx, camp.Key)
	if err != nil {
		return analytics.Point{}, err
	}
	return camp.UnitResult(t, unit, ""), nil
}

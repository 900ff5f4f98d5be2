package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// published reports whether a campaign's results are public: the region published them and the
// campaign is not running (a reopened campaign's figures are moving again).
func published(c *survey.Campaign) bool {
	return !c.PublishedAt.IsZero() && (c.State == survey.StateClosed || c.State == survey.StateArchived)
}

// errNotPublished answers every request for results that are not public, whether the campaign
// exists or not.
var errNotPublished = survey.Errorf(survey.ENOTFOUND, "No published results at this address.")

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

func (rc *resultsCache) forget(campaign string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	delete(rc.byCampaign, campaign)
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
func (l *loop) publishedCampaign(ctx context.Context, key string) (*survey.Campaign, error) {
	if _, _, err := survey.ParseSemester(key); err != nil {
		return nil, errNotPublished
	}
	camp, err := l.s.store.Campaign(ctx, key)
	if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && !published(camp)) {
		return nil, errNotPublished
	}
	return camp, err
}

// campaignResults computes, or recalls, the public figures of a published campaign.
func (l *loop) campaignResults(ctx context.Context, camp *survey.Campaign) (*campaignResults, error) {
	if r := l.results.get(camp.Key); r != nil && r.camp.PublishedAt.Equal(camp.PublishedAt) {
		return r, nil
	}
	ps, err := planStore(l.s.store)
	if err != nil {
		return nil, err
	}
	t, err := l.s.store.Tally(ctx, camp.Key)
	if err != nil {
		return nil, err
	}
	slugs := make([]string, len(camp.Units))
	for i, cu := range camp.Units {
		slugs[i] = cu.Unit
	}
	units, err := l.s.store.Units(ctx, survey.UnitFilter{Slugs: slugs})
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
		counts := t.Unit(cu.Unit).Total().All.Tally
		ur := unitResult{Slug: cu.Unit, Name: names[cu.Unit], Reviewed: map[string]int{},
			Point: analytics.Point{Campaign: camp.Key, Result: analytics.Compute(counts), Interval: analytics.ScoreInterval(counts, cu.Population)}}
		if ur.Name.ID == "" {
			ur.Name = survey.Text{ID: cu.Unit}
		}
		plan, err := ps.Plan(ctx, camp.Key, cu.Unit)
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
	l.results.put(r)
	return r, nil
}

type publicCampaignLink struct {
	Key       string
	Title     string
	Published string
}

type publicListPage struct {
	Page
	Campaigns []publicCampaignLink
}

// handleResults serves GET /hasil: the campaigns whose results the region published.
func (l *loop) handleResults(c *fiber.Ctx) error {
	campaigns, err := l.s.store.Campaigns(c.UserContext(), survey.CampaignFilter{})
	if err != nil {
		return err
	}
	p := l.s.page(c, "")
	p.Title = p.T("public.title")
	lp := publicListPage{Page: p}
	loc := l.locs.of(p.Region)
	for _, camp := range campaigns {
		if published(camp) {
			lp.Campaigns = append(lp.Campaigns, publicCampaignLink{Key: camp.Key, Title: fmt.Sprintf(p.T("public.period"), camp.Key),
				Published: fmt.Sprintf(p.T("public.publishedAt"), localTime(p.Lang, camp.PublishedAt, loc))})
		}
	}
	return l.s.render(c, fiber.StatusOK, "public_results", lp)
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
	Page
	Campaign    string
	Published   string
	Pooled      string
	PooledGrade string
	Mean        string
	Units       []publicUnitRow
}

// handleCampaignResults serves GET /hasil/:key: every unit's score, grade, respondents and
// interval with the state of its follow-up plan, and the region's score. 404 unless published.
func (l *loop) handleCampaignResults(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := l.publishedCampaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	r, err := l.campaignResults(ctx, camp)
	if err != nil {
		return err
	}
	p := l.s.page(c, "")
	w := reports.WebCharts{Words: p.Printer}
	cp := publicCampaignPage{Page: p, Campaign: camp.Key, Pooled: w.Score(r.summary.Pooled), PooledGrade: string(r.summary.Pooled.Grade),
		Published: fmt.Sprintf(p.T("public.publishedAt"), localTime(p.Lang, camp.PublishedAt, l.locs.of(p.Region))), Mean: "–"}
	if r.summary.MeanOfUnits > 0 {
		cp.Mean = w.Dec(r.summary.MeanOfUnits, 2)
	}
	cp.Title = p.T("public.title") + " " + camp.Key
	for _, u := range r.units {
		row := publicUnitRow{Href: "/hasil/" + camp.Key + "/unit/" + u.Slug, Name: u.Name.In(p.Lang), Score: w.Score(u.Point.Result),
			Grade: string(u.Point.Result.Grade), Respondents: w.Int(u.Point.Result.Respondents), Interval: w.Interval(u.Point.Interval),
			Plan: planStatusText(p, u)}
		if !u.Point.Result.Empty {
			row.Performance = w.Performance(u.Point.Result.Grade)
		}
		cp.Units = append(cp.Units, row)
	}
	slices.SortFunc(cp.Units, func(a, b publicUnitRow) int { return strings.Compare(a.Name, b.Name) })
	return l.s.render(c, fiber.StatusOK, "public_campaign", cp)
}

func planStatusText(p Page, u unitResult) string {
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
	Page
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
	Plan        []planItemRow
	Outcomes    []outcomeRow
	Previous    string
}

// handleUnitResults serves GET /hasil/:key/unit/:unit: a unit's element scores, its trend over
// the published campaigns up to this one, and its follow-up plans. 404 unless published.
func (l *loop) handleUnitResults(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := l.publishedCampaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	slug := c.Params("unit")
	if _, in := camp.Unit(slug); !in {
		return errNotPublished
	}
	u, err := l.s.store.Unit(ctx, slug)
	if err != nil {
		return err
	}
	p := l.s.page(c, "")
	w := reports.WebCharts{Words: p.Printer}
	cur, err := unitPoint(ctx, l.s.store, camp, slug)
	if err != nil {
		return err
	}
	up := publicUnitPage{Page: p, Campaign: camp.Key, UnitName: u.Name.In(p.Lang), Score: w.Score(cur.Result), Grade: string(cur.Result.Grade),
		Respondents: w.Int(cur.Result.Respondents), Interval: w.Interval(cur.Interval), Empty: cur.Result.Empty}
	up.Title = up.UnitName + " · " + camp.Key
	if !cur.Result.Empty {
		up.Performance = w.Performance(cur.Result.Grade)
	}
	for _, e := range cur.Result.Elements {
		row := publicElementRow{Code: e.Code, Name: survey.ElementName(e.Code).In(p.Lang), Score: "–"}
		if e.Answered > 0 {
			row.Score, row.Grade = w.Dec(e.Score, 2), string(e.Grade)
		}
		up.Elements = append(up.Elements, row)
	}
	if up.Trend, err = l.publicTrend(ctx, p, camp, slug); err != nil {
		return err
	}
	f, err := loadFollowUp(ctx, l.s.store, camp, slug)
	if err != nil {
		return err
	}
	if f.Plan != nil {
		for i, it := range f.Plan.Items {
			up.Plan = append(up.Plan, planItemRow{N: i + 1, Element: it.Element, ElementName: survey.ElementName(it.Element).In(p.Lang),
				Activity: it.Activity, Timing: it.Timing, Responsible: it.Responsible})
		}
	}
	if f.Previous != nil {
		up.Previous = fmt.Sprintf(p.T("plan.previous"), f.Previous.Campaign)
		for i, o := range f.Outcomes {
			status := o.Status
			if status == "" {
				status = "none"
			}
			up.Outcomes = append(up.Outcomes, outcomeRow{N: i + 1, Element: o.Element + " " + survey.ElementName(o.Element).In(p.Lang),
				Activity: o.Activity, Timing: o.Timing, StatusText: p.T("plan.outcome." + status), Note: o.Note, Change: changeText(p.Lang, o.Element, o.Change)})
		}
	}
	return l.s.render(c, fiber.StatusOK, "public_unit", up)
}

// publicTrend lists the unit's score in every published campaign up to this one, oldest first,
// with the change from the one before: a campaign not published is left out, never shown.
func (l *loop) publicTrend(ctx context.Context, p Page, camp *survey.Campaign, slug string) ([]publicTrendRow, error) {
	campaigns, err := l.s.store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, err
	}
	w := reports.WebCharts{Words: p.Printer}
	var points []analytics.Point
	for i := len(campaigns) - 1; i >= 0; i-- {
		pc := campaigns[i]
		if _, in := pc.Unit(slug); !in || !published(pc) || pc.Key > camp.Key {
			continue
		}
		pt, err := unitPoint(ctx, l.s.store, pc, slug)
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
		row := publicTrendRow{Campaign: pt.Campaign, Href: "/hasil/" + pt.Campaign + "/unit/" + slug, Score: w.Score(pt.Result), Grade: string(pt.Result.Grade)}
		if ch, ok := change[pt.Campaign]; ok {
			row.Change = fmt.Sprintf("%+.2f", ch.Delta)
			if p.Lang != survey.LangEN {
				row.Change = strings.Replace(row.Change, ".", ",", 1)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

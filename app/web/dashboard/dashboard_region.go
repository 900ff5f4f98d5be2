package dashboard

import (
	"context"
	"fmt"
	"slices"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// movesShown is how many of the biggest rises, and of the biggest falls, the region lists.
const movesShown = 5

// regionInput is what the region dashboard is made of: read from the store by the handler, or
// built in memory by the benchmarks.
type regionInput struct {
	Campaign  *survey.Campaign
	Campaigns []*survey.Campaign
	Tally     *survey.CampaignTally
	Units     map[string]*survey.Unit
	// Previous is the semester before Campaign, nil when there was none.
	Previous *campaignTally
	// RawExport is set for administrators, who may download every response of the region.
	RawExport bool
}

// regionDashboard is the region dashboard page.
type regionDashboard struct {
	web.Page
	Campaign  *survey.Campaign
	State     string
	Campaigns []campaignOption
	HasScore  bool

	Pooled, PooledPerformance string
	PooledGrade               analytics.Grade
	Mean                      string
	MeanGrade                 analytics.Grade
	Scored, ScoredOf          string
	Grades                    []gradeCountView

	Ranking, HeatMap, GradeChart figureView
	Below                        []belowView
	Previous                     string
	MovesTitle                   string
	Moves                        []moveGroup
	Downloads                    []downloadView
}

type gradeCountView struct {
	Grade       analytics.Grade
	Performance string
	Count       string
}

type belowView struct {
	Name, Href, Respondents, Target, Missing string
}

// moveGroup is the list of the biggest rises, or of the biggest falls.
type moveGroup struct {
	Title string
	Rows  []moveView
}

type moveView struct {
	Name, Href, Before, Now, Change, Significant string
	// Dir is up or down, for the colour of the change.
	Dir   string
	Delta float64
}

// handleRegionDashboard serves GET /dasbor?kampanye=KEY for administrators and viewers: every unit
// of a campaign (the newest by default) ranked, with the region's figures.
func (h *handler) handleRegionDashboard(c *fiber.Ctx) error {
	in, err := h.loadRegionInput(c, c.Query("kampanye"))
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	p.Title = p.T("dash.region.title")
	d, err := buildRegionDashboard(p, in)
	if err != nil {
		return err
	}
	return h.Render(c, fiber.StatusOK, "dashboard_region", d)
}

// loadRegionInput reads what the region dashboard shows for the campaign with the key (the newest
// when ""): its tallies, its units, and the previous semester's tallies.
func (h *handler) loadRegionInput(c *fiber.Ctx, key string) (regionInput, error) {
	ctx := c.UserContext()
	campaigns, err := h.dashboardCampaigns(ctx, "")
	if err != nil {
		return regionInput{}, err
	}
	camp, err := pickCampaign(key, campaigns)
	if err != nil {
		return regionInput{}, err
	}
	in := regionInput{Campaign: camp, Campaigns: campaigns, RawExport: web.Principal(c).IsAdmin()}
	if camp == nil {
		return in, nil
	}
	if in.Tally, err = h.Store.Tally(ctx, camp.Key); err != nil {
		return regionInput{}, err
	}
	if in.Units, err = h.unitsOf(ctx, camp); err != nil {
		return regionInput{}, err
	}
	prevKey, _ := survey.PreviousSemester(camp.Key)
	for _, pc := range campaigns {
		if pc.Key == prevKey {
			t, err := h.Store.Tally(ctx, pc.Key)
			if err != nil {
				return regionInput{}, err
			}
			in.Previous = &campaignTally{Campaign: pc, Tally: t}
		}
	}
	return in, nil
}

// unitsOf returns the units a campaign surveys, by slug.
func (h *handler) unitsOf(ctx context.Context, camp *survey.Campaign) (map[string]*survey.Unit, error) {
	slugs := make([]string, len(camp.Units))
	for i, cu := range camp.Units {
		slugs[i] = cu.Unit
	}
	units, err := h.Store.Units(ctx, survey.UnitFilter{Slugs: slugs})
	if err != nil {
		return nil, err
	}
	out := make(map[string]*survey.Unit, len(units))
	for _, u := range units {
		out[u.Slug] = u
	}
	return out, nil
}

// rollupOf summarises a campaign's units, named in the page's language.
func rollupOf(lang string, camp *survey.Campaign, t *survey.CampaignTally, units map[string]*survey.Unit) analytics.Summary {
	list := make([]analytics.Unit, 0, len(camp.Units))
	for _, cu := range camp.Units {
		name, group := cu.Unit, ""
		if u := units[cu.Unit]; u != nil {
			name, group = u.Name.In(lang), u.OPD
		}
		list = append(list, analytics.Unit{ID: cu.Unit, Name: name, Group: group, Tally: scoreCounts(t, cu.Unit, ""), Population: cu.Population})
	}
	return analytics.Rollup(list)
}

// buildRegionDashboard computes everything the region dashboard shows from the tallies.
func buildRegionDashboard(p web.Page, in regionInput) (*regionDashboard, error) {
	w := reports.WebCharts{Words: p.Printer}
	d := &regionDashboard{Page: p, Campaign: in.Campaign, Campaigns: campaignOptions(p, in.Campaigns, in.Campaign)}
	if in.Campaign == nil {
		return d, nil
	}
	d.State = p.State(in.Campaign.State)
	sum := rollupOf(p.Lang, in.Campaign, in.Tally, in.Units)
	d.HasScore = !sum.Pooled.Empty
	d.Pooled, d.PooledGrade, d.PooledPerformance = w.Score(sum.Pooled), sum.Pooled.Grade, w.Performance(sum.Pooled.Grade)
	if d.HasScore {
		d.Mean, d.MeanGrade = w.Dec(sum.MeanOfUnits, 2), gradeAt(sum.MeanOfUnits)
	}
	scored := 0
	for _, g := range analytics.Grades {
		scored += sum.Grades[g]
		d.Grades = append(d.Grades, gradeCountView{Grade: g, Performance: w.Performance(g), Count: w.Int(int64(sum.Grades[g]))})
	}
	d.Scored = w.Int(int64(scored))
	d.ScoredOf = fmt.Sprintf(p.T("dash.region.units.of"), w.Int(int64(len(sum.Ranking))), w.Int(sum.Pooled.Respondents))

	var err error
	if d.Ranking, err = newFigureView(p, w.UnitRanking(sum), false); err != nil {
		return nil, err
	}
	d.Ranking.Wide = true
	linkRows(&d.Ranking, in.Campaign.Key, 1)
	if d.HeatMap, err = newFigureView(p, w.ElementHeatMap(sum), true); err != nil {
		return nil, err
	}
	linkRows(&d.HeatMap, in.Campaign.Key, 0)
	if d.GradeChart, err = newFigureView(p, w.GradeCounts(sum), false); err != nil {
		return nil, err
	}
	for _, r := range sum.BelowTarget {
		d.Below = append(d.Below, belowView{Name: r.Unit.Name, Href: link.UnitDashboard(r.Unit.ID, in.Campaign.Key),
			Respondents: w.Int(r.Adequacy.Respondents), Target: w.Int(r.Adequacy.Target), Missing: w.Int(r.Adequacy.Target - r.Adequacy.Respondents)})
	}
	d.MovesTitle = p.T("dash.region.moves.plain")
	if in.Previous != nil {
		d.Previous = in.Previous.Campaign.Key
		d.MovesTitle = p.T("dash.region.moves", p.Semester(d.Previous))
		rises, falls := moves(p, w, in, sum)
		d.Moves = []moveGroup{{Title: p.T("dash.region.rises"), Rows: rises}, {Title: p.T("dash.region.falls"), Rows: falls}}
	}
	d.Downloads = []downloadView{{Label: p.T("dash.dl.ranking"), CSV: link.RegionExport(in.Campaign.Key, "ranking.csv"),
		XLSX: link.RegionExport(in.Campaign.Key, "ranking.xlsx")}}
	if in.RawExport {
		d.Downloads = append(d.Downloads, downloadView{Label: p.T("dash.dl.allresponses"), CSV: link.RegionExport(in.Campaign.Key, "responses.csv"),
			XLSX: link.RegionExport(in.Campaign.Key, "responses.xlsx")})
	}
	return d, nil
}

// linkRows links the cell in column col of each row of a figure's table that names a unit to the
// unit's dashboard.
func linkRows(f *figureView, campaign string, col int) {
	for i, row := range f.Lines {
		if i < len(f.Table.RowKeys) && col < len(row) {
			row[col].Href = link.UnitDashboard(f.Table.RowKeys[i], campaign)
		}
	}
}

// moves returns the units whose score rose most, and fell most, since the previous semester.
func moves(p web.Page, w reports.WebCharts, in regionInput, sum analytics.Summary) (rises, falls []moveView) {
	prev := in.Previous
	var all []moveView
	for _, r := range sum.Ranking {
		if _, ok := prev.Campaign.Unit(r.Unit.ID); !ok || r.Result.Empty {
			continue
		}
		before := prev.Campaign.UnitResult(prev.Tally, r.Unit.ID, "")
		steps, err := analytics.Trend([]analytics.Point{before, {Campaign: in.Campaign.Key, Result: r.Result, Interval: r.Interval}})
		if err != nil || len(steps) != 1 || steps[0].From != prev.Campaign.Key {
			continue
		}
		ch := steps[0].Overall
		m := moveView{Name: r.Unit.Name, Href: link.UnitDashboard(r.Unit.ID, in.Campaign.Key), Before: w.Dec(ch.From, 2), Now: w.Dec(ch.To, 2),
			Change: w.Dec(ch.Delta, 2), Significant: p.T("dash.no"), Dir: "down", Delta: ch.Delta}
		if ch.Delta > 0 {
			m.Change, m.Dir = "+"+m.Change, "up"
		}
		if ch.Significant {
			m.Significant = p.T("dash.yes")
		}
		all = append(all, m)
	}
	slices.SortStableFunc(all, func(a, b moveView) int {
		switch {
		case a.Delta > b.Delta:
			return -1
		case a.Delta < b.Delta:
			return 1
		}
		return 0
	})
	for _, m := range all {
		if m.Delta > 0 && len(rises) < movesShown {
			rises = append(rises, m)
		}
	}
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Delta < 0 && len(falls) < movesShown {
			falls = append(falls, all[i])
		}
	}
	return rises, falls
}

// unitListPage lists a unit head's units with their results in the newest campaign.
type unitListPage struct {
	web.Page
	Campaign *survey.Campaign
	Units    []unitListItem
}

type unitListItem struct {
	Name, Href, Score, Respondents string
	Grade                          analytics.Grade
	HasScore                       bool
}

// handleUnitList serves GET /dasbor to a unit head of several units.
func (h *handler) handleUnitList(c *fiber.Ctx, who *survey.Principal) error {
	ctx := c.UserContext()
	campaigns, err := h.dashboardCampaigns(ctx, "")
	if err != nil {
		return err
	}
	camp, err := pickCampaign(c.Query("kampanye"), campaigns)
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	p.Title = p.T("dash.units.title")
	w := reports.WebCharts{Words: p.Printer}
	page := unitListPage{Page: p, Campaign: camp}
	var tally *survey.CampaignTally
	key := ""
	if camp != nil {
		key = camp.Key
		if tally, err = h.Store.Tally(ctx, camp.Key); err != nil {
			return err
		}
	}
	units, err := h.Store.Units(ctx, survey.UnitFilter{Slugs: who.Units})
	if err != nil {
		return err
	}
	for _, u := range units {
		item := unitListItem{Name: u.Name.In(p.Lang), Href: link.UnitDashboard(u.Slug, key)}
		if tally != nil {
			r := analytics.Compute(scoreCounts(tally, u.Slug, ""))
			item.HasScore, item.Score, item.Grade, item.Respondents = !r.Empty, w.Score(r), r.Grade, w.Int(r.Respondents)
		}
		page.Units = append(page.Units, item)
	}
	return h.Render(c, fiber.StatusOK, "dashboard_units", page)
}

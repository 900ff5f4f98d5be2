package dashboard

import (
	"context"
	"html/template"
	"slices"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// campaignOption is an entry of a dashboard's campaign picker: the key it sends, and the period
// and state it shows.
type campaignOption struct {
	Key, Period, State string
	Selected           bool
}

// figureView is a figure as a page shows it: the chart's option JSON for charts.js, and its table.
type figureView struct {
	ID     string
	Title  string
	Note   string
	Option template.JS
	Rows   int
	Table  reports.WebTable
	Lines  [][]cellView
	Foot   []cellView
	// Folded puts the table behind a disclosure labelled Summary; Wide sets the table beside the
	// chart on a wide screen.
	Folded  bool
	Summary string
	Wide    bool
}

// cellView is a table cell as the template writes it, decided here rather than in the template:
// a 200-unit region has thousands of cells, and each template condition costs a reflective call.
type cellView struct {
	Text string
	// Head marks the row's header cell (its first); Num aligns a number right.
	Head, Num bool
	Grade     analytics.Grade
	// Href links the cell's text.
	Href string
}

func cellViews(cells []reports.WebCell) []cellView {
	out := make([]cellView, len(cells))
	for i, c := range cells {
		out[i] = cellView{Text: c.Text, Head: i == 0, Num: c.IsNumber, Grade: c.Grade}
	}
	return out
}

// newFigureView prepares a figure for a page; folded figures show their table behind a disclosure.
func newFigureView(p web.Page, f reports.WebFigure, folded bool) (figureView, error) {
	option, err := f.OptionJSON()
	if err != nil {
		return figureView{}, err
	}
	v := figureView{ID: f.ID, Title: f.Title, Note: f.Note, Option: template.JS(option), Rows: f.Rows, Table: f.Table, Folded: folded,
		Summary: p.T("dash.table") + ": " + f.Table.Caption}
	for _, cells := range f.Table.Rows {
		v.Lines = append(v.Lines, cellViews(cells))
	}
	v.Foot = cellViews(f.Table.Foot)
	return v, nil
}

// dashboardCampaigns returns the campaigns a dashboard can show, newest first: every campaign
// that has opened (a draft has no answers), limited to those surveying the unit when one is named.
func (h *handler) dashboardCampaigns(ctx context.Context, unit string) ([]*survey.Campaign, error) {
	all, err := h.Store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(c *survey.Campaign) bool {
		if c.State == survey.StateDraft {
			return true
		}
		_, in := c.Unit(unit)
		return unit != "" && !in
	}), nil
}

// pickCampaign returns the campaign with the key, or the newest one when key is ""; nil when
// there is none to show.
func pickCampaign(key string, campaigns []*survey.Campaign) (*survey.Campaign, error) {
	if key == "" {
		if len(campaigns) == 0 {
			return nil, nil
		}
		return campaigns[0], nil
	}
	if _, _, err := survey.ParseSemester(key); err != nil {
		return nil, err
	}
	for _, camp := range campaigns {
		if camp.Key == key {
			return camp, nil
		}
	}
	return nil, survey.Errorf(survey.ENOTFOUND, "err.dash.campaign", key)
}

func campaignOptions(p web.Page, campaigns []*survey.Campaign, selected *survey.Campaign) []campaignOption {
	out := make([]campaignOption, len(campaigns))
	for i, camp := range campaigns {
		out[i] = campaignOption{Key: camp.Key, Period: p.Semester(camp.Key), State: p.State(camp.State), Selected: selected != nil && camp.Key == selected.Key}
	}
	return out
}

// handleDashboard serves GET /dasbor: the region's dashboard for administrators and viewers; a
// unit head with one unit goes to its dashboard, one with several gets the list of them.
func (h *handler) handleDashboard(c *fiber.Ctx) error {
	p := web.Principal(c)
	if p.Role == survey.RoleUnitHead {
		if len(p.Units) == 1 {
			return c.Redirect(link.UnitDashboard(p.Units[0], c.Query("kampanye")), fiber.StatusSeeOther)
		}
		return h.handleUnitList(c, p)
	}
	if p.Role != survey.RoleAdmin && p.Role != survey.RoleViewer {
		return web.Forbidden()
	}
	return h.handleRegionDashboard(c)
}

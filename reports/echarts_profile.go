package reports

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// webProfiles are the respondent profile breakdowns, in the order the questionnaire asks them.
var webProfiles = []struct {
	id, title string
	order     []string
	of        func(c *survey.Counts) map[string]int64
}{
	{"gender", "chart.profile.gender", analytics.Genders, func(c *survey.Counts) map[string]int64 { return c.Gender }},
	{"age", "chart.profile.age", analytics.AgeBands, func(c *survey.Counts) map[string]int64 { return c.AgeBand }},
	{"education", "chart.profile.education", analytics.Educations, func(c *survey.Counts) map[string]int64 { return c.Education }},
	{"occupation", "chart.profile.occupation", analytics.Occupations, func(c *survey.Counts) map[string]int64 { return c.Occupation }},
	{"channel", "term.channel", analytics.Channels, func(c *survey.Counts) map[string]int64 { return c.Channel }},
}

// ProfileBreakdowns returns a bar chart per respondent profile question (gender, age band,
// education, occupation, channel). Small counts are suppressed as analytics.Breakdown decides: the
// bar is left out and the table shows "<5".
func (w WebCharts) ProfileBreakdowns(c *survey.Counts) []WebFigure {
	out := make([]WebFigure, 0, len(webProfiles))
	for _, p := range webProfiles {
		out = append(out, w.profileFigure(p.id, w.T(p.title), analytics.Breakdown(p.of(c), p.order), c.Respondents))
	}
	return out
}

func (w WebCharts) profileFigure(dim, title string, cells []analytics.Cell, respondents int64) WebFigure {
	id := "profile-" + dim
	suppressed := 0
	for _, cell := range cells {
		if cell.Suppressed {
			suppressed++
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(w.webOptions(id, title)...)
	x := webXAxis(w.T("chart.axis.respondents"), 26)
	x.Type, x.MinInterval = "value", 1
	x.SplitLine = &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: webGridLine}}
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(x),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Color: webInk}}),
		charts.WithGridOpts(opts.Grid{Left: "16", Right: "84", Top: "40", Bottom: "36", ContainLabel: opts.Bool(true)}),
	)
	bar.Accept(webVisitor{})
	labels := make([]string, len(cells))
	items := make([]webItem, len(cells))
	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.T("chart.col.category")},
		{Label: w.T("chart.col.respondents"), Numeric: true}, {Label: w.T("chart.col.share"), Numeric: true}}}
	for i, cell := range cells {
		labels[i] = w.Category(dim, cell.Key)
		items[i] = webItem{Name: labels[i], Value: nil}
		if cell.Suppressed {
			table.Rows = append(table.Rows, []WebCell{webTextCell(labels[i]), webTextCell(cell.Display()), webTextCell("–")})
			continue
		}
		items[i].Value = cell.Count
		items[i].Label = &opts.Label{Show: opts.Bool(true), Position: "right", Color: webInk, FontSize: 11,
			Formatter: w.Int(cell.Count) + " (" + w.Percent(cell.Share) + ")"}
		items[i].Tooltip = &webItemTip{Formatter: webTip(title+": "+labels[i],
			w.T("chart.tip.respondents", w.Int(cell.Count))+" ("+w.Percent(cell.Share)+")")}
		table.Rows = append(table.Rows, []WebCell{webTextCell(labels[i]), w.countCell(cell.Count), w.numberCell(cell.Share, 1)})
	}
	// Every respondent falls in one category (a blank answer in "not stated"), so the total is the
	// respondents; a single suppressed cell means no other category could hide it, and the total
	// would reveal it.
	if suppressed != 1 {
		table.Foot = []WebCell{webTextCell(w.T("chart.row.total")), w.countCell(respondents), webTextCell("")}
	}
	if suppressed > 0 {
		table.Note = w.T("chart.profile.suppressed")
	}
	bar.SetXAxis(labels).XYReversal()
	bar.MultiSeries = append(bar.MultiSeries, charts.SingleSeries{Name: title, Type: types.ChartBar, Data: items,
		BarMaxWidth: "28", ItemStyle: &opts.ItemStyle{Color: webBarBlue}})
	return WebFigure{ID: id, Title: title, Chart: bar, Table: table}
}

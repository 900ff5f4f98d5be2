package reports

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// webProfiles are the respondent profile breakdowns, in the order the questionnaire asks them.
var webProfiles = []struct {
	id    string
	order []string
	of    func(c *survey.Counts) map[string]int64
}{
	{"gender", analytics.Genders, func(c *survey.Counts) map[string]int64 { return c.Gender }},
	{"age", analytics.AgeBands, func(c *survey.Counts) map[string]int64 { return c.AgeBand }},
	{"education", analytics.Educations, func(c *survey.Counts) map[string]int64 { return c.Education }},
	{"occupation", analytics.Occupations, func(c *survey.Counts) map[string]int64 { return c.Occupation }},
	{"channel", analytics.Channels, func(c *survey.Counts) map[string]int64 { return c.Channel }},
}

// ProfileBreakdowns returns a bar chart per respondent profile question (gender, age band,
// education, occupation, channel). Small counts are suppressed as analytics.Breakdown decides: the
// bar is left out and the table shows "<5".
func (w WebCharts) ProfileBreakdowns(c *survey.Counts) []WebFigure {
	out := make([]WebFigure, 0, len(webProfiles))
	for _, p := range webProfiles {
		out = append(out, w.profileFigure(p.id, analytics.Breakdown(p.of(c), p.order), c.Respondents))
	}
	return out
}

func (w WebCharts) profileFigure(dim string, cells []analytics.Cell, respondents int64) WebFigure {
	id := "profile-" + dim
	title := w.text("profile." + dim)
	suppressed := 0
	for _, cell := range cells {
		if cell.Suppressed {
			suppressed++
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(w.webOptions(id, title)...)
	x := webXAxis(w.text("axis.respondents"), 26)
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
	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.text("col.category")},
		{Label: w.text("col.respondents"), Numeric: true}, {Label: w.text("col.share"), Numeric: true}}}
	for i, cell := range cells {
		labels[i] = w.categoryLabel(dim, cell.Key)
		items[i] = webItem{Name: labels[i], Value: nil}
		if cell.Suppressed {
			table.Rows = append(table.Rows, []WebCell{webTextCell(labels[i]), webTextCell(cell.Display()), webTextCell("–")})
			continue
		}
		items[i].Value = cell.Count
		items[i].Label = &opts.Label{Show: opts.Bool(true), Position: "right", Color: webInk, FontSize: 11,
			Formatter: w.Count(cell.Count) + " (" + w.Percent(cell.Share) + ")"}
		items[i].Tooltip = &webItemTip{Formatter: webTip(title+": "+labels[i],
			fmt.Sprintf(w.text("tip.respondents"), w.Count(cell.Count))+" ("+w.Percent(cell.Share)+")")}
		table.Rows = append(table.Rows, []WebCell{webTextCell(labels[i]), w.countCell(cell.Count), w.numberCell(cell.Share, 1)})
	}
	// Every respondent falls in one category (a blank answer in "not stated"), so the total is the
	// respondents; a single suppressed cell means no other category could hide it, and the total
	// would reveal it.
	if suppressed != 1 {
		table.Foot = []WebCell{webTextCell(w.text("row.total")), w.countCell(respondents), webTextCell("")}
	}
	if suppressed > 0 {
		table.Note = w.text("profile.suppressed")
	}
	bar.SetXAxis(labels).XYReversal()
	bar.MultiSeries = append(bar.MultiSeries, charts.SingleSeries{Name: title, Type: types.ChartBar, Data: items,
		BarMaxWidth: "28", ItemStyle: &opts.ItemStyle{Color: webBarBlue}})
	return WebFigure{ID: id, Title: title, Chart: bar, Table: table}
}

// categoryLabel names a profile category in the builder's language.
func (w WebCharts) categoryLabel(dim, key string) string {
	switch {
	case key == survey.NotStated:
		return w.text("category.unstated")
	case dim == "gender" || dim == "channel":
		return w.text(dim + "." + key)
	case key == "Lainnya":
		return w.text("category.other")
	}
	return key
}

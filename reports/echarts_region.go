package reports

import (
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/skm-engine/skm/analytics"
)

// webUnitLabelWidth bounds a unit's name on a category axis; longer names are cut with an ellipsis
// (the table beside the chart has them whole).
const (
	webUnitLabelWidth      = 150
	webUnitLabelWidthPhone = 84
)

// webScored returns the ranked units that have a score, in ranking order.
func webScored(s analytics.Summary) []analytics.Ranked {
	var out []analytics.Ranked
	for _, r := range s.Ranking {
		if r.Rank > 0 {
			out = append(out, r)
		}
	}
	return out
}

// UnitRanking is a horizontal bar per unit, best first, over the grade bands; each bar is coloured
// and labelled with its grade. Its table lists every unit, those without responses last.
func (w WebCharts) UnitRanking(s analytics.Summary) WebFigure {
	const id = "ranking"
	title := w.T("chart.ranking.title")
	scored := webScored(s)
	bar := charts.NewBar()
	bar.SetGlobalOptions(w.webOptions(id, title)...)
	x := webXAxis(w.T("chart.axis.score"), 26)
	x.Type, x.Min, x.Max, x.MinInterval, x.MaxInterval = "value", 25, 100, 25, 25
	x.SplitLine = &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: webGridLine}}
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(x),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Color: webInk, Width: webUnitLabelWidth, Overflow: "truncate", Interval: "0"}}),
		charts.WithGridOpts(opts.Grid{Left: "16", Right: "64", Top: "64", Bottom: "40", ContainLabel: opts.Bool(true)}),
	)
	bar.Accept(webVisitor{media: []webMedia{webOnPhone(map[string]any{
		"yAxis": []map[string]any{{"axisLabel": map[string]any{"width": webUnitLabelWidthPhone, "fontSize": 10}}},
	})}})
	names := make([]string, len(scored))
	items := make([]webItem, len(scored))
	for i, r := range scored {
		names[i] = r.Unit.Name
		color := webGradeColor(r.Result.Grade)
		items[i] = webItem{Name: r.Unit.Name, Value: r.Result.Score,
			ItemStyle: &opts.ItemStyle{Color: color, BorderColor: webInk, BorderWidth: 1},
			Label: &opts.Label{Show: opts.Bool(true), Position: "right", Color: webInk, FontSize: 11,
				Formatter: w.Dec(r.Result.Score, 2) + " " + string(r.Result.Grade)},
			Tooltip: &webItemTip{Formatter: webTip(strconv.Itoa(r.Rank)+". "+r.Unit.Name,
				w.Dec(r.Result.Score, 2)+" ("+string(r.Result.Grade)+", "+w.Performance(r.Result.Grade)+")",
				w.T("chart.col.interval")+": "+w.Interval(r.Interval),
				w.respondents(r.Adequacy))}}
	}
	bar.SetXAxis(names).XYReversal()
	series := charts.SingleSeries{Name: title, Type: types.ChartBar, Data: items, BarMaxWidth: "18"}
	series.MarkAreas = webGradeBands("xAxis")
	bar.MultiSeries = append(bar.MultiSeries, series)

	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.T("chart.col.rank"), Numeric: true}, {Label: w.T("chart.col.unit")},
		{Label: w.T("chart.col.score"), Numeric: true}, {Label: w.T("chart.col.grade")}, {Label: w.T("chart.col.interval")},
		{Label: w.T("chart.col.respondents"), Numeric: true}, {Label: w.T("chart.col.target"), Numeric: true}}}
	for _, r := range s.Ranking {
		rank := webTextCell("–")
		if r.Rank > 0 {
			rank = w.countCell(int64(r.Rank))
		}
		target := webTextCell("–")
		if r.Adequacy.Target > 0 {
			target = w.countCell(r.Adequacy.Target)
		}
		iv := webTextCell("–")
		if !r.Result.Empty {
			iv = webTextCell(w.Interval(r.Interval))
		}
		table.Rows = append(table.Rows, []WebCell{rank, webTextCell(r.Unit.Name), w.scoreCell(r.Result), webGradeCell(r.Result.Grade),
			iv, w.countCell(r.Result.Respondents), target})
		table.RowKeys = append(table.RowKeys, r.Unit.ID)
	}
	return WebFigure{ID: id, Title: title, Note: w.T("chart.ranking.subtitle"), Chart: bar, Table: table, Rows: len(scored)}
}

// respondents describes the sample: "120 respondents (target 278)", or just the count when the
// population, and so the target, is unknown.
func (w WebCharts) respondents(a analytics.Adequacy) string {
	if a.Target > 0 {
		return w.T("chart.tip.target", w.Int(a.Respondents), w.Int(a.Target))
	}
	return w.T("chart.tip.respondents", w.Int(a.Respondents))
}

// webPiece is one band of the heat map's piecewise colour scale; go-echarts' Piece has no label.
type webPiece struct {
	Gte   float64 `json:"gte"`
	Lt    float64 `json:"lt,omitempty"`
	Lte   float64 `json:"lte,omitempty"`
	Label string  `json:"label"`
	Color string  `json:"color"`
}

// ElementHeatMap is a grid of the units (in ranking order) by the nine elements, each cell coloured
// by the element's grade and labelled with its score.
func (w WebCharts) ElementHeatMap(s analytics.Summary) WebFigure {
	const id = "heatmap"
	title := w.T("chart.heat.title")
	scored := webScored(s)
	names := make([]string, len(scored))
	for i, r := range scored {
		names[i] = r.Unit.Name
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(w.webOptions(id, title)...)
	x := webXAxis(w.T("chart.axis.element"), 24)
	x.Type, x.Data, x.Position = "category", analytics.ElementCodes[:], "top"
	x.AxisLabel.Interval = "0"
	hm.SetGlobalOptions(
		charts.WithXAxisOpts(x),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Color: webInk, Width: webUnitLabelWidth, Overflow: "truncate", Interval: "0"}}),
		charts.WithGridOpts(opts.Grid{Left: "16", Right: "16", Top: "76", Bottom: "48", ContainLabel: opts.Bool(true)}),
	)
	pieces := []webPiece{
		{Gte: 88.31, Lte: 100, Label: "A ≥ " + w.Dec(88.31, 2), Color: webGradeColor(analytics.GradeA)},
		{Gte: 76.61, Lt: 88.31, Label: "B " + w.Dec(76.61, 2) + "–" + w.Dec(88.30, 2), Color: webGradeColor(analytics.GradeB)},
		{Gte: 65, Lt: 76.61, Label: "C " + w.Dec(65, 2) + "–" + w.Dec(76.60, 2), Color: webGradeColor(analytics.GradeC)},
		{Gte: 25, Lt: 65, Label: "D < " + w.Dec(65, 2), Color: webGradeColor(analytics.GradeD)},
	}
	short := make([]webPiece, len(pieces))
	for i, p := range pieces {
		short[i] = p
		short[i].Label = string(analytics.Grades[i])
	}
	// On a phone the cells are too narrow for their scores, which the colour and the table tell,
	// and the legend has room for the grade letters only.
	hm.Accept(webVisitor{extra: map[string]any{"visualMap": []map[string]any{{
		"type": "piecewise", "dimension": 2, "pieces": pieces, "orient": "horizontal", "left": "center", "bottom": 0,
		"textStyle": map[string]string{"color": webInk}, "itemGap": 12,
	}}}, media: []webMedia{webOnPhone(map[string]any{
		"yAxis":     []map[string]any{{"axisLabel": map[string]any{"width": webUnitLabelWidthPhone, "fontSize": 10}}},
		"series":    []map[string]any{{"label": map[string]any{"show": false}}},
		"visualMap": []map[string]any{{"pieces": short}},
	})}})
	var items []webItem
	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.T("chart.col.unit")}}}
	for _, code := range analytics.ElementCodes {
		table.Columns = append(table.Columns, WebColumn{Label: code, Numeric: true})
	}
	table.Columns = append(table.Columns, WebColumn{Label: w.T("chart.row.ikm"), Numeric: true})
	for y, r := range scored {
		row := []WebCell{webTextCell(r.Unit.Name)}
		for x, e := range r.Result.Elements {
			row = append(row, w.elementScoreCell(e))
			if e.Answered == 0 {
				continue
			}
			fill := webGradeColor(e.Grade)
			items = append(items, webItem{Value: []any{x, y, e.Score},
				Label: &opts.Label{Color: webOnColor(fill), Formatter: w.Dec(e.Score, 1)},
				Tooltip: &webItemTip{Formatter: webTip(r.Unit.Name, e.Code+" "+elementName(w, e.Code),
					w.Dec(e.Score, 2)+" ("+string(e.Grade)+", "+w.Performance(e.Grade)+")")}})
		}
		table.Rows = append(table.Rows, append(row, w.scoreCell(r.Result)))
		table.RowKeys = append(table.RowKeys, r.Unit.ID)
	}
	hm.MultiSeries = append(hm.MultiSeries, charts.SingleSeries{Name: title, Type: types.ChartHeatMap, Data: items,
		ItemStyle: &opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 1}, Label: &opts.Label{Show: opts.Bool(true), FontSize: 10}})
	return WebFigure{ID: id, Title: title, Note: w.T("chart.heat.subtitle"), Chart: hm, Table: table, Rows: len(scored)}
}

// GradeCounts is a bar per grade of the number of scored units.
func (w WebCharts) GradeCounts(s analytics.Summary) WebFigure {
	const id = "grades"
	title := w.T("chart.grades.title")
	ranges := map[analytics.Grade]string{
		analytics.GradeA: w.Dec(88.31, 2) + "–" + w.Dec(100, 2),
		analytics.GradeB: w.Dec(76.61, 2) + "–" + w.Dec(88.30, 2),
		analytics.GradeC: w.Dec(65, 2) + "–" + w.Dec(76.60, 2),
		analytics.GradeD: w.Dec(25, 2) + "–" + w.Dec(64.99, 2),
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(w.webOptions(id, title)...)
	y := webYAxis(w.T("chart.axis.units"), 32)
	y.MinInterval = 1
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(webXAxis(w.T("chart.axis.grade"), 28)),
		charts.WithYAxisOpts(y),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "24", Top: "56", Bottom: "36", ContainLabel: opts.Bool(true)}),
	)
	bar.Accept(webVisitor{})
	labels := make([]string, len(analytics.Grades))
	items := make([]webItem, len(analytics.Grades))
	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.T("chart.col.grade")}, {Label: w.T("chart.col.performance")},
		{Label: w.T("chart.col.range")}, {Label: w.T("chart.col.units"), Numeric: true}}}
	for i, g := range analytics.Grades {
		n := int64(s.Grades[g])
		labels[i] = string(g)
		items[i] = webItem{Name: string(g), Value: n,
			ItemStyle: &opts.ItemStyle{Color: webGradeColor(g), BorderColor: webInk, BorderWidth: 1},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "top", Color: webInk, Formatter: w.Int(n)},
			Tooltip: &webItemTip{Formatter: webTip(string(g)+" · "+w.Performance(g), ranges[g],
				w.T("chart.tip.units", w.Int(n)))}}
		table.Rows = append(table.Rows, []WebCell{webGradeCell(g), webTextCell(w.Performance(g)), webTextCell(ranges[g]), w.countCell(n)})
	}
	bar.SetXAxis(labels)
	bar.MultiSeries = append(bar.MultiSeries, charts.SingleSeries{Name: title, Type: types.ChartBar, Data: items, BarMaxWidth: "56"})
	return WebFigure{ID: id, Title: title, Note: w.T("chart.grades.subtitle"), Chart: bar, Table: table}
}

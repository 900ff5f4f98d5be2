package reports

import (
	"maps"
	"slices"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// webScoreAxis is the 25–100 score axis, ticked at the quarter points.
func (w WebCharts) webScoreAxis() opts.YAxis {
	y := webYAxis(w.T("chart.axis.score"), 36)
	y.Min, y.Max, y.MinInterval, y.MaxInterval = 25, 100, 25, 25
	return y
}

// ElementScores is a bar chart of the nine element scores over the grade bands, with the unit's
// score as a dashed line; each bar is coloured and labelled with its grade.
func (w WebCharts) ElementScores(r analytics.Result) WebFigure {
	const id = "elements"
	title := w.T("chart.elements.title")
	bar := charts.NewBar()
	bar.SetGlobalOptions(w.webOptions(id, title)...)
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(webXAxis(w.T("chart.axis.element"), 28)),
		charts.WithYAxisOpts(w.webScoreAxis()),
		charts.WithGridOpts(opts.Grid{Left: "36", Right: "32", Top: "56", Bottom: "36", ContainLabel: opts.Bool(true)}),
	)
	bar.Accept(webVisitor{})
	items := make([]webItem, len(r.Elements))
	for i, e := range r.Elements {
		items[i] = webItem{Name: e.Code, Value: nil}
		if e.Answered == 0 {
			continue
		}
		color := webGradeColor(e.Grade)
		items[i].Value = e.Score
		items[i].ItemStyle = &opts.ItemStyle{Color: color, BorderColor: webInk, BorderWidth: 1}
		items[i].Label = &opts.Label{Show: opts.Bool(true), Position: "top", Color: webInk, FontSize: 11,
			Formatter: w.Dec(e.Score, 2) + " " + string(e.Grade)}
		items[i].Tooltip = &webItemTip{Formatter: webTip(e.Code+" · "+elementName(w, e.Code),
			w.T("chart.col.score")+": "+w.Dec(e.Score, 2)+" ("+string(e.Grade)+", "+w.Performance(e.Grade)+")",
			w.T("chart.tip.nrr", w.Dec(e.NRR, 3))+" · "+w.T("chart.tip.answers", w.Int(e.Answered)))}
	}
	series := charts.SingleSeries{Name: title, Type: types.ChartBar, Data: items, BarMaxWidth: "44"}
	// On a phone the bars' labels would collide; ECharts then drops some, and the table has all.
	series.LabelLayout = &opts.LabelLayout{HideOverlap: opts.Bool(true)}
	series.MarkAreas = webGradeBands("yAxis")
	if !r.Empty {
		series.MarkLines = &opts.MarkLines{
			Data: []any{opts.MarkLineNameYAxisItem{Name: w.T("chart.row.ikm"), YAxis: r.Score}},
			MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(false)},
				LineStyle: &opts.LineStyle{Color: webInk, Type: "dashed", Width: 1.5}},
		}
	}
	bar.SetXAxis(analytics.ElementCodes[:])
	bar.MultiSeries = append(bar.MultiSeries, series)
	note := w.T("chart.elements.subtitle")
	if !r.Empty {
		note += " (" + w.Dec(r.Score, 2) + ")"
	}
	return WebFigure{ID: id, Title: title, Note: note, Chart: bar, Table: w.elementTable(r)}
}

func (w WebCharts) elementTable(r analytics.Result) WebTable {
	t := WebTable{Caption: w.T("chart.elements.title"), Columns: []WebColumn{
		{Label: w.T("chart.col.code")}, {Label: w.T("chart.col.element")}, {Label: w.T("chart.col.answered"), Numeric: true},
		{Label: w.T("chart.col.nrr"), Numeric: true}, {Label: w.T("chart.col.weighted"), Numeric: true},
		{Label: w.T("chart.col.score"), Numeric: true}, {Label: w.T("chart.col.grade")},
	}}
	for _, e := range r.Elements {
		row := []WebCell{webTextCell(e.Code), webTextCell(elementName(w, e.Code)), w.countCell(e.Answered)}
		if e.Answered == 0 {
			row = append(row, webTextCell("–"), webTextCell("–"), webTextCell("–"), webGradeCell(""))
		} else {
			row = append(row, w.numberCell(e.NRR, 3), w.numberCell(e.WeightedNRR, 3), w.numberCell(e.Score, 2), webGradeCell(e.Grade))
		}
		t.Rows = append(t.Rows, row)
	}
	t.Foot = []WebCell{webTextCell(w.T("chart.row.ikm")), webTextCell(w.Performance(r.Grade)), w.countCell(r.Respondents)}
	if r.Empty {
		t.Foot = append(t.Foot, webTextCell("–"), webTextCell("–"), webTextCell("–"), webGradeCell(""))
	} else {
		t.Foot = append(t.Foot, w.numberCell(r.IKM, 3), webTextCell(""), w.numberCell(r.Score, 2), webGradeCell(r.Grade))
	}
	return t
}

// webAnswerWords returns the four answers of an element in the questionnaire version, or in the
// regulation's sample questionnaire when the version does not ask it.
func webAnswerWords(q *survey.Questionnaire, code string) [4]survey.Text {
	if q != nil {
		if qu, ok := q.Question(code); ok {
			return qu.Answers
		}
	}
	for _, qu := range survey.StandardQuestions {
		if qu.Element == code {
			return qu.Answers
		}
	}
	return [4]survey.Text{}
}

// AnswerDistribution is a 100% stacked bar per element of the answers scored 1 to 4; each segment's
// tooltip gives that element's own answer wording from the questionnaire version q.
func (w WebCharts) AnswerDistribution(t analytics.Tally, q *survey.Questionnaire) WebFigure {
	const id = "distribution"
	title := w.T("chart.dist.title")
	bar := charts.NewBar()
	bar.SetGlobalOptions(w.webOptions(id, title)...)
	x := webXAxis(w.T("chart.axis.share"), 30)
	x.Type, x.Min, x.Max = "value", 0, 100
	x.SplitLine = &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: webGridLine}}
	y := opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Color: webInk}}
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(x), charts.WithYAxisOpts(y),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", TextStyle: &opts.TextStyle{Color: webInk}}),
		charts.WithGridOpts(opts.Grid{Left: "16", Right: "24", Top: "44", Bottom: "64", ContainLabel: opts.Bool(true)}),
	)
	bar.Accept(webVisitor{})
	bar.SetXAxis(analytics.ElementCodes[:]).XYReversal()
	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.T("chart.col.code")}, {Label: w.T("chart.col.element")}}}
	for s := range 4 {
		table.Columns = append(table.Columns, WebColumn{Label: w.T("chart.dist.score", s+1), Numeric: true})
	}
	table.Columns = append(table.Columns, WebColumn{Label: w.T("chart.col.answered"), Numeric: true})
	for i, code := range analytics.ElementCodes {
		d := t.Elements[i]
		words := webAnswerWords(q, code)
		row := []WebCell{webTextCell(code), webTextCell(elementName(w, code))}
		for s := range 4 {
			cell := w.countCell(d[s])
			if d.Answered() > 0 {
				cell.Text += " (" + w.Percent(webShare(d[s], d.Answered())) + ")"
			}
			cell.Text += " · " + w.In(words[s])
			row = append(row, cell)
		}
		table.Rows = append(table.Rows, append(row, w.countCell(d.Answered())))
	}
	for s := range 4 {
		name := w.T("chart.dist.score", s+1)
		color := webScoreColors[s]
		items := make([]webItem, len(analytics.ElementCodes))
		for i, code := range analytics.ElementCodes {
			d := t.Elements[i]
			items[i] = webItem{Name: code, Value: nil}
			if d.Answered() == 0 {
				continue
			}
			share := webShare(d[s], d.Answered())
			items[i].Value = share
			items[i].Label = &opts.Label{Show: opts.Bool(share >= 8), Color: webOnColor(color), FontSize: 11, Formatter: w.Dec(share, 0) + "%"}
			items[i].Tooltip = &webItemTip{Formatter: webTip(code+" · "+elementName(w, code),
				name+" = "+w.In(webAnswerWords(q, code)[s]),
				w.T("chart.dist.of", w.Int(d[s]), w.Int(d.Answered()), w.Percent(share)))}
		}
		bar.MultiSeries = append(bar.MultiSeries, charts.SingleSeries{Name: name, Type: types.ChartBar, Stack: "answers",
			Data: items, ItemStyle: &opts.ItemStyle{Color: color, BorderColor: "#ffffff", BorderWidth: 1}})
	}
	return WebFigure{ID: id, Title: title, Note: w.T("chart.dist.subtitle"), Chart: bar, Table: table}
}

// webShare returns part/whole as a percentage rounded to one decimal.
func webShare(part, whole int64) float64 {
	if whole <= 0 {
		return 0
	}
	return float64(part*1000/whole+(part*1000%whole*2)/whole) / 10
}

// ElementRadar draws the unit's nine element scores against the region's.
func (w WebCharts) ElementRadar(unitName string, unit, region analytics.Result) WebFigure {
	const id = "radar"
	title := w.T("chart.radar.title")
	regionName := w.T("chart.col.region")
	indicators := make([]*opts.Indicator, len(analytics.ElementCodes))
	for i, code := range analytics.ElementCodes {
		indicators[i] = &opts.Indicator{Name: code, Min: 25, Max: 100}
	}
	radar := charts.NewRadar()
	radar.SetGlobalOptions(w.webOptions(id, title)...)
	radar.SetGlobalOptions(
		charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: indicators, Shape: "polygon", SplitNumber: 3,
			Center: []string{"50%", "54%"}, AxisName: &opts.AxisName{Color: webInk},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: webGridLine}}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", TextStyle: &opts.TextStyle{Color: webInk}}),
	)
	radar.Accept(webVisitor{extra: map[string]any{"radar": webRadarLayout{RadarComponent: radar.RadarComponent, Radius: "62%"}}})
	for i, s := range []struct {
		name  string
		r     analytics.Result
		color string
		dash  string
	}{{unitName, unit, webBarBlue, "solid"}, {regionName, region, webCompare, "dashed"}} {
		values := make([]any, len(analytics.ElementCodes))
		lines := []string{s.name}
		for j, e := range s.r.Elements {
			values[j] = webValue(e.Score, e.Answered > 0)
			if e.Answered > 0 {
				lines = append(lines, e.Code+" "+elementName(w, e.Code)+": "+w.Dec(e.Score, 2))
			}
		}
		series := charts.SingleSeries{Name: s.name, Type: types.ChartRadar, Symbol: webSymbols[i], SymbolSize: 6,
			Data: []webItem{{Name: s.name, Value: values, Tooltip: &webItemTip{Formatter: webTip(lines...)}}}}
		series.ConfigureSeriesOpts(
			charts.WithLineStyleOpts(opts.LineStyle{Color: s.color, Width: 2, Type: s.dash}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: s.color}))
		if i == 0 {
			series.ConfigureSeriesOpts(charts.WithAreaStyleOpts(opts.AreaStyle{Color: s.color, Opacity: opts.Float(0.12)}))
		}
		radar.MultiSeries = append(radar.MultiSeries, series)
	}
	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.T("chart.col.code")}, {Label: w.T("chart.col.element")},
		{Label: unitName, Numeric: true}, {Label: regionName, Numeric: true}, {Label: w.T("chart.col.difference"), Numeric: true}}}
	for i, code := range analytics.ElementCodes {
		u, g := unit.Elements[i], region.Elements[i]
		row := []WebCell{webTextCell(code), webTextCell(elementName(w, code)), w.elementScoreCell(u), w.elementScoreCell(g)}
		if u.Answered > 0 && g.Answered > 0 {
			d := float64(u.ScoreHundredths-g.ScoreHundredths) / 100
			cell := w.numberCell(d, 2)
			if d > 0 {
				cell.Text = "+" + cell.Text
			}
			row = append(row, cell)
		} else {
			row = append(row, webTextCell("–"))
		}
		table.Rows = append(table.Rows, row)
	}
	return WebFigure{ID: id, Title: title, Note: w.T("chart.radar.subtitle"), Chart: radar, Table: table}
}

// webRadarLayout adds the radius go-echarts' radar component has no field for.
type webRadarLayout struct {
	opts.RadarComponent
	Radius string `json:"radius"`
}

func (w WebCharts) elementScoreCell(e analytics.ElementResult) WebCell {
	if e.Answered == 0 {
		return webTextCell("–")
	}
	return w.numberCell(e.Score, 2)
}

// ScoreTrend draws the score and each element's score over the given campaigns, oldest first; a
// campaign without responses leaves a gap.
func (w WebCharts) ScoreTrend(points []analytics.Point) WebFigure {
	const id = "trend"
	title := w.T("chart.trend.title")
	line := charts.NewLine()
	line.SetGlobalOptions(w.webOptions(id, title)...)
	y := webYAxis(w.T("chart.axis.score"), 40)
	y.Scale = opts.Bool(true)
	line.SetGlobalOptions(
		charts.WithXAxisOpts(webXAxis(w.T("chart.axis.semester"), 28)),
		charts.WithYAxisOpts(y),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0", TextStyle: &opts.TextStyle{Color: webInk}}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "32", Top: "56", Bottom: "72", ContainLabel: opts.Bool(true)}),
	)
	line.Accept(webVisitor{})
	periods := make([]string, len(points))
	for i, p := range points {
		periods[i] = w.Semester(p.Campaign)
	}
	line.SetXAxis(periods)
	ikm := make([]webItem, len(points))
	for i, p := range points {
		ikm[i] = webItem{Name: periods[i], Value: webValue(p.Result.Score, !p.Result.Empty)}
		if !p.Result.Empty {
			ikm[i].Label = &opts.Label{Show: opts.Bool(true), Position: "top", Color: webInk, FontWeight: "bold", Formatter: w.Dec(p.Result.Score, 2)}
			ikm[i].Tooltip = &webItemTip{Formatter: webTip(periods[i]+" · "+w.T("chart.row.ikm"),
				w.Dec(p.Result.Score, 2)+" ("+string(p.Result.Grade)+", "+w.Performance(p.Result.Grade)+")",
				w.T("chart.col.interval")+": "+w.Interval(p.Interval),
				w.T("chart.tip.respondents", w.Int(p.Result.Respondents)))}
		}
	}
	main := charts.SingleSeries{Name: w.T("chart.row.ikm"), Type: types.ChartLine, Data: ikm, Symbol: "circle", SymbolSize: 9, ConnectNulls: opts.Bool(false)}
	main.ConfigureSeriesOpts(charts.WithLineStyleOpts(opts.LineStyle{Color: webInk, Width: 3}), charts.WithItemStyleOpts(opts.ItemStyle{Color: webInk}))
	line.MultiSeries = append(line.MultiSeries, main)
	for e, code := range analytics.ElementCodes {
		items := make([]webItem, len(points))
		for i, p := range points {
			r := p.Result.Elements[e]
			items[i] = webItem{Name: periods[i], Value: webValue(r.Score, r.Answered > 0)}
			if r.Answered > 0 {
				items[i].Tooltip = &webItemTip{Formatter: webTip(periods[i]+" · "+code+" "+elementName(w, code),
					w.Dec(r.Score, 2)+" ("+string(r.Grade)+")")}
			}
		}
		color := webSeriesColors[e%len(webSeriesColors)]
		// Colours repeat after seven lines; dashes and symbols keep every line apart, also in grey.
		dash := [2]string{"solid", "dashed"}[e%2]
		if e >= len(webSeriesColors) {
			dash = "dotted"
		}
		s := charts.SingleSeries{Name: code, Type: types.ChartLine, Data: items, Symbol: webSymbols[e], SymbolSize: 6}
		s.ConfigureSeriesOpts(charts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: 1.5, Type: dash}), charts.WithItemStyleOpts(opts.ItemStyle{Color: color}))
		line.MultiSeries = append(line.MultiSeries, s)
	}
	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.T("chart.col.semester")}, {Label: w.T("chart.col.respondents"), Numeric: true},
		{Label: w.T("chart.row.ikm"), Numeric: true}, {Label: w.T("chart.col.grade")}}}
	for _, code := range analytics.ElementCodes {
		table.Columns = append(table.Columns, WebColumn{Label: code, Numeric: true})
	}
	for i, p := range points {
		row := []WebCell{webTextCell(periods[i]), w.countCell(p.Result.Respondents), w.scoreCell(p.Result), webGradeCell(p.Result.Grade)}
		for _, e := range p.Result.Elements {
			row = append(row, w.elementScoreCell(e))
		}
		table.Rows = append(table.Rows, row)
	}
	return WebFigure{ID: id, Title: title, Note: w.T("chart.trend.subtitle"), Chart: line, Table: table}
}

// webMaxDays bounds the days a daily chart fills in; more means corrupt day keys, which are then
// drawn as they come rather than expanded.
const webMaxDays = 400

// DailyResponses is a bar chart of responses per day, days without responses between the first and
// the last shown as zero.
func (w WebCharts) DailyResponses(days map[string]int64) WebFigure {
	const id = "daily"
	title := w.T("chart.daily.title")
	keys := slices.Sorted(maps.Keys(days))
	if len(keys) > 1 {
		first, err1 := time.Parse(time.DateOnly, keys[0])
		last, err2 := time.Parse(time.DateOnly, keys[len(keys)-1])
		if err1 == nil && err2 == nil && last.Sub(first) < webMaxDays*24*time.Hour {
			keys = keys[:0]
			for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
				keys = append(keys, d.Format(time.DateOnly))
			}
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(w.webOptions(id, title)...)
	y := webYAxis(w.T("chart.axis.respondents"), 40)
	y.MinInterval = 1
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(webXAxis(w.T("chart.axis.day"), 28)),
		charts.WithYAxisOpts(y),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "24", Top: "48", Bottom: "36", ContainLabel: opts.Bool(true)}),
	)
	bar.Accept(webVisitor{})
	labels := make([]string, len(keys))
	for i, k := range keys {
		labels[i] = w.Day(k)
	}
	bar.SetXAxis(labels)
	items := make([]webItem, len(keys))
	table := WebTable{Caption: title, Columns: []WebColumn{{Label: w.T("chart.col.day")}, {Label: w.T("chart.col.respondents"), Numeric: true}}}
	var total int64
	for i, k := range keys {
		n := days[k]
		total += n
		items[i] = webItem{Name: labels[i], Value: n, Tooltip: &webItemTip{Formatter: webTip(labels[i], w.T("chart.tip.respondents", w.Int(n)))}}
		table.Rows = append(table.Rows, []WebCell{webTextCell(labels[i]), w.countCell(n)})
	}
	table.Foot = []WebCell{webTextCell(w.T("chart.row.total")), w.countCell(total)}
	bar.MultiSeries = append(bar.MultiSeries, charts.SingleSeries{Name: title, Type: types.ChartBar, Data: items,
		BarMaxWidth: "24", ItemStyle: &opts.ItemStyle{Color: webBarBlue}})
	return WebFigure{ID: id, Title: title, Note: w.T("chart.daily.subtitle"), Chart: bar, Table: table}
}

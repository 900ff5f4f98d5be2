package reports

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/skm-engine/skm/analytics"
)

// The browser charts are go-echarts charts whose ECharts option the engine's own page carries as
// JSON in a <script type="application/json"> block, drawn by static/js/charts.js with the ECharts
// copy vendored under static/vendor/echarts. go-echarts' page renderer is not used: it writes
// inline scripts, which the engine's Content-Security-Policy forbids, and loads ECharts from its
// own host. Every text a chart shows (labels, tooltips) is written here, formatted for the page's
// language, so the browser evaluates no function and formats no number.

// EChartsAssetsHost points go-echarts at the engine's own copy of ECharts, so that no chart can
// name another host even if a page renderer were ever used.
const EChartsAssetsHost = "/static/vendor/echarts/"

// EChart is a go-echarts chart: Validate settles its options and JSON returns them.
type EChart interface {
	Validate()
	JSON() map[string]any
}

// WebFigure is a browser chart with the table of the numbers it draws, which the page shows beside
// it (for screen readers and print) and the downloads write.
type WebFigure struct {
	// ID names the figure within its page, such as "elements" or "profile-gender".
	ID    string
	Title string
	// Note explains how to read the chart; the page shows it under the chart, where it wraps on a
	// phone as text drawn on the chart could not.
	Note  string
	Chart EChart
	Table WebTable
	// Rows is the number of category rows a tall chart draws (the ranking, the heat map), so the
	// page can size it; 0 for charts of a fixed height.
	Rows int
}

// OptionJSON returns the chart's ECharts option. encoding/json escapes <, > and &, so the result
// cannot close the script block it is placed in.
func (f WebFigure) OptionJSON() ([]byte, error) {
	f.Chart.Validate()
	b, err := json.Marshal(f.Chart.JSON())
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", f.ID, err)
	}
	return b, nil
}

// WebCharts builds the dashboards' figures in one language: its Words say their wording and
// numbers.
type WebCharts struct {
	Words
}

// Colours. Grades and answer scores share one blue–orange scale, the pair that stays apart for
// every common colour-vision deficiency; the four steps also differ in lightness (L* 35, 68, 77,
// 45), so they stay apart in grey print, and bars carry their value and grade as text besides.
var (
	webGradeColors = map[analytics.Grade]string{
		analytics.GradeA: "#08519c",
		analytics.GradeB: "#6baed6",
		analytics.GradeC: "#fdae6b",
		analytics.GradeD: "#c23d00",
	}
	// webScoreColors colour answers scored 1 to 4, as the grades D to A.
	webScoreColors = [4]string{"#c23d00", "#fdae6b", "#6baed6", "#08519c"}
	// webSeriesColors is the Okabe–Ito palette, without its yellow (too light on white) and its
	// black (the score's line), for series that carry no grade; lines also differ in symbol and
	// dash, for print.
	webSeriesColors = opts.Colors{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"}
	webSymbols      = []string{"circle", "rect", "triangle", "diamond", "roundRect", "pin", "arrow", "emptyCircle", "emptyTriangle"}
)

const (
	webInk      = "#1b1f24"
	webMuted    = "#4d5560"
	webGridLine = "#d4d9df"
	webBarBlue  = "#0072B2"
	webCompare  = "#D55E00"
)

// webGradeColor returns the colour of a grade, grey for no grade.
func webGradeColor(g analytics.Grade) string {
	if c, ok := webGradeColors[g]; ok {
		return c
	}
	return "#8a939e"
}

// webOnColor returns the text colour readable on a fill of the scale above.
func webOnColor(fill string) string {
	switch fill {
	case "#08519c", "#c23d00":
		return "#ffffff"
	}
	return webInk
}

// webOptions are the options every chart shares: its id, title, an item tooltip, no animation (the
// figures are read, and print), and the series palette.
func (w WebCharts) webOptions(id, title string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + id, AssetsHost: EChartsAssetsHost, Renderer: "canvas"}),
		charts.WithTitleOpts(opts.Title{Title: title, Left: "left", TitleStyle: &opts.TextStyle{Color: webInk, FontSize: 15}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(webSeriesColors),
	}
}

// webVisitor adds the options go-echarts has no field for, through its visitor hook: tooltips
// drawn on the canvas (ECharts' HTML tooltips write style attributes, which the CSP refuses) and
// kept inside the chart on a phone, the page's font, any extra top-level options, and media
// rules, which ECharts applies by the chart's width (the option then becomes
// {baseOption, media}).
type webVisitor struct {
	charts.BaseConfigurationVisitor
	extra map[string]any
	media []webMedia
}

// webMedia is an ECharts media rule: option applies while the chart is at most MaxWidth wide.
type webMedia struct {
	Query  map[string]int `json:"query"`
	Option map[string]any `json:"option"`
}

// webPhone is the widest chart the phone rules apply to, in CSS pixels.
const webPhone = 480

func webOnPhone(option map[string]any) webMedia {
	return webMedia{Query: map[string]int{"maxWidth": webPhone}, Option: option}
}

type webTooltip struct {
	opts.Tooltip
	RenderMode string `json:"renderMode"`
	Confine    bool   `json:"confine"`
}

func (webVisitor) VisitTooltipOpt(t opts.Tooltip) any {
	return webTooltip{Tooltip: t, RenderMode: "richText", Confine: true}
}

func (v webVisitor) Visit(option map[string]any) {
	option["textStyle"] = map[string]any{"fontFamily": "system-ui, -apple-system, \"Segoe UI\", Roboto, Ubuntu, sans-serif", "color": webInk}
	for k, x := range v.extra {
		option[k] = x
	}
	if len(v.media) > 0 {
		base := make(map[string]any, len(option))
		for k, x := range option {
			base[k] = x
			delete(option, k)
		}
		option["baseOption"], option["media"] = base, v.media
	}
}

// webAxisName styles an axis title so it sits centred along its axis.
func webXAxis(name string, nameGap int) opts.XAxis {
	return opts.XAxis{Name: name, NameLocation: "middle", NameGap: nameGap,
		AxisLabel: &opts.AxisLabel{Color: webInk}, AxisLine: &opts.AxisLine{LineStyle: &opts.LineStyle{Color: webMuted}}}
}

func webYAxis(name string, nameGap int) opts.YAxis {
	return opts.YAxis{Name: name, NameLocation: "middle", NameGap: nameGap,
		AxisLabel: &opts.AxisLabel{Color: webInk}, SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: webGridLine}}}
}

// webBand is one end of a grade band drawn behind a score axis (markArea data).
type webBand struct {
	Name      string          `json:"name,omitempty"`
	XAxis     any             `json:"xAxis,omitempty"`
	YAxis     any             `json:"yAxis,omitempty"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
	Label     *opts.Label     `json:"label,omitempty"`
}

// webGradeBands returns the grade bands of the 25–100 score scale as markArea data along the
// axis named ("xAxis" or "yAxis"), lightly tinted so the bars stay readable over them.
func webGradeBands(axis string) *opts.MarkAreas {
	bands := []struct {
		g        analytics.Grade
		from, to float64
	}{{analytics.GradeD, 25, 65}, {analytics.GradeC, 65, 76.61}, {analytics.GradeB, 76.61, 88.31}, {analytics.GradeA, 88.31, 100}}
	areas := &opts.MarkAreas{}
	// Labels sit outside the plot, beside (or above) their band, where no bar can cover them.
	pos := "right"
	if axis == "xAxis" {
		pos = "top"
	}
	for _, b := range bands {
		from := webBand{Name: string(b.g), ItemStyle: &opts.ItemStyle{Color: webGradeColor(b.g), Opacity: opts.Float(0.12)},
			Label: &opts.Label{Show: opts.Bool(true), Position: pos, Color: webMuted, FontWeight: "bold"}}
		to := webBand{}
		if axis == "xAxis" {
			from.XAxis, to.XAxis = b.from, b.to
		} else {
			from.YAxis, to.YAxis = b.from, b.to
		}
		areas.Data = append(areas.Data, [2]webBand{from, to})
	}
	return areas
}

// webItem is one data item with its own label and tooltip text, written here in the page's
// language.
type webItem struct {
	Name      string          `json:"name,omitempty"`
	Value     any             `json:"value"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
	Label     *opts.Label     `json:"label,omitempty"`
	Tooltip   *webItemTip     `json:"tooltip,omitempty"`
}

type webItemTip struct {
	Formatter string `json:"formatter"`
}

// webValue returns v, or nil (no bar, a gap in a line) when there is none.
func webValue(v float64, ok bool) any {
	if !ok {
		return nil
	}
	return v
}

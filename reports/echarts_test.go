package reports

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// vectorA is docs/METHOD.md's public test vector A: 10 respondents, score 81.67, grade B.
var vectorA = [][9]int8{
	{3, 3, 3, 4, 3, 3, 4, 3, 3},
	{4, 3, 3, 4, 4, 3, 4, 3, 4},
	{3, 2, 2, 4, 3, 3, 3, 2, 3},
	{4, 4, 3, 4, 4, 4, 4, 3, 3},
	{3, 3, 2, 4, 3, 3, 3, 3, 3},
	{2, 3, 3, 4, 3, 3, 3, 2, 3},
	{4, 4, 4, 4, 4, 4, 4, 4, 4},
	{3, 3, 3, 3, 3, 3, 3, 3, 3},
	{3, 2, 3, 4, 3, 4, 4, 2, 3},
	{4, 3, 3, 4, 3, 3, 4, 3, 4},
}

// countsOf tallies answer rows as the survey package does, with every respondent on one day.
func countsOf(rows [][9]int8) survey.Counts {
	t := survey.NewCampaignTally("2026-S2")
	for _, a := range rows {
		t.Add(&survey.Record{Unit: "u", Answers: a, Channel: "web", Day: "2026-08-01", Gender: "L"})
	}
	return t.Unit("u").Total().All
}

// option returns a figure's ECharts option as generic JSON, as charts.js receives it; for an
// option with media rules, its base option.
func option(t *testing.T, f WebFigure) map[string]any {
	t.Helper()
	b, err := f.OptionJSON()
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatalf("%s: %v", f.ID, err)
	}
	if base, ok := o["baseOption"].(map[string]any); ok {
		return base
	}
	return o
}

// path walks a decoded option by keys and indexes: path(o, "series", 0, "data").
func path(t *testing.T, v any, steps ...any) any {
	t.Helper()
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %q: not an object: %v", k, v)
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("at [%d]: not a long enough list: %v", k, v)
			}
			v = a[k]
		}
	}
	return v
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestElementScoresDrawTheComputedScores(t *testing.T) {
	c := countsOf(vectorA)
	r := analytics.Compute(c.Tally)
	f := WebCharts{Words: fixtureWords(survey.LangID)}.ElementScores(r)
	o := option(t, f)
	if path(t, o, "title", "text") != "Nilai per unsur" || path(t, o, "xAxis", 0, "name") == "" || path(t, o, "yAxis", 0, "name") != "Nilai (skala 25–100)" {
		t.Errorf("title and axis names: %v %v %v", path(t, o, "title"), path(t, o, "xAxis", 0, "name"), path(t, o, "yAxis", 0, "name"))
	}
	for i, e := range r.Elements {
		item := path(t, o, "series", 0, "data", i)
		if v := path(t, item, "value").(float64); !near(v, e.Score) {
			t.Errorf("%s: bar %v, computed %v", e.Code, v, e.Score)
		}
		if c := path(t, item, "itemStyle", "color"); c != webGradeColor(e.Grade) {
			t.Errorf("%s graded %s: colour %v", e.Code, e.Grade, c)
		}
		if tip := path(t, item, "tooltip", "formatter").(string); !strings.Contains(tip, survey.ElementNames[i].ID) {
			t.Errorf("%s: tooltip %q does not name the element", e.Code, tip)
		}
	}
	if v := path(t, o, "series", 0, "markLine", "data", 0, "yAxis").(float64); !near(v, 81.67) {
		t.Errorf("score line at %v, want 81.67", v)
	}
	bands := path(t, o, "series", 0, "markArea", "data").([]any)
	if len(bands) != 4 || path(t, bands[3], 0, "yAxis").(float64) != 88.31 || path(t, bands[3], 0, "name") != "A" {
		t.Errorf("grade bands: %v", bands)
	}
	if path(t, o, "tooltip", "renderMode") != "richText" {
		t.Errorf("tooltips must be drawn on the canvas, not as HTML the CSP refuses: %v", path(t, o, "tooltip"))
	}
	if len(f.Table.Rows) != 9 || f.Table.Foot[5].Text != "81,67" || f.Table.Foot[6].Grade != analytics.GradeB {
		t.Errorf("table foot %+v", f.Table.Foot)
	}
	if f.Table.Rows[0][3].Text != "3,300" || f.Table.Rows[0][3].Value != 3.3 {
		t.Errorf("U1 NRR cell %+v", f.Table.Rows[0][3])
	}
	en := WebCharts{Words: fixtureWords(survey.LangEN)}.ElementScores(r)
	if en.Table.Foot[5].Text != "81.67" || en.Title != "Score per element" {
		t.Errorf("English: %q %q", en.Title, en.Table.Foot[5].Text)
	}
}

func TestAnswerDistributionUsesEachElementsOwnWords(t *testing.T) {
	c := countsOf(vectorA)
	q := survey.StandardQuestionnaire()
	q.Questions[0].Answers[2] = survey.Text{ID: "Lengkap dan jelas", EN: "Complete and clear"}
	f := WebCharts{Words: fixtureWords(survey.LangID)}.AnswerDistribution(c.Tally, q)
	o := option(t, f)
	series := path(t, o, "series").([]any)
	if len(series) != 4 {
		t.Fatalf("%d series, want one per score", len(series))
	}
	for i := range analytics.ElementCodes {
		d := c.Elements[i]
		total := 0.0
		for s := range 4 {
			v := path(t, series[s], "data", i, "value").(float64)
			total += v
			want := math.Round(float64(d[s])*1000/float64(d.Answered())) / 10
			if math.Abs(v-want) > 0.051 {
				t.Errorf("%s score %d: %v%%, want %v%%", analytics.ElementCodes[i], s+1, v, want)
			}
		}
		if math.Abs(total-100) > 0.3 {
			t.Errorf("%s: shares add up to %v", analytics.ElementCodes[i], total)
		}
	}
	if tip := path(t, series[3], "data", 3, "tooltip", "formatter").(string); !strings.Contains(tip, "Gratis") || !strings.Contains(tip, "9 dari 10 jawaban") {
		t.Errorf("U4 score 4 tooltip %q: want the wording Gratis and the count", tip)
	}
	if tip := path(t, series[2], "data", 0, "tooltip", "formatter").(string); !strings.Contains(tip, "Lengkap dan jelas") {
		t.Errorf("U1 score 3 tooltip %q: want the questionnaire version's wording", tip)
	}
	if path(t, series[0], "stack") != "answers" {
		t.Error("series are not stacked")
	}
	if f.Table.Rows[3][5].Value != 9 || !strings.Contains(f.Table.Rows[3][5].Text, "Gratis") {
		t.Errorf("U4 score-4 cell %+v", f.Table.Rows[3][5])
	}
}

func TestRadarComparesUnitWithRegion(t *testing.T) {
	unit := analytics.Compute(countsOf(vectorA).Tally)
	region := analytics.Compute(countsOf(append(vectorA, [9]int8{1, 1, 1, 1, 1, 1, 1, 1, 1})).Tally)
	o := option(t, WebCharts{Words: fixtureWords(survey.LangID)}.ElementRadar("DPMPTSP", unit, region))
	for s, r := range []analytics.Result{unit, region} {
		values := path(t, o, "series", s, "data", 0, "value").([]any)
		for i, e := range r.Elements {
			if !near(values[i].(float64), e.Score) {
				t.Errorf("series %d %s: %v, want %v", s, e.Code, values[i], e.Score)
			}
		}
	}
	if n := len(path(t, o, "radar", "indicator").([]any)); n != 9 {
		t.Errorf("%d indicators", n)
	}
	if path(t, o, "series", 1, "name") != "Rata-rata wilayah" {
		t.Errorf("second series %v", path(t, o, "series", 1, "name"))
	}
}

func TestTrendLeavesAGapForASemesterWithoutAnswers(t *testing.T) {
	a := analytics.Compute(countsOf(vectorA).Tally)
	points := []analytics.Point{{Campaign: "2025-S2", Result: a}, {Campaign: "2026-S1", Result: analytics.Compute(analytics.Tally{})}, {Campaign: "2026-S2", Result: a}}
	f := WebCharts{Words: fixtureWords(survey.LangEN)}.ScoreTrend(points)
	o := option(t, f)
	keys := path(t, o, "xAxis", 0, "data").([]any)
	if len(keys) != 3 || keys[1] != "Semester 1, 2026" {
		t.Errorf("x axis %v", keys)
	}
	if v := path(t, o, "series", 0, "data", 1, "value"); v != nil {
		t.Errorf("empty semester drawn as %v, want a gap", v)
	}
	if v := path(t, o, "series", 0, "data", 2, "value").(float64); !near(v, 81.67) {
		t.Errorf("score %v", v)
	}
	if n := len(path(t, o, "series").([]any)); n != 10 {
		t.Errorf("%d lines, want the score and nine elements", n)
	}
	if f.Table.Rows[1][2].Text != "–" {
		t.Errorf("table shows %q for the empty semester", f.Table.Rows[1][2].Text)
	}
}

func TestDailyResponsesFillMissingDays(t *testing.T) {
	f := WebCharts{Words: fixtureWords(survey.LangID)}.DailyResponses(map[string]int64{"2026-08-01": 3, "2026-08-04": 5})
	o := option(t, f)
	days := path(t, o, "xAxis", 0, "data").([]any)
	if len(days) != 4 || days[1] != "2 Agustus 2026" {
		t.Fatalf("days %v", days)
	}
	if v := path(t, o, "series", 0, "data", 2, "value").(float64); v != 0 {
		t.Errorf("a day without answers drawn as %v", v)
	}
	if f.Table.Foot[1].Value != 8 {
		t.Errorf("total %v", f.Table.Foot[1])
	}
}

func TestProfileSuppressesSmallCells(t *testing.T) {
	c := survey.Counts{Gender: map[string]int64{"L": 3, "P": 20, survey.NotStated: 9}, Channel: map[string]int64{"web": 32}}
	c.Respondents = 32
	figures := WebCharts{Words: fixtureWords(survey.LangID)}.ProfileBreakdowns(&c)
	if len(figures) != 5 {
		t.Fatalf("%d profile figures", len(figures))
	}
	gender := figures[0]
	o := option(t, gender)
	data := path(t, o, "series", 0, "data").([]any)
	// L (3) is under 5; alone it could be recovered from the total, so the smallest other
	// non-zero cell (not stated, 9) is hidden too.
	if path(t, data[0], "value") != nil || path(t, data[2], "value") != nil {
		t.Errorf("suppressed cells drawn: %v", data)
	}
	if v := path(t, data[1], "value").(float64); v != 20 {
		t.Errorf("P drawn as %v", v)
	}
	if gender.Table.Rows[0][1].Text != "<5" || gender.Table.Note == "" {
		t.Errorf("table %+v", gender.Table)
	}
	if gender.Table.Foot == nil {
		t.Error("with two cells hidden the total may be published")
	}

	alone := survey.Counts{Gender: map[string]int64{"L": 3}}
	alone.Respondents = 3
	if f := (WebCharts{Words: fixtureWords(survey.LangID)}).ProfileBreakdowns(&alone)[0]; f.Table.Foot != nil {
		t.Errorf("a single hidden cell with a published total reveals it: %+v", f.Table.Foot)
	}
}

func regionSummary() analytics.Summary {
	low := vectorA
	low = append(low[:0:0], vectorA...)
	for i := range low {
		for j := range low[i] {
			low[i][j] = max(1, low[i][j]-1)
		}
	}
	return analytics.Rollup([]analytics.Unit{
		{ID: "dpmptsp", Name: "DPMPTSP", Tally: countsOf(vectorA).Tally, Population: 1000},
		{ID: "kecamatan-giri", Name: "Kecamatan Giri", Tally: countsOf(low).Tally, Population: 500},
		{ID: "puskesmas-sobo", Name: "Puskesmas Sobo"},
	})
}

func TestRegionFiguresDrawTheRollup(t *testing.T) {
	sum := regionSummary()
	w := WebCharts{Words: fixtureWords(survey.LangID)}
	ranking := w.UnitRanking(sum)
	o := option(t, ranking)
	if ranking.Rows != 2 || len(ranking.Table.Rows) != 3 || ranking.Table.RowKeys[2] != "puskesmas-sobo" {
		t.Errorf("ranking rows %d, table %d, keys %v", ranking.Rows, len(ranking.Table.Rows), ranking.Table.RowKeys)
	}
	for i, r := range sum.Ranking[:2] {
		item := path(t, o, "series", 0, "data", i)
		if v := path(t, item, "value").(float64); !near(v, r.Result.Score) || path(t, item, "itemStyle", "color") != webGradeColor(r.Result.Grade) {
			t.Errorf("%s: %v %v", r.Unit.Name, v, path(t, item, "itemStyle"))
		}
	}
	var withMedia map[string]any
	b, _ := ranking.OptionJSON()
	if err := json.Unmarshal(b, &withMedia); err != nil || path(t, withMedia, "media", 0, "query", "maxWidth") != float64(webPhone) {
		t.Errorf("ranking has no phone rule: %s", b)
	}
	heat := option(t, w.ElementHeatMap(sum))
	cells := path(t, heat, "series", 0, "data").([]any)
	if len(cells) != 18 {
		t.Fatalf("%d heat map cells, want 2 units × 9", len(cells))
	}
	for _, c := range cells {
		xyz := path(t, c, "value").([]any)
		x, y, v := int(xyz[0].(float64)), int(xyz[1].(float64)), xyz[2].(float64)
		if want := sum.Ranking[y].Result.Elements[x].Score; !near(v, want) {
			t.Errorf("cell %d,%d: %v, want %v", x, y, v, want)
		}
	}
	if pieces := path(t, heat, "visualMap", 0, "pieces").([]any); len(pieces) != 4 {
		t.Errorf("visual map %v", pieces)
	}
	grades := option(t, w.GradeCounts(sum))
	for i, g := range analytics.Grades {
		if v := path(t, grades, "series", 0, "data", i, "value").(float64); int(v) != sum.Grades[g] {
			t.Errorf("grade %s: %v units, want %d", g, v, sum.Grades[g])
		}
	}
}

// allFigures builds every figure from test data.
func allFigures() []WebFigure {
	w := WebCharts{Words: fixtureWords(survey.LangID)}
	c := countsOf(vectorA)
	r := analytics.Compute(c.Tally)
	sum := regionSummary()
	out := []WebFigure{w.ElementScores(r), w.AnswerDistribution(c.Tally, nil), w.ElementRadar("</script><b>x</b>", r, r),
		w.ScoreTrend([]analytics.Point{{Campaign: "2026-S2", Result: r}}), w.DailyResponses(c.Days),
		w.UnitRanking(sum), w.ElementHeatMap(sum), w.GradeCounts(sum)}
	return append(out, w.ProfileBreakdowns(&c)...)
}

func TestFiguresAreSafeForTheEnginesPages(t *testing.T) {
	for _, f := range allFigures() {
		b, err := f.OptionJSON()
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, bad := range []string{"http:", "https:", "go-echarts.github.io", "function", "__f__", "</script", "<b>"} {
			if strings.Contains(strings.ToLower(s), bad) {
				t.Errorf("%s: option contains %q", f.ID, bad)
			}
		}
		if f.Title == "" || path(t, option(t, f), "title", "text") != f.Title {
			t.Errorf("%s: chart title %q", f.ID, f.Title)
		}
		if f.Table.Caption == "" || len(f.Table.Columns) == 0 {
			t.Errorf("%s: no table", f.ID)
		}
		holder, ok := f.Chart.(interface{ GetAssets() opts.Assets })
		if !ok {
			t.Fatalf("%s: not a go-echarts chart", f.ID)
		}
		for _, js := range holder.GetAssets().JSAssets.Values {
			if !strings.HasPrefix(js, EChartsAssetsHost) {
				t.Errorf("%s: go-echarts would load %s", f.ID, js)
			}
		}
	}
}

func TestNumbersInThePagesLanguage(t *testing.T) {
	id, en := WebCharts{Words: fixtureWords(survey.LangID)}, WebCharts{Words: fixtureWords(survey.LangEN)}
	for _, c := range []struct{ got, want string }{
		{id.Score(analytics.Result{Score: 81.67}), "81,67"}, {en.Score(analytics.Result{Score: 88.31}), "88.31"},
		{id.Score(analytics.Result{Empty: true}), "–"},
		{id.Performance(analytics.GradeA), "Sangat Baik"}, {en.Performance(analytics.GradeD), "Very poor"}, {id.Performance(""), ""},
		{id.Interval(analytics.Interval{Low: 79.1, High: 84.2, Method: analytics.MethodRespondents}), "79,10–84,20"},
		{id.Interval(analytics.Interval{Method: analytics.MethodNone}), "–"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if webShare(1, 3) != 33.3 || webShare(2, 3) != 66.7 || webShare(0, 0) != 0 {
		t.Errorf("shares %v %v", webShare(1, 3), webShare(2, 3))
	}
}

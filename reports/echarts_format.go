package reports

import (
	"strings"

	"github.com/skm-engine/skm/analytics"
)

// Score writes a published score, or a dash when there is none.
func (w WebCharts) Score(r analytics.Result) string {
	if r.Empty {
		return "–"
	}
	return w.Dec(r.Score, 2)
}

// Performance returns the regulation's wording of a grade.
func (w WebCharts) Performance(g analytics.Grade) string { return performance(w, g) }

// Interval writes a 95% interval as "79,10–84,20", or a dash when it could not be estimated.
func (w WebCharts) Interval(iv analytics.Interval) string {
	if iv.Method == analytics.MethodNone && iv.High == 0 {
		return "–"
	}
	return w.Dec(iv.Low, 2) + "–" + w.Dec(iv.High, 2)
}

// webTip joins tooltip lines. Tooltips are drawn as ECharts rich text, where braces start a style
// name, so braces in names are replaced.
func webTip(lines ...string) string {
	s := strings.Join(lines, "\n")
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}

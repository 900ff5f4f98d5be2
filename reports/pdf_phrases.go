package reports

import (
	"strings"
	"time"

	"github.com/skm-engine/skm/analytics"
)

// The phrases both reports build from figures, names and dates.

// pdfGradeLabel gives a grade with its wording: B (Baik).
func pdfGradeLabel(w Words, g analytics.Grade) string {
	if g == "" {
		return "–"
	}
	return string(g) + " (" + w.Performance(g) + ")"
}

// pdfInterval writes a confidence interval, or says why there is none.
func pdfInterval(w Words, iv analytics.Interval) string {
	if iv.Method == analytics.MethodNone || iv.Method == "" {
		return w.T("pdf.common.interval.none")
	}
	return w.Dec(iv.Low, 2) + " – " + w.Dec(iv.High, 2)
}

// pdfSpan writes a schedule from one instant to the last day before another.
func pdfSpan(w Words, from, until time.Time) string {
	if from.IsZero() || until.IsZero() {
		return ""
	}
	return w.Date(from) + " – " + w.Date(until.Add(-time.Nanosecond))
}

// pdfJoin joins items as a sentence does: a; b; dan c.
func pdfJoin(w Words, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return w.T("pdf.common.and", strings.Join(items[:len(items)-1], "; "), items[len(items)-1])
}

// daysBetween counts the calendar days from the first day to the last, both included, of two
// YYYY-MM-DD days; 0 when either is not a day.
func daysBetween(first, last string) int {
	a, err1 := time.Parse(time.DateOnly, first)
	b, err2 := time.Parse(time.DateOnly, last)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(b.Sub(a).Hours()/24) + 1
}

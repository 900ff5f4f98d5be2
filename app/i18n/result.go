package i18n

import "github.com/skm-engine/skm/analytics"

// Score writes a published score with two decimals, or "–" when there is none yet.
func (p Printer) Score(r analytics.Result) string {
	if r.Empty {
		return "–"
	}
	return p.Dec(r.Score, 2)
}

// Performance names a grade's performance (kinerja unit pelayanan) as the regulation words it;
// "" for no grade.
func (p Printer) Performance(g analytics.Grade) string {
	switch g {
	case analytics.GradeA:
		return p.T("grade.performance.A")
	case analytics.GradeB:
		return p.T("grade.performance.B")
	case analytics.GradeC:
		return p.T("grade.performance.C")
	case analytics.GradeD:
		return p.T("grade.performance.D")
	}
	return ""
}

// Interval writes a 95% interval as "79,10–84,20", or "–" when it could not be estimated.
func (p Printer) Interval(iv analytics.Interval) string {
	if iv.Method == analytics.MethodNone && iv.High == 0 {
		return "–"
	}
	return p.Dec(iv.Low, 2) + "–" + p.Dec(iv.High, 2)
}

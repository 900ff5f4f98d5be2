package analytics

// Grade is the quality of service (mutu pelayanan) that a rounded score falls in.
type Grade string

// The four grades; the empty Grade means no score.
const (
	GradeA Grade = "A"
	GradeB Grade = "B"
	GradeC Grade = "C"
	GradeD Grade = "D"
)

// Grades lists the grades best first, the order of a grade table.
var Grades = [4]Grade{GradeA, GradeB, GradeC, GradeD}

// Performance returns the regulation's wording of the unit's performance (kinerja unit pelayanan).
func (g Grade) Performance() string {
	switch g {
	case GradeA:
		return "Sangat Baik"
	case GradeB:
		return "Baik"
	case GradeC:
		return "Kurang Baik"
	case GradeD:
		return "Tidak Baik"
	}
	return ""
}

// PerformanceEN returns Performance in English.
func (g Grade) PerformanceEN() string {
	switch g {
	case GradeA:
		return "Very good"
	case GradeB:
		return "Good"
	case GradeC:
		return "Poor"
	case GradeD:
		return "Very poor"
	}
	return ""
}

// GradeOf grades a score rounded to hundredths (8831 for 88.31) under PermenPANRB 14/2017.
func GradeOf(scoreHundredths int64) Grade {
	return RegimePermenPANRB2017.GradeOf(scoreHundredths)
}

// Regime is the regulation a result was computed under; results of different regimes use
// different elements and grade bands, so they must not be compared.
type Regime string

// The regimes the engine knows.
const (
	// RegimePermenPANRB2017 is PermenPANRB 14/2017: nine elements, weight 1/9.
	RegimePermenPANRB2017 Regime = "permenpan-14-2017"
	// RegimeKepMenPAN2004 is KepMenPAN 25/2004 (fourteen elements, weight 1/14): its bands grade a
	// score of that regime, which never shares a trend with a 2017 one.
	RegimeKepMenPAN2004 Regime = "kepmenpan-25-2004"
)

// GradeOf grades a score rounded to hundredths with the regime's bands; an unknown regime gives "".
// Scores below 25.00 cannot come from the computation and grade D.
func (r Regime) GradeOf(scoreHundredths int64) Grade {
	switch r {
	case RegimePermenPANRB2017:
		// 88.31–100 A, 76.61–88.30 B, 65.00–76.60 C, 25.00–64.99 D.
		return band(scoreHundredths, 8831, 7661, 6500)
	case RegimeKepMenPAN2004:
		// 81.26–100 A, 62.51–81.25 B, 43.76–62.50 C, 25–43.75 D.
		return band(scoreHundredths, 8126, 6251, 4376)
	}
	return ""
}

// band grades a rounded score by the lowest scores of A, B and C; the bands are closed ranges
// of rounded scores, so there is no gap between them.
func band(h, a, b, c int64) Grade {
	switch {
	case h >= a:
		return GradeA
	case h >= b:
		return GradeB
	case h >= c:
		return GradeC
	}
	return GradeD
}

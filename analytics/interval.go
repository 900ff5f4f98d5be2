package analytics

import "math"

// The methods an Interval can be computed with.
const (
	// MethodRespondents is a Student t interval from the spread of per-respondent scores.
	MethodRespondents = "respondents"
	// MethodElements is a conservative interval from the spread of each element's answers.
	MethodElements = "elements"
	// MethodNone means no uncertainty could be estimated.
	MethodNone = "none"
)

// Interval is a 95% confidence interval for a score on the 25–100 scale.
type Interval struct {
	Low, High float64
	Method    string
	// SE is the standard error behind the interval (an upper bound for MethodElements) on the
	// score scale, before clamping; 0 for MethodNone.
	SE float64
	// StraddlesBoundary reports that Low and High grade differently, so the grade is not certain.
	StraddlesBoundary bool
}

// ScoreInterval returns a 95% confidence interval for the score of a tally whose unit served
// population people in the period (0 when unknown).
//
// With at least two respondents who answered all nine elements, each respondent's own score
// (sum of their answers / 9 × 25) gives a sample standard deviation s; the standard error is
// s/√n times the finite-population correction √((N−n)/(N−1)) when N is known (0 once n ≥ N: a
// census has no sampling error), and the interval is the exact score ± t(0.975, n−1) × SE
// (MethodRespondents). With fewer complete respondents, the standard error is bounded by
// (25/k) × Σ_i sd_i/√n_i × FPC_i over the k answered elements, which holds whatever the
// correlation between elements, and t takes the smallest n_i − 1 degrees of freedom
// (MethodElements). The interval is centred on the exact, unrounded score, rounded outward to
// hundredths so that it always contains the published score, and clamped to [25, 100].
//
// An empty tally gives MethodNone with Low = High = 0. When an element has a single answer its
// spread cannot be estimated, and the interval is the whole scale, 25–100, with MethodNone.
func ScoreInterval(t Tally, population int64) Interval {
	return scoreInterval(t, Compute(t), population)
}

// scoreInterval is ScoreInterval for a tally already computed as r.
func scoreInterval(t Tally, r Result, population int64) Interval {
	if r.Empty {
		return Interval{Method: MethodNone}
	}
	var answered int64
	for _, e := range r.Elements {
		if e.Answered > 0 {
			answered++
		}
	}
	// IKM × 2500 is the exact score in hundredths, to float precision.
	centre := r.IKM * 2500
	if n, sd := sampleSD(t.RespondentSums[:], 9); n >= 2 {
		se := sd * 2500 / 9 / math.Sqrt(float64(n)) * finiteCorrection(population, n)
		return interval(centre, se, studentT975(n-1), MethodRespondents)
	}
	var se float64
	df := int64(math.MaxInt64)
	for _, e := range r.Elements {
		fpc := finiteCorrection(population, e.Answered)
		if e.Answered == 0 || fpc == 0 {
			continue
		}
		if e.Answered < 2 {
			return Interval{Low: 25, High: 100, Method: MethodNone, StraddlesBoundary: true}
		}
		se += e.SD / math.Sqrt(float64(e.Answered)) * fpc
		df = min(df, e.Answered-1)
	}
	return interval(centre, se*2500/float64(answered), studentT975(df), MethodElements)
}

// interval builds the interval centre ± t·se, with centre and se in hundredths.
func interval(centre, se, t float64, method string) Interval {
	half := t * se
	low := max(math.Floor(centre-half), 2500)
	high := min(math.Ceil(centre+half), 10000)
	return Interval{
		Low:               low / 100,
		High:              high / 100,
		Method:            method,
		SE:                se / 100,
		StraddlesBoundary: GradeOf(int64(low)) != GradeOf(int64(high)),
	}
}

// finiteCorrection returns √((N−n)/(N−1)) for a sample of n from a known population N > n,
// 0 for a census (n ≥ N) and 1 when N is unknown (0).
func finiteCorrection(population, n int64) float64 {
	switch {
	case population <= 0:
		return 1
	case n >= population:
		return 0
	}
	return math.Sqrt(float64(population-n) / float64(population-1))
}

// tTable holds t(0.975, df) for df 1..30, computed to 10 significant digits from the t
// distribution function.
var tTable = [30]float64{
	12.70620474, 4.302652730, 3.182446305, 2.776445105, 2.570581836,
	2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
	2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546,
	2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
	2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553,
	2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
}

// studentT975 returns the 97.5% quantile of Student's t with df degrees of freedom (df ≥ 1): the
// table up to 30, then the Cornish–Fisher expansion around the normal quantile 1.959964, whose
// error is below 3·10⁻⁸ from df 31 on. A df below 1 has no quantile; it returns 0 and callers
// only ask for it with a zero standard error.
func studentT975(df int64) float64 {
	if df < 1 {
		return 0
	}
	if df <= int64(len(tTable)) {
		return tTable[df-1]
	}
	const z = 1.959963984540054
	z3, z5, z7, z9 := z*z*z, z*z*z*z*z, z*z*z*z*z*z*z, z*z*z*z*z*z*z*z*z
	v := float64(df)
	return z +
		(z3+z)/(4*v) +
		(5*z5+16*z3+3*z)/(96*v*v) +
		(3*z7+19*z5+17*z3-15*z)/(384*v*v*v) +
		(79*z9+776*z7+1482*z5-1920*z3-945*z)/(92160*v*v*v*v)
}

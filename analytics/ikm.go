package analytics

import (
	"math"
	"math/big"
)

// ElementResult is the result of one element.
type ElementResult struct {
	Code     string
	Answered int64
	Sum      int64
	// NRR is the element's mean score (nilai rata-rata) on the 1–4 scale, for display.
	NRR float64
	// WeightedNRR is NRR times the element's weight, 1/9 when every element was answered
	// (1/k when only k were), so the weighted values add up to the IKM.
	WeightedNRR float64
	// Score is NRR × 25 rounded half-up to 2 decimals, and ScoreHundredths the same as an integer.
	Score           float64
	ScoreHundredths int64
	// Grade grades Score with the overall table, which is how reports pick the weakest elements.
	Grade Grade
	// SD is the sample standard deviation of the answers on the 1–4 scale (0 below two answers).
	SD float64
}

// Result is the index of one unit, service or group for one campaign.
type Result struct {
	Regime      Regime
	Respondents int64
	Elements    [9]ElementResult
	// IKM is the mean of the answered elements' NRR on the 1–4 scale, for display.
	IKM float64
	// Score is the IKM × 25 rounded half-up to 2 decimals; ScoreHundredths is the same as an
	// exact integer (8167 for 81.67), which is what grades and comparisons use.
	Score           float64
	ScoreHundredths int64
	Grade           Grade
	Performance     string
	// Empty reports that no element was answered: there is no score and Grade is "".
	Empty bool
}

// Compute returns the IKM of a tally under PermenPANRB 14/2017.
//
// NRR_i is the sum of element i's scores over the number of answers to it (blanks excluded from
// both), the IKM is the mean of the NRR_i with weight exactly 1/9, and the score is IKM × 25,
// computed exactly and rounded half-up to 2 decimals once; the grade comes from the rounded score.
//
// An element nobody answered has no NRR and is left out: the IKM is then the mean over the k
// answered elements, each weighing 1/k, which is 1/9 whenever all nine are answered. Counting the
// blank element as 0, or keeping 1/9 for the others, would cap a perfect survey at 88.89 and grade
// a unit on a question it never asked (a unit without a complaint desk, say); the mean over the
// answered elements keeps the score on the 25–100 scale the grade bands are written for.
// A tally with no answer at all is Empty.
func Compute(t Tally) Result {
	r := Result{Regime: RegimePermenPANRB2017, Respondents: count(t.Respondents)}
	o := scoreElements(r.Elements[:], ElementCodes[:], t.Elements[:], r.Regime)
	r.IKM, r.Score, r.ScoreHundredths, r.Grade, r.Empty = o.ikm, o.score, o.hundredths, o.grade, o.empty
	r.Performance = r.Grade.Performance()
	return r
}

// overall is the part of a result that scoring the elements yields.
type overall struct {
	ikm        float64
	score      float64
	hundredths int64
	grade      Grade
	empty      bool
}

// scoreElements fills dst with the element results of dists and returns the overall figures.
func scoreElements(dst []ElementResult, codes []string, dists []Distribution, regime Regime) overall {
	for i, d := range dists {
		e := ElementResult{Code: codes[i], Answered: d.Answered(), Sum: d.Sum()}
		if e.Answered > 0 {
			e.NRR = float64(e.Sum) / float64(e.Answered)
			// ⌊(⌊5000·S/n⌋ + 1)/2⌋ = ⌊2500·S/n + 1/2⌋: half-up, in integers.
			e.ScoreHundredths = (5000*e.Sum/e.Answered + 1) / 2
			e.Score = float64(e.ScoreHundredths) / 100
			e.Grade = regime.GradeOf(e.ScoreHundredths)
			_, e.SD = sampleSD(d[:], 1)
		}
		dst[i] = e
	}
	m := meanOf(dists)
	if m.k == 0 {
		return overall{empty: true}
	}
	for i := range dst {
		dst[i].WeightedNRR = dst[i].NRR / float64(m.k)
	}
	h := m.hundredths()
	return overall{
		ikm:        m.t / float64(5000*m.k),
		score:      float64(h) / 100,
		hundredths: h,
		grade:      regime.GradeOf(h),
	}
}

// mean is Σ NRR_i over the answered elements, scaled by 5000 and kept in the form that exact
// half-up rounding needs: T = 5000 × Σ S_i/n_i, so the score in hundredths is T/(2k).
type mean struct {
	k      int64   // answered elements
	floorT int64   // ⌊T⌋, exact
	t      float64 // T to float precision, for display values only
}

// hundredths returns the score rounded half-up to hundredths: ⌊T/(2k) + 1/2⌋ = ⌊(⌊T⌋+k)/(2k)⌋,
// since flooring T first cannot change the floor of a quotient by a positive integer.
func (m mean) hundredths() int64 {
	return (m.floorT + m.k) / (2 * m.k)
}

// meanOf computes T exactly without allocating: each 5000·S_i/n_i splits into an integer
// quotient and a remainder fraction r_i/n_i, and only the floor of the fractions' sum is needed.
// When every answered element has the same number of answers (no blanks, the usual case) the
// fractions share a denominator and the floor is an integer division. Otherwise their float64 sum
// (fewer than 14 terms, each below 1 and correctly rounded) is off by less than 2^-45, so its floor
// is exact unless it lies within that distance of an integer; only then are the fractions added
// again as big.Rat. With counts at most MaxCount, 5000·Σ S_i stays below 2^61.
func meanOf(dists []Distribution) mean {
	var m mean
	var quotients, remainders, common int64 // common is the shared n_i, or -1 once they differ
	var fractions float64
	for _, d := range dists {
		n, s := d.Answered(), d.Sum()
		if n == 0 {
			continue
		}
		m.k++
		quotients += 5000 * s / n
		remainders += 5000 * s % n
		fractions += float64(5000*s%n) / float64(n)
		if common == 0 {
			common = n
		} else if common != n {
			common = -1
		}
	}
	m.t = float64(quotients) + fractions
	if common >= 0 {
		m.floorT = quotients
		if common > 0 {
			m.floorT += remainders / common
		}
		return m
	}
	whole := math.Floor(fractions)
	if fractions-whole < 1e-9 || whole+1-fractions < 1e-9 {
		whole = float64(floorFractions(dists))
	}
	m.floorT = quotients + int64(whole)
	return m
}

// floorFractions returns ⌊Σ (5000·S_i mod n_i)/n_i⌋ in exact arithmetic.
func floorFractions(dists []Distribution) int64 {
	sum := new(big.Rat)
	for _, d := range dists {
		n, s := d.Answered(), d.Sum()
		if n == 0 {
			continue
		}
		sum.Add(sum, big.NewRat(5000*s%n, n))
	}
	return new(big.Int).Quo(sum.Num(), sum.Denom()).Int64()
}

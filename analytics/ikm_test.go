package analytics

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// vectorA and vectorB are docs/METHOD.md's public test vectors A and B.
var (
	vectorA = []string{
		"3,3,3,4,3,3,4,3,3",
		"4,3,3,4,4,3,4,3,4",
		"3,2,2,4,3,3,3,2,3",
		"4,4,3,4,4,4,4,3,3",
		"3,3,2,4,3,3,3,3,3",
		"2,3,3,4,3,3,3,2,3",
		"4,4,4,4,4,4,4,4,4",
		"3,3,3,3,3,3,3,3,3",
		"3,2,3,4,3,4,4,2,3",
		"4,3,3,4,3,3,4,3,4",
	}
	vectorB = []string{
		"4,4,,4,3,3,4,3,3",
		"3,3,3,4,3,3,3,3,3",
		"2,3,2,4,3,,3,2,3",
		"4,3,3,4,4,4,4,3,4",
	}
)

// uniform returns a tally in which every element has n answers adding up to sum.
func uniform(tb testing.TB, n, sum int64) Tally {
	tb.Helper()
	t := Tally{Respondents: n}
	for i := range t.Elements {
		t.Elements[i] = answers(tb, n, sum)
	}
	return t
}

// totals returns a tally of n respondents whose elements' scores add up to sums.
func totals(tb testing.TB, n int64, sums ...int64) Tally {
	tb.Helper()
	t := Tally{Respondents: n}
	for i, s := range sums {
		t.Elements[i] = answers(tb, n, s)
	}
	return t
}

// printedWeight scores a tally the wrong way docs/METHOD.md warns about, with the rounded weight
// the regulation prints: Σ NRR_i × weight × 25, rounded half-up to hundredths.
func printedWeight(t Tally, weight string) int64 {
	w, _ := new(big.Rat).SetString(weight)
	sum := new(big.Rat)
	for _, d := range t.Elements {
		sum.Add(sum, big.NewRat(d.Sum(), d.Answered()))
	}
	return roundHalfUp(sum.Mul(sum, w).Mul(sum, big.NewRat(2500, 1)))
}

// blanksAsZero scores a tally the other wrong way: a blank counted as a 0 answer, so every
// element divides by all respondents.
func blanksAsZero(t Tally) int64 {
	sum := new(big.Rat)
	for _, d := range t.Elements {
		sum.Add(sum, big.NewRat(d.Sum(), t.Respondents))
	}
	return roundHalfUp(sum.Mul(sum, big.NewRat(2500, 9)))
}

// roundHalfUp rounds a non-negative rational to the nearest integer, halves up.
func roundHalfUp(x *big.Rat) int64 {
	x = new(big.Rat).Add(x, big.NewRat(1, 2))
	return new(big.Int).Quo(x.Num(), x.Denom()).Int64()
}

func TestComputeMethodVectors(t *testing.T) {
	tests := []struct {
		name  string
		tally Tally
		nrr   []float64 // docs/METHOD.md's NRR to 4 decimals, nil when it gives none
		ikm   float64   // to 4 decimals, 0 when docs/METHOD.md gives none
		score int64     // hundredths
		grade Grade
		// wrong holds the scores docs/METHOD.md says the wrong methods give; they must differ here.
		wrong map[string]int64
	}{
		{
			name:  "A",
			tally: tallyOf(t, vectorA...),
			nrr:   []float64{3.3, 3.0, 2.9, 3.9, 3.3, 3.3, 3.6, 2.8, 3.3},
			ikm:   3.2667,
			score: 8167,
			grade: GradeB,
			wrong: map[string]int64{"0.111": 8159, "0.11": 8085},
		},
		{
			name:  "B blanks excluded",
			tally: tallyOf(t, vectorB...),
			nrr:   []float64{3.25, 3.25, 2.6667, 4.0, 3.25, 3.3333, 3.5, 2.75, 3.25},
			score: 8125,
			grade: GradeB,
			wrong: map[string]int64{"blanks as 0": 7708},
		},
		{
			name:  "C boundary",
			tally: same(Distribution{0, 0, 7, 8}), // 7 threes and 8 fours per element
			score: 8833,
			grade: GradeA,
			wrong: map[string]int64{"0.111": 8825},
		},
		{
			name:  "D totals",
			tally: totals(t, 29, 105, 101, 100, 116, 102, 105, 106, 105, 115),
			score: 9148,
			grade: GradeA,
		},
		{
			name:  "one respondent all 4",
			tally: tallyOf(t, "4,4,4,4,4,4,4,4,4"),
			nrr:   []float64{4, 4, 4, 4, 4, 4, 4, 4, 4},
			ikm:   4,
			score: 10000,
			grade: GradeA,
			wrong: map[string]int64{"0.111": 9990, "0.11": 9900},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Compute(tc.tally)
			if r.ScoreHundredths != tc.score || r.Score != float64(tc.score)/100 {
				t.Errorf("score = %v (%d hundredths), want %d hundredths", r.Score, r.ScoreHundredths, tc.score)
			}
			if r.Grade != tc.grade || r.Performance != tc.grade.Performance() || r.Empty {
				t.Errorf("grade = %q %q empty=%v, want %q %q", r.Grade, r.Performance, r.Empty, tc.grade, tc.grade.Performance())
			}
			if r.Regime != RegimePermenPANRB2017 || r.Respondents != tc.tally.Respondents {
				t.Errorf("regime %q, respondents %d", r.Regime, r.Respondents)
			}
			if tc.ikm != 0 && !near(r.IKM, tc.ikm, 0.00005) {
				t.Errorf("IKM = %v, want %v", r.IKM, tc.ikm)
			}
			for i, want := range tc.nrr {
				if e := r.Elements[i]; !near(e.NRR, want, 0.00005) || e.Code != ElementCodes[i] {
					t.Errorf("%s NRR = %v, want %v", e.Code, e.NRR, want)
				}
			}
			for method, wrong := range tc.wrong {
				var got int64
				if method == "blanks as 0" {
					got = blanksAsZero(tc.tally)
				} else {
					got = printedWeight(tc.tally, method)
				}
				if got != wrong {
					t.Errorf("%s gives %d here, docs/METHOD.md says %d: the wrong-answer check is broken", method, got, wrong)
				}
				if r.ScoreHundredths == wrong {
					t.Errorf("score %d equals the %s answer", r.ScoreHundredths, method)
				}
			}
		})
	}
}

func TestComputeElements(t *testing.T) {
	r := Compute(tallyOf(t, vectorA...))
	// Hand-worked from vector A: NRR × 25 and the grade table.
	want := []struct {
		answered, sum, score int64
		grade                Grade
	}{
		{10, 33, 8250, GradeB},
		{10, 30, 7500, GradeC},
		{10, 29, 7250, GradeC},
		{10, 39, 9750, GradeA},
		{10, 33, 8250, GradeB},
		{10, 33, 8250, GradeB},
		{10, 36, 9000, GradeA},
		{10, 28, 7000, GradeC},
		{10, 33, 8250, GradeB},
	}
	var weighted float64
	for i, w := range want {
		e := r.Elements[i]
		if e.Answered != w.answered || e.Sum != w.sum || e.ScoreHundredths != w.score ||
			e.Score != float64(w.score)/100 || e.Grade != w.grade {
			t.Errorf("%s = %+v, want %+v", e.Code, e, w)
		}
		if !near(e.WeightedNRR, e.NRR/9, 1e-15) {
			t.Errorf("%s weighted NRR %v, want NRR/9 = %v", e.Code, e.WeightedNRR, e.NRR/9)
		}
		weighted += e.WeightedNRR
	}
	if !near(weighted, r.IKM, 1e-12) {
		t.Errorf("weighted NRRs add up to %v, IKM is %v", weighted, r.IKM)
	}
}

func TestComputeRounding(t *testing.T) {
	tests := []struct {
		name  string
		tally Tally
		score int64
		grade Grade
	}{
		// docs/METHOD.md's boundary examples. Nine elements of 5000 answers adding up to S give the
		// exact score S/5000 × 25: 17661 → 88.305, 15321 → 76.605, 12999 → 64.995; 64994 over
		// 25000 answers → 64.994. Nine float64 terms NRR × (1/9) add up to 88.30499… and
		// 76.60499…, which round down a grade; only exact arithmetic rounds them up.
		{"88.305 rounds to A", uniform(t, 5000, 17661), 8831, GradeA},
		{"76.605 rounds to B", uniform(t, 5000, 15321), 7661, GradeB},
		{"64.995 rounds to C", uniform(t, 5000, 12999), 6500, GradeC},
		{"64.994 rounds to D", uniform(t, 25000, 64994), 6499, GradeD},
		// Elements answered 6, 3, 12, 24, 16, 16, 8, 8, 12 times with sums 24, 8, 44, 65, 38,
		// 40, 27, 30, 37: Σ NRR = 4 + 8/3 + 11/3 + 65/24 + 19/8 + 5/2 + 27/8 + 15/4 + 37/12
		// = 225/8, so the score is 225/8 / 9 × 25 = 78.125 exactly, which rounds to 78.13.
		// The remainders of the different denominators add up to a whole number, the case the
		// exact fallback exists for.
		{"mixed denominators at a half", func() Tally {
			var tl Tally
			ns := []int64{6, 3, 12, 24, 16, 16, 8, 8, 12}
			sums := []int64{24, 8, 44, 65, 38, 40, 27, 30, 37}
			for i := range ns {
				tl.Elements[i] = answers(t, ns[i], sums[i])
			}
			tl.Respondents = 24
			return tl
		}(), 7813, GradeB},
		// Thirds that add up to whole numbers with one denominator: 9 elements of 3 answers
		// adding up to 10 → NRR 10/3, score 83.333… → 83.33.
		{"thirds", uniform(t, 3, 10), 8333, GradeB},
		{"all 1", uniform(t, 7, 7), 2500, GradeD},
		{"all 4 many", uniform(t, 1_000_000, 4_000_000), 10000, GradeA},
	}
	for _, tc := range tests {
		r := Compute(tc.tally)
		if r.ScoreHundredths != tc.score || r.Grade != tc.grade {
			t.Errorf("%s: score %d grade %q, want %d %q", tc.name, r.ScoreHundredths, r.Grade, tc.score, tc.grade)
		}
	}
}

func TestComputeElementRounding(t *testing.T) {
	// An element's score is its own NRR × 25, rounded half-up once and graded with the overall
	// table, so the boundary examples hold for each element as well. The element under test is
	// U8 and the other eight answer 4, so its grade cannot be the overall one by accident.
	tests := []struct {
		name          string
		answered, sum int64
		score         int64
		grade         Grade
	}{
		{"88.305 rounds to A", 5000, 17661, 8831, GradeA},
		{"76.605 rounds to B", 5000, 15321, 7661, GradeB},
		{"64.995 rounds to C", 5000, 12999, 6500, GradeC},
		{"64.994 rounds to D", 25000, 64994, 6499, GradeD},
		// 481/200 × 25 = 60.125 exactly; float64 gives 2.405 × 25 = 60.124999999999993 and
		// 2.405 × 2500 = 6012.4999999999991, which round down.
		{"a half float64 misses", 200, 481, 6013, GradeD},
		{"thirds round down", 3, 10, 8333, GradeB},
	}
	for _, tc := range tests {
		tl := uniform(t, tc.answered, 4*tc.answered)
		tl.Elements[7] = answers(t, tc.answered, tc.sum)
		e := Compute(tl).Elements[7]
		if e.Code != "U8" || e.ScoreHundredths != tc.score || e.Score != float64(tc.score)/100 || e.Grade != tc.grade {
			t.Errorf("%s: %s scores %d (%v) grade %q, want %d %q", tc.name, e.Code, e.ScoreHundredths, e.Score, e.Grade, tc.score, tc.grade)
		}
	}
}

func TestComputeBlankElement(t *testing.T) {
	// Vector A without its U8 answers (a unit with no complaint desk): Σ NRR of the other eight
	// is 29.4 − 2.8 = 26.6, IKM 26.6/8 = 3.325, score 83.125 → 83.13, B. Keeping weight 1/9 for
	// the eight would give 26.6/9 × 25 = 73.89, C: a grade lower than before the weakest
	// element was removed.
	a := tallyOf(t, vectorA...)
	a.Elements[7] = Distribution{}
	allFour := uniform(t, 12, 48)
	allFour.Elements[7] = Distribution{}

	tests := []struct {
		name  string
		tally Tally
		score int64
		grade Grade
		ikm   float64
	}{
		{"vector A without U8", a, 8313, GradeB, 3.325},
		{"perfect but U8 blank", allFour, 10000, GradeA, 4},
	}
	for _, tc := range tests {
		r := Compute(tc.tally)
		if r.ScoreHundredths != tc.score || r.Grade != tc.grade || !near(r.IKM, tc.ikm, 1e-12) || r.Empty {
			t.Errorf("%s: score %d grade %q IKM %v, want %d %q %v", tc.name, r.ScoreHundredths, r.Grade, r.IKM, tc.score, tc.grade, tc.ikm)
		}
		u8 := r.Elements[7]
		if u8.Code != "U8" || u8.Answered != 0 || u8.Grade != "" || u8.NRR != 0 || u8.WeightedNRR != 0 {
			t.Errorf("%s: blank U8 = %+v, want unanswered with no grade", tc.name, u8)
		}
		if w := r.Elements[0].WeightedNRR; !near(w, r.Elements[0].NRR/8, 1e-15) {
			t.Errorf("%s: U1 weighted NRR %v, want NRR/8", tc.name, w)
		}
	}
}

func TestComputeEmpty(t *testing.T) {
	tests := []struct {
		name  string
		tally Tally
	}{
		{"zero", Tally{}},
		{"respondents who left everything blank", tallyOf(t, ",,,,,,,,", ",,,,,,,,")},
		{"negative counts", Tally{Respondents: -1, Elements: [9]Distribution{{-5, -1, 0, 0}}}},
	}
	for _, tc := range tests {
		r := Compute(tc.tally)
		if !r.Empty || r.Grade != "" || r.Performance != "" || r.Score != 0 || r.IKM != 0 || r.ScoreHundredths != 0 {
			t.Errorf("%s: %+v, want an empty result", tc.name, r)
		}
		if r.Respondents != max(tc.tally.Respondents, 0) {
			t.Errorf("%s: respondents %d", tc.name, r.Respondents)
		}
	}
}

func BenchmarkComputeUnit(b *testing.B) {
	// A unit of 150 respondents with a few blanks, so the elements' denominators differ.
	t := Tally{Respondents: 150}
	for i := range t.Elements {
		t.Elements[i] = Distribution{2, 10, 80 - int64(i%3), 58}
	}
	for b.Loop() {
		Compute(t)
	}
}

func TestComputeExactAgainstRationals(t *testing.T) {
	// Small random tallies with blanks hit exact halves and remainders that add up to whole
	// numbers across different denominators; each score must equal the big.Rat computation.
	rng := rand.New(rand.NewPCG(7, 11))
	floatWrong := 0
	for range 100_000 {
		var tl Tally
		for i := range tl.Elements {
			for j := range tl.Elements[i] {
				tl.Elements[i][j] = int64(rng.IntN(7))
			}
		}
		want, scored := exactScore(tl)
		r := Compute(tl)
		if r.Empty == scored || r.ScoreHundredths != want {
			t.Fatalf("%v: score %d (empty %v), exact %d", tl.Elements, r.ScoreHundredths, r.Empty, want)
		}
		// The naive float64 computation, to show that the sample holds the hard cases.
		var sum float64
		k := 0
		for _, d := range tl.Elements {
			if n := d.Answered(); n > 0 {
				sum += float64(d.Sum()) / float64(n) * (1.0 / 9)
				k++
			}
		}
		if k == 9 && int64(math.Floor(sum*2500+0.5)) != want {
			floatWrong++
		}
	}
	if floatWrong == 0 {
		t.Error("no sampled tally defeats float64 rounding: the sample proves nothing about exactness")
	}
}

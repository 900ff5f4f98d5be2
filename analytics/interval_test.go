package analytics

import (
	"math"
	"testing"
)

// elementsOnly is a tally with element counts but no per-respondent sums, as paper imports give:
// U1..U8 have 20 answers, ten 3s and ten 4s (NRR 3.5, sd √(20 × 0.25 / 19) = 0.512989), and U9
// has twenty 4s (sd 0).
func elementsOnly() Tally {
	t := Tally{Respondents: 20}
	for i := range 8 {
		t.Elements[i] = Distribution{0, 0, 10, 10}
	}
	t.Elements[8] = Distribution{0, 0, 0, 20}
	return t
}

func TestScoreInterval(t *testing.T) {
	tests := []struct {
		name       string
		tally      Tally
		population int64
		want       Interval
	}{
		// Vector A, worked by hand: the respondents' sums are 29, 32, 25, 33, 27, 26, 36, 27, 28,
		// 31 (mean 29.4, squared deviations 110.4, variance 110.4/9 = 12.2667, sd 3.50238), so
		// their scores have sd 3.50238 × 25/9 = 9.72883 and SE 9.72883/√10 = 3.07653. With
		// t(0.975, 9) = 2.262157 the half-width is 6.95959 around the exact score 81.66667:
		// 74.70708–88.62626, rounded outward 74.70–88.63. It contains 76.605 and 88.305.
		{"vector A", tallyOf(t, vectorA...), 0, Interval{74.70, 88.63, MethodRespondents, 3.07653, true}},
		// Population 50: FPC √(40/49) = 0.903508, SE 2.77967, half-width 6.28804:
		// 75.37862–87.95471 → 75.37–87.96, still across 76.605.
		{"vector A of 50", tallyOf(t, vectorA...), 50, Interval{75.37, 87.96, MethodRespondents, 2.77967, true}},
		// Population 10 and 10 respondents: a census, no sampling error; 81.6667 → 81.66–81.67.
		{"vector A census", tallyOf(t, vectorA...), 10, Interval{81.66, 81.67, MethodRespondents, 0, false}},
		// Element bound, worked by hand: the score is 25/9 × (8 × 3.5 + 4) = 88.88889. Each of
		// U1..U8 adds 0.512989/√20 = 0.114708 and U9 adds 0, so SE ≤ 25/9 × 8 × 0.114708 =
		// 2.54906; t(0.975, 19) = 2.093024 gives half-width 5.33525: 83.55364–94.22414 → 83.55–94.23.
		{"elements", elementsOnly(), 0, Interval{83.55, 94.23, MethodElements, 2.54906, true}},
		// Population 50: each element's FPC is √(30/49) = 0.782461, SE 1.99454, half-width
		// 4.17463: 84.71426–93.06351 → 84.71–93.07.
		{"elements of 50", elementsOnly(), 50, Interval{84.71, 93.07, MethodElements, 1.99454, true}},
		// Three respondents with sums 36, 36, 35: exact score 25/9 × (11/3 + 32) = 99.07407,
		// respondent sd 0.57735 × 25/9 = 1.60375, SE 0.92593, t(0.975, 2) = 4.302653, half-width
		// 3.98394: 95.09014–103.05801, clamped at 100.
		{"clamped at 100", tallyOf(t, "4,4,4,4,4,4,4,4,4", "4,4,4,4,4,4,4,4,4", "3,4,4,4,4,4,4,4,4"), 0,
			Interval{95.09, 100, MethodRespondents, 0.92593, false}},
		{"no spread", tallyOf(t, "3,3,3,3,3,3,3,3,3", "3,3,3,3,3,3,3,3,3"), 0, Interval{75, 75, MethodRespondents, 0, false}},
		// One answer per element says nothing about the spread: the whole scale.
		{"one respondent", tallyOf(t, "4,4,4,4,4,4,4,4,4"), 0, Interval{25, 100, MethodNone, 0, true}},
		// ... unless that respondent is the whole population.
		{"one respondent of one", tallyOf(t, "4,4,4,4,4,4,4,4,4"), 1, Interval{100, 100, MethodElements, 0, false}},
		{"empty", Tally{}, 100, Interval{0, 0, MethodNone, 0, false}},
	}
	for _, tc := range tests {
		got := ScoreInterval(tc.tally, tc.population)
		if got.Low != tc.want.Low || got.High != tc.want.High || got.Method != tc.want.Method ||
			got.StraddlesBoundary != tc.want.StraddlesBoundary || !near(got.SE, tc.want.SE, 0.00001) {
			t.Errorf("%s: ScoreInterval = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestFiniteCorrection(t *testing.T) {
	tests := []struct {
		population, n int64
		want          float64
	}{
		{0, 10, 1},
		{-1, 10, 1},
		{50, 10, math.Sqrt(40.0 / 49)},
		{10, 10, 0},
		{10, 12, 0},
		{1, 1, 0},
	}
	for _, tc := range tests {
		if got := finiteCorrection(tc.population, tc.n); got != tc.want {
			t.Errorf("finiteCorrection(%d, %d) = %v, want %v", tc.population, tc.n, got, tc.want)
		}
	}
}

func TestStudentT975(t *testing.T) {
	// Two-sided 95% critical values as printed in standard t tables (3 decimals).
	tests := []struct {
		df   int64
		want float64
	}{
		{1, 12.706}, {2, 4.303}, {3, 3.182}, {5, 2.571}, {9, 2.262}, {10, 2.228}, {15, 2.131},
		{20, 2.086}, {29, 2.045}, {30, 2.042}, {31, 2.040}, {40, 2.021}, {60, 2.000},
		{120, 1.980}, {1_000_000, 1.960}, {math.MaxInt64, 1.960},
	}
	for _, tc := range tests {
		if got := studentT975(tc.df); !near(got, tc.want, 0.0005) {
			t.Errorf("studentT975(%d) = %v, want %v", tc.df, got, tc.want)
		}
	}
	if got := studentT975(0); got != 0 {
		t.Errorf("studentT975(0) = %v, want 0", got)
	}
	// The expansion must continue the table smoothly: t(0.975, 31) is 2.039513446.
	if got := studentT975(31); !near(got, 2.039513446, 1e-7) {
		t.Errorf("studentT975(31) = %.9f, want 2.039513446", got)
	}
}

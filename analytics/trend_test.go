package analytics

import (
	"errors"
	"reflect"
	"testing"
)

// same returns a tally whose nine elements all have distribution d.
func same(d Distribution) Tally {
	t := Tally{Respondents: d.Answered()}
	for i := range t.Elements {
		t.Elements[i] = d
	}
	return t
}

func TestTrend(t *testing.T) {
	// Worked by hand. 2024-S1: every element {0, 20, 60, 20}: NRR 3.0, score 75.00, sd of the
	// answers √(40/99) = 0.635642, element SE 0.635642/√100 × 25 = 1.589104.
	// 2025-S1: U1 {0, 15, 60, 25} (NRR 3.1, 77.50, sd √(39/99), SE 1.569118), the others
	// {0, 10, 60, 30} (NRR 3.2, 80.00, sd √(36/99), SE 1.507557); score 25/9 × 28.7 = 79.72.
	// Elements: U1's +2.50 is under 1.96·√(1.589104² + 1.569118²) = 4.377, the others' +5.00
	// over 1.96·√(1.589104² + 1.507557²) = 4.293. Overall, with SEs of 1.5 and 1.0, +4.72 is
	// over 1.96·√3.25 = 3.533.
	// 2025-S2: as 2025-S1 but U9 blank and U2 a single answer of 1 (25.00, spread unknown):
	// score 25/8 × (3.1 + 1 + 6 × 3.2) = 72.8125 → 72.81; its interval has no estimate.
	s1 := same(Distribution{0, 20, 60, 20})
	s3 := same(Distribution{0, 10, 60, 30})
	s3.Elements[0] = Distribution{0, 15, 60, 25}
	s4 := s3
	s4.Elements[1] = Distribution{1, 0, 0, 0}
	s4.Elements[8] = Distribution{}
	points := []Point{
		{"2024-S1", Compute(s1), Interval{Method: MethodRespondents, SE: 1.5}},
		{"2024-S2", Compute(Tally{}), Interval{Method: MethodNone}},
		{"2025-S1", Compute(s3), Interval{Method: MethodElements, SE: 1.0}},
		{"2025-S2", Compute(s4), Interval{Low: 25, High: 100, Method: MethodNone}},
	}
	rising := func(code string) Change { return Change{code, 75, 80, 5, true} }
	flat := func(code string) Change { return Change{code, 80, 80, 0, false} }
	want := []TrendStep{
		{
			From: "2024-S1", To: "2025-S1",
			Overall: Change{"", 75, 79.72, 4.72, true},
			Elements: []Change{
				{"U1", 75, 77.5, 2.5, false},
				rising("U2"), rising("U3"), rising("U4"), rising("U5"),
				rising("U6"), rising("U7"), rising("U8"), rising("U9"),
			},
		},
		{
			From: "2025-S1", To: "2025-S2",
			Overall: Change{"", 79.72, 72.81, -6.91, false},
			Elements: []Change{
				{"U1", 77.5, 77.5, 0, false},
				{"U2", 80, 25, -55, false},
				flat("U3"), flat("U4"), flat("U5"), flat("U6"), flat("U7"), flat("U8"),
			},
		},
	}
	got, err := Trend(points)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Trend =\n%+v\nwant\n%+v", got, want)
	}
}

func TestTrendDegenerate(t *testing.T) {
	scored := Point{"2025-S1", Compute(tallyOf(t, vectorA...)), Interval{}}
	empty := Point{"2025-S2", Compute(Tally{}), Interval{}}
	tests := []struct {
		name   string
		points []Point
	}{
		{"none", nil},
		{"one", []Point{scored}},
		{"all empty", []Point{empty, empty}},
		{"one scored among empty", []Point{empty, scored, empty}},
	}
	for _, tc := range tests {
		got, err := Trend(tc.points)
		if err != nil || len(got) != 0 {
			t.Errorf("%s: Trend = %+v, %v; want no steps", tc.name, got, err)
		}
	}
}

func TestTrendCensus(t *testing.T) {
	// Two censuses (SE 0): any change is real, however small.
	a := Point{"2024-S2", Compute(same(Distribution{0, 0, 9, 1})), Interval{Method: MethodRespondents}}
	b := Point{"2025-S1", Compute(same(Distribution{0, 0, 8, 2})), Interval{Method: MethodRespondents}}
	got, err := Trend([]Point{a, b})
	if err != nil || len(got) != 1 {
		t.Fatalf("Trend = %+v, %v", got, err)
	}
	if want := (Change{"", 77.5, 80, 2.5, true}); got[0].Overall != want {
		t.Errorf("overall change %+v, want %+v", got[0].Overall, want)
	}
}

func TestTrendRegimes(t *testing.T) {
	// Every element {0, 48, 52, 0} of 100 answers: NRR 2.52, score 63.00 in both regimes, which
	// is B under KepMenPAN 25/2004 and D under PermenPANRB 14/2017: they must not meet in a trend.
	legacy := Result{Regime: RegimeKepMenPAN2004, Respondents: 100, IKM: 2.52, Score: 63, ScoreHundredths: 6300, Grade: RegimeKepMenPAN2004.GradeOf(6300)}
	current := Compute(same(Distribution{0, 48, 52, 0}))
	points := []Point{{Campaign: "2016", Result: legacy}, {Campaign: "2018-S1", Result: current}}
	if _, err := Trend(points); !errors.Is(err, ErrMixedRegimes) {
		t.Errorf("mixed regimes: err = %v, want ErrMixedRegimes", err)
	}
	// Imported history alone forms a trend of overall scores.
	history := []Point{{Campaign: "2016", Result: legacy}, {Campaign: "2017", Result: legacy}}
	want := []TrendStep{{From: "2016", To: "2017", Overall: Change{"", 63, 63, 0, false}}}
	if got, err := Trend(history); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("legacy history: Trend = %+v, %v; want %+v", got, err, want)
	}
}

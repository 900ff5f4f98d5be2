package analytics

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// region is five units worked by hand (every element of a unit has the same distribution):
//
//	Dinas A  G1  {0,0,5,5}   10 resp.  87.50 B  population 100 → target 80, below
//	Dinas B  G1  {0,0,0,10}  10 resp. 100.00 A  population 10  → target 10, reached
//	Dinas C  G2  {0,0,5,5}   10 resp.  87.50 B  population 0   → unknown
//	Dinas D  G2  {0,20,0,0}  20 resp.  50.00 D  population 20  → target 19, reached
//	Dinas E  G2  no responses                   population 50  → target 44, below
func region() []Unit {
	return []Unit{
		{ID: "d", Name: "Dinas D", Group: "G2", Tally: same(Distribution{0, 20, 0, 0}), Population: 20},
		{ID: "e", Name: "Dinas E", Group: "G2", Population: 50},
		{ID: "c", Name: "Dinas C", Group: "G2", Tally: same(Distribution{0, 0, 5, 5})},
		{ID: "a", Name: "Dinas A", Group: "G1", Tally: same(Distribution{0, 0, 5, 5}), Population: 100},
		{ID: "b", Name: "Dinas B", Group: "G1", Tally: same(Distribution{0, 0, 0, 10}), Population: 10},
	}
}

// ranking returns the IDs, ranks and scores of a summary's ranking.
func ranking(s Summary) (ids []string, ranks []int, scores []int64) {
	for _, r := range s.Ranking {
		ids = append(ids, r.Unit.ID)
		ranks = append(ranks, r.Rank)
		scores = append(scores, r.Result.ScoreHundredths)
	}
	return ids, ranks, scores
}

func TestRollup(t *testing.T) {
	units := region()
	s := Rollup(units)

	// Pooled, each element: {0,0,5,5}+{0,0,0,10}+{0,0,5,5}+{0,20,0,0} = {0,20,10,20}, 50
	// answers adding up to 150: NRR 3.0, 75.00 C. The mean of the units' scores is
	// (87.50 + 100 + 87.50 + 50)/4 = 81.25, B: the big weak unit weighs more when pooled.
	if s.Pooled.ScoreHundredths != 7500 || s.Pooled.Grade != GradeC || s.Pooled.Respondents != 50 {
		t.Errorf("pooled %d %q from %d respondents, want 7500 C from 50", s.Pooled.ScoreHundredths, s.Pooled.Grade, s.Pooled.Respondents)
	}
	if s.MeanOfUnits != 81.25 {
		t.Errorf("MeanOfUnits = %v, want 81.25", s.MeanOfUnits)
	}

	ids, ranks, scores := ranking(s)
	wantIDs := []string{"b", "a", "c", "d", "e"} // A before C on the tie: by name
	wantRanks := []int{1, 2, 2, 4, 0}
	wantScores := []int64{10000, 8750, 8750, 5000, 0}
	if !reflect.DeepEqual(ids, wantIDs) || !reflect.DeepEqual(ranks, wantRanks) || !reflect.DeepEqual(scores, wantScores) {
		t.Errorf("ranking %v %v %v, want %v %v %v", ids, ranks, scores, wantIDs, wantRanks, wantScores)
	}
	if want := map[Grade]int{GradeA: 1, GradeB: 2, GradeC: 0, GradeD: 1}; !reflect.DeepEqual(s.Grades, want) {
		t.Errorf("Grades = %v, want %v", s.Grades, want)
	}

	var below []string
	for _, r := range s.BelowTarget {
		below = append(below, r.Unit.ID)
	}
	if want := []string{"a", "e"}; !reflect.DeepEqual(below, want) {
		t.Errorf("BelowTarget = %v, want %v", below, want)
	}

	for _, r := range s.Ranking {
		if want := ScoreInterval(r.Unit.Tally, r.Unit.Population); r.Interval != want {
			t.Errorf("%s: interval %+v, want %+v", r.Unit.ID, r.Interval, want)
		}
		if want := SampleAdequacy(r.Unit.Population, r.Unit.Tally.Respondents); r.Adequacy != want {
			t.Errorf("%s: adequacy %+v, want %+v", r.Unit.ID, r.Adequacy, want)
		}
	}
	if !reflect.DeepEqual(units, region()) {
		t.Error("Rollup changed its input")
	}
}

func TestRollupMeanRounding(t *testing.T) {
	// 87.50 and 83.33 (nine elements of 3 answers adding up to 10): mean 85.415 → 85.42.
	s := Rollup([]Unit{
		{Name: "x", Tally: same(Distribution{0, 0, 5, 5})},
		{Name: "y", Tally: uniform(t, 3, 10)},
	})
	if s.MeanOfUnits != 85.42 {
		t.Errorf("MeanOfUnits = %v, want 85.42", s.MeanOfUnits)
	}
}

func TestRollupEmpty(t *testing.T) {
	for _, units := range [][]Unit{nil, {{Name: "nobody"}}} {
		s := Rollup(units)
		if !s.Pooled.Empty || s.MeanOfUnits != 0 || len(s.Ranking) != len(units) || len(s.BelowTarget) != 0 {
			t.Errorf("Rollup(%d units without responses) = %+v", len(units), s)
		}
		if want := map[Grade]int{GradeA: 0, GradeB: 0, GradeC: 0, GradeD: 0}; !reflect.DeepEqual(s.Grades, want) {
			t.Errorf("Grades = %v, want %v", s.Grades, want)
		}
	}
}

func TestGroups(t *testing.T) {
	g := Groups(region())
	if len(g) != 2 {
		t.Fatalf("%d groups, want 2", len(g))
	}
	tests := []struct {
		group  string
		ids    []string
		ranks  []int
		pooled int64
	}{
		// G1: {0,0,5,15} per element, 20 answers adding up to 75: NRR 3.75, 93.75.
		{"G1", []string{"b", "a"}, []int{1, 2}, 9375},
		// G2: {0,20,5,5}, 30 answers adding up to 75: NRR 2.5, 62.50.
		{"G2", []string{"c", "d", "e"}, []int{1, 2, 0}, 6250},
	}
	for _, tc := range tests {
		s := g[tc.group]
		ids, ranks, _ := ranking(s)
		if !reflect.DeepEqual(ids, tc.ids) || !reflect.DeepEqual(ranks, tc.ranks) || s.Pooled.ScoreHundredths != tc.pooled {
			t.Errorf("%s: %v %v pooled %d, want %v %v %d", tc.group, ids, ranks, s.Pooled.ScoreHundredths, tc.ids, tc.ranks, tc.pooled)
		}
	}
	if got := Groups(nil); len(got) != 0 {
		t.Errorf("Groups(nil) = %v", got)
	}
}

// simulatedUnit returns a unit of respondents answering at random around a unit-specific
// level, with one answer in fifty left blank.
func simulatedUnit(rng *rand.Rand, id int) Unit {
	u := Unit{ID: string(rune('a'+id%26)) + string(rune('a'+id/26%26)), Group: "OPD", Population: int64(200 + rng.IntN(5000))}
	u.Name = "Unit " + u.ID
	level := 2 + rng.Float64()*1.8
	for range 50 + rng.IntN(350) {
		u.Tally.Respondents++
		sum, complete := 0, true
		for e := range u.Tally.Elements {
			if rng.IntN(50) == 0 {
				complete = false
				continue
			}
			score := min(max(int(level+rng.NormFloat64()*0.7+0.5), 1), 4)
			u.Tally.Elements[e][score-1]++
			sum += score
		}
		if complete {
			u.Tally.RespondentSums[sum-9]++
		}
	}
	return u
}

func BenchmarkRollupRegion500(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	units := make([]Unit, 500)
	for i := range units {
		units[i] = simulatedUnit(rng, i)
	}
	for b.Loop() {
		Rollup(units)
	}
}

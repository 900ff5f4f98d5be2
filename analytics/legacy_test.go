package analytics

import "testing"

// legacySame returns a legacy tally whose fourteen elements all have distribution d.
func legacySame(d Distribution) LegacyTally {
	t := LegacyTally{Respondents: d.Answered()}
	for i := range t.Elements {
		t.Elements[i] = d
	}
	return t
}

func TestComputeLegacy(t *testing.T) {
	// Thirteen elements {0, 0, 10, 10} (NRR 3.5) and one {0, 10, 10, 0} (NRR 2.5):
	// IKM (13 × 3.5 + 2.5)/14 = 48/14 = 3.428571…, score 85.714… → 85.71, A under 2004
	// (81.26–100) but B under 2017 (76.61–88.30).
	mixed := legacySame(Distribution{0, 0, 10, 10})
	mixed.Elements[13] = Distribution{0, 10, 10, 0}
	// Weight exactly 1/14: a survey of all 4s scores 100.00 (the rounded 0.071 would give 99.40).
	perfect := legacySame(Distribution{0, 0, 0, 3})
	// One element blank: the mean runs over the thirteen answered.
	blank := legacySame(Distribution{0, 0, 0, 3})
	blank.Elements[5] = Distribution{}

	tests := []struct {
		name  string
		tally LegacyTally
		score int64
		grade Grade
	}{
		{"63.00 is B", legacySame(Distribution{0, 48, 52, 0}), 6300, GradeB},
		{"mixed", mixed, 8571, GradeA},
		{"perfect", perfect, 10000, GradeA},
		{"one element blank", blank, 10000, GradeA},
		// Every answer 3: 75.00, B under 2004 (C under 2017).
		{"all 3", legacySame(Distribution{0, 0, 4, 0}), 7500, GradeB},
		// 43.75 (NRR 1.75) is the top of D, 43.76 would be C.
		{"43.75 is D", legacySame(Distribution{1, 3, 0, 0}), 4375, GradeD},
	}
	for _, tc := range tests {
		r := ComputeLegacy(tc.tally)
		if r.ScoreHundredths != tc.score || r.Score != float64(tc.score)/100 || r.Grade != tc.grade ||
			r.Performance != tc.grade.Performance() || r.Regime != RegimeKepMenPAN2004 || r.Empty {
			t.Errorf("%s: %d %q %q %q, want %d %q", tc.name, r.ScoreHundredths, r.Grade, r.Performance, r.Regime, tc.score, tc.grade)
		}
	}

	// The same 63.00 under 2017 is D.
	if r := Compute(same(Distribution{0, 48, 52, 0})); r.ScoreHundredths != 6300 || r.Grade != GradeD {
		t.Errorf("2017: %d %q, want 6300 D", r.ScoreHundredths, r.Grade)
	}
}

func TestComputeLegacyElements(t *testing.T) {
	mixed := legacySame(Distribution{0, 0, 10, 10})
	mixed.Elements[13] = Distribution{0, 10, 10, 0}
	r := ComputeLegacy(mixed)
	for i, e := range r.Elements {
		want := struct {
			score int64
			grade Grade
		}{8750, GradeA} // 3.5 × 25 = 87.50: A under 2004, though B under 2017
		if i == 13 {
			want.score, want.grade = 6250, GradeC // 62.50 is the top of 2004's C
		}
		if e.Code != LegacyElementCodes[i] || e.ScoreHundredths != want.score || e.Grade != want.grade {
			t.Errorf("element %d = %s %d %q, want %d %q", i, e.Code, e.ScoreHundredths, e.Grade, want.score, want.grade)
		}
		if !near(e.WeightedNRR, e.NRR/14, 1e-15) {
			t.Errorf("%s weighted NRR %v, want NRR/14", e.Code, e.WeightedNRR)
		}
	}
}

func TestComputeLegacyEmpty(t *testing.T) {
	r := ComputeLegacy(LegacyTally{Respondents: 3})
	if !r.Empty || r.Grade != "" || r.Score != 0 || r.Respondents != 3 {
		t.Errorf("empty legacy tally: %+v", r)
	}
	o := r.Overall()
	if !o.Empty || o.Regime != RegimeKepMenPAN2004 || o.Respondents != 3 {
		t.Errorf("Overall of empty legacy result: %+v", o)
	}
}

func TestLegacyOverall(t *testing.T) {
	r := ComputeLegacy(legacySame(Distribution{0, 48, 52, 0}))
	o := r.Overall()
	if o.Regime != RegimeKepMenPAN2004 || o.ScoreHundredths != 6300 || o.Score != 63 || o.Grade != GradeB ||
		o.Performance != "Baik" || o.IKM != r.IKM || o.Respondents != 100 {
		t.Errorf("Overall() = %+v", o)
	}
	for _, e := range o.Elements {
		if e.Answered != 0 {
			t.Errorf("Overall() carries element %+v; the legacy elements do not map onto U1..U9", e)
		}
	}
}

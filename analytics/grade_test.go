package analytics

import "testing"

func TestGradeOf(t *testing.T) {
	tests := []struct {
		hundredths int64
		grade      Grade
	}{
		{10000, GradeA},
		{8831, GradeA}, // 88.305 after rounding
		{8830, GradeB},
		{8825, GradeB}, // vector C with the printed weight 0.111: the weight decides the grade
		{7661, GradeB},
		{7660, GradeC},
		{6500, GradeC},
		{6499, GradeD},
		{6300, GradeD},
		{2500, GradeD},
		{0, GradeD},
	}
	for _, tc := range tests {
		if got := GradeOf(tc.hundredths); got != tc.grade {
			t.Errorf("GradeOf(%d) = %q, want %q", tc.hundredths, got, tc.grade)
		}
	}
}

func TestRegimeGradeOf(t *testing.T) {
	tests := []struct {
		regime     Regime
		hundredths int64
		grade      Grade
	}{
		// KepMenPAN 25/2004: 81.26–100 A, 62.51–81.25 B, 43.76–62.50 C, 25–43.75 D.
		{RegimeKepMenPAN2004, 10000, GradeA},
		{RegimeKepMenPAN2004, 8126, GradeA},
		{RegimeKepMenPAN2004, 8125, GradeB},
		{RegimeKepMenPAN2004, 6300, GradeB},   // 63.00: B under 2004 ...
		{RegimePermenPANRB2017, 6300, GradeD}, // ... and D under 2017
		{RegimeKepMenPAN2004, 6251, GradeB},
		{RegimeKepMenPAN2004, 6250, GradeC},
		{RegimeKepMenPAN2004, 4376, GradeC},
		{RegimeKepMenPAN2004, 4375, GradeD},
		{RegimeKepMenPAN2004, 2500, GradeD},
		{RegimePermenPANRB2017, 8831, GradeA},
		{Regime("other"), 8831, ""},
		{Regime(""), 8831, ""},
	}
	for _, tc := range tests {
		if got := tc.regime.GradeOf(tc.hundredths); got != tc.grade {
			t.Errorf("%q.GradeOf(%d) = %q, want %q", tc.regime, tc.hundredths, got, tc.grade)
		}
	}
}

func TestPerformance(t *testing.T) {
	tests := []struct {
		grade Grade
		id    string
		en    string
	}{
		{GradeA, "Sangat Baik", "Very good"},
		{GradeB, "Baik", "Good"},
		{GradeC, "Kurang Baik", "Poor"},
		{GradeD, "Tidak Baik", "Very poor"},
		{"", "", ""},
		{"E", "", ""},
	}
	for _, tc := range tests {
		if got := tc.grade.Performance(); got != tc.id {
			t.Errorf("%q.Performance() = %q, want %q", tc.grade, got, tc.id)
		}
		if got := tc.grade.PerformanceEN(); got != tc.en {
			t.Errorf("%q.PerformanceEN() = %q, want %q", tc.grade, got, tc.en)
		}
	}
}

package analytics

import (
	"reflect"
	"testing"
)

func TestPriorities(t *testing.T) {
	// Vector A, by hand: NRR 3.3, 3.0, 2.9, 3.9, 3.3, 3.3, 3.6, 2.8, 3.3 and IKM 3.2667. Weakest
	// first: U8 70.00 C, U3 72.50 C, U2 75.00 C, then the four 82.50s in element order, U7, U4.
	// Only the three C elements are below the average (3.3 is above 3.2667).
	vectorAWant := []Priority{
		{"U8", 70, GradeC, true, true},
		{"U3", 72.5, GradeC, true, true},
		{"U2", 75, GradeC, true, true},
		{"U1", 82.5, GradeB, false, false},
		{"U5", 82.5, GradeB, false, false},
		{"U6", 82.5, GradeB, false, false},
		{"U9", 82.5, GradeB, false, false},
		{"U7", 90, GradeA, false, false},
		{"U4", 97.5, GradeA, false, false},
	}

	// Exactness: U1 has NRR 10/3 and U2 3333/1000; both score 83.33, but U2 is lower and ranks
	// first although it comes later. The IKM (10/3 + 3333/1000 + 7 × 4)/9 = 3.8518… puts both
	// below average; the 4s are above it.
	nearTie := same(Distribution{0, 0, 0, 3})
	nearTie.Elements[0] = Distribution{0, 0, 2, 1}
	nearTie.Elements[1] = Distribution{0, 0, 667, 333}
	top := func(code string) Priority { return Priority{code, 100, GradeA, false, false} }
	nearTieWant := []Priority{
		{"U2", 83.33, GradeB, true, true},
		{"U1", 83.33, GradeB, true, true},
		top("U3"), top("U4"), top("U5"), top("U6"), top("U7"), top("U8"), top("U9"),
	}

	// Every element 3.0 exactly (C): none is below the average, all need follow-up by grade.
	// U5 left blank is omitted.
	level := same(Distribution{0, 0, 3, 0})
	level.Elements[4] = Distribution{}
	atAverage := func(code string) Priority { return Priority{code, 75, GradeC, false, true} }
	levelWant := []Priority{
		atAverage("U1"), atAverage("U2"), atAverage("U3"), atAverage("U4"),
		atAverage("U6"), atAverage("U7"), atAverage("U8"), atAverage("U9"),
	}

	tests := []struct {
		name   string
		result Result
		want   []Priority
	}{
		{"vector A", Compute(tallyOf(t, vectorA...)), vectorAWant},
		{"exact ranks", Compute(nearTie), nearTieWant},
		{"all at average", Compute(level), levelWant},
		{"empty", Compute(Tally{}), nil},
	}
	for _, tc := range tests {
		if got := Priorities(tc.result); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Priorities =\n%+v\nwant\n%+v", tc.name, got, tc.want)
		}
	}
}

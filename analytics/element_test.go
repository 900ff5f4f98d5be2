package analytics

import (
	"strconv"
	"strings"
	"testing"
)

// tallyOf builds a tally from questionnaire rows written as in docs/METHOD.md: nine
// comma-separated scores in element order, a blank cell for an unanswered element.
func tallyOf(tb testing.TB, rows ...string) Tally {
	tb.Helper()
	var t Tally
	for _, row := range rows {
		cells := strings.Split(row, ",")
		if len(cells) != 9 {
			tb.Fatalf("row %q has %d cells, want 9", row, len(cells))
		}
		t.Respondents++
		sum, complete := 0, true
		for i, cell := range cells {
			if cell == "" {
				complete = false
				continue
			}
			score, err := strconv.Atoi(cell)
			if err != nil || score < 1 || score > 4 {
				tb.Fatalf("row %q: bad score %q", row, cell)
			}
			t.Elements[i][score-1]++
			sum += score
		}
		if complete {
			t.RespondentSums[sum-9]++
		}
	}
	return t
}

// answers returns a distribution of n answers whose scores add up to sum (n ≤ sum ≤ 4n): as many
// 4s as fit, one answer taking the remainder, 1s for the rest.
func answers(tb testing.TB, n, sum int64) Distribution {
	tb.Helper()
	if sum < n || sum > 4*n {
		tb.Fatalf("no %d answers add up to %d", n, sum)
	}
	var d Distribution
	fours, rest := (sum-n)/3, (sum-n)%3
	d[3] = fours
	if rest > 0 {
		d[rest]++
	}
	d[0] += n - fours - min(rest, 1)
	return d
}

func TestAnswersHelper(t *testing.T) {
	for _, tc := range []struct{ n, sum int64 }{{1, 1}, {1, 4}, {5, 12}, {29, 105}, {5000, 17661}, {4, 16}} {
		d := answers(t, tc.n, tc.sum)
		if d.Answered() != tc.n || d.Sum() != tc.sum {
			t.Errorf("answers(%d, %d) = %v: %d answers adding up to %d", tc.n, tc.sum, d, d.Answered(), d.Sum())
		}
	}
}

func TestElementIndex(t *testing.T) {
	tests := []struct {
		code  string
		index int
		ok    bool
	}{
		{"U1", 0, true},
		{"U8", 7, true}, // complaints: the 8th element although the sample asks it as Q9
		{"U9", 8, true},
		{"u1", 0, false},
		{"U10", 0, false},
		{"Q8", 0, false},
		{"", 0, false},
	}
	for _, tc := range tests {
		i, ok := ElementIndex(tc.code)
		if i != tc.index || ok != tc.ok {
			t.Errorf("ElementIndex(%q) = %d, %v; want %d, %v", tc.code, i, ok, tc.index, tc.ok)
		}
	}
}

func TestDistribution(t *testing.T) {
	tests := []struct {
		name     string
		d        Distribution
		answered int64
		sum      int64
	}{
		{"none", Distribution{}, 0, 0},
		{"one of each", Distribution{1, 1, 1, 1}, 4, 10},
		{"vector A U1", Distribution{0, 1, 5, 4}, 10, 33},
		{"negative read as zero", Distribution{-3, 0, 2, 0}, 2, 6},
		{"huge capped", Distribution{0, 0, 0, 1 << 62}, MaxCount, 4 * MaxCount},
	}
	for _, tc := range tests {
		if got := tc.d.Answered(); got != tc.answered {
			t.Errorf("%s: Answered() = %d, want %d", tc.name, got, tc.answered)
		}
		if got := tc.d.Sum(); got != tc.sum {
			t.Errorf("%s: Sum() = %d, want %d", tc.name, got, tc.sum)
		}
	}
}

func TestTallyAdd(t *testing.T) {
	a := tallyOf(t, "4,4,4,4,4,4,4,4,4", "1,2,3,4,1,2,3,4,")
	b := tallyOf(t, "3,3,3,3,3,3,3,3,3")
	a.Add(b)
	want := tallyOf(t, "4,4,4,4,4,4,4,4,4", "1,2,3,4,1,2,3,4,", "3,3,3,3,3,3,3,3,3")
	if a != want {
		t.Errorf("Add pooled to\n%+v\nwant\n%+v", a, want)
	}

	var huge Tally
	huge.Respondents = MaxCount
	huge.Elements[0][3] = MaxCount
	huge.Add(huge)
	if huge.Respondents != MaxCount || huge.Elements[0][3] != MaxCount {
		t.Errorf("Add beyond MaxCount gave %d respondents, %d answers; want both capped at %d",
			huge.Respondents, huge.Elements[0][3], int64(MaxCount))
	}
}

func TestSampleSD(t *testing.T) {
	tests := []struct {
		name   string
		counts []int64
		first  int
		n      int64
		sd     float64
	}{
		{"empty", []int64{0, 0, 0, 0}, 1, 0, 0},
		{"one answer", []int64{0, 0, 1, 0}, 1, 1, 0},
		{"all equal", []int64{0, 0, 7, 0}, 1, 7, 0},
		// 3,4: mean 3.5, squares 0.25+0.25, over n−1 = 1: sd √0.5.
		{"3 and 4", []int64{0, 0, 1, 1}, 1, 2, 0.7071067811865476},
		// 1 and 4 twice each: mean 2.5, squares 4 × 2.25 = 9, over 3: sd √3.
		{"1,1,4,4", []int64{2, 0, 0, 2}, 1, 4, 1.7320508075688772},
		// Respondent sums 9 and 36 start at 9: mean 22.5, squares 2 × 182.25, over 1: sd √364.5.
		{"sums", append([]int64{1}, append(make([]int64, 26), 1)...), 9, 2, 19.091883092036785},
	}
	for _, tc := range tests {
		n, sd := sampleSD(tc.counts, tc.first)
		if n != tc.n || !near(sd, tc.sd, 1e-12) {
			t.Errorf("%s: sampleSD = %d, %v; want %d, %v", tc.name, n, sd, tc.n, tc.sd)
		}
	}
}

// near reports whether got is within tol of want.
func near(got, want, tol float64) bool {
	return got-want <= tol && want-got <= tol
}

package analytics

import "math"

// ElementCodes lists the nine elements (unsur) of PermenPANRB 14/2017 in the regulation's
// order, which is not the sample questionnaire's question order (U8 is asked as Q9, U9 as Q8).
var ElementCodes = [9]string{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"}

// ElementIndex returns the position of an element code in ElementCodes.
func ElementIndex(code string) (int, bool) {
	for i, c := range ElementCodes {
		if c == code {
			return i, true
		}
	}
	return 0, false
}

// MaxCount bounds every count so that the exact integer arithmetic cannot overflow; it is over a
// hundred times the world's population, so only corrupt data reaches it.
const MaxCount = 1 << 40

// count reads a stored count into [0, MaxCount], the domain every computation assumes.
func count(c int64) int64 {
	return min(max(c, 0), MaxCount)
}

// addCounts pools two counts without leaving [0, MaxCount].
func addCounts(a, b int64) int64 {
	return min(count(a)+count(b), MaxCount)
}

// Distribution counts the answers to one element by score: [0] answers scored 1, ..., [3] scored 4.
type Distribution [4]int64

// Answered returns the number of answers; blanks are not counted, so they never weigh as zeros.
func (d Distribution) Answered() int64 {
	var n int64
	for _, c := range d {
		n += count(c)
	}
	return n
}

// Sum returns the total of the scores given (Σ score × count).
func (d Distribution) Sum() int64 {
	var s int64
	for i, c := range d {
		s += int64(i+1) * count(c)
	}
	return s
}

// Tally is the counts of one unit, service or group for one campaign under PermenPANRB 14/2017.
type Tally struct {
	Respondents int64
	Elements    [9]Distribution
	// RespondentSums[k] is the number of respondents who answered all nine elements and whose
	// scores add up to k+9 (9..36); the confidence interval needs this per-respondent spread,
	// which element counts alone cannot give.
	RespondentSums [28]int64
}

// Add pools another tally's counts into t, as for a group or a region.
func (t *Tally) Add(o Tally) {
	t.Respondents = addCounts(t.Respondents, o.Respondents)
	for i := range t.Elements {
		for j := range t.Elements[i] {
			t.Elements[i][j] = addCounts(t.Elements[i][j], o.Elements[i][j])
		}
	}
	for k := range t.RespondentSums {
		t.RespondentSums[k] = addCounts(t.RespondentSums[k], o.RespondentSums[k])
	}
}

// sampleSD returns the number of observations in a histogram whose bucket j holds the value
// first+j, and their sample standard deviation (0 below two observations). It takes two passes
// so that a large mean cannot cancel away a small spread.
func sampleSD(counts []int64, first int) (int64, float64) {
	var n int64
	var total float64
	for j, c := range counts {
		n += count(c)
		total += float64(count(c)) * float64(first+j)
	}
	if n < 2 {
		return n, 0
	}
	mean := total / float64(n)
	var squares float64
	for j, c := range counts {
		d := float64(first+j) - mean
		squares += float64(count(c)) * d * d
	}
	return n, math.Sqrt(squares / float64(n-1))
}

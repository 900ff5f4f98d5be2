package analytics

// KrejcieMorgan returns the minimum sample for a population of N service users:
// S = 3.841·N·0.25 / (0.0025·(N−1) + 0.96025), rounded to the nearest integer (half up).
//
// The decimal constants make the formula the exact rational 3841·N / (10·N + 3831), so it is
// evaluated in integers and no float can fall on the wrong side of a .5. A population of zero or
// less gives 0.
func KrejcieMorgan(population int64) int64 {
	if population <= 0 {
		return 0
	}
	// S rises towards 384.1 and is at least 383.5 from N = 244865 on, so every larger
	// population needs 384; capping N keeps 2·3841·N from overflowing.
	n := min(population, MaxCount)
	den := 10*n + 3831
	return (2*3841*n + den) / (2 * den)
}

// Adequacy reports whether a unit has collected the sample its population needs.
type Adequacy struct {
	Population  int64
	Target      int64
	Respondents int64
	Reached     bool
	// Progress is Respondents / Target, capped at 1 for a progress bar.
	Progress float64
}

// SampleAdequacy compares the respondents with the Krejcie–Morgan target for the population.
//
// A population of 0 means unknown: Target is 0 and Reached false, because adequacy cannot be
// judged. A population smaller than the respondents is allowed (the target never exceeds the
// population, so it is Reached). Negative inputs are read as 0.
func SampleAdequacy(population, respondents int64) Adequacy {
	a := Adequacy{Population: max(population, 0), Respondents: count(respondents)}
	a.Target = KrejcieMorgan(a.Population)
	if a.Target == 0 {
		return a
	}
	a.Reached = a.Respondents >= a.Target
	a.Progress = min(float64(a.Respondents)/float64(a.Target), 1)
	return a
}

// short reports that a known target has not been reached.
func (a Adequacy) short() bool {
	return a.Target > 0 && !a.Reached
}

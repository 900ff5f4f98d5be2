package analytics

import (
	"cmp"
	"slices"
)

// Unit is one service unit's counts for a campaign, with the population it served (0 when unknown).
type Unit struct {
	ID, Name, Group string
	Tally           Tally
	Population      int64
}

// Ranked is a unit's line in a roll-up.
type Ranked struct {
	// Rank is the unit's place by score, shared by equal scores (1, 2, 2, 4); 0 for a unit
	// without responses.
	Rank     int
	Unit     Unit
	Result   Result
	Interval Interval
	Adequacy Adequacy
}

// Summary is the roll-up of several units: a region, or one group (OPD) of it.
type Summary struct {
	// Pooled is computed from the summed counts, so each unit weighs by its respondents.
	Pooled Result
	// MeanOfUnits is the unweighted mean of the units' published scores, over the units with a
	// score, rounded half-up to 2 decimals; 0 when no unit has one.
	MeanOfUnits float64
	// Ranking lists the units by score, highest first, equal scores by name; units without
	// responses come last, by name, without rank.
	Ranking []Ranked
	// Grades counts the scored units by grade, with every grade present.
	Grades map[Grade]int
	// BelowTarget lists, in ranking order, the units with a known population whose respondents
	// are under their Krejcie–Morgan target.
	BelowTarget []Ranked
}

// Rollup summarises units; Pooled and MeanOfUnits answer different questions (how satisfied
// the region's users are, and how well the typical unit does), so reports show both.
func Rollup(units []Unit) Summary {
	s := Summary{Grades: map[Grade]int{GradeA: 0, GradeB: 0, GradeC: 0, GradeD: 0}}
	var pooled Tally
	var scoreSum, scored int64
	results := make([]Result, len(units))
	for i, u := range units {
		pooled.Add(u.Tally)
		results[i] = Compute(u.Tally)
		if r := results[i]; !r.Empty {
			scoreSum += r.ScoreHundredths
			scored++
			s.Grades[r.Grade]++
		}
	}
	s.Pooled = Compute(pooled)
	if scored > 0 {
		s.MeanOfUnits = float64((2*scoreSum+scored)/(2*scored)) / 100
	}

	// Sorting indices rather than the Ranked values (about 1.5 kB each) saves copying them at
	// every swap.
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := results[i], results[j]
		if a.Empty != b.Empty {
			if a.Empty {
				return 1
			}
			return -1
		}
		return cmp.Or(
			cmp.Compare(b.ScoreHundredths, a.ScoreHundredths),
			cmp.Compare(units[i].Name, units[j].Name),
			cmp.Compare(units[i].ID, units[j].ID),
		)
	})
	s.Ranking = make([]Ranked, len(units))
	for pos, i := range order {
		u, r := units[i], results[i]
		s.Ranking[pos] = Ranked{
			Unit:     u,
			Result:   r,
			Interval: scoreInterval(u.Tally, r, u.Population),
			Adequacy: SampleAdequacy(u.Population, r.Respondents),
		}
		switch {
		case r.Empty:
			// Without responses a unit has no place.
		case pos > 0 && r.ScoreHundredths == s.Ranking[pos-1].Result.ScoreHundredths:
			s.Ranking[pos].Rank = s.Ranking[pos-1].Rank
		default:
			s.Ranking[pos].Rank = pos + 1
		}
	}
	// Counted first so that the copies are allocated once.
	below := 0
	for _, r := range s.Ranking {
		if r.Adequacy.short() {
			below++
		}
	}
	if below > 0 {
		s.BelowTarget = make([]Ranked, 0, below)
		for _, r := range s.Ranking {
			if r.Adequacy.short() {
				s.BelowTarget = append(s.BelowTarget, r)
			}
		}
	}
	return s
}

// Groups rolls units up by their Group (OPD), one Summary per group.
func Groups(units []Unit) map[string]Summary {
	byGroup := make(map[string][]Unit)
	for _, u := range units {
		byGroup[u.Group] = append(byGroup[u.Group], u)
	}
	out := make(map[string]Summary, len(byGroup))
	for g, us := range byGroup {
		out[g] = Rollup(us)
	}
	return out
}

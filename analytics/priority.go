package analytics

import (
	"math/big"
	"slices"
)

// Priority is an element's place in the follow-up plan (rencana tindak lanjut).
type Priority struct {
	Code  string
	Score float64
	Grade Grade
	// BelowAverage reports that the element's NRR is below the unit's IKM.
	BelowAverage bool
	// FollowUp reports that the element needs a follow-up action: below average or graded C or D.
	FollowUp bool
}

// Priorities ranks the answered elements of a result weakest first, ties in element order.
//
// Ranks and the comparison with the IKM use the exact NRR (Sum/Answered), so two elements that
// round to the same score still rank by their true means, and an element exactly at the average
// is not below it. Unanswered elements are omitted; an empty result gives none.
func Priorities(r Result) []Priority {
	type ranked struct {
		index int
		nrr   *big.Rat
	}
	var elements []ranked
	ikm := new(big.Rat)
	for i, e := range r.Elements {
		if e.Answered > 0 {
			nrr := big.NewRat(e.Sum, e.Answered)
			elements = append(elements, ranked{i, nrr})
			ikm.Add(ikm, nrr)
		}
	}
	if len(elements) == 0 {
		return nil
	}
	ikm.Quo(ikm, big.NewRat(int64(len(elements)), 1))
	slices.SortStableFunc(elements, func(a, b ranked) int { return a.nrr.Cmp(b.nrr) })
	out := make([]Priority, len(elements))
	for j, el := range elements {
		e := r.Elements[el.index]
		below := el.nrr.Cmp(ikm) < 0
		out[j] = Priority{
			Code:         e.Code,
			Score:        e.Score,
			Grade:        e.Grade,
			BelowAverage: below,
			FollowUp:     below || e.Grade == GradeC || e.Grade == GradeD,
		}
	}
	return out
}

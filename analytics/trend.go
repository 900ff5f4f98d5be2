package analytics

import (
	"errors"
	"fmt"
	"math"
)

// ErrMixedRegimes is returned when a trend mixes results of different regimes, whose scores
// and grades do not compare (63.00 is B under KepMenPAN 25/2004 and D under PermenPANRB 14/2017).
var ErrMixedRegimes = errors.New("results of different regimes cannot form a trend")

// Point is a unit's result in one campaign.
type Point struct {
	Campaign string
	Result   Result
	Interval Interval
}

// Change is the change of one score between two campaigns.
type Change struct {
	Code     string // element code, "" for the overall score
	From, To float64
	Delta    float64
	// Significant reports that |Delta| > 1.96·√(se₁² + se₂²), a change larger than the sampling
	// uncertainty of the two scores; false when either uncertainty is unknown.
	Significant bool
}

// TrendStep is the change from one scored campaign to the next.
type TrendStep struct {
	From, To string // campaigns
	Overall  Change
	// Elements holds the changes of the elements answered in both campaigns, in element order.
	Elements []Change
}

// Trend returns the changes between consecutive scored points, given oldest first.
//
// Empty points are skipped, so a step can span a campaign without responses (its From and To
// name the campaigns compared). The overall standard error of a point is its Interval.SE (the
// standard error itself rather than half-width/1.96, since the half-width uses a t quantile and
// may be clamped at 100), unknown when the Interval has no method or MethodNone; an element's is
// sd_i/√n_i × 25 from its answers, unknown below two answers. Points of different regimes return
// ErrMixedRegimes.
func Trend(points []Point) ([]TrendStep, error) {
	for _, p := range points {
		if p.Result.Regime != points[0].Result.Regime {
			return nil, fmt.Errorf("trend: %s is %s but %s is %s: %w",
				points[0].Campaign, points[0].Result.Regime, p.Campaign, p.Result.Regime, ErrMixedRegimes)
		}
	}
	var steps []TrendStep
	var prev *Point
	for i := range points {
		p := &points[i]
		if p.Result.Empty {
			continue
		}
		if prev != nil {
			steps = append(steps, step(prev, p))
		}
		prev = p
	}
	return steps, nil
}

// step compares two scored points.
func step(a, b *Point) TrendStep {
	s := TrendStep{
		From:    a.Campaign,
		To:      b.Campaign,
		Overall: change("", a.Result.ScoreHundredths, b.Result.ScoreHundredths, overallSE(a.Interval), overallSE(b.Interval)),
	}
	for i, ea := range a.Result.Elements {
		eb := b.Result.Elements[i]
		if ea.Answered == 0 || eb.Answered == 0 {
			continue
		}
		s.Elements = append(s.Elements, change(ea.Code, ea.ScoreHundredths, eb.ScoreHundredths, elementSE(ea), elementSE(eb)))
	}
	return s
}

// change builds a Change from rounded scores in hundredths and standard errors on the score
// scale, a negative one meaning unknown. The delta is taken in hundredths so that it is exactly
// the difference of the published scores.
func change(code string, from, to int64, seFrom, seTo float64) Change {
	c := Change{
		Code:  code,
		From:  float64(from) / 100,
		To:    float64(to) / 100,
		Delta: float64(to-from) / 100,
	}
	if seFrom >= 0 && seTo >= 0 {
		c.Significant = math.Abs(c.Delta) > 1.96*math.Hypot(seFrom, seTo)
	}
	return c
}

// overallSE returns a point's standard error, or -1 when its interval has none.
func overallSE(iv Interval) float64 {
	if iv.Method != MethodRespondents && iv.Method != MethodElements {
		return -1
	}
	return iv.SE
}

// elementSE returns an element score's standard error, or -1 below two answers.
func elementSE(e ElementResult) float64 {
	if e.Answered < 2 {
		return -1
	}
	return e.SD / math.Sqrt(float64(e.Answered)) * 25
}

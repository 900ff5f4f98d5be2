package analytics

// LegacyElementCodes are the fourteen elements of KepMenPAN 25/2004, in its order.
var LegacyElementCodes = [14]string{
	"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "U10", "U11", "U12", "U13", "U14",
}

// LegacyTally is the counts of one unit for one period under KepMenPAN 25/2004, for imported history.
type LegacyTally struct {
	Respondents int64
	Elements    [14]Distribution
}

// LegacyResult is the index of a LegacyTally; its fields mean what Result's do.
type LegacyResult struct {
	Regime          Regime
	Respondents     int64
	Elements        [14]ElementResult
	IKM             float64
	Score           float64
	ScoreHundredths int64
	Grade           Grade
	Performance     string
	Empty           bool
}

// ComputeLegacy returns the index of a tally under KepMenPAN 25/2004: weight 1/14, score IKM × 25
// rounded half-up to 2 decimals, and that regulation's bands (81.26–100 A, 62.51–81.25 B,
// 43.76–62.50 C, 25–43.75 D) for the score and each element. Blank answers and unanswered
// elements are treated as in Compute.
func ComputeLegacy(t LegacyTally) LegacyResult {
	r := LegacyResult{Regime: RegimeKepMenPAN2004, Respondents: count(t.Respondents)}
	o := scoreElements(r.Elements[:], LegacyElementCodes[:], t.Elements[:], r.Regime)
	r.IKM, r.Score, r.ScoreHundredths, r.Grade, r.Empty = o.ikm, o.score, o.hundredths, o.grade, o.empty
	r.Performance = r.Grade.Performance()
	return r
}

// Overall returns the overall figures as a Result, for a Trend of imported history; its Elements
// are left unanswered because the fourteen old elements do not map onto U1..U9.
func (r LegacyResult) Overall() Result {
	return Result{
		Regime:          r.Regime,
		Respondents:     r.Respondents,
		IKM:             r.IKM,
		Score:           r.Score,
		ScoreHundredths: r.ScoreHundredths,
		Grade:           r.Grade,
		Performance:     r.Performance,
		Empty:           r.Empty,
	}
}

// Package analytics computes the results of a citizen satisfaction survey (Survei Kepuasan
// Masyarakat) from counts: the IKM of PermenPANRB 14/2017 and its element grades, sample
// adequacy, confidence intervals, trends, priorities, profile breakdowns with small-cell
// suppression, regional roll-ups, and the bands of the older KepMenPAN 25/2004, which keep a score
// of that regime apart.
//
// It does no I/O and imports nothing from the project: callers pass tallies, so every figure a
// page, chart or report shows can be recomputed from the same counts.
//
// Scores are exact. Counts stay integers and averages rationals until the one final rounding,
// half-up to two decimals, and grades come from the rounded score, as docs/METHOD.md requires; a
// float64 sum of many 1/9 terms can otherwise land on the wrong side of a grade boundary.
//
// Every function is total: zero counts, empty slices and unknown populations give documented
// results, never a panic, NaN or infinity. Counts outside [0, MaxCount] are read as the nearest
// bound, so corrupt input cannot overflow the integer arithmetic.
package analytics

package analytics

import (
	"slices"
	"strconv"
)

// Category orders of the respondent profile, as used on the questionnaire and in reports.
var (
	Genders     = []string{"L", "P"} // laki-laki, perempuan
	AgeBands    = []string{"<20", "20–29", "30–39", "40–49", "50–59", "≥60"}
	Educations  = []string{"SD", "SMP", "SMA", "D1-D3", "S1", "S2", "S3"}
	Occupations = []string{"PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya"}
	Channels    = []string{"web", "kiosk", "paper"}
)

// AgeBand returns the band of AgeBands an age falls in, or "" for a negative (invalid) age.
func AgeBand(age int) string {
	switch {
	case age < 0:
		return ""
	case age < 20:
		return AgeBands[0]
	case age >= 60:
		return AgeBands[5]
	}
	return AgeBands[age/10-1]
}

// SuppressBelow is the smallest count a breakdown publishes; smaller non-zero counts could
// identify a respondent in a small unit.
const SuppressBelow = 5

// Cell is one category of a profile breakdown.
type Cell struct {
	Key string
	// Count is the number of respondents, 0 when Suppressed.
	Count      int64
	Suppressed bool
	// Share is the percentage of the breakdown's total, 0 when Suppressed.
	Share float64
}

// Display returns the count as a report shows it: "<5" when suppressed.
func (c Cell) Display() string {
	if c.Suppressed {
		return "<" + strconv.Itoa(SuppressBelow)
	}
	return strconv.FormatInt(c.Count, 10)
}

// Breakdown returns the cells of a profile breakdown: the categories of order first (shown even
// when nobody chose them), then any other category in counts, sorted.
//
// Counts from 1 to 4 are suppressed. Because callers publish the total, a single suppressed cell
// could be recovered by subtraction, so when exactly one cell is suppressed the smallest other
// non-zero cell (the first in display order on a tie) is suppressed too. When no other non-zero
// cell exists, the total itself reveals the hidden count and must not be published. Negative
// counts are read as 0.
func Breakdown(counts map[string]int64, order []string) []Cell {
	var cells []Cell
	seen := make(map[string]bool, len(order))
	for _, key := range order {
		if !seen[key] {
			seen[key] = true
			cells = append(cells, Cell{Key: key, Count: count(counts[key])})
		}
	}
	var extra []string
	for key := range counts {
		if !seen[key] {
			extra = append(extra, key)
		}
	}
	slices.Sort(extra)
	for _, key := range extra {
		cells = append(cells, Cell{Key: key, Count: count(counts[key])})
	}

	var total int64
	suppressed := 0
	for i := range cells {
		total += cells[i].Count
		if cells[i].Count > 0 && cells[i].Count < SuppressBelow {
			cells[i].Suppressed = true
			suppressed++
		}
	}
	if suppressed == 1 {
		next := -1
		for i, c := range cells {
			if !c.Suppressed && c.Count > 0 && (next < 0 || c.Count < cells[next].Count) {
				next = i
			}
		}
		if next >= 0 {
			cells[next].Suppressed = true
		}
	}
	for i := range cells {
		if cells[i].Suppressed {
			cells[i].Count = 0
		} else if total > 0 {
			cells[i].Share = float64(cells[i].Count) * 100 / float64(total)
		}
	}
	return cells
}

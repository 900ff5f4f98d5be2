package reports

import "testing"

// TestDaysBetween counts a span of answers in calendar days, both ends included: the unit report
// once printed the number of days with answers as the span.
func TestDaysBetween(t *testing.T) {
	for _, c := range []struct {
		first, last string
		want        int
	}{
		{"2026-07-01", "2026-12-02", 155},
		{"2026-07-01", "2026-07-01", 1},
		{"2026-12-31", "2027-01-01", 2},
		{"2026-07-01", "not a day", 0},
	} {
		if got := daysBetween(c.first, c.last); got != c.want {
			t.Errorf("daysBetween(%s, %s) = %d, want %d", c.first, c.last, got, c.want)
		}
	}
}

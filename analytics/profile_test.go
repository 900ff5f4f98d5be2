package analytics

import (
	"reflect"
	"testing"
)

func TestAgeBand(t *testing.T) {
	tests := []struct {
		age  int
		band string
	}{
		{-1, ""},
		{0, "<20"},
		{19, "<20"},
		{20, "20–29"},
		{29, "20–29"},
		{30, "30–39"},
		{45, "40–49"},
		{59, "50–59"},
		{60, "≥60"},
		{101, "≥60"},
	}
	for _, tc := range tests {
		if got := AgeBand(tc.age); got != tc.band {
			t.Errorf("AgeBand(%d) = %q, want %q", tc.age, got, tc.band)
		}
	}
	if len(AgeBands) != 6 || AgeBands[0] != "<20" || AgeBands[5] != "≥60" {
		t.Errorf("AgeBands = %q", AgeBands)
	}
}

func TestBreakdown(t *testing.T) {
	tests := []struct {
		name   string
		counts map[string]int64
		order  []string
		want   []Cell
	}{
		{
			// 10 of 40 is 25%, 30 of 40 is 75%.
			name:   "nothing to hide",
			counts: map[string]int64{"L": 10, "P": 30},
			order:  Genders,
			want:   []Cell{{"L", 10, false, 25}, {"P", 30, false, 75}},
		},
		{
			// SMA 3 alone would be total − the rest, so the next smallest (S1, 6) is hidden too;
			// categories nobody chose still show as 0, and zeros are not hidden.
			name:   "complementary suppression",
			counts: map[string]int64{"SMA": 3, "S1": 6, "SMP": 11},
			order:  Educations,
			want: []Cell{
				{"SD", 0, false, 0}, {"SMP", 11, false, 55}, {"SMA", 0, true, 0}, {"D1-D3", 0, false, 0},
				{"S1", 0, true, 0}, {"S2", 0, false, 0}, {"S3", 0, false, 0},
			},
		},
		{
			// Two small cells already protect each other.
			name:   "two small cells",
			counts: map[string]int64{"web": 4, "kiosk": 1, "paper": 15},
			order:  Channels,
			want:   []Cell{{"web", 0, true, 0}, {"kiosk", 0, true, 0}, {"paper", 15, false, 75}},
		},
		{
			// The complement ties between PNS and Swasta (both 8): the first in order is hidden.
			name:   "tie for the complement",
			counts: map[string]int64{"PNS": 8, "Swasta": 8, "Lainnya": 2, "Wirausaha": 12},
			order:  Occupations,
			want: []Cell{
				{"PNS", 0, true, 0}, {"TNI", 0, false, 0}, {"POLRI", 0, false, 0},
				{"Swasta", 8, false, 800.0 / 30}, {"Wirausaha", 12, false, 40}, {"Lainnya", 0, true, 0},
			},
		},
		{
			// Categories outside the order follow it, sorted; 5 is shown.
			name:   "unknown categories",
			counts: map[string]int64{"zeta": 5, "alpha": 5, "web": 10},
			order:  Channels,
			want: []Cell{
				{"web", 10, false, 50}, {"kiosk", 0, false, 0}, {"paper", 0, false, 0},
				{"alpha", 5, false, 25}, {"zeta", 5, false, 25},
			},
		},
		{
			// A single respondent: nothing else to hide, so the total must not be published.
			name:   "only one small cell",
			counts: map[string]int64{"P": 2},
			order:  Genders,
			want:   []Cell{{"L", 0, false, 0}, {"P", 0, true, 0}},
		},
		{
			name:   "negative read as zero",
			counts: map[string]int64{"L": -4, "P": 5},
			order:  Genders,
			want:   []Cell{{"L", 0, false, 0}, {"P", 5, false, 100}},
		},
		{
			name:   "empty",
			counts: nil,
			order:  Genders,
			want:   []Cell{{"L", 0, false, 0}, {"P", 0, false, 0}},
		},
		{
			name:   "nothing at all",
			counts: nil,
			order:  nil,
			want:   nil,
		},
		{
			name:   "repeated order key",
			counts: map[string]int64{"web": 6},
			order:  []string{"web", "web"},
			want:   []Cell{{"web", 6, false, 100}},
		},
	}
	for _, tc := range tests {
		if got := Breakdown(tc.counts, tc.order); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Breakdown =\n%+v\nwant\n%+v", tc.name, got, tc.want)
		}
	}
}

func TestCellDisplay(t *testing.T) {
	tests := []struct {
		cell Cell
		want string
	}{
		{Cell{Key: "S1", Count: 12}, "12"},
		{Cell{Key: "S1", Count: 0}, "0"},
		{Cell{Key: "S2", Suppressed: true}, "<5"},
	}
	for _, tc := range tests {
		if got := tc.cell.Display(); got != tc.want {
			t.Errorf("%+v.Display() = %q, want %q", tc.cell, got, tc.want)
		}
	}
}

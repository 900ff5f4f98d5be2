package analytics

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"
)

func TestKrejcieMorganTable(t *testing.T) {
	// testdata/krejcie_morgan.csv is the published table that docs/METHOD.md quotes.
	f, err := os.Open("testdata/krejcie_morgan.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != "population" || rows[0][1] != "minimum_sample" {
		t.Fatalf("unexpected table header %v", rows[0])
	}
	for _, row := range rows[1:] {
		population, err1 := strconv.ParseInt(row[0], 10, 64)
		sample, err2 := strconv.ParseInt(row[1], 10, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad row %v", row)
		}
		if got := KrejcieMorgan(population); got != sample {
			t.Errorf("KrejcieMorgan(%d) = %d, the table says %d", population, got, sample)
		}
	}
	if len(rows)-1 != 90 {
		t.Errorf("table has %d rows, want the 90 published", len(rows)-1)
	}
}

func TestKrejcieMorgan(t *testing.T) {
	tests := []struct {
		population, sample int64
	}{
		{100000, 383}, // not a table row; docs/METHOD.md gives 383
		{1, 1},
		{2, 2},
		// S = 3841·N/(10·N + 3831) crosses 383.5 between these two populations: 244864 gives
		// 383.49999817, 244865 gives 383.50000061 (worked with exact fractions).
		{244864, 383},
		{244865, 384},
		{math.MaxInt64, 384},
		{0, 0},
		{-5, 0},
	}
	for _, tc := range tests {
		if got := KrejcieMorgan(tc.population); got != tc.sample {
			t.Errorf("KrejcieMorgan(%d) = %d, want %d", tc.population, got, tc.sample)
		}
	}
}

func TestSampleAdequacy(t *testing.T) {
	tests := []struct {
		name                    string
		population, respondents int64
		want                    Adequacy
	}{
		{"half way", 1000, 139, Adequacy{1000, 278, 139, false, 0.5}},
		{"reached", 1000, 278, Adequacy{1000, 278, 278, true, 1}},
		{"over the target", 100, 120, Adequacy{100, 80, 120, true, 1}},
		{"more respondents than population", 10, 12, Adequacy{10, 10, 12, true, 1}},
		{"unknown population", 0, 50, Adequacy{0, 0, 50, false, 0}},
		{"nobody yet", 50, 0, Adequacy{50, 44, 0, false, 0}},
		{"negative", -3, -2, Adequacy{0, 0, 0, false, 0}},
	}
	for _, tc := range tests {
		if got := SampleAdequacy(tc.population, tc.respondents); got != tc.want {
			t.Errorf("%s: SampleAdequacy(%d, %d) = %+v, want %+v", tc.name, tc.population, tc.respondents, got, tc.want)
		}
	}
}

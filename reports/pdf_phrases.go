package reports

import (
	"strings"
	"time"

	"github.com/skm-engine/skm/analytics"
)

// The phrases both reports build from figures, names and dates.

// pdfGradeLabel gives a grade with its wording: B (Baik).
func pdfGradeLabel(w Words, g analytics.Grade) string {
	if g == "" {
		return "–"
	}
	return string(g) + " (" + w.Performance(g) + ")"
}

// pdfInterval writes a confidence interval, or says why there is none.
func pdfInterval(w Words, iv analytics.Interval) string {
	if iv.Method == analytics.MethodNone || iv.Method == "" {
		return w.T("pdf.common.interval.none")
	}
	return w.Dec(iv.Low, 2) + " – " + w.Dec(iv.High, 2)
}

// pdfSpan writes a schedule from one instant to the last day before another.
func pdfSpan(w Words, from, until time.Time) string {
	if from.IsZero() || until.IsZero() {
		return ""
	}
	return w.Date(from) + " – " + w.Date(until.Add(-time.Nanosecond))
}

// pdfJoin joins items as a sentence does: a; b; dan c.
func pdfJoin(w Words, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return w.T("pdf.common.and", strings.Join(items[:len(items)-1], "; "), items[len(items)-1])
}

// A region's name, as its administrator types it, is Indonesian: "Kabupaten Banyuwangi",
// "Pemerintah Kota Surabaya", or the default "Pemerintah Daerah". The documents read the kind of
// region from it to name the place of signing and the office of the region's head.
var pdfRegionKinds = []struct{ prefix, head string }{
	{"Kabupaten ", "pdf.region.head.kabupaten"},
	{"Kota ", "pdf.region.head.kota"},
	{"Provinsi ", "pdf.region.head.provinsi"},
}

// pdfGovernment names the region's government: Pemerintah Kabupaten Banyuwangi.
func pdfGovernment(w Words, region string) string {
	if strings.HasPrefix(region, "Pemerintah") {
		return region
	}
	return w.T("pdf.common.government", region)
}

// pdfRegionKind reads a region's name: the place it names, and the catalogue key of its head's
// office when the name says the kind of region; no place for the default "Pemerintah Daerah".
func pdfRegionKind(region string) (place, head string) {
	name := strings.TrimPrefix(region, "Pemerintah ")
	for _, kind := range pdfRegionKinds {
		if rest, ok := strings.CutPrefix(name, kind.prefix); ok && rest != "" {
			return rest, kind.head
		}
	}
	if name == "Daerah" {
		return "", ""
	}
	return name, ""
}

// pdfPlace is where a region's documents are signed: Kabupaten Banyuwangi signs at Banyuwangi.
func pdfPlace(region string) string {
	place, _ := pdfRegionKind(region)
	return place
}

// pdfRegionHead is the office of the region's head, who signs the regional report.
func pdfRegionHead(w Words, region string) string {
	place, head := pdfRegionKind(region)
	switch {
	case head != "":
		return w.T(head, place)
	case place != "":
		return w.T("pdf.region.head.place", place)
	}
	return w.T("pdf.region.head")
}

// daysBetween counts the calendar days from the first day to the last, both included, of two
// YYYY-MM-DD days; 0 when either is not a day.
func daysBetween(first, last string) int {
	a, err1 := time.Parse(time.DateOnly, first)
	b, err2 := time.Parse(time.DateOnly, last)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(b.Sub(a).Hours()/24) + 1
}

package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// pdfDec formats v with n decimals: a decimal comma in Indonesian, a point in English.
func pdfDec(lang string, v float64, n int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', n, 64)
	if s == "-"+strconv.FormatFloat(0, 'f', n, 64) {
		s = s[1:]
	}
	if lang != survey.LangEN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// pdfSigned formats a change with its sign, using a true minus sign.
func pdfSigned(lang string, v float64, n int) string {
	s := pdfDec(lang, math.Abs(v), n)
	switch {
	case s == pdfDec(lang, 0, n):
		return "±" + s
	case v < 0:
		return "−" + s
	}
	return "+" + s
}

// pdfInt formats a count with thousands separators: 6.200 in Indonesian, 6,200 in English.
func pdfInt(lang string, n int64) string {
	sep := "."
	if lang == survey.LangEN {
		sep = ","
	}
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// pdfPct formats a share of a total as a percentage with one decimal; a zero total gives "–".
func pdfPct(lang string, part, total int64) string {
	if total <= 0 {
		return "–"
	}
	return pdfDec(lang, float64(part)*100/float64(total), 1) + "%"
}

// pdfScore formats a score of a result, or "–" without one.
func pdfScore(lang string, r analytics.Result) string {
	if r.Empty {
		return "–"
	}
	return pdfDec(lang, r.Score, 2)
}

var (
	pdfMonthsID = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	pdfMonthsEN = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

func pdfMonth(lang string, m time.Month) string {
	if lang == survey.LangEN {
		return pdfMonthsEN[m-1]
	}
	return pdfMonthsID[m-1]
}

// pdfDate formats a day as a letter does: 17 Agustus 2026.
func pdfDate(lang string, t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + pdfMonth(lang, t.Month()) + " " + strconv.Itoa(t.Year())
}

// pdfDay formats a YYYY-MM-DD day of the tallies, or returns it unchanged if it is not one.
func pdfDay(lang, day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return pdfDate(lang, t)
}

// pdfDateTime formats an instant in its own time zone: 17 Agustus 2026 pukul 17.00 WIB.
func pdfDateTime(lang string, t time.Time) string {
	zone := t.Format("MST")
	if lang == survey.LangEN {
		return pdfDate(lang, t) + ", " + t.Format("15:04") + " " + zone
	}
	return pdfDate(lang, t) + " pukul " + t.Format("15.04") + " " + zone
}

// pdfSemester names a campaign's semester: Semester II Tahun 2026, or Semester 2, 2026.
func pdfSemester(lang, key string) string {
	year, half, err := survey.ParseSemester(key)
	if err != nil {
		return key
	}
	if lang == survey.LangEN {
		return "Semester " + strconv.Itoa(half) + ", " + strconv.Itoa(year)
	}
	return "Semester " + pdfRoman(half) + " Tahun " + strconv.Itoa(year)
}

// pdfPeriod gives a campaign semester's calendar span: 1 Juli – 31 Desember 2026.
func pdfPeriod(lang, key string) string {
	year, half, err := survey.ParseSemester(key)
	if err != nil {
		return key
	}
	first, last := time.January, time.June
	lastDay := 30
	if half == 2 {
		first, last, lastDay = time.July, time.December, 31
	}
	return "1 " + pdfMonth(lang, first) + " – " + strconv.Itoa(lastDay) + " " + pdfMonth(lang, last) + " " + strconv.Itoa(year)
}

// pdfSpan formats a schedule from one instant to the last day before another, in loc.
func pdfSpan(lang string, from, until time.Time, loc *time.Location) string {
	if from.IsZero() || until.IsZero() {
		return ""
	}
	return pdfDate(lang, from.In(loc)) + " – " + pdfDate(lang, until.In(loc).Add(-time.Nanosecond))
}

// pdfRoman writes 1..39 in Roman numerals, as chapters and semesters are numbered.
func pdfRoman(n int) string {
	if n <= 0 || n >= 40 {
		return strconv.Itoa(n)
	}
	tens := [...]string{"", "X", "XX", "XXX"}
	ones := [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	return tens[n/10] + ones[n%10]
}

// pdfPlace is where a region's documents are signed: its name without the kind of region
// (Kabupaten Banyuwangi is signed at Banyuwangi); empty when the name is no place, as the
// default "Pemerintah Daerah" is not.
func pdfPlace(region string) string {
	name := strings.TrimPrefix(region, "Pemerintah ")
	for _, kind := range []string{"Kabupaten ", "Kota ", "Provinsi "} {
		if rest, ok := strings.CutPrefix(name, kind); ok && rest != "" {
			return rest
		}
	}
	if name == "Daerah" {
		return ""
	}
	return name
}

// pdfRegionHead is the office of the region's head, who signs the regional report.
func pdfRegionHead(lang, region string) string {
	name := strings.TrimPrefix(region, "Pemerintah ")
	kinds := []struct{ prefix, id, en string }{
		{"Kabupaten ", "Bupati ", "Regent of "},
		{"Kota ", "Wali Kota ", "Mayor of "},
		{"Provinsi ", "Gubernur ", "Governor of "},
	}
	for _, k := range kinds {
		if rest, ok := strings.CutPrefix(name, k.prefix); ok && rest != "" {
			return pdfSay(lang, k.id, k.en) + rest
		}
	}
	if place := pdfPlace(region); place != "" {
		return pdfSay(lang, "Kepala Daerah ", "Head of ") + place
	}
	return pdfSay(lang, "Kepala Daerah", "Head of the Region")
}

// pdfGradeLabel gives a grade with its wording: B (Baik).
func pdfGradeLabel(lang string, g analytics.Grade) string {
	if g == "" {
		return "–"
	}
	if lang == survey.LangEN {
		return string(g) + " (" + g.PerformanceEN() + ")"
	}
	return string(g) + " (" + g.Performance() + ")"
}

// pdfElementName names an element in the language.
func pdfElementName(lang, code string) string { return survey.ElementName(code).In(lang) }

// pdfDuration writes a span as hours and minutes, such as "2 jam 15 menit".
func pdfDuration(lang string, d time.Duration) string {
	h, m := int64(d/time.Hour), int64((d%time.Hour+30*time.Second)/time.Minute)
	if m == 60 {
		h, m = h+1, 0
	}
	hours, minutes := "jam", "menit"
	if lang == survey.LangEN {
		hours, minutes = "h", "min"
	}
	switch {
	case h == 0:
		return fmt.Sprintf("%d %s", m, minutes)
	case m == 0:
		return fmt.Sprintf("%s %s", pdfInt(lang, h), hours)
	}
	return fmt.Sprintf("%s %s %d %s", pdfInt(lang, h), hours, m, minutes)
}

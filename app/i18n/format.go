package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/skm-engine/skm/survey"
)

// Numbers are written as people in each language read them: 12.345 and 81,67 in Indonesian,
// 12,345 and 81.67 in English. A negative number takes a true minus sign.

// Int writes a whole number with thousands separators.
func (p Printer) Int(n int64) string {
	sep := "."
	if p.Lang() == EN {
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

// Dec writes v with the number of decimals; "–" when v is not a number.
func (p Printer) Dec(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	if p.Lang() != EN {
		s = strings.Replace(s, ".", ",", 1)
	}
	if v < 0 && strings.Trim(s, "0.,") != "" {
		return "−" + s
	}
	return s
}

// Signed writes a change with its sign: +1,25, −0,50, ±0,00.
func (p Printer) Signed(v float64, decimals int) string {
	s := p.Dec(math.Abs(v), decimals)
	switch {
	case s == p.Dec(0, decimals):
		return "±" + s
	case v < 0:
		return "−" + s
	}
	return "+" + s
}

// Percent writes a percentage with one decimal: 85,7%.
func (p Printer) Percent(v float64) string { return p.Dec(v, 1) + "%" }

// Share writes part of a total as a percentage; "–" for an empty total.
func (p Printer) Share(part, total int64) string {
	if total <= 0 {
		return "–"
	}
	return p.Percent(float64(part) * 100 / float64(total))
}

var (
	monthsID      = [12]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	monthsEN      = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsShortID = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}
)

// Month names a month.
func (p Printer) Month(m time.Month) string {
	if p.Lang() == EN {
		return monthsEN[m-1]
	}
	return monthsID[m-1]
}

func (p Printer) monthShort(m time.Month) string {
	if p.Lang() == EN {
		return monthsEN[m-1][:3]
	}
	return monthsShortID[m-1]
}

// Date writes the calendar day of an instant in the printer's time zone, as a letter does:
// 17 Agustus 2026. The zero time is "".
func (p Printer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(p.Location())
	return strconv.Itoa(t.Day()) + " " + p.Month(t.Month()) + " " + strconv.Itoa(t.Year())
}

// Day writes a calendar day kept as YYYY-MM-DD (a day in the region's zone already), or returns
// it unchanged when it is not one.
func (p Printer) Day(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return strconv.Itoa(t.Day()) + " " + p.Month(t.Month()) + " " + strconv.Itoa(t.Year())
}

// DateTime writes an instant in the printer's time zone with the zone's name, as people there
// read it: 17 Agu 2026 14.00 WIB, or 17 Aug 2026 14:00 WIB. The zero time is "".
func (p Printer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(p.Location())
	return strconv.Itoa(t.Day()) + " " + p.monthShort(t.Month()) + " " + strconv.Itoa(t.Year()) + " " + p.Clock(t)
}

// LongDateTime writes an instant as a document does: 17 Agustus 2026 pukul 14.00 WIB, or
// 17 August 2026, 14:00 WIB.
func (p Printer) LongDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.Lang() == EN {
		return p.Date(t) + ", " + p.Clock(t)
	}
	return p.Date(t) + " pukul " + p.Clock(t)
}

// Clock writes the time of day of an instant in the printer's zone with the zone's name:
// 14.00 WIB, or 14:00 WIB.
func (p Printer) Clock(t time.Time) string {
	t = t.In(p.Location())
	layout := "15.04"
	if p.Lang() == EN {
		layout = "15:04"
	}
	return t.Format(layout) + " " + Zone(t)
}

// Zone names the time zone of an instant as Indonesians do (WIB, WITA, WIT), or by its offset
// from UTC where it has no such name.
func Zone(t time.Time) string {
	name, offset := t.Zone()
	if name != "" && (name[0] < '0' || name[0] > '9') && name[0] != '+' && name[0] != '-' {
		return name
	}
	sign := "+"
	if offset < 0 {
		sign, offset = "-", -offset
	}
	s := "UTC" + sign + strconv.Itoa(offset/3600)
	if m := offset % 3600 / 60; m != 0 {
		s += ":" + strconv.Itoa(m/10) + strconv.Itoa(m%10)
	}
	return s
}

// Span writes a length of time in days, hours and minutes: 1 hr 2 j 5 mnt, or 1 d 2 h 5 min.
func (p Printer) Span(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < 0 {
		d = -d
	}
	days, hours, mins := int64(d/(24*time.Hour)), int64(d%(24*time.Hour)/time.Hour), int64(d%time.Hour/time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, p.T("time.days", p.Int(days)))
	}
	if hours > 0 {
		parts = append(parts, p.T("time.hours", p.Int(hours)))
	}
	if mins > 0 || len(parts) == 0 {
		parts = append(parts, p.T("time.minutes", p.Int(mins)))
	}
	return strings.Join(parts, " ")
}

// Semester names a campaign's period, the one form people read everywhere (pages, charts,
// documents, downloads, emails): Semester II 2026, or Semester 2, 2026. Keys such as 2026-S2
// stay in addresses and machine files. A key that is no semester is returned unchanged.
func (p Printer) Semester(key string) string {
	year, half, err := survey.ParseSemester(key)
	if err != nil {
		return key
	}
	return p.T("period.semester", Roman(half), half, year)
}

// Period writes a semester's calendar span: 1 Juli – 31 Desember 2026.
func (p Printer) Period(key string) string {
	year, half, err := survey.ParseSemester(key)
	if err != nil {
		return key
	}
	first, last, lastDay := time.January, time.June, 30
	if half == 2 {
		first, last, lastDay = time.July, time.December, 31
	}
	return "1 " + p.Month(first) + " – " + strconv.Itoa(lastDay) + " " + p.Month(last) + " " + strconv.Itoa(year)
}

// Roman writes 1..39 in Roman numerals, as chapters and semesters are numbered.
func Roman(n int) string {
	if n <= 0 || n >= 40 {
		return strconv.Itoa(n)
	}
	tens := [...]string{"", "X", "XX", "XXX"}
	ones := [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	return tens[n/10] + ones[n%10]
}

// The documents' forms: a report writes a length of time out, where a page is brief.

// LongSpan writes a length of time in hours and minutes, as a document does: 26 jam 5 menit, or
// 26 h 5 min. Unlike Span it gathers no days, since a report compares hours with an answer rule
// kept in hours.
func (p Printer) LongSpan(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < 0 {
		d = -d
	}
	hours, mins := int64(d/time.Hour), int64(d%time.Hour/time.Minute)
	switch {
	case hours == 0:
		return p.T("time.minutes.long", p.Int(mins))
	case mins == 0:
		return p.T("time.hours.long", p.Int(hours))
	}
	return p.T("time.hours.long", p.Int(hours)) + " " + p.T("time.minutes.long", p.Int(mins))
}

// Roman writes a number in Roman numerals, as a document numbers its chapters in either language.
func (Printer) Roman(n int) string { return Roman(n) }

package reports

import (
	"time"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// Words says the charts' and documents' wording, numbers, dates and times in one language and
// time zone. The engine's text catalogue (app/i18n's Printer) is the one implementation; reports
// names what it needs here because imports point from app to reports, never back.
type Words interface {
	// Location is the time zone the dates are written in: the region's.
	Location() *time.Location
	// T says the catalogue's wording of the key, formatted with the arguments.
	T(key string, args ...any) string
	// In says a piece of data's own wording, such as a unit's name.
	In(t survey.Text) string
	// The rest is the one formatter of numbers, dates, periods and spans, as the Printer
	// documents each method.
	Int(n int64) string
	Dec(v float64, decimals int) string
	Signed(v float64, decimals int) string
	Percent(v float64) string
	Share(part, total int64) string
	Date(t time.Time) string
	Day(day string) string
	LongDateTime(t time.Time) string
	LongSpan(d time.Duration) string
	LongSemester(key string) string
	ShortSemester(key string) string
	Period(key string) string
	Roman(n int) string
}

// performance is the regulation's wording of a grade (kinerja unit pelayanan); "" for no grade.
func performance(w Words, g analytics.Grade) string {
	switch g {
	case analytics.GradeA:
		return w.T("grade.performance.A")
	case analytics.GradeB:
		return w.T("grade.performance.B")
	case analytics.GradeC:
		return w.T("grade.performance.C")
	case analytics.GradeD:
		return w.T("grade.performance.D")
	}
	return ""
}

// elementName names an element of service.
func elementName(w Words, code string) string { return w.In(survey.ElementName(code)) }

// categoryKeys names the catalogue's wording of the profile categories it translates, by question
// and category as the tallies keep them.
var categoryKeys = map[[2]string]string{
	{"gender", "L"}:             "category.gender.L",
	{"gender", "P"}:             "category.gender.P",
	{"channel", "web"}:          "category.channel.web",
	{"channel", "kiosk"}:        "category.channel.kiosk",
	{"channel", "paper"}:        "category.channel.paper",
	{"occupation", "PNS"}:       "category.occupation.PNS",
	{"occupation", "TNI"}:       "category.occupation.TNI",
	{"occupation", "POLRI"}:     "category.occupation.POLRI",
	{"occupation", "Swasta"}:    "category.occupation.Swasta",
	{"occupation", "Wirausaha"}: "category.occupation.Wirausaha",
	{"occupation", "Lainnya"}:   "category.occupation.Lainnya",
}

// categoryLabel names a category of a respondent profile question (gender, age, education,
// occupation, channel); categories the catalogue does not name, such as age bands and levels of
// education, are shown as they are kept.
func categoryLabel(w Words, question, key string) string {
	if key == survey.NotStated {
		return w.T("category.unstated")
	}
	if k, ok := categoryKeys[[2]string{question, key}]; ok {
		return w.T(k)
	}
	return key
}

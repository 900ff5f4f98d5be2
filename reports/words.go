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
	Semester(key string) string
	Period(key string) string
	Roman(n int) string
	// RegionName, Government, Place and RegionHead say a region's name, its government, where
	// its documents are signed and the office of its head; Institution says an institution's
	// name inside a sentence (with "the" in English).
	RegionName(name string) string
	Government(name string) string
	Place(name string) string
	RegionHead(name string) string
	Institution(name string) string
	// Category names a respondent category (gender, education, occupation, channel) and
	// Performance a grade's performance, as the catalogue's glossary words them; Score and
	// Interval write a result's score and its 95% interval, or a dash without one.
	Category(dim, code string) string
	Performance(g analytics.Grade) string
	Score(r analytics.Result) string
	Interval(iv analytics.Interval) string
}

// elementName names an element of service.
func elementName(w Words, code string) string { return w.In(survey.ElementName(code)) }

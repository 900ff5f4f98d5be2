package i18n

import "github.com/skm-engine/skm/survey"

// reportsText is the wording of the browser charts and their tables, the PDF reports and the
// counter poster, with the words the printer's document forms use.
var reportsText = map[string]survey.Text{
	// The documents' forms of periods and lengths of time (Printer.LongSemester, ShortSemester,
	// LongSpan); a semester's wording takes its half in Roman numerals, its half and its year.
	"period.semester.long":  {ID: "Semester %[1]s Tahun %[3]d", EN: "Semester %[2]d, %[3]d"},
	"period.semester.short": {ID: "Smt %[1]s %[3]d", EN: "S%[2]d %[3]d"},
	"time.hours.long":       {ID: "%s jam", EN: "%s h"},
	"time.minutes.long":     {ID: "%s menit", EN: "%s min"},
}

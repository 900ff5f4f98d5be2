package reports

import (
	"testing"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
)

// The catalogue's printer is the Words the app passes.
var _ Words = i18n.Printer{}

// fixtureWords says charts and documents in the language and the region's time zone, as the app
// does.
func fixtureWords(lang string) Words { return i18n.For(lang, fixtureClock.Location()) }

func TestCategoryLabels(t *testing.T) {
	id, en := fixtureWords(survey.LangID), fixtureWords(survey.LangEN)
	for _, c := range []struct{ got, want string }{
		{id.Category("gender", "L"), "Laki-laki"},
		{en.Category("gender", "P"), "Female"},
		{en.Category("channel", "kiosk"), "Tablet at the counter"},
		{id.Category("occupation", "PNS"), "PNS/ASN"},
		{en.Category("occupation", "PNS"), "Civil servant (PNS/ASN)"},
		{en.Category("occupation", "Lainnya"), "Other"},
		{en.Category("education", survey.NotStated), "Not stated"},
		{en.Category("education", "S1"), "Bachelor's degree (S1/D4)"},
		{en.Category("age", "20–29"), "20–29"},
		{id.Category("gender", "X"), "X"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

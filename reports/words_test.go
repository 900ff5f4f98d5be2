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
		{categoryLabel(id, "gender", "L"), "Laki-laki"},
		{categoryLabel(en, "gender", "P"), "Female"},
		{categoryLabel(en, "channel", "kiosk"), "Kiosk at the unit"},
		{categoryLabel(id, "occupation", "PNS"), "PNS"},
		{categoryLabel(en, "occupation", "PNS"), "Civil servant"},
		{categoryLabel(en, "occupation", "Lainnya"), "Other"},
		{categoryLabel(en, "education", survey.NotStated), "Not stated"},
		{categoryLabel(en, "education", "S1"), "S1"},
		{categoryLabel(en, "age", "20–29"), "20–29"},
		{categoryLabel(id, "gender", "X"), "X"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

package i18n

import (
	"testing"
	"time"
)

// The one form of a period, and the documents' long form of a length of time, in both languages.
func TestDocumentForms(t *testing.T) {
	id, en := For(ID, nil), For(EN, nil)
	for _, c := range []struct{ got, want string }{
		{id.Semester("2026-S2"), "Semester II 2026"},
		{en.Semester("2026-S2"), "Semester 2, 2026"},
		{id.Semester("2027-S1"), "Semester I 2027"},
		{en.Semester("2027-S1"), "Semester 1, 2027"},
		{id.Semester("2026"), "2026"},
		{en.Semester("S1"), "S1"},
		{id.LongSpan(2*time.Hour + 15*time.Minute), "2 jam 15 menit"},
		{en.LongSpan(2*time.Hour + 15*time.Minute), "2 h 15 min"},
		{id.LongSpan(45 * time.Minute), "45 menit"},
		{id.LongSpan(0), "0 menit"},
		{id.LongSpan(3 * time.Hour), "3 jam"},
		{id.LongSpan(26*time.Hour + 5*time.Minute), "26 jam 5 menit"},
		{id.LongSpan(59*time.Minute + 30*time.Second), "1 jam"},
		{id.LongSpan(59*time.Minute + 29*time.Second), "59 menit"},
		{en.LongSpan(1000 * time.Hour), "1,000 h"},
		{id.Roman(4), "IV"},
		{en.Roman(19), "XIX"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

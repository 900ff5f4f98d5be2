package survey_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

func TestRegionCasePolicy(t *testing.T) {
	r := survey.DefaultRegion()
	// The default: four hours around the clock. 22:00 WIB on a Friday is due at 02:00.
	friday := time.Date(2026, 8, 21, 15, 0, 0, 0, time.UTC)
	if got := r.CaseDue(friday); !got.Equal(friday.Add(4*time.Hour)) || got.Location() != time.UTC {
		t.Errorf("default due: %v", got)
	}
	r.OfficeHoursOnly = true
	r.Holidays = []string{"2026-08-24"}
	r.CaseContacts = map[string][]string{"dpmptsp": {"pengaduan@dpmptsp.go.id", "kabid@dpmptsp.go.id"}}
	r.EscalateTo = []string{"ortala@banyuwangikab.go.id", "Pengaduan@dpmptsp.go.id"}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	// In the default office week, with Monday the 24th a holiday, Friday 22:00 is due Tuesday 11:30 WIB.
	if due := r.CaseDue(friday); !due.Equal(time.Date(2026, 8, 25, 4, 30, 0, 0, time.UTC)) {
		t.Errorf("office-hours due: %v", due)
	}
	if to := r.CaseRecipients("dpmptsp", true); !reflect.DeepEqual(to, []string{"pengaduan@dpmptsp.go.id", "kabid@dpmptsp.go.id", "ortala@banyuwangikab.go.id"}) {
		t.Errorf("escalation recipients: %v", to)
	}
	if to := r.CaseRecipients("rsud-blambangan", false); len(to) != 0 {
		t.Errorf("a unit without contacts: %v", to)
	}

	for name, change := range map[string]func(*survey.Region){
		"negative limit": func(r *survey.Region) { r.CaseHours = -1 },
		"limit too long": func(r *survey.Region) { r.CaseHours = 721 },
		"bad time": func(r *survey.Region) {
			r.Office = []survey.OfficeHours{{Day: time.Monday, Open: "7.30", Close: "16:00"}}
		},
		"closes early": func(r *survey.Region) {
			r.Office = []survey.OfficeHours{{Day: time.Monday, Open: "16:00", Close: "07:30"}}
		},
		"unknown weekday": func(r *survey.Region) { r.Office = []survey.OfficeHours{{Day: 7, Open: "07:30", Close: "16:00"}} },
		"overlap": func(r *survey.Region) {
			r.Office = []survey.OfficeHours{{Day: time.Monday, Open: "07:30", Close: "12:00"}, {Day: time.Monday, Open: "11:00", Close: "16:00"}}
		},
		"bad holiday":      func(r *survey.Region) { r.Holidays = []string{"17-08-2026"} },
		"bad contact":      func(r *survey.Region) { r.CaseContacts = map[string][]string{"dpmptsp": {"not an address"}} },
		"named contact":    func(r *survey.Region) { r.EscalateTo = []string{"Ortala <ortala@banyuwangikab.go.id>"} },
		"bad contact unit": func(r *survey.Region) { r.CaseContacts = map[string][]string{"Bad Unit": {"a@b.id"}} },
	} {
		bad := r
		change(&bad)
		if err := bad.Validate(); survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
	split := r
	split.Office = []survey.OfficeHours{{Day: time.Monday, Open: "08:00", Close: "12:00"}, {Day: time.Monday, Open: "13:00", Close: "24:00"}}
	if err := split.Validate(); err != nil {
		t.Errorf("a split day until midnight: %v", err)
	}
}

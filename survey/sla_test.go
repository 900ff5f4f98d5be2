package survey_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
)

func TestRegionCasePolicy(t *testing.T) {
	s := surveytest.MustOpenStore(t, survey.MongoOptions{})
	r, err := s.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The default: four hours around the clock. 22:00 WIB on a Friday is due at 02:00.
	friday := time.Date(2026, 8, 21, 15, 0, 0, 0, time.UTC)
	if got := r.CaseDue(friday); !got.Equal(friday.Add(4*time.Hour)) || got.Location() != time.UTC {
		t.Errorf("default due: %v", got)
	}
	r.OfficeHoursOnly = true
	r.Holidays = []string{"2026-08-24"}
	r.CaseContacts = map[string][]string{"dpmptsp": {"pengaduan@dpmptsp.go.id", "kabid@dpmptsp.go.id"}}
	r.EscalateTo = []string{"ortala@banyuwangikab.go.id", "Pengaduan@dpmptsp.go.id"}
	if err := s.SaveRegion(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := s.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("saved %+v\nread  %+v", r, got)
	}
	// In the default office week, with Monday the 24th a holiday, Friday 22:00 is due Tuesday 11:30 WIB.
	if due := got.CaseDue(friday); !due.Equal(time.Date(2026, 8, 25, 4, 30, 0, 0, time.UTC)) {
		t.Errorf("office-hours due: %v", due)
	}
	if to := got.CaseRecipients("dpmptsp", true); !reflect.DeepEqual(to, []string{"pengaduan@dpmptsp.go.id", "kabid@dpmptsp.go.id", "ortala@banyuwangikab.go.id"}) {
		t.Errorf("escalation recipients: %v", to)
	}
	if to := got.CaseRecipients("rsud-blambangan", false); len(to) != 0 {
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
		bad := *got
		change(&bad)
		if err := bad.Validate(); survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
	split := *got
	split.Office = []survey.OfficeHours{{Day: time.Monday, Open: "08:00", Close: "12:00"}, {Day: time.Monday, Open: "13:00", Close: "24:00"}}
	if err := split.Validate(); err != nil {
		t.Errorf("a split day until midnight: %v", err)
	}
}

func TestUnitSLA(t *testing.T) {
	s := surveytest.MustOpenStore(t, survey.MongoOptions{})
	c := mustSeed(t, s)
	t0 := time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)
	var codes []string
	for i := range 3 {
		r := &survey.Response{Key: "complaint-sla-00000" + string(rune('a'+i)), Campaign: c.Key, Unit: "dpmptsp", Kind: survey.SourceComplaint,
			Channel: survey.ChannelWeb, Suggestion: "Antrean panjang", SubmittedAt: t0, Day: "2026-08-17",
			CaseCode: survey.NewCaseCode(), CaseDue: t0.Add(4 * time.Hour)}
		if _, err := s.Submit(ctx, r); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, r.CaseCode)
	}
	// A suggestion kept from before cases had codes: counted nowhere in the SLA.
	legacy := response(c.Key, "dpmptsp", 7)
	legacy.CaseCode, legacy.CaseDue = "", time.Time{}
	if _, err := s.Submit(ctx, legacy); err != nil {
		t.Fatal(err)
	}
	events := []survey.CaseEvent{
		{Code: codes[0], Unit: "dpmptsp", Type: survey.EventReply, Text: "Sudah ditambah loket.", By: "kepala", At: t0.Add(time.Hour)},
		{Code: codes[1], Unit: "dpmptsp", Type: survey.EventReply, Text: "Mohon maaf.", By: "kepala", At: t0.Add(5 * time.Hour)},
	}
	if err := s.RecordCaseEvents(ctx, c.Key, events); err != nil {
		t.Fatal(err)
	}
	tally, _ := s.Tally(ctx, c.Key)
	got := tally.Unit("dpmptsp").SLA(t0.Add(6 * time.Hour))
	if got.Cases != 3 || got.Answered != 2 || got.InTime != 1 || got.Overdue != 1 || got.Decided != 3 || got.InTimePercent != 33.3 || got.MedianAnswer != 3*time.Hour {
		t.Errorf("unit SLA: %+v", got)
	}
	if region := tally.SLA(t0.Add(6 * time.Hour)); region != got {
		t.Errorf("campaign SLA %+v, want the only unit's %+v", region, got)
	}
	if early := tally.Unit("dpmptsp").SLA(t0.Add(2 * time.Hour)); early.Overdue != 0 || early.Open != 1 || early.Decided != 2 {
		t.Errorf("before the due time: %+v", early)
	}
}

package survey

import (
	"net/mail"
	"strings"
	"time"

	"github.com/skm-engine/skm/analytics"
)

// DefaultCaseHours is Banyuwangi's rule: every public complaint is answered within four hours.
const DefaultCaseHours = 4

// maxCaseHours bounds the answer limit at a month: a longer one is no service standard.
const maxCaseHours = 720

// OfficeHours are a weekday's opening hours, such as Monday 07:30–16:00 (local time, 24-hour).
type OfficeHours struct {
	Day   time.Weekday `json:"day"`
	Open  string       `json:"open"`
	Close string       `json:"close"`
}

// DefaultOfficeHours is the office week of a regional government in Java: Monday to Thursday
// 07:30–16:00 and Friday 07:30–11:00.
func DefaultOfficeHours() []OfficeHours {
	week := []OfficeHours{}
	for d := time.Monday; d <= time.Thursday; d++ {
		week = append(week, OfficeHours{d, "07:30", "16:00"})
	}
	return append(week, OfficeHours{time.Friday, "07:30", "11:00"})
}

// CaseLimit returns how many hours a unit has to answer a case.
func (r *Region) CaseLimit() int {
	if r.CaseHours == 0 {
		return DefaultCaseHours
	}
	return r.CaseHours
}

// OfficeWeek returns the office hours the case clock runs in when OfficeHoursOnly is set.
func (r *Region) OfficeWeek() []OfficeHours {
	if len(r.Office) == 0 {
		return DefaultOfficeHours()
	}
	return r.Office
}

// CaseClock returns the region's rule for answering cases.
func (r *Region) CaseClock() analytics.Clock {
	c := analytics.Clock{Limit: time.Duration(r.CaseLimit()) * time.Hour, Location: r.Location()}
	if !r.OfficeHoursOnly {
		return c
	}
	for _, o := range r.OfficeWeek() {
		open, _ := minuteOfDay(o.Open)
		end, _ := minuteOfDay(o.Close)
		c.Shifts = append(c.Shifts, analytics.Shift{Day: o.Day, Start: open, End: end})
	}
	c.Holidays = r.Holidays
	return c
}

// CaseDue returns when a case received at the time must be answered.
func (r *Region) CaseDue(received time.Time) time.Time { return r.CaseClock().Due(received).UTC() }

// CaseRecipients returns the addresses told of a unit's case: its contacts, and for an overdue
// case the region's administrators too, each once.
func (r *Region) CaseRecipients(unit string, overdue bool) []string {
	var out []string
	seen := map[string]bool{}
	add := func(list []string) {
		for _, a := range list {
			if k := strings.ToLower(a); !seen[k] {
				seen[k] = true
				out = append(out, a)
			}
		}
	}
	add(r.CaseContacts[unit])
	if overdue {
		add(r.EscalateTo)
	}
	return out
}

// minuteOfDay reads "07:30" as 450, and "24:00" as the end of the day.
func minuteOfDay(hhmm string) (int, bool) {
	if hhmm == "24:00" {
		return 24 * 60, true
	}
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// weekdays are the catalogue's names of the days of the week, Sunday first as time.Weekday counts.
var weekdays = [7]string{"weekday.0", "weekday.1", "weekday.2", "weekday.3", "weekday.4", "weekday.5", "weekday.6"}

const (
	maxHolidays     = 400
	maxContacts     = 20
	maxContactUnits = 5000
)

func (r *Region) validateCasePolicy() error {
	if r.CaseHours < 0 || r.CaseHours > maxCaseHours {
		return Errorf(EINVALID, "err.region.casehours", maxCaseHours, DefaultCaseHours)
	}
	var spans [7][][2]int
	for _, o := range r.Office {
		if o.Day < time.Sunday || o.Day > time.Saturday {
			return Errorf(EINVALID, "err.region.weekday", int(o.Day))
		}
		open, ok1 := minuteOfDay(o.Open)
		end, ok2 := minuteOfDay(o.Close)
		if !ok1 || !ok2 || end <= open {
			return Errorf(EINVALID, "err.region.office", Msg(weekdays[o.Day]))
		}
		for _, s := range spans[o.Day] {
			if open < s[1] && s[0] < end {
				return Errorf(EINVALID, "err.region.overlap", Msg(weekdays[o.Day]))
			}
		}
		spans[o.Day] = append(spans[o.Day], [2]int{open, end})
	}
	if len(r.Holidays) > maxHolidays {
		return Errorf(EINVALID, "err.region.holidays", maxHolidays)
	}
	for _, h := range r.Holidays {
		if _, err := time.Parse(time.DateOnly, h); err != nil {
			return Errorf(EINVALID, "err.region.holiday", h)
		}
	}
	if len(r.CaseContacts) > maxContactUnits {
		return Errorf(EINVALID, "err.region.contactunits", maxContactUnits)
	}
	for unit, list := range r.CaseContacts {
		if !ValidSlug(unit) {
			return Errorf(EINVALID, "err.region.contactunit", unit)
		}
		if err := validAddresses(list); err != nil {
			return err
		}
	}
	return validAddresses(r.EscalateTo)
}

func validAddresses(list []string) error {
	if len(list) > maxContacts {
		return Errorf(EINVALID, "err.region.contacts", maxContacts)
	}
	for _, a := range list {
		if ValidEmail(a) {
			continue
		}
		return Errorf(EINVALID, "err.region.email", a)
	}
	return nil
}

// ValidEmail reports whether s is a bare email address (no display name).
func ValidEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && addr.Name == "" && len(s) <= 254
}

// SLA returns how the unit kept to the answer rule for complaints as of now, each from the start
// of its clock. Suggestions and praise ask for no answer and are left out, as is a complaint that
// staff reclassified as one of them.
func (u *UnitTally) SLA(now time.Time) analytics.SLA {
	return analytics.ComputeSLA(u.caseTimes(nil), now)
}

// SLA returns how the campaign's units together kept to the answer rule as of now.
func (t *CampaignTally) SLA(now time.Time) analytics.SLA {
	var times []analytics.CaseTimes
	for _, u := range t.Units {
		times = u.caseTimes(times)
	}
	return analytics.ComputeSLA(times, now)
}

func (u *UnitTally) caseTimes(out []analytics.CaseTimes) []analytics.CaseTimes {
	for _, c := range u.Cases {
		if c.Clocked() {
			out = append(out, analytics.CaseTimes{Received: c.ClockStart(), Due: c.DueAt, Replied: c.RepliedAt})
		}
	}
	return out
}

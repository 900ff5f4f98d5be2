package survey

import (
	"strings"
	"sync"
	"time"
)

// Region is the regional government running the survey: one per deployment.
type Region struct {
	Name string `json:"name"`
	// TimeZone is an IANA name; campaigns' semesters and days are counted in it.
	TimeZone string `json:"timeZone"`
	// Organizer names who runs the survey, as residents see it on the form.
	Organizer Text `json:"organizer"`
	// Demo marks a region seeded with invented responses; every page says so.
	Demo bool `json:"demo"`
	// UnitHeadsImport lets unit heads import their own unit's paper questionnaires while a
	// campaign is open; administrators always may.
	UnitHeadsImport bool `json:"unitHeadsImport,omitempty"`

	// CaseHours is how long a unit has to answer a complaint or suggestion, in hours; 0 means
	// DefaultCaseHours.
	CaseHours int `json:"caseHours,omitempty"`
	// OfficeHoursOnly makes that clock run only in office hours (Office, or DefaultOfficeHours
	// when empty) and not on Holidays; otherwise it runs around the clock.
	OfficeHoursOnly bool          `json:"officeHoursOnly,omitempty"`
	Office          []OfficeHours `json:"office,omitempty"`
	// Holidays are the dates (YYYY-MM-DD) the offices are closed.
	Holidays []string `json:"holidays,omitempty"`
	// CaseContacts lists, per unit slug, the email addresses told of the unit's new and overdue
	// cases; EscalateTo lists the region administrators' addresses told of overdue ones.
	CaseContacts map[string][]string `json:"caseContacts,omitempty"`
	EscalateTo   []string            `json:"escalateTo,omitempty"`
}

// DefaultRegion is the region a new database starts with.
func DefaultRegion() Region {
	return Region{
		Name:      "Pemerintah Daerah",
		TimeZone:  "Asia/Jakarta",
		Organizer: Text{"Bagian Organisasi Sekretariat Daerah", "Organisation Bureau of the Regional Secretariat"},
	}
}

// Validate reports whether the region can be saved.
func (r *Region) Validate() error {
	if strings.TrimSpace(r.Name) == "" {
		return Errorf(EINVALID, "err.region.name")
	}
	if _, err := time.LoadLocation(r.TimeZone); err != nil || r.TimeZone == "" {
		return Errorf(EINVALID, "err.region.timezone", r.TimeZone)
	}
	return r.validateCasePolicy()
}

// Location returns the region's time zone (UTC for a name that is none).
func (r *Region) Location() *time.Location {
	if loc, ok := zones.Load(r.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(r.TimeZone)
	if err != nil {
		return time.UTC
	}
	zones.Store(r.TimeZone, loc)
	return loc
}

// zones keeps the time zones already loaded: loading one reads the zone database from disk, and
// every page shows times in the region's zone.
var zones sync.Map

package survey

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Unit is a public service unit (unit penyelenggara pelayanan): a licensing office, a hospital, a
// village office. Residents reach its survey at /s/{slug}.
type Unit struct {
	Slug string `json:"slug"`
	Name Text   `json:"name"`
	// OPD is the regional apparatus organisation the unit belongs to, used to group results.
	OPD      string    `json:"opd"`
	Services []Service `json:"services"`
	Active   bool      `json:"active"`
	// Created and Updated are set by the store.
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Service is one kind of service a unit offers; a response names the service received.
type Service struct {
	Code string `json:"code"`
	Name Text   `json:"name"`
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s may name a unit or a service in a URL.
func ValidSlug(s string) bool {
	return len(s) >= 2 && len(s) <= 64 && slugPattern.MatchString(s)
}

const maxServices = 1000

// Validate reports whether the unit can be saved.
func (u *Unit) Validate() error {
	if !ValidSlug(u.Slug) {
		return Errorf(EINVALID, "err.unit.slug", u.Slug)
	}
	if strings.TrimSpace(u.Name.ID) == "" {
		return Errorf(EINVALID, "err.unit.name")
	}
	if utf8.RuneCountInString(u.Name.ID) > 200 || utf8.RuneCountInString(u.Name.EN) > 200 || utf8.RuneCountInString(u.OPD) > 200 {
		return Errorf(EINVALID, "err.unit.namelength")
	}
	if len(u.Services) > maxServices {
		return Errorf(EINVALID, "err.unit.services", maxServices)
	}
	seen := map[string]bool{}
	for _, s := range u.Services {
		if !ValidSlug(s.Code) {
			return Errorf(EINVALID, "err.service.code", s.Code)
		}
		if seen[s.Code] {
			return Errorf(EINVALID, "err.service.twice", s.Code)
		}
		seen[s.Code] = true
		if strings.TrimSpace(s.Name.ID) == "" {
			return Errorf(EINVALID, "err.service.name", s.Code)
		}
	}
	return nil
}

// Service returns the unit's service with the code.
func (u *Unit) Service(code string) (Service, bool) {
	for _, s := range u.Services {
		if s.Code == code {
			return s, true
		}
	}
	return Service{}, false
}

// UnitFilter selects units; zero fields match everything.
type UnitFilter struct {
	OPD        string
	ActiveOnly bool
	Slugs      []string
}

// UnitUpdate changes a unit; nil fields are left as they are.
type UnitUpdate struct {
	Name     *Text      `json:"name"`
	OPD      *string    `json:"opd"`
	Services *[]Service `json:"services"`
	Active   *bool      `json:"active"`
}

// Apply returns a copy of u with the update applied.
func (upd UnitUpdate) Apply(u Unit) Unit {
	if upd.Name != nil {
		u.Name = *upd.Name
	}
	if upd.OPD != nil {
		u.OPD = *upd.OPD
	}
	if upd.Services != nil {
		u.Services = append([]Service(nil), (*upd.Services)...)
	}
	if upd.Active != nil {
		u.Active = *upd.Active
	}
	return u
}

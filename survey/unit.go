package survey

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
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
	// Head signs the unit's report.
	Head Signer `json:"head"`
	// Population is how many people the unit serves in a semester as last reported, 0 when
	// unknown: a new campaign starts from it for the unit's target sample.
	Population int64 `json:"population,omitempty"`
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
	if u.Population < 0 || u.Population > maxPopulation {
		return Errorf(EINVALID, "err.unit.population", maxPopulation)
	}
	if err := u.Head.Validate(); err != nil {
		return err
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
	Head     *Signer    `json:"head"`
	// Population is the people served in a semester as last reported.
	Population *int64 `json:"population"`
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
	if upd.Head != nil {
		u.Head = *upd.Head
	}
	if upd.Population != nil {
		u.Population = *upd.Population
	}
	return u
}

// ParseServices reads services as an administrator types or pastes them, one per item: either
// "code;name;English name" (the English name may be left out, and a blank code is made from the
// name) or a name alone, whose code is made from it. Made codes are unique among the items. Every
// bad item is listed in the EINVALID error's details, by its position and text.
func ParseServices(items []string) ([]Service, error) {
	out := make([]Service, 0, len(items))
	taken := map[string]bool{}
	var problems []Message
	var unnamed []int // positions in out whose code is made once every given code is known
	for i, item := range items {
		fields := strings.Split(strings.ReplaceAll(item, "\t", ";"), ";")
		for j := range fields {
			fields[j] = strings.TrimSpace(fields[j])
		}
		sv := Service{Name: Text{ID: fields[0]}}
		if len(fields) > 1 {
			sv.Code, sv.Name = strings.ToLower(fields[0]), Text{ID: fields[1]}
			if len(fields) > 2 {
				sv.Name.EN = strings.Join(fields[2:], "; ")
			}
		}
		switch {
		case sv.Name.ID == "":
			problems = append(problems, Msg("err.services.item", i+1, item, Msg("err.services.noname")))
		case utf8.RuneCountInString(sv.Name.ID) > maxNameLength || utf8.RuneCountInString(sv.Name.EN) > maxNameLength:
			problems = append(problems, Msg("err.services.item", i+1, item, Msg("err.services.namelength", maxNameLength)))
		case sv.Code == "":
			unnamed = append(unnamed, len(out))
		case !ValidSlug(sv.Code):
			problems = append(problems, Msg("err.services.item", i+1, item, Msg("err.services.code", sv.Code)))
		case taken[sv.Code]:
			problems = append(problems, Msg("err.services.item", i+1, item, Msg("err.services.twice", sv.Code)))
		default:
			taken[sv.Code] = true
		}
		out = append(out, sv)
	}
	if len(out) > maxServices {
		problems = append(problems, Msg("err.unit.services", maxServices))
	}
	if len(problems) > 0 {
		return nil, &Error{Code: EINVALID, Message: Msg("err.services.bad", len(problems)), Details: problems}
	}
	for _, i := range unnamed {
		out[i].Code = uniqueCode(Slugify(out[i].Name.ID), taken)
		taken[out[i].Code] = true
	}
	return out, nil
}

// Slugify makes a code for a URL or a file from a name: lower-case ASCII letters and digits with
// single hyphens, at most 64 characters, "layanan" when nothing of the name is left.
func Slugify(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		// Cut between words, not inside one.
		cut := s[:maxSlug]
		if i := strings.LastIndexByte(cut, '-'); i > 0 && s[maxSlug] != '-' {
			cut = cut[:i]
		}
		s = strings.TrimRight(cut, "-")
	}
	if len(s) < 2 {
		return "layanan"
	}
	return s
}

const maxSlug = 64

// uniqueCode returns code, or code with the first free suffix -2, -3, … when it is taken.
func uniqueCode(code string, taken map[string]bool) string {
	if !taken[code] {
		return code
	}
	for n := 2; ; n++ {
		suffix := "-" + strconv.Itoa(n)
		base := code
		if len(base)+len(suffix) > maxSlug {
			base = strings.TrimRight(base[:maxSlug-len(suffix)], "-")
		}
		if !taken[base+suffix] {
			return base + suffix
		}
	}
}

// ServiceLines returns the unit's services as ParseServices reads them back, one per line.
func (u *Unit) ServiceLines() string {
	var b strings.Builder
	for _, sv := range u.Services {
		b.WriteString(sv.Code + ";" + sv.Name.ID)
		if sv.Name.EN != "" {
			b.WriteString(";" + sv.Name.EN)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var grouped = regexp.MustCompile(`^[0-9]{1,3}([., ][0-9]{3})+$`)

// ParsePopulation reads the number of people a unit serves in a semester as typed in a form or a
// spreadsheet cell: digits, optionally grouped by thousands with dots, commas or spaces
// ("12.500"). A blank is 0, unknown. EINVALID for anything else, negative or over the limit.
func ParsePopulation(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	digits := s
	if grouped.MatchString(s) {
		digits = strings.NewReplacer(".", "", ",", "", " ", "").Replace(s)
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n < 0 || n > maxPopulation {
		return 0, Errorf(EINVALID, "err.unit.populationvalue", s, maxPopulation)
	}
	return n, nil
}

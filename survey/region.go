package survey

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"
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
	// Logo is the ID of the region's logo (see Logo), "" when it has none.
	Logo string `json:"logo,omitempty"`
	// Signer signs the regional report: the regional secretary or the head of the organisation
	// bureau.
	Signer Signer `json:"signer"`
	// OPDs lists the region's regional apparatus organisations as units name them. When it is
	// empty a unit may name any OPD; otherwise it must name one of these.
	OPDs []string `json:"opds,omitempty"`
	// HeadsImportPaper lets unit heads import their own unit's paper questionnaires while a
	// campaign is open; administrators always may.
	HeadsImportPaper bool `json:"headsImportPaper,omitempty"`
	// UpdatedAt is when the settings were last saved, set by the store: zero until the region is
	// first set up.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`

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
	if utf8.RuneCountInString(r.Name) > maxNameLength || utf8.RuneCountInString(r.Organizer.ID) > maxNameLength || utf8.RuneCountInString(r.Organizer.EN) > maxNameLength {
		return Errorf(EINVALID, "err.region.namelength", maxNameLength)
	}
	if !ValidTimeZone(r.TimeZone) {
		return Errorf(EINVALID, "err.region.timezone", r.TimeZone)
	}
	if err := r.Signer.Validate(); err != nil {
		return err
	}
	if err := ValidateOPDs(r.OPDs); err != nil {
		return err
	}
	return r.validateCasePolicy()
}

// ValidTimeZone reports whether tz is an IANA time zone name.
func ValidTimeZone(tz string) bool {
	_, err := time.LoadLocation(tz)
	return err == nil && tz != ""
}

// Saved reports whether the region's settings were ever saved; until then the administrator is
// asked to set the region up.
func (r *Region) Saved() bool { return !r.UpdatedAt.IsZero() }

// TimeZones are the zones of Indonesia a region is in: WIB, WITA and WIT.
var TimeZones = []string{"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}

const (
	maxNameLength = 200
	maxOPDs       = 500
)

// ValidateOPDs reports whether the list can be a region's OPDs: each named once, trimmed, not
// too long. EINVALID.
func ValidateOPDs(opds []string) error {
	if len(opds) > maxOPDs {
		return Errorf(EINVALID, "err.region.opds", maxOPDs)
	}
	seen := map[string]bool{}
	for _, o := range opds {
		if strings.TrimSpace(o) != o || o == "" || utf8.RuneCountInString(o) > maxNameLength {
			return Errorf(EINVALID, "err.region.opd", o, maxNameLength)
		}
		key := strings.ToLower(o)
		if seen[key] {
			return Errorf(EINVALID, "err.region.opdtwice", o)
		}
		seen[key] = true
	}
	return nil
}

// OPD returns the region's own spelling of the OPD a unit names, matched without regard to case.
// A region that lists no OPDs knows every one, as typed; ENOTFOUND for one it does not list.
func (r *Region) OPD(name string) (string, error) {
	name = strings.TrimSpace(name)
	if len(r.OPDs) == 0 {
		return name, nil
	}
	for _, o := range r.OPDs {
		if strings.EqualFold(o, name) {
			return o, nil
		}
	}
	return "", Errorf(ENOTFOUND, "err.region.unknownopd", name)
}

// Signer is a person who signs a report: their name, their position and their NIP (nomor induk
// pegawai, the civil servant's 18-digit number), printed in the report's signature block.
type Signer struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// NIP holds the 18 digits alone; FormattedNIP groups them as they are printed.
	NIP string `json:"nip"`
}

// nipDigits is the length of a civil servant's NIP.
const nipDigits = 18

// NewSigner returns the signer with the NIP as typed reduced to its digits (people type it with
// spaces or dots between its groups).
func NewSigner(name, title, nip string) Signer {
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '-' {
			return -1
		}
		return r
	}, nip)
	return Signer{Name: strings.TrimSpace(name), Title: strings.TrimSpace(title), NIP: digits}
}

// Validate reports whether the signer can be printed: no field is required, but a title or NIP
// needs a name, and a NIP has 18 digits.
func (s Signer) Validate() error {
	if utf8.RuneCountInString(s.Name) > maxSignerLength || utf8.RuneCountInString(s.Title) > maxSignerLength {
		return Errorf(EINVALID, "err.signer.length", maxSignerLength)
	}
	if strings.TrimSpace(s.Name) == "" && (s.Title != "" || s.NIP != "") {
		return Errorf(EINVALID, "err.signer.name")
	}
	if s.NIP == "" {
		return nil
	}
	if len(s.NIP) != nipDigits || strings.Trim(s.NIP, "0123456789") != "" {
		return Errorf(EINVALID, "err.signer.nip", s.NIP, nipDigits)
	}
	return nil
}

const maxSignerLength = 150

// IsZero reports whether nobody is named.
func (s Signer) IsZero() bool { return s.Name == "" }

// FormattedNIP returns the NIP grouped as it is printed: birth date, appointment month, sex and
// serial number ("19700101 199503 1 001").
func (s Signer) FormattedNIP() string {
	if len(s.NIP) != nipDigits {
		return s.NIP
	}
	return s.NIP[:8] + " " + s.NIP[8:14] + " " + s.NIP[14:15] + " " + s.NIP[15:]
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

// Logo is the region's logo as stored: decoded from what an administrator uploaded and encoded
// afresh as PNG, at print size for documents and posters and at icon size for pages. It is kept
// apart from the region's settings, which every page reads.
type Logo struct {
	// ID names this logo's content; Region.Logo holds the ID of the current one.
	ID     string `json:"id"`
	PNG    []byte `json:"-"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	// Icon is the logo at most LogoIconSize pixels on its longer side.
	Icon       []byte `json:"-"`
	IconWidth  int    `json:"iconWidth"`
	IconHeight int    `json:"iconHeight"`
}

// Logo sizes: the longest side of the stored images in pixels, and their combined size, which
// keeps the logo's record well under the store's document limit.
const (
	LogoPrintSize = 1200
	LogoIconSize  = 160
	MaxLogoBytes  = 1 << 20
)

const pngSignature = "\x89PNG\r\n\x1a\n"

// Validate reports whether the logo can be stored: two PNG images within the limits.
func (l *Logo) Validate() error {
	if l.ID == "" || !strings.HasPrefix(string(l.PNG), pngSignature) || !strings.HasPrefix(string(l.Icon), pngSignature) {
		return Errorf(EINVALID, "err.logo.png")
	}
	if len(l.PNG)+len(l.Icon) > MaxLogoBytes {
		return Errorf(ETOOLARGE, "err.logo.stored", MaxLogoBytes>>10)
	}
	if max(l.Width, l.Height) > LogoPrintSize || max(l.IconWidth, l.IconHeight) > LogoIconSize || min(l.Width, l.Height, l.IconWidth, l.IconHeight) < 1 {
		return Errorf(EINVALID, "err.logo.size")
	}
	return nil
}

package survey

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skm-engine/skm/analytics"
)

// Channels by which a response arrives.
const (
	ChannelWeb   = "web"
	ChannelKiosk = "kiosk"
	ChannelPaper = "paper"
)

// Channels lists the channels in display order.
var Channels = analytics.Channels

// Respondent profile categories, as used on the regulation's sample questionnaire; analytics
// orders its breakdowns by the same lists.
var (
	Genders     = analytics.Genders
	Educations  = analytics.Educations
	Occupations = analytics.Occupations
)

// Quality flags set on responses that look implausible. Every response is kept; Suspect says
// which flags leave one out of the index.
const (
	FlagStraightLined = "straight_lined" // the same answer to every element
	FlagTooFast       = "too_fast"       // sent sooner than a person can read the questions, or without its form's stamp
	FlagBurst         = "burst"          // one of more answers to the unit in a minute than residents give
)

// Suspect reports whether a quality flag leaves the response out of the index: it was sent too
// fast or in a burst, which a person answering at a counter does not do. The same answer to
// every element is noted but counted, since a satisfied resident may well give it.
func (r *Response) Suspect() bool {
	return slices.Contains(r.Flags, FlagTooFast) || slices.Contains(r.Flags, FlagBurst)
}

// Answers holds a score 1–4 per element in element order (U1..U9); 0 means unanswered.
type Answers [9]int8

// Answered returns the number of elements answered.
func (a Answers) Answered() int {
	n := 0
	for _, v := range a {
		if v != 0 {
			n++
		}
	}
	return n
}

// MarshalJSON writes the answers as an object keyed by element code, leaving out blanks.
func (a Answers) MarshalJSON() ([]byte, error) {
	m := make(map[string]int8, len(a))
	for i, v := range a {
		if v != 0 {
			m[ElementCodes[i]] = v
		}
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads an object keyed by element code. An unknown code or a score outside 1–4 is
// an *Error naming it; null means unanswered.
func (a *Answers) UnmarshalJSON(b []byte) error {
	var m map[string]*int
	if err := json.Unmarshal(b, &m); err != nil {
		return Errorf(EINVALID, "err.answers.object")
	}
	*a = Answers{}
	for code, v := range m {
		i, ok := ElementIndex(code)
		if !ok {
			return Errorf(EINVALID, "err.answers.element", code)
		}
		if v == nil {
			continue
		}
		if *v < 1 || *v > 4 {
			return Errorf(EINVALID, "err.answers.score", code, *v)
		}
		a[i] = int8(*v)
	}
	return nil
}

// Profile describes the respondent, as the questionnaire asks; empty fields were not answered.
type Profile struct {
	Gender     string `json:"gender,omitempty"`
	Age        int    `json:"age,omitempty"`
	Education  string `json:"education,omitempty"`
	Occupation string `json:"occupation,omitempty"`
}

// Response is one resident's completed questionnaire, or a standalone complaint (Kind complaint,
// no answers). It is written once and never changed.
type Response struct {
	// Key is the client-generated submission key: submitting the same key again returns the
	// first receipt instead of storing a second response.
	Key           string    `json:"key"`
	Campaign      string    `json:"campaign"`
	Unit          string    `json:"unit"`
	Service       string    `json:"service,omitempty"`
	Questionnaire string    `json:"questionnaire"`
	Answers       Answers   `json:"answers"`
	Profile       Profile   `json:"profile"`
	Channel       string    `json:"channel"`
	Suggestion    string    `json:"suggestion,omitempty"`
	Flags         []string  `json:"flags,omitempty"`
	SubmittedAt   time.Time `json:"submittedAt"`
	// Day is the calendar day of SubmittedAt in the region's time zone (YYYY-MM-DD).
	Day string `json:"day"`
	// Kind is "" for a survey response and SourceComplaint for a standalone complaint.
	Kind string `json:"kind,omitempty"`
	// CaseKind is what the resident says the message in Suggestion is: KindComplaint,
	// KindSuggestion or KindPraise ("" for a response from before triage; see MessageKind).
	CaseKind string `json:"caseKind,omitempty"`
	// CaseCode is the tracking code of the complaint the message opens, if any, and CaseDue when
	// the unit must have answered it.
	CaseCode string    `json:"caseCode,omitempty"`
	CaseDue  time.Time `json:"caseDue,omitzero"`
	// ReceivedAt is when the message reached the unit, when that is not SubmittedAt: a paper
	// questionnaire's complaint reaches it when the questionnaire is imported.
	ReceivedAt time.Time `json:"receivedAt,omitzero"`
}

// Receipt acknowledges a stored response.
type Receipt struct {
	Key         string    `json:"key"`
	SubmittedAt time.Time `json:"submittedAt"`
	// Duplicate is true when the key had been submitted before and this is that first receipt.
	Duplicate bool `json:"duplicate"`
}

var keyChars = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// ValidKey reports whether k may be used as a submission key.
func ValidKey(k string) bool { return keyChars.MatchString(k) }

// MaxSuggestion is the longest suggestion or complaint text accepted, in characters.
const MaxSuggestion = 2000

// Validate checks the response against the questionnaire version and the unit it answers.
func (r *Response) Validate(u *Unit) error {
	if !ValidKey(r.Key) {
		return Errorf(EINVALID, "err.response.key")
	}
	if r.Unit != u.Slug {
		return Errorf(EINVALID, "err.response.unit", r.Unit, u.Slug)
	}
	switch r.Kind {
	case "":
		if r.Answers.Answered() == 0 {
			return Errorf(EINVALID, "err.response.unanswered")
		}
	case SourceComplaint:
		if r.Answers.Answered() != 0 {
			return Errorf(EINVALID, "err.complaint.answers")
		}
		if strings.TrimSpace(r.Suggestion) == "" {
			return Errorf(EINVALID, "err.complaint.empty")
		}
	default:
		return Errorf(EINVALID, "err.response.kind", r.Kind)
	}

	for i, v := range r.Answers {
		if v < 0 || v > 4 {
			return Errorf(EINVALID, "err.answers.score", ElementCodes[i], v)
		}
	}
	if r.Service != "" {
		if _, ok := u.Service(r.Service); !ok {
			return Errorf(EINVALID, "err.response.service", u.Slug, r.Service)
		}
	}
	if err := r.Profile.Validate(); err != nil {
		return err
	}
	if !oneOf(r.Channel, Channels) {
		return Errorf(EINVALID, "err.response.channel", r.Channel)
	}
	if !utf8.ValidString(r.Suggestion) {
		return Errorf(EINVALID, "err.response.utf8")
	}
	if utf8.RuneCountInString(r.Suggestion) > MaxSuggestion {
		return Errorf(EINVALID, "err.response.length", MaxSuggestion)
	}
	if r.SubmittedAt.IsZero() {
		return Errorf(EINVALID, "err.response.time")
	}
	return r.validateCase()
}

// validateCase checks the message's kind and its tracking code: a code and a due time are issued
// together, and the complaint form sends only complaints.
func (r *Response) validateCase() error {
	if r.CaseKind != "" && !ValidCaseKind(r.CaseKind) {
		return Errorf(EINVALID, "err.response.casekind", r.CaseKind)
	}
	if r.Kind == SourceComplaint && r.MessageKind() != KindComplaint {
		return Errorf(EINVALID, "err.complaint.kind", r.CaseKind)
	}
	if r.CaseCode != "" && NormalizeCaseCode(r.CaseCode) != r.CaseCode {
		return Errorf(EINVALID, "err.response.case", r.CaseCode)
	}
	if (r.CaseCode == "") != r.CaseDue.IsZero() {
		return Errorf(EINVALID, "err.response.casedue")
	}
	return nil
}

// Validate reports whether every profile answer is one the questionnaire offers.
func (p Profile) Validate() error {
	if p.Gender != "" && !oneOf(p.Gender, Genders) {
		return Errorf(EINVALID, "err.profile.gender", p.Gender)
	}
	if p.Age != 0 && (p.Age < 10 || p.Age > 120) {
		return Errorf(EINVALID, "err.profile.age", p.Age)
	}
	if p.Education != "" && !oneOf(p.Education, Educations) {
		return Errorf(EINVALID, "err.profile.education", p.Education, strings.Join(Educations, ", "))
	}
	if p.Occupation != "" && !oneOf(p.Occupation, Occupations) {
		return Errorf(EINVALID, "err.profile.occupation", p.Occupation, strings.Join(Occupations, ", "))
	}
	return nil
}

// StraightLined reports whether all nine elements got the same answer, which a quality rule flags.
func (a Answers) StraightLined() bool {
	for _, v := range a {
		if v == 0 || v != a[0] {
			return false
		}
	}
	return true
}

func oneOf(s string, set []string) bool {
	for _, v := range set {
		if s == v {
			return true
		}
	}
	return false
}

// ResponseFilter selects responses for reading; Campaign is required.
type ResponseFilter struct {
	Campaign string
	Unit     string
	// After continues a listing after the cursor of a previous page.
	After string
	Limit int
}

package survey

import (
	"crypto/rand"
	"strings"
	"time"
	"unicode/utf8"
)

// Case sources.
const (
	SourceSurvey    = "survey"    // the suggestion field of a survey response
	SourceComplaint = "complaint" // the standalone complaint form
)

// Case is a resident's complaint or suggestion that the unit must answer: Banyuwangi's rule is
// within four hours of receipt. It is open until the unit replies, answered when it has, and
// closed once the reply is published on the resident's tracking page.
type Case struct {
	// Code is the tracking code shown to the resident: unguessable, the only key to the case.
	Code       string    `json:"code"`
	Unit       string    `json:"unit"`
	Service    string    `json:"service,omitempty"`
	Source     string    `json:"source"`
	Text       string    `json:"text"`
	ReceivedAt time.Time `json:"receivedAt"`
	DueAt      time.Time `json:"dueAt"`
	Flagged    bool      `json:"flagged,omitempty"`

	Reply       string    `json:"reply,omitempty"`
	RepliedAt   time.Time `json:"repliedAt,omitzero"`
	RepliedBy   string    `json:"repliedBy,omitempty"`
	PublishedAt time.Time `json:"publishedAt,omitzero"`
}

// Case states.
const (
	CaseOpen     = "open"
	CaseAnswered = "answered"
	CaseClosed   = "closed"
)

// State returns open, answered or closed.
func (c *Case) State() string {
	switch {
	case !c.PublishedAt.IsZero():
		return CaseClosed
	case !c.RepliedAt.IsZero():
		return CaseAnswered
	}
	return CaseOpen
}

// Overdue reports whether the case is still unanswered after its due time.
func (c *Case) Overdue(now time.Time) bool {
	return c.RepliedAt.IsZero() && now.After(c.DueAt)
}

// AnsweredInTime reports whether the unit replied by the due time.
func (c *Case) AnsweredInTime() bool {
	return !c.RepliedAt.IsZero() && !c.RepliedAt.After(c.DueAt)
}

// Case event types.
const (
	EventReply   = "reply"
	EventPublish = "publish"
)

// CaseEvent changes a case: the unit's reply, or its publication on the tracking page.
type CaseEvent struct {
	Code string    `json:"code"`
	Unit string    `json:"unit"`
	Type string    `json:"type"`
	Text string    `json:"text,omitempty"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// MaxReply is the longest reply accepted, in characters.
const MaxReply = 4000

// Validate reports whether the event can be recorded against the case.
func (e *CaseEvent) Validate(c *Case) error {
	switch e.Type {
	case EventReply:
		text := strings.TrimSpace(e.Text)
		if text == "" {
			return Errorf(EINVALID, "err.case.noreply")
		}
		if utf8.RuneCountInString(text) > MaxReply || !utf8.ValidString(text) {
			return Errorf(EINVALID, "err.case.replylength", MaxReply)
		}
		if c.State() == CaseClosed {
			return Errorf(ECONFLICT, "err.case.closed", c.Code)
		}
	case EventPublish:
		if c.RepliedAt.IsZero() {
			return Errorf(ECONFLICT, "err.case.unanswered", c.Code)
		}
		if c.State() == CaseClosed {
			return Errorf(ECONFLICT, "err.case.published", c.Code)
		}
	default:
		return Errorf(EINVALID, "err.case.event", e.Type)
	}
	if e.Code != c.Code || e.Unit != c.Unit {
		return Errorf(EINVALID, "err.case.other", c.Code)
	}
	return nil
}

// apply changes the case by the event. Events are validated when recorded, but two people may
// record at the same moment; in log order, a reply after publication and a second publication are
// ignored, so what the resident read stays what the case says.
func (c *Case) apply(e *CaseEvent) {
	if c.State() == CaseClosed {
		return
	}
	switch e.Type {
	case EventReply:
		c.Reply, c.RepliedAt, c.RepliedBy = strings.TrimSpace(e.Text), e.At, e.By
	case EventPublish:
		if !c.RepliedAt.IsZero() {
			c.PublishedAt = e.At
		}
	}
}

// OpenCase makes the response's suggestion or complaint a case: a fresh tracking code and the
// time by which the unit must answer, by the region's rule, counted from r.SubmittedAt (now when
// unset). A response without text opens no case, and one that already has a code keeps it. Call
// it before the response is submitted.
func (r *Response) OpenCase(region *Region, now time.Time) {
	if strings.TrimSpace(r.Suggestion) == "" || r.CaseCode != "" {
		return
	}
	if r.SubmittedAt.IsZero() {
		r.SubmittedAt = now.UTC()
	}
	r.CaseCode = NewCaseCode()
	r.CaseDue = region.CaseDue(r.SubmittedAt)
}

// caseAlphabet is Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand
// survives.
const caseAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewCaseCode returns a fresh tracking code such as "K7QX-2M4P-9T": 50 random bits, so codes
// cannot be guessed.
func NewCaseCode() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	var sb strings.Builder
	for i, v := range b {
		if i == 4 || i == 8 {
			sb.WriteByte('-')
		}
		sb.WriteByte(caseAlphabet[v&31])
	}
	return sb.String()
}

// NormalizeCaseCode reads a code as a resident may type it: any case, with or without dashes or
// spaces, with O for 0 and I or L for 1. It returns "" when it cannot be a code.
func NormalizeCaseCode(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case '-', ' ':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if !strings.ContainsRune(caseAlphabet, r) {
			return ""
		}
		sb.WriteRune(r)
	}
	raw := sb.String()
	if len(raw) != 10 {
		return ""
	}
	return raw[:4] + "-" + raw[4:8] + "-" + raw[8:]
}

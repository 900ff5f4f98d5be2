package survey

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strings"
	"time"
	"unicode/utf8"
)

// Case sources: the form a case came in by.
const (
	SourceSurvey    = "survey"    // the suggestion field of a survey response
	SourceComplaint = "complaint" // the standalone complaint form
)

// Case kinds: what the resident meant. A complaint form opens a complaint and a survey's
// suggestion field a suggestion; praise is a kind triage may give a case.
const (
	KindComplaint  = "complaint"
	KindSuggestion = "suggestion"
	KindPraise     = "praise"
)

// Case is what the tallies keep of a resident's complaint or suggestion that the unit must answer
// (Banyuwangi's rule is within four hours of receipt): its times and state, without the words,
// which the store keeps apart (CaseText), and without the resident's tracking code. It is open
// until the unit replies, answered when it has, and closed once the reply is published on the
// resident's tracking page.
type Case struct {
	// ID names the case to staff: derived from the tracking code by a keyed hash (CaseID), so it
	// never reveals the code, while the code finds the case.
	ID         string    `json:"id"`
	Unit       string    `json:"unit"`
	Service    string    `json:"service,omitempty"`
	Source     string    `json:"source"`
	Kind       string    `json:"kind"`
	ReceivedAt time.Time `json:"receivedAt"`
	// DueAt is zero for a suggestion kept from before cases were tracked: it has no tracking
	// code and cannot be answered in the engine.
	DueAt   time.Time `json:"dueAt,omitzero"`
	Flagged bool      `json:"flagged,omitempty"`

	RepliedAt time.Time `json:"repliedAt,omitzero"`
	// ReplyEntry is the tally-log entry of the reply in force, under which the store keeps its text.
	ReplyEntry  int64     `json:"replyEntry,omitempty"`
	PublishedAt time.Time `json:"publishedAt,omitzero"`
}

// CaseText is the words of a case: what the resident wrote, and the unit's reply in force with who
// wrote it. Read by those who may handle the case and, once published, by the resident.
type CaseText struct {
	Text      string `json:"text"`
	Reply     string `json:"reply,omitempty"`
	RepliedBy string `json:"repliedBy,omitempty"`
}

// equal reports whether two summaries say the same, times compared as instants.
func (c *Case) equal(o *Case) bool {
	return c.ID == o.ID && c.Unit == o.Unit && c.Service == o.Service && c.Source == o.Source && c.Kind == o.Kind &&
		c.ReceivedAt.Equal(o.ReceivedAt) && c.DueAt.Equal(o.DueAt) && c.Flagged == o.Flagged &&
		c.RepliedAt.Equal(o.RepliedAt) && c.ReplyEntry == o.ReplyEntry && c.PublishedAt.Equal(o.PublishedAt)
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

// Tracked reports whether the case can be answered in the engine: it has a tracking code and a
// due time.
func (c *Case) Tracked() bool { return !c.DueAt.IsZero() }

// Overdue reports whether the case is still unanswered after its due time.
func (c *Case) Overdue(now time.Time) bool {
	return c.Tracked() && c.RepliedAt.IsZero() && now.After(c.DueAt)
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

// CaseEvent changes a case: the unit's reply, or its publication on the tracking page. The tally
// log keeps the event without Text; the store keeps a reply's text with the case's words.
type CaseEvent struct {
	Case string    `json:"case"`
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
			return Errorf(ECONFLICT, "err.case.closed", c.ID)
		}
	case EventPublish:
		if c.RepliedAt.IsZero() {
			return Errorf(ECONFLICT, "err.case.unanswered", c.ID)
		}
		if c.State() == CaseClosed {
			return Errorf(ECONFLICT, "err.case.published", c.ID)
		}
	default:
		return Errorf(EINVALID, "err.case.event", e.Type)
	}
	if e.Case != c.ID || e.Unit != c.Unit {
		return Errorf(EINVALID, "err.case.other", c.ID)
	}
	return nil
}

// apply changes the case by the event, recorded in tally-log entry. Events are validated when
// recorded, but two people may record at the same moment; in log order, a reply after
// publication and a second publication are ignored, so what the resident read stays what the
// case says.
func (c *Case) apply(e *CaseEvent, entry int64) {
	if c.State() == CaseClosed {
		return
	}
	switch e.Type {
	case EventReply:
		c.RepliedAt, c.ReplyEntry = e.At, entry
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

// caseIDLength is the characters of an internal case ID: 60 bits of the keyed hash.
const caseIDLength = 12

var caseIDEncoding = base32.NewEncoding(caseAlphabet).WithPadding(base32.NoPadding)

// CaseID returns the internal ID of the case with the tracking code: the first characters of
// HMAC-SHA256 of the code under the store's secret, so staff pages and notifications can name a
// case without the code, while the code still finds its case. A suggestion kept from before cases
// were tracked has no code; pass "response " and its submission key instead.
func CaseID(secret []byte, code string) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(code))
	return caseIDEncoding.EncodeToString(mac.Sum(nil))[:caseIDLength]
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

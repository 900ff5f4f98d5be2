package survey

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strings"
	"time"
)

// Case sources: the form a case came in by.
const (
	SourceSurvey    = "survey"    // the message field of a survey response
	SourceComplaint = "complaint" // the standalone complaint form
)

// Case kinds: what the resident says they wrote. Only a complaint asks for an answer: it gets a
// tracking code and the region's answer clock. A suggestion and praise are counted and read.
const (
	KindComplaint  = "complaint"
	KindSuggestion = "suggestion"
	KindPraise     = "praise"
)

// CaseKinds lists the kinds in the order forms offer them.
var CaseKinds = []string{KindComplaint, KindSuggestion, KindPraise}

// ValidCaseKind reports whether k is a case kind.
func ValidCaseKind(k string) bool { return oneOf(k, CaseKinds) }

// Case is what the tallies keep of a resident's message to a unit: a complaint the unit must
// answer (Banyuwangi's rule is within four hours of receipt), a suggestion or praise. It holds
// the times and state without the words, which the store keeps apart (CaseText), and without the
// resident's tracking code. A complaint is open until the unit replies, answered when it has, and
// closed once the reply is published on the resident's tracking page; a suggestion or praise is
// unread until someone at the unit marks it read.
type Case struct {
	// ID names the case to staff: derived from the tracking code by a keyed hash (CaseID), so it
	// never reveals the code, while the code finds the case.
	ID      string `json:"id"`
	Unit    string `json:"unit"`
	Service string `json:"service,omitempty"`
	Source  string `json:"source"`
	Channel string `json:"channel,omitempty"`
	// Kind is what the case is now; Filed is what the resident said it was, kept from the first
	// time staff reclassify it ("" while they have not).
	Kind  string `json:"kind"`
	Filed string `json:"filed,omitempty"`
	// Tracked is set when the resident holds a tracking code, so the case has a tracking page.
	Tracked    bool      `json:"tracked,omitempty"`
	ReceivedAt time.Time `json:"receivedAt"`
	// DueAt is when a complaint must be answered. A suggestion kept from before triage may carry
	// one; it counts only while the case is a complaint.
	DueAt time.Time `json:"dueAt,omitzero"`
	// ClockFrom is when the clock of a case reclassified as a complaint started; zero when it ran
	// from ReceivedAt.
	ClockFrom time.Time `json:"clockFrom,omitzero"`
	Flagged   bool      `json:"flagged,omitempty"`

	RepliedAt time.Time `json:"repliedAt,omitzero"`
	// ReplyEntry is the tally-log entry of the reply in force, under which the store keeps its text.
	ReplyEntry  int64     `json:"replyEntry,omitempty"`
	PublishedAt time.Time `json:"publishedAt,omitzero"`
	// ReadAt is when a suggestion or praise was first marked read.
	ReadAt time.Time `json:"readAt,omitzero"`
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
	return c.ID == o.ID && c.Unit == o.Unit && c.Service == o.Service && c.Source == o.Source && c.Channel == o.Channel &&
		c.Kind == o.Kind && c.Filed == o.Filed && c.Tracked == o.Tracked &&
		c.ReceivedAt.Equal(o.ReceivedAt) && c.DueAt.Equal(o.DueAt) && c.ClockFrom.Equal(o.ClockFrom) && c.Flagged == o.Flagged &&
		c.RepliedAt.Equal(o.RepliedAt) && c.ReplyEntry == o.ReplyEntry && c.PublishedAt.Equal(o.PublishedAt) && c.ReadAt.Equal(o.ReadAt)
}

// Case states: a complaint's, then a suggestion's or praise's.
const (
	CaseOpen     = "open"
	CaseAnswered = "answered"
	CaseClosed   = "closed"
	CaseUnread   = "unread"
	CaseRead     = "read"
)

// CaseStates lists the states in the order the desk offers them.
var CaseStates = []string{CaseOpen, CaseAnswered, CaseClosed, CaseUnread, CaseRead}

// State returns open, answered or closed for a complaint, unread or read for the others. A
// complaint whose resident holds no code (one reclassified from a suggestion) closes with its
// reply: there is no tracking page to publish it on.
func (c *Case) State() string {
	if !c.Complaint() {
		if c.ReadAt.IsZero() && c.RepliedAt.IsZero() {
			return CaseUnread
		}
		return CaseRead
	}
	switch {
	case !c.PublishedAt.IsZero(), !c.RepliedAt.IsZero() && !c.Tracked:
		return CaseClosed
	case !c.RepliedAt.IsZero():
		return CaseAnswered
	}
	return CaseOpen
}

// Done reports whether the case needs nothing more from the unit: a closed complaint, or a read
// suggestion or praise.
func (c *Case) Done() bool { s := c.State(); return s == CaseClosed || s == CaseRead }

// Complaint reports whether the case is a complaint, which the unit must answer.
func (c *Case) Complaint() bool { return c.Kind == KindComplaint }

// Clocked reports whether the answer rule runs for the case: a complaint with a due time.
func (c *Case) Clocked() bool { return c.Complaint() && !c.DueAt.IsZero() }

// ClockStart returns when the case's answer clock started: its receipt, or its reclassification
// as a complaint.
func (c *Case) ClockStart() time.Time {
	if !c.ClockFrom.IsZero() {
		return c.ClockFrom
	}
	return c.ReceivedAt
}

// FiledAs returns the kind the resident gave the case.
func (c *Case) FiledAs() string {
	if c.Filed != "" {
		return c.Filed
	}
	return c.Kind
}

// Overdue reports whether the case is a complaint still unanswered after its due time.
func (c *Case) Overdue(now time.Time) bool {
	return c.Clocked() && c.RepliedAt.IsZero() && now.After(c.DueAt)
}

// AnsweredInTime reports whether the unit replied to the complaint by the due time.
func (c *Case) AnsweredInTime() bool {
	return c.Clocked() && !c.RepliedAt.IsZero() && !c.RepliedAt.After(c.DueAt)
}

// MessageKind returns what the response's message is: the kind the resident chose, or for a
// response from before triage a complaint from the complaint form and a suggestion from a survey.
func (r *Response) MessageKind() string {
	switch {
	case r.CaseKind != "":
		return r.CaseKind
	case r.Kind == SourceComplaint:
		return KindComplaint
	}
	return KindSuggestion
}

// OpenCase makes the response's message a case. A complaint gets a fresh tracking code and the
// time by which the unit must answer, by the region's rule, counted from now, when the complaint
// reaches the unit: for a paper questionnaire typed in weeks later, that is the import, not the
// date on the form (r.ReceivedAt then keeps it). A suggestion or praise gets neither: nobody waits
// for an answer to it. A response without text opens no case and keeps no kind, and one that
// already has a code keeps it. Call it before the response is submitted.
func (r *Response) OpenCase(region *Region, now time.Time) {
	if strings.TrimSpace(r.Suggestion) == "" {
		r.CaseKind = ""
		return
	}
	if r.CaseCode != "" {
		return
	}
	r.CaseKind = r.MessageKind()
	if r.CaseKind != KindComplaint {
		return
	}
	if r.SubmittedAt.IsZero() {
		r.SubmittedAt = now.UTC()
	}
	if !now.Equal(r.SubmittedAt) {
		r.ReceivedAt = now.UTC()
	}
	r.CaseCode = NewCaseCode()
	r.CaseDue = region.CaseDue(now)
}

// MaxCaseWords bounds the cases whose words one read returns (Store.CaseWords).
const MaxCaseWords = 100

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

package survey

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Case event types.
const (
	EventReply   = "reply"
	EventPublish = "publish"
	// EventReclassify gives a case another kind: staff correcting what a message is.
	EventReclassify = "reclassify"
	// EventRead marks a suggestion or praise read.
	EventRead = "read"
)

// CaseEvent changes a case: the unit's reply to a complaint, its publication on the tracking
// page, a new kind, or a suggestion or praise marked read. The tally log keeps the event without
// Text; the store keeps a reply's text with the case's words.
type CaseEvent struct {
	Case string `json:"case"`
	Unit string `json:"unit"`
	Type string `json:"type"`
	Text string `json:"text,omitempty"`
	// Kind is the case's new kind, and Due the due time of a clock the reclassification starts.
	Kind string    `json:"kind,omitempty"`
	Due  time.Time `json:"due,omitzero"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// MaxReply is the longest reply accepted, in characters.
const MaxReply = 4000

// Reclassify returns the event that makes the case a case of the kind, by the region's rule. A
// case that becomes a complaint for the first time starts its clock at the reclassification;
// one that was a complaint before (as filed, or reclassified earlier) gets its first due time
// back, so moving a late complaint away and back never buys it time.
func (c *Case) Reclassify(kind string, region *Region, by string, at time.Time) CaseEvent {
	e := CaseEvent{Case: c.ID, Unit: c.Unit, Type: EventReclassify, Kind: kind, By: by, At: at.UTC()}
	if kind == KindComplaint && c.FiledAs() != KindComplaint && c.ClockFrom.IsZero() {
		e.Due = region.CaseDue(at)
	}
	return e
}

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
		if !c.Complaint() {
			return Errorf(ECONFLICT, "err.case.notcomplaint", c.ID)
		}
		if c.State() == CaseClosed {
			return Errorf(ECONFLICT, "err.case.closed", c.ID)
		}
	case EventPublish:
		if !c.Complaint() || !c.Tracked {
			return Errorf(ECONFLICT, "err.case.nopage", c.ID)
		}
		if c.RepliedAt.IsZero() {
			return Errorf(ECONFLICT, "err.case.unanswered", c.ID)
		}
		if c.State() == CaseClosed {
			return Errorf(ECONFLICT, "err.case.published", c.ID)
		}
	case EventReclassify:
		if !ValidCaseKind(e.Kind) {
			return Errorf(EINVALID, "err.case.kind", e.Kind)
		}
		if e.Kind == c.Kind {
			return Errorf(ECONFLICT, "err.case.samekind", c.ID)
		}
	case EventRead:
		if c.Complaint() {
			return Errorf(ECONFLICT, "err.case.readcomplaint", c.ID)
		}
		if c.State() == CaseRead {
			return Errorf(ECONFLICT, "err.case.read", c.ID)
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
// case says, and a reclassification to the kind the case has already changes nothing.
func (c *Case) apply(e *CaseEvent, entry int64) {
	switch e.Type {
	case EventReply:
		if c.State() != CaseClosed {
			c.RepliedAt, c.ReplyEntry = e.At, entry
		}
	case EventPublish:
		if c.Tracked && !c.RepliedAt.IsZero() && c.PublishedAt.IsZero() {
			c.PublishedAt = e.At
		}
	case EventReclassify:
		if !ValidCaseKind(e.Kind) || e.Kind == c.Kind {
			return
		}
		if c.Filed == "" {
			c.Filed = c.Kind
		}
		c.Kind = e.Kind
		if !e.Due.IsZero() {
			c.DueAt, c.ClockFrom = e.Due, e.At
		}
	case EventRead:
		if c.ReadAt.IsZero() {
			c.ReadAt = e.At
		}
	}
}

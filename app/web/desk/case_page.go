package desk

import (
	"fmt"
	"strings"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// casePage is the data of one case's page.
type casePage struct {
	web.Page
	ID         string
	Campaign   string
	UnitName   string
	Service    string
	Source     string
	Kind       string
	Filed      string
	Complaint  bool
	Text       []string
	Flagged    bool
	Received   string
	Due        string
	Left       string
	Overdue    bool
	State      string
	Reply      string
	ReplyLines []string
	RepliedBy  string
	Published  string
	CanReply   bool
	CanPublish bool
	// NoPage says that the resident holds no tracking code, so the reply closes the case.
	NoPage  bool
	CanRead bool
	// Kinds are the kinds the case may be given, with what giving each one does to the clock.
	Kinds     []kindChoice
	Flash     string
	Error     string
	Back      string
	ClockHelp string
}

// kindChoice is one kind in the reclassification form.
type kindChoice struct {
	Value, Label string
	Selected     bool
}

// handleCase serves GET /pengaduan/:code: the case with what the resident wrote; for a complaint
// the reply form and the publish button, for a suggestion or praise the button that marks it read;
// and the form that gives it another kind. For anyone but the unit's heads and the administrators
// it does not exist (404), like an unknown code.
func (h *handler) handleCase(c *fiber.Ctx) error {
	cs, campaign, err := h.caseFor(c)
	if err != nil {
		return err
	}
	flash := map[string]string{"reply": "case.saved", "publish": "case.done", "kind": "case.kind.saved", "read": "case.read.saved"}[c.Query("ok")]
	words, err := h.Store.CaseText(c.UserContext(), cs.ID)
	if err != nil {
		return err
	}
	return h.renderCase(c, fiber.StatusOK, cs, words, campaign, words.Reply, flash, "")
}

func (h *handler) renderCase(c *fiber.Ctx, status int, cs *survey.Case, words *survey.CaseText, campaign, reply, flash, errMsg string) error {
	p := h.Page(c, "")
	now := h.Now()
	row := caseRowOf(p, cs, "", now, true)
	cp := casePage{Page: p, ID: cs.ID, Campaign: p.Semester(campaign), Source: row.Source, Kind: row.Kind, Filed: row.Filed,
		Complaint: cs.Complaint(), Text: web.Lines(words.Text), Flagged: cs.Flagged, Received: row.Received, Due: row.Due,
		Left: row.Left, Overdue: row.Overdue, State: row.State, Reply: reply, ReplyLines: web.Lines(words.Reply),
		CanReply: cs.Complaint() && cs.State() != survey.CaseClosed, CanPublish: cs.State() == survey.CaseAnswered,
		NoPage: cs.Complaint() && !cs.Tracked, CanRead: cs.State() == survey.CaseUnread, Error: errMsg, Back: link.Desk(),
		ClockHelp: p.T("case.kind.help", web.CaseRule(p.Printer, p.Region))}
	if flash != "" {
		cp.Flash = p.T(flash)
	}
	for _, k := range survey.CaseKinds {
		cp.Kinds = append(cp.Kinds, kindChoice{Value: k, Label: p.CaseKind(k), Selected: k == cs.Kind})
	}
	if !cs.RepliedAt.IsZero() {
		cp.RepliedBy = p.T("case.reply.by", words.RepliedBy, p.DateTime(cs.RepliedAt))
	}
	if !cs.PublishedAt.IsZero() {
		cp.Published = p.T("case.published", p.DateTime(cs.PublishedAt))
	}
	u, err := h.Store.Unit(c.UserContext(), cs.Unit)
	if err != nil && survey.ErrorCode(err) != survey.ENOTFOUND {
		return err
	}
	cp.UnitName = cs.Unit
	if u != nil {
		cp.UnitName = u.Name.In(p.Lang)
		if sv, ok := u.Service(cs.Service); ok {
			cp.Service = sv.Name.In(p.Lang)
		}
	}
	cp.Title = p.T("case.one", p.CaseKind(cs.Kind), cs.ID)
	web.NoStore(c)
	return h.Render(c, status, "case_detail", cp)
}

// handleCaseReply serves POST /pengaduan/:code/balas: records the unit's reply to a complaint (it
// replaces an earlier one until the reply is published). The complaint is answered from then on.
func (h *handler) handleCaseReply(c *fiber.Ctx) error {
	text := strings.Clone(strings.TrimSpace(c.FormValue("reply")))
	return h.caseEvent(c, "case.reply", "reply", text, func(cs *survey.Case) survey.CaseEvent {
		return survey.CaseEvent{Case: cs.ID, Unit: cs.Unit, Type: survey.EventReply, Text: text, By: web.Principal(c).Name, At: h.Now()}
	})
}

// handleCasePublish serves POST /pengaduan/:code/terbitkan: publishes the reply on the resident's
// tracking page, which closes the complaint.
func (h *handler) handleCasePublish(c *fiber.Ctx) error {
	return h.caseEvent(c, "case.publish", "publish", "", func(cs *survey.Case) survey.CaseEvent {
		return survey.CaseEvent{Case: cs.ID, Unit: cs.Unit, Type: survey.EventPublish, By: web.Principal(c).Name, At: h.Now()}
	})
}

// handleCaseReclassify serves POST /pengaduan/:code/jenis: gives the case the posted kind. A
// suggestion or praise made a complaint starts its clock now; a complaint made something else
// stops its clock and leaves the answer figures (Case.Reclassify).
func (h *handler) handleCaseReclassify(c *fiber.Ctx) error {
	kind := strings.Clone(c.FormValue("kind"))
	return h.caseEvent(c, "case.reclassify", "kind", "", func(cs *survey.Case) survey.CaseEvent {
		return cs.Reclassify(kind, h.Region(c), web.Principal(c).Name, h.Now())
	})
}

// handleCaseRead serves POST /pengaduan/:code/dibaca: marks a suggestion or praise read.
func (h *handler) handleCaseRead(c *fiber.Ctx) error {
	return h.caseEvent(c, "case.read", "read", "", func(cs *survey.Case) survey.CaseEvent {
		return survey.CaseEvent{Case: cs.ID, Unit: cs.Unit, Type: survey.EventRead, By: web.Principal(c).Name, At: h.Now()}
	})
}

// caseEvent records the event the case's form asks for, audits it under action and shows the
// case again with ok's word (post/redirect/get); an event the case refuses shows the case with
// why, keeping the reply typed ("": the reply in force).
func (h *handler) caseEvent(c *fiber.Ctx, action, ok, reply string, event func(*survey.Case) survey.CaseEvent) error {
	cs, campaign, err := h.caseFor(c)
	if err != nil {
		return err
	}
	e := event(cs)
	if err = e.Validate(cs); err == nil {
		err = h.Store.RecordCaseEvents(c.UserContext(), campaign, []survey.CaseEvent{e})
	}
	if err != nil {
		if code := survey.ErrorCode(err); code != survey.EINVALID && code != survey.ECONFLICT {
			return err
		}
		words, werr := h.Store.CaseText(c.UserContext(), cs.ID)
		if werr != nil {
			return werr
		}
		if reply == "" {
			reply = words.Reply
		}
		return h.renderCase(c, web.Status(err), cs, words, campaign, reply, "", h.Printer(c).Error(err))
	}
	detail := cs.Unit
	if e.Type == survey.EventReclassify {
		detail = fmt.Sprintf("%s: %s → %s", cs.Unit, cs.Kind, e.Kind)
	}
	h.Audit(c, action, cs.ID, detail)
	return c.Redirect(link.Case(cs.ID)+"?ok="+ok, fiber.StatusSeeOther)
}

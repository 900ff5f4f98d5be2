package desk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// caseRow is a case as a list shows it.
type caseRow struct {
	Code     string
	Href     string
	Unit     string
	Source   string
	Excerpt  string
	Received string
	Due      string
	Left     string
	Overdue  bool
	State    string
	due      time.Time
	last     time.Time
}

// slaRow is a unit's answer record in one campaign.
type slaRow struct {
	Unit     string
	Campaign string
	Cases    string
	InTime   string
	Median   string
	Open     string
	Overdue  string
}

type casesPage struct {
	web.Page
	Intro     string
	Admin     bool
	Viewer    bool
	Escalated caseTable
	Open      caseTable
	Answered  caseTable
	Closed    caseTable
	SLA       []slaRow
}

// caseTable is one list of cases on the page, with what its template needs of the page.
type caseTable struct {
	web.Page
	Viewer bool
	Rows   []caseRow
}

// closedShown bounds the closed cases a list shows: it is for work still to do.
const closedShown = 20

// caseLimitText says the region's answer limit in words.

// handleCases serves GET /pengaduan: the cases of the caller's units still to be answered or
// published, ordered by time left (overdue first, marked), with each unit's answer record.
// Administrators see every unit, the escalated (overdue) cases in a list of their own at the top.
// Viewers see the same lists as administrators without what residents wrote and without links:
// the inspectorate follows the four-hour rule, but residents' text is for the unit only.
func (h *handler) handleCases(c *fiber.Ctx) error {
	ctx := c.UserContext()
	who := web.Principal(c)
	p := h.Page(c, "")
	p.Title = p.T("case.title")
	cp := casesPage{Page: p, Intro: fmt.Sprintf(p.T("case.intro"), web.CaseRule(p.Printer, p.Region)), Admin: who.IsAdmin(), Viewer: who.Role == survey.RoleViewer}
	campaigns, err := h.caseCampaigns(ctx)
	if err != nil {
		return err
	}
	names, err := h.UnitNames(ctx, p.Lang)
	if err != nil {
		return err
	}
	now := h.Now()
	w := reports.WebCharts{Words: p.Printer}
	var escalated, open, answered, closed []caseRow
	for _, camp := range campaigns {
		t, err := h.Store.Tally(ctx, camp.Key)
		if err != nil {
			return err
		}
		for _, cu := range camp.Units {
			if !who.CanSeeUnit(cu.Unit) {
				continue
			}
			u := t.Unit(cu.Unit)
			if sla := u.SLA(now); sla.Cases > 0 {
				row := slaRow{Unit: names[cu.Unit], Campaign: camp.Key, Cases: w.Int(sla.Cases), Open: w.Int(sla.Open), Overdue: w.Int(sla.Overdue),
					InTime: "—", Median: "—"}
				if sla.Decided > 0 {
					row.InTime = fmt.Sprintf("%s (%s/%s)", w.Percent(sla.InTimePercent), w.Int(sla.InTime), w.Int(sla.Decided))
				}
				if sla.Answered > 0 {
					row.Median = p.Span(sla.MedianAnswer)
				}
				cp.SLA = append(cp.SLA, row)
			}
			for _, cs := range u.Cases {
				if !cs.Tracked() {
					continue
				}
				row := h.caseRow(p, cs, names[cs.Unit], now, who.MayActFor(cs.Unit))
				switch {
				case cs.State() == survey.CaseClosed:
					closed = append(closed, row)
				case cs.State() == survey.CaseAnswered:
					answered = append(answered, row)
				case row.Overdue && (cp.Admin || cp.Viewer):
					escalated = append(escalated, row)
				default:
					open = append(open, row)
				}
			}
		}
	}
	byDue := func(a, b caseRow) int { return a.due.Compare(b.due) }
	slices.SortFunc(escalated, byDue)
	slices.SortFunc(open, byDue)
	slices.SortFunc(answered, byDue)
	slices.SortFunc(closed, func(a, b caseRow) int { return b.last.Compare(a.last) })
	table := func(rows []caseRow) caseTable { return caseTable{Page: p, Viewer: cp.Viewer, Rows: rows} }
	cp.Escalated, cp.Open, cp.Answered = table(escalated), table(open), table(answered)
	cp.Closed = table(closed[:min(len(closed), closedShown)])
	for _, rows := range [][]caseRow{cp.Escalated.Rows, cp.Open.Rows, cp.Answered.Rows, cp.Closed.Rows} {
		if err := h.excerpts(ctx, rows); err != nil {
			return err
		}
	}
	return h.Render(c, fiber.StatusOK, "case_list", cp)
}

// excerptRunes is how much of a case's text a list shows.
const excerptRunes = 90

// excerpts fills in the beginning of each readable case's text: the store keeps the words apart
// from the tallies, so a list reads only those of the rows it shows.
func (h *handler) excerpts(ctx context.Context, rows []caseRow) error {
	for i := range rows {
		if rows[i].Href == "" {
			continue
		}
		words, err := h.Store.CaseText(ctx, rows[i].Code)
		if err != nil {
			return err
		}
		rows[i].Excerpt = words.Text
		if utf8.RuneCountInString(rows[i].Excerpt) > excerptRunes {
			rows[i].Excerpt = string([]rune(rows[i].Excerpt)[:excerptRunes]) + "…"
		}
	}
	return nil
}

func (h *handler) caseRow(p web.Page, cs *survey.Case, unit string, now time.Time, readable bool) caseRow {
	row := caseRow{Code: cs.ID, Unit: unit, Source: p.CaseSource(cs.Source), Received: p.DateTime(cs.ReceivedAt),
		Due: p.DateTime(cs.DueAt), Overdue: cs.Overdue(now), State: p.CaseState(cs.State()), due: cs.DueAt, last: cs.PublishedAt}
	if cs.State() == survey.CaseOpen {
		if row.Overdue {
			row.Left = fmt.Sprintf(p.T("case.left.over"), p.Span(now.Sub(cs.DueAt)))
		} else {
			row.Left = fmt.Sprintf(p.T("case.left.in"), p.Span(cs.DueAt.Sub(now)))
		}
	}
	if readable {
		row.Href = link.Case(cs.ID)
	}
	return row
}

// casePage is the data of one case's page.
type casePage struct {
	web.Page
	Code       string
	Campaign   string
	UnitName   string
	Service    string
	Source     string
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
	Flash      string
	Error      string
}

// handleCase serves GET /pengaduan/:code: the case with what the resident wrote, the reply form
// and the publish button. For anyone but the unit's heads and the administrators it does not
// exist (404), like an unknown code.
func (h *handler) handleCase(c *fiber.Ctx) error {
	cs, campaign, err := h.caseFor(c)
	if err != nil {
		return err
	}
	flash := ""
	switch c.Query("ok") {
	case "reply":
		flash = "case.saved"
	case "publish":
		flash = "case.done"
	}
	words, err := h.Store.CaseText(c.UserContext(), cs.ID)
	if err != nil {
		return err
	}
	return h.renderCase(c, fiber.StatusOK, cs, words, campaign, words.Reply, flash, "")
}

func (h *handler) renderCase(c *fiber.Ctx, status int, cs *survey.Case, words *survey.CaseText, campaign, reply, flash, errMsg string) error {
	p := h.Page(c, "")
	now := h.Now()
	row := h.caseRow(p, cs, "", now, true)
	cp := casePage{Page: p, Code: cs.ID, Campaign: campaign, Source: row.Source, Text: web.Lines(words.Text), Flagged: cs.Flagged,
		Received: row.Received, Due: row.Due, Left: row.Left, Overdue: row.Overdue, State: row.State, Reply: reply,
		ReplyLines: web.Lines(words.Reply), CanReply: cs.State() != survey.CaseClosed, CanPublish: cs.State() == survey.CaseAnswered, Error: errMsg}
	if flash != "" {
		cp.Flash = p.T(flash)
	}
	if !cs.RepliedAt.IsZero() {
		cp.RepliedBy = fmt.Sprintf(p.T("case.reply.by"), words.RepliedBy, p.DateTime(cs.RepliedAt))
	}
	if !cs.PublishedAt.IsZero() {
		cp.Published = fmt.Sprintf(p.T("case.published"), p.DateTime(cs.PublishedAt))
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
	cp.Title = p.T("case.title") + " " + cs.ID
	web.NoStore(c)
	return h.Render(c, status, "case_detail", cp)
}

// handleCaseReply serves POST /pengaduan/:code/balas: records the unit's reply (it replaces an
// earlier one until the reply is published). The case is answered from then on.
func (h *handler) handleCaseReply(c *fiber.Ctx) error {
	cs, campaign, err := h.caseFor(c)
	if err != nil {
		return err
	}
	text := strings.Clone(strings.TrimSpace(c.FormValue("reply")))
	e := survey.CaseEvent{Case: cs.ID, Unit: cs.Unit, Type: survey.EventReply, Text: text, By: web.Principal(c).Name, At: h.Now()}
	if err := h.recordCaseEvent(c, campaign, cs, &e); err != nil {
		if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT {
			return h.renderCaseAgain(c, err, cs, campaign, text)
		}
		return err
	}
	h.Audit(c, "case.reply", cs.ID, cs.Unit)
	return c.Redirect(link.Case(cs.ID)+"?ok=reply", fiber.StatusSeeOther)
}

// handleCasePublish serves POST /pengaduan/:code/terbitkan: publishes the reply on the resident's
// tracking page, which closes the case.
func (h *handler) handleCasePublish(c *fiber.Ctx) error {
	cs, campaign, err := h.caseFor(c)
	if err != nil {
		return err
	}
	e := survey.CaseEvent{Case: cs.ID, Unit: cs.Unit, Type: survey.EventPublish, By: web.Principal(c).Name, At: h.Now()}
	if err := h.recordCaseEvent(c, campaign, cs, &e); err != nil {
		if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT {
			return h.renderCaseAgain(c, err, cs, campaign, "")
		}
		return err
	}
	h.Audit(c, "case.publish", cs.ID, cs.Unit)
	return c.Redirect(link.Case(cs.ID)+"?ok=publish", fiber.StatusSeeOther)
}

// renderCaseAgain shows the case with the error of an event refused, keeping the reply typed ("":
// the reply in force).
func (h *handler) renderCaseAgain(c *fiber.Ctx, refused error, cs *survey.Case, campaign, reply string) error {
	words, err := h.Store.CaseText(c.UserContext(), cs.ID)
	if err != nil {
		return err
	}
	if reply == "" {
		reply = words.Reply
	}
	return h.renderCase(c, web.Status(refused), cs, words, campaign, reply, "", h.Printer(c).Error(refused))
}

func (h *handler) recordCaseEvent(c *fiber.Ctx, campaign string, cs *survey.Case, e *survey.CaseEvent) error {
	if err := e.Validate(cs); err != nil {
		return err
	}
	return h.Store.RecordCaseEvents(c.UserContext(), campaign, []survey.CaseEvent{*e})
}

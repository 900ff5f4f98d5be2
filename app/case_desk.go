package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

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
	Page
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
	Page
	Viewer bool
	Rows   []caseRow
}

// closedShown bounds the closed cases a list shows: it is for work still to do.
const closedShown = 20

// caseLimitText says the region's answer limit in words.
func caseLimitText(p Page) string { return caseLimitIn(p.Lang, p.Region) }

// handleCases serves GET /pengaduan: the cases of the caller's units still to be answered or
// published, ordered by time left (overdue first, marked), with each unit's answer record.
// Administrators see every unit, the escalated (overdue) cases in a list of their own at the top.
// Viewers see the same lists as administrators without what residents wrote and without links:
// the inspectorate follows the four-hour rule, but residents' text is for the unit only.
func (l *loop) handleCases(c *fiber.Ctx) error {
	ctx := c.UserContext()
	who := principal(c)
	p := l.s.page(c, "")
	p.Title = p.T("case.title")
	cp := casesPage{Page: p, Intro: fmt.Sprintf(p.T("case.intro"), caseLimitText(p)), Admin: who.IsAdmin(), Viewer: who.Role == survey.RoleViewer}
	campaigns, err := l.caseCampaigns(ctx)
	if err != nil {
		return err
	}
	names, err := l.unitNames(ctx, p.Lang)
	if err != nil {
		return err
	}
	loc := l.locs.of(p.Region)
	now := l.s.now()
	w := reports.WebCharts{Words: p.Printer}
	var escalated, open, answered, closed []caseRow
	for _, camp := range campaigns {
		t, err := l.s.store.Tally(ctx, camp.Key)
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
					row.Median = spanText(p.Lang, sla.MedianAnswer)
				}
				cp.SLA = append(cp.SLA, row)
			}
			for _, cs := range u.Cases {
				if cs.Code == "" {
					continue
				}
				row := l.caseRow(p, cs, names[cs.Unit], loc, now, mayHandleCase(who, cs))
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
	return l.s.render(c, fiber.StatusOK, "case_list", cp)
}

// excerptRunes is how much of a case's text a list shows.
const excerptRunes = 90

func (l *loop) caseRow(p Page, cs *survey.Case, unit string, loc *time.Location, now time.Time, readable bool) caseRow {
	row := caseRow{Code: cs.Code, Unit: unit, Source: p.T("case.source." + cs.Source), Received: localTime(p.Lang, cs.ReceivedAt, loc),
		Due: localTime(p.Lang, cs.DueAt, loc), Overdue: cs.Overdue(now), State: p.T("case.state." + cs.State()), due: cs.DueAt, last: cs.PublishedAt}
	if cs.State() == survey.CaseOpen {
		if row.Overdue {
			row.Left = fmt.Sprintf(p.T("case.left.over"), spanText(p.Lang, now.Sub(cs.DueAt)))
		} else {
			row.Left = fmt.Sprintf(p.T("case.left.in"), spanText(p.Lang, cs.DueAt.Sub(now)))
		}
	}
	if readable {
		row.Href = casePath(cs.Code)
		row.Excerpt = cs.Text
		if utf8.RuneCountInString(row.Excerpt) > excerptRunes {
			row.Excerpt = string([]rune(row.Excerpt)[:excerptRunes]) + "…"
		}
	}
	return row
}

// casePage is the data of one case's page.
type casePage struct {
	Page
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
	Track      string
	Flash      string
	Error      string
}

// handleCase serves GET /pengaduan/:code: the case with what the resident wrote, the reply form
// and the publish button. For anyone but the unit's heads and the administrators it does not
// exist (404), like an unknown code.
func (l *loop) handleCase(c *fiber.Ctx) error {
	cs, campaign, err := l.caseFor(c)
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
	return l.renderCase(c, fiber.StatusOK, cs, campaign, cs.Reply, flash, "")
}

func (l *loop) renderCase(c *fiber.Ctx, status int, cs *survey.Case, campaign, reply, flash, errMsg string) error {
	p := l.s.page(c, "")
	loc := l.locs.of(p.Region)
	now := l.s.now()
	row := l.caseRow(p, cs, "", loc, now, true)
	cp := casePage{Page: p, Code: cs.Code, Campaign: campaign, Source: row.Source, Text: textLines(cs.Text), Flagged: cs.Flagged,
		Received: row.Received, Due: row.Due, Left: row.Left, Overdue: row.Overdue, State: row.State, Reply: reply,
		ReplyLines: textLines(cs.Reply), CanReply: cs.State() != survey.CaseClosed, CanPublish: cs.State() == survey.CaseAnswered, Track: trackPath(cs.Code), Error: errMsg}
	if flash != "" {
		cp.Flash = p.T(flash)
	}
	if !cs.RepliedAt.IsZero() {
		cp.RepliedBy = fmt.Sprintf(p.T("case.reply.by"), cs.RepliedBy, localTime(p.Lang, cs.RepliedAt, loc))
	}
	if !cs.PublishedAt.IsZero() {
		cp.Published = fmt.Sprintf(p.T("case.published"), localTime(p.Lang, cs.PublishedAt, loc))
	}
	u, err := l.s.store.Unit(c.UserContext(), cs.Unit)
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
	cp.Title = p.T("case.title") + " " + cs.Code
	noStore(c)
	return l.s.render(c, status, "case_detail", cp)
}

// handleCaseReply serves POST /pengaduan/:code/balas: records the unit's reply (it replaces an
// earlier one until the reply is published). The case is answered from then on.
func (l *loop) handleCaseReply(c *fiber.Ctx) error {
	cs, campaign, err := l.caseFor(c)
	if err != nil {
		return err
	}
	text := strings.Clone(strings.TrimSpace(c.FormValue("reply")))
	e := survey.CaseEvent{Code: cs.Code, Unit: cs.Unit, Type: survey.EventReply, Text: text, By: principal(c).Name, At: l.s.now()}
	if err := l.recordCaseEvent(c, campaign, cs, &e); err != nil {
		if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT {
			return l.renderCase(c, statusOf[code], cs, campaign, text, "", errText(c, err))
		}
		return err
	}
	l.s.audit(c, "case.reply", cs.Code, cs.Unit)
	return c.Redirect(casePath(cs.Code)+"?ok=reply", fiber.StatusSeeOther)
}

// handleCasePublish serves POST /pengaduan/:code/terbitkan: publishes the reply on the resident's
// tracking page, which closes the case.
func (l *loop) handleCasePublish(c *fiber.Ctx) error {
	cs, campaign, err := l.caseFor(c)
	if err != nil {
		return err
	}
	e := survey.CaseEvent{Code: cs.Code, Unit: cs.Unit, Type: survey.EventPublish, By: principal(c).Name, At: l.s.now()}
	if err := l.recordCaseEvent(c, campaign, cs, &e); err != nil {
		if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT {
			return l.renderCase(c, statusOf[code], cs, campaign, cs.Reply, "", errText(c, err))
		}
		return err
	}
	l.s.audit(c, "case.publish", cs.Code, cs.Unit)
	return c.Redirect(casePath(cs.Code)+"?ok=publish", fiber.StatusSeeOther)
}

func (l *loop) recordCaseEvent(c *fiber.Ctx, campaign string, cs *survey.Case, e *survey.CaseEvent) error {
	if err := e.Validate(cs); err != nil {
		return err
	}
	return l.s.store.RecordCaseEvents(c.UserContext(), campaign, []survey.CaseEvent{*e})
}

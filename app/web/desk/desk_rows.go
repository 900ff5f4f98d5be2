package desk

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/skm-engine/skm/survey"
)

// caseRow is a case as a list shows it.
type caseRow struct {
	ID       string
	Href     string
	Unit     string
	Kind     string
	Filed    string
	Source   string
	Excerpt  string
	Received string
	Due      string
	Left     string
	State    string
	Overdue  bool
	// Selectable is set for an unread suggestion or praise the caller may mark read.
	Selectable bool
}

// caseTable is one list of cases on the page, with what its template needs of the page.
type caseTable struct {
	web.Page
	Viewer bool
	// OneUnit is set when the caller sees one unit's cases only: the list does not name it.
	OneUnit bool
	// Select shows the column of boxes that choose cases to mark read.
	Select bool
	Rows   []caseRow
}

// slaRow is a unit's answer record for complaints in one campaign.
type slaRow struct {
	Unit     string
	Campaign string
	Cases    string
	InTime   string
	Median   string
	Open     string
	Overdue  string
}

// slaRowOf returns the unit's row of the answer table, when it received complaints.
func slaRowOf(p web.Page, sla analytics.SLA, unit, campaign string) (slaRow, bool) {
	if sla.Cases == 0 {
		return slaRow{}, false
	}
	row := slaRow{Unit: unit, Campaign: p.Semester(campaign), Cases: p.Int(sla.Cases), Open: p.Int(sla.Open), Overdue: p.Int(sla.Overdue),
		InTime: "—", Median: "—"}
	if sla.Decided > 0 {
		row.InTime = fmt.Sprintf("%s (%s/%s)", p.Percent(sla.InTimePercent), p.Int(sla.InTime), p.Int(sla.Decided))
	}
	if sla.Answered > 0 {
		row.Median = p.Span(sla.MedianAnswer)
	}
	return row, true
}

// table builds the rows of the cases, with the beginning of each readable one's words: those a
// search read already, the others read now in one batch.
func (h *handler) table(ctx context.Context, p web.Page, who *survey.Principal, items []deskItem, names map[string]string, excerpts map[string]string, now time.Time) (caseTable, error) {
	viewer := who.Role == survey.RoleViewer
	t := caseTable{Page: p, Viewer: viewer}
	var missing []string
	for _, it := range items {
		if _, ok := excerpts[it.c.ID]; !ok && !viewer {
			missing = append(missing, it.c.ID)
		}
	}
	if len(missing) > 0 {
		words, err := h.Store.CaseWords(ctx, missing)
		if err != nil {
			return t, err
		}
		for id, w := range words {
			excerpts[id] = excerpt(w)
		}
	}
	for _, it := range items {
		row := caseRowOf(p, it.c, names[it.c.Unit], now, !viewer && who.MayActFor(it.c.Unit))
		if !viewer {
			row.Excerpt = excerpts[it.c.ID]
		}
		t.Select = t.Select || row.Selectable
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// excerptRunes is how much of a case's text a list shows.
const excerptRunes = 90

func excerpt(text string) string {
	if utf8.RuneCountInString(text) <= excerptRunes {
		return text
	}
	return string([]rune(text)[:excerptRunes]) + "…"
}

// filedKeys say what a reclassified case was sent as.
var filedKeys = map[string]string{
	survey.KindComplaint:  "case.filed.complaint",
	survey.KindSuggestion: "case.filed.suggestion",
	survey.KindPraise:     "case.filed.praise",
}

// caseRowOf describes a case; readable gives it a link and, when it waits to be read, a box.
func caseRowOf(p web.Page, cs *survey.Case, unit string, now time.Time, readable bool) caseRow {
	row := caseRow{ID: cs.ID, Unit: unit, Kind: p.CaseKind(cs.Kind), Source: p.CaseSource(cs.Source),
		Received: p.DateTime(cs.ReceivedAt), Overdue: cs.Overdue(now), State: p.CaseState(cs.State())}
	if cs.Channel != "" {
		row.Source += " · " + p.Category("channel", cs.Channel)
	}
	if cs.FiledAs() != cs.Kind {
		row.Filed = p.T(filedKeys[cs.FiledAs()])
	}
	if cs.Clocked() {
		row.Due = p.DateTime(cs.DueAt)
		if cs.State() == survey.CaseOpen {
			if row.Overdue {
				row.Left = p.T("case.left.over", p.Span(now.Sub(cs.DueAt)))
			} else {
				row.Left = p.T("case.left.in", p.Span(cs.DueAt.Sub(now)))
			}
		}
	}
	if readable {
		row.Href = link.Case(cs.ID)
		row.Selectable = cs.State() == survey.CaseUnread
	}
	return row
}

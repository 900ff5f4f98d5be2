package web

import (
	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
)

// PlanRow is a row of a follow-up plan as pages show it: No | element | activity | timing |
// responsible official.
type PlanRow struct {
	N           int
	Element     string
	ElementName string
	Activity    string
	Timing      string
	Responsible string
}

// OutcomeRow is an item of the previous plan with what became of it and how its element moved.
type OutcomeRow struct {
	N           int
	Element     string
	Activity    string
	Timing      string
	Responsible string
	Status      string
	StatusText  string
	Note        string
	Change      string
}

// PlanRows returns the rows of a plan's items.
func PlanRows(p i18n.Printer, items []survey.PlanItem) []PlanRow {
	rows := make([]PlanRow, len(items))
	for i, it := range items {
		rows[i] = PlanRow{N: i + 1, Element: it.Element, ElementName: p.In(survey.ElementName(it.Element)),
			Activity: it.Activity, Timing: it.Timing, Responsible: it.Responsible}
	}
	return rows
}

// OutcomeRows returns the rows of the previous plan's items, each with its outcome.
func OutcomeRows(p i18n.Printer, outcomes []survey.PlanOutcome) []OutcomeRow {
	rows := make([]OutcomeRow, len(outcomes))
	for i, o := range outcomes {
		rows[i] = OutcomeRow{N: i + 1, Element: o.Element + " " + p.In(survey.ElementName(o.Element)),
			Activity: o.Activity, Timing: o.Timing, Responsible: o.Responsible, Status: o.Status,
			StatusText: OutcomeText(p, o.Status), Note: o.Note, Change: ChangeText(p, o.Element, o.Change)}
	}
	return rows
}

// OutcomeText names what became of a planned item.
func OutcomeText(p i18n.Printer, status string) string {
	switch status {
	case survey.PlanDone:
		return p.T("plan.outcome.done")
	case survey.PlanInProgress:
		return p.T("plan.outcome.in_progress")
	case survey.PlanNotDone:
		return p.T("plan.outcome.not_done")
	}
	return p.T("plan.outcome.none")
}

// ChangeText says how an element's score moved: "U3 72,50 → 80,00 (naik, bermakna)".
func ChangeText(p i18n.Printer, element string, ch *analytics.Change) string {
	if ch == nil {
		return ""
	}
	how := p.T("plan.change.same")
	switch {
	case ch.Delta > 0:
		how = p.T("plan.change.up")
	case ch.Delta < 0:
		how = p.T("plan.change.down")
	}
	if ch.Significant {
		how += ", " + p.T("plan.change.significant")
	}
	return element + " " + p.Dec(ch.From, 2) + " → " + p.Dec(ch.To, 2) + " (" + how + ")"
}

package i18n

import (
	"time"

	"github.com/skm-engine/skm/survey"
)

// categoryKeys are the glossary's words for the respondent categories the questionnaire offers
// and the channels answers arrive by.
var categoryKeys = map[[2]string]string{
	{"gender", "L"}:                  "category.gender.L",
	{"gender", "P"}:                  "category.gender.P",
	{"education", "SD"}:              "category.education.SD",
	{"education", "SMP"}:             "category.education.SMP",
	{"education", "SMA"}:             "category.education.SMA",
	{"education", "D1-D3"}:           "category.education.D1-D3",
	{"education", "S1"}:              "category.education.S1",
	{"education", "S2"}:              "category.education.S2",
	{"education", "S3"}:              "category.education.S3",
	{"occupation", "PNS"}:            "category.occupation.PNS",
	{"occupation", "TNI"}:            "category.occupation.TNI",
	{"occupation", "POLRI"}:          "category.occupation.POLRI",
	{"occupation", "Swasta"}:         "category.occupation.Swasta",
	{"occupation", "Wirausaha"}:      "category.occupation.Wirausaha",
	{"occupation", "Lainnya"}:        "category.occupation.Lainnya",
	{"channel", survey.ChannelWeb}:   "category.channel.web",
	{"channel", survey.ChannelKiosk}: "category.channel.kiosk",
	{"channel", survey.ChannelPaper}: "category.channel.paper",
}

// Category names a respondent category of a dimension (gender, education, occupation, channel);
// a blank answer is "not stated", and a code the glossary does not know (an age band) is shown
// as it is.
func (p Printer) Category(dim, code string) string {
	if code == survey.NotStated || code == "" {
		return p.T("category.unstated")
	}
	if key, ok := categoryKeys[[2]string{dim, code}]; ok {
		return p.T(key)
	}
	return code
}

// State names a campaign's state.
func (p Printer) State(s survey.State) string { return p.Message(s.Message()) }

// Role names a role.
func (p Printer) Role(r survey.Role) string {
	switch r {
	case survey.RoleAdmin:
		return p.T("role.admin")
	case survey.RoleUnitHead:
		return p.T("role.unit_head")
	case survey.RoleViewer:
		return p.T("role.viewer")
	}
	return string(r)
}

// Weekday names a day of the week.
func (p Printer) Weekday(d time.Weekday) string {
	return p.T([...]string{"weekday.0", "weekday.1", "weekday.2", "weekday.3", "weekday.4", "weekday.5", "weekday.6"}[d%7])
}

// CaseState names a case's state as staff read it.
func (p Printer) CaseState(state string) string {
	switch state {
	case survey.CaseAnswered:
		return p.T("case.state.answered")
	case survey.CaseClosed:
		return p.T("case.state.closed")
	case survey.CaseUnread:
		return p.T("case.state.unread")
	case survey.CaseRead:
		return p.T("case.state.read")
	}
	return p.T("case.state.open")
}

// CaseKind names what a resident's message is: a complaint, a suggestion or praise.
func (p Printer) CaseKind(kind string) string {
	switch kind {
	case survey.KindComplaint:
		return p.T("case.kind.complaint")
	case survey.KindPraise:
		return p.T("case.kind.praise")
	}
	return p.T("case.kind.suggestion")
}

// CaseSource names where a case came from.
func (p Printer) CaseSource(source string) string {
	if source == survey.SourceComplaint {
		return p.T("case.source.complaint")
	}
	return p.T("case.source.survey")
}

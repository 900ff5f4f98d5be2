package desk

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// deskItem is a case the desk may list, with its campaign.
type deskItem struct {
	campaign string
	c        *survey.Case
}

// casesPage is the data of the desk.
type casesPage struct {
	web.Page
	Intro   string
	Admin   bool
	Viewer  bool
	Flash   string
	Filters filterView
	// Cases is one page of the list, Count says how many there are and which are shown.
	Cases      caseTable
	Count      string
	Prev, Next string
	PageOf     string
	// Selectable is set when the page shows a suggestion or praise the caller may mark read, and
	// Back carries the list's query to the bulk form.
	Selectable bool
	Back       string
	Escalated  escalation
	SLA        []slaRow
}

// filterView is the desk's filter form as the query fills it.
type filterView struct {
	Units, States, Kinds, Dues, Channels []web.Option
	Search                               string
	// Searchable is set for those who may read what residents wrote; Filtered when the list is
	// narrowed, with Reset the unfiltered desk.
	Searchable bool
	Filtered   bool
	Reset      string
}

// escalation is the administrators' list of complaints past their due time without an answer.
type escalation struct {
	Cases caseTable
	Count string
	All   string
}

// escalatedShown bounds the escalated complaints listed above the desk; the rest are a link away.
const escalatedShown = 5

// handleCases serves GET /pengaduan: the desk. It lists one page of the cases of the caller's
// units, filtered by unit, state, kind, due time and channel and searched by text, ordered by
// the work they ask for: unanswered complaints by time left (overdue first), answered ones to
// publish, unread suggestions and praise, then what is done. A tracking code typed into the
// search opens its case. Administrators and viewers see the escalated complaints above the list;
// viewers see times and states without what residents wrote and without links, as the
// inspectorate follows the answer rule while residents' words are for the unit only.
func (h *handler) handleCases(c *fiber.Ctx) error {
	ctx := c.UserContext()
	who := web.Principal(c)
	p := h.Page(c, "")
	p.Title = p.T("case.title")
	values, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
	q := readDeskQuery(values)
	viewer := who.Role == survey.RoleViewer
	if viewer {
		q.Search = ""
	}
	if q.Search != "" {
		if found, err := h.caseByCode(ctx, who, q.Search); err != nil || found != "" {
			if err != nil {
				return err
			}
			return c.Redirect(link.Case(found), fiber.StatusSeeOther)
		}
	}
	campaigns, err := h.caseCampaigns(ctx)
	if err != nil {
		return err
	}
	names, err := h.UnitNames(ctx, p.Lang)
	if err != nil {
		return err
	}
	now := h.Now()
	cp := casesPage{Page: p, Intro: fmt.Sprintf(p.T("case.intro"), web.CaseRule(p.Printer, p.Region)), Admin: who.IsAdmin(), Viewer: viewer}
	var all []deskItem
	units := map[string]bool{}
	for _, camp := range campaigns {
		t, err := h.Store.Tally(ctx, camp.Key)
		if err != nil {
			return err
		}
		for _, cu := range camp.Units {
			if !who.CanSeeUnit(cu.Unit) {
				continue
			}
			units[cu.Unit] = true
			u := t.Unit(cu.Unit)
			if row, ok := slaRowOf(p, u.SLA(now), names[cu.Unit], camp.Key); ok {
				cp.SLA = append(cp.SLA, row)
			}
			for _, cs := range u.Cases {
				all = append(all, deskItem{camp.Key, cs})
			}
		}
	}
	matched := slices.DeleteFunc(slices.Clone(all), func(it deskItem) bool { return !q.matches(it.c, now) })
	excerpts := map[string]string{}
	if q.Search != "" {
		if matched, excerpts, err = h.search(ctx, matched, q.Search); err != nil {
			return err
		}
	}
	slices.SortFunc(matched, byWork)
	pages := max(1, (len(matched)+pageSize-1)/pageSize)
	q.Page = min(q.Page, pages)
	shown := matched[(q.Page-1)*pageSize : min(q.Page*pageSize, len(matched))]
	cp.Cases, err = h.table(ctx, p, who, shown, names, excerpts, now)
	if err != nil {
		return err
	}
	cp.Cases.OneUnit = len(units) == 1
	cp.Count = countText(p, len(matched), (q.Page-1)*pageSize, len(shown))
	if pages > 1 {
		cp.PageOf = p.T("case.page.of", p.Int(int64(q.Page)), p.Int(int64(pages)))
		if q.Page > 1 {
			cp.Prev = q.onPage(q.Page - 1).path()
		}
		if q.Page < pages {
			cp.Next = q.onPage(q.Page + 1).path()
		}
	}
	for _, r := range cp.Cases.Rows {
		cp.Selectable = cp.Selectable || r.Selectable
	}
	cp.Back = q.values().Encode()
	cp.Filters = filtersOf(p, q, units, names, !viewer)
	if cp.Admin || cp.Viewer {
		if cp.Escalated, err = h.escalated(ctx, p, who, all, names, now); err != nil {
			return err
		}
	}
	if n, err := strconv.Atoi(c.Query("dibaca")); err == nil && n >= 0 {
		cp.Flash = p.T("case.read.done", p.Int(int64(n)))
	}
	web.NoStore(c)
	return h.Render(c, fiber.StatusOK, "case_list", cp)
}

// caseByCode returns the ID of the case with the tracking code a search holds, when the caller
// may open it; "" when the search is no code, or no code of the caller's. A resident reading their
// code over the phone is the one way staff meet a code: the list never shows them.
func (h *handler) caseByCode(ctx context.Context, who *survey.Principal, search string) (string, error) {
	code := survey.NormalizeCaseCode(search)
	if code == "" {
		return "", nil
	}
	cs, _, err := h.Store.FindCase(ctx, code)
	switch {
	case survey.ErrorCode(err) == survey.ENOTFOUND:
		return "", nil
	case err != nil:
		return "", err
	case !who.MayActFor(cs.Unit):
		return "", nil
	}
	return cs.ID, nil
}

// workRank orders the kinds of work: complaints to answer, answers to publish, suggestions and
// praise to read, then what is done.
func workRank(c *survey.Case) int {
	switch c.State() {
	case survey.CaseOpen:
		return 0
	case survey.CaseAnswered:
		return 1
	case survey.CaseUnread:
		return 2
	}
	return 3
}

// byWork orders cases as the desk lists them: by the work they ask for; complaints by time left,
// unread messages newest first, done ones by their last change.
func byWork(a, b deskItem) int {
	ra, rb := workRank(a.c), workRank(b.c)
	if ra != rb {
		return ra - rb
	}
	var by int
	switch ra {
	case 0, 1:
		by = a.c.DueAt.Compare(b.c.DueAt)
	case 2:
		by = b.c.ReceivedAt.Compare(a.c.ReceivedAt)
	default:
		by = lastChange(b.c).Compare(lastChange(a.c))
	}
	if by != 0 {
		return by
	}
	return strings.Compare(a.c.ID, b.c.ID)
}

func lastChange(c *survey.Case) time.Time {
	last := c.ReceivedAt
	for _, t := range []time.Time{c.RepliedAt, c.PublishedAt, c.ReadAt} {
		if t.After(last) {
			last = t
		}
	}
	return last
}

// countText says how many cases the list holds and which of them the page shows.
func countText(p web.Page, total, from, shown int) string {
	switch {
	case total == 0:
		return p.T("case.count.none")
	case shown == total:
		return p.T("case.count.all", p.Int(int64(total)))
	}
	return p.T("case.count.some", p.Int(int64(from+1)), p.Int(int64(from+shown)), p.Int(int64(total)))
}

// escalated lists the complaints past their due time without an answer, most overdue first.
func (h *handler) escalated(ctx context.Context, p web.Page, who *survey.Principal, all []deskItem, names map[string]string, now time.Time) (escalation, error) {
	var late []deskItem
	for _, it := range all {
		if it.c.Overdue(now) {
			late = append(late, it)
		}
	}
	slices.SortFunc(late, byWork)
	e := escalation{Count: p.T("case.escalated.count", p.Int(int64(len(late))))}
	if len(late) > escalatedShown {
		e.All = deskQuery{State: survey.CaseOpen, Kind: survey.KindComplaint, Due: dueOverdue, Page: 1}.path()
	}
	var err error
	e.Cases, err = h.table(ctx, p, who, late[:min(len(late), escalatedShown)], names, map[string]string{}, now)
	return e, err
}

// filtersOf builds the filter form: only the units the caller sees, and no unit choice for one.
func filtersOf(p web.Page, q deskQuery, units map[string]bool, names map[string]string, searchable bool) filterView {
	f := filterView{Search: q.Search, Searchable: searchable, Filtered: q.filtered(), Reset: link.Desk()}
	option := func(value, label, chosen string) web.Option {
		return web.Option{Value: value, Label: label, Selected: value == chosen}
	}
	if len(units) > 1 {
		f.Units = append(f.Units, option("", p.T("case.filter.anyunit"), q.Unit))
		slugs := make([]string, 0, len(units))
		for slug := range units {
			slugs = append(slugs, slug)
		}
		slices.SortFunc(slugs, func(a, b string) int { return strings.Compare(names[a], names[b]) })
		for _, slug := range slugs {
			f.Units = append(f.Units, option(slug, names[slug], q.Unit))
		}
	}
	f.States = []web.Option{option(stateTodo, p.T("case.filter.todo"), q.State), option(stateAll, p.T("case.filter.all"), q.State)}
	for _, s := range survey.CaseStates {
		f.States = append(f.States, option(s, p.CaseState(s), q.State))
	}
	f.Kinds = []web.Option{option("", p.T("case.filter.anykind"), q.Kind)}
	for _, k := range survey.CaseKinds {
		f.Kinds = append(f.Kinds, option(k, p.CaseKind(k), q.Kind))
	}
	f.Dues = []web.Option{option("", p.T("case.filter.anydue"), q.Due), option(dueOverdue, p.T("case.filter.overdue"), q.Due),
		option(dueSoon, p.T("case.filter.soon", p.Span(soonWithin)), q.Due)}
	f.Channels = []web.Option{option("", p.T("case.filter.anychannel"), q.Channel)}
	for _, ch := range survey.Channels {
		f.Channels = append(f.Channels, option(ch, p.Category("channel", ch), q.Channel))
	}
	return f
}

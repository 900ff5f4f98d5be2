package desk

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/web/link"

	"github.com/skm-engine/skm/survey"
)

// deskQuery is what the desk lists: the filters, the search and the page, as its address says
// them. A value the desk does not know is read as no filter, so an old bookmark still opens.
type deskQuery struct {
	Unit    string
	State   string
	Kind    string
	Due     string
	Channel string
	Search  string
	Page    int
}

// The desk's states beyond a case's own: the work still to do (the default) and every case.
const (
	stateTodo = "todo"
	stateAll  = "all"
)

// Due filters: complaints past their due time, and those with less than dueSoon left.
const (
	dueOverdue = "overdue"
	dueSoon    = "soon"
	soonWithin = time.Hour
)

// pageSize is how many cases a page of the desk shows.
const pageSize = 25

// maxSearch bounds a search's text, in characters.
const maxSearch = 100

// readDeskQuery reads the desk's query string.
func readDeskQuery(v url.Values) deskQuery {
	q := deskQuery{Unit: v.Get("unit"), State: stateTodo, Search: strings.TrimSpace(v.Get("cari")), Page: 1}
	if s := v.Get("status"); s == stateAll || slices.Contains(survey.CaseStates, s) {
		q.State = s
	}
	if k := v.Get("jenis"); survey.ValidCaseKind(k) {
		q.Kind = k
	}
	if d := v.Get("tenggat"); d == dueOverdue || d == dueSoon {
		q.Due = d
	}
	if ch := v.Get("saluran"); slices.Contains(survey.Channels, ch) {
		q.Channel = ch
	}
	if r := []rune(q.Search); len(r) > maxSearch {
		q.Search = string(r[:maxSearch])
	}
	if n, err := strconv.Atoi(v.Get("hal")); err == nil && n > 1 {
		q.Page = n
	}
	return q
}

// values writes the query back, leaving out what is the default.
func (q deskQuery) values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("unit", q.Unit)
	if q.State != stateTodo {
		set("status", q.State)
	}
	set("jenis", q.Kind)
	set("tenggat", q.Due)
	set("saluran", q.Channel)
	set("cari", q.Search)
	if q.Page > 1 {
		set("hal", strconv.Itoa(q.Page))
	}
	return v
}

// path is the desk's address for the query.
func (q deskQuery) path() string {
	if enc := q.values().Encode(); enc != "" {
		return link.Desk() + "?" + enc
	}
	return link.Desk()
}

// onPage returns the query for another page of the same list.
func (q deskQuery) onPage(n int) deskQuery { q.Page = n; return q }

// filtered reports whether the query narrows the list beyond the default.
func (q deskQuery) filtered() bool { return q.onPage(1).path() != link.Desk() }

// matches reports whether a case passes the query's filters (the search aside) as of now.
func (q deskQuery) matches(c *survey.Case, now time.Time) bool {
	switch {
	case q.Unit != "" && c.Unit != q.Unit,
		q.Kind != "" && c.Kind != q.Kind,
		q.Channel != "" && c.Channel != q.Channel:
		return false
	}
	switch q.State {
	case stateAll:
	case stateTodo:
		if c.Done() {
			return false
		}
	default:
		if c.State() != q.State {
			return false
		}
	}
	switch q.Due {
	case dueOverdue:
		return c.Overdue(now)
	case dueSoon:
		return c.Clocked() && c.RepliedAt.IsZero() && !now.After(c.DueAt) && c.DueAt.Sub(now) <= soonWithin
	}
	return true
}

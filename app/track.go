package app

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Lookups of tracking codes are limited per client, on a keyed hash of its address: a client may
// get trackMisses wrong codes per trackWindow, after which every lookup waits for the next window.
// With 50 random bits per code that leaves guessing hopeless. Only misses count, so a resident
// reloading their own page is never held up; the counts live in the store, shared by instances.
const (
	trackWindow = 15 * time.Minute
	trackMisses = 10
)

// trackPage is the data of the tracking page: the lookup form, and the case when one was found.
type trackPage struct {
	Page
	Code   string
	Found  bool
	New    bool
	Notice string

	UnitName    string
	ServiceName string
	Text        []string
	State       string
	Received    string
	Due         string
	Overdue     bool
	Reply       []string
	RepliedAt   string
}

// textLines splits free text into its non-empty lines, which a page shows as paragraphs: the text's
// line breaks survive without a style attribute.
func textLines(text string) []string {
	var out []string
	for _, ln := range strings.Split(text, "\n") {
		if ln = strings.TrimSpace(ln); ln != "" {
			out = append(out, ln)
		}
	}
	return out
}

// handleTrackForm serves GET /lacak: the form to enter a code. The form sends ?kode=, which is
// passed on to the code's own address.
func (l *loop) handleTrackForm(c *fiber.Ctx) error {
	if code := strings.TrimSpace(c.Query("kode")); code != "" {
		return c.Redirect(trackPath(url.PathEscape(code)), fiber.StatusSeeOther)
	}
	return l.renderTrackForm(c, fiber.StatusOK, "")
}

// renderTrackForm shows the lookup form, with the notice of the message key when there is one.
func (l *loop) renderTrackForm(c *fiber.Ctx, status int, notice string) error {
	tp := trackPage{Page: l.s.page(c, "")}
	tp.Title = tp.T("track.title")
	if notice != "" {
		tp.Notice = tp.T(notice)
	}
	noStore(c)
	return l.s.render(c, status, "track", tp)
}

// handleTrack serves GET /lacak/:code: one case, found by its code alone. A malformed code and
// an unknown one get the same 404 page, byte for byte, and each counts against the client's
// limit; the page tells nothing of any other case.
func (l *loop) handleTrack(c *fiber.Ctx) error {
	s := l.s
	ctx := c.UserContext()
	key := "track|" + s.clientHash(c, "track")
	window := s.now().Truncate(trackWindow)
	misses, err := s.accounts.Attempts(ctx, key, window, trackMisses)
	if err != nil {
		return err
	}
	if misses >= trackMisses {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(window.Add(trackWindow).Sub(s.now())/time.Second)+1))
		return l.renderTrackForm(c, fiber.StatusTooManyRequests, "track.limited")
	}
	cs, _, err := s.store.FindCase(ctx, c.Params("code"))
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		if _, err := s.accounts.CountAttempt(ctx, key, window, trackMisses); err != nil {
			return err
		}
		return l.renderTrackForm(c, fiber.StatusNotFound, "track.notfound")
	} else if err != nil {
		return err
	}
	p := s.page(c, "")
	loc := l.locs.of(p.Region)
	tp := trackPage{Page: p, Code: cs.Code, Found: true, New: c.Query("baru") != "", Text: textLines(cs.Text),
		State: p.T("track.state." + cs.State()), Received: localTime(p.Lang, cs.ReceivedAt, loc), Due: localTime(p.Lang, cs.DueAt, loc),
		Overdue: cs.Overdue(s.now())}
	if cs.State() == survey.CaseClosed {
		tp.Reply, tp.RepliedAt = textLines(cs.Reply), localTime(p.Lang, cs.RepliedAt, loc)
	}
	if u, err := s.store.Unit(ctx, cs.Unit); err == nil {
		tp.UnitName = u.Name.In(p.Lang)
		if sv, ok := u.Service(cs.Service); ok {
			tp.ServiceName = sv.Name.In(p.Lang)
		}
	} else if survey.ErrorCode(err) != survey.ENOTFOUND {
		return err
	}
	tp.Title = p.T("track.title") + " " + cs.Code
	noStore(c)
	return s.render(c, fiber.StatusOK, "track", tp)
}

package resident

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Lookups of tracking codes are limited per client, on a keyed hash of its address: a client may
// get trackMisses wrong codes per trackWindow, after which every lookup waits for the next window.
// With 50 random bits per code that leaves guessing hopeless. Each lookup is counted before it is
// made (web.Reserve), so lookups sent together cannot all be made; a found code gives its count
// back, so a resident reloading their own page is never held up. The counts live in the store,
// shared by instances.
const (
	trackWindow = 15 * time.Minute
	trackMisses = 10
)

// trackPage is the data of the tracking page: the lookup form, and the case when one was found.
type trackPage struct {
	web.Page
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

// handleTrackForm serves GET /lacak: the form to enter a code. The form sends ?kode=, which is
// passed on to the code's own address.
func (h *handler) handleTrackForm(c *fiber.Ctx) error {
	if code := strings.TrimSpace(c.Query("kode")); code != "" {
		return c.Redirect(link.Track(url.PathEscape(code)), fiber.StatusSeeOther)
	}
	return h.renderTrackForm(c, fiber.StatusOK, "")
}

// renderTrackForm shows the lookup form, with the notice of the message key when there is one.
func (h *handler) renderTrackForm(c *fiber.Ctx, status int, notice string) error {
	tp := trackPage{Page: h.Page(c, "")}
	tp.Title = tp.T("track.title")
	if notice != "" {
		tp.Notice = tp.T(notice)
	}
	noStore(c)
	return h.Render(c, status, "track", tp)
}

// handleTrack serves GET /lacak/:code: one case, found by its code alone. A malformed code and
// an unknown one get the same 404 page, byte for byte, and each counts against the client's
// limit; the page tells nothing of any other case.
func (h *handler) handleTrack(c *fiber.Ctx) error {
	ctx := c.UserContext()
	window := h.Now().Truncate(trackWindow)
	lookup, err := h.Reserve(ctx, "track|"+h.ClientHash(c, "track"), window, trackMisses)
	if err != nil {
		return err
	}
	if !lookup.Allowed {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(window.Add(trackWindow).Sub(h.Now())/time.Second)+1))
		return h.renderTrackForm(c, fiber.StatusTooManyRequests, "track.limited")
	}
	cs, _, err := h.Store.FindCase(ctx, c.Params("code"))
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		return h.renderTrackForm(c, fiber.StatusNotFound, "track.notfound")
	} else if err != nil {
		return err
	}
	if err := h.Release(ctx, lookup); err != nil {
		return err
	}
	words, err := h.Store.CaseText(ctx, cs.ID)
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	code := survey.NormalizeCaseCode(c.Params("code"))
	tp := trackPage{Page: p, Code: code, Found: true, New: c.Query("baru") != "", Text: web.Lines(words.Text),
		State: trackState(p, cs.State()), Received: p.DateTime(cs.ReceivedAt), Overdue: cs.Overdue(h.Now())}
	if cs.Clocked() {
		tp.Due = p.DateTime(cs.DueAt)
	}
	if cs.State() == survey.CaseClosed {
		tp.Reply, tp.RepliedAt = web.Lines(words.Reply), p.DateTime(cs.RepliedAt)
	}
	if u, err := h.Store.Unit(ctx, cs.Unit); err == nil {
		tp.UnitName = u.Name.In(p.Lang)
		if sv, ok := u.Service(cs.Service); ok {
			tp.ServiceName = sv.Name.In(p.Lang)
		}
	} else if survey.ErrorCode(err) != survey.ENOTFOUND {
		return err
	}
	tp.Title = p.T("track.title") + " " + code
	noStore(c)
	return h.Render(c, fiber.StatusOK, "track", tp)
}

// trackState says where a case stands as the resident reads it.
func trackState(p web.Page, state string) string {
	switch state {
	case survey.CaseAnswered:
		return p.T("track.state.answered")
	case survey.CaseClosed:
		return p.T("track.state.closed")
	case survey.CaseUnread:
		return p.T("track.state.unread")
	case survey.CaseRead:
		return p.T("track.state.read")
	}
	return p.T("track.state.open")
}

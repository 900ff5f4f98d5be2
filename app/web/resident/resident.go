package resident

import (
	"fmt"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

func surveyPath(unit string, kiosk bool) string {
	if kiosk {
		return link.Kiosk(unit)
	}
	return link.Survey(unit)
}

func thanksPath(unit string, kiosk bool) string { return surveyPath(unit, kiosk) + "/terima-kasih" }

// isKiosk reports whether the request came through the kiosk variant of the survey.
func isKiosk(c *fiber.Ctx) bool { return strings.Contains(c.Route().Path, "/kios") }

func channelOf(kiosk bool) string {
	if kiosk {
		return survey.ChannelKiosk
	}
	return survey.ChannelWeb
}

// noStore keeps a page out of shared and browser caches: it carries a one-time submission key.
func noStore(c *fiber.Ctx) { c.Set(fiber.HeaderCacheControl, "no-store") }

// handleSurvey serves GET /s/:unit and GET /s/:unit/kios: the open campaign's questionnaire for
// the unit, or a page saying why it cannot be answered.
func (h *handler) handleSurvey(c *fiber.Ctx) error {
	kiosk := isKiosk(c)
	t, err := h.targets.get(c.UserContext(), c.Params("unit"))
	if err != nil {
		return err
	}
	noStore(c)
	if t.state != targetOpen {
		return h.refuse(c, t)
	}
	if _, done := h.answered(c, t.unit.Slug, t.campaign.Key); done && !kiosk {
		return h.renderDone(c, t, fiber.StatusOK)
	}
	return h.sendEmptyForm(c, h.Page(c, ""), t, kiosk)
}

// handleSubmit serves POST /s/:unit and POST /s/:unit/kios: stores a response and redirects to
// the thank-you page (303), or answers JSON {"next": url} to the page's script. A refused form
// comes back with the resident's input and what to fix; a retried submission (same key) stores
// nothing new and gets the same thank-you.
func (h *handler) handleSubmit(c *fiber.Ctx) error {
	kiosk := isKiosk(c)
	channel := channelOf(kiosk)
	t, err := h.targets.get(c.UserContext(), c.Params("unit"))
	if err != nil {
		return err
	}
	noStore(c)
	if t.state != targetOpen {
		return h.refuse(c, t)
	}
	f := readSurveyForm(c, t.questionnaire)
	p := h.Page(c, "")
	outcome := func(o string) { h.CountSubmission(channel, o) }
	if limited(c) {
		outcome("limited")
		return h.reject(c, fiber.StatusTooManyRequests, "too_many_requests", p, t, kiosk, f, nil, p.T("resident.err.limited"))
	}
	if f.Honeypot != "" {
		outcome("honeypot")
		return h.accepted(c, t, kiosk)
	}
	if digest, done := h.answered(c, t.unit.Slug, t.campaign.Key); done && !kiosk && digest != h.keyDigest(f.Key) {
		outcome("already_answered")
		return h.renderDone(c, t, fiber.StatusConflict)
	}
	if !survey.ValidKey(f.Key) {
		f.Key = h.ownedKey(c)
		outcome("invalid")
		return h.reject(c, fiber.StatusBadRequest, survey.EINVALID, p, t, kiosk, f, nil, p.T("resident.err.expired"))
	}
	r, errs := f.response(p, t)
	if len(errs) == 0 {
		r.Channel, r.SubmittedAt = channel, h.Now().UTC()
		r.Day = r.SubmittedAt.In(p.Location()).Format(time.DateOnly)
		r.Flags = h.qualityFlags(r, f.Stamp)
		r.OpenCase(p.Region, h.Now())
		if err := r.Validate(t.unit); err != nil {
			errs = append(errs, web.FieldError{Field: "", Message: p.T("resident.err.other") + " " + h.Printer(c).Error(err)})
		}
	}
	if len(errs) > 0 {
		outcome("invalid")
		return h.reject(c, fiber.StatusBadRequest, survey.EINVALID, p, t, kiosk, f, errs, "")
	}
	if !h.admitBurst(c, r) {
		outcome("burst")
		return h.reject(c, fiber.StatusTooManyRequests, "too_many_requests", p, t, kiosk, f, nil, p.T("resident.err.limited"))
	}
	receipt, err := h.Store.Submit(c.UserContext(), r)
	if survey.ErrorCode(err) == survey.EUNAVAILABLE {
		outcome("unavailable")
		h.Log.Warn("submission not stored: store unavailable", "id", web.RequestID(c), "err", err)
		c.Set(fiber.HeaderRetryAfter, "5")
		return h.reject(c, fiber.StatusServiceUnavailable, survey.EUNAVAILABLE, p, t, kiosk, f, nil, p.T("resident.err.unavailable"))
	} else if err != nil {
		return err
	}
	if receipt.Duplicate {
		outcome("duplicate")
	} else {
		outcome("stored")
	}
	if !kiosk {
		h.markAnswered(c, t.unit.Slug, t.campaign.Key, f.Key)
	}
	code, err := h.caseCodeOf(c, r, receipt)
	if err != nil {
		return err
	}
	if code != "" {
		// The tracking code reaches the thank-you page in a cookie read once, not in its URL,
		// so a counter tablet's history does not hand it to the next resident.
		c.Cookie(&fiber.Cookie{Name: caseCodeCookie, Value: code, Path: surveyPath(t.unit.Slug, kiosk), MaxAge: 600,
			HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: h.SecureCookies(c)})
	}
	return h.accepted(c, t, kiosk)
}

// caseCodeCookie carries the tracking code of a suggestion from the submission to its thank-you
// page.
const caseCodeCookie = "skm_case"

// accepted sends the resident to the thank-you page.
func (h *handler) accepted(c *fiber.Ctx, t *surveyTarget, kiosk bool) error {
	next := thanksPath(t.unit.Slug, kiosk)
	if web.WantsJSON(c) {
		return c.JSON(fiber.Map{"next": next})
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// reject answers a submission that was not stored: the same page with the input kept and what to
// do, or for the page's script a JSON error it acts on (keep and resend, or show the message).
func (h *handler) reject(c *fiber.Ctx, status int, code string, p web.Page, t *surveyTarget, kiosk bool, f surveyForm, errs []web.FieldError, notice string) error {
	if web.WantsJSON(c) {
		var body web.ErrorBody
		body.Error.Code, body.Error.Message, body.Error.Request = code, notice, web.RequestID(c)
		for _, e := range errs {
			body.Error.Details = append(body.Error.Details, e.Message)
		}
		if notice == "" {
			body.Error.Message = p.T("resident.errors")
		}
		return c.Status(status).JSON(body)
	}
	return h.Render(c, status, "survey", h.surveyPage(p, t, kiosk, f, errs, notice))
}

// noticePage is the data of the pages that explain why there is no form: unknown, closed,
// already answered.
type noticePage struct {
	web.Page
	Heading string
	Body    string
	Extra   string
}

// refuse answers a request for a survey that cannot be answered: 404 for an unknown or
// deactivated unit, 410 Gone for a unit no open campaign surveys (a campaign closed, or none
// open yet), each a page that says so kindly.
func (h *handler) refuse(c *fiber.Ctx, t *surveyTarget) error {
	p := h.Page(c, "")
	status, code := fiber.StatusNotFound, survey.ENOTFOUND
	n := noticePage{Page: p, Heading: p.T("resident.unknown.title"), Body: p.T("resident.unknown.body")}
	if t.state == targetClosed {
		status, code = fiber.StatusGone, "gone"
		n.Heading, n.Body = p.T("resident.closed.title"), fmt.Sprintf(p.T("resident.closed.body"), t.unit.Name.In(p.Lang))
	}
	n.Title = n.Heading
	if web.WantsJSON(c) {
		var body web.ErrorBody
		body.Error.Code, body.Error.Message, body.Error.Request = code, n.Body, web.RequestID(c)
		return c.Status(status).JSON(body)
	}
	return h.Render(c, status, "survey_notice", n)
}

// renderDone tells a device that already answered the unit's survey this period so: 200 when it
// opens the form again, 409 when it sends a second, different response (which is not stored).
func (h *handler) renderDone(c *fiber.Ctx, t *surveyTarget, status int) error {
	p := h.Page(c, "")
	n := noticePage{Page: p, Heading: p.T("resident.done.title"), Body: fmt.Sprintf(p.T("resident.done.body"), t.campaign.Key), Extra: p.T("resident.done.again")}
	n.Title = n.Heading
	if web.WantsJSON(c) {
		var body web.ErrorBody
		body.Error.Code, body.Error.Message, body.Error.Request = survey.ECONFLICT, n.Body, web.RequestID(c)
		return c.Status(status).JSON(body)
	}
	return h.Render(c, status, "survey_notice", n)
}

// thanksPage is the data of the thank-you page.
type thanksPage struct {
	web.Page
	// Use says who publishes the results and what for.
	Use   string
	Kiosk bool
	// Restart is the kiosk's fresh form and Countdown the seconds until it opens.
	Restart   string
	Countdown int
	// CaseCode is the tracking code of the suggestion just left, if any, TrackPath its page and
	// CaseNote what the resident may expect.
	CaseCode, TrackPath, CaseNote string
}

// kioskCountdown is how long the kiosk's thank-you page stays before a fresh form opens.
const kioskCountdown = 10

// handleThanks serves GET /s/:unit/terima-kasih and GET /s/:unit/kios/terima-kasih. It reads
// nothing of the response, so a first submission and its retry get the same page.
func (h *handler) handleThanks(c *fiber.Ctx) error {
	t, err := h.targets.get(c.UserContext(), c.Params("unit"))
	if err != nil {
		return err
	}
	noStore(c)
	if t.state == targetUnknown {
		return h.refuse(c, t)
	}
	p := h.Page(c, "")
	kiosk := isKiosk(c)
	thanks := func() thanksPage {
		tp := thanksPage{Page: p, Kiosk: kiosk, Restart: surveyPath(t.unit.Slug, true), Countdown: kioskCountdown,
			Use: fmt.Sprintf(p.T("resident.thanks.use"), p.Region.Organizer.In(p.Lang), t.unit.Name.In(p.Lang))}
		tp.Title = p.T("resident.thanks.title")
		return tp
	}
	if code := survey.NormalizeCaseCode(c.Cookies(caseCodeCookie)); code != "" {
		c.Cookie(&fiber.Cookie{Name: caseCodeCookie, Value: "", Path: surveyPath(t.unit.Slug, kiosk), MaxAge: -1,
			HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: h.SecureCookies(c)})
		tp := thanks()
		tp.CaseCode, tp.TrackPath = code, link.Track(code)
		tp.CaseNote = fmt.Sprintf(p.T("resident.thanks.case"), web.CaseRule(p.Printer, p.Region))
		return h.Render(c, fiber.StatusOK, "survey_thanks", tp)
	}
	page, err := h.renderedPage(t, pageKey{"survey_thanks", p.Region, p.Lang, kiosk}, func() any { return thanks() })
	if err != nil {
		return err
	}
	return sendPage(c, page, "", "", "") // the thank-you page has no placeholder
}

// handleServiceWorker serves GET /s/sw.js, the resident pages' service worker. It is served from
// /s/ so that its scope covers every survey page; browsers check it for updates on each visit.
func (h *handler) handleServiceWorker(c *fiber.Ctx) error {
	a, ok := h.Asset("js/sw.js")
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.Send(a.Body)
}

package resident

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// complaintForm is what a resident sent, kept as typed for a form that comes back.
type complaintForm struct {
	Key      string
	Honeypot string
	Service  string
	Text     string
}

// readComplaintForm copies what was posted: Fiber reuses the request's memory after the handler,
// and the complaint's text lives on in the tallies.
func readComplaintForm(c *fiber.Ctx) complaintForm {
	return complaintForm{Key: strings.Clone(c.FormValue("key")), Honeypot: c.FormValue(honeypotField),
		Service: strings.Clone(c.FormValue("service")), Text: strings.Clone(strings.TrimSpace(c.FormValue("text")))}
}

// complaintPage is the data of the complaint form, and of the page saying it is not open.
type complaintPage struct {
	web.Page
	UnitName string
	Open     bool
	Body     string
	Action   string
	Campaign string
	Survey   string
	Limit    string
	Office   bool
	Key      string
	Services []web.Option
	Text     string
	Notice   string
	Errors   []web.FieldError
	// FieldErrors holds each field's message by control id.
	FieldErrors map[string]string
}

func (h *handler) complaintPage(p web.Page, t *surveyTarget, f complaintForm, errs []web.FieldError, notice string) complaintPage {
	cp := complaintPage{Page: p, UnitName: t.unit.Name.In(p.Lang), Open: true, Action: link.Complaint(t.unit.Slug),
		Campaign: t.campaign.Key, Survey: surveyPath(t.unit.Slug, false), Key: f.Key, Text: f.Text, Notice: notice, Errors: errs,
		Limit: fmt.Sprintf(p.T("complaint.limit"), p.Region.CaseLimit()), Office: p.Region.OfficeHoursOnly, FieldErrors: map[string]string{}}
	cp.Title = p.T("complaint.title") + " · " + cp.UnitName
	for _, e := range errs {
		if _, seen := cp.FieldErrors[e.Field]; !seen {
			cp.FieldErrors[e.Field] = e.Message
		}
	}
	for _, sv := range t.unit.Services {
		cp.Services = append(cp.Services, web.Option{Value: sv.Code, Label: sv.Name.In(p.Lang), Selected: sv.Code == f.Service})
	}
	return cp
}

// handleComplaintForm serves GET /s/:unit/pengaduan: the unit's complaint form ("sampaikan
// pengaduan"), open while a campaign surveys the unit, since a case belongs to a campaign.
func (h *handler) handleComplaintForm(c *fiber.Ctx) error {
	t, err := h.targets.get(c.UserContext(), c.Params("unit"))
	if err != nil {
		return err
	}
	noStore(c)
	if t.state != targetOpen {
		return h.complaintRefused(c, t)
	}
	return h.Render(c, fiber.StatusOK, "complaint", h.complaintPage(h.Page(c, ""), t, complaintForm{Key: h.ownedKey(c)}, nil, ""))
}

// complaintRefused answers a complaint for an unknown unit (404) or one no open campaign surveys
// (410), as the survey does.
func (h *handler) complaintRefused(c *fiber.Ctx, t *surveyTarget) error {
	if t.state == targetUnknown {
		return survey.Errorf(survey.ENOTFOUND, "err.complaint.nounit")
	}
	p := h.Page(c, "")
	cp := complaintPage{Page: p, UnitName: t.unit.Name.In(p.Lang)}
	cp.Title = p.T("complaint.closed.title")
	cp.Body = fmt.Sprintf(p.T("complaint.closed.body"), cp.UnitName)
	if web.WantsJSON(c) {
		var body web.ErrorBody
		body.Error.Code, body.Error.Message, body.Error.Request = "gone", cp.Body, web.RequestID(c)
		return c.Status(fiber.StatusGone).JSON(body)
	}
	return h.Render(c, fiber.StatusGone, "complaint", cp)
}

// handleComplaintSubmit serves POST /s/:unit/pengaduan: stores the complaint as a response of
// kind complaint, which opens a case, and sends the resident to its tracking page (303), or
// answers the page's script {"next": url}. A retry with the same submission key stores nothing
// new and leads to the same case.
func (h *handler) handleComplaintSubmit(c *fiber.Ctx) error {
	t, err := h.targets.get(c.UserContext(), c.Params("unit"))
	if err != nil {
		return err
	}
	noStore(c)
	if t.state != targetOpen {
		return h.complaintRefused(c, t)
	}
	p := h.Page(c, "")
	f := readComplaintForm(c)
	if limited(c) {
		return h.complaintRejected(c, fiber.StatusTooManyRequests, "too_many_requests", h.complaintPage(p, t, f, nil, p.T("resident.err.limited")))
	}
	if f.Honeypot != "" {
		return h.complaintAccepted(c, "/lacak")
	}
	if !survey.ValidKey(f.Key) {
		f.Key = h.ownedKey(c)
		return h.complaintRejected(c, fiber.StatusBadRequest, survey.EINVALID, h.complaintPage(p, t, f, nil, p.T("resident.err.expired")))
	}
	var errs []web.FieldError
	switch {
	case f.Text == "":
		errs = append(errs, web.FieldError{Field: "text", Message: p.T("complaint.err.text")})
	case utf8.RuneCountInString(f.Text) > survey.MaxSuggestion || !utf8.ValidString(f.Text):
		errs = append(errs, web.FieldError{Field: "text", Message: p.T("complaint.err.long")})
	}
	if _, ok := t.unit.Service(f.Service); f.Service != "" && !ok {
		errs = append(errs, web.FieldError{Field: "service", Message: p.T("complaint.err.service")})
	}
	r := &survey.Response{Key: f.Key, Campaign: t.campaign.Key, Unit: t.unit.Slug, Questionnaire: t.questionnaire.ID, Service: f.Service,
		Kind: survey.SourceComplaint, Channel: survey.ChannelWeb, Suggestion: f.Text, SubmittedAt: h.Now().UTC()}
	r.Day = r.SubmittedAt.In(p.Location()).Format(time.DateOnly)
	r.OpenCase(p.Region, h.Now())
	if len(errs) == 0 {
		if err := r.Validate(t.unit); err != nil {
			errs = append(errs, web.FieldError{Field: "", Message: h.Printer(c).Error(err)})
		}
	}
	if len(errs) > 0 {
		return h.complaintRejected(c, fiber.StatusBadRequest, survey.EINVALID, h.complaintPage(p, t, f, errs, ""))
	}
	if !h.admitBurst(c, r) {
		return h.complaintRejected(c, fiber.StatusTooManyRequests, "too_many_requests", h.complaintPage(p, t, f, nil, p.T("resident.err.limited")))
	}
	receipt, err := h.Store.Submit(c.UserContext(), r)
	if survey.ErrorCode(err) == survey.EUNAVAILABLE {
		h.Log.Warn("complaint not stored: store unavailable", "id", web.RequestID(c), "err", err)
		c.Set(fiber.HeaderRetryAfter, "5")
		return h.complaintRejected(c, fiber.StatusServiceUnavailable, survey.EUNAVAILABLE, h.complaintPage(p, t, f, nil, p.T("resident.err.unavailable")))
	} else if err != nil {
		return err
	}
	code, err := h.caseCodeOf(c, r, receipt)
	if err != nil {
		return err
	}
	if code == "" {
		// The key belongs to another submission, or to another browser's: a forged or replayed
		// form, which learns nothing of the first.
		f.Key = h.ownedKey(c)
		return h.complaintRejected(c, fiber.StatusBadRequest, survey.EINVALID, h.complaintPage(p, t, f, nil, p.T("resident.err.expired")))
	}
	return h.complaintAccepted(c, link.Track(code)+"?baru=1")
}

func (h *handler) complaintAccepted(c *fiber.Ctx, next string) error {
	if web.WantsJSON(c) {
		return c.JSON(fiber.Map{"next": next})
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// complaintRejected answers a complaint that was not stored: the form again with the text kept,
// or for the page's script a JSON error it acts on (keep and resend later, or show the form).
func (h *handler) complaintRejected(c *fiber.Ctx, status int, code string, cp complaintPage) error {
	if web.WantsJSON(c) {
		var body web.ErrorBody
		body.Error.Code, body.Error.Message, body.Error.Request = code, cp.Notice, web.RequestID(c)
		for _, e := range cp.Errors {
			body.Error.Details = append(body.Error.Details, e.Message)
		}
		if cp.Notice == "" {
			body.Error.Message = cp.T("resident.errors")
		}
		return c.Status(status).JSON(body)
	}
	return h.Render(c, status, "complaint", cp)
}

package app

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
)

// statusOf maps the domain's error codes to HTTP statuses.
var statusOf = map[string]int{
	survey.EINVALID:      fiber.StatusBadRequest,
	survey.EUNAUTHORIZED: fiber.StatusUnauthorized,
	survey.EFORBIDDEN:    fiber.StatusForbidden,
	survey.ENOTFOUND:     fiber.StatusNotFound,
	survey.ECONFLICT:     fiber.StatusConflict,
	survey.ETOOLARGE:     fiber.StatusRequestEntityTooLarge,
	survey.EUNAVAILABLE:  fiber.StatusServiceUnavailable,
	survey.EINTERNAL:     fiber.StatusInternalServerError,
}

// fiberCodes maps Fiber's own errors (unknown route, body too large) to domain codes.
var fiberCodes = map[int]string{
	fiber.StatusBadRequest:            survey.EINVALID,
	fiber.StatusNotFound:              survey.ENOTFOUND,
	fiber.StatusMethodNotAllowed:      survey.ENOTFOUND,
	fiber.StatusRequestEntityTooLarge: survey.ETOOLARGE,
	fiber.StatusUnsupportedMediaType:  survey.EINVALID,
	fiber.StatusUnauthorized:          survey.EUNAUTHORIZED,
	fiber.StatusForbidden:             survey.EFORBIDDEN,
	fiber.StatusTooManyRequests:       "too_many_requests",
	fiber.StatusServiceUnavailable:    survey.EUNAVAILABLE,
}

// errorBody is the JSON form of every API error.
type errorBody struct {
	Error struct {
		Code    string   `json:"code"`
		Message string   `json:"message"`
		Details []string `json:"details,omitempty"`
		Request string   `json:"request"`
	} `json:"error"`
}

// handleError is the one place errors become responses: a status from the code, a plain message
// for people (never a driver's text or a stack), the internal cause in the log with the request
// id, and HTML or JSON by what the client accepts.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	pr := i18n.For(language(c), nil)
	code, msg, details := survey.ErrorCode(err), pr.Error(err), pr.Details(err)
	status := statusOf[code]
	var fe *fiber.Error
	if errors.As(err, &fe) {
		status, code, msg = fe.Code, fiberCodes[fe.Code], fe.Message
		if code == "" {
			code = survey.EINVALID
		}
		if fe.Code == fiber.StatusRequestEntityTooLarge {
			msg = "The request is larger than this server accepts."
		}
	}
	if status == 0 {
		status = fiber.StatusInternalServerError
	}
	if status >= 500 && code != survey.EUNAVAILABLE {
		s.log.Error("internal error", "id", requestID(c), "path", c.Path(), "err", err)
	} else if code == survey.EUNAVAILABLE {
		s.log.Warn("store unavailable", "id", requestID(c), "path", c.Path(), "err", err)
		c.Set(fiber.HeaderRetryAfter, "5")
	}
	if code == survey.EUNAUTHORIZED && !wantsJSON(c) && c.Method() == fiber.MethodGet {
		// A person who is not signed in is sent to sign in, and back here afterwards.
		return c.Redirect("/masuk?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
	}
	c.Status(status)
	if wantsJSON(c) {
		var body errorBody
		body.Error.Code, body.Error.Message, body.Error.Details, body.Error.Request = code, msg, details, requestID(c)
		return c.JSON(body)
	}
	return s.renderError(c, status, code, msg, details)
}

func wantsJSON(c *fiber.Ctx) bool {
	if strings.HasPrefix(c.Path(), "/api/") {
		return true
	}
	accept := c.Get(fiber.HeaderAccept)
	return strings.Contains(accept, "application/json") && !strings.Contains(accept, "text/html")
}

// errText says what went wrong in the visitor's language.
func errText(c *fiber.Ctx, err error) string { return i18n.For(language(c), nil).Error(err) }

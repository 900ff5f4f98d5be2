package web

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

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

// Status returns the HTTP status of an error: by its domain code, 500 for anything else.
func Status(err error) int {
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return fe.Code
	}
	if s, ok := statusOf[survey.ErrorCode(err)]; ok {
		return s
	}
	return fiber.StatusInternalServerError
}

// fiberErrors maps Fiber's own errors (unknown route, body too large) to domain errors, so they
// are said in the page's language like every other.
var fiberErrors = map[int]*survey.Error{
	fiber.StatusBadRequest:                  survey.Errorf(survey.EINVALID, "error.request.bad"),
	fiber.StatusNotFound:                    survey.Errorf(survey.ENOTFOUND, "error.request.notfound"),
	fiber.StatusMethodNotAllowed:            survey.Errorf(survey.ENOTFOUND, "error.request.notfound"),
	fiber.StatusRequestTimeout:              survey.Errorf(survey.EINVALID, "error.request.timeout"),
	fiber.StatusRequestHeaderFieldsTooLarge: survey.Errorf(survey.ETOOLARGE, "error.request.header"),
	fiber.StatusRequestEntityTooLarge:       survey.Errorf(survey.ETOOLARGE, "error.request.toolarge"),
	fiber.StatusUnsupportedMediaType:        survey.Errorf(survey.EINVALID, "error.request.mediatype"),
	fiber.StatusTooManyRequests:             survey.Errorf("too_many_requests", "error.request.toomany"),
	fiber.StatusServiceUnavailable:          survey.Errorf(survey.EUNAVAILABLE, "error.request.unavailable"),
}

// ErrorBody is the JSON form of every error.
type ErrorBody struct {
	Error ErrorJSON `json:"error"`
}

// ErrorJSON is what went wrong, for a program and its user.
type ErrorJSON struct {
	Code    string   `json:"code"`
	Message string   `json:"message"`
	Details []string `json:"details,omitempty"`
	Request string   `json:"request"`
}

// handleError is the one place errors become responses: a status from the code, a plain message
// for people in their language (never a driver's text or a stack), the internal cause in the log
// with the request id, and HTML or JSON by what the client accepts.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	if RequestID(c) == "" {
		return s.handleUnreadable(c, err)
	}
	status := Status(err)
	var fe *fiber.Error
	if errors.As(err, &fe) {
		if de, ok := fiberErrors[fe.Code]; ok {
			err = de
		} else {
			err = survey.Errorf(survey.EINVALID, "error.request.bad")
		}
	}
	if status >= 500 && survey.ErrorCode(err) != survey.EUNAVAILABLE {
		s.Log.Error("internal error", "id", RequestID(c), "path", c.Path(), "err", err)
	} else if survey.ErrorCode(err) == survey.EUNAVAILABLE {
		s.Log.Warn("store unavailable", "id", RequestID(c), "path", c.Path(), "err", err)
		c.Set(fiber.HeaderRetryAfter, "5")
	}
	if survey.ErrorCode(err) == survey.EUNAUTHORIZED && !WantsJSON(c) && c.Method() == fiber.MethodGet {
		// A person who is not signed in is sent to sign in, and back here afterwards.
		return c.Redirect("/masuk?next="+url.QueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
	}
	pr := s.Printer(c)
	msg, details := pr.Error(err), pr.Details(err)
	c.Status(status)
	if WantsJSON(c) {
		return c.JSON(ErrorBody{ErrorJSON{Code: survey.ErrorCode(err), Message: msg, Details: details, Request: RequestID(c)}})
	}
	return s.renderError(c, status, err, msg, details)
}

// WantsJSON reports whether the client reads JSON rather than HTML: the API, and scripts that
// ask for it.
func WantsJSON(c *fiber.Ctx) bool {
	if strings.HasPrefix(c.Path(), "/api/") {
		return true
	}
	accept := c.Get(fiber.HeaderAccept)
	return strings.Contains(accept, "application/json") && !strings.Contains(accept, "text/html")
}

// handleUnreadable answers a request the HTTP layer could not read (a malformed request line,
// headers too large, a body that never came), for which no middleware ran: the engine's error
// page with a request code and the headers every answer carries, and no cookie. The server logs
// the cause without the request's contents (SecureErrorLogMessage), so no cookie reaches a log.
func (s *Server) handleUnreadable(c *fiber.Ctx, err error) error {
	id := newRequestID()
	c.Locals(localRequestID, id)
	c.Set("X-Request-Id", id)
	s.setSecurityHeaders(c)
	s.Log.Warn("request not read", "id", id, "status", Status(err), "err", err)
	herr := s.handleError(c, err)
	c.Response().Header.DelAllCookies()
	return herr
}

// answerUnknownMethods answers a request with a method the router does not know (methodLabel)
// through the
// engine's error page too, instead of Fiber's plain answer without any of the engine's headers.
func (s *Server) answerUnknownMethods() {
	srv := s.app.Server()
	serve := srv.Handler
	srv.Handler = func(fctx *fasthttp.RequestCtx) {
		if _, known := methodLabel[string(fctx.Method())]; known {
			serve(fctx)
			return
		}
		c := s.app.AcquireCtx(fctx)
		defer s.app.ReleaseCtx(c)
		_ = s.handleError(c, fiber.ErrBadRequest)
	}
}

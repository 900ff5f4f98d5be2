package web

import (
	"errors"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// FormLimit is the largest body a route reads unless it is registered as an upload: a survey, a
// complaint, a sign-in or a JSON object of the API is a few kilobytes.
const FormLimit = 64 << 10

// Reading a request: the server streams bodies, so that fasthttp does not allocate whatever
// length a request announces before any handler could refuse it. Each route reads its own body,
// after its access rule, up to its limit.
const (
	// readTimeout is how long a client may take to send a request's header and a form's body.
	readTimeout = 20 * time.Second
	// uploadRate is the slowest an upload is waited for, in bytes per second: an office line
	// sends the largest file in about two minutes at this rate.
	uploadRate = 64 << 10
)

// Public upload routes read a file only for a client that has not sent PublicUploads of them in
// the current window, counted in the store before the body is read.
const (
	publicUploadWindow = 15 * time.Minute
	PublicUploads      = 20
)

var (
	errBodyTooLarge = fiber.ErrRequestEntityTooLarge
	errBodyEncoding = survey.Errorf(survey.EINVALID, "error.request.encoding")
)

// readBody reads the request's body into memory before the handler runs, refusing one larger than
// limit without reading it, and one sent compressed (Fiber would inflate it without any bound).
func readBody(limit int) fiber.Handler {
	return func(c *fiber.Ctx) error {
		req := c.Request()
		if len(req.Header.Peek(fiber.HeaderContentEncoding)) > 0 {
			return errBodyEncoding
		}
		if !req.IsBodyStream() {
			return c.Next()
		}
		if req.Header.ContentLength() > limit {
			return tooLarge(limit)
		}
		if limit > FormLimit {
			wait := max(readTimeout, time.Duration(limit/uploadRate)*time.Second)
			if err := c.Context().Conn().SetReadDeadline(time.Now().Add(wait)); err != nil {
				return fiber.ErrBadRequest
			}
		}
		body, err := io.ReadAll(io.LimitReader(c.Context().RequestBodyStream(), int64(limit)+1))
		var ne net.Error
		switch {
		case errors.As(err, &ne) && ne.Timeout():
			return fiber.ErrRequestTimeout
		case err != nil:
			return fiber.ErrBadRequest
		case len(body) > limit:
			return tooLarge(limit)
		}
		req.SetBodyRaw(body)
		return c.Next()
	}
}

// throttleUpload limits how many files one client may send to a public upload route: each is
// counted before its body is read, so a flood of large bodies stops at the count.
func (s *Server) throttleUpload(route string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		window := s.now().Truncate(publicUploadWindow)
		n, err := s.Accounts.CountAttempt(c.UserContext(), "upload|"+route+"|"+s.ClientHash(c, "upload"), window, PublicUploads)
		if err != nil {
			return err
		}
		if n > PublicUploads {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(window.Add(publicUploadWindow).Sub(s.now())/time.Second)+1))
			return fiber.ErrTooManyRequests
		}
		return c.Next()
	}
}

// closeUnreadBody ends the connection of a request whose body nobody read (a refused request, an
// unknown route): its unread bytes must never be taken for the next request on the connection.
func closeUnreadBody(c *fiber.Ctx) {
	if c.Request().IsBodyStream() && c.Request().Header.ContentLength() != 0 {
		c.Response().Header.SetConnectionClose()
	}
}

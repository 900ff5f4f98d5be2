package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// CSRFCookie holds a random value per browser; a form's token is a keyed hash of it, so a page of
// another site can neither read the token nor make one (signed double-submit). It lives a year, so
// a survey answered offline and sent hours later still carries a valid token.
const (
	CSRFCookie = "skm_csrf"
	CSRFField  = "_csrf"
	CSRFHeader = "X-CSRF-Token"
)

// csrfToken returns the token the page's forms carry, setting the browser's cookie if it has none.
func (s *Server) csrfToken(c *fiber.Ctx) string {
	v := c.Cookies(CSRFCookie)
	if !validCSRFCookie(v) {
		b := make([]byte, 18)
		_, _ = rand.Read(b)
		v = base64.RawURLEncoding.EncodeToString(b)
		c.Cookie(&fiber.Cookie{Name: CSRFCookie, Value: v, Path: "/", Expires: time.Now().AddDate(1, 0, 0),
			HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.SecureCookies(c)})
		c.Request().Header.SetCookie(CSRFCookie, v)
	}
	return s.csrfFor(v)
}

func (s *Server) csrfFor(cookie string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("csrf|" + cookie))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func validCSRFCookie(v string) bool { return len(v) == 24 }

// checkCSRF refuses state-changing browser requests that do not carry the page's token, and any
// the browser marks as coming from another site. The JSON API is exempt: it authenticates by
// bearer token, which a browser never sends by itself.
func (s *Server) checkCSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if strings.HasPrefix(c.Path(), "/api/") {
		return c.Next()
	}
	if c.Get("Sec-Fetch-Site") == "cross-site" {
		return errCSRF
	}
	cookie := c.Cookies(CSRFCookie)
	sent := c.Get(CSRFHeader)
	if sent == "" {
		sent = c.FormValue(CSRFField)
	}
	if !validCSRFCookie(cookie) || !hmac.Equal([]byte(sent), []byte(s.csrfFor(cookie))) {
		return errCSRF
	}
	return c.Next()
}

var errCSRF = survey.Errorf(survey.EFORBIDDEN, "err.csrf")

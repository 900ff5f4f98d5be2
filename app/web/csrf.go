package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// CSRFCookie holds a random value per browser; a form's token is a keyed hash of it and of the
// browser's session, if it is signed in, so a page of another site can neither read the token nor
// make one (signed double-submit), and a token known before signing in (a cookie planted by a
// neighbouring host) is worthless after. It lives a year, so a survey answered offline and sent
// hours later still carries a valid token. Over HTTPS the cookie is named with the __Host- prefix
// (see cookieName).
const (
	CSRFCookie = "skm_csrf"
	CSRFField  = "_csrf"
	CSRFHeader = "X-CSRF-Token"
)

// csrfToken returns the token the page's forms carry, setting the browser's cookie if it has none.
func (s *Server) csrfToken(c *fiber.Ctx) string {
	return s.csrfFor(s.browserCookie(c), sessionOf(c))
}

// browserCookie returns the browser's CSRF cookie, setting one if it has none.
func (s *Server) browserCookie(c *fiber.Ctx) string {
	name := s.cookieName(c, CSRFCookie)
	v := c.Cookies(name)
	if !validCSRFCookie(v) {
		b := make([]byte, 18)
		_, _ = rand.Read(b)
		v = base64.RawURLEncoding.EncodeToString(b)
		c.Cookie(&fiber.Cookie{Name: name, Value: v, Path: "/", Expires: time.Now().AddDate(1, 0, 0),
			HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.SecureCookies(c)})
		c.Request().Header.SetCookie(name, v)
	}
	return v
}

// BrowserMAC returns a keyed hash of the parts and of this browser (its CSRF cookie): only this
// engine can make it, and it holds only for the browser it was made for, which lets a later
// request prove it comes from that browser.
func (s *Server) BrowserMAC(c *fiber.Ctx, parts ...string) string {
	return s.MAC(append(parts, "browser", s.browserCookie(c))...)
}

// csrfFor is the token of a browser's cookie and its session's hash ("" when not signed in).
func (s *Server) csrfFor(cookie, session string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("csrf|" + cookie + "|" + session))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func validCSRFCookie(v string) bool { return len(v) == 24 }

// checkCSRF refuses state-changing browser requests that do not carry the page's token for this
// browser and session, and any the browser marks as coming from another site. It runs in every
// browser route's chain, after the body is read; the JSON API authenticates by bearer token,
// which a browser never sends by itself, and has no such check.
func (s *Server) checkCSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if c.Get("Sec-Fetch-Site") == "cross-site" {
		return errCSRF
	}
	cookie := c.Cookies(s.cookieName(c, CSRFCookie))
	sent := c.Get(CSRFHeader)
	if sent == "" {
		sent = c.FormValue(CSRFField)
	}
	if !validCSRFCookie(cookie) || !hmac.Equal([]byte(sent), []byte(s.csrfFor(cookie, sessionOf(c)))) {
		return errCSRF
	}
	return c.Next()
}

var errCSRF = survey.Errorf(survey.EFORBIDDEN, "err.csrf")

package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// contentSecurityPolicy allows only the engine's own scripts, styles, images and fonts: no inline
// script, no other host, no framing. Charts read their options from JSON data blocks, which CSP
// does not execute, so the dashboards need no exception either.
var contentSecurityPolicy = strings.Join([]string{
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	"img-src 'self' data:",
	"font-src 'self'",
	"connect-src 'self'",
	"worker-src 'self'",
	"manifest-src 'self'",
	"object-src 'none'",
	"base-uri 'none'",
	"form-action 'self'",
	"frame-ancestors 'none'",
}, "; ")

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(c *fiber.Ctx) error {
	s.setSecurityHeaders(c)
	return c.Next()
}

func (s *Server) setSecurityHeaders(c *fiber.Ctx) {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	if s.SecureCookies(c) {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// SecureCookies reports whether the engine is served over HTTPS, directly or behind a proxy that
// says so, in which case cookies are marked Secure.
func (s *Server) SecureCookies(c *fiber.Ctx) bool {
	return c.Protocol() == "https" || strings.HasPrefix(s.Config.BaseURL, "https://")
}

// cookieName is the name of one of the engine's site-wide cookies: over HTTPS with the __Host-
// prefix, which browsers accept only from this host, Secure and for the whole site, so no other
// host of the domain can plant or overwrite it.
func (s *Server) cookieName(c *fiber.Ctx, name string) string {
	if s.SecureCookies(c) {
		return "__Host-" + name
	}
	return name
}

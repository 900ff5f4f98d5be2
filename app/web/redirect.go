package web

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// maxLocalPath bounds an address the engine sends a browser to.
const maxLocalPath = 2048

// LocalPath returns target rebuilt as a path on this site, or false when it is anything else: an
// address with a scheme or host, a path that browsers would read as another host ("//host",
// "/\host", or one with a tab or newline they drop), or one with control characters or
// backslashes, raw or percent-encoded. The path is rebuilt from its parsed parts, so what a
// browser is sent holds only characters a URL allows.
func LocalPath(target string) (string, bool) {
	if len(target) > maxLocalPath || strings.ContainsFunc(target, unsafeInPath) {
		return "", false
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	if !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || strings.ContainsFunc(u.Path, unsafeInPath) {
		return "", false
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", false
	}
	clean := &url.URL{Path: u.Path, RawQuery: query.Encode()}
	return clean.String(), true
}

// unsafeInPath reports the characters no address the engine redirects to may hold: control
// characters, space, and the backslash browsers take for a slash.
func unsafeInPath(r rune) bool { return r <= ' ' || r == 0x7f || r == '\\' }

// guardRedirect refuses to send a redirect whose target is not a path on this site: whatever a
// route did, no answer leads a browser elsewhere or carries a header smuggled in its Location.
func (s *Server) guardRedirect(c *fiber.Ctx) {
	loc := c.Response().Header.Peek(fiber.HeaderLocation)
	if len(loc) == 0 {
		return
	}
	if _, ok := LocalPath(string(loc)); ok {
		return
	}
	c.Response().Header.Del(fiber.HeaderLocation)
	_ = s.handleError(c, errRedirect)
}

var errRedirect = errors.New("a redirect off this site was refused")

package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// sessionTouch is how stale the recorded last use may get before a request refreshes it, so that
// reading pages does not write to the store on every request.
const sessionTouch = time.Minute

// SessionCookie carries a signed-in browser's session.
const SessionCookie = "skm_session"

// loadSession makes the signed-in user of a browser request its principal. Sessions live in the
// store, so any instance serves any request.
func (s *Server) loadSession(c *fiber.Ctx) error {
	value := c.Cookies(s.cookieName(c, SessionCookie))
	if value == "" || len(value) > 100 || strings.HasPrefix(c.Path(), "/api/") || strings.HasPrefix(c.Path(), "/static/") {
		return c.Next()
	}
	ctx := c.UserContext()
	hash := HashSecret(value)
	ss, err := s.Accounts.Session(ctx, hash)
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		s.ClearSessionCookie(c)
		return c.Next()
	} else if err != nil {
		return err
	}
	now := s.now()
	if now.Sub(ss.SeenAt) > survey.SessionIdle || now.Sub(ss.CreatedAt) > survey.SessionMax {
		_ = s.Accounts.DeleteSession(ctx, hash)
		s.ClearSessionCookie(c)
		return c.Next()
	}
	u, err := s.Accounts.User(ctx, ss.Username)
	if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && u.Disabled) {
		_ = s.Accounts.DeleteSession(ctx, hash)
		s.ClearSessionCookie(c)
		return c.Next()
	} else if err != nil {
		return err
	}
	if now.Sub(ss.SeenAt) > sessionTouch {
		if err := s.Accounts.TouchSession(ctx, hash, now); err != nil {
			return err
		}
	}
	c.Locals(localPrincipal, u.Principal())
	c.Locals(localSession, hash)
	return c.Next()
}

const localSession = "session"

// sessionOf returns the hash of the request's session, or "" when the browser is not signed in.
func sessionOf(c *fiber.Ctx) string {
	hash, _ := c.Locals(localSession).(string)
	return hash
}

// SessionValue returns the value of the browser's session cookie, "" when it has none.
func (s *Server) SessionValue(c *fiber.Ctx) string { return c.Cookies(s.cookieName(c, SessionCookie)) }

// StartSession signs the user in on this browser.
func (s *Server) StartSession(ctx context.Context, c *fiber.Ctx, u *survey.User) error {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	value := base64.RawURLEncoding.EncodeToString(b)
	now := s.now()
	if err := s.Accounts.CreateSession(ctx, &survey.Session{Hash: HashSecret(value), Username: u.Username, CreatedAt: now, SeenAt: now}); err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: s.cookieName(c, SessionCookie), Value: value, Path: "/", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.SecureCookies(c)})
	c.Locals(localPrincipal, u.Principal())
	c.Locals(localSession, HashSecret(value))
	return nil
}

// EndSession signs this browser out, reporting whether it was signed in.
func (s *Server) EndSession(c *fiber.Ctx) (bool, error) {
	defer s.ClearSessionCookie(c)
	hash, ok := c.Locals(localSession).(string)
	if !ok {
		return false, nil
	}
	return true, s.Accounts.DeleteSession(c.UserContext(), hash)
}

// ClearSessionCookie makes the browser forget its session cookie.
// ClearSessionCookie removes the session cookie from the browser.
func (s *Server) ClearSessionCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: s.cookieName(c, SessionCookie), Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.SecureCookies(c)})
}

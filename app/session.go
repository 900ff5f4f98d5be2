package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Session lifetimes: a session ends after sessionIdle without a request, and after sessionMax
// whatever happens.
const (
	sessionIdle = 30 * time.Minute
	sessionMax  = 12 * time.Hour
	// sessionTouch is how stale the recorded last use may get before a request refreshes it, so
	// that reading pages does not write to the store on every request.
	sessionTouch = time.Minute
)

const sessionCookie = "skm_session"

// loadSession makes the signed-in user of a browser request its principal. Sessions live in the
// store, so any instance serves any request.
func (s *Server) loadSession(c *fiber.Ctx) error {
	value := c.Cookies(sessionCookie)
	if value == "" || len(value) > 100 || strings.HasPrefix(c.Path(), "/api/") || strings.HasPrefix(c.Path(), "/static/") {
		return c.Next()
	}
	ctx := c.UserContext()
	hash := hashSecret(value)
	ss, err := s.accounts.Session(ctx, hash)
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		s.clearSessionCookie(c)
		return c.Next()
	} else if err != nil {
		return err
	}
	now := s.now()
	if now.Sub(ss.SeenAt) > sessionIdle || now.Sub(ss.CreatedAt) > sessionMax {
		_ = s.accounts.DeleteSession(ctx, hash)
		s.clearSessionCookie(c)
		return c.Next()
	}
	u, err := s.accounts.User(ctx, ss.Username)
	if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && u.Disabled) {
		_ = s.accounts.DeleteSession(ctx, hash)
		s.clearSessionCookie(c)
		return c.Next()
	} else if err != nil {
		return err
	}
	if now.Sub(ss.SeenAt) > sessionTouch {
		if err := s.accounts.TouchSession(ctx, hash, now); err != nil {
			return err
		}
	}
	c.Locals(localPrincipal, u.Principal())
	c.Locals(localSession, hash)
	return c.Next()
}

const localSession = "session"

// startSession signs the user in on this browser.
func (s *Server) startSession(ctx context.Context, c *fiber.Ctx, u *survey.User) error {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	value := base64.RawURLEncoding.EncodeToString(b)
	now := s.now()
	if err := s.accounts.CreateSession(ctx, &survey.Session{Hash: hashSecret(value), Username: u.Username, CreatedAt: now, SeenAt: now}); err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: value, Path: "/", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secureCookies(c)})
	return nil
}

func (s *Server) clearSessionCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secureCookies(c)})
}

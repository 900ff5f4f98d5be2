package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Sign-in throttling: failures are counted per account name (whether or not it exists, so the
// answer never tells which accounts do) and per client, in fixed windows. Each failure slows the
// next answer; past the limit the name or client is locked until the window ends.
const (
	signinWindow       = 15 * time.Minute
	signinAccountLimit = 5
	signinClientLimit  = 20
	signinMaxSlowdown  = 3 * time.Second
)

// signinSlowdown is the extra wait per failure so far; tests shorten it.
var signinSlowdown = 400 * time.Millisecond

// signinDelay is how long the answer to the nth failed attempt waits.
func signinDelay(fails int) time.Duration {
	return min(time.Duration(fails)*signinSlowdown, signinMaxSlowdown)
}

type signinPage struct {
	Page
	Username string
	Error    string
	Next     string
}

// handleSignin serves GET /masuk.
func (s *Server) handleSignin(c *fiber.Ctx) error {
	if principal(c) != nil {
		return c.Redirect(safeNext(c.Query("next")), fiber.StatusSeeOther)
	}
	p := signinPage{Page: s.page(c, ""), Next: safeNext(c.Query("next"))}
	p.Title = p.T("signin.title")
	return s.render(c, fiber.StatusOK, "signin", p)
}

// handleSigninPost serves POST /masuk.
func (s *Server) handleSigninPost(c *fiber.Ctx) error {
	ctx := c.UserContext()
	username := strings.ToLower(strings.TrimSpace(c.FormValue("username")))
	password := c.FormValue("password")
	p := signinPage{Page: s.page(c, ""), Username: username, Next: safeNext(c.FormValue("next"))}
	p.Title = p.T("signin.title")

	now := s.now()
	window := now.Truncate(signinWindow)
	accountKey, clientKey := "signin:account:"+username, "signin:client:"+s.clientHash(c, "signin")
	accountFails, err := s.accounts.Attempts(ctx, accountKey, window, signinAccountLimit)
	if err != nil {
		return err
	}
	clientFails, err := s.accounts.Attempts(ctx, clientKey, window, signinClientLimit)
	if err != nil {
		return err
	}
	if accountFails >= signinAccountLimit || clientFails >= signinClientLimit {
		s.audit(c, "signin.locked", username, "")
		p.Error = fmt.Sprintf(p.T("signin.locked"), window.Add(signinWindow).In(s.region(c).Location()).Format("15.04"))
		return s.render(c, fiber.StatusTooManyRequests, "signin", p)
	}

	u, err := s.accounts.User(ctx, username)
	if err != nil && survey.ErrorCode(err) != survey.ENOTFOUND {
		return err
	}
	hash := ""
	if u != nil && !u.Disabled {
		hash = u.PasswordHash
	}
	if !passwordMatches(hash, password) {
		fails, err := s.accounts.CountAttempt(ctx, accountKey, window, signinAccountLimit)
		if err != nil {
			return err
		}
		if _, err := s.accounts.CountAttempt(ctx, clientKey, window, signinClientLimit); err != nil {
			return err
		}
		s.audit(c, "signin.failed", username, "")
		slowDown(ctx, signinDelay(fails))
		p.Error = p.T("signin.failed")
		return s.render(c, fiber.StatusBadRequest, "signin", p)
	}
	// A new session on every sign-in: a session id planted before sign-in is never promoted.
	if old := c.Cookies(sessionCookie); old != "" {
		_ = s.accounts.DeleteSession(ctx, hashSecret(old))
	}
	if err := s.startSession(ctx, c, u); err != nil {
		return err
	}
	c.Locals(localPrincipal, u.Principal())
	s.audit(c, "signin", u.Username, "")
	return c.Redirect(p.Next, fiber.StatusSeeOther)
}

// handleSignout serves POST /keluar.
func (s *Server) handleSignout(c *fiber.Ctx) error {
	if hash, ok := c.Locals(localSession).(string); ok {
		if err := s.accounts.DeleteSession(c.UserContext(), hash); err != nil {
			return err
		}
		s.audit(c, "signout", principal(c).Name, "")
	}
	s.clearSessionCookie(c)
	return c.Redirect("/", fiber.StatusSeeOther)
}

// safeNext keeps a redirect after sign-in on this site: only local paths are followed.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/dasbor"
	}
	return next
}

func slowDown(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

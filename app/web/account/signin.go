package account

import (
	"context"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/web"

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

// SigninSlowdown is the extra wait per failure so far; tests shorten it.
var SigninSlowdown = 400 * time.Millisecond

// signinDelay is how long the answer to the nth failed attempt waits.
func signinDelay(fails int) time.Duration {
	return min(time.Duration(fails)*SigninSlowdown, signinMaxSlowdown)
}

type signinPage struct {
	web.Page
	Username string
	Error    string
	Next     string
}

// handleSignin serves GET /masuk.
func (h *handler) handleSignin(c *fiber.Ctx) error {
	if web.Principal(c) != nil {
		return c.Redirect(safeNext(c.Query("next")), fiber.StatusSeeOther)
	}
	p := signinPage{Page: h.Page(c, ""), Next: safeNext(c.Query("next"))}
	p.Title = p.T("signin.title")
	return h.Render(c, fiber.StatusOK, "signin", p)
}

// handleSigninPost serves POST /masuk.
func (h *handler) handleSigninPost(c *fiber.Ctx) error {
	ctx := c.UserContext()
	username := strings.ToLower(strings.TrimSpace(c.FormValue("username")))
	password := c.FormValue("password")
	p := signinPage{Page: h.Page(c, ""), Username: username, Next: safeNext(c.FormValue("next"))}
	p.Title = p.T("signin.title")

	now := h.Now()
	window := now.Truncate(signinWindow)
	accountKey, clientKey := "signin:account:"+username, "signin:client:"+h.ClientHash(c, "signin")
	accountFails, err := h.Accounts.Attempts(ctx, accountKey, window, signinAccountLimit)
	if err != nil {
		return err
	}
	clientFails, err := h.Accounts.Attempts(ctx, clientKey, window, signinClientLimit)
	if err != nil {
		return err
	}
	if accountFails >= signinAccountLimit || clientFails >= signinClientLimit {
		h.Audit(c, "signin.locked", username, "")
		p.Error = p.T("signin.locked", p.Clock(window.Add(signinWindow)))
		return h.Render(c, fiber.StatusTooManyRequests, "signin", p)
	}

	u, err := h.Accounts.User(ctx, username)
	if err != nil && survey.ErrorCode(err) != survey.ENOTFOUND {
		return err
	}
	hash := ""
	if u != nil && !u.Disabled {
		hash = u.PasswordHash
	}
	if !web.PasswordMatches(hash, password) {
		fails, err := h.Accounts.CountAttempt(ctx, accountKey, window, signinAccountLimit)
		if err != nil {
			return err
		}
		if _, err := h.Accounts.CountAttempt(ctx, clientKey, window, signinClientLimit); err != nil {
			return err
		}
		h.Audit(c, "signin.failed", username, "")
		slowDown(ctx, signinDelay(fails))
		p.Error = p.T("signin.failed")
		return h.Render(c, fiber.StatusBadRequest, "signin", p)
	}
	// A new session on every sign-in: a session id planted before sign-in is never promoted.
	if old := c.Cookies(web.SessionCookie); old != "" {
		_ = h.Accounts.DeleteSession(ctx, web.HashSecret(old))
	}
	if err := h.StartSession(ctx, c, u); err != nil {
		return err
	}
	h.Audit(c, "signin", u.Username, "")
	return c.Redirect(p.Next, fiber.StatusSeeOther)
}

// handleSignout serves POST /keluar.
func (h *handler) handleSignout(c *fiber.Ctx) error {
	signedIn, err := h.EndSession(c)
	if err != nil {
		return err
	}
	if signedIn {
		h.Audit(c, "signout", web.Principal(c).Name, "")
	}
	return c.Redirect("/", fiber.StatusSeeOther)
}

// safeNext keeps a redirect after sign-in on this site: a clean local path, rebuilt, is followed;
// anything else leads to the dashboard.
func safeNext(next string) string {
	if path, ok := web.LocalPath(next); ok {
		return path
	}
	return "/dasbor"
}

func slowDown(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

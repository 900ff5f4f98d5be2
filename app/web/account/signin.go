package account

import (
	"context"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Sign-in throttling, in fixed windows: every attempt is counted before the password is checked
// (web.Reserve), so attempts sent together cannot all be checked, and a successful one is given
// back, so only failures add up. A client may fail signinClientLimit times over any names, and
// signinAccountLimit times for one name (whether or not the account exists, so the answer never
// tells which accounts do); past either it is refused until the window ends. Nobody else is
// locked out: failures for a name from every client only slow its failed answers down.
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

	window := h.Now().Truncate(signinWindow)
	client := h.ClientHash(c, "signin")
	byClient, err := h.Reserve(ctx, "signin:client:"+client, window, signinClientLimit)
	if err != nil {
		return err
	}
	byName, err := h.Reserve(ctx, "signin:pair:"+username+"|"+client, window, signinAccountLimit)
	if err != nil {
		return err
	}
	if !byClient.Allowed || !byName.Allowed {
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
		// Past this many failures the wait is at its longest: no need to count further.
		longest := int(signinMaxSlowdown/SigninSlowdown) + 1
		fails, err := h.Accounts.CountAttempt(ctx, "signin:name:"+username, window, longest)
		if err != nil {
			return err
		}
		h.Audit(c, "signin.failed", username, "")
		slowDown(ctx, signinDelay(fails))
		p.Error = p.T("signin.failed")
		return h.Render(c, fiber.StatusBadRequest, "signin", p)
	}
	for _, r := range []web.Reservation{byClient, byName} {
		if err := h.Release(ctx, r); err != nil {
			return err
		}
	}
	// A new session on every sign-in: a session id planted before sign-in is never promoted.
	if old := h.SessionValue(c); old != "" {
		_ = h.Accounts.DeleteSession(ctx, web.HashSecret(old))
	}
	if err := h.StartSession(ctx, c, u); err != nil {
		return err
	}
	h.Audit(c, "signin", u.Username, "")
	if p.Next == home && u.Role == survey.RoleAdmin && !h.Region(c).Saved() {
		// An engine whose region was never set up leads its administrator there first.
		return c.Redirect(link.RegionSetup(), fiber.StatusSeeOther)
	}
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

// home is where a sign-in leads unless it came from another page.
const home = "/dasbor"

// safeNext keeps a redirect after sign-in on this site: a clean local path, rebuilt, is followed;
// anything else leads home.
func safeNext(next string) string {
	if path, ok := web.LocalPath(next); ok {
		return path
	}
	return home
}

func slowDown(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

package account

import (
	"github.com/gofiber/fiber/v2"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/survey"
)

type accountPage struct {
	web.Page
	Account *survey.User
	Flash   string
	Error   string
}

// handleAccount serves GET /akun: who I am and the password form.
func (h *handler) handleAccount(c *fiber.Ctx) error {
	return h.renderAccount(c, fiber.StatusOK, "", nil)
}

// renderAccount shows the account page with a flash message key, or with what went wrong.
func (h *handler) renderAccount(c *fiber.Ctx, status int, flash string, problem error) error {
	u, err := h.Accounts.User(c.UserContext(), web.Principal(c).Name)
	if err != nil {
		return err
	}
	p := accountPage{Page: h.Page(c, ""), Account: u}
	p.Title = p.T("account.title")
	if flash != "" {
		p.Flash = p.T(flash)
	}
	if problem != nil {
		p.Error = p.Printer.Error(problem)
	}
	return h.Render(c, status, "account", p)
}

// handlePasswordChange serves POST /akun/sandi. Changing the password signs out every other
// session of the account.
func (h *handler) handlePasswordChange(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u, err := h.Accounts.User(ctx, web.Principal(c).Name)
	if err != nil {
		return err
	}
	if !web.PasswordMatches(u.PasswordHash, c.FormValue("current")) {
		return h.renderAccount(c, fiber.StatusBadRequest, "", survey.Errorf(survey.EINVALID, "account.wrong"))
	}
	if c.FormValue("new") != c.FormValue("confirm") {
		return h.renderAccount(c, fiber.StatusBadRequest, "", survey.Errorf(survey.EINVALID, "account.mismatch"))
	}
	hash, err := web.HashPassword(c.FormValue("new"))
	if err != nil {
		return h.renderAccount(c, fiber.StatusBadRequest, "", err)
	}
	if _, err := h.Accounts.UpdateUser(ctx, u.Username, survey.UserUpdate{PasswordHash: &hash}); err != nil {
		return err
	}
	if _, err := h.Accounts.DeleteSessions(ctx, u.Username, h.Now(), h.Now()); err != nil {
		return err
	}
	if err := h.StartSession(ctx, c, u); err != nil {
		return err
	}
	h.Audit(c, "password.change", u.Username, "")
	return h.renderAccount(c, fiber.StatusOK, "account.changed", nil)
}

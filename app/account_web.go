package app

import (
	"github.com/gofiber/fiber/v2"
	"github.com/skm-engine/skm/app/i18n"

	"github.com/skm-engine/skm/survey"
)

// accountRoutes registers sign-in, the user's own account and the administration of accounts.
func (s *Server) accountRoutes(app *fiber.App) {
	s.handle(app, fiber.MethodGet, "/", public, s.handleHome)
	s.handle(app, fiber.MethodGet, "/masuk", public, s.handleSignin)
	s.handle(app, fiber.MethodPost, "/masuk", public, s.handleSigninPost)
	s.handle(app, fiber.MethodPost, "/keluar", anyRole, s.handleSignout)
	s.handle(app, fiber.MethodGet, "/akun", anyRole, s.handleAccount)
	s.handle(app, fiber.MethodPost, "/akun/sandi", anyRole, s.handlePasswordChange)

	s.handle(app, fiber.MethodGet, "/admin", adminOnly, s.handleAdmin)
	s.handle(app, fiber.MethodGet, "/admin/pengguna", adminOnly, s.handleAdminUsers)
	s.handle(app, fiber.MethodPost, "/admin/pengguna", adminOnly, s.handleAdminUserCreate)
	s.handle(app, fiber.MethodPost, "/admin/pengguna/:username", adminOnly, s.handleAdminUserUpdate)
	s.handle(app, fiber.MethodPost, "/admin/pengguna/:username/sandi", adminOnly, s.handleAdminPasswordReset)
	s.handle(app, fiber.MethodGet, "/admin/token", adminOnly, s.handleAdminTokens)
	s.handle(app, fiber.MethodPost, "/admin/token", adminOnly, s.handleAdminTokenCreate)
	s.handle(app, fiber.MethodPost, "/admin/token/:id/cabut", adminOnly, s.handleAdminTokenRevoke)
	s.handle(app, fiber.MethodGet, "/admin/audit", adminOnly, s.handleAdminAudit)
}

type accountPage struct {
	Page
	Account *survey.User
	Flash   string
	Error   string
}

// handleAccount serves GET /akun: who I am and the password form.
func (s *Server) handleAccount(c *fiber.Ctx) error {
	return s.renderAccount(c, fiber.StatusOK, "", "")
}

func (s *Server) renderAccount(c *fiber.Ctx, status int, flash, errMsg string) error {
	u, err := s.accounts.User(c.UserContext(), principal(c).Name)
	if err != nil {
		return err
	}
	p := accountPage{Page: s.page(c, ""), Account: u}
	p.Title = p.T("account.title")
	if flash != "" {
		p.Flash = p.T(flash)
	}
	if errMsg != "" {
		p.Error = p.T(errMsg)
		if !i18n.Has(errMsg) {
			p.Error = errMsg
		}
	}
	return s.render(c, status, "account", p)
}

// handlePasswordChange serves POST /akun/sandi. Changing the password signs out every other
// session of the account.
func (s *Server) handlePasswordChange(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u, err := s.accounts.User(ctx, principal(c).Name)
	if err != nil {
		return err
	}
	if !passwordMatches(u.PasswordHash, c.FormValue("current")) {
		return s.renderAccount(c, fiber.StatusBadRequest, "", "account.wrong")
	}
	if c.FormValue("new") != c.FormValue("confirm") {
		return s.renderAccount(c, fiber.StatusBadRequest, "", "account.mismatch")
	}
	hash, err := hashPassword(c.FormValue("new"))
	if err != nil {
		return s.renderAccount(c, fiber.StatusBadRequest, "", errText(c, err))
	}
	if _, err := s.accounts.UpdateUser(ctx, u.Username, survey.UserUpdate{PasswordHash: &hash}); err != nil {
		return err
	}
	if _, err := s.accounts.DeleteSessions(ctx, u.Username, s.now(), s.now()); err != nil {
		return err
	}
	if err := s.startSession(ctx, c, u); err != nil {
		return err
	}
	s.audit(c, "password.change", u.Username, "")
	return s.renderAccount(c, fiber.StatusOK, "account.changed", "")
}

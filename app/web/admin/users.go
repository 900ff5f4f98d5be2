package admin

import (
	"slices"
	"strings"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

type adminUsersPage struct {
	web.Page
	Users []*survey.User
	Units []*survey.Unit
	Flash string
	Error string
	Form  userForm
}

// userForm is the create/update form of a user.
type userForm struct {
	Username string
	Name     string
	Role     survey.Role
	Units    []string
	Disabled bool
}

func readUserForm(c *fiber.Ctx) userForm {
	f := userForm{
		Username: strings.ToLower(strings.TrimSpace(c.FormValue("username"))),
		Name:     strings.TrimSpace(c.FormValue("name")),
		Role:     survey.Role(c.FormValue("role")),
		Disabled: c.FormValue("disabled") == "on",
	}
	if args := c.Request().PostArgs(); args != nil {
		for _, v := range args.PeekMulti("units") {
			f.Units = append(f.Units, string(v))
		}
	}
	if f.Role != survey.RoleUnitHead {
		f.Units = nil
	}
	return f
}

// handleAdmin serves GET /admin.
func (h *handler) handleAdmin(c *fiber.Ctx) error {
	p := h.Page(c, "")
	p.Title = p.T("admin.title")
	return h.Render(c, fiber.StatusOK, "admin", p)
}

func (h *handler) renderUsers(c *fiber.Ctx, status int, flash, errMsg string, form userForm) error {
	ctx := c.UserContext()
	users, err := h.Accounts.Users(ctx)
	if err != nil {
		return err
	}
	units, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	p := adminUsersPage{Page: h.Page(c, ""), Users: users, Units: units, Flash: flash, Error: errMsg, Form: form}
	p.Title = p.T("admin.users")
	return h.Render(c, status, "admin_users", p)
}

// handleAdminUsers serves GET /admin/pengguna.
func (h *handler) handleAdminUsers(c *fiber.Ctx) error {
	return h.renderUsers(c, fiber.StatusOK, "", "", userForm{Role: survey.RoleUnitHead})
}

// handleAdminUserCreate serves POST /admin/pengguna: the new user gets a random password, shown
// once to the administrator.
func (h *handler) handleAdminUserCreate(c *fiber.Ctx) error {
	f := readUserForm(c)
	pw := web.RandomPassword()
	hash, err := web.HashPassword(pw)
	if err != nil {
		return err
	}
	u := &survey.User{Username: f.Username, Name: f.Name, Role: f.Role, Units: f.Units, PasswordHash: hash}
	if err := h.checkUnits(c, f.Units); err != nil {
		return h.renderUsers(c, fiber.StatusBadRequest, "", h.Printer(c).Error(err), f)
	}
	if err := h.Accounts.CreateUser(c.UserContext(), u); err != nil {
		if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT {
			return h.renderUsers(c, web.Status(err), "", h.Printer(c).Error(err), f)
		}
		return err
	}
	h.Audit(c, "user.create", u.Username, string(u.Role)+" "+strings.Join(u.Units, ","))
	p := h.Page(c, "")
	return h.renderUsers(c, fiber.StatusOK, sprintfT(p, "admin.newpassword", u.Username, pw), "", userForm{Role: survey.RoleUnitHead})
}

// handleAdminUserUpdate serves POST /admin/pengguna/:username: role, units and whether the account
// is disabled. Disabling signs the user out everywhere.
func (h *handler) handleAdminUserUpdate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	name := c.Params("username")
	f := readUserForm(c)
	if name == web.Principal(c).Name && (f.Disabled || f.Role != survey.RoleAdmin) {
		p := h.Page(c, "")
		return h.renderUsers(c, fiber.StatusConflict, "", p.T("admin.self"), userForm{Role: survey.RoleUnitHead})
	}
	if err := h.checkUnits(c, f.Units); err != nil {
		return h.renderUsers(c, fiber.StatusBadRequest, "", h.Printer(c).Error(err), userForm{Role: survey.RoleUnitHead})
	}
	before, err := h.Accounts.User(ctx, name)
	if err != nil {
		return err
	}
	upd := survey.UserUpdate{Role: &f.Role, Units: &f.Units, Disabled: &f.Disabled}
	if f.Name != "" {
		upd.Name = &f.Name
	}
	u, err := h.Accounts.UpdateUser(ctx, name, upd)
	if code := survey.ErrorCode(err); code == survey.EINVALID {
		return h.renderUsers(c, fiber.StatusBadRequest, "", h.Printer(c).Error(err), userForm{Role: survey.RoleUnitHead})
	} else if err != nil {
		return err
	}
	if u.Disabled || u.Role != before.Role || !slices.Equal(u.Units, before.Units) {
		// A changed role takes effect at once: no session keeps the old one.
		if _, err := h.Accounts.DeleteSessions(ctx, u.Username, h.Now(), h.Now()); err != nil {
			return err
		}
	}
	h.Audit(c, "user.update", u.Username, auditChange(before, u))
	p := h.Page(c, "")
	return h.renderUsers(c, fiber.StatusOK, p.T("admin.updated"), "", userForm{Role: survey.RoleUnitHead})
}

// handleAdminPasswordReset serves POST /admin/pengguna/:username/sandi: a new random password,
// shown once; the user's sessions end.
func (h *handler) handleAdminPasswordReset(c *fiber.Ctx) error {
	ctx := c.UserContext()
	pw := web.RandomPassword()
	hash, err := web.HashPassword(pw)
	if err != nil {
		return err
	}
	u, err := h.Accounts.UpdateUser(ctx, c.Params("username"), survey.UserUpdate{PasswordHash: &hash})
	if err != nil {
		return err
	}
	if _, err := h.Accounts.DeleteSessions(ctx, u.Username, h.Now(), h.Now()); err != nil {
		return err
	}
	h.Audit(c, "user.password_reset", u.Username, "")
	p := h.Page(c, "")
	return h.renderUsers(c, fiber.StatusOK, sprintfT(p, "admin.newpassword", u.Username, pw), "", userForm{Role: survey.RoleUnitHead})
}

// checkUnits refuses unit slugs that name no unit.
func (h *handler) checkUnits(c *fiber.Ctx, slugs []string) error {
	for _, slug := range slugs {
		if _, err := h.Store.Unit(c.UserContext(), slug); err != nil {
			return err
		}
	}
	return nil
}

func auditChange(before, after *survey.User) string {
	var parts []string
	if before.Role != after.Role {
		parts = append(parts, "role "+string(before.Role)+"→"+string(after.Role))
	}
	if !slices.Equal(before.Units, after.Units) {
		parts = append(parts, "units "+strings.Join(before.Units, ",")+"→"+strings.Join(after.Units, ","))
	}
	if before.Disabled != after.Disabled {
		if after.Disabled {
			parts = append(parts, "disabled")
		} else {
			parts = append(parts, "enabled")
		}
	}
	if before.Name != after.Name {
		parts = append(parts, "name")
	}
	return strings.Join(parts, "; ")
}

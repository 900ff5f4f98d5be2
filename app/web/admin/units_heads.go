package admin

import (
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// headForm is the new head a unit's page creates.
type headForm struct {
	Username string
	Name     string
}

// handleUnitHeadAdd serves POST /admin/unit/:slug/kepala: an existing unit head (username) also
// heads this unit. The change shows on their next request.
func (h *handler) handleUnitHeadAdd(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u, err := h.Store.Unit(ctx, c.Params("slug"))
	if err != nil {
		return err
	}
	username := strings.ToLower(web.FormText(c, "username"))
	usr, err := h.Accounts.User(ctx, username)
	if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && usr.Role != survey.RoleUnitHead) {
		return h.renderHeadProblem(c, u, headForm{}, "head-user", survey.Errorf(survey.EINVALID, "err.head.notunithead", username))
	} else if err != nil {
		return err
	}
	if !slices.Contains(usr.Units, u.Slug) {
		units := append(slices.Clone(usr.Units), u.Slug)
		if _, err := h.Accounts.UpdateUser(ctx, usr.Username, survey.UserUpdate{Units: &units}); err != nil {
			return err
		}
		h.Audit(c, "unit.head", u.Slug, "added "+usr.Username)
	}
	return c.Redirect(unitPath(u.Slug)+"?ok=kepala", fiber.StatusSeeOther)
}

// handleUnitHeadCreate serves POST /admin/unit/:slug/kepala/baru: a new account with the role
// unit head for this unit. Its random password is shown once on the page that answers, never
// put in an address or kept.
func (h *handler) handleUnitHeadCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u, err := h.Store.Unit(ctx, c.Params("slug"))
	if err != nil {
		return err
	}
	f := headForm{Username: strings.ToLower(web.FormText(c, "username")), Name: web.FormText(c, "name")}
	pw := web.RandomPassword()
	hash, err := web.HashPassword(pw)
	if err != nil {
		return err
	}
	usr := &survey.User{Username: f.Username, Name: f.Name, Role: survey.RoleUnitHead, Units: []string{u.Slug}, PasswordHash: hash}
	if err := h.Accounts.CreateUser(ctx, usr); err != nil {
		field := "head-username"
		if survey.ErrorMessage(err).Key == "err.user.name" {
			field = "head-fullname"
		}
		if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT {
			return h.renderHeadProblem(c, u, f, field, err)
		}
		return err
	}
	h.Audit(c, "user.create", usr.Username, string(usr.Role)+" "+u.Slug)
	h.Audit(c, "unit.head", u.Slug, "added "+usr.Username)
	up, err := h.unitPageFor(c, u)
	if err != nil {
		return err
	}
	up.Flash = up.T("unit.head.created", usr.Username)
	up.Password = pw
	web.NoStore(c)
	return h.Render(c, fiber.StatusCreated, "admin_unit", up)
}

// handleUnitHeadRemove serves POST /admin/unit/:slug/kepala/:username/lepas: the person no
// longer heads this unit. One who heads no other unit keeps their account but must be given a
// unit or disabled on the users' page first, since a unit head without a unit sees nothing.
func (h *handler) handleUnitHeadRemove(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u, err := h.Store.Unit(ctx, c.Params("slug"))
	if err != nil {
		return err
	}
	usr, err := h.Accounts.User(ctx, c.Params("username"))
	if err != nil {
		return err
	}
	units := slices.DeleteFunc(slices.Clone(usr.Units), func(s string) bool { return s == u.Slug })
	if len(units) == len(usr.Units) {
		return c.Redirect(unitPath(u.Slug), fiber.StatusSeeOther)
	}
	if len(units) == 0 {
		return h.renderHeadProblem(c, u, headForm{}, "heads", survey.Errorf(survey.ECONFLICT, "err.head.last", usr.Username))
	}
	if _, err := h.Accounts.UpdateUser(ctx, usr.Username, survey.UserUpdate{Units: &units}); err != nil {
		return err
	}
	h.Audit(c, "unit.head", u.Slug, "removed "+usr.Username)
	return c.Redirect(unitPath(u.Slug)+"?ok=lepas", fiber.StatusSeeOther)
}

// renderHeadProblem shows the unit's page with a problem of its heads' forms.
func (h *handler) renderHeadProblem(c *fiber.Ctx, u *survey.Unit, f headForm, field string, err error) error {
	up, perr := h.unitPageFor(c, u)
	if perr != nil {
		return perr
	}
	up.Head = f
	up.HeadProblems.add(field, err)
	return h.Render(c, web.Status(err), "admin_unit", up)
}

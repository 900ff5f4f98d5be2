package admin

import (
	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// createdToken is a token just made, with its secret: the only time the secret is shown.
type createdToken struct {
	*survey.Token
	Secret string
}

type adminTokensPage struct {
	web.Page
	Tokens  []*survey.Token
	Units   []*survey.Unit
	Created *createdToken
	Error   string
}

// handleAdminTokens serves GET /admin/token.
func (h *handler) handleAdminTokens(c *fiber.Ctx) error {
	return h.renderTokens(c, fiber.StatusOK, nil, "")
}

func (h *handler) renderTokens(c *fiber.Ctx, status int, created *createdToken, errMsg string) error {
	ctx := c.UserContext()
	tokens, err := h.Accounts.Tokens(ctx)
	if err != nil {
		return err
	}
	units, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	p := adminTokensPage{Page: h.Page(c, ""), Tokens: tokens, Units: units, Created: created, Error: errMsg}
	p.Title = p.T("admin.tokens")
	return h.Render(c, status, "admin_tokens", p)
}

// handleAdminTokenCreate serves POST /admin/token.
func (h *handler) handleAdminTokenCreate(c *fiber.Ctx) error {
	f := readUserForm(c)
	if err := h.checkUnits(c, f.Units); err != nil {
		return h.renderTokens(c, fiber.StatusBadRequest, nil, h.Printer(c).Error(err))
	}
	t, secret, err := h.CreateToken(c, f.Name, f.Role, f.Units)
	if code := survey.ErrorCode(err); code == survey.EINVALID {
		return h.renderTokens(c, fiber.StatusBadRequest, nil, h.Printer(c).Error(err))
	} else if err != nil {
		return err
	}
	return h.renderTokens(c, fiber.StatusCreated, &createdToken{t, secret}, "")
}

// handleAdminTokenRevoke serves POST /admin/token/:id/cabut.
func (h *handler) handleAdminTokenRevoke(c *fiber.Ctx) error {
	if err := h.Accounts.RevokeToken(c.UserContext(), c.Params("id"), h.Now()); err != nil {
		return err
	}
	h.Audit(c, "token.revoke", c.Params("id"), "")
	return c.Redirect("/admin/token", fiber.StatusSeeOther)
}

package api

import (
	"github.com/gofiber/fiber/v2"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/survey"
)

// handleAPITokens serves GET /api/v1/tokens: every token, never a secret.
func (h *handler) handleAPITokens(c *fiber.Ctx) error {
	ts, err := h.Accounts.Tokens(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(web.ListOf(ts, ""))
}

type tokenForm struct {
	Name  string      `json:"name"`
	Role  survey.Role `json:"role"`
	Units []string    `json:"units"`
}

// createdToken is the only time a token's secret is shown.
type createdToken struct {
	*survey.Token
	Secret string `json:"secret"`
}

// handleAPITokenCreate serves POST /api/v1/tokens.
func (h *handler) handleAPITokenCreate(c *fiber.Ctx) error {
	var f tokenForm
	if err := web.DecodeJSON(c, &f); err != nil {
		return err
	}
	t, secret, err := h.CreateToken(c, f.Name, f.Role, f.Units)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(createdToken{t, secret})
}

// handleAPITokenRevoke serves DELETE /api/v1/tokens/:id.
func (h *handler) handleAPITokenRevoke(c *fiber.Ctx) error {
	if err := h.Accounts.RevokeToken(c.UserContext(), c.Params("id"), h.Now()); err != nil {
		return err
	}
	h.Audit(c, "token.revoke", c.Params("id"), "")
	return c.SendStatus(fiber.StatusNoContent)
}

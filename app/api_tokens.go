package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// handleAPITokens serves GET /api/v1/tokens: every token, never a secret.
func (s *Server) handleAPITokens(c *fiber.Ctx) error {
	ts, err := s.accounts.Tokens(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(listOf(ts, ""))
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
func (s *Server) handleAPITokenCreate(c *fiber.Ctx) error {
	var f tokenForm
	if err := decodeJSON(c, &f); err != nil {
		return err
	}
	t, secret, err := s.createToken(c, f)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(createdToken{t, secret})
}

func (s *Server) createToken(c *fiber.Ctx, f tokenForm) (*survey.Token, string, error) {
	secret, hash := newTokenSecret()
	t := &survey.Token{Name: f.Name, Role: f.Role, Units: f.Units, CreatedBy: principal(c).Name, Hash: hash}
	if err := s.accounts.CreateToken(c.UserContext(), t); err != nil {
		return nil, "", err
	}
	s.audit(c, "token.create", t.ID, string(t.Role)+" "+t.Name)
	return t, secret, nil
}

// handleAPITokenRevoke serves DELETE /api/v1/tokens/:id.
func (s *Server) handleAPITokenRevoke(c *fiber.Ctx) error {
	if err := s.accounts.RevokeToken(c.UserContext(), c.Params("id"), s.now()); err != nil {
		return err
	}
	s.audit(c, "token.revoke", c.Params("id"), "")
	return c.SendStatus(fiber.StatusNoContent)
}

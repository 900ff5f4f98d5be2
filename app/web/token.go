package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// tokenPrefix marks the engine's API tokens, so a leaked one is recognisable in logs and scanners.
const tokenPrefix = "skm_"

// NewTokenSecret returns a fresh API token and the hash the store keeps.
func NewTokenSecret() (secret, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret = tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret)
}

// HashSecret returns the hex SHA-256 of a secret: what the store keeps of tokens and sessions.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// requireToken authenticates /api/v1 requests by bearer token. The API is never open: a request
// without a valid, unrevoked token is refused whatever the route's rule.
func (s *Server) requireToken(c *fiber.Ctx) error {
	auth := c.Get(fiber.HeaderAuthorization)
	secret, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || !strings.HasPrefix(secret, tokenPrefix) {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="skm"`)
		return survey.Errorf(survey.EUNAUTHORIZED, "err.token.missing")
	}
	t, err := s.Accounts.TokenByHash(c.UserContext(), HashSecret(secret))
	if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && !t.RevokedAt.IsZero()) {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="skm", error="invalid_token"`)
		return survey.Errorf(survey.EUNAUTHORIZED, "err.token.invalid")
	} else if err != nil {
		return err
	}
	c.Locals(localPrincipal, t.Principal())
	return c.Next()
}

// CreateToken makes an API token for the person asking, records it in the audit log, and
// returns it with its secret: the only time the secret is shown.
func (s *Server) CreateToken(c *fiber.Ctx, name string, role survey.Role, units []string) (*survey.Token, string, error) {
	secret, hash := NewTokenSecret()
	t := &survey.Token{Name: name, Role: role, Units: units, CreatedBy: Principal(c).Name, Hash: hash}
	if err := s.Accounts.CreateToken(c.UserContext(), t); err != nil {
		return nil, "", err
	}
	s.Audit(c, "token.create", t.ID, string(t.Role)+" "+t.Name)
	return t, secret, nil
}

package app

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// access is the rule a route applies before its handler runs. Every route is registered with one
// (see handle), so a route without a decision cannot exist.
type access int

const (
	// public routes serve anyone: residents never sign in.
	public access = iota
	// anyRole routes serve any signed-in person or token.
	anyRole
	// regionRead routes serve administrators and viewers.
	regionRead
	// unitRead routes serve administrators, viewers and heads of the unit named by the :unit
	// parameter (or the ?unit= query).
	unitRead
	// unitOwn routes serve administrators and heads of the unit named by :unit: changes to a
	// unit, and its residents' free text, which viewers never see.
	unitOwn
	// adminOnly routes serve administrators.
	adminOnly
)

func (a access) String() string {
	return [...]string{"public", "anyRole", "regionRead", "unitRead", "unitOwn", "adminOnly"}[a]
}

const localPrincipal = "principal"

// principal returns who makes the request, or nil for an anonymous visitor.
func principal(c *fiber.Ctx) *survey.Principal {
	p, _ := c.Locals(localPrincipal).(*survey.Principal)
	return p
}

// handle registers a route with its access rule.
func (s *Server) handle(r fiber.Router, method, path string, rule access, h fiber.Handler) {
	r.Add(method, path, s.authorize(rule), h)
}

func (s *Server) authorize(rule access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if rule == public {
			return c.Next()
		}
		p := principal(c)
		if p == nil {
			return survey.Errorf(survey.EUNAUTHORIZED, "Sign in first.")
		}
		allowed := false
		switch rule {
		case anyRole:
			allowed = true
		case regionRead:
			allowed = p.Role == survey.RoleAdmin || p.Role == survey.RoleViewer
		case unitRead:
			allowed = p.CanSeeUnit(unitParam(c))
		case unitOwn:
			allowed = p.IsAdmin() || (p.Role == survey.RoleUnitHead && p.CanSeeUnit(unitParam(c)))
		case adminOnly:
			allowed = p.IsAdmin()
		}
		if !allowed {
			return survey.Errorf(survey.EFORBIDDEN, "You may not see or change this.")
		}
		return c.Next()
	}
}

// unitParam returns the unit a request is about: the :unit route parameter or the ?unit= query.
func unitParam(c *fiber.Ctx) string {
	if u := c.Params("unit"); u != "" {
		return u
	}
	return c.Query("unit")
}

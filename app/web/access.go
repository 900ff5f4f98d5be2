package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Access is the rule a route applies before its handler runs. Every feature route is registered
// with one (see Handle), so a route without a decision cannot exist.
type Access int

const (
	// Public routes serve anyone: residents never sign in.
	Public Access = iota
	// AnyRole routes serve any signed-in person or token.
	AnyRole
	// RegionRead routes serve administrators and viewers.
	RegionRead
	// UnitRead routes serve administrators, viewers and heads of the unit named by the :unit
	// parameter (or the ?unit= query).
	UnitRead
	// UnitOwn routes serve administrators and heads of the unit named by :unit: changes to a
	// unit, and its residents' free text, which viewers never see.
	UnitOwn
	// AdminOnly routes serve administrators.
	AdminOnly
)

// String names the rule as the access table test prints it.
func (a Access) String() string {
	return [...]string{"public", "anyRole", "regionRead", "unitRead", "unitOwn", "adminOnly"}[a]
}

// Route is a registered route with its access rule and the largest body it reads: the access
// table.
type Route struct {
	Method, Path string
	Rule         Access
	Limit        int
}

// Routes returns the access table: every route a feature registered, with its rule.
func (s *Server) Routes() []Route { return s.routes }

const localPrincipal = "principal"

// Principal returns who makes the request, or nil for an anonymous visitor.
func Principal(c *fiber.Ctx) *survey.Principal {
	p, _ := c.Locals(localPrincipal).(*survey.Principal)
	return p
}

// Handle registers a browser route with its access rule. Its body may be up to FormLimit.
func (s *Server) Handle(method, path string, rule Access, h fiber.Handler) {
	s.add(s.app, "", method, path, rule, FormLimit, h)
}

// HandleAPI registers a route of the JSON API under /api/v1, which also requires a bearer token.
// Its body may be up to FormLimit.
func (s *Server) HandleAPI(method, path string, rule Access, h fiber.Handler) {
	s.add(s.api, "/api/v1", method, path, rule, FormLimit, h)
}

// add registers a route behind its rule, then (for public uploads) the per-client upload limit,
// then the reading of its body, then (for browser routes) the CSRF check, which reads the form.
func (s *Server) add(r fiber.Router, prefix, method, path string, rule Access, limit int, h fiber.Handler) {
	s.routes = append(s.routes, Route{Method: method, Path: prefix + path, Rule: rule, Limit: limit})
	chain := []fiber.Handler{markRoute(prefix + path), authorize(rule)}
	if rule == Public && limit > FormLimit {
		chain = append(chain, s.throttleUpload(prefix+path))
	}
	chain = append(chain, readBody(limit))
	if prefix == "" {
		chain = append(chain, s.checkCSRF)
	}
	r.Add(method, path, append(chain, h)...)
}

var errForbidden = survey.Errorf(survey.EFORBIDDEN, "error.forbidden")

func authorize(rule Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if rule == Public {
			return c.Next()
		}
		p := Principal(c)
		if p == nil {
			return survey.Errorf(survey.EUNAUTHORIZED, "error.signin")
		}
		allowed := false
		switch rule {
		case AnyRole:
			allowed = true
		case RegionRead:
			allowed = p.Role == survey.RoleAdmin || p.Role == survey.RoleViewer
		case UnitRead:
			allowed = p.CanSeeUnit(UnitParam(c))
		case UnitOwn:
			allowed = p.MayActFor(UnitParam(c))
		case AdminOnly:
			allowed = p.IsAdmin()
		}
		if !allowed {
			return errForbidden
		}
		return c.Next()
	}
}

// Forbidden is the error of a request the caller may not make.
func Forbidden() error { return errForbidden }

// UnitParam returns the unit a request is about: the :unit route parameter or the ?unit= query.
func UnitParam(c *fiber.Ctx) string {
	if u := c.Params("unit"); u != "" {
		return u
	}
	return c.Query("unit")
}

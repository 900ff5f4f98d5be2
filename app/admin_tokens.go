package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

type adminTokensPage struct {
	Page
	Tokens  []*survey.Token
	Units   []*survey.Unit
	Created *createdToken
	Error   string
}

// handleAdminTokens serves GET /admin/token.
func (s *Server) handleAdminTokens(c *fiber.Ctx) error {
	return s.renderTokens(c, fiber.StatusOK, nil, "")
}

func (s *Server) renderTokens(c *fiber.Ctx, status int, created *createdToken, errMsg string) error {
	ctx := c.UserContext()
	tokens, err := s.accounts.Tokens(ctx)
	if err != nil {
		return err
	}
	units, err := s.store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	p := adminTokensPage{Page: s.page(c, ""), Tokens: tokens, Units: units, Created: created, Error: errMsg}
	p.Title = p.T("admin.tokens")
	return s.render(c, status, "admin_tokens", p)
}

// handleAdminTokenCreate serves POST /admin/token.
func (s *Server) handleAdminTokenCreate(c *fiber.Ctx) error {
	f := readUserForm(c)
	if err := s.checkUnits(c, f.Units); err != nil {
		return s.renderTokens(c, fiber.StatusBadRequest, nil, errText(c, err))
	}
	t, secret, err := s.createToken(c, tokenForm{Name: f.Name, Role: f.Role, Units: f.Units})
	if code := survey.ErrorCode(err); code == survey.EINVALID {
		return s.renderTokens(c, fiber.StatusBadRequest, nil, errText(c, err))
	} else if err != nil {
		return err
	}
	return s.renderTokens(c, fiber.StatusCreated, &createdToken{t, secret}, "")
}

// handleAdminTokenRevoke serves POST /admin/token/:id/cabut.
func (s *Server) handleAdminTokenRevoke(c *fiber.Ctx) error {
	if err := s.accounts.RevokeToken(c.UserContext(), c.Params("id"), s.now()); err != nil {
		return err
	}
	s.audit(c, "token.revoke", c.Params("id"), "")
	return c.Redirect("/admin/token", fiber.StatusSeeOther)
}

type adminAuditPage struct {
	Page
	Entries []*survey.AuditEntry
	Filter  auditQuery
	Limit   int
	Loc     *time.Location
}

type auditQuery struct {
	Actor, Action, Since, Until string
}

const auditPageLimit = 500

// handleAdminAudit serves GET /admin/audit?actor=&action=&since=YYYY-MM-DD&until=YYYY-MM-DD.
func (s *Server) handleAdminAudit(c *fiber.Ctx) error {
	q := auditQuery{Actor: strings.TrimSpace(c.Query("actor")), Action: strings.TrimSpace(c.Query("action")), Since: c.Query("since"), Until: c.Query("until")}
	loc := s.region(c).Location()
	f := survey.AuditFilter{Actor: q.Actor, Action: q.Action, Limit: auditPageLimit}
	var err error
	if f.Since, err = parseDay(q.Since, loc, 0); err != nil {
		return err
	}
	if f.Until, err = parseDay(q.Until, loc, 1); err != nil {
		return err
	}
	entries, err := s.accounts.AuditEntries(c.UserContext(), f)
	if err != nil {
		return err
	}
	p := adminAuditPage{Page: s.page(c, ""), Entries: entries, Filter: q, Limit: auditPageLimit, Loc: loc}
	p.Title = p.T("admin.audit")
	return s.render(c, fiber.StatusOK, "admin_audit", p)
}

// parseDay reads a YYYY-MM-DD date as the start of that day (plus addDays) in loc; "" is no bound.
func parseDay(v string, loc *time.Location, addDays int) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, survey.Errorf(survey.EINVALID, "Date %q must look like 2026-08-17.", v)
	}
	return d.AddDate(0, 0, addDays), nil
}

// sprintfT formats the message with the key in the page's language.
func sprintfT(p Page, key string, args ...any) string {
	return fmt.Sprintf(p.T(key), args...)
}

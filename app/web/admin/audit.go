package admin

import (
	"fmt"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

type adminAuditPage struct {
	web.Page
	Entries []*survey.AuditEntry
	Filter  auditQuery
	Limit   int
	// Actions are the actions the filter offers.
	Actions []string
}

type auditQuery struct {
	Actor, Action, Since, Until string
}

const auditPageLimit = 500

// handleAdminAudit serves GET /admin/audit?actor=&action=&since=YYYY-MM-DD&until=YYYY-MM-DD.
func (h *handler) handleAdminAudit(c *fiber.Ctx) error {
	q := auditQuery{Actor: strings.TrimSpace(c.Query("actor")), Action: strings.TrimSpace(c.Query("action")), Since: c.Query("since"), Until: c.Query("until")}
	loc := h.Region(c).Location()
	f := survey.AuditFilter{Actor: q.Actor, Action: q.Action, Limit: auditPageLimit}
	var err error
	if f.Since, err = parseDay(q.Since, loc, 0); err != nil {
		return err
	}
	if f.Until, err = parseDay(q.Until, loc, 1); err != nil {
		return err
	}
	entries, err := h.Accounts.AuditEntries(c.UserContext(), f)
	if err != nil {
		return err
	}
	p := adminAuditPage{Page: h.Page(c, ""), Entries: entries, Filter: q, Limit: auditPageLimit, Actions: web.AuditActions}
	p.Title = p.T("admin.audit")
	return h.Render(c, fiber.StatusOK, "admin_audit", p)
}

// parseDay reads a YYYY-MM-DD date as the start of that day (plus addDays) in loc; "" is no bound.
func parseDay(v string, loc *time.Location, addDays int) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, survey.Errorf(survey.EINVALID, "err.date", v)
	}
	return d.AddDate(0, 0, addDays), nil
}

// sprintfT formats the message with the key in the page's language.
func sprintfT(p web.Page, key string, args ...any) string {
	return fmt.Sprintf(p.T(key), args...)
}

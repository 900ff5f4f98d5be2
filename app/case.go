package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// loop closes the loop from what residents say to what the region does about it: complaints and
// suggestions become cases a unit must answer within the region's limit, residents follow them by
// tracking code, units record follow-up plans, and the region publishes its results.
type loop struct {
	s       *Server
	targets *targetCache
	locs    locations
	results resultsCache
}

// caseRoutes registers the routes of the loop. Residents' pages are public; staff pages check, on
// top of their rule, that a case's unit is the caller's (its code carries no :unit parameter).
func (s *Server) caseRoutes(app *fiber.App) {
	l := &loop{s: s, targets: newTargetCache(s.store)}
	s.handle(app, fiber.MethodGet, "/s/:unit/pengaduan", public, l.handleComplaintForm)
	s.handle(app, fiber.MethodPost, "/s/:unit/pengaduan", public, l.handleComplaintSubmit)
	s.handle(app, fiber.MethodGet, "/lacak", public, l.handleTrackForm)
	s.handle(app, fiber.MethodGet, "/lacak/:code", public, l.handleTrack)

	s.handle(app, fiber.MethodGet, "/pengaduan", anyRole, l.handleCases)
	s.handle(app, fiber.MethodGet, "/pengaduan/:code", anyRole, l.handleCase)
	s.handle(app, fiber.MethodPost, "/pengaduan/:code/balas", anyRole, l.handleCaseReply)
	s.handle(app, fiber.MethodPost, "/pengaduan/:code/terbitkan", anyRole, l.handleCasePublish)
	s.handle(app, fiber.MethodGet, "/admin/pengaduan", adminOnly, l.handleCaseSettings)
	s.handle(app, fiber.MethodPost, "/admin/pengaduan", adminOnly, l.handleCaseSettingsSave)

	s.handle(app, fiber.MethodGet, "/rencana/:key/unit/:unit", unitRead, l.handlePlan)
	s.handle(app, fiber.MethodPost, "/rencana/:key/unit/:unit", unitOwn, l.handlePlanSave)

	s.handle(app, fiber.MethodGet, "/admin/kampanye", adminOnly, l.handleCampaignsAdmin)
	s.handle(app, fiber.MethodPost, "/admin/kampanye/:key/terbitkan", adminOnly, l.handleCampaignPublish)
	s.handle(app, fiber.MethodGet, "/hasil", public, l.handleResults)
	s.handle(app, fiber.MethodGet, "/hasil/:key", public, l.handleCampaignResults)
	s.handle(app, fiber.MethodGet, "/hasil/:key/unit/:unit", public, l.handleUnitResults)
}

// trackPath is the resident's tracking page of a case.
func trackPath(code string) string { return "/lacak/" + code }

// casePath is the staff page of a case.
func casePath(code string) string { return "/pengaduan/" + code }

// mayHandleCase reports whether the principal may read a case's text and answer it: the region's
// administrators and the heads of its unit (rule unitOwn); viewers never read residents' text.
func mayHandleCase(p *survey.Principal, cs *survey.Case) bool {
	return p.IsAdmin() || (p != nil && p.Role == survey.RoleUnitHead && slices.Contains(p.Units, cs.Unit))
}

// errNoCase is the one answer to a code that is unknown, malformed, or not the caller's: a code
// reveals nothing to anyone it is not for.
var errNoCase = survey.Errorf(survey.ENOTFOUND, "There is no case with that code for you.")

// caseFor returns the case with the code in the route, and its campaign, when the caller may
// handle it.
func (l *loop) caseFor(c *fiber.Ctx) (*survey.Case, string, error) {
	cs, campaign, err := l.s.store.FindCase(c.UserContext(), c.Params("code"))
	if survey.ErrorCode(err) == survey.ENOTFOUND || (err == nil && !mayHandleCase(principal(c), cs)) {
		return nil, "", errNoCase
	} else if err != nil {
		return nil, "", err
	}
	return cs, campaign, nil
}

// caseCampaigns returns the campaigns whose cases are still worked on: open and closed ones. An
// archived campaign's books are closed; a draft has no cases.
func (l *loop) caseCampaigns(ctx context.Context) ([]*survey.Campaign, error) {
	all, err := l.s.store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(c *survey.Campaign) bool {
		return c.State != survey.StateOpen && c.State != survey.StateClosed
	}), nil
}

// unitNames returns the names of every unit by slug, in the page's language.
func (l *loop) unitNames(ctx context.Context, lang string) (map[string]string, error) {
	units, err := l.s.store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(units))
	for _, u := range units {
		names[u.Slug] = u.Name.In(lang)
	}
	return names, nil
}

var monthsID = [12]string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

// localTime formats an instant in the region's time zone as people there read it:
// "17 Agu 2026 14.00 WIB", or "17 Aug 2026 14:00 WIB" in English.
func localTime(lang string, t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	if lang == survey.LangEN {
		return t.Format("2 Jan 2006 15:04 MST")
	}
	return fmt.Sprintf("%d %s %d %02d.%02d %s", t.Day(), monthsID[t.Month()-1], t.Year(), t.Hour(), t.Minute(), t.Format("MST"))
}

// spanText formats a span as days, hours and minutes: "1 hr 2 j 5 mnt", in English "1 d 2 h 5 min".
func spanText(lang string, d time.Duration) string {
	d = d.Round(time.Minute)
	if d < 0 {
		d = -d
	}
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	units := [3]string{"hr", "j", "mnt"}
	if lang == survey.LangEN {
		units = [3]string{"d", "h", "min"}
	}
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", days, units[0]))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", hours, units[1]))
	}
	if mins > 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d %s", mins, units[2]))
	}
	return strings.Join(parts, " ")
}

package desk

import (
	"strconv"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// caseSettingsForm is the case policy as the form shows and sends it.
type caseSettingsForm struct {
	Hours      string
	OfficeOnly bool
	Week       []officeDayForm
	Holidays   string
	EscalateTo string
	Contacts   []unitContactsForm
}

type officeDayForm struct {
	Day   int
	Name  string
	Open  string
	Close string
}

type unitContactsForm struct {
	Slug      string
	Name      string
	Addresses string
}

type caseSettingsPage struct {
	web.Page
	Form  caseSettingsForm
	Flash string
	Error string
}

// weekOrder lists the days as an Indonesian office calendar does, Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func settingsFormOf(p web.Page, r *survey.Region, units []*survey.Unit) caseSettingsForm {
	f := caseSettingsForm{OfficeOnly: r.OfficeHoursOnly, Holidays: strings.Join(r.Holidays, "\n"), EscalateTo: strings.Join(r.EscalateTo, ", ")}
	if r.CaseHours != 0 {
		f.Hours = strconv.Itoa(r.CaseHours)
	}
	for _, d := range weekOrder {
		day := officeDayForm{Day: int(d), Name: p.Weekday(d)}
		for _, o := range r.OfficeWeek() {
			if o.Day == d {
				day.Open, day.Close = o.Open, o.Close
				break
			}
		}
		f.Week = append(f.Week, day)
	}
	for _, u := range units {
		f.Contacts = append(f.Contacts, unitContactsForm{Slug: u.Slug, Name: u.Name.In(p.Lang), Addresses: strings.Join(r.CaseContacts[u.Slug], ", ")})
	}
	return f
}

// splitList reads a list typed with commas, semicolons, spaces or line breaks between its items.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}

// handleCaseSettings serves GET /admin/pengaduan: the region's answer limit, office hours,
// holidays and who is told of new and overdue cases.
func (h *handler) handleCaseSettings(c *fiber.Ctx) error {
	r, err := h.Store.Region(c.UserContext())
	if err != nil {
		return err
	}
	units, err := h.Store.Units(c.UserContext(), survey.UnitFilter{})
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	sp := caseSettingsPage{Page: p, Form: settingsFormOf(p, r, units)}
	sp.Title = p.T("cases.settings.title")
	if c.Query("ok") != "" {
		sp.Flash = p.T("cases.settings.saved")
	}
	return h.Render(c, fiber.StatusOK, "case_settings", sp)
}

// handleCaseSettingsSave serves POST /admin/pengaduan. The new rule applies to cases received
// from now on: a case keeps the due time it was given.
func (h *handler) handleCaseSettingsSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	r, err := h.Store.Region(ctx)
	if err != nil {
		return err
	}
	units, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	next := *r
	next.CaseHours = 0
	p := h.Page(c, "")
	fail := func(msg string) error {
		f := settingsFormOf(p, &next, units)
		f.Hours = c.FormValue("hours")
		sp := caseSettingsPage{Page: p, Form: f, Error: msg}
		sp.Title = p.T("cases.settings.title")
		return h.Render(c, fiber.StatusBadRequest, "case_settings", sp)
	}
	if hours := strings.TrimSpace(c.FormValue("hours")); hours != "" {
		n, err := strconv.Atoi(hours)
		if err != nil {
			return fail(p.Error(survey.Errorf(survey.EINVALID, "err.cases.hours", hours)))
		}
		next.CaseHours = n
	}
	next.OfficeHoursOnly = c.FormValue("office") == "on"
	next.Office = nil
	for _, d := range weekOrder {
		n := strconv.Itoa(int(d))
		open, shut := web.FormText(c, "open-"+n), web.FormText(c, "close-"+n)
		if open == "" && shut == "" {
			continue
		}
		next.Office = append(next.Office, survey.OfficeHours{Day: d, Open: open, Close: shut})
	}
	next.Holidays = splitList(web.FormText(c, "holidays"))
	next.EscalateTo = splitList(web.FormText(c, "escalate"))
	next.CaseContacts = map[string][]string{}
	for _, u := range units {
		if list := splitList(web.FormText(c, "contacts-"+u.Slug)); len(list) > 0 {
			next.CaseContacts[u.Slug] = list
		}
	}
	if err := h.Store.SaveRegion(ctx, &next); err != nil {
		if survey.ErrorCode(err) == survey.EINVALID {
			return fail(h.Printer(c).Error(err))
		}
		return err
	}
	h.RegionChanged()
	detail := strconv.Itoa(next.CaseLimit()) + "h"
	if next.OfficeHoursOnly {
		detail += " office hours"
	}
	h.Audit(c, "case.settings", "region", detail)
	return c.Redirect("/admin/pengaduan?ok=1", fiber.StatusSeeOther)
}

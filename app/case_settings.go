package app

import (
	"strconv"
	"strings"
	"time"

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
	Page
	Form  caseSettingsForm
	Flash string
	Error string
}

// weekOrder lists the days as an Indonesian office calendar does, Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func settingsFormOf(p Page, r *survey.Region, units []*survey.Unit) caseSettingsForm {
	f := caseSettingsForm{OfficeOnly: r.OfficeHoursOnly, Holidays: strings.Join(r.Holidays, "\n"), EscalateTo: strings.Join(r.EscalateTo, ", ")}
	if r.CaseHours != 0 {
		f.Hours = strconv.Itoa(r.CaseHours)
	}
	for _, d := range weekOrder {
		day := officeDayForm{Day: int(d), Name: p.T("weekday." + strconv.Itoa(int(d)))}
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
func (l *loop) handleCaseSettings(c *fiber.Ctx) error {
	r, err := l.s.store.Region(c.UserContext())
	if err != nil {
		return err
	}
	units, err := l.s.store.Units(c.UserContext(), survey.UnitFilter{})
	if err != nil {
		return err
	}
	p := l.s.page(c, "")
	sp := caseSettingsPage{Page: p, Form: settingsFormOf(p, r, units)}
	sp.Title = p.T("cases.settings.title")
	if c.Query("ok") != "" {
		sp.Flash = p.T("cases.settings.saved")
	}
	return l.s.render(c, fiber.StatusOK, "case_settings", sp)
}

// handleCaseSettingsSave serves POST /admin/pengaduan. The new rule applies to cases received
// from now on: a case keeps the due time it was given.
func (l *loop) handleCaseSettingsSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	r, err := l.s.store.Region(ctx)
	if err != nil {
		return err
	}
	units, err := l.s.store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	next := *r
	next.CaseHours = 0
	p := l.s.page(c, "")
	fail := func(msg string) error {
		f := settingsFormOf(p, &next, units)
		f.Hours = c.FormValue("hours")
		sp := caseSettingsPage{Page: p, Form: f, Error: msg}
		sp.Title = p.T("cases.settings.title")
		return l.s.render(c, fiber.StatusBadRequest, "case_settings", sp)
	}
	if h := strings.TrimSpace(c.FormValue("hours")); h != "" {
		n, err := strconv.Atoi(h)
		if err != nil {
			return fail(errText(c, survey.Errorf(survey.EINVALID, "The time limit %q is not a number of hours.", h)))
		}
		next.CaseHours = n
	}
	next.OfficeHoursOnly = c.FormValue("office") == "on"
	next.Office = nil
	for _, d := range weekOrder {
		n := strconv.Itoa(int(d))
		open, shut := formText(c, "open-"+n), formText(c, "close-"+n)
		if open == "" && shut == "" {
			continue
		}
		next.Office = append(next.Office, survey.OfficeHours{Day: d, Open: open, Close: shut})
	}
	next.Holidays = splitList(formText(c, "holidays"))
	next.EscalateTo = splitList(formText(c, "escalate"))
	next.CaseContacts = map[string][]string{}
	for _, u := range units {
		if list := splitList(formText(c, "contacts-"+u.Slug)); len(list) > 0 {
			next.CaseContacts[u.Slug] = list
		}
	}
	if err := l.s.store.SaveRegion(ctx, &next); err != nil {
		if survey.ErrorCode(err) == survey.EINVALID {
			return fail(errText(c, err))
		}
		return err
	}
	l.s.regionCache.mu.Lock()
	l.s.regionCache.region = nil
	l.s.regionCache.mu.Unlock()
	detail := strconv.Itoa(next.CaseLimit()) + "h"
	if next.OfficeHoursOnly {
		detail += " office hours"
	}
	l.s.audit(c, "case.settings", "region", detail)
	return c.Redirect("/admin/pengaduan?ok=1", fiber.StatusSeeOther)
}

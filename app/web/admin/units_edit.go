package admin

import (
	"fmt"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/survey"
)

type unitPage struct {
	web.Page
	Unit     *survey.Unit
	Form     unitForm
	Problems *problems
	OPDs     []string
	Survey   string
	// Heads are the people who sign in for the unit; Others the unit heads who may be added.
	Heads  []*survey.User
	Others []*survey.User
	Head   headForm
	// HeadProblems are the problems of the head forms, apart from the unit's.
	HeadProblems *problems
	Flash        string
	// Password is a new head's password, shown once.
	Password string
}

// unitPageFor returns the page of a unit with its heads.
func (h *handler) unitPageFor(c *fiber.Ctx, u *survey.Unit) (unitPage, error) {
	ctx := c.UserContext()
	units, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return unitPage{}, err
	}
	users, err := h.Accounts.Users(ctx)
	if err != nil {
		return unitPage{}, err
	}
	p := h.Page(c, "")
	up := unitPage{Page: p, Unit: u, Form: unitFormOf(u), Problems: newProblems(p.Printer), HeadProblems: newProblems(p.Printer),
		OPDs: h.opdChoices(p.Region, units), Survey: h.URL(link.Survey(u.Slug))}
	for _, usr := range users {
		if usr.Role != survey.RoleUnitHead || usr.Disabled {
			continue
		}
		if slices.Contains(usr.Units, u.Slug) {
			up.Heads = append(up.Heads, usr)
		} else {
			up.Others = append(up.Others, usr)
		}
	}
	up.Title = u.Name.In(p.Lang)
	return up, nil
}

// unitFlashes are the messages a unit's page shows after a change, by the ?ok= it is sent to.
var unitFlashes = map[string]string{
	"1": "unit.saved", "baru": "unit.created", "aktif": "unit.activated", "nonaktif": "unit.deactivated",
	"kepala": "unit.head.added", "lepas": "unit.head.removed",
}

// handleUnit serves GET /admin/unit/:slug: the unit's names, OPD, population, head signer and
// services in one form; activation; and the people who sign in as its heads.
func (h *handler) handleUnit(c *fiber.Ctx) error {
	u, err := h.Store.Unit(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	up, err := h.unitPageFor(c, u)
	if err != nil {
		return err
	}
	key := unitFlashes[c.Query("ok")]
	if c.Query("baru") != "" {
		key = unitFlashes["baru"]
	}
	if key != "" {
		up.Flash = up.T(key)
	}
	return h.Render(c, fiber.StatusOK, "admin_unit", up)
}

// handleUnitSave serves POST /admin/unit/:slug. Services come as lines, "code;name;English
// name" or a name alone; every bad line is listed next to the field.
func (h *handler) handleUnitSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u, err := h.Store.Unit(ctx, c.Params("slug"))
	if err != nil {
		return err
	}
	f := readUnitForm(c)
	f.Slug = u.Slug
	ps := newProblems(h.Printer(c))
	next := *u
	next.Name = survey.Text{ID: f.NameID, EN: f.NameEN}
	next.Head = survey.NewSigner(f.HeadName, f.HeadTitle, f.HeadNIP)
	opd, err := h.Region(c).OPD(f.OPD)
	ps.add("opd", err)
	next.OPD = opd
	pop, err := survey.ParsePopulation(f.Population)
	ps.add("population", err)
	next.Population = pop
	services, err := survey.ParseServices(web.Lines(f.Services))
	ps.add("services", err)
	next.Services = services
	if err := next.Head.Validate(); err != nil {
		addUnitError(ps, err)
	}
	if !ps.Any() {
		if err := next.Validate(); err != nil {
			addUnitError(ps, err)
		}
	}
	if ps.Any() {
		up, err := h.unitPageFor(c, u)
		if err != nil {
			return err
		}
		up.Form, up.Problems = f, ps
		return h.Render(c, fiber.StatusBadRequest, "admin_unit", up)
	}
	upd := survey.UnitUpdate{Name: &next.Name, OPD: &next.OPD, Services: &next.Services, Head: &next.Head, Population: &next.Population}
	if _, err := h.Store.UpdateUnit(ctx, u.Slug, upd); err != nil {
		return err
	}
	h.Audit(c, "unit.update", u.Slug, fmt.Sprintf("%d services", len(next.Services)))
	return c.Redirect(unitPath(u.Slug)+"?ok=1", fiber.StatusSeeOther)
}

// handleUnitActive serves POST /admin/unit/:slug/aktif with active=true or false. A unit is never
// deleted: one deactivated keeps its responses, results and reports, and its survey answers
// "not found" until it is active again.
func (h *handler) handleUnitActive(c *fiber.Ctx) error {
	active := c.FormValue("active") == "true"
	u, err := h.Store.UpdateUnit(c.UserContext(), c.Params("slug"), survey.UnitUpdate{Active: &active})
	if err != nil {
		return err
	}
	ok, detail := "nonaktif", "deactivated"
	if active {
		ok, detail = "aktif", "activated"
	}
	h.Audit(c, "unit.update", u.Slug, detail)
	return c.Redirect(unitPath(u.Slug)+"?ok="+ok, fiber.StatusSeeOther)
}

package admin

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/survey"
)

// unitQuery is the unit list's filter as the form sends it: an OPD, active (aktif=1) or
// inactive (aktif=0) units, and words found in a unit's slug or names.
type unitQuery struct {
	OPD    string
	Active string
	Search string
}

func (q unitQuery) matches(u *survey.Unit) bool {
	if q.OPD != "" && !strings.EqualFold(u.OPD, q.OPD) {
		return false
	}
	if (q.Active == "1" && !u.Active) || (q.Active == "0" && u.Active) {
		return false
	}
	words := strings.ToLower(u.Slug + " " + u.Name.ID + " " + u.Name.EN)
	for _, w := range strings.Fields(strings.ToLower(q.Search)) {
		if !strings.Contains(words, w) {
			return false
		}
	}
	return true
}

// unitRow is one unit in the list.
type unitRow struct {
	Slug     string
	Name     string
	Services int
	Head     string
	Active   bool
	Survey   string
}

// opdGroup is the units of one OPD.
type opdGroup struct {
	OPD   string
	Units []unitRow
}

type unitsPage struct {
	web.Page
	Query    unitQuery
	OPDs     []string
	Groups   []opdGroup
	Total    int
	Shown    int
	Form     unitForm
	Problems *problems
	// Imported is the number of units the import just stored.
	Imported int
}

// handleUnits serves GET /admin/unit?opd=&aktif=&q=: the region's units grouped by OPD, the
// filter, and the form that adds one.
func (h *handler) handleUnits(c *fiber.Ctx) error {
	return h.renderUnits(c, fiber.StatusOK, unitForm{}, newProblems(h.Printer(c)))
}

func (h *handler) renderUnits(c *fiber.Ctx, status int, f unitForm, ps *problems) error {
	ctx := c.UserContext()
	units, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	q := unitQuery{OPD: strings.TrimSpace(c.Query("opd")), Active: c.Query("aktif"), Search: strings.TrimSpace(c.Query("q"))}
	up := unitsPage{Page: p, Query: q, OPDs: h.opdChoices(p.Region, units), Total: len(units), Form: f, Problems: ps, Imported: c.QueryInt("impor")}
	up.Title = p.T("units.title")
	byOPD := map[string]int{}
	for _, u := range units {
		if !q.matches(u) {
			continue
		}
		i, ok := byOPD[u.OPD]
		if !ok {
			i = len(up.Groups)
			byOPD[u.OPD] = i
			up.Groups = append(up.Groups, opdGroup{OPD: u.OPD})
		}
		up.Groups[i].Units = append(up.Groups[i].Units, unitRow{Slug: u.Slug, Name: u.Name.In(p.Lang), Services: len(u.Services),
			Head: u.Head.Name, Active: u.Active, Survey: link.Survey(u.Slug)})
		up.Shown++
	}
	slices.SortFunc(up.Groups, func(a, b opdGroup) int { return strings.Compare(strings.ToLower(a.OPD), strings.ToLower(b.OPD)) })
	return h.Render(c, status, "admin_units", up)
}

// opdChoices returns the OPDs a unit may name: the region's list, or when it has none the OPDs
// the units name now.
func (h *handler) opdChoices(r *survey.Region, units []*survey.Unit) []string {
	if len(r.OPDs) > 0 {
		return r.OPDs
	}
	var out []string
	for _, u := range units {
		if u.OPD != "" && !slices.Contains(out, u.OPD) {
			out = append(out, u.OPD)
		}
	}
	slices.Sort(out)
	return out
}

// unitForm is a unit as its forms show and send it.
type unitForm struct {
	Slug       string
	NameID     string
	NameEN     string
	OPD        string
	Population string
	HeadName   string
	HeadTitle  string
	HeadNIP    string
	Services   string
}

func unitFormOf(u *survey.Unit) unitForm {
	f := unitForm{Slug: u.Slug, NameID: u.Name.ID, NameEN: u.Name.EN, OPD: u.OPD, HeadName: u.Head.Name, HeadTitle: u.Head.Title,
		HeadNIP: u.Head.FormattedNIP(), Services: u.ServiceLines()}
	if u.Population > 0 {
		f.Population = strconv.FormatInt(u.Population, 10)
	}
	return f
}

func readUnitForm(c *fiber.Ctx) unitForm {
	return unitForm{Slug: strings.ToLower(web.FormText(c, "slug")), NameID: web.FormText(c, "name.id"), NameEN: web.FormText(c, "name.en"),
		OPD: web.FormText(c, "opd"), Population: web.FormText(c, "population"), HeadName: web.FormText(c, "head.name"),
		HeadTitle: web.FormText(c, "head.title"), HeadNIP: web.FormText(c, "head.nip"), Services: strings.Clone(c.FormValue("services"))}
}

// unitFields maps a unit's validation errors to the control to fix.
var unitFields = map[string]string{
	"err.unit.slug": "slug", "err.unit.exists": "slug", "err.unit.reserved": "slug", "err.unit.name": "name-id",
	"err.unit.namelength": "name-id", "err.unit.population": "population", "err.unit.services": "services",
	"err.service.code": "services", "err.service.twice": "services", "err.service.name": "services",
	"err.signer.name": "head-name", "err.signer.length": "head-name", "err.signer.nip": "head-nip",
}

// addUnitError records a unit's validation error against its field.
func addUnitError(ps *problems, err error) {
	field := unitFields[survey.ErrorMessage(err).Key]
	if field == "" {
		field = "name-id"
	}
	ps.add(field, err)
}

// reservedSlug is the one slug a unit may not take: its address is the import's.
const reservedSlug = "impor"

// handleUnitCreate serves POST /admin/unit: a new, active unit. A blank slug is made from the
// name.
func (h *handler) handleUnitCreate(c *fiber.Ctx) error {
	f := readUnitForm(c)
	if f.Slug == "" && f.NameID != "" {
		f.Slug = survey.Slugify(f.NameID)
	}
	ps := newProblems(h.Printer(c))
	u := &survey.Unit{Slug: f.Slug, Name: survey.Text{ID: f.NameID, EN: f.NameEN}, Active: true, Services: []survey.Service{}}
	opd, err := h.Region(c).OPD(f.OPD)
	ps.add("opd", err)
	u.OPD = opd
	if f.Slug == reservedSlug {
		ps.say("slug", "err.unit.reserved", f.Slug)
	}
	if err := u.Validate(); err != nil {
		addUnitError(ps, err)
	}
	if !ps.Any() {
		err := h.Store.CreateUnit(c.UserContext(), u)
		if survey.ErrorCode(err) == survey.ECONFLICT || survey.ErrorCode(err) == survey.EINVALID {
			addUnitError(ps, err)
		} else if err != nil {
			return err
		}
	}
	if ps.Any() {
		return h.renderUnits(c, fiber.StatusBadRequest, f, ps)
	}
	h.Audit(c, "unit.create", u.Slug, u.OPD)
	return c.Redirect(unitPath(u.Slug)+"?baru=1", fiber.StatusSeeOther)
}

// unitPath is a unit's page in the administration.
func unitPath(slug string) string { return "/admin/unit/" + url.PathEscape(slug) }

package admin

import (
	"slices"
	"strings"

	"github.com/skm-engine/skm/survey"
)

// The columns of a unit spreadsheet, by the names its header may give them (lower case): the
// JSON API's names and their Indonesian equivalents. slug, name and opd are required.
var unitColumns = map[string]string{
	"slug": "slug", "name": "name", "nama": "name", "opd": "opd",
	"name_en": "name_en", "nama_en": "name_en", "services": "services", "layanan": "services",
	"population": "population", "populasi": "population",
}

var requiredUnitColumns = []string{"slug", "name", "opd"}

// serviceSeparator separates a unit's services in one spreadsheet cell.
const serviceSeparator = "|"

// badCell is one problem of a spreadsheet: its row, its column and what is wrong.
type badCell struct {
	Row     int
	Column  string
	Message survey.Message
	Details []survey.Message
}

// unitSheet is what a unit spreadsheet holds, checked against the region and its units: how many
// units it creates and updates, and every bad cell.
type unitSheet struct {
	Rows    int
	New     int
	Updated int
	Bad     []badCell
}

// readUnitSheet reads and checks a unit spreadsheet, handing each good row's unit, as it will be
// saved (an existing slug updated, a new one created), to each in file order; no unit is kept,
// so memory does not grow with the rows. A file it cannot read at all (no header, a required
// column missing) is an EINVALID error; bad cells are listed in the sheet, every one of them. A
// blank optional cell leaves an existing unit's value as it is; the population column, for the
// next campaign's targets, is kept on the unit.
func readUnitSheet(data []byte, name string, region *survey.Region, existing []*survey.Unit, each func(*survey.Unit) error) (*unitSheet, error) {
	known := make(map[string]*survey.Unit, len(existing))
	for _, u := range existing {
		known[u.Slug] = u
	}
	sh := &unitSheet{}
	var cols map[string]int
	firstRow := map[string]int{}
	err := eachRow(data, name, func(row int, cells []string) error {
		if blankRow(cells) {
			return nil
		}
		if cols == nil {
			var err error
			cols, err = unitHeader(cells)
			return err
		}
		cell := func(col string) string {
			if i, ok := cols[col]; ok && i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		sh.Rows++
		if u := sh.readRow(row, cell, cols, region, known, firstRow); u != nil {
			return each(u)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if sh.Rows == 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.sheet.norows")
	}
	return sh, nil
}

// unitHeader finds the columns a header row names.
func unitHeader(cells []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, c := range cells {
		col, ok := unitColumns[strings.ToLower(strings.TrimSpace(c))]
		if !ok {
			continue
		}
		if _, twice := cols[col]; twice {
			return nil, survey.Errorf(survey.EINVALID, "err.sheet.columntwice", col)
		}
		cols[col] = i
	}
	var missing []string
	for _, col := range requiredUnitColumns {
		if _, ok := cols[col]; !ok {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.sheet.columns", strings.Join(missing, ", "))
	}
	return cols, nil
}

// readRow checks one row and returns the unit it describes, or nil when a cell is bad.
func (sh *unitSheet) readRow(row int, cell func(string) string, cols map[string]int, region *survey.Region, known map[string]*survey.Unit, firstRow map[string]int) *survey.Unit {
	bad := len(sh.Bad)
	fail := func(col string, err error) {
		sh.Bad = append(sh.Bad, badCell{Row: row, Column: col, Message: survey.ErrorMessage(err), Details: survey.ErrorDetails(err)})
	}
	slug := strings.ToLower(cell("slug"))
	switch {
	case !survey.ValidSlug(slug):
		fail("slug", survey.Errorf(survey.EINVALID, "err.unit.slug", slug))
	case slug == reservedSlug:
		fail("slug", survey.Errorf(survey.EINVALID, "err.unit.reserved", slug))
	case firstRow[slug] != 0:
		fail("slug", survey.Errorf(survey.EINVALID, "err.sheet.slugtwice", slug, firstRow[slug]))
	default:
		// A copy: the slug is part of the row's text, which would stay in memory with it.
		firstRow[strings.Clone(slug)] = row
	}
	name, nameEN := cell("name"), cell("name_en")
	if name == "" {
		fail("name", survey.Errorf(survey.EINVALID, "err.unit.name"))
	}
	opd, err := region.OPD(cell("opd"))
	if cell("opd") == "" {
		err = survey.Errorf(survey.EINVALID, "err.sheet.opdblank")
	}
	if err != nil {
		fail("opd", err)
	}
	var services []survey.Service
	if raw := cell("services"); raw != "" {
		var items []string
		for _, it := range strings.Split(raw, serviceSeparator) {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, it)
			}
		}
		if services, err = survey.ParseServices(items); err != nil {
			fail("services", err)
		}
	}
	population, err := survey.ParsePopulation(cell("population"))
	if err != nil {
		fail("population", err)
	}
	if len(sh.Bad) > bad {
		return nil
	}
	u := &survey.Unit{Slug: slug, Active: true, Services: []survey.Service{}}
	old, exists := known[slug]
	if exists {
		u = cloneUnit(old)
	}
	u.Name.ID, u.OPD = name, opd
	if nameEN != "" {
		u.Name.EN = nameEN
	}
	if services != nil {
		u.Services = services
	}
	if _, ok := cols["population"]; ok && cell("population") != "" {
		u.Population = population
	}
	if err := u.Validate(); err != nil {
		col := "name"
		if key := survey.ErrorMessage(err).Key; strings.HasPrefix(key, "err.service") || key == "err.unit.services" {
			col = "services"
		}
		fail(col, err)
		return nil
	}
	if exists {
		sh.Updated++
	} else {
		sh.New++
	}
	return u
}

func cloneUnit(u *survey.Unit) *survey.Unit {
	c := *u
	c.Services = slices.Clone(u.Services)
	return &c
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

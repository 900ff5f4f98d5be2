package admin

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/paper"
)

// maxPopulation is the largest population a unit may give, as the domain bounds it.
const maxPopulation = 100_000_000

// parsePopulation reads a population as typed: digits, with the thousands separators of either
// language; blank is 0 (not yet known).
func parsePopulation(v string) (int64, bool) {
	v = strings.NewReplacer(".", "", ",", "", " ", "").Replace(strings.TrimSpace(strings.TrimSuffix(v, ".0")))
	if v == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil && n >= 0 && n <= maxPopulation
}

// handleCampaignPopulations serves POST /admin/kampanye/:key/populasi: the table of units as one
// form, population-SLUG for each unit's population and, in a draft, unit (repeated) for the units
// included. Every bad population is listed and nothing is saved until all are right.
func (h *handler) handleCampaignPopulations(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	in := campaignInput{Populations: map[string]string{}}
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if slug, ok := strings.CutPrefix(string(k), "population-"); ok {
			in.Populations[slug] = strings.TrimSpace(string(v))
		}
	})
	slugs := make([]string, 0, len(camp.Units))
	if camp.State == survey.StateDraft {
		in.Included = map[string]bool{}
		for _, v := range c.Request().PostArgs().PeekMulti("unit") {
			slugs = append(slugs, string(v))
			in.Included[string(v)] = true
		}
	} else {
		for _, cu := range camp.Units {
			slugs = append(slugs, cu.Unit)
		}
	}
	units := make([]survey.CampaignUnit, 0, len(slugs))
	p := h.Printer(c)
	for _, slug := range slugs {
		n, ok := parsePopulation(in.Populations[slug])
		if !ok {
			in.Details = append(in.Details, p.T("err.populations.value", slug, in.Populations[slug], p.Int(maxPopulation)))
		}
		units = append(units, survey.CampaignUnit{Unit: slug, Population: n})
	}
	if len(in.Details) > 0 {
		return h.renderCampaign(c, fiber.StatusBadRequest, camp, in, survey.Errorf(survey.EINVALID, "err.populations.value.many", len(in.Details)), "")
	}
	return h.savePopulations(c, camp, units, in, "table")
}

// savePopulations saves the campaign's units and populations in one write, or shows why not.
func (h *handler) savePopulations(c *fiber.Ctx, camp *survey.Campaign, units []survey.CampaignUnit, in campaignInput, how string) error {
	updated, err := h.Store.UpdateCampaign(c.UserContext(), camp.Key, survey.CampaignUpdate{Units: &units})
	if code := survey.ErrorCode(err); code == survey.EINVALID || code == survey.ECONFLICT || code == survey.ENOTFOUND {
		return h.renderCampaign(c, web.Status(err), camp, in, err, "")
	} else if err != nil {
		return err
	}
	var total int64
	for _, u := range updated.Units {
		total += u.Population
	}
	h.Audit(c, "campaign.update", camp.Key, fmt.Sprintf("populations (%s): %d units, %d people", how, len(units), total))
	return c.Redirect(link.Campaign(camp.Key)+"?ok=populations", fiber.StatusSeeOther)
}

// populationColumns are the header names a population file may use for its two columns.
var populationColumns = map[string]string{
	"unit": "unit", "slug": "unit", "kode unit": "unit", "kode_unit": "unit",
	"population": "population", "populasi": "population", "jumlah populasi": "population",
}

// handlePopulationImport serves POST /admin/kampanye/:key/populasi/impor: a CSV or XLSX file
// (field file) with the columns unit and population, one row per unit of the campaign. A unit the
// file leaves out keeps its population. Every bad cell is listed and nothing is saved until the
// whole file is right.
func (h *handler) handlePopulationImport(c *fiber.Ctx) error {
	camp, err := h.Store.Campaign(c.UserContext(), c.Params("key"))
	if err != nil {
		return err
	}
	data, name, err := web.FormFile(c, "file")
	if err != nil {
		return h.renderCampaign(c, web.Status(err), camp, campaignInput{}, err, "")
	}
	p := h.Printer(c)
	populations := map[string]int64{}
	var details []string
	cols := map[string]int{}
	err = paper.Records(data, name, func(rec []string, line int) error {
		if line == 1 {
			for i, v := range rec {
				if f, ok := populationColumns[strings.ToLower(strings.TrimSpace(v))]; ok {
					cols[f] = i
				}
			}
			if len(cols) < 2 {
				return survey.Errorf(survey.EINVALID, "err.populations.header")
			}
			return nil
		}
		cell := func(f string) string {
			if i := cols[f]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		slug, value := strings.ToLower(cell("unit")), cell("population")
		n, ok := parsePopulation(value)
		_, inCampaign := camp.Unit(slug)
		_, seen := populations[slug]
		switch {
		case slug == "" && value == "":
		case slug == "":
			details = append(details, p.T("err.populations.nounit", line))
		case !inCampaign:
			details = append(details, p.T("err.populations.unit", line, slug, camp.Key))
		case seen:
			details = append(details, p.T("err.populations.twice", line, slug))
		case !ok || value == "":
			details = append(details, p.T("err.populations.cell", line, value, p.Int(maxPopulation)))
		default:
			populations[slug] = n
		}
		return nil
	})
	if err != nil {
		return h.renderCampaign(c, web.Status(err), camp, campaignInput{}, survey.Errorf(survey.EINVALID, "err.populations.file", p.Error(err)), "")
	}
	if len(details) > 0 {
		return h.renderCampaign(c, fiber.StatusBadRequest, camp, campaignInput{Details: details}, survey.Errorf(survey.EINVALID, "err.populations.file", p.T("err.populations.cells", len(details))), "")
	}
	units := make([]survey.CampaignUnit, len(camp.Units))
	for i, cu := range camp.Units {
		units[i] = survey.CampaignUnit{Unit: cu.Unit, Population: cu.Population}
		if n, ok := populations[cu.Unit]; ok {
			units[i].Population = n
		}
	}
	return h.savePopulations(c, camp, units, campaignInput{}, name)
}

// handlePopulationTemplate serves GET /admin/kampanye/:key/populasi.csv: the campaign's units with
// their populations as a CSV file to fill in and import.
func (h *handler) handlePopulationTemplate(c *fiber.Ctx) error {
	camp, err := h.Store.Campaign(c.UserContext(), c.Params("key"))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("unit,population\n")
	for _, cu := range camp.Units {
		fmt.Fprintf(&b, "%s,%d\n", cu.Unit, cu.Population)
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="populasi-`+camp.Key+`.csv"`)
	return c.Send(b.Bytes())
}

package admin

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// templateColumns are the headers of the paper template, in the order a clerk types a form: the
// survey date, the profile questions the questionnaire asks, the nine elements, the suggestion.
// The import reads the same names (survey/paper).
func templateColumns(asked []string) []string {
	cols := []string{"tanggal"}
	names := map[string]string{"service": "layanan", "gender": "jenis_kelamin", "age": "umur", "education": "pendidikan", "occupation": "pekerjaan"}
	for _, f := range asked {
		cols = append(cols, names[f])
	}
	cols = append(cols, survey.ElementCodes[:]...)
	return append(cols, "saran")
}

// handlePaperTemplate serves GET /admin/kampanye/:key/unit/:unit/impor/templat.:ext (csv or
// xlsx): an empty file with the headers of the campaign's questionnaire; the workbook has a second
// sheet saying what each column takes, in Indonesian and English.
func (h *handler) handlePaperTemplate(c *fiber.Ctx) error {
	p, err := h.openPaperPage(c)
	if err != nil {
		return err
	}
	camp, unit := p.Campaign, p.Unit
	q, err := h.Store.Questionnaire(c.UserContext(), camp.Questionnaire)
	if err != nil {
		return err
	}
	cols := templateColumns(web.AskedColumns(q))
	name := "kuesioner-" + camp.Key + "-" + unit.Slug
	var body []byte
	switch c.Params("ext") {
	case "csv":
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		_ = w.Write(cols)
		w.Flush()
		body = b.Bytes()
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	case "xlsx":
		if body, err = templateWorkbook(cols, q, unit); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	default:
		return survey.Errorf(survey.ENOTFOUND, "err.export.format", c.Params("ext"))
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+"."+c.Params("ext")+`"`)
	return c.Send(body)
}

// templateWorkbook is the template as a workbook: the headers on the first sheet, which the import
// reads, and a guide on the second: each element's question as the version words it, the unit's
// service codes, and the answers each profile column takes.
func templateWorkbook(cols []string, q *survey.Questionnaire, unit *survey.Unit) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, guide = "Kuesioner", "Petunjuk"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	row := make([]any, len(cols))
	for i, col := range cols {
		row[i] = col
	}
	if err := f.SetSheetRow(sheet, "A1", &row); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(guide); err != nil {
		return nil, err
	}
	id, en := i18n.For(i18n.ID, nil), i18n.For(i18n.EN, nil)
	lines := [][]any{{id.T("paper.guide.column"), id.T("paper.guide.takes"), en.T("paper.guide.takes")}}
	lines = append(lines, []any{"tanggal", id.T("paper.guide.date"), en.T("paper.guide.date")})
	var codes []string
	for _, s := range unit.Services {
		codes = append(codes, s.Code+" ("+s.Name.ID+")")
	}
	lines = append(lines, []any{"layanan", id.T("paper.guide.service", strings.Join(codes, "; ")), en.T("paper.guide.service", strings.Join(codes, "; "))},
		[]any{"jenis_kelamin", id.T("paper.guide.gender"), en.T("paper.guide.gender")},
		[]any{"umur", id.T("paper.guide.age"), en.T("paper.guide.age")},
		[]any{"pendidikan", strings.Join(survey.Educations, ", "), strings.Join(survey.Educations, ", ")},
		[]any{"pekerjaan", strings.Join(survey.Occupations, ", "), strings.Join(survey.Occupations, ", ")})
	for _, qu := range q.Questions {
		lines = append(lines, []any{qu.Element, id.T("paper.guide.element", qu.Text.ID), en.T("paper.guide.element", qu.Text.In(survey.LangEN))})
	}
	lines = append(lines, []any{"saran", id.T("paper.guide.suggestion"), en.T("paper.guide.suggestion")})
	// The guide speaks of the columns the template has: a profile question the version does not
	// ask has none.
	lines = slices.DeleteFunc(lines, func(l []any) bool { return l[0] != lines[0][0] && !slices.Contains(cols, l[0].(string)) })
	for i, l := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(guide, cell, &l); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

package reports

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// pdfCover is the content of a report's cover page.
type pdfCover struct {
	lines    []string // the title, one line each, largest first
	subject  string   // the unit or region the report is about
	note     string   // a smaller line under the subject
	period   string
	headline string // the result in one line, or why there is none
	issuer   string
	demo     bool
	logo     []byte
}

// cover draws the cover page: logo slot, title, subject, period, the headline result, the issuer,
// and the report number with its verification QR code.
func (d *pdfDoc) cover(c pdfCover) error {
	d.AddPage()
	const logoSize = 26.0
	if len(c.logo) > 0 {
		if err := d.logo(c.logo, (pageW-logoSize)/2, 24, logoSize); err != nil {
			return err
		}
	}
	d.SetY(62)
	for i, l := range c.lines {
		size := 17.0
		if i > 0 {
			size = 14
		}
		d.SetFont("serif", "B", size)
		d.MultiCell(textW, size*0.5, l, "", "C", false)
	}
	d.Ln(5)
	d.draw(pdfInk)
	d.SetLineWidth(0.6)
	d.Line(pageW/2-30, d.GetY(), pageW/2+30, d.GetY())
	d.Ln(10)
	d.SetFont("serif", "B", 15)
	d.MultiCell(textW, 7.5, strings.ToUpper(c.subject), "", "C", false)
	if c.note != "" {
		d.Ln(1)
		d.SetFont("serif", "", 11)
		d.MultiCell(textW, 5.5, c.note, "", "C", false)
	}
	d.Ln(4)
	d.SetFont("serif", "", 11)
	d.MultiCell(textW, 5.5, c.period, "", "C", false)
	if c.headline != "" {
		d.Ln(10)
		y := d.GetY()
		d.fill(pdfHeadBg)
		d.Rect(marginLeft+20, y, textW-40, 14, "F")
		d.SetXY(marginLeft+20, y+3.5)
		d.SetFont("sans", "B", 11)
		d.MultiCell(textW-40, 7, c.headline, "", "C", false)
	}
	if c.demo {
		d.Ln(8)
		d.SetFont("sans", "B", 10)
		d.text(pdfGradeColor(analytics.GradeD))
		d.MultiCell(textW, 5, d.T("pdf.common.demo"), "", "C", false)
		d.ink()
	}
	d.SetY(205)
	d.SetFont("serif", "B", 13)
	d.MultiCell(textW, 6.5, strings.ToUpper(c.issuer), "", "C", false)
	d.SetFont("serif", "B", 12)
	d.MultiCell(textW, 6, strconv.Itoa(d.issue.Generated.In(d.Location()).Year()), "", "C", false)
	d.ink()
	return d.verificationBox(236)
}

// verificationBox draws the report number and the QR code of its verification page at y; for a
// draft, the word for it and why it cannot be verified.
func (d *pdfDoc) verificationBox(y float64) error {
	const qr = 28.0
	if d.issue.Draft {
		d.draw(pdfLine)
		d.SetLineWidth(0.25)
		d.Rect(marginLeft, y, textW, qr+4, "D")
		d.SetXY(marginLeft+4, y+4)
		d.SetFont("sans", "B", 14)
		d.CellFormat(textW-8, 7, d.T("pdf.common.draft"), "", 2, "L", false, 0, "")
		d.SetX(marginLeft + 4)
		d.SetFont("sans", "", 9)
		d.MultiCell(textW-8, 4.6, d.T("pdf.common.draft.note", d.LongDateTime(d.issue.Generated)), "", "L", false)
		d.ink()
		return nil
	}
	d.draw(pdfLine)
	d.SetLineWidth(0.25)
	d.Rect(marginLeft, y, textW, qr+4, "D")
	if err := d.qrCode(marginLeft+2, y+2, qr, d.issue.VerifyURL()); err != nil {
		return err
	}
	x := marginLeft + qr + 6
	w := textW - qr - 9
	d.SetXY(x, y+3)
	d.SetFont("sans", "", 8.5)
	d.CellFormat(w, 4.5, d.T("pdf.common.number"), "", 2, "L", false, 0, "")
	d.SetX(x)
	d.SetFont("sans", "B", 11)
	d.CellFormat(w, 6, d.issue.Number, "", 2, "L", false, 0, "")
	d.SetX(x)
	d.SetFont("sans", "", 8.5)
	d.MultiCell(w, 4.2, d.T("pdf.common.verify", d.LongDateTime(d.issue.Generated)), "", "L", false)
	d.SetX(x)
	// The address stays on one line, however long the base URL, so it can be typed as printed.
	for size := 9.0; size >= 5; size -= 0.25 {
		d.SetFont("sans", "B", size)
		if d.GetStringWidth(d.issue.VerifyURL()) <= w-2*d.GetCellMargin() {
			break
		}
	}
	d.CellFormat(w, 5, d.issue.VerifyURL(), "", 1, "L", false, 0, "")
	d.ink()
	if d.issue.Replaces != "" {
		// Under the box, in the room above the footer the cover's box leaves: never a page of its own.
		d.SetAutoPageBreak(false, 0)
		d.SetXY(marginLeft, y+qr+6)
		d.SetFont("sans", "", 8.5)
		d.MultiCell(textW, 4.2, d.T("pdf.common.replaces", d.issue.Replaces, d.issue.Reason), "", "L", false)
		d.SetAutoPageBreak(true, marginBottom)
		d.ink()
	}
	return nil
}

// authenticity writes how a reader checks the file, or, in a draft, that it cannot be checked.
func (d *pdfDoc) authenticity(text string) error {
	d.section(d.T("pdf.common.authenticity"), 50)
	if d.issue.Draft {
		text = d.T("pdf.common.draft.authenticity")
	}
	d.para(text)
	need := 36.0
	if d.issue.Replaces != "" {
		need += 10
	}
	d.keep(need)
	return d.verificationBox(d.GetY() + 1)
}

// logo draws an image (PNG or JPEG) centred in a square slot.
func (d *pdfDoc) logo(img []byte, x, y, size float64) error {
	kind := ""
	switch {
	case bytes.HasPrefix(img, []byte("\x89PNG")):
		kind = "PNG"
	case bytes.HasPrefix(img, []byte{0xFF, 0xD8}):
		kind = "JPG"
	default:
		return survey.Errorf(survey.EINVALID, "err.report.logo.format")
	}
	info := d.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(img))
	if err := d.Error(); err != nil {
		return survey.Errorf(survey.EINVALID, "err.report.logo.read", kind, err)
	}
	w, h := info.Width(), info.Height()
	if w <= 0 || h <= 0 {
		return survey.Errorf(survey.EINVALID, "err.report.logo.size")
	}
	scale := size / max(w, h)
	d.ImageOptions("logo", x+(size-w*scale)/2, y+(size-h*scale)/2, w*scale, h*scale, false, gofpdf.ImageOptions{ImageType: kind}, 0, "")
	return nil
}

// legalBasis lists the regulations a survey report rests on.
func (d *pdfDoc) legalBasis() {
	d.list([]string{
		d.T("pdf.common.law.uu25"),
		d.T("pdf.common.law.pp96"),
		d.T("pdf.common.law.permen14"),
		d.T("pdf.common.law.permen29"),
	})
}

// methodAppendix writes the computation exactly as the engine performs it, with the grade table.
func (d *pdfDoc) methodAppendix() {
	d.para(d.T("pdf.common.method.intro"))
	d.formula([]string{
		d.T("pdf.common.method.nrr"),
		d.T("pdf.common.method.ikm"),
		d.T("pdf.common.method.score"),
	})
	d.list([]string{
		d.T("pdf.common.method.blank"),
		d.T("pdf.common.method.weight"),
		d.T("pdf.common.method.rounding"),
		d.T("pdf.common.method.elements", d.T("term.priority.rule")),
	})
	t := d.table([]pdfCol{{25, "C"}, {25, "C"}, {15, "C"}, {35, "L"}},
		d.T("pdf.common.method.col.score"), d.T("pdf.common.method.col.interval"),
		d.T("pdf.common.method.col.grade"), d.T("pdf.common.method.col.performance"))
	// Each bound is written with the decimals the regulation gives it.
	type bound struct {
		v        float64
		decimals int
	}
	rows := [][4]bound{{{88.31, 2}, {100, 2}, {3.5324, 4}, {4, 2}}, {{76.61, 2}, {88.30, 2}, {3.0644, 4}, {3.532, 3}},
		{{65, 2}, {76.60, 2}, {2.60, 2}, {3.064, 3}}, {{25, 2}, {64.99, 2}, {1, 2}, {2.5996, 4}}}
	for i, g := range analytics.Grades {
		r := rows[i]
		t.rowWith(pdfRow{fills: map[int]pdfColor{2: pdfGradeColor(g)}, inks: map[int]pdfColor{2: pdfGradeInk(g)}},
			d.Dec(r[0].v, r[0].decimals)+" – "+d.Dec(r[1].v, r[1].decimals), d.Dec(r[2].v, r[2].decimals)+" – "+d.Dec(r[3].v, r[3].decimals),
			string(g), d.Performance(g))
	}
	t.end()
	d.para(d.T("pdf.common.method.interval"))
	d.para(d.T("pdf.common.method.suppressed", 5, 5))
}

// formula writes displayed formulas, indented in the sans face.
func (d *pdfDoc) formula(lines []string) {
	d.SetFont("sans", "", 10)
	d.fill(pdfColor{244, 245, 247})
	for _, l := range lines {
		d.keep(7)
		d.SetX(marginLeft + 6)
		d.CellFormat(textW-12, 6.5, l, "", 2, "L", true, 0, "")
	}
	d.Ln(2.5)
	d.ink()
}

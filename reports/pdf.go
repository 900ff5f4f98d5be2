package reports

import (
	"embed"
	"fmt"
	"io"
	"math"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// Issue identifies one issued file: the number printed on it, when it was generated and the
// engine it can be verified at. The number is chosen before rendering (survey.ReportNumber)
// because it is part of the file. A draft has no number: it says so on every page, under a
// diagonal watermark, and cannot be verified.
type Issue struct {
	Number string
	// Draft marks a file rendered before the final report is issued; Number is then empty.
	Draft bool
	// Replaces is the number of the final report this one corrects, and Reason why; empty for a
	// first issue.
	Replaces, Reason string
	// Generated is when the file was made; the document's dates come from it and nothing else,
	// written in the time zone of its Words, so the same data and clock give the same bytes.
	Generated time.Time
	// BaseURL is the engine's public address, such as https://skm.banyuwangikab.go.id.
	BaseURL string
}

// VerifyURL returns the address of the verification page for the number. The number's slashes
// stay as they are (a query may hold them), which keeps the printed address readable.
func (i Issue) VerifyURL() string {
	return strings.TrimRight(i.BaseURL, "/") + "/verifikasi?no=" + strings.ReplaceAll(url.QueryEscape(i.Number), "%2F", "/")
}

// validate checks the issue and that the document has words to say it with.
func (i Issue) validate(w Words) error {
	if w == nil {
		return survey.Errorf(survey.EINVALID, "err.report.words")
	}
	if i.Draft && (i.Number != "" || i.Replaces != "") {
		return survey.Errorf(survey.EINVALID, "err.report.draftnumber", i.Number)
	}
	if !i.Draft && !survey.ValidReportNumber(i.Number) {
		return survey.Errorf(survey.EINVALID, "err.report.number", i.Number)
	}
	if i.Replaces != "" && !survey.ValidReportNumber(i.Replaces) {
		return survey.Errorf(survey.EINVALID, "err.report.number", i.Replaces)
	}
	if i.Generated.IsZero() {
		return survey.Errorf(survey.EINVALID, "err.report.generated")
	}
	if u, err := url.Parse(i.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return survey.Errorf(survey.EINVALID, "err.report.baseurl", i.BaseURL)
	}
	return nil
}

// The page: A4 portrait, a wider inner margin for binding.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 22.0
	marginBottom = 22.0
	textW        = pageW - marginLeft - marginRight
)

// pdfFontSet is the DejaVu faces the documents use: a serif for the text, and the condensed
// sans for tables, charts and figures, where columns are narrow.
var pdfFontSet = []struct{ family, style, file string }{
	{"serif", "", "DejaVuSerif.ttf"},
	{"serif", "B", "DejaVuSerif-Bold.ttf"},
	{"serif", "I", "DejaVuSerif-Italic.ttf"},
	{"sans", "", "DejaVuSansCondensed.ttf"},
	{"sans", "B", "DejaVuSansCondensed-Bold.ttf"},
}

//go:embed fonts/*.ttf
var pdfFontFiles embed.FS

// pdfFontBytes holds the font files read once: embed.FS copies a file on every read.
var pdfFontBytes = sync.OnceValue(func() map[string][]byte {
	m := map[string][]byte{}
	for _, f := range pdfFontSet {
		b, err := pdfFontFiles.ReadFile("fonts/" + f.file)
		if err != nil {
			panic("reports: embedded font missing: " + err.Error())
		}
		m[f.file] = b
	}
	return m
})

// pdfDoc is a document in the house style: embedded fonts, numbered chapters, ruled tables, a
// running header and a footer with the page number out of the total.
type pdfDoc struct {
	*gofpdf.Fpdf
	// Words says the document's wording, figures and dates in its language and time zone.
	Words
	issue Issue
	// header is the running header's text; pages before the first chapter (the cover) have none.
	header string
	// bare pages have neither header nor footer: a poster.
	bare     bool
	chapters int
	sections int
}

// nbAlias is replaced by the page count when the document is written.
const nbAlias = "{nb}"

func newPDFDoc(w Words, issue Issue, title, subject string) *pdfDoc {
	f := gofpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{Fpdf: f, Words: w, issue: issue}
	// Fixed settings and dates from the data's clock make the output a function of the data.
	// gofpdf writes the metadata's dates without a UTC offset, and readers (poppler, pdf.js) take
	// such a date for UTC; so they get the instant in UTC, and show it in their own zone. The
	// pages say it in the region's zone, with its name.
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(issue.Generated.UTC())
	f.SetModificationDate(issue.Generated.UTC())
	f.SetProducer("SKM engine (gofpdf)", true)
	f.SetCreator("SKM engine", true)
	f.SetTitle(title, true)
	f.SetSubject(subject, true)
	f.SetKeywords(d.label(), true)
	f.SetDisplayMode("fullwidth", "continuous")
	// Set before the fonts are added, so their subsets keep the digits the alias turns into.
	f.AliasNbPages(nbAlias)
	fonts := pdfFontBytes()
	for _, ff := range pdfFontSet {
		f.AddUTF8FontFromBytes(ff.family, ff.style, fonts[ff.file])
	}
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetHeaderFuncMode(d.drawHeader, true)
	f.SetFooterFunc(d.drawFooter)
	d.ink()
	return d
}

// finish writes the document to w. Nothing is written when rendering failed, so w never holds
// half a file.
func (d *pdfDoc) finish(w io.Writer) error {
	d.Close()
	if err := d.Error(); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	if err := d.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// drawHeader writes the running header above the rule: its text on the left, on two lines when
// one is too short for it, and the document's number on the right of the last line.
func (d *pdfDoc) drawHeader() {
	if d.header == "" || d.bare {
		return
	}
	d.SetFont("sans", "", 8)
	d.SetTextColor(pdfMuted.r, pdfMuted.g, pdfMuted.b)
	numberW := d.GetStringWidth(d.label()) + 4
	const lineH = 3.6
	lines := d.headerLines(textW - numberW - 4)
	for i, line := range lines {
		d.SetXY(marginLeft, 14.4-lineH*float64(len(lines)-i))
		d.CellFormat(textW-numberW, lineH, line, "", 0, "L", false, 0, "")
	}
	d.CellFormat(numberW, lineH, d.label(), "", 0, "R", false, 0, "")
	d.rule(15)
	d.ink()
	d.SetXY(marginLeft, marginTop)
}

func (d *pdfDoc) drawFooter() {
	if d.bare {
		return
	}
	y := pageH - 15
	d.rule(y)
	d.SetFont("sans", "", 8)
	d.SetTextColor(pdfMuted.r, pdfMuted.g, pdfMuted.b)
	d.SetXY(marginLeft, y+1.2)
	generated := d.T("pdf.common.footer.generated", d.LongDateTime(d.issue.Generated), d.issue.Number)
	if d.issue.Draft {
		generated = d.T("pdf.common.footer.draft", d.LongDateTime(d.issue.Generated))
	}
	d.CellFormat(textW*0.7, 4, generated, "", 0, "L", false, 0, "")
	d.CellFormat(textW*0.3, 4, d.T("pdf.common.footer.page", d.PageNo(), nbAlias), "", 0, "R", false, 0, "")
	d.ink()
	if d.issue.Draft {
		d.watermark()
	}
}

// label is what the document is called in its header: its number, or the word for a draft.
func (d *pdfDoc) label() string {
	if d.issue.Draft {
		return d.T("pdf.common.draft")
	}
	return d.issue.Number
}

// watermarkAngle lays the draft's watermark along the page's diagonal, bottom left to top right.
var watermarkAngle = math.Atan2(pageH, pageW) * 180 / math.Pi

// watermark writes the word for a draft across the page, large and translucent, over what the
// page shows, so that no page of a draft can pass for the final report.
func (d *pdfDoc) watermark() {
	const size = 96.0
	word := d.T("pdf.common.draft")
	d.SetFont("sans", "B", size)
	d.text(pdfGradeColor(analytics.GradeD))
	d.SetAlpha(0.18, "Normal")
	w := d.GetStringWidth(word)
	d.TransformBegin()
	d.TransformRotate(watermarkAngle, pageW/2, pageH/2)
	d.Text(pageW/2-w/2, pageH/2+size*25.4/72/3, word)
	d.TransformEnd()
	d.SetAlpha(1, "Normal")
	d.ink()
}

// headerLines breaks the running header into lines at most w wide, between its parts (a
// title, a name, a period) where it can; a part longer than a line is shortened with an
// ellipsis. It never takes more than two lines.
func (d *pdfDoc) headerLines(w float64) []string {
	const sep = " · "
	var lines []string
	for _, part := range strings.Split(d.header, sep) {
		if n := len(lines); n > 0 && d.GetStringWidth(lines[n-1]+sep+part) <= w {
			lines[n-1] += sep + part
		} else if n < 2 {
			lines = append(lines, part)
		} else {
			lines[n-1] += sep + part
		}
	}
	for i, l := range lines {
		lines[i] = d.fit(l, w)
	}
	return lines
}

// fit shortens text with an ellipsis until it is at most w wide in the current font.
func (d *pdfDoc) fit(text string, w float64) string {
	if d.GetStringWidth(text) <= w {
		return text
	}
	runes := []rune(text)
	for len(runes) > 0 && d.GetStringWidth(string(runes)+"…") > w {
		runes = runes[:len(runes)-1]
	}
	return strings.TrimSpace(string(runes)) + "…"
}

// rule draws a thin full-width line at y.
func (d *pdfDoc) rule(y float64) {
	d.SetDrawColor(pdfMuted.r, pdfMuted.g, pdfMuted.b)
	d.SetLineWidth(0.2)
	d.Line(marginLeft, y, pageW-marginRight, y)
}

// ink restores the body text's colours and font.
func (d *pdfDoc) ink() {
	d.SetTextColor(pdfInk.r, pdfInk.g, pdfInk.b)
	d.SetDrawColor(pdfInk.r, pdfInk.g, pdfInk.b)
	d.SetFont("serif", "", 10.5)
}

// room reports whether h millimetres fit above the bottom margin.
func (d *pdfDoc) room(h float64) bool { return d.GetY()+h <= pageH-marginBottom }

// keep starts a new page unless h millimetres fit, so a heading stays with what follows it.
func (d *pdfDoc) keep(h float64) {
	if !d.room(h) {
		d.AddPage()
	}
}

// keepRows starts a new page unless a table of n single-line rows and its header fit.
func (d *pdfDoc) keepRows(n int) { d.keep(float64(n+1)*6.3 + 6) }

// chapter starts a numbered chapter (I, II, ...), on a new page when asked or when little room is
// left.
func (d *pdfDoc) chapter(title string, newPage bool) {
	d.chapters++
	d.sections = 0
	if newPage || d.PageNo() == 0 {
		d.AddPage()
	} else {
		d.Ln(4)
		d.keep(45)
	}
	label := d.Roman(d.chapters) + ". " + strings.ToUpper(title)
	d.SetFont("serif", "B", 13)
	d.Bookmark(label, 0, -1)
	d.CellFormat(textW, 8, label, "", 1, "L", false, 0, "")
	d.Ln(2)
	d.ink()
}

// appendix starts an unnumbered part after the chapters, on a new page.
func (d *pdfDoc) appendix(title string) {
	d.sections = 0
	d.AddPage()
	d.SetFont("serif", "B", 13)
	d.Bookmark(strings.ToUpper(title), 0, -1)
	d.CellFormat(textW, 8, strings.ToUpper(title), "", 1, "L", false, 0, "")
	d.Ln(2)
	d.ink()
}

// section starts a lettered section (A, B, ...) of the current chapter, on a new page unless
// the heading and the first need millimetres of what follows fit.
func (d *pdfDoc) section(title string, need float64) {
	d.sections++
	d.Ln(2)
	d.keep(need + 10)
	label := string(rune('A'+d.sections-1)) + ". " + title
	d.SetFont("serif", "B", 11)
	d.Bookmark(label, 1, -1)
	d.CellFormat(textW, 6.5, label, "", 1, "L", false, 0, "")
	d.Ln(0.5)
	d.ink()
}

// para writes a justified paragraph.
func (d *pdfDoc) para(text string) {
	d.ink()
	d.MultiCell(textW, 5.2, text, "", "J", false)
	d.Ln(1.8)
}

// note writes a small muted paragraph.
func (d *pdfDoc) note(text string) {
	d.SetFont("serif", "I", 8.5)
	d.SetTextColor(pdfMuted.r, pdfMuted.g, pdfMuted.b)
	d.MultiCell(textW, 4.2, text, "", "L", false)
	d.Ln(1.5)
	d.ink()
}

// list writes numbered items with a hanging indent.
func (d *pdfDoc) list(items []string) {
	d.ink()
	for i, it := range items {
		d.keep(6)
		d.SetX(marginLeft + 2)
		d.CellFormat(7, 5.2, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
		d.MultiCell(textW-9, 5.2, it, "", "L", false)
		d.Ln(0.6)
	}
	d.Ln(1.2)
}

// facts writes label–value pairs as a two-column list without rules.
func (d *pdfDoc) facts(pairs [][2]string, labelW float64) {
	d.ink()
	for _, p := range pairs {
		d.keep(6)
		d.SetX(marginLeft)
		d.CellFormat(labelW, 5.4, p[0], "", 0, "L", false, 0, "")
		d.CellFormat(4, 5.4, ":", "", 0, "L", false, 0, "")
		d.MultiCell(textW-labelW-4, 5.4, p[1], "", "L", false)
	}
	d.Ln(1.5)
}

// Signer is who signs a report: their name, the office they sign in (such as "Sekretaris Daerah"),
// and their civil servant number (NIP). Empty fields leave lines to write on.
type Signer struct {
	Name, Title, NIP string
}

// signature writes the signature block at the right: place and date, the office, room to sign,
// and the name line, with the civil servant number (NIP) line when the signer has one.
func (d *pdfDoc) signature(place, office, name, nip string, withNIP bool) {
	d.Ln(6)
	d.keep(48)
	x := marginLeft + textW*0.52
	w := textW * 0.48
	d.ink()
	defer d.ink()
	line := func(s string, style string) {
		d.SetX(x)
		d.SetFont("serif", style, 10.5)
		d.MultiCell(w, 5.2, s, "", "C", false)
	}
	dated := d.Date(d.issue.Generated)
	if place != "" {
		dated = place + ", " + dated
	}
	line(dated, "")
	line(office, "B")
	d.Ln(22)
	if name == "" {
		name = "( ........................................ )"
	}
	line(name, "B")
	if !withNIP {
		return
	}
	if nip == "" {
		nip = "........................................"
	}
	line(d.T("pdf.common.nip", nip), "")
}

// pdfColor is an RGB colour.
type pdfColor struct{ r, g, b int }

func (d *pdfDoc) fill(c pdfColor) { d.SetFillColor(c.r, c.g, c.b) }
func (d *pdfDoc) draw(c pdfColor) { d.SetDrawColor(c.r, c.g, c.b) }
func (d *pdfDoc) text(c pdfColor) { d.SetTextColor(c.r, c.g, c.b) }

// The palette. Grades and answers use one sequential ramp, darker for worse, so they stay in order
// when printed in grey and read the same with any colour vision (ColorBrewer YlOrBr); bars and
// lines are a dark blue that is darker than every band behind it.
var (
	pdfInk    = pdfColor{20, 24, 30}
	pdfMuted  = pdfColor{90, 96, 105}
	pdfLine   = pdfColor{120, 126, 135}
	pdfHeadBg = pdfColor{228, 231, 235}
	pdfBar    = pdfColor{37, 52, 148}
	pdfWhite  = pdfColor{255, 255, 255}
)

// pdfGradeColor is the fill of a grade: A lightest, D darkest.
func pdfGradeColor(g analytics.Grade) pdfColor {
	switch g {
	case "A":
		return pdfColor{255, 255, 212}
	case "B":
		return pdfColor{254, 217, 142}
	case "C":
		return pdfColor{254, 153, 41}
	case "D":
		return pdfColor{204, 76, 2}
	}
	return pdfColor{240, 240, 240}
}

// pdfGradeInk is the text colour that reads on a grade's fill.
func pdfGradeInk(g analytics.Grade) pdfColor {
	if g == "D" {
		return pdfWhite
	}
	return pdfInk
}

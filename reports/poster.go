package reports

import (
	"io"
	"net/url"
	"strings"

	"github.com/skm-engine/skm/survey"
)

// PosterData is what a unit's counter poster shows: the invitation to answer the survey in
// Indonesian and English and a large QR code of the unit's survey address.
type PosterData struct {
	Issue
	// Words and Second are the poster's two languages, Indonesian and English: it says
	// everything in Words, large, and again in Second under it. Its dates are in the time zone of
	// Words.
	Words, Second Words
	Region        survey.Region
	Unit          survey.Unit
	// Campaign is the campaign whose period the poster names.
	Campaign survey.Campaign
	// SurveyURL is the unit's survey address, BASE/s/{slug}.
	SurveyURL string
	// Logo is the region's PNG or JPEG, printed in the band at the top; none without it.
	Logo []byte
}

// Poster writes the unit's printable A4 poster to w, in both its languages.
func Poster(w io.Writer, data PosterData) error {
	if err := data.Issue.validate(data.Words); err != nil {
		return err
	}
	if data.Second == nil {
		return survey.Errorf(survey.EINVALID, "err.report.words")
	}
	if strings.TrimSpace(data.Unit.Name.ID) == "" {
		return survey.Errorf(survey.EINVALID, "err.poster.unitname")
	}
	if u, err := url.Parse(data.SurveyURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return survey.Errorf(survey.EINVALID, "err.poster.surveyurl", data.SurveyURL)
	}
	if _, _, err := survey.ParseSemester(data.Campaign.Key); err != nil {
		return err
	}
	second := data.Second
	d := newPDFDoc(data.Words, data.Issue, data.Words.T("pdf.poster.title", data.Words.In(data.Unit.Name)), data.Words.Semester(data.Campaign.Key))
	d.bare = true
	d.AddPage()
	d.SetAutoPageBreak(false, 0)

	left, width := marginLeft, textW
	center := func(size float64, style, family, text string, lineH float64) {
		d.SetFont(family, style, size)
		d.SetX(left)
		d.MultiCell(width, lineH, text, "", "C", false)
	}
	d.fill(pdfBar)
	d.Rect(0, 0, pageW, 30, "F")
	if len(data.Logo) > 0 {
		// On a white tile, so that any logo reads on the band; the band's words keep clear of it,
		// centred on the page all the same.
		const tile, logo = 24.0, 21.0
		d.fill(pdfWhite)
		d.Rect(12, 3, tile, tile, "F")
		if err := d.logo(data.Logo, 12+(tile-logo)/2, 3+(tile-logo)/2, logo); err != nil {
			return err
		}
		left, width = 12+tile+4, pageW-2*(12+tile+4)
	}
	d.text(pdfWhite)
	d.SetY(8)
	center(11, "B", "sans", strings.ToUpper(d.Government(data.Region.Name)), 5.5)
	center(10, "", "sans", d.T("pdf.common.cover.survey")+" · "+second.T("pdf.common.cover.survey"), 5)
	d.ink()
	left, width = marginLeft, textW

	d.SetY(40)
	center(26, "B", "serif", d.T("pdf.poster.question"), 11)
	d.text(pdfMuted)
	center(15, "I", "serif", second.T("pdf.poster.question"), 8)
	d.ink()
	d.Ln(4)
	name := d.In(data.Unit.Name)
	center(16, "B", "sans", name, 7.5)
	if other := second.In(data.Unit.Name); other != name {
		d.text(pdfMuted)
		center(11, "", "sans", other, 5.5)
		d.ink()
	}

	const qr = 112.0
	y := d.GetY() + 6
	d.draw(pdfInk)
	d.SetLineWidth(0.8)
	d.Rect((pageW-qr)/2-4, y-4, qr+8, qr+8, "D")
	if err := d.qrCode((pageW-qr)/2, y, qr, data.SurveyURL); err != nil {
		return err
	}
	d.SetY(y + qr + 8)
	center(14, "B", "sans", d.T("pdf.poster.scan"), 7)
	d.text(pdfMuted)
	center(11, "", "sans", second.T("pdf.poster.scan"), 5.5)
	d.ink()
	d.Ln(2)
	center(12, "", "sans", d.T("pdf.poster.open")+" · "+second.T("pdf.poster.open"), 6)
	center(15, "B", "sans", data.SurveyURL, 7.5)
	d.Ln(4)
	center(10.5, "", "serif", d.T("pdf.poster.anonymous"), 5.2)
	d.text(pdfMuted)
	center(10, "I", "serif", second.T("pdf.poster.anonymous"), 5)
	d.ink()
	d.Ln(3)
	center(10.5, "B", "serif", d.Semester(data.Campaign.Key)+" ("+d.Period(data.Campaign.Key)+")", 5.2)
	d.text(pdfMuted)
	center(10, "I", "serif", second.Semester(data.Campaign.Key)+" ("+second.Period(data.Campaign.Key)+")", 5)

	d.SetFont("sans", "", 7)
	d.SetXY(marginLeft, pageH-12)
	d.CellFormat(textW, 4, d.T("pdf.poster.footer", data.Issue.Number, d.Date(data.Issue.Generated)), "", 0, "C", false, 0, "")
	return d.finish(w)
}

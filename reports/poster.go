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
	Region survey.Region
	Unit   survey.Unit
	// Campaign is the campaign whose period the poster names.
	Campaign survey.Campaign
	// SurveyURL is the unit's survey address, BASE/s/{slug}.
	SurveyURL string
}

// Poster writes the unit's printable A4 poster to w. It is bilingual, so it takes no language.
func Poster(w io.Writer, data PosterData) error {
	if err := data.Issue.validate(); err != nil {
		return err
	}
	if strings.TrimSpace(data.Unit.Name.ID) == "" {
		return survey.Errorf(survey.EINVALID, "A poster needs the unit's name.")
	}
	if u, err := url.Parse(data.SurveyURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return survey.Errorf(survey.EINVALID, "Survey address %q must be an absolute http(s) address.", data.SurveyURL)
	}
	if _, _, err := survey.ParseSemester(data.Campaign.Key); err != nil {
		return err
	}
	d := newPDFDoc(survey.LangID, data.Issue, "Survei Kepuasan Masyarakat · "+data.Unit.Name.ID, pdfSemester(survey.LangID, data.Campaign.Key))
	d.bare = true
	d.AddPage()
	d.SetAutoPageBreak(false, 0)

	center := func(size float64, style, family, text string, lineH float64) {
		d.SetFont(family, style, size)
		d.SetX(marginLeft)
		d.MultiCell(textW, lineH, text, "", "C", false)
	}
	d.fill(pdfBar)
	d.Rect(0, 0, pageW, 30, "F")
	d.text(pdfWhite)
	d.SetY(8)
	center(11, "B", "sans", strings.ToUpper(pdfGovernment(survey.LangID, data.Region.Name)), 5.5)
	center(10, "", "sans", "SURVEI KEPUASAN MASYARAKAT · PUBLIC SATISFACTION SURVEY", 5)
	d.ink()

	d.SetY(40)
	center(26, "B", "serif", "Bagaimana pelayanan kami hari ini?", 11)
	d.text(pdfMuted)
	center(15, "I", "serif", "How was our service today?", 8)
	d.ink()
	d.Ln(4)
	center(16, "B", "sans", data.Unit.Name.ID, 7.5)
	if en := data.Unit.Name.EN; en != "" && en != data.Unit.Name.ID {
		d.text(pdfMuted)
		center(11, "", "sans", en, 5.5)
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
	center(14, "B", "sans", "Pindai kode QR dengan kamera ponsel Anda", 7)
	d.text(pdfMuted)
	center(11, "", "sans", "Scan the QR code with your phone's camera", 5.5)
	d.ink()
	d.Ln(2)
	center(12, "", "sans", "atau buka · or open", 6)
	center(15, "B", "sans", data.SurveyURL, 7.5)
	d.Ln(4)
	center(10.5, "", "serif", "Jawaban Anda tanpa nama, hanya sekitar 2 menit, dan membantu kami memperbaiki pelayanan.", 5.2)
	d.text(pdfMuted)
	center(10, "I", "serif", "Your answers are anonymous, take about 2 minutes, and help us improve our service.", 5)
	d.ink()
	d.Ln(3)
	center(10.5, "B", "serif", pdfSemester(survey.LangID, data.Campaign.Key)+" ("+pdfPeriod(survey.LangID, data.Campaign.Key)+")", 5.2)
	d.text(pdfMuted)
	center(10, "I", "serif", pdfSemester(survey.LangEN, data.Campaign.Key)+" ("+pdfPeriod(survey.LangEN, data.Campaign.Key)+")", 5)

	d.SetFont("sans", "", 7)
	d.SetXY(marginLeft, pageH-12)
	d.CellFormat(textW, 4, "PermenPANRB 14/2017 · "+data.Issue.Number+" · "+pdfDate(survey.LangID, data.Issue.Generated), "", 0, "C", false, 0, "")
	return d.finish(w)
}

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
		d.MultiCell(textW, 5, d.say("DATA CONTOH: jawaban dalam laporan ini dibuat untuk demonstrasi, bukan hasil survei sungguhan.",
			"DEMO DATA: the answers in this report are invented for demonstration, not real survey results."), "", "C", false)
		d.ink()
	}
	d.SetY(205)
	d.SetFont("serif", "B", 13)
	d.MultiCell(textW, 6.5, strings.ToUpper(c.issuer), "", "C", false)
	d.SetFont("serif", "B", 12)
	d.MultiCell(textW, 6, strconv.Itoa(d.issue.Generated.Year()), "", "C", false)
	d.ink()
	return d.verificationBox(236)
}

// verificationBox draws the report number and the QR code of its verification page at y.
func (d *pdfDoc) verificationBox(y float64) error {
	const qr = 28.0
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
	d.CellFormat(w, 4.5, d.say("Nomor laporan", "Report number"), "", 2, "L", false, 0, "")
	d.SetX(x)
	d.SetFont("sans", "B", 11)
	d.CellFormat(w, 6, d.issue.Number, "", 2, "L", false, 0, "")
	d.SetX(x)
	d.SetFont("sans", "", 8.5)
	d.MultiCell(w, 4.2, d.sayf("Diterbitkan %s. Keaslian dan keutuhan berkas ini dapat diperiksa dengan memindai kode QR atau membuka alamat berikut dan mengunggah berkas ini:",
		"Issued %s. Whether this file is genuine and unchanged can be checked by scanning the QR code, or by opening this address and uploading the file:",
		pdfDateTime(d.lang, d.issue.Generated)), "", "L", false)
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
	return nil
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
		return survey.Errorf(survey.EINVALID, "The logo must be a PNG or JPEG image.")
	}
	info := d.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: kind}, bytes.NewReader(img))
	if err := d.Error(); err != nil {
		return survey.Errorf(survey.EINVALID, "The logo cannot be read as %s: %v", kind, err)
	}
	w, h := info.Width(), info.Height()
	if w <= 0 || h <= 0 {
		return survey.Errorf(survey.EINVALID, "The logo has no size.")
	}
	scale := size / max(w, h)
	d.ImageOptions("logo", x+(size-w*scale)/2, y+(size-h*scale)/2, w*scale, h*scale, false, gofpdf.ImageOptions{ImageType: kind}, 0, "")
	return nil
}

// pdfGovernment names the region's government: Pemerintah Kabupaten Banyuwangi.
func pdfGovernment(lang, region string) string {
	if strings.HasPrefix(region, "Pemerintah") {
		return region
	}
	if lang == survey.LangEN {
		return "The Government of " + region
	}
	return "Pemerintah " + region
}

// legalBasis lists the regulations a survey report rests on.
func (d *pdfDoc) legalBasis() {
	d.list([]string{
		d.say("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;", "Law No. 25 of 2009 on Public Services;"),
		d.say("Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
			"Government Regulation No. 96 of 2012 on the Implementation of Law No. 25 of 2009 on Public Services;"),
		d.say("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik;",
			"Regulation of the Minister for Administrative and Bureaucratic Reform (PermenPANRB) No. 14 of 2017 on Guidelines for Public Satisfaction Surveys of Public Service Units;"),
		d.say("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 29 Tahun 2022 tentang Pemantauan dan Evaluasi Kinerja Penyelenggaraan Pelayanan Publik.",
			"PermenPANRB No. 29 of 2022 on Monitoring and Evaluation of Public Service Performance."),
	})
}

// methodAppendix writes the computation exactly as the engine performs it, with the grade table.
func (d *pdfDoc) methodAppendix() {
	d.para(d.say("Nilai dihitung dari jumlah jawaban per unsur dan per skor (lampiran rekapitulasi), dengan langkah berikut:",
		"The scores are computed from the counts of answers per element and score (see the tabulation), in these steps:"))
	d.formula([]string{
		d.say("NRR unsur i = jumlah skor jawaban unsur i ÷ jumlah responden yang menjawab unsur i",
			"NRR of element i = sum of the scores given to element i ÷ number of respondents who answered element i"),
		d.say("IKM = Σ (NRR unsur i × 1/9), untuk i = U1 … U9", "IKM = Σ (NRR of element i × 1/9), for i = U1 … U9"),
		d.say("Nilai IKM unit pelayanan = IKM × 25   (rentang 25–100)", "Score of the service unit = IKM × 25   (range 25–100)"),
	})
	d.list([]string{
		d.say("Jawaban yang kosong tidak dihitung sebagai nol: jawaban itu dikeluarkan dari jumlah skor dan dari jumlah responden unsur tersebut.",
			"A blank answer is not counted as zero: it is left out of both the sum of scores and the number of respondents of that element."),
		d.say("Bobot setiap unsur tepat 1/9, bukan angka pembulatan 0,11 atau 0,111 yang tercetak dalam peraturan; bobot yang dibulatkan akan membatasi nilai sempurna pada 99,00 atau 99,90. Bila suatu unsur tidak dijawab oleh seorang pun, IKM adalah rata-rata unsur yang dijawab.",
			"Each element weighs exactly 1/9, not the rounded 0.11 or 0.111 printed in the regulation, which would cap a perfect survey at 99.00 or 99.90. If nobody answered an element, the IKM is the mean of the answered elements."),
		d.say("Perhitungan dilakukan secara eksak (bilangan bulat dan pecahan) dan hanya dibulatkan satu kali di akhir: nilai IKM dibulatkan setengah ke atas menjadi dua desimal. Mutu pelayanan ditentukan dari nilai yang sudah dibulatkan, sehingga 88,305 menjadi 88,31 (A), 76,605 menjadi 76,61 (B), dan 64,995 menjadi 65,00 (C).",
			"The computation is exact (integers and fractions) and rounded only once, at the end: the score is rounded half up to two decimals. The grade comes from the rounded score, so 88.305 becomes 88.31 (A), 76.605 becomes 76.61 (B) and 64.995 becomes 65.00 (C)."),
		d.say("Nilai setiap unsur (NRR × 25) dinilai dengan tabel mutu yang sama; unsur bermutu C atau D, atau di bawah rata-rata unit, menjadi prioritas tindak lanjut.",
			"Each element's score (NRR × 25) is graded with the same table; elements graded C or D, or below the unit's average, are priorities for follow-up."),
	})
	t := d.table([]pdfCol{{25, "C"}, {25, "C"}, {15, "C"}, {35, "L"}},
		d.say("Nilai IKM (dibulatkan)", "Score (rounded)"), d.say("Nilai interval (1–4)", "Interval (1–4)"),
		d.say("Mutu pelayanan", "Grade"), d.say("Kinerja unit pelayanan", "Performance"))
	rows := [][2]string{{"88,31 – 100,00", "3,5324 – 4,00"}, {"76,61 – 88,30", "3,0644 – 3,532"}, {"65,00 – 76,60", "2,60 – 3,064"}, {"25,00 – 64,99", "1,00 – 2,5996"}}
	for i, g := range analytics.Grades {
		a, b := rows[i][0], rows[i][1]
		performance := g.Performance()
		if d.lang == survey.LangEN {
			a, b, performance = strings.ReplaceAll(a, ",", "."), strings.ReplaceAll(b, ",", "."), g.PerformanceEN()
		}
		t.rowWith(pdfRow{fills: map[int]pdfColor{2: pdfGradeColor(g)}, inks: map[int]pdfColor{2: pdfGradeInk(g)}},
			a, b, string(g), performance)
	}
	t.end()
	d.para(d.say("Selang kepercayaan 95% dihitung dari sebaran nilai per responden (distribusi t Student, dengan koreksi populasi terbatas bila populasi diketahui). Bila kurang dari dua responden menjawab seluruh unsur, dipakai batas atas konservatif dari sebaran jawaban setiap unsur. Selang yang melintasi batas mutu berarti mutu belum dapat dipastikan dari sampel ini.",
		"The 95% confidence interval comes from the spread of the respondents' own scores (Student's t, with the finite population correction when the population is known). With fewer than two respondents who answered every element, a conservative bound from the spread of each element's answers is used. An interval crossing a grade boundary means the sample cannot settle the grade."))
	d.para(d.sayf("Profil responden dengan kurang dari %d orang per kategori ditampilkan sebagai \"<%d\" agar responden tidak dapat dikenali.",
		"Profile categories with fewer than %d people are shown as \"<%d\" so that no respondent can be identified.", 5, 5))
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

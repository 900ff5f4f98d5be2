package reports

import (
	"errors"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// UnitReportData is what a unit's evaluation report (Laporan Hasil SKM) shows. The app builds it
// from the store's tallies and the analytics package; the report computes nothing the dashboards
// would show differently.
type UnitReportData struct {
	Issue
	// Lang is survey.LangID (the default when empty) or survey.LangEN.
	Lang          string
	Region        survey.Region
	Unit          survey.Unit
	Campaign      survey.Campaign
	Questionnaire survey.Questionnaire
	// Counts are the unit's counts over all its services: answers, profile, channels, days.
	Counts   survey.Counts
	Result   analytics.Result
	Interval analytics.Interval
	Adequacy analytics.Adequacy
	// Flagged is how many of the respondents a quality rule flagged (counted, and shown apart).
	Flagged  int64
	Services []ServiceResult
	// Priorities ranks the elements weakest first (analytics.Priorities of Result).
	Priorities []analytics.Priority
	// Trend is the unit's result in past campaigns, oldest first, ending with this campaign.
	Trend []analytics.Point
	// FollowUp is the unit's plan for this period; without one the report prints rows to fill.
	FollowUp []FollowUpItem
	// PreviousFollowUp is the previous period's plan with what became of each item.
	PreviousFollowUp []FollowUpItem
	// CaseSLA is how the unit answered residents' complaints and suggestions in the period, and
	// CaseRule the answer rule in words ("4 jam sejak diterima"); printed beside element U8.
	CaseSLA  *analytics.SLA
	CaseRule string
	// HeadName and HeadNIP fill the signature block; left as lines to write on when empty.
	HeadName, HeadNIP string
	// Logo is a PNG or JPEG for the cover's logo slot, which stays empty without one.
	Logo []byte
}

// ServiceResult is the result of one of a unit's services.
type ServiceResult struct {
	Name   survey.Text
	Result analytics.Result
}

// FollowUpItem is a line of a follow-up plan (rencana tindak lanjut).
type FollowUpItem struct {
	// Element is the element code the action improves, U1..U9.
	Element     string
	Activity    string
	Timing      string
	Responsible string
	// Status says what became of an item of the previous period's plan.
	Status string
}

func pdfLang(lang string) (string, error) {
	switch lang {
	case "", survey.LangID:
		return survey.LangID, nil
	case survey.LangEN:
		return survey.LangEN, nil
	}
	return "", survey.Errorf(survey.EINVALID, "Report language %q must be id or en.", lang)
}

func (u *UnitReportData) validate() error {
	if err := u.Issue.validate(); err != nil {
		return err
	}
	if strings.TrimSpace(u.Unit.Name.ID) == "" {
		return survey.Errorf(survey.EINVALID, "A unit report needs the unit's name.")
	}
	if _, _, err := survey.ParseSemester(u.Campaign.Key); err != nil {
		return err
	}
	return nil
}

// UnitReport writes the unit's evaluation report as an A4 PDF to w. The same data (and the same
// Issue.Generated) always gives the same bytes.
func UnitReport(w io.Writer, data UnitReportData) error {
	lang, err := pdfLang(data.Lang)
	if err != nil {
		return err
	}
	data.Lang = lang
	if err := data.validate(); err != nil {
		return err
	}
	r := &unitReport{UnitReportData: data}
	r.d = newPDFDoc(lang, data.Issue,
		pdfSayf(lang, "Laporan Hasil Survei Kepuasan Masyarakat %s", "Public Satisfaction Survey Report %s", data.Unit.Name.In(lang)),
		pdfSemester(lang, data.Campaign.Key))
	if err := r.write(); err != nil {
		return err
	}
	return r.d.finish(w)
}

// unitReport renders one UnitReportData.
type unitReport struct {
	UnitReportData
	d *pdfDoc
}

func (r *unitReport) name() string { return r.Unit.Name.In(r.Lang) }

func (r *unitReport) write() error {
	d := r.d
	headline := d.say("Belum ada responden pada periode ini", "No respondents in this period yet")
	if !r.Result.Empty {
		headline = d.sayf("Nilai IKM %s · Mutu %s · %s responden", "Score %s · Grade %s · %s respondents",
			pdfDec(r.Lang, r.Result.Score, 2), pdfGradeLabel(r.Lang, r.Result.Grade), pdfInt(r.Lang, r.Result.Respondents))
	}
	note := ""
	if r.Unit.OPD != "" && !strings.EqualFold(r.Unit.OPD, r.Unit.Name.ID) {
		note = r.Unit.OPD
	}
	err := d.cover(pdfCover{
		lines:    []string{d.say("LAPORAN HASIL", "REPORT ON THE"), d.say("SURVEI KEPUASAN MASYARAKAT", "PUBLIC SATISFACTION SURVEY"), strings.ToUpper(pdfSemester(r.Lang, r.Campaign.Key))},
		subject:  r.name(),
		note:     note,
		period:   d.sayf("Periode %s", "Period %s", pdfPeriod(r.Lang, r.Campaign.Key)),
		headline: headline,
		issuer:   pdfGovernment(r.Lang, r.Region.Name),
		demo:     r.Region.Demo,
		logo:     r.Logo,
	})
	if err != nil {
		return err
	}
	d.header = d.sayf("Laporan Hasil SKM · %s · %s", "Satisfaction Survey Report · %s · %s", r.name(), pdfSemester(r.Lang, r.Campaign.Key))
	r.introduction()
	r.collection()
	r.results()
	r.analysis()
	r.conclusion()
	return r.appendices()
}

func (r *unitReport) introduction() {
	d := r.d
	d.chapter(d.say("Pendahuluan", "Introduction"), true)
	d.section(d.say("Latar Belakang", "Background"), 20)
	d.para(d.sayf("Pelayanan publik yang baik adalah hak setiap warga negara. Untuk mengetahui sejauh mana pelayanan telah memenuhi harapan masyarakat, setiap unit penyelenggara pelayanan publik wajib melakukan Survei Kepuasan Masyarakat (SKM) secara berkala, sekurang-kurangnya satu kali dalam setahun, sebagaimana diatur dalam Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017. %s melaksanakan survei ini setiap semester.",
		"Good public service is every citizen's right. To learn how far its services meet the public's expectations, every public service unit must survey its users' satisfaction regularly, at least once a year, as Regulation of the Minister for Administrative and Bureaucratic Reform No. 14 of 2017 requires. %s runs this survey every semester.",
		pdfGovernment(r.Lang, r.Region.Name)))
	d.para(d.sayf("Laporan ini menyajikan hasil survei pada %s, %s, untuk periode %s.",
		"This report presents the results of the survey at %s, %s, for the period %s.",
		r.name(), pdfSemester(r.Lang, r.Campaign.Key), pdfPeriod(r.Lang, r.Campaign.Key)))
	d.section(d.say("Dasar Hukum", "Legal Basis"), 20)
	d.legalBasis()
	d.section(d.say("Maksud dan Tujuan", "Aims"), 20)
	d.para(d.say("Survei ini dimaksudkan untuk:", "The survey aims to:"))
	d.list([]string{
		d.sayf("mengetahui tingkat kepuasan masyarakat terhadap pelayanan %s;", "measure the public's satisfaction with the services of %s;", r.name()),
		d.say("mengetahui kelemahan dan kekuatan setiap unsur pelayanan;", "find the weaknesses and strengths of each element of service;"),
		d.say("menjadi dasar penyusunan rencana tindak lanjut perbaikan pelayanan;", "ground the follow-up plan for improving the service;"),
		d.say("membandingkan kinerja pelayanan dengan periode sebelumnya.", "compare the service's performance with earlier periods."),
	})
}

// pdfChannelName names a response channel.
func pdfChannelName(lang, channel string) string {
	names := map[string]survey.Text{
		"web":   {ID: "Formulir daring (kode QR atau tautan)", EN: "Online form (QR code or link)"},
		"kiosk": {ID: "Tablet di loket (kios)", EN: "Tablet at the counter (kiosk)"},
		"paper": {ID: "Kuesioner kertas (direkapitulasi petugas)", EN: "Paper questionnaire (entered by staff)"},
	}
	if t, ok := names[channel]; ok {
		return t.In(lang)
	}
	return channel
}

func (r *unitReport) collection() {
	d := r.d
	d.chapter(d.say("Pengumpulan Data", "Data Collection"), false)
	d.section(d.say("Pelaksana", "Organisation"), 20)
	organizer := r.Region.Organizer.In(r.Lang)
	if organizer == "" {
		organizer = pdfGovernment(r.Lang, r.Region.Name)
	}
	d.para(d.sayf("Survei diselenggarakan oleh %s bersama %s, menggunakan aplikasi Survei Kepuasan Masyarakat. Nilai dalam laporan ini dihitung oleh aplikasi langsung dari jawaban responden yang tercatat.",
		"The survey is run by %s with %s, using the Public Satisfaction Survey application. The figures in this report are computed by the application directly from the recorded answers.",
		organizer, r.name()))

	d.section(d.say("Metode dan Kuesioner", "Method and Questionnaire"), 20)
	title := r.Questionnaire.Title.In(r.Lang)
	if title == "" {
		title = d.say("Survei Kepuasan Masyarakat", "Public Satisfaction Survey")
	}
	d.para(d.sayf("Kuesioner mengikuti PermenPANRB 14/2017: sembilan unsur pelayanan, masing-masing dengan empat pilihan jawaban bernilai 1 sampai 4. Versi kuesioner yang digunakan adalah \"%s\" versi %d; teks lengkapnya dimuat dalam lampiran. Responden adalah pengguna layanan yang telah menerima pelayanan dan mengisi kuesioner secara sukarela tanpa mencantumkan nama.",
		"The questionnaire follows PermenPANRB 14/2017: nine elements of service, each with four answers scored 1 to 4. The version used is \"%s\", version %d; its full text is in the appendix. Respondents are service users who had received the service and answered voluntarily without giving their name.",
		title, r.Questionnaire.Version))
	channels := slices.Clone(analytics.Channels)
	for _, k := range slices.Sorted(maps.Keys(r.Counts.Channel)) {
		if !slices.Contains(channels, k) {
			channels = append(channels, k)
		}
	}
	d.keepRows(len(channels) + 1)
	t := d.table([]pdfCol{{60, "L"}, {20, "R"}, {20, "R"}}, d.say("Saluran pengisian", "Channel"), d.say("Responden", "Respondents"), d.say("Persentase", "Share"))
	for _, ch := range channels {
		n := r.Counts.Channel[ch]
		t.row(pdfChannelName(r.Lang, ch), pdfInt(r.Lang, n), pdfPct(r.Lang, n, r.Counts.Respondents))
	}
	t.total(d.say("Jumlah", "Total"), pdfInt(r.Lang, r.Counts.Respondents), pdfPct(r.Lang, r.Counts.Respondents, r.Counts.Respondents))
	t.end()

	d.section(d.say("Waktu dan Tempat", "Time and Place"), 20)
	loc := r.Region.Location()
	pairs := [][2]string{{d.say("Periode survei", "Survey period"), pdfPeriod(r.Lang, r.Campaign.Key)}}
	if span := pdfSpan(r.Lang, r.Campaign.OpensAt, r.Campaign.ClosesAt, loc); span != "" {
		pairs = append(pairs, [2]string{d.say("Jadwal pengumpulan", "Collection schedule"), span})
	}
	days := slices.Sorted(maps.Keys(r.Counts.Days))
	if len(days) > 0 {
		pairs = append(pairs, [2]string{d.say("Jawaban diterima", "Answers received"),
			pdfDay(r.Lang, days[0]) + " – " + pdfDay(r.Lang, days[len(days)-1]) + d.sayf(" (%d hari)", " (%d days)", len(days))})
	} else {
		pairs = append(pairs, [2]string{d.say("Jawaban diterima", "Answers received"), d.say("belum ada", "none yet")})
	}
	pairs = append(pairs, [2]string{d.say("Tempat", "Place"), d.sayf("%s: loket pelayanan dan formulir daring", "%s: service counters and the online form", r.name())})
	d.facts(pairs, 42)

	d.section(d.say("Populasi dan Sampel", "Population and Sample"), 20)
	a := r.Adequacy
	population, target, status := d.say("belum diisi", "not entered"), d.say("tidak dapat dihitung tanpa populasi", "cannot be computed without the population"), ""
	switch {
	case a.Population <= 0:
		status = d.say("Populasi belum diisi, sehingga kecukupan sampel tidak dapat dinilai.", "The population is not entered, so the sample's adequacy cannot be judged.")
	case a.Reached:
		status = d.say("Jumlah responden memenuhi sampel minimum.", "The respondents reach the minimum sample.")
	default:
		status = d.sayf("Jumlah responden belum memenuhi sampel minimum (%s dari target).", "The respondents fall short of the minimum sample (%s of the target).", pdfPct(r.Lang, a.Respondents, a.Target))
	}
	if a.Population > 0 {
		population = pdfInt(r.Lang, a.Population) + d.say(" pengguna layanan dalam periode", " service users in the period")
		target = pdfInt(r.Lang, a.Target) + d.say(" responden (Krejcie dan Morgan)", " respondents (Krejcie and Morgan)")
	}
	d.facts([][2]string{
		{d.say("Populasi", "Population"), population},
		{d.say("Sampel minimum", "Minimum sample"), target},
		{d.say("Responden diperoleh", "Respondents reached"), pdfInt(r.Lang, r.Counts.Respondents)},
		{d.say("Jawaban bertanda", "Flagged responses"), d.sayf("%s (pola jawaban seragam; tetap dihitung dan dilaporkan terpisah)", "%s (identical answers throughout; counted, and reported apart)", pdfInt(r.Lang, r.Flagged))},
	}, 42)
	d.para(status + " " + d.say("Sampel minimum dihitung dengan rumus Krejcie dan Morgan yang dipakai PermenPANRB 14/2017: S = 3,841 · N · 0,25 / (0,0025 · (N − 1) + 0,96025), dibulatkan ke bilangan bulat terdekat.",
		"The minimum sample is computed with the Krejcie and Morgan formula PermenPANRB 14/2017 uses: S = 3.841 · N · 0.25 / (0.0025 · (N − 1) + 0.96025), rounded to the nearest whole number."))
}

func (r *unitReport) results() {
	d := r.d
	d.chapter(d.say("Hasil", "Results"), true)
	d.section(d.say("Nilai Indeks Kepuasan Masyarakat", "Satisfaction Index"), 34)
	r.headlineBox()

	d.section(d.say("Profil Responden", "Respondent Profile"), 60)
	r.profile()

	d.section(d.say("Nilai per Unsur Pelayanan", "Scores by Element"), 85)
	if r.Result.Empty {
		d.para(d.say("Belum ada jawaban, sehingga nilai per unsur belum dapat dihitung.", "There are no answers yet, so no element can be scored."))
	} else {
		r.elementTable()
		d.keep(78)
		y := d.GetY() + 2
		d.SetY(y + d.elementChart(marginLeft, y, textW, r.Result) + 3)

		d.section(d.say("Sebaran Jawaban", "Distribution of Answers"), 80)
		d.para(d.say("Bagian setiap skor jawaban (1 terendah, 4 tertinggi) di antara responden yang menjawab unsur tersebut:",
			"The share of each answer score (1 lowest, 4 highest) among the respondents who answered the element:"))
		y = d.GetY() + 1
		d.SetY(y + d.distributionChart(marginLeft, y, textW, r.Counts.Tally) + 3)
	}
	r.complaintHandling()
	if len(r.Services) > 0 {
		d.section(d.say("Hasil per Jenis Layanan", "Results by Service"), float64(min(len(r.Services), 8)+1)*6.3+6)
		t := d.table([]pdfCol{{62, "L"}, {14, "R"}, {12, "R"}, {22, "C"}}, d.say("Jenis layanan", "Service"), d.say("Responden", "Respondents"), d.say("Nilai", "Score"), d.say("Mutu", "Grade"))
		small := false
		for _, s := range r.Services {
			n := s.Result.Respondents
			if n > 0 && n < analytics.SuppressBelow {
				small = true
				t.row(s.Name.In(r.Lang), "<5", "–", "–")
				continue
			}
			t.row(s.Name.In(r.Lang), pdfInt(r.Lang, n), pdfScore(r.Lang, s.Result), pdfGradeLabel(r.Lang, s.Result.Grade))
		}
		t.end()
		if small {
			d.note(d.say("Layanan dengan kurang dari 5 responden tidak dinilai tersendiri: nilainya dapat mengungkap jawaban perorangan dan terlalu tidak pasti. Jawabannya tetap dihitung dalam nilai unit.",
				"Services with fewer than 5 respondents are not scored on their own: the score could reveal individual answers and is too uncertain. Their answers still count in the unit's score."))
		}
	}
}

// headlineBox shows the index, score, grade and interval in a ruled box.
func (r *unitReport) headlineBox() {
	d := r.d
	if r.Result.Empty {
		d.para(d.sayf("Sampai laporan ini dibuat belum ada responden untuk %s pada %s. Nilai IKM belum dapat dihitung; tidak ada angka yang ditampilkan sebagai nol.",
			"Up to the making of this report no respondent has answered for %s in %s. The index cannot be computed yet; no figure is shown as zero.",
			r.name(), pdfSemester(r.Lang, r.Campaign.Key)))
		return
	}
	res, iv := r.Result, r.Interval
	d.keep(34)
	y := d.GetY() + 1
	d.draw(pdfLine)
	d.SetLineWidth(0.3)
	d.Rect(marginLeft, y, textW, 30, "D")
	g := res.Grade
	d.fill(pdfGradeColor(g))
	d.Rect(marginLeft, y, 34, 30, "FD")
	d.text(pdfGradeInk(g))
	d.SetFont("sans", "B", 30)
	d.SetXY(marginLeft, y+4)
	d.CellFormat(34, 14, string(g), "", 2, "C", false, 0, "")
	d.SetFont("sans", "B", 9)
	d.SetX(marginLeft)
	performance := g.Performance()
	if r.Lang == survey.LangEN {
		performance = g.PerformanceEN()
	}
	d.CellFormat(34, 6, performance, "", 0, "C", false, 0, "")
	d.ink()
	x := marginLeft + 38
	d.SetXY(x, y+3)
	d.SetFont("sans", "", 9)
	d.CellFormat(60, 5, d.say("Nilai IKM unit pelayanan", "Service unit score"), "", 2, "L", false, 0, "")
	d.SetX(x)
	d.SetFont("sans", "B", 24)
	d.CellFormat(60, 11, pdfDec(r.Lang, res.Score, 2), "", 2, "L", false, 0, "")
	d.SetX(x)
	d.SetFont("sans", "", 8.5)
	d.CellFormat(60, 5, d.sayf("IKM (skala 1–4): %s", "IKM (1–4 scale): %s", pdfDec(r.Lang, res.IKM, 4)), "", 0, "L", false, 0, "")
	x2 := marginLeft + 100
	d.SetXY(x2, y+3)
	lines := []string{
		d.sayf("Responden: %s", "Respondents: %s", pdfInt(r.Lang, res.Respondents)),
		d.sayf("Selang kepercayaan 95%%: %s", "95%% confidence interval: %s", pdfInterval(r.Lang, iv)),
	}
	if iv.StraddlesBoundary {
		lines = append(lines, d.say("Selang melintasi batas mutu: mutu belum pasti.", "The interval crosses a grade boundary: the grade is not certain."))
	}
	for _, l := range lines {
		d.SetX(x2)
		d.MultiCell(textW-(x2-marginLeft)-2, 4.6, l, "", "L", false)
	}
	d.SetY(y + 33)
	d.ink()
}

// pdfInterval formats a confidence interval, or says why there is none.
func pdfInterval(lang string, iv analytics.Interval) string {
	if iv.Method == analytics.MethodNone || iv.Method == "" {
		return pdfSay(lang, "tidak dapat diperkirakan", "cannot be estimated")
	}
	return pdfDec(lang, iv.Low, 2) + " – " + pdfDec(lang, iv.High, 2)
}

// profile draws the respondent profile tables two by two, with small cells suppressed.
func (r *unitReport) profile() {
	d := r.d
	total := r.Counts.Respondents
	if total < analytics.SuppressBelow {
		d.para(d.sayf("Profil responden tidak ditampilkan karena jumlah responden kurang dari %d: tabelnya dapat mengungkap identitas responden.",
			"The respondent profile is not shown because there are fewer than %d respondents: its tables could identify them.", analytics.SuppressBelow))
		return
	}
	type part struct {
		title string
		cells []analytics.Cell
		name  func(string) string
	}
	ageUnit := d.say(" tahun", " years")
	occupations := map[string]string{"PNS": "Civil servant", "TNI": "Armed forces", "POLRI": "Police", "Swasta": "Private employee", "Wirausaha": "Self-employed", "Lainnya": "Other"}
	notStated := d.say("Tidak diisi", "Not stated")
	parts := []part{
		{d.say("Jenis kelamin", "Gender"), analytics.Breakdown(r.Counts.Gender, analytics.Genders), func(k string) string {
			return map[string]string{"L": d.say("Laki-laki", "Male"), "P": d.say("Perempuan", "Female")}[k]
		}},
		{d.say("Usia", "Age"), analytics.Breakdown(r.Counts.AgeBand, analytics.AgeBands), func(k string) string { return k + ageUnit }},
		{d.say("Pendidikan", "Education"), analytics.Breakdown(r.Counts.Education, analytics.Educations), func(k string) string { return k }},
		{d.say("Pekerjaan", "Occupation"), analytics.Breakdown(r.Counts.Occupation, analytics.Occupations), func(k string) string {
			if en, ok := occupations[k]; ok && r.Lang == survey.LangEN {
				return en
			}
			return k
		}},
	}
	const gap = 8.0
	half := (textW - gap) / 2
	for i := 0; i < len(parts); i += 2 {
		rows := max(len(parts[i].cells), len(parts[i+1].cells)) + 2
		d.keep(float64(rows)*6.3 + 4)
		top := d.GetY()
		bottom := top
		for j, p := range parts[i : i+2] {
			d.SetY(top)
			t := d.tableAt(marginLeft+float64(j)*(half+gap), half, 8.5, []pdfCol{{44, "L"}, {16, "R"}, {18, "R"}}, p.title, d.say("Jumlah", "Count"), "%")
			for _, c := range p.cells {
				label := notStated
				if c.Key != survey.NotStated {
					label = p.name(c.Key)
					if label == "" {
						label = c.Key
					}
				}
				share := "–"
				if !c.Suppressed {
					share = pdfDec(r.Lang, c.Share, 1)
				}
				t.row(label, c.Display(), share)
			}
			t.total(d.say("Jumlah", "Total"), pdfInt(r.Lang, total), pdfDec(r.Lang, 100, 1))
			bottom = max(bottom, d.GetY())
		}
		d.SetY(bottom + 4)
	}
	d.note(d.sayf("Kategori dengan kurang dari %d responden ditampilkan sebagai \"<5\" agar responden tidak dapat dikenali; bila hanya satu kategori yang disamarkan, satu kategori lain ikut disamarkan.",
		"Categories with fewer than %d respondents are shown as \"<5\" so that no respondent can be identified; when only one category would be hidden, another is hidden with it.", analytics.SuppressBelow))
}

// elementTable lists each element's answers, NRR, weighted NRR, score and grade, and the index.
func (r *unitReport) elementTable() {
	d := r.d
	d.keep(float64(len(r.Result.Elements)+2)*6.5 + 8)
	t := d.table([]pdfCol{{5, "C"}, {40, "L"}, {10, "R"}, {9, "R"}, {13, "R"}, {9, "R"}, {9, "C"}},
		"No", d.say("Unsur pelayanan", "Element of service"), d.say("Jawaban", "Answers"), "NRR", d.say("NRR tertimbang", "Weighted NRR"), d.say("Nilai", "Score"), d.say("Mutu", "Grade"))
	for i, e := range r.Result.Elements {
		name := e.Code + "  " + pdfElementName(r.Lang, e.Code)
		if e.Answered == 0 {
			t.row(strconv.Itoa(i+1), name, "0", "–", "–", "–", d.say("tidak dijawab", "unanswered"))
			continue
		}
		t.rowWith(pdfRow{fills: map[int]pdfColor{6: pdfGradeColor(e.Grade)}, inks: map[int]pdfColor{6: pdfGradeInk(e.Grade)}},
			strconv.Itoa(i+1), name, pdfInt(r.Lang, e.Answered), pdfDec(r.Lang, e.NRR, 3), pdfDec(r.Lang, e.WeightedNRR, 4), pdfDec(r.Lang, e.Score, 2), string(e.Grade))
	}
	t.total("", d.say("Indeks (jumlah NRR tertimbang) dan nilai IKM", "Index (sum of weighted NRR) and score"), "", "",
		pdfDec(r.Lang, r.Result.IKM, 4), pdfDec(r.Lang, r.Result.Score, 2), string(r.Result.Grade))
	t.end()
}

func (r *unitReport) analysis() {
	d := r.d
	d.chapter(d.say("Analisis", "Analysis"), true)
	d.section(d.say("Kelemahan dan Kekuatan", "Weaknesses and Strengths"), 70)
	if len(r.Priorities) == 0 {
		d.para(d.say("Belum ada jawaban, sehingga kelemahan dan kekuatan unsur belum dapat dianalisis.", "There are no answers yet, so the elements' weaknesses and strengths cannot be analysed."))
	} else {
		d.keepRows(len(r.Priorities))
		t := d.table([]pdfCol{{11, "C"}, {50, "L"}, {12, "R"}, {14, "C"}, {20, "C"}},
			d.say("Peringkat", "Rank"), d.say("Unsur pelayanan", "Element of service"), d.say("Nilai", "Score"), d.say("Mutu", "Grade"), d.say("Prioritas tindak lanjut", "Follow-up priority"))
		for i, p := range r.Priorities {
			yes := d.say("Tidak", "No")
			if p.FollowUp {
				yes = d.say("Ya", "Yes")
			}
			t.rowWith(pdfRow{fills: map[int]pdfColor{3: pdfGradeColor(p.Grade)}, inks: map[int]pdfColor{3: pdfGradeInk(p.Grade)}},
				strconv.Itoa(i+1), p.Code+"  "+pdfElementName(r.Lang, p.Code), pdfDec(r.Lang, p.Score, 2), string(p.Grade), yes)
		}
		t.end()
		d.para(r.weakStrongText(len(r.Priorities)))
	}

	d.section(d.say("Perkembangan Antarperiode", "Trend over Periods"), 70)
	r.trend()

	d.section(d.say("Rencana Tindak Lanjut", "Follow-up Plan"), 60)
	r.followUp()

	d.section(d.say("Tindak Lanjut Periode Sebelumnya", "Follow-up of the Previous Period"), 20)
	if len(r.PreviousFollowUp) == 0 {
		d.para(d.say("Tidak ada rencana tindak lanjut periode sebelumnya yang tercatat dalam aplikasi.", "No follow-up plan of the previous period is recorded in the application."))
	} else {
		d.keepRows(len(r.PreviousFollowUp) * 2)
		t := d.table([]pdfCol{{6, "C"}, {28, "L"}, {40, "L"}, {16, "L"}, {22, "L"}, {24, "L"}},
			"No", d.say("Unsur", "Element"), d.say("Program/kegiatan", "Programme/activity"), d.say("Waktu", "Timing"), d.say("Penanggung jawab", "Responsible"), d.say("Status", "Status"))
		for i, it := range r.PreviousFollowUp {
			t.row(strconv.Itoa(i+1), it.Element+"  "+pdfElementName(r.Lang, it.Element), it.Activity, it.Timing, it.Responsible, it.Status)
		}
		t.end()
	}
}

// weakStrongText names the elements to improve, at most limit of them, and the strongest ones.
func (r *unitReport) weakStrongText(limit int) string {
	d := r.d
	var weak []string
	for _, p := range r.Priorities {
		if p.FollowUp && len(weak) < limit {
			weak = append(weak, p.Code+" "+pdfElementName(r.Lang, p.Code)+" ("+pdfDec(r.Lang, p.Score, 2)+")")
		}
	}
	var strong []string
	for i := len(r.Priorities) - 1; i >= 0 && len(strong) < 3; i-- {
		p := r.Priorities[i]
		if !p.FollowUp {
			strong = append(strong, p.Code+" "+pdfElementName(r.Lang, p.Code)+" ("+pdfDec(r.Lang, p.Score, 2)+")")
		}
	}
	var b strings.Builder
	if len(weak) > 0 {
		b.WriteString(d.sayf("Unsur yang perlu diprioritaskan karena nilainya di bawah rata-rata unit atau bermutu C/D: %s. ",
			"Elements to prioritise, scoring below the unit's average or graded C/D: %s. ", pdfJoin(r.Lang, weak)))
	} else {
		b.WriteString(d.say("Tidak ada unsur yang di bawah rata-rata unit atau bermutu C/D. ", "No element scores below the unit's average or is graded C/D. "))
	}
	if len(strong) > 0 {
		b.WriteString(d.sayf("Unsur terkuat: %s.", "Strongest elements: %s.", pdfJoin(r.Lang, strong)))
	}
	return b.String()
}

// pdfJoin joins items as a sentence does: a, b dan c.
func pdfJoin(lang string, items []string) string {
	and := " dan "
	if lang == survey.LangEN {
		and = " and "
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], "; ") + ";" + and + items[len(items)-1]
}

// trend draws the trend chart and the table of scores and changes per campaign.
func (r *unitReport) trend() {
	d := r.d
	scored := 0
	for _, p := range r.Trend {
		if !p.Result.Empty {
			scored++
		}
	}
	steps, err := analytics.Trend(r.Trend)
	if errors.Is(err, analytics.ErrMixedRegimes) {
		d.para(d.say("Hasil periode sebelumnya dihitung dengan aturan lain (KepMenPAN 25/2004) dan tidak dapat dibandingkan.", "Earlier results were computed under another regulation (KepMenPAN 25/2004) and do not compare."))
		return
	}
	if scored < 2 {
		d.para(d.say("Belum ada hasil periode sebelumnya untuk dibandingkan.", "There is no earlier result to compare with yet."))
		return
	}
	d.keep(64)
	y := d.GetY() + 1
	d.SetY(y + d.trendChart(marginLeft, y, textW, 58, r.Trend) + 3)
	byTo := map[string]analytics.TrendStep{}
	for _, s := range steps {
		byTo[s.To] = s
	}
	t := d.table([]pdfCol{{30, "L"}, {14, "R"}, {12, "R"}, {22, "C"}, {14, "R"}, {18, "C"}},
		d.say("Periode", "Period"), d.say("Responden", "Respondents"), d.say("Nilai", "Score"), d.say("Mutu", "Grade"), d.say("Perubahan", "Change"), d.say("Bermakna", "Significant"))
	for _, p := range r.Trend {
		change, sig := "–", "–"
		if s, ok := byTo[p.Campaign]; ok {
			change = pdfSigned(r.Lang, s.Overall.Delta, 2)
			sig = d.say("Tidak", "No")
			if s.Overall.Significant {
				sig = d.say("Ya", "Yes")
			}
		}
		t.row(pdfSemester(r.Lang, p.Campaign), pdfInt(r.Lang, p.Result.Respondents), pdfScore(r.Lang, p.Result), pdfGradeLabel(r.Lang, p.Result.Grade), change, sig)
	}
	t.end()
	d.note(d.say("Perubahan disebut bermakna bila lebih besar dari ketidakpastian sampel kedua periode (1,96 × galat baku gabungan); perubahan yang tidak bermakna dapat terjadi karena kebetulan sampel.",
		"A change is significant when it exceeds the sampling uncertainty of both periods (1.96 × the combined standard error); a change that is not may be chance."))
	if len(steps) > 0 {
		last := steps[len(steps)-1]
		if last.To == r.Campaign.Key && len(last.Elements) > 0 {
			d.keepRows(len(last.Elements))
			t := d.table([]pdfCol{{50, "L"}, {14, "R"}, {14, "R"}, {14, "R"}, {14, "C"}},
				d.say("Unsur pelayanan", "Element of service"), pdfSemesterShort(r.Lang, last.From), pdfSemesterShort(r.Lang, last.To), d.say("Perubahan", "Change"), d.say("Bermakna", "Significant"))
			for _, c := range last.Elements {
				sig := d.say("Tidak", "No")
				if c.Significant {
					sig = d.say("Ya", "Yes")
				}
				t.row(c.Code+"  "+pdfElementName(r.Lang, c.Code), pdfDec(r.Lang, c.From, 2), pdfDec(r.Lang, c.To, 2), pdfSigned(r.Lang, c.Delta, 2), sig)
			}
			t.end()
		}
	}
}

// followUp prints the plan, or rows to fill by hand for each priority element.
func (r *unitReport) followUp() {
	d := r.d
	items := r.FollowUp
	blank := len(items) == 0
	if blank {
		for _, p := range r.Priorities {
			if p.FollowUp {
				items = append(items, FollowUpItem{Element: p.Code})
			}
		}
		for len(items) < 3 {
			items = append(items, FollowUpItem{})
		}
		d.para(d.say("Rencana tindak lanjut disusun oleh unit pelayanan untuk unsur prioritas di atas dan ditandatangani kepala unit. Isian di bawah disediakan untuk dilengkapi.",
			"The follow-up plan is drawn up by the service unit for the priority elements above and signed by the unit's head. The rows below are left to be filled in."))
	}
	d.keepRows(len(items) * 2)
	t := d.table([]pdfCol{{6, "C"}, {30, "L"}, {44, "L"}, {18, "L"}, {26, "L"}},
		"No", d.say("Unsur prioritas", "Priority element"), d.say("Program/kegiatan", "Programme/activity"), d.say("Waktu", "Timing"), d.say("Penanggung jawab", "Responsible official"))
	for i, it := range items {
		element := ""
		if it.Element != "" {
			element = it.Element + "  " + pdfElementName(r.Lang, it.Element)
		}
		o := pdfRow{}
		if blank {
			o.minH = 13
		}
		t.rowWith(o, strconv.Itoa(i+1), element, it.Activity, it.Timing, it.Responsible)
	}
	t.end()
}

func (r *unitReport) conclusion() {
	d := r.d
	d.chapter(d.say("Kesimpulan", "Conclusion"), true)
	semester := pdfSemester(r.Lang, r.Campaign.Key)
	if r.Result.Empty {
		d.para(d.sayf("Sampai laporan ini dibuat belum ada responden untuk %s pada %s, sehingga nilai IKM belum dapat dihitung. Unit pelayanan perlu memastikan kuesioner tersedia bagi setiap pengguna layanan: kode QR di loket, tablet di ruang tunggu, atau kuesioner kertas.",
			"Up to the making of this report no respondent has answered for %s in %s, so the index cannot be computed. The unit should make sure every service user can reach the questionnaire: the QR code at the counter, a tablet in the waiting room, or paper forms.",
			r.name(), semester))
	} else {
		d.para(d.sayf("Berdasarkan jawaban %s responden, nilai IKM %s pada %s adalah %s, dengan mutu pelayanan %s dan kinerja unit pelayanan %s.",
			"From the answers of %s respondents, the score of %s in %s is %s, grade %s, performance \"%s\".",
			pdfInt(r.Lang, r.Result.Respondents), r.name(), semester, pdfDec(r.Lang, r.Result.Score, 2), string(r.Result.Grade), r.performance()))
		var more []string
		if iv := r.Interval; iv.Method != analytics.MethodNone && iv.Method != "" {
			more = append(more, d.sayf("Dengan selang kepercayaan 95%%, nilai sebenarnya berada antara %s dan %s.", "With 95%% confidence the true score lies between %s and %s.",
				pdfDec(r.Lang, iv.Low, 2), pdfDec(r.Lang, iv.High, 2)))
		}
		if r.Adequacy.Population > 0 && !r.Adequacy.Reached {
			more = append(more, d.sayf("Jumlah responden belum memenuhi sampel minimum %s, sehingga hasil ini perlu dibaca dengan hati-hati.", "The respondents fall short of the minimum sample of %s, so this result must be read with care.", pdfInt(r.Lang, r.Adequacy.Target)))
		}
		if steps, err := analytics.Trend(r.Trend); err == nil && len(steps) > 0 && steps[len(steps)-1].To == r.Campaign.Key {
			s := steps[len(steps)-1].Overall
			word := d.say("tidak bermakna", "not significant")
			if s.Significant {
				word = d.say("bermakna", "significant")
			}
			more = append(more, d.sayf("Dibandingkan %s, nilai berubah %s poin (%s).", "Compared with %s, the score changed by %s points (%s).",
				pdfSemester(r.Lang, steps[len(steps)-1].From), pdfSigned(r.Lang, s.Delta, 2), word))
		}
		more = append(more, r.weakStrongText(3))
		d.para(strings.Join(more, " "))
		d.para(d.say("Hasil survei ini dipublikasikan kepada masyarakat dan ditindaklanjuti melalui rencana tindak lanjut pada Bab IV.",
			"These results are published to the public and followed up through the plan in chapter IV."))
	}
	d.signature(pdfPlace(r.Region.Name), d.sayf("Kepala %s", "Head of %s", r.name()), r.HeadName, r.HeadNIP, true)
}

func (r *unitReport) performance() string {
	if r.Lang == survey.LangEN {
		return r.Result.Grade.PerformanceEN()
	}
	return r.Result.Grade.Performance()
}

func (r *unitReport) appendices() error {
	d := r.d
	d.appendix(d.say("Lampiran", "Appendix"))
	d.section(d.say("Kuesioner", "Questionnaire"), 20)
	title := r.Questionnaire.Title.In(r.Lang)
	d.para(d.sayf("\"%s\", versi %d. Selain sembilan pertanyaan di bawah, responden mengisi profil: jenis kelamin, usia, pendidikan, pekerjaan dan jenis layanan yang diterima.",
		"\"%s\", version %d. Besides the nine questions below, respondents give their profile: gender, age, education, occupation and the service received.", title, r.Questionnaire.Version))
	t := d.table([]pdfCol{{6, "C"}, {10, "C"}, {50, "L"}, {34, "L"}}, "No", d.say("Unsur", "Element"), d.say("Pertanyaan", "Question"), d.say("Pilihan jawaban (skor)", "Answers (score)"))
	for i, q := range r.Questionnaire.Questions {
		var answers []string
		for j, a := range q.Answers {
			answers = append(answers, strconv.Itoa(j+1)+". "+a.In(r.Lang))
		}
		t.row(strconv.Itoa(i+1), q.Element, q.Text.In(r.Lang), strings.Join(answers, "\n"))
	}
	t.end()

	d.section(d.say("Metode Perhitungan", "Method of Computation"), 20)
	d.methodAppendix()

	d.section(d.say("Rekapitulasi Jawaban", "Tabulation of Answers"), 75)
	d.para(d.say("Jumlah jawaban per unsur dan per skor, sumber seluruh nilai dalam laporan ini:", "The number of answers per element and score, the source of every figure in this report:"))
	d.keepRows(len(r.Counts.Elements))
	tt := d.table([]pdfCol{{34, "L"}, {9, "R"}, {9, "R"}, {9, "R"}, {9, "R"}, {11, "R"}, {11, "R"}, {9, "R"}},
		d.say("Unsur", "Element"), d.say("Skor 1", "Score 1"), d.say("Skor 2", "Score 2"), d.say("Skor 3", "Score 3"), d.say("Skor 4", "Score 4"), d.say("Jawaban", "Answers"), d.say("Jumlah skor", "Sum of scores"), "NRR")
	for i, dist := range r.Counts.Elements {
		code := analytics.ElementCodes[i]
		nrr := "–"
		if dist.Answered() > 0 {
			nrr = pdfDec(r.Lang, float64(dist.Sum())/float64(dist.Answered()), 3)
		}
		tt.row(code+"  "+pdfElementName(r.Lang, code), pdfInt(r.Lang, dist[0]), pdfInt(r.Lang, dist[1]), pdfInt(r.Lang, dist[2]), pdfInt(r.Lang, dist[3]),
			pdfInt(r.Lang, dist.Answered()), pdfInt(r.Lang, dist.Sum()), nrr)
	}
	tt.end()
	d.para(d.sayf("Jumlah responden: %s, termasuk %s jawaban bertanda (pola jawaban seragam).", "Respondents: %s, of whom %s flagged (identical answers throughout).",
		pdfInt(r.Lang, r.Counts.Respondents), pdfInt(r.Lang, r.Flagged)))

	d.section(d.say("Keaslian Dokumen", "Authenticity"), 50)
	d.para(d.sayf("Laporan ini diterbitkan oleh aplikasi Survei Kepuasan Masyarakat %s. Sidik jari SHA-256 berkas ini dicatat saat diterbitkan; halaman verifikasi menyatakan apakah sebuah berkas asli dan tidak diubah sedikit pun.",
		"This report was issued by the Public Satisfaction Survey application of %s. The SHA-256 fingerprint of this file was recorded when it was issued; the verification page tells whether a file is genuine and unchanged in any way.",
		pdfGovernment(r.Lang, r.Region.Name)))
	d.keep(36)
	return d.verificationBox(d.GetY() + 1)
}

// complaintHandling reports how the unit kept to the rule for answering complaints, beside what
// respondents said of complaint handling (element U8).
func (r *unitReport) complaintHandling() {
	d, sla := r.d, r.CaseSLA
	if !complaintSection(d, sla, 30) {
		return
	}
	text := d.sayf("Dalam periode ini unit menerima %s pengaduan dan saran tertulis dari warga; %s telah dijawab. Aturan waktunya: dijawab dalam %s.",
		"In the period the unit received %s written complaints and suggestions from residents; %s have been answered. The rule: answered within %s.",
		pdfInt(r.Lang, sla.Cases), pdfInt(r.Lang, sla.Answered), r.CaseRule)
	text += slaFigures(d, r.Lang, sla)
	if sla.Open > 0 {
		text += " " + d.sayf("%s belum dijawab, %s di antaranya melewati batas waktu.", "%s are not answered yet, %s of them past due.", pdfInt(r.Lang, sla.Open), pdfInt(r.Lang, sla.Overdue))
	}
	if u8 := r.Result.Elements[7]; u8.Answered > 0 {
		text += " " + d.sayf("Responden menilai unsur penanganan pengaduan %s (mutu %s).", "Respondents scored complaint handling %s (grade %s).",
			pdfDec(r.Lang, u8.Score, 2), u8.Grade)
	}
	d.para(text)
}

// complaintSection opens the section on complaint handling, and reports whether there are cases
// to say more of: it is left out without figures, and says so when no case came in.
func complaintSection(d *pdfDoc, sla *analytics.SLA, space float64) bool {
	if sla == nil {
		return false
	}
	d.section(d.say("Penanganan Pengaduan dan Saran (Unsur U8)", "Handling of Complaints and Suggestions (Element U8)"), space)
	if sla.Cases == 0 {
		d.para(d.say("Tidak ada pengaduan atau saran tertulis yang diterima dalam periode ini.", "No written complaint or suggestion was received in the period."))
		return false
	}
	return true
}

// slaFigures says how many cases were answered in time and how fast, as sentences to append.
func slaFigures(d *pdfDoc, lang string, sla *analytics.SLA) string {
	var text string
	if sla.Decided > 0 {
		text += " " + d.sayf("%s%% dijawab tepat waktu.", "%s%% were answered in time.", pdfDec(lang, sla.InTimePercent, 1))
	}
	if sla.Answered > 0 {
		text += " " + d.sayf("Median waktu menjawab %s.", "The median time to answer was %s.", pdfDuration(lang, sla.MedianAnswer))
	}
	return text
}

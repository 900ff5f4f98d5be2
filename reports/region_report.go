package reports

import (
	"cmp"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// RegionReportData is what the region's consolidated report shows: every unit of a campaign
// ranked and compared, for the head of the region to sign.
type RegionReportData struct {
	Issue
	// Lang is survey.LangID (the default when empty) or survey.LangEN.
	Lang     string
	Region   survey.Region
	Campaign survey.Campaign
	// Summary is analytics.Rollup of the campaign's units, whose IDs are the unit slugs.
	Summary analytics.Summary
	// Units holds, by slug, what the report shows of each unit beyond its figures.
	Units map[string]RegionUnit
	// Previous is the key of the campaign the changes are measured from; empty when none.
	Previous string
	// Trend is the region's pooled result over past campaigns, oldest first, ending with this one.
	Trend []analytics.Point
	// CaseSLA is how the region's units answered residents' complaints and suggestions, and
	// CaseRule the answer rule in words; the section is left out when CaseSLA is nil.
	CaseSLA  *analytics.SLA
	CaseRule string
	// HeadName is the name of the head of the region who signs; a line to write on when empty.
	HeadName string
	// Logo is a PNG or JPEG for the cover's logo slot, which stays empty without one.
	Logo []byte
}

// RegionUnit is what the regional report shows of a unit beyond its figures in the Summary.
type RegionUnit struct {
	Name    survey.Text
	OPD     string
	Flagged int64
	// Previous is the unit's result in the Previous campaign; nil when it was not surveyed then.
	Previous *analytics.Point
	// CaseSLA is how the unit answered complaints and suggestions.
	CaseSLA analytics.SLA
}

// RegionReport writes the region's consolidated report as an A4 PDF to w. The same data (and the
// same Issue.Generated) always gives the same bytes.
func RegionReport(w io.Writer, data RegionReportData) error {
	lang, err := pdfLang(data.Lang)
	if err != nil {
		return err
	}
	data.Lang = lang
	if err := data.Issue.validate(); err != nil {
		return err
	}
	if _, _, err := survey.ParseSemester(data.Campaign.Key); err != nil {
		return err
	}
	if strings.TrimSpace(data.Region.Name) == "" {
		return survey.Errorf(survey.EINVALID, "A regional report needs the region's name.")
	}
	r := &regionReport{RegionReportData: data}
	r.d = newPDFDoc(lang, data.Issue,
		pdfSayf(lang, "Laporan Hasil Survei Kepuasan Masyarakat %s", "Public Satisfaction Survey Report %s", data.Region.Name),
		pdfSemester(lang, data.Campaign.Key))
	if err := r.write(); err != nil {
		return err
	}
	return r.d.finish(w)
}

type regionReport struct {
	RegionReportData
	d *pdfDoc
}

// unitName names a ranked unit in the report's language.
func (r *regionReport) unitName(id string) string {
	if u, ok := r.Units[id]; ok && u.Name.ID != "" {
		return u.Name.In(r.Lang)
	}
	return id
}

func (r *regionReport) scored() int {
	n := 0
	for _, u := range r.Summary.Ranking {
		if !u.Result.Empty {
			n++
		}
	}
	return n
}

func (r *regionReport) write() error {
	d := r.d
	pooled := r.Summary.Pooled
	headline := d.say("Belum ada responden pada periode ini", "No respondents in this period yet")
	if !pooled.Empty {
		headline = d.sayf("IKM gabungan %s · Mutu %s · %s responden", "Pooled score %s · Grade %s · %s respondents",
			pdfDec(r.Lang, pooled.Score, 2), pdfGradeLabel(r.Lang, pooled.Grade), pdfInt(r.Lang, pooled.Respondents))
	}
	err := d.cover(pdfCover{
		lines:    []string{d.say("LAPORAN HASIL", "REPORT ON THE"), d.say("SURVEI KEPUASAN MASYARAKAT", "PUBLIC SATISFACTION SURVEY"), strings.ToUpper(pdfSemester(r.Lang, r.Campaign.Key))},
		subject:  r.Region.Name,
		note:     d.sayf("Rekapitulasi %d unit penyelenggara pelayanan publik", "Summary of %d public service units", len(r.Summary.Ranking)),
		period:   d.sayf("Periode %s", "Period %s", pdfPeriod(r.Lang, r.Campaign.Key)),
		headline: headline,
		issuer:   pdfGovernment(r.Lang, r.Region.Name),
		demo:     r.Region.Demo,
		logo:     r.Logo,
	})
	if err != nil {
		return err
	}
	d.header = d.sayf("Laporan Hasil SKM · %s · %s", "Satisfaction Survey Report · %s · %s", r.Region.Name, pdfSemester(r.Lang, r.Campaign.Key))
	r.introduction()
	r.collection()
	r.results()
	r.analysis()
	r.conclusion()
	r.unitPages()
	d.appendix(d.say("Lampiran", "Appendix"))
	d.section(d.say("Metode Perhitungan", "Method of Computation"), 20)
	d.methodAppendix()
	d.section(d.say("Keaslian Dokumen", "Authenticity"), 50)
	d.para(d.say("Sidik jari SHA-256 berkas ini dicatat saat diterbitkan; halaman verifikasi menyatakan apakah sebuah berkas asli dan tidak diubah sedikit pun.",
		"The SHA-256 fingerprint of this file was recorded when it was issued; the verification page tells whether a file is genuine and unchanged in any way."))
	d.keep(36)
	return d.verificationBox(d.GetY() + 1)
}

func (r *regionReport) introduction() {
	d := r.d
	d.chapter(d.say("Pendahuluan", "Introduction"), true)
	d.section(d.say("Latar Belakang", "Background"), 20)
	d.para(d.sayf("Setiap unit penyelenggara pelayanan publik wajib melakukan Survei Kepuasan Masyarakat (SKM) secara berkala, sekurang-kurangnya satu kali dalam setahun, sesuai Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017. %s melaksanakan survei ini setiap semester di seluruh unit pelayanannya. Laporan ini merekapitulasi hasil %d unit pada %s (%s) sebagai bahan evaluasi kinerja pelayanan publik daerah.",
		"Every public service unit must survey its users' satisfaction regularly, at least once a year, under Regulation of the Minister for Administrative and Bureaucratic Reform No. 14 of 2017. %s runs the survey every semester in all its service units. This report summarises the results of %d units in %s (%s) for the evaluation of the region's public services.",
		pdfGovernment(r.Lang, r.Region.Name), len(r.Summary.Ranking), pdfSemester(r.Lang, r.Campaign.Key), pdfPeriod(r.Lang, r.Campaign.Key)))
	d.section(d.say("Dasar Hukum", "Legal Basis"), 20)
	d.legalBasis()
	d.section(d.say("Maksud dan Tujuan", "Aims"), 20)
	d.list([]string{
		d.say("mengetahui tingkat kepuasan masyarakat terhadap pelayanan publik di daerah secara keseluruhan dan per unit;", "measure the public's satisfaction with the region's services as a whole and unit by unit;"),
		d.say("membandingkan kinerja antarunit dan antarperiode;", "compare the units with each other and with earlier periods;"),
		d.say("menemukan unsur pelayanan yang paling perlu diperbaiki di seluruh daerah;", "find the elements of service most in need of improvement across the region;"),
		d.say("menjadi dasar pembinaan unit pelayanan dan penilaian kinerja pelayanan publik (PermenPANRB 29/2022).", "ground the guidance of service units and the evaluation of public service performance (PermenPANRB 29/2022)."),
	})
}

func (r *regionReport) collection() {
	d := r.d
	d.chapter(d.say("Pengumpulan Data", "Data Collection"), false)
	d.section(d.say("Cakupan", "Coverage"), 20)
	var flagged, unknown int64
	for _, u := range r.Summary.Ranking {
		flagged += r.Units[u.Unit.ID].Flagged
		if u.Unit.Population <= 0 {
			unknown++
		}
	}
	pairs := [][2]string{
		{d.say("Unit pelayanan disurvei", "Units surveyed"), strconv.Itoa(len(r.Summary.Ranking))},
		{d.say("Unit dengan responden", "Units with respondents"), strconv.Itoa(r.scored())},
		{d.say("Jumlah responden", "Respondents"), pdfInt(r.Lang, r.Summary.Pooled.Respondents)},
		{d.say("Jawaban bertanda", "Flagged responses"), d.sayf("%s (pola jawaban seragam; tetap dihitung)", "%s (identical answers throughout; counted)", pdfInt(r.Lang, flagged))},
		{d.say("Kuesioner", "Questionnaire"), d.sayf("versi %s (PermenPANRB 14/2017, sembilan unsur)", "version %s (PermenPANRB 14/2017, nine elements)", strings.TrimPrefix(r.Campaign.Questionnaire, "v"))},
	}
	if span := pdfSpan(r.Lang, r.Campaign.OpensAt, r.Campaign.ClosesAt, r.Region.Location()); span != "" {
		pairs = append(pairs, [2]string{d.say("Jadwal pengumpulan", "Collection schedule"), span})
	}
	d.facts(pairs, 48)
	d.para(d.say("Responden mengisi kuesioner setelah menerima pelayanan, melalui formulir daring (kode QR di loket), tablet di loket, atau kuesioner kertas yang direkapitulasi petugas.",
		"Respondents answered after receiving the service, through the online form (a QR code at the counter), a tablet at the counter, or paper forms entered by staff."))

	d.section(d.say("Kecukupan Sampel", "Sample Adequacy"), 20)
	below := r.Summary.BelowTarget
	if len(below) == 0 {
		d.para(d.say("Semua unit yang populasinya diketahui telah memenuhi sampel minimum Krejcie dan Morgan.", "Every unit with a known population reached its Krejcie and Morgan minimum sample."))
	} else {
		d.para(d.sayf("Sebanyak %d unit belum memenuhi sampel minimum Krejcie dan Morgan; hasilnya perlu dibaca dengan hati-hati:",
			"%d units fall short of their Krejcie and Morgan minimum sample; their results must be read with care:", len(below)))
		d.keepRows(min(len(below), 6))
		t := d.table([]pdfCol{{56, "L"}, {14, "R"}, {12, "R"}, {12, "R"}, {12, "R"}},
			d.say("Unit pelayanan", "Service unit"), d.say("Populasi", "Population"), d.say("Target", "Target"), d.say("Responden", "Respondents"), d.say("Capaian", "Reached"))
		for _, u := range below {
			t.row(r.unitName(u.Unit.ID), pdfInt(r.Lang, u.Adequacy.Population), pdfInt(r.Lang, u.Adequacy.Target), pdfInt(r.Lang, u.Adequacy.Respondents), pdfPct(r.Lang, u.Adequacy.Respondents, u.Adequacy.Target))
		}
		t.end()
	}
	if unknown > 0 {
		d.para(d.sayf("Populasi %d unit belum diisi, sehingga kecukupan sampelnya tidak dapat dinilai.", "The population of %d units is not entered, so their sample adequacy cannot be judged.", unknown))
	}
}

func (r *regionReport) results() {
	d := r.d
	d.chapter(d.say("Hasil", "Results"), true)
	d.section(d.say("Indeks Kepuasan Masyarakat Daerah", "The Region's Index"), 20)
	pooled := r.Summary.Pooled
	if pooled.Empty {
		d.para(d.sayf("Sampai laporan ini dibuat belum ada responden pada %s, sehingga indeks daerah belum dapat dihitung; tidak ada angka yang ditampilkan sebagai nol.",
			"Up to the making of this report nobody has answered in %s, so the region's index cannot be computed; no figure is shown as zero.", pdfSemester(r.Lang, r.Campaign.Key)))
		return
	}
	meanGrade := analytics.GradeOf(int64(math.Round(r.Summary.MeanOfUnits * 100)))
	t := d.table([]pdfCol{{60, "L"}, {20, "R"}, {25, "C"}}, d.say("Ukuran", "Measure"), d.say("Nilai", "Score"), d.say("Mutu", "Grade"))
	t.rowWith(pdfRow{bold: true, fills: map[int]pdfColor{2: pdfGradeColor(pooled.Grade)}, inks: map[int]pdfColor{2: pdfGradeInk(pooled.Grade)}},
		d.say("IKM gabungan (seluruh responden)", "Pooled score (all respondents)"), pdfDec(r.Lang, pooled.Score, 2), pdfGradeLabel(r.Lang, pooled.Grade))
	t.rowWith(pdfRow{fills: map[int]pdfColor{2: pdfGradeColor(meanGrade)}, inks: map[int]pdfColor{2: pdfGradeInk(meanGrade)}},
		d.sayf("Rata-rata nilai %d unit", "Mean of %d unit scores", r.scored()), pdfDec(r.Lang, r.Summary.MeanOfUnits, 2), pdfGradeLabel(r.Lang, meanGrade))
	t.end()
	d.para(d.say("IKM gabungan dihitung dari seluruh jawaban di daerah, sehingga setiap responden berbobot sama dan unit besar lebih berpengaruh; rata-rata nilai unit memberi bobot sama kepada setiap unit. Keduanya menjawab pertanyaan berbeda: seberapa puas pengguna layanan di daerah, dan seberapa baik unit pada umumnya.",
		"The pooled score is computed from every answer in the region, so each respondent weighs the same and large units count more; the mean of unit scores weighs each unit the same. They answer different questions: how satisfied the region's service users are, and how well the typical unit does."))

	d.section(d.say("Peringkat Unit Pelayanan", "Ranking of Service Units"), 40)
	r.ranking()

	d.section(d.say("Sebaran Mutu Pelayanan", "Distribution of Grades"), 45)
	y := d.GetY() + 1
	d.SetY(y + d.gradeCountChart(marginLeft, y, textW*0.8, r.Summary.Grades) + 2)
	var parts2 []string
	for _, g := range analytics.Grades {
		parts2 = append(parts2, d.sayf("%d unit bermutu %s", "%d units graded %s", r.Summary.Grades[g], string(g)))
	}
	d.para(d.sayf("Dari %d unit yang dinilai: %s.", "Of the %d scored units: %s.", r.scored(), pdfJoin(r.Lang, parts2)))

	d.section(d.say("Nilai Unsur per Unit", "Element Scores by Unit"), 60)
	r.heatMap()
}

// ranking lists the units by score with their sample, interval and grade.
func (r *regionReport) ranking() {
	d := r.d
	t := d.table([]pdfCol{{12, "C"}, {52, "L"}, {13, "R"}, {10, "R"}, {10, "R"}, {20, "C"}, {9, "C"}},
		d.say("Peringkat", "Rank"), d.say("Unit pelayanan", "Service unit"), d.say("Responden", "Respondents"), d.say("Target", "Target"), d.say("Nilai", "Score"), d.say("Selang 95%", "95% interval"), d.say("Mutu", "Grade"))
	for _, u := range r.Summary.Ranking {
		target := "–"
		if u.Adequacy.Target > 0 {
			target = pdfInt(r.Lang, u.Adequacy.Target)
		}
		if u.Result.Empty {
			t.row("–", r.unitName(u.Unit.ID), "0", target, "–", "–", "–")
			continue
		}
		t.rowWith(pdfRow{fills: map[int]pdfColor{6: pdfGradeColor(u.Result.Grade)}, inks: map[int]pdfColor{6: pdfGradeInk(u.Result.Grade)}},
			strconv.Itoa(u.Rank), r.unitName(u.Unit.ID), pdfInt(r.Lang, u.Result.Respondents), target,
			pdfDec(r.Lang, u.Result.Score, 2), pdfInterval(r.Lang, u.Interval), string(u.Result.Grade))
	}
	t.end()
}

// heatMap shows every unit's element scores as a table whose cells take their grade's colour.
func (r *regionReport) heatMap() {
	d := r.d
	d.para(d.say("Setiap sel berwarna menurut mutu nilai unsur tersebut (A paling terang, D paling gelap), sehingga unsur lemah tampak sekilas, juga bila dicetak hitam-putih.",
		"Each cell takes the colour of its element's grade (A lightest, D darkest), so weak elements show at a glance, also when printed in black and white."))
	cols := []pdfCol{{6, "C"}, {36, "L"}}
	head := []string{"No", d.say("Unit pelayanan", "Service unit")}
	for _, code := range analytics.ElementCodes {
		cols = append(cols, pdfCol{7.4, "C"})
		head = append(head, code)
	}
	cols = append(cols, pdfCol{8.5, "C"})
	head = append(head, "IKM")
	d.keepRows(4)
	t := d.tableAt(marginLeft, textW, 7.5, cols, head...)
	for i, u := range r.Summary.Ranking {
		cells := []string{strconv.Itoa(i + 1), r.unitName(u.Unit.ID)}
		o := pdfRow{fills: map[int]pdfColor{}, inks: map[int]pdfColor{}}
		for j, e := range u.Result.Elements {
			if e.Answered == 0 {
				cells = append(cells, "–")
				continue
			}
			cells = append(cells, pdfDec(r.Lang, e.Score, 2))
			o.fills[j+2], o.inks[j+2] = pdfGradeColor(e.Grade), pdfGradeInk(e.Grade)
		}
		if u.Result.Empty {
			cells = append(cells, "–")
		} else {
			cells = append(cells, pdfDec(r.Lang, u.Result.Score, 2))
			o.fills[11], o.inks[11] = pdfGradeColor(u.Result.Grade), pdfGradeInk(u.Result.Grade)
		}
		t.rowWith(o, cells...)
	}
	cells := []string{"", d.say("Gabungan daerah", "Region, pooled")}
	o := pdfRow{fills: map[int]pdfColor{0: pdfHeadBg, 1: pdfHeadBg}, inks: map[int]pdfColor{}}
	for j, e := range r.Summary.Pooled.Elements {
		if e.Answered == 0 {
			cells = append(cells, "–")
			continue
		}
		cells = append(cells, pdfDec(r.Lang, e.Score, 2))
		o.fills[j+2], o.inks[j+2] = pdfGradeColor(e.Grade), pdfGradeInk(e.Grade)
	}
	cells = append(cells, pdfScore(r.Lang, r.Summary.Pooled))
	o.fills[11], o.inks[11] = pdfGradeColor(r.Summary.Pooled.Grade), pdfGradeInk(r.Summary.Pooled.Grade)
	t.rowWith(o, cells...)
	t.end()
	var legend []string
	for _, code := range analytics.ElementCodes {
		legend = append(legend, code+" "+pdfElementName(r.Lang, code))
	}
	d.note(strings.Join(legend, "; ") + ".")
}

// regionWeakness is an element's standing across the region.
type regionWeakness struct {
	element analytics.ElementResult
	// graded counts the units whose element is graded C or D; weakest those where it ranks last.
	graded, weakest int
}

func (r *regionReport) weaknesses() []regionWeakness {
	weakest := map[string]int{}
	for _, u := range r.Summary.Ranking {
		if p := analytics.Priorities(u.Result); len(p) > 0 {
			weakest[p[0].Code]++
		}
	}
	out := make([]regionWeakness, 0, len(analytics.ElementCodes))
	for i, e := range r.Summary.Pooled.Elements {
		w := regionWeakness{element: e, weakest: weakest[e.Code]}
		for _, u := range r.Summary.Ranking {
			ue := u.Result.Elements[i]
			if ue.Answered > 0 && (ue.Grade == analytics.GradeC || ue.Grade == analytics.GradeD) {
				w.graded++
			}
		}
		if e.Answered > 0 {
			out = append(out, w)
		}
	}
	slices.SortStableFunc(out, func(a, b regionWeakness) int {
		return cmp.Compare(a.element.ScoreHundredths, b.element.ScoreHundredths)
	})
	return out
}

// regionChange is a unit's change of score since the previous campaign.
type regionChange struct {
	id     string
	change analytics.Change
}

func (r *regionReport) changes() (rises, falls []regionChange, compared int) {
	for _, u := range r.Summary.Ranking {
		prev := r.Units[u.Unit.ID].Previous
		if u.Result.Empty || prev == nil || prev.Result.Empty {
			continue
		}
		steps, err := analytics.Trend([]analytics.Point{*prev, {Campaign: r.Campaign.Key, Result: u.Result, Interval: u.Interval}})
		if err != nil || len(steps) != 1 {
			continue
		}
		compared++
		c := regionChange{id: u.Unit.ID, change: steps[0].Overall}
		switch {
		case c.change.Delta > 0:
			rises = append(rises, c)
		case c.change.Delta < 0:
			falls = append(falls, c)
		}
	}
	slices.SortStableFunc(rises, func(a, b regionChange) int { return cmp.Compare(b.change.Delta, a.change.Delta) })
	slices.SortStableFunc(falls, func(a, b regionChange) int { return cmp.Compare(a.change.Delta, b.change.Delta) })
	return rises, falls, compared
}

// regionChangesShown bounds the rises and the falls listed; the unit pages give every change.
const regionChangesShown = 10

func (r *regionReport) analysis() {
	d := r.d
	d.chapter(d.say("Analisis", "Analysis"), true)
	d.section(d.say("Unsur Terlemah di Daerah", "The Region's Weakest Elements"), 70)
	ws := r.weaknesses()
	if len(ws) == 0 {
		d.para(d.say("Belum ada jawaban, sehingga unsur belum dapat dianalisis.", "There are no answers yet, so no element can be analysed."))
	} else {
		d.keepRows(len(ws) + 1)
		t := d.table([]pdfCol{{48, "L"}, {14, "R"}, {12, "C"}, {22, "R"}, {22, "R"}},
			d.say("Unsur pelayanan", "Element of service"), d.say("Nilai gabungan", "Pooled score"), d.say("Mutu", "Grade"),
			d.say("Unit bermutu C/D pada unsur ini", "Units graded C/D on it"), d.say("Unit yang unsur terlemahnya ini", "Units for which it is weakest"))
		for _, w := range ws {
			e := w.element
			t.rowWith(pdfRow{fills: map[int]pdfColor{2: pdfGradeColor(e.Grade)}, inks: map[int]pdfColor{2: pdfGradeInk(e.Grade)}},
				e.Code+"  "+pdfElementName(r.Lang, e.Code), pdfDec(r.Lang, e.Score, 2), string(e.Grade), strconv.Itoa(w.graded), strconv.Itoa(w.weakest))
		}
		t.end()
		var names []string
		for _, w := range ws[:min(3, len(ws))] {
			names = append(names, w.element.Code+" "+pdfElementName(r.Lang, w.element.Code))
		}
		d.para(d.sayf("Unsur terlemah di tingkat daerah adalah %s. Perbaikan pada unsur ini, yang umumnya menyangkut kebijakan lintas unit, dapat dikoordinasikan oleh pemerintah daerah.",
			"The weakest elements across the region are %s. Improving them, which usually involves policies shared by many units, can be coordinated by the regional government.", pdfJoin(r.Lang, names)))
	}

	r.complaintHandling()

	d.section(d.say("Kenaikan dan Penurunan", "Rises and Falls"), 50)
	rises, falls, compared := r.changes()
	if r.Previous == "" || compared == 0 {
		d.para(d.say("Belum ada hasil periode sebelumnya untuk dibandingkan.", "There is no earlier result to compare with yet."))
	} else {
		d.para(d.sayf("Dibandingkan %s, %d dari %d unit yang dapat dibandingkan naik dan %d turun. Perubahan disebut bermakna bila lebih besar dari ketidakpastian sampel kedua periode.",
			"Compared with %s, %d of the %d comparable units rose and %d fell. A change is significant when it exceeds the sampling uncertainty of both periods.",
			pdfSemester(r.Lang, r.Previous), len(rises), compared, len(falls)))
		for _, part := range []struct {
			title string
			list  []regionChange
		}{{d.say("Kenaikan terbesar", "Largest rises"), rises}, {d.say("Penurunan terbesar", "Largest falls"), falls}} {
			if len(part.list) == 0 {
				continue
			}
			shown := part.list[:min(len(part.list), regionChangesShown)]
			d.keepRows(len(shown))
			t := d.table([]pdfCol{{56, "L"}, {12, "R"}, {12, "R"}, {12, "R"}, {13, "C"}},
				part.title, pdfSemesterShort(r.Lang, r.Previous), pdfSemesterShort(r.Lang, r.Campaign.Key), d.say("Perubahan", "Change"), d.say("Bermakna", "Significant"))
			for _, c := range shown {
				sig := d.say("Tidak", "No")
				if c.change.Significant {
					sig = d.say("Ya", "Yes")
				}
				t.row(r.unitName(c.id), pdfDec(r.Lang, c.change.From, 2), pdfDec(r.Lang, c.change.To, 2), pdfSigned(r.Lang, c.change.Delta, 2), sig)
			}
			t.end()
		}
	}

	d.section(d.say("Perkembangan Daerah", "The Region over Time"), 64)
	scored := 0
	for _, p := range r.Trend {
		if !p.Result.Empty {
			scored++
		}
	}
	if _, err := analytics.Trend(r.Trend); err != nil || scored < 2 {
		d.para(d.say("Belum ada hasil periode sebelumnya untuk dibandingkan.", "There is no earlier result to compare with yet."))
		return
	}
	d.keep(64)
	y := d.GetY() + 1
	d.SetY(y + d.trendChart(marginLeft, y, textW, 58, r.Trend) + 2)
	d.note(d.say("IKM gabungan daerah per semester dengan selang kepercayaan 95%.", "The region's pooled score per semester with its 95% confidence interval."))
}

func (r *regionReport) conclusion() {
	d := r.d
	d.chapter(d.say("Kesimpulan", "Conclusion"), true)
	pooled := r.Summary.Pooled
	if pooled.Empty {
		d.para(d.sayf("Sampai laporan ini dibuat belum ada responden pada %s, sehingga indeks daerah belum dapat dihitung. Unit pelayanan perlu memastikan kuesioner tersedia bagi setiap pengguna layanan.",
			"Up to the making of this report nobody has answered in %s, so the region's index cannot be computed. Service units should make sure every service user can reach the questionnaire.", pdfSemester(r.Lang, r.Campaign.Key)))
	} else {
		d.para(d.sayf("Pada %s, %s responden dari %d unit pelayanan memberikan IKM gabungan %s dengan mutu %s; rata-rata nilai unit %s.",
			"In %s, %s respondents of %d service units gave a pooled score of %s, grade %s; the mean of unit scores is %s.",
			pdfSemester(r.Lang, r.Campaign.Key), pdfInt(r.Lang, pooled.Respondents), r.scored(), pdfDec(r.Lang, pooled.Score, 2), pdfGradeLabel(r.Lang, pooled.Grade), pdfDec(r.Lang, r.Summary.MeanOfUnits, 2)))
		var more []string
		if top := r.Summary.Ranking; len(top) > 0 && !top[0].Result.Empty {
			more = append(more, d.sayf("Nilai tertinggi dicapai %s (%s).", "The highest score is that of %s (%s).", r.unitName(top[0].Unit.ID), pdfDec(r.Lang, top[0].Result.Score, 2)))
		}
		if n := r.Summary.Grades[analytics.GradeC] + r.Summary.Grades[analytics.GradeD]; n > 0 {
			more = append(more, d.sayf("Sebanyak %d unit bermutu C atau D memerlukan pembinaan khusus dan rencana tindak lanjut yang dipantau.", "%d units graded C or D need particular guidance and a monitored follow-up plan.", n))
		}
		if n := len(r.Summary.BelowTarget); n > 0 {
			more = append(more, d.sayf("Sebanyak %d unit belum memenuhi sampel minimum.", "%d units fall short of their minimum sample.", n))
		}
		if ws := r.weaknesses(); len(ws) > 0 {
			more = append(more, d.sayf("Unsur terlemah di daerah adalah %s.", "The region's weakest element is %s.", ws[0].element.Code+" "+pdfElementName(r.Lang, ws[0].element.Code)))
		}
		d.para(strings.Join(more, " "))
		d.para(d.say("Hasil survei ini dipublikasikan kepada masyarakat, dan setiap unit menyusun rencana tindak lanjut atas unsur prioritasnya.",
			"These results are published to the public, and each unit draws up a follow-up plan for its priority elements."))
	}
	// The head of a region is elected and has no civil servant number (NIP) to print.
	d.signature(pdfPlace(r.Region.Name), pdfRegionHead(r.Lang, r.Region.Name), r.HeadName, "", false)
}

// unitElements lists a unit's element scores beside those of the previous campaign.
func (r *regionReport) unitElements(u analytics.Ranked, prev *analytics.Point) {
	d := r.d
	before := d.say("Periode sebelumnya", "Previous period")
	if prev != nil {
		before = pdfSemesterShort(r.Lang, prev.Campaign)
	}
	t := d.table([]pdfCol{{52, "L"}, {12, "R"}, {10, "R"}, {12, "C"}, {12, "R"}, {12, "R"}},
		d.say("Unsur pelayanan", "Element of service"), d.say("Jawaban", "Answers"), "NRR", d.say("Nilai", "Score"), before, d.say("Perubahan", "Change"))
	for i, e := range u.Result.Elements {
		name := e.Code + "  " + pdfElementName(r.Lang, e.Code)
		was, change := "–", "–"
		if prev != nil && prev.Result.Elements[i].Answered > 0 {
			p := prev.Result.Elements[i]
			was = pdfDec(r.Lang, p.Score, 2)
			if e.Answered > 0 {
				change = pdfSigned(r.Lang, float64(e.ScoreHundredths-p.ScoreHundredths)/100, 2)
			}
		}
		if e.Answered == 0 {
			t.row(name, "0", "–", "–", was, change)
			continue
		}
		t.rowWith(pdfRow{fills: map[int]pdfColor{3: pdfGradeColor(e.Grade)}, inks: map[int]pdfColor{3: pdfGradeInk(e.Grade)}},
			name, pdfInt(r.Lang, e.Answered), pdfDec(r.Lang, e.NRR, 3), pdfDec(r.Lang, e.Score, 2)+" "+string(e.Grade), was, change)
	}
	t.end()
}

// unitPages gives each unit one page: its figures, its element chart and its priorities.
func (r *regionReport) unitPages() {
	d := r.d
	d.appendix(d.say("Ringkasan per Unit Pelayanan", "Summary by Service Unit"))
	d.para(d.say("Satu halaman untuk setiap unit, menurut urutan peringkat. Laporan lengkap setiap unit diterbitkan tersendiri.",
		"One page per unit, in ranking order. Each unit's full report is issued separately."))
	total := len(r.Summary.Ranking)
	for i, u := range r.Summary.Ranking {
		if i > 0 {
			d.AddPage()
		}
		info := r.Units[u.Unit.ID]
		d.Ln(2)
		d.SetFont("serif", "B", 12)
		title := r.unitName(u.Unit.ID)
		d.Bookmark(title, 1, -1)
		d.MultiCell(textW, 6, title, "", "L", false)
		if info.OPD != "" && !strings.EqualFold(info.OPD, info.Name.ID) {
			d.SetFont("serif", "", 9.5)
			d.MultiCell(textW, 5, info.OPD, "", "L", false)
		}
		d.Ln(2)
		d.ink()
		rank := d.say("tanpa peringkat (belum ada responden)", "unranked (no respondents yet)")
		if u.Rank > 0 {
			rank = d.sayf("%d dari %d unit", "%d of %d units", u.Rank, total)
		}
		sample := pdfInt(r.Lang, u.Result.Respondents)
		if u.Adequacy.Target > 0 {
			sample += d.sayf(" dari target %s (%s)", " of a target of %s (%s)", pdfInt(r.Lang, u.Adequacy.Target), pdfPct(r.Lang, u.Adequacy.Respondents, u.Adequacy.Target))
		} else {
			sample += d.say(" (populasi belum diisi)", " (population not entered)")
		}
		pairs := [][2]string{
			{d.say("Peringkat", "Rank"), rank},
			{d.say("Nilai IKM", "Score"), pdfScore(r.Lang, u.Result) + "  " + pdfGradeLabel(r.Lang, u.Result.Grade)},
			{d.say("Selang 95%", "95% interval"), pdfInterval(r.Lang, u.Interval)},
			{d.say("Responden", "Respondents"), sample},
			{d.say("Jawaban bertanda", "Flagged responses"), pdfInt(r.Lang, info.Flagged)},
		}
		if p := info.Previous; p != nil && !p.Result.Empty && !u.Result.Empty {
			pairs = append(pairs, [2]string{d.sayf("Dibanding %s", "Compared with %s", pdfSemesterShort(r.Lang, p.Campaign)),
				pdfDec(r.Lang, p.Result.Score, 2) + " → " + pdfDec(r.Lang, u.Result.Score, 2) + " (" + pdfSigned(r.Lang, u.Result.Score-p.Result.Score, 2) + ")"})
		}
		d.facts(pairs, 46)
		if u.Result.Empty {
			d.para(d.say("Belum ada responden untuk unit ini pada periode ini.", "No respondent has answered for this unit in this period."))
			continue
		}
		y := d.GetY() + 2
		d.SetY(y + d.elementChart(marginLeft, y, textW, u.Result) + 2)
		r.unitElements(u, info.Previous)
		var weak []string
		for _, p := range analytics.Priorities(u.Result) {
			if p.FollowUp && len(weak) < 3 {
				weak = append(weak, p.Code+" "+pdfElementName(r.Lang, p.Code)+" ("+pdfDec(r.Lang, p.Score, 2)+")")
			}
		}
		if len(weak) > 0 {
			d.para(d.sayf("Unsur prioritas tindak lanjut: %s.", "Priority elements for follow-up: %s.", pdfJoin(r.Lang, weak)))
		}
	}
}

// complaintHandling reports how the units kept to the rule for answering complaints, beside what
// respondents said of complaint handling (element U8).
func (r *regionReport) complaintHandling() {
	d, sla := r.d, r.CaseSLA
	if !complaintSection(d, sla, 40) {
		return
	}
	text := d.sayf("Unit-unit menerima %s pengaduan dan saran tertulis; aturannya dijawab dalam %s.",
		"The units received %s written complaints and suggestions; the rule is an answer within %s.", pdfInt(r.Lang, sla.Cases), r.CaseRule)
	text += slaFigures(d, r.Lang, sla)
	if sla.Overdue > 0 {
		text += " " + d.sayf("%s masih belum dijawab melewati batas waktu.", "%s are still unanswered past their due time.", pdfInt(r.Lang, sla.Overdue))
	}
	d.para(text)
	var rows []analytics.Ranked
	for _, u := range r.Summary.Ranking {
		if r.Units[u.Unit.ID].CaseSLA.Cases > 0 {
			rows = append(rows, u)
		}
	}
	d.keepRows(min(len(rows), 8) + 1)
	t := d.table([]pdfCol{{60, "L"}, {16, "R"}, {24, "R"}, {24, "R"}, {16, "R"}},
		d.say("Unit pelayanan", "Service unit"), d.say("Kasus", "Cases"), d.say("Tepat waktu", "In time"),
		d.say("Median waktu jawab", "Median answer time"), d.say("Terlambat", "Overdue"))
	for _, u := range rows {
		us := r.Units[u.Unit.ID].CaseSLA
		inTime, median := "–", "–"
		if us.Decided > 0 {
			inTime = pdfDec(r.Lang, us.InTimePercent, 1) + "%"
		}
		if us.Answered > 0 {
			median = pdfDuration(r.Lang, us.MedianAnswer)
		}
		t.row(r.unitName(u.Unit.ID), pdfInt(r.Lang, us.Cases), inTime, median, pdfInt(r.Lang, us.Overdue))
	}
	t.end()
}

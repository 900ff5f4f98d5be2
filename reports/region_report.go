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
	// Words says the report in its language and the region's time zone.
	Words    Words
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
	// Signer signs for the region: the regional secretary or the head of the organisation bureau,
	// in their office; without a Title, the head of the region (who, elected, has no NIP).
	Signer Signer
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
	if err := data.Issue.validate(data.Words); err != nil {
		return err
	}
	if _, _, err := survey.ParseSemester(data.Campaign.Key); err != nil {
		return err
	}
	if strings.TrimSpace(data.Region.Name) == "" {
		return survey.Errorf(survey.EINVALID, "err.report.regionname")
	}
	r := &regionReport{RegionReportData: data}
	r.d = newPDFDoc(data.Words, data.Issue, data.Words.T("pdf.common.title", data.Words.RegionName(data.Region.Name)), data.Words.Semester(data.Campaign.Key))
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
		return r.d.In(u.Name)
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
	headline := d.T("pdf.common.norespondents")
	if !pooled.Empty {
		headline = d.T("pdf.region.headline", d.Dec(pooled.Score, 2), pdfGradeLabel(d, pooled.Grade), d.Int(pooled.Respondents))
	}
	err := d.cover(pdfCover{
		lines:    []string{d.T("pdf.common.cover.report"), d.T("pdf.common.cover.survey"), strings.ToUpper(d.Semester(r.Campaign.Key))},
		subject:  d.RegionName(r.Region.Name),
		note:     d.T("pdf.region.cover.note", len(r.Summary.Ranking)),
		period:   d.T("pdf.common.cover.period", d.Period(r.Campaign.Key)),
		headline: headline,
		issuer:   d.Government(r.Region.Name),
		demo:     r.Region.Demo,
		logo:     r.Logo,
	})
	if err != nil {
		return err
	}
	d.header = d.T("pdf.common.header", d.RegionName(r.Region.Name), d.Semester(r.Campaign.Key))
	r.introduction()
	r.collection()
	r.results()
	r.analysis()
	r.conclusion()
	r.unitPages()
	d.appendix(d.T("pdf.common.appendix"))
	d.section(d.T("pdf.common.method"), 20)
	d.methodAppendix()
	return d.authenticity(d.T("pdf.region.authenticity.text"))
}

func (r *regionReport) introduction() {
	d := r.d
	d.chapter(d.T("pdf.common.introduction"), true)
	d.section(d.T("pdf.common.background"), 20)
	d.para(d.T("pdf.region.background.text",
		d.Institution(d.Government(r.Region.Name)), len(r.Summary.Ranking), d.Semester(r.Campaign.Key), d.Period(r.Campaign.Key)))
	d.section(d.T("pdf.common.legalbasis"), 20)
	d.legalBasis()
	d.section(d.T("pdf.common.aims"), 20)
	d.list([]string{
		d.T("pdf.region.aims.satisfaction"),
		d.T("pdf.region.aims.compare"),
		d.T("pdf.region.aims.weakest"),
		d.T("pdf.region.aims.guidance"),
	})
}

func (r *regionReport) collection() {
	d := r.d
	d.chapter(d.T("pdf.common.collection"), false)
	d.section(d.T("pdf.region.coverage"), 20)
	var flagged, unknown int64
	for _, u := range r.Summary.Ranking {
		flagged += r.Units[u.Unit.ID].Flagged
		if u.Unit.Population <= 0 {
			unknown++
		}
	}
	pairs := [][2]string{
		{d.T("pdf.region.coverage.units"), strconv.Itoa(len(r.Summary.Ranking))},
		{d.T("pdf.region.coverage.scored"), strconv.Itoa(r.scored())},
		{d.T("pdf.region.coverage.respondents"), d.Int(r.Summary.Pooled.Respondents)},
		{d.T("term.flagged"), d.Int(flagged) + " (" + d.T("term.flagged.why") + ")"},
		{d.T("pdf.common.questionnaire"), d.T("pdf.region.coverage.questionnaire", strings.TrimPrefix(r.Campaign.Questionnaire, "v"))},
	}
	if span := pdfSpan(d, r.Campaign.OpensAt, r.Campaign.ClosesAt); span != "" {
		pairs = append(pairs, [2]string{d.T("pdf.common.schedule"), span})
	}
	d.facts(pairs, 48)
	d.para(d.T("pdf.region.coverage.channels"))

	d.section(d.T("pdf.region.adequacy"), 20)
	below := r.Summary.BelowTarget
	if len(below) == 0 {
		d.para(d.T("pdf.region.adequacy.all"))
	} else {
		d.para(d.T("pdf.region.adequacy.below", len(below)))
		d.keepRows(min(len(below), 6))
		t := d.table([]pdfCol{{56, "L"}, {14, "R"}, {12, "R"}, {12, "R"}, {12, "R"}},
			d.T("pdf.common.col.unit"), d.T("pdf.common.population"), d.T("pdf.region.col.target"), d.T("pdf.common.col.respondents"), d.T("pdf.region.col.reached"))
		for _, u := range below {
			t.row(r.unitName(u.Unit.ID), d.Int(u.Adequacy.Population), d.Int(u.Adequacy.Target), d.Int(u.Adequacy.Respondents), d.Share(u.Adequacy.Respondents, u.Adequacy.Target))
		}
		t.end()
	}
	if unknown > 0 {
		d.para(d.T("pdf.region.adequacy.unknown", unknown))
	}
}

func (r *regionReport) results() {
	d := r.d
	d.chapter(d.T("pdf.common.results"), true)
	d.section(d.T("pdf.region.index"), 20)
	pooled := r.Summary.Pooled
	if pooled.Empty {
		d.para(d.T("pdf.region.index.empty", d.Semester(r.Campaign.Key)))
		return
	}
	meanGrade := analytics.GradeOf(int64(math.Round(r.Summary.MeanOfUnits * 100)))
	t := d.table([]pdfCol{{60, "L"}, {20, "R"}, {25, "C"}}, d.T("pdf.region.col.measure"), d.T("pdf.common.col.score"), d.T("pdf.common.col.grade"))
	t.rowWith(pdfRow{bold: true, fills: map[int]pdfColor{2: pdfGradeColor(pooled.Grade)}, inks: map[int]pdfColor{2: pdfGradeInk(pooled.Grade)}},
		d.T("pdf.region.index.pooled"), d.Dec(pooled.Score, 2), pdfGradeLabel(d, pooled.Grade))
	t.rowWith(pdfRow{fills: map[int]pdfColor{2: pdfGradeColor(meanGrade)}, inks: map[int]pdfColor{2: pdfGradeInk(meanGrade)}},
		d.T("pdf.region.index.mean", r.scored()), d.Dec(r.Summary.MeanOfUnits, 2), pdfGradeLabel(d, meanGrade))
	t.end()
	d.para(d.T("pdf.region.index.explained"))

	d.section(d.T("pdf.region.ranking"), 40)
	r.ranking()

	d.section(d.T("pdf.region.grades"), 45)
	y := d.GetY() + 1
	d.SetY(y + d.gradeCountChart(marginLeft, y, textW*0.8, r.Summary.Grades) + 2)
	var parts2 []string
	for _, g := range analytics.Grades {
		parts2 = append(parts2, d.T("pdf.region.grades.count", r.Summary.Grades[g], string(g)))
	}
	d.para(d.T("pdf.region.grades.text", r.scored(), pdfJoin(d, parts2)))

	d.section(d.T("pdf.region.heatmap"), 60)
	r.heatMap()
}

// ranking lists the units by score with their sample, interval and grade.
func (r *regionReport) ranking() {
	d := r.d
	t := d.table([]pdfCol{{12, "C"}, {52, "L"}, {13, "R"}, {10, "R"}, {10, "R"}, {20, "C"}, {9, "C"}},
		d.T("pdf.common.col.rank"), d.T("pdf.common.col.unit"), d.T("pdf.common.col.respondents"), d.T("pdf.region.col.target"), d.T("pdf.common.col.score"), d.T("pdf.region.col.interval"), d.T("pdf.common.col.grade"))
	for _, u := range r.Summary.Ranking {
		target := "–"
		if u.Adequacy.Target > 0 {
			target = d.Int(u.Adequacy.Target)
		}
		if u.Result.Empty {
			t.row("–", r.unitName(u.Unit.ID), "0", target, "–", "–", "–")
			continue
		}
		t.rowWith(pdfRow{fills: map[int]pdfColor{6: pdfGradeColor(u.Result.Grade)}, inks: map[int]pdfColor{6: pdfGradeInk(u.Result.Grade)}},
			strconv.Itoa(u.Rank), r.unitName(u.Unit.ID), d.Int(u.Result.Respondents), target,
			d.Dec(u.Result.Score, 2), pdfInterval(d, u.Interval), string(u.Result.Grade))
	}
	t.end()
}

// heatMap shows every unit's element scores as a table whose cells take their grade's colour.
func (r *regionReport) heatMap() {
	d := r.d
	d.para(d.T("pdf.region.heatmap.intro"))
	cols := []pdfCol{{6, "C"}, {36, "L"}}
	head := []string{d.T("pdf.common.col.no"), d.T("pdf.common.col.unit")}
	for _, code := range analytics.ElementCodes {
		cols = append(cols, pdfCol{7.4, "C"})
		head = append(head, code)
	}
	cols = append(cols, pdfCol{8.5, "C"})
	head = append(head, d.T("pdf.region.col.ikm"))
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
			cells = append(cells, d.Dec(e.Score, 2))
			o.fills[j+2], o.inks[j+2] = pdfGradeColor(e.Grade), pdfGradeInk(e.Grade)
		}
		if u.Result.Empty {
			cells = append(cells, "–")
		} else {
			cells = append(cells, d.Dec(u.Result.Score, 2))
			o.fills[11], o.inks[11] = pdfGradeColor(u.Result.Grade), pdfGradeInk(u.Result.Grade)
		}
		t.rowWith(o, cells...)
	}
	cells := []string{"", d.T("pdf.region.heatmap.pooled")}
	o := pdfRow{fills: map[int]pdfColor{0: pdfHeadBg, 1: pdfHeadBg}, inks: map[int]pdfColor{}}
	for j, e := range r.Summary.Pooled.Elements {
		if e.Answered == 0 {
			cells = append(cells, "–")
			continue
		}
		cells = append(cells, d.Dec(e.Score, 2))
		o.fills[j+2], o.inks[j+2] = pdfGradeColor(e.Grade), pdfGradeInk(e.Grade)
	}
	cells = append(cells, d.Score(r.Summary.Pooled))
	o.fills[11], o.inks[11] = pdfGradeColor(r.Summary.Pooled.Grade), pdfGradeInk(r.Summary.Pooled.Grade)
	t.rowWith(o, cells...)
	t.end()
	var legend []string
	for _, code := range analytics.ElementCodes {
		legend = append(legend, code+" "+elementName(d, code))
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
	d.chapter(d.T("pdf.common.analysis"), true)
	d.section(d.T("pdf.region.weakest"), 70)
	ws := r.weaknesses()
	if len(ws) == 0 {
		d.para(d.T("pdf.region.weakest.none"))
	} else {
		d.keepRows(len(ws) + 1)
		t := d.table([]pdfCol{{48, "L"}, {14, "R"}, {12, "C"}, {22, "R"}, {22, "R"}},
			d.T("pdf.common.col.element"), d.T("pdf.region.col.pooled"), d.T("pdf.common.col.grade"),
			d.T("pdf.region.col.graded"), d.T("pdf.region.col.weakest"))
		for _, w := range ws {
			e := w.element
			t.rowWith(pdfRow{fills: map[int]pdfColor{2: pdfGradeColor(e.Grade)}, inks: map[int]pdfColor{2: pdfGradeInk(e.Grade)}},
				e.Code+"  "+elementName(d, e.Code), d.Dec(e.Score, 2), string(e.Grade), strconv.Itoa(w.graded), strconv.Itoa(w.weakest))
		}
		t.end()
		var names []string
		for _, w := range ws[:min(3, len(ws))] {
			names = append(names, w.element.Code+" "+elementName(d, w.element.Code))
		}
		d.para(d.T("pdf.region.weakest.text", pdfJoin(d, names)))
	}

	r.complaintHandling()

	d.section(d.T("pdf.region.changes"), 50)
	rises, falls, compared := r.changes()
	if r.Previous == "" || compared == 0 {
		d.para(d.T("pdf.common.noprevious"))
	} else {
		d.para(d.T("pdf.region.changes.text", d.Semester(r.Previous), len(rises), compared, len(falls)))
		for _, part := range []struct {
			title string
			list  []regionChange
		}{{d.T("pdf.region.changes.rises"), rises}, {d.T("pdf.region.changes.falls"), falls}} {
			if len(part.list) == 0 {
				continue
			}
			shown := part.list[:min(len(part.list), regionChangesShown)]
			d.keepRows(len(shown))
			t := d.table([]pdfCol{{44, "L"}, {17, "R"}, {17, "R"}, {12, "R"}, {13, "C"}},
				part.title, d.Semester(r.Previous), d.Semester(r.Campaign.Key), d.T("pdf.common.col.change"), d.T("pdf.common.col.significant"))
			for _, c := range shown {
				sig := d.T("pdf.common.no")
				if c.change.Significant {
					sig = d.T("pdf.common.yes")
				}
				t.row(r.unitName(c.id), d.Dec(c.change.From, 2), d.Dec(c.change.To, 2), d.Signed(c.change.Delta, 2), sig)
			}
			t.end()
		}
	}

	d.section(d.T("pdf.region.trend"), 64)
	scored := 0
	for _, p := range r.Trend {
		if !p.Result.Empty {
			scored++
		}
	}
	if _, err := analytics.Trend(r.Trend); err != nil || scored < 2 {
		d.para(d.T("pdf.common.noprevious"))
		return
	}
	d.keep(64)
	y := d.GetY() + 1
	d.SetY(y + d.trendChart(marginLeft, y, textW, 58, r.Trend) + 2)
	d.note(d.T("pdf.region.trend.note"))
}

func (r *regionReport) conclusion() {
	d := r.d
	d.chapter(d.T("pdf.common.conclusion"), true)
	pooled := r.Summary.Pooled
	if pooled.Empty {
		d.para(d.T("pdf.region.conclusion.empty", d.Semester(r.Campaign.Key)))
	} else {
		d.para(d.T("pdf.region.conclusion.text",
			d.Semester(r.Campaign.Key), d.Int(pooled.Respondents), r.scored(), d.Dec(pooled.Score, 2), pdfGradeLabel(d, pooled.Grade), d.Dec(r.Summary.MeanOfUnits, 2)))
		var more []string
		if top := r.Summary.Ranking; len(top) > 0 && !top[0].Result.Empty {
			more = append(more, d.T("pdf.region.conclusion.top", d.Institution(r.unitName(top[0].Unit.ID)), d.Dec(top[0].Result.Score, 2)))
		}
		if n := r.Summary.Grades[analytics.GradeC] + r.Summary.Grades[analytics.GradeD]; n > 0 {
			more = append(more, d.T("pdf.region.conclusion.graded", n))
		}
		if n := len(r.Summary.BelowTarget); n > 0 {
			more = append(more, d.T("pdf.region.conclusion.below", n))
		}
		if ws := r.weaknesses(); len(ws) > 0 {
			more = append(more, d.T("pdf.region.conclusion.weakest", ws[0].element.Code+" "+elementName(d, ws[0].element.Code)))
		}
		d.para(strings.Join(more, " "))
		d.para(d.T("pdf.region.conclusion.published"))
	}
	// The head of a region is elected and has no civil servant number (NIP) to print; a regional
	// secretary or a bureau head signing in their own office is a civil servant and has one.
	if r.Signer.Title == "" {
		d.signature(d.Place(r.Region.Name), d.RegionHead(r.Region.Name), r.Signer.Name, "", false)
	} else {
		d.signature(d.Place(r.Region.Name), r.Signer.Title, r.Signer.Name, r.Signer.NIP, true)
	}
}

// unitElements lists a unit's element scores beside those of the previous campaign.
func (r *regionReport) unitElements(u analytics.Ranked, prev *analytics.Point) {
	d := r.d
	before := d.T("pdf.region.col.previous")
	if prev != nil {
		before = d.Semester(prev.Campaign)
	}
	t := d.table([]pdfCol{{46, "L"}, {11, "R"}, {10, "R"}, {12, "C"}, {17, "R"}, {11, "R"}},
		d.T("pdf.common.col.element"), d.T("pdf.common.col.answers"), d.T("pdf.common.col.nrr"), d.T("pdf.common.col.score"), before, d.T("pdf.common.col.change"))
	for i, e := range u.Result.Elements {
		name := e.Code + "  " + elementName(d, e.Code)
		was, change := "–", "–"
		if prev != nil && prev.Result.Elements[i].Answered > 0 {
			p := prev.Result.Elements[i]
			was = d.Dec(p.Score, 2)
			if e.Answered > 0 {
				change = d.Signed(float64(e.ScoreHundredths-p.ScoreHundredths)/100, 2)
			}
		}
		if e.Answered == 0 {
			t.row(name, "0", "–", "–", was, change)
			continue
		}
		t.rowWith(pdfRow{fills: map[int]pdfColor{3: pdfGradeColor(e.Grade)}, inks: map[int]pdfColor{3: pdfGradeInk(e.Grade)}},
			name, d.Int(e.Answered), d.Dec(e.NRR, 3), d.Dec(e.Score, 2)+" "+string(e.Grade), was, change)
	}
	t.end()
}

// unitPages gives each unit one page: its figures, its element chart and its priorities.
func (r *regionReport) unitPages() {
	d := r.d
	d.appendix(d.T("pdf.region.units"))
	d.para(d.T("pdf.region.units.intro"))
	d.note(d.T("pdf.common.nrr.note"))
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
		rank := d.T("pdf.region.unit.unranked")
		if u.Rank > 0 {
			rank = d.T("pdf.region.unit.rank", u.Rank, total)
		}
		sample := d.T("pdf.region.unit.sample.unknown", d.Int(u.Result.Respondents))
		if u.Adequacy.Target > 0 {
			sample = d.T("pdf.region.unit.sample.target", d.Int(u.Result.Respondents), d.Int(u.Adequacy.Target), d.Share(u.Adequacy.Respondents, u.Adequacy.Target))
		}
		pairs := [][2]string{
			{d.T("pdf.common.col.rank"), rank},
			{d.T("pdf.region.unit.score"), strings.TrimSuffix(d.Score(u.Result)+"  "+pdfGradeLabel(d, u.Result.Grade), "  –")},
			{d.T("pdf.region.col.interval"), pdfInterval(d, u.Interval)},
			{d.T("pdf.common.col.respondents"), sample},
			{d.T("term.flagged"), d.Int(info.Flagged)},
		}
		if p := info.Previous; p != nil && !p.Result.Empty && !u.Result.Empty {
			pairs = append(pairs, [2]string{d.T("pdf.region.col.previous"), d.Semester(p.Campaign) + ": " +
				d.Dec(p.Result.Score, 2) + " → " + d.Dec(u.Result.Score, 2) + " (" + d.Signed(u.Result.Score-p.Result.Score, 2) + ")"})
		}
		d.facts(pairs, 46)
		if u.Result.Empty {
			d.para(d.T("pdf.region.unit.empty"))
			continue
		}
		y := d.GetY() + 2
		d.SetY(y + d.elementChart(marginLeft, y, textW, u.Result) + 2)
		r.unitElements(u, info.Previous)
		var weak []string
		for _, p := range analytics.Priorities(u.Result) {
			if p.FollowUp {
				weak = append(weak, p.Code+" "+elementName(d, p.Code)+" ("+d.Dec(p.Score, 2)+")")
			}
		}
		if len(weak) > 0 {
			d.para(d.T("pdf.region.unit.priorities", d.T("term.priority.rule"), pdfJoin(d, weak)))
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
	text := d.T("pdf.region.complaints.text", d.Int(sla.Cases), r.CaseRule)
	text += slaFigures(d, sla)
	if sla.Overdue > 0 {
		text += " " + d.T("pdf.region.complaints.overdue", d.Int(sla.Overdue))
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
		d.T("pdf.common.col.unit"), d.T("pdf.region.col.cases"), d.T("pdf.region.col.intime"),
		d.T("pdf.region.col.median"), d.T("pdf.region.col.overdue"))
	for _, u := range rows {
		us := r.Units[u.Unit.ID].CaseSLA
		inTime, median := "–", "–"
		if us.Decided > 0 {
			inTime = d.Percent(us.InTimePercent)
		}
		if us.Answered > 0 {
			median = d.LongSpan(us.MedianAnswer)
		}
		t.row(r.unitName(u.Unit.ID), d.Int(us.Cases), inTime, median, d.Int(us.Overdue))
	}
	t.end()
}

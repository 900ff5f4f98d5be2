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
	// Words says the report in its language and the region's time zone.
	Words         Words
	Region        survey.Region
	Unit          survey.Unit
	Campaign      survey.Campaign
	Questionnaire survey.Questionnaire
	// Counts are the unit's counts over all its services: answers, profile, channels, days.
	Counts   survey.Counts
	Result   analytics.Result
	Interval analytics.Interval
	Adequacy analytics.Adequacy
	// Flagged is how many responses a quality rule left out of Counts and the index (shown apart).
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
	// CaseSLA is how the unit answered residents' complaints in the period (suggestions and praise
	// ask for no answer), and CaseRule the answer rule in words ("4 jam sejak diterima"); printed
	// beside element U8.
	CaseSLA  *analytics.SLA
	CaseRule string
	// Signer is the unit's head, who signs; their office is "Kepala <unit>" without a Title.
	Signer Signer
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

func (u *UnitReportData) validate() error {
	if err := u.Issue.validate(u.Words); err != nil {
		return err
	}
	if strings.TrimSpace(u.Unit.Name.ID) == "" {
		return survey.Errorf(survey.EINVALID, "err.report.unitname")
	}
	if _, _, err := survey.ParseSemester(u.Campaign.Key); err != nil {
		return err
	}
	return nil
}

// UnitReport writes the unit's evaluation report as an A4 PDF to w. The same data (and the same
// Issue.Generated) always gives the same bytes.
func UnitReport(w io.Writer, data UnitReportData) error {
	if err := data.validate(); err != nil {
		return err
	}
	r := &unitReport{UnitReportData: data}
	r.d = newPDFDoc(data.Words, data.Issue, data.Words.T("pdf.common.title", data.Words.In(data.Unit.Name)), data.Words.Semester(data.Campaign.Key))
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

func (r *unitReport) name() string { return r.d.In(r.Unit.Name) }

// inSentence names the unit inside a sentence: with "the" in English.
func (r *unitReport) inSentence() string { return r.d.Institution(r.name()) }

// government names the region's government inside a sentence.
func (r *unitReport) government() string { return r.d.Institution(r.d.Government(r.Region.Name)) }

func (r *unitReport) write() error {
	d := r.d
	headline := d.T("pdf.common.norespondents")
	if !r.Result.Empty {
		headline = d.T("pdf.unit.headline", d.Dec(r.Result.Score, 2), pdfGradeLabel(d, r.Result.Grade), d.Int(r.Result.Respondents))
	}
	note := ""
	if r.Unit.OPD != "" && !strings.EqualFold(r.Unit.OPD, r.Unit.Name.ID) {
		note = r.Unit.OPD
	}
	err := d.cover(pdfCover{
		lines:    []string{d.T("pdf.common.cover.report"), d.T("pdf.common.cover.survey"), strings.ToUpper(d.Semester(r.Campaign.Key))},
		subject:  r.name(),
		note:     note,
		period:   d.T("pdf.common.cover.period", d.Period(r.Campaign.Key)),
		headline: headline,
		issuer:   d.Government(r.Region.Name),
		demo:     r.Region.Demo,
		logo:     r.Logo,
	})
	if err != nil {
		return err
	}
	d.header = d.T("pdf.common.header", r.name(), d.Semester(r.Campaign.Key))
	r.introduction()
	r.collection()
	r.results()
	r.analysis()
	r.conclusion()
	return r.appendices()
}

func (r *unitReport) introduction() {
	d := r.d
	d.chapter(d.T("pdf.common.introduction"), true)
	d.section(d.T("pdf.common.background"), 20)
	d.para(d.T("pdf.unit.background.text", r.government()))
	d.para(d.T("pdf.unit.background.report", r.inSentence(), d.Semester(r.Campaign.Key), d.Period(r.Campaign.Key)))
	d.section(d.T("pdf.common.legalbasis"), 20)
	d.legalBasis()
	d.section(d.T("pdf.common.aims"), 20)
	d.para(d.T("pdf.unit.aims.intro"))
	d.list([]string{
		d.T("pdf.unit.aims.satisfaction", r.inSentence()),
		d.T("pdf.unit.aims.weaknesses"),
		d.T("pdf.unit.aims.plan"),
		d.T("pdf.unit.aims.compare"),
	})
}

func (r *unitReport) collection() {
	d := r.d
	d.chapter(d.T("pdf.common.collection"), false)
	d.section(d.T("pdf.unit.organisation"), 20)
	organizer := d.Institution(d.In(r.Region.Organizer))
	if organizer == "" {
		organizer = r.government()
	}
	d.para(d.T("pdf.unit.organisation.text", organizer, r.inSentence()))

	d.section(d.T("pdf.unit.method"), 20)
	title := d.In(r.Questionnaire.Title)
	if title == "" {
		title = d.T("app.name")
	}
	d.para(d.T("pdf.unit.method.text", title, r.Questionnaire.Version))
	channels := slices.Clone(analytics.Channels)
	for _, k := range slices.Sorted(maps.Keys(r.Counts.Channel)) {
		if !slices.Contains(channels, k) {
			channels = append(channels, k)
		}
	}
	d.keepRows(len(channels) + 1)
	t := d.table([]pdfCol{{60, "L"}, {20, "R"}, {20, "R"}}, d.T("term.channel"), d.T("pdf.common.col.respondents"), d.T("pdf.unit.col.share"))
	for _, ch := range channels {
		n := r.Counts.Channel[ch]
		t.row(d.Category("channel", ch), d.Int(n), d.Share(n, r.Counts.Respondents))
	}
	t.total(d.T("pdf.common.total"), d.Int(r.Counts.Respondents), d.Share(r.Counts.Respondents, r.Counts.Respondents))
	t.end()

	d.section(d.T("pdf.unit.time"), 20)
	pairs := [][2]string{{d.T("pdf.unit.time.period"), d.Period(r.Campaign.Key)}}
	if span := pdfSpan(d, r.Campaign.OpensAt, r.Campaign.ClosesAt); span != "" {
		pairs = append(pairs, [2]string{d.T("pdf.common.schedule"), span})
	}
	days := slices.Sorted(maps.Keys(r.Counts.Days))
	if len(days) > 0 {
		pairs = append(pairs, [2]string{d.T("pdf.unit.time.received"),
			d.T("pdf.unit.time.days", d.Day(days[0]), d.Day(days[len(days)-1]), daysBetween(days[0], days[len(days)-1]), len(days))})
	} else {
		pairs = append(pairs, [2]string{d.T("pdf.unit.time.received"), d.T("pdf.unit.time.none")})
	}
	pairs = append(pairs, [2]string{d.T("pdf.unit.time.place"), d.T("pdf.unit.time.where", r.inSentence())})
	d.facts(pairs, 42)

	d.section(d.T("pdf.unit.sample"), 20)
	a := r.Adequacy
	population, target, status := d.T("pdf.unit.sample.noentry"), d.T("pdf.unit.sample.notarget"), ""
	switch {
	case a.Population <= 0:
		status = d.T("pdf.unit.sample.unknown")
	case a.Reached:
		status = d.T("pdf.unit.sample.reached")
	default:
		status = d.T("pdf.unit.sample.short", d.Share(a.Respondents, a.Target))
	}
	if a.Population > 0 {
		population = d.T("pdf.unit.sample.population", d.Int(a.Population))
		target = d.T("pdf.unit.sample.target", d.Int(a.Target))
	}
	d.facts([][2]string{
		{d.T("pdf.common.population"), population},
		{d.T("pdf.unit.sample.minimum"), target},
		{d.T("pdf.unit.sample.respondents"), d.Int(r.Counts.Respondents)},
		{d.T("term.flagged"), d.Int(r.Flagged) + " (" + d.T("term.flagged.why") + ")"},
	}, 42)
	d.para(status + " " + d.T("pdf.unit.sample.formula"))
}

func (r *unitReport) results() {
	d := r.d
	d.chapter(d.T("pdf.common.results"), true)
	d.section(d.T("pdf.unit.index"), 34)
	r.headlineBox()

	d.section(d.T("pdf.unit.profile"), 60)
	r.profile()

	d.section(d.T("pdf.unit.elements"), 85)
	if r.Result.Empty {
		d.para(d.T("pdf.unit.elements.none"))
	} else {
		r.elementTable()
		d.note(d.T("pdf.common.nrr.note"))
		d.keep(78)
		y := d.GetY() + 2
		d.SetY(y + d.elementChart(marginLeft, y, textW, r.Result) + 3)

		d.section(d.T("pdf.unit.distribution"), 80)
		d.para(d.T("pdf.unit.distribution.intro"))
		y = d.GetY() + 1
		d.SetY(y + d.distributionChart(marginLeft, y, textW, r.Counts.Tally) + 3)
	}
	r.complaintHandling()
	if len(r.Services) > 0 {
		d.section(d.T("pdf.unit.services"), float64(min(len(r.Services), 8)+1)*6.3+6)
		t := d.table([]pdfCol{{62, "L"}, {14, "R"}, {12, "R"}, {22, "C"}}, d.T("pdf.unit.col.service"), d.T("pdf.common.col.respondents"), d.T("pdf.common.col.score"), d.T("pdf.common.col.grade"))
		small := false
		for _, s := range r.Services {
			n := s.Result.Respondents
			if n > 0 && n < analytics.SuppressBelow {
				small = true
				t.row(d.In(s.Name), "<5", "–", "–")
				continue
			}
			t.row(d.In(s.Name), d.Int(n), d.Score(s.Result), pdfGradeLabel(d, s.Result.Grade))
		}
		t.end()
		if small {
			d.note(d.T("pdf.unit.services.small"))
		}
	}
}

// headlineBox shows the index, score, grade and interval in a ruled box.
func (r *unitReport) headlineBox() {
	d := r.d
	if r.Result.Empty {
		d.para(d.T("pdf.unit.index.empty", r.inSentence(), d.Semester(r.Campaign.Key)))
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
	d.CellFormat(34, 6, d.Performance(g), "", 0, "C", false, 0, "")
	d.ink()
	x := marginLeft + 38
	d.SetXY(x, y+3)
	d.SetFont("sans", "", 9)
	d.CellFormat(60, 5, d.T("pdf.unit.index.score"), "", 2, "L", false, 0, "")
	d.SetX(x)
	d.SetFont("sans", "B", 24)
	d.CellFormat(60, 11, d.Dec(res.Score, 2), "", 2, "L", false, 0, "")
	d.SetX(x)
	d.SetFont("sans", "", 8.5)
	d.CellFormat(60, 5, d.T("pdf.unit.index.ikm", d.Dec(res.IKM, 4)), "", 0, "L", false, 0, "")
	x2 := marginLeft + 100
	d.SetXY(x2, y+3)
	lines := []string{
		d.T("pdf.unit.index.respondents", d.Int(res.Respondents)),
		d.T("pdf.unit.index.interval", pdfInterval(d, iv)),
	}
	if iv.StraddlesBoundary {
		lines = append(lines, d.T("pdf.unit.index.straddles"))
	}
	for _, l := range lines {
		d.SetX(x2)
		d.MultiCell(textW-(x2-marginLeft)-2, 4.6, l, "", "L", false)
	}
	d.SetY(y + 33)
	d.ink()
}

// profile draws the respondent profile tables two by two, with small cells suppressed.
func (r *unitReport) profile() {
	d := r.d
	total := r.Counts.Respondents
	if total < analytics.SuppressBelow {
		d.para(d.T("pdf.unit.profile.hidden", analytics.SuppressBelow))
		return
	}
	type part struct {
		title string
		cells []analytics.Cell
		label func(string) string
	}
	category := func(question string) func(string) string {
		return func(k string) string { return d.Category(question, k) }
	}
	parts := []part{
		{d.T("pdf.unit.profile.gender"), analytics.Breakdown(r.Counts.Gender, analytics.Genders), category("gender")},
		{d.T("pdf.unit.profile.age"), analytics.Breakdown(r.Counts.AgeBand, analytics.AgeBands), func(k string) string {
			if k == survey.NotStated {
				return d.T("category.unstated")
			}
			return d.T("pdf.unit.profile.years", k)
		}},
		{d.T("pdf.unit.profile.education"), analytics.Breakdown(r.Counts.Education, analytics.Educations), category("education")},
		{d.T("pdf.unit.profile.occupation"), analytics.Breakdown(r.Counts.Occupation, analytics.Occupations), category("occupation")},
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
			t := d.tableAt(marginLeft+float64(j)*(half+gap), half, 8.5, []pdfCol{{44, "L"}, {16, "R"}, {18, "R"}}, p.title, d.T("pdf.unit.col.count"), "%")
			for _, c := range p.cells {
				label := p.label(c.Key)
				share := "–"
				if !c.Suppressed {
					share = d.Dec(c.Share, 1)
				}
				t.row(label, c.Display(), share)
			}
			t.total(d.T("pdf.common.total"), d.Int(total), d.Dec(100, 1))
			bottom = max(bottom, d.GetY())
		}
		d.SetY(bottom + 4)
	}
	d.note(d.T("pdf.unit.profile.suppressed", analytics.SuppressBelow))
}

// elementTable lists each element's answers, NRR, weighted NRR, score and grade, and the index.
func (r *unitReport) elementTable() {
	d := r.d
	d.keep(float64(len(r.Result.Elements)+2)*6.5 + 8)
	t := d.table([]pdfCol{{5, "C"}, {40, "L"}, {10, "R"}, {9, "R"}, {13, "R"}, {9, "R"}, {9, "C"}},
		d.T("pdf.common.col.no"), d.T("pdf.common.col.element"), d.T("pdf.common.col.answers"), d.T("pdf.common.col.nrr"), d.T("pdf.unit.col.weighted"), d.T("pdf.common.col.score"), d.T("pdf.common.col.grade"))
	for i, e := range r.Result.Elements {
		name := e.Code + "  " + elementName(d, e.Code)
		if e.Answered == 0 {
			t.row(strconv.Itoa(i+1), name, "0", "–", "–", "–", d.T("pdf.unit.unanswered"))
			continue
		}
		t.rowWith(pdfRow{fills: map[int]pdfColor{6: pdfGradeColor(e.Grade)}, inks: map[int]pdfColor{6: pdfGradeInk(e.Grade)}},
			strconv.Itoa(i+1), name, d.Int(e.Answered), d.Dec(e.NRR, 3), d.Dec(e.WeightedNRR, 4), d.Dec(e.Score, 2), string(e.Grade))
	}
	t.total("", d.T("pdf.unit.elements.total"), "", "",
		d.Dec(r.Result.IKM, 4), d.Dec(r.Result.Score, 2), string(r.Result.Grade))
	t.end()
}

func (r *unitReport) analysis() {
	d := r.d
	d.chapter(d.T("pdf.common.analysis"), true)
	d.section(d.T("pdf.unit.weaknesses"), 70)
	if len(r.Priorities) == 0 {
		d.para(d.T("pdf.unit.weaknesses.none"))
	} else {
		d.keepRows(len(r.Priorities))
		t := d.table([]pdfCol{{11, "C"}, {50, "L"}, {12, "R"}, {14, "C"}, {20, "C"}},
			d.T("pdf.common.col.rank"), d.T("pdf.common.col.element"), d.T("pdf.common.col.score"), d.T("pdf.common.col.grade"), d.T("term.priority"))
		for i, p := range r.Priorities {
			yes := d.T("pdf.common.no")
			if p.FollowUp {
				yes = d.T("pdf.common.yes")
			}
			t.rowWith(pdfRow{fills: map[int]pdfColor{3: pdfGradeColor(p.Grade)}, inks: map[int]pdfColor{3: pdfGradeInk(p.Grade)}},
				strconv.Itoa(i+1), p.Code+"  "+elementName(d, p.Code), d.Dec(p.Score, 2), string(p.Grade), yes)
		}
		t.end()
		d.para(r.weakStrongText())
	}

	d.section(d.T("pdf.unit.trend"), 70)
	r.trend()

	d.section(d.T("pdf.unit.plan"), 60)
	r.followUp()

	d.section(d.T("pdf.unit.previous"), 20)
	if len(r.PreviousFollowUp) == 0 {
		d.para(d.T("pdf.unit.previous.none"))
	} else {
		d.keepRows(len(r.PreviousFollowUp) * 2)
		t := d.table([]pdfCol{{6, "C"}, {28, "L"}, {40, "L"}, {16, "L"}, {22, "L"}, {24, "L"}},
			d.T("pdf.common.col.no"), d.T("pdf.unit.col.element"), d.T("pdf.unit.col.activity"), d.T("pdf.unit.col.timing"), d.T("pdf.unit.col.responsible"), d.T("pdf.unit.col.status"))
		for i, it := range r.PreviousFollowUp {
			t.row(strconv.Itoa(i+1), it.Element+"  "+elementName(d, it.Element), it.Activity, it.Timing, it.Responsible, it.Status)
		}
		t.end()
	}
}

// weakStrongText names the priority elements, every one the ranking marks, and the three
// strongest ones.
func (r *unitReport) weakStrongText() string {
	d := r.d
	var weak []string
	for _, p := range r.Priorities {
		if p.FollowUp {
			weak = append(weak, p.Code+" "+elementName(d, p.Code)+" ("+d.Dec(p.Score, 2)+")")
		}
	}
	var strong []string
	for i := len(r.Priorities) - 1; i >= 0 && len(strong) < 3; i-- {
		p := r.Priorities[i]
		if !p.FollowUp {
			strong = append(strong, p.Code+" "+elementName(d, p.Code)+" ("+d.Dec(p.Score, 2)+")")
		}
	}
	sentences := []string{d.T("pdf.unit.weak.none", d.T("term.priority.rule"))}
	if len(weak) > 0 {
		sentences[0] = d.T("pdf.unit.weak", d.T("term.priority.rule"), pdfJoin(d, weak))
	}
	if len(strong) > 0 {
		sentences = append(sentences, d.T("pdf.unit.strong", pdfJoin(d, strong)))
	}
	return strings.Join(sentences, " ")
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
		d.para(d.T("pdf.unit.trend.regimes"))
		return
	}
	if scored < 2 {
		d.para(d.T("pdf.common.noprevious"))
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
		d.T("pdf.unit.col.period"), d.T("pdf.common.col.respondents"), d.T("pdf.common.col.score"), d.T("pdf.common.col.grade"), d.T("pdf.common.col.change"), d.T("pdf.common.col.significant"))
	for _, p := range r.Trend {
		change, sig := "–", "–"
		if s, ok := byTo[p.Campaign]; ok {
			change = d.Signed(s.Overall.Delta, 2)
			sig = d.T("pdf.common.no")
			if s.Overall.Significant {
				sig = d.T("pdf.common.yes")
			}
		}
		t.row(d.Semester(p.Campaign), d.Int(p.Result.Respondents), d.Score(p.Result), pdfGradeLabel(d, p.Result.Grade), change, sig)
	}
	t.end()
	d.note(d.T("pdf.unit.trend.significance"))
	if len(steps) > 0 {
		last := steps[len(steps)-1]
		if last.To == r.Campaign.Key && len(last.Elements) > 0 {
			d.keepRows(len(last.Elements))
			t := d.table([]pdfCol{{44, "L"}, {18, "R"}, {18, "R"}, {13, "R"}, {14, "C"}},
				d.T("pdf.common.col.element"), d.Semester(last.From), d.Semester(last.To), d.T("pdf.common.col.change"), d.T("pdf.common.col.significant"))
			for _, c := range last.Elements {
				sig := d.T("pdf.common.no")
				if c.Significant {
					sig = d.T("pdf.common.yes")
				}
				t.row(c.Code+"  "+elementName(d, c.Code), d.Dec(c.From, 2), d.Dec(c.To, 2), d.Signed(c.Delta, 2), sig)
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
		d.para(d.T("pdf.unit.plan.blank"))
	}
	d.keepRows(len(items) * 2)
	t := d.table([]pdfCol{{6, "C"}, {30, "L"}, {44, "L"}, {18, "L"}, {26, "L"}},
		d.T("pdf.common.col.no"), d.T("pdf.unit.col.priorityelement"), d.T("pdf.unit.col.activity"), d.T("pdf.unit.col.timing"), d.T("pdf.unit.col.official"))
	for i, it := range items {
		element := ""
		if it.Element != "" {
			element = it.Element + "  " + elementName(d, it.Element)
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
	d.chapter(d.T("pdf.common.conclusion"), true)
	semester := d.Semester(r.Campaign.Key)
	if r.Result.Empty {
		d.para(d.T("pdf.unit.conclusion.empty", r.inSentence(), semester))
	} else {
		d.para(d.T("pdf.unit.conclusion.text",
			d.Int(r.Result.Respondents), r.inSentence(), semester, d.Dec(r.Result.Score, 2), string(r.Result.Grade), d.Performance(r.Result.Grade)))
		var more []string
		if iv := r.Interval; iv.Method != analytics.MethodNone && iv.Method != "" {
			more = append(more, d.T("pdf.unit.conclusion.interval", d.Dec(iv.Low, 2), d.Dec(iv.High, 2)))
		}
		if r.Adequacy.Population > 0 && !r.Adequacy.Reached {
			more = append(more, d.T("pdf.unit.conclusion.short", d.Int(r.Adequacy.Target)))
		}
		if steps, err := analytics.Trend(r.Trend); err == nil && len(steps) > 0 && steps[len(steps)-1].To == r.Campaign.Key {
			s := steps[len(steps)-1].Overall
			word := d.T("pdf.unit.conclusion.notsignificant")
			if s.Significant {
				word = d.T("pdf.unit.conclusion.significant")
			}
			more = append(more, d.T("pdf.unit.conclusion.change", d.Semester(steps[len(steps)-1].From), d.Signed(s.Delta, 2), word))
		}
		more = append(more, r.weakStrongText())
		d.para(strings.Join(more, " "))
		d.para(d.T("pdf.unit.conclusion.published"))
	}
	office := r.Signer.Title
	if office == "" {
		office = d.T("pdf.unit.signer", r.inSentence())
	}
	d.signature(d.Place(r.Region.Name), office, r.Signer.Name, r.Signer.NIP, true)
}

func (r *unitReport) appendices() error {
	d := r.d
	d.appendix(d.T("pdf.common.appendix"))
	d.section(d.T("pdf.common.questionnaire"), 20)
	title := d.In(r.Questionnaire.Title)
	d.para(d.T("pdf.unit.questionnaire.text", title, r.Questionnaire.Version))
	t := d.table([]pdfCol{{6, "C"}, {10, "C"}, {50, "L"}, {34, "L"}}, d.T("pdf.common.col.no"), d.T("pdf.unit.col.element"), d.T("pdf.unit.col.question"), d.T("pdf.unit.col.choices"))
	for i, q := range r.Questionnaire.Questions {
		var answers []string
		for j, a := range q.Answers {
			answers = append(answers, strconv.Itoa(j+1)+". "+d.In(a))
		}
		t.row(strconv.Itoa(i+1), q.Element, d.In(q.Text), strings.Join(answers, "\n"))
	}
	t.end()

	d.section(d.T("pdf.common.method"), 20)
	d.methodAppendix()

	d.section(d.T("pdf.unit.tabulation"), 75)
	d.para(d.T("pdf.unit.tabulation.intro"))
	d.keepRows(len(r.Counts.Elements))
	tt := d.table([]pdfCol{{34, "L"}, {9, "R"}, {9, "R"}, {9, "R"}, {9, "R"}, {11, "R"}, {11, "R"}, {9, "R"}},
		d.T("pdf.unit.col.element"), d.T("pdf.common.score.n", 1), d.T("pdf.common.score.n", 2), d.T("pdf.common.score.n", 3), d.T("pdf.common.score.n", 4), d.T("pdf.common.col.answers"), d.T("pdf.unit.col.sum"), d.T("pdf.common.col.nrr"))
	for i, dist := range r.Counts.Elements {
		code := analytics.ElementCodes[i]
		nrr := "–"
		if dist.Answered() > 0 {
			nrr = d.Dec(float64(dist.Sum())/float64(dist.Answered()), 3)
		}
		tt.row(code+"  "+elementName(d, code), d.Int(dist[0]), d.Int(dist[1]), d.Int(dist[2]), d.Int(dist[3]),
			d.Int(dist.Answered()), d.Int(dist.Sum()), nrr)
	}
	tt.end()
	d.para(d.T("pdf.unit.tabulation.respondents", d.Int(r.Counts.Respondents), d.Int(r.Flagged), d.T("term.flagged.why")))

	return d.authenticity(d.T("pdf.unit.authenticity.text", r.government()))
}

// complaintHandling reports how the unit kept to the rule for answering complaints, beside what
// respondents said of complaint handling (element U8).
func (r *unitReport) complaintHandling() {
	d, sla := r.d, r.CaseSLA
	if !complaintSection(d, sla, 30) {
		return
	}
	text := d.T("pdf.unit.complaints.text", d.Int(sla.Cases), d.Int(sla.Answered), r.CaseRule)
	text += slaFigures(d, sla)
	if sla.Open > 0 {
		text += " " + d.T("pdf.unit.complaints.open", d.Int(sla.Open), d.Int(sla.Overdue))
	}
	if u8 := r.Result.Elements[7]; u8.Answered > 0 {
		text += " " + d.T("pdf.unit.complaints.u8", d.Dec(u8.Score, 2), u8.Grade)
	}
	d.para(text)
}

// complaintSection opens the section on complaint handling, and reports whether there are cases
// to say more of: it is left out without figures, and says so when no case came in.
func complaintSection(d *pdfDoc, sla *analytics.SLA, space float64) bool {
	if sla == nil {
		return false
	}
	d.section(d.T("pdf.common.complaints"), space)
	if sla.Cases == 0 {
		d.para(d.T("pdf.common.complaints.none"))
		return false
	}
	return true
}

// slaFigures says how many cases were answered in time and how fast, as sentences to append.
func slaFigures(d *pdfDoc, sla *analytics.SLA) string {
	var text string
	if sla.Decided > 0 {
		text += " " + d.T("pdf.common.complaints.intime", d.Percent(sla.InTimePercent))
	}
	if sla.Answered > 0 {
		text += " " + d.T("pdf.common.complaints.median", d.LongSpan(sla.MedianAnswer))
	}
	return text
}

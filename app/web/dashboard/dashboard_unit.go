package dashboard

import (
	"fmt"
	"net/url"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// trendLength is how many semesters a unit's trend shows, the chosen one last.
const trendLength = 6

// suggestionsShown bounds the suggestions listed on the page; the responses download has them all.
const suggestionsShown = 50

// campaignTally is a campaign with its tallies.
type campaignTally struct {
	Campaign *survey.Campaign
	Tally    *survey.CampaignTally
}

// unitInput is what a unit dashboard is made of: read from the store by the handler, or built in
// memory by the benchmarks.
type unitInput struct {
	Unit *survey.Unit
	// Campaign is the campaign shown, nil when the unit has none yet; Campaigns fill the picker.
	Campaign      *survey.Campaign
	Campaigns     []*survey.Campaign
	Questionnaire *survey.Questionnaire
	Tally         *survey.CampaignTally
	// History holds the campaigns surveying the unit up to and including Campaign, oldest first.
	History []campaignTally
	// Service narrows the results to one service; "" means all.
	Service string
	// ShowText is set for those who may read residents' free text (rule unitOwn); Words then
	// holds the text of the cases shown, by case ID.
	ShowText bool
	Words    map[string]string
	Location *time.Location
	// Region and Now judge the unit's answers to complaints against the region's rule.
	Region *survey.Region
	Now    time.Time
}

// unitDashboard is the unit dashboard page.
type unitDashboard struct {
	web.Page
	Unit        *survey.Unit
	Campaign    *survey.Campaign
	State       string
	Campaigns   []campaignOption
	Services    []serviceOption
	ServiceName string
	Surveyed    bool
	HasScore    bool

	Score       string
	Grade       analytics.Grade
	Performance string
	Respondents string
	Interval    string
	Straddles   string
	Certain     string
	Change      *changeView
	Sample      sampleView
	FixFirst    []priorityView
	Priorities  []priorityView
	Flagged     flaggedView

	Elements, Distribution, Radar, Trend, Daily figureView
	Profile                                     []figureView

	ShowText         bool
	SuggestionCount  string
	SuggestionsShown string
	Suggestions      []suggestionView
	// CaseHandling says how the unit kept to the rule for answering complaints (beside U8);
	// CasesPath and PlanPath lead to the cases and the follow-up plan; PaperPath to the import of
	// paper questionnaires, for those who may import into the campaign now.
	CaseHandling                   string
	CasesPath, PlanPath, PaperPath string
	Downloads                      []downloadView
}

type serviceOption struct {
	Code, Name string
	Selected   bool
}

// changeView is the change of the score since the previous scored semester.
type changeView struct {
	Text, Meaning string
	// Dir is up, down or same, for the arrow.
	Dir string
}

type sampleView struct {
	Known       bool
	Respondents int64
	Target      int64
	Text        string
	Status      string
	Reached     bool
	Service     bool
}

type priorityView struct {
	Code, Name, Score string
	Grade             analytics.Grade
	FollowUp          bool
	BelowAverage      bool
}

// flaggedView shows the answers a quality rule left out of the index, and what the score would
// be with them, so the unit can judge the rule's effect.
type flaggedView struct {
	Count, Of string
	Any       bool
	WithScore string
	WithGrade analytics.Grade
}

type suggestionView struct {
	Received, Kind, Service, Source, State, Text string
	Flagged                                      bool
}

type downloadView struct {
	Label, CSV, XLSX string
}

// handleUnitDashboard serves GET /dasbor/unit/:unit?kampanye=KEY&layanan=CODE: one unit's results
// in one campaign (the newest by default), optionally for one service.
func (h *handler) handleUnitDashboard(c *fiber.Ctx) error {
	in, err := h.loadUnitInput(c, c.Params("unit"), c.Query("kampanye"), c.Query("layanan"))
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	p.Title = in.Unit.Name.In(p.Lang)
	d, err := buildUnitDashboard(p, in)
	if err != nil {
		return err
	}
	return h.Render(c, fiber.StatusOK, "dashboard_unit", d)
}

// loadUnitInput reads what a unit's dashboard shows in the campaign with the key (the newest when
// ""): its tallies and those of the semesters before it, for the trend.
func (h *handler) loadUnitInput(c *fiber.Ctx, slug, key, service string) (unitInput, error) {
	ctx := c.UserContext()
	unit, err := h.Store.Unit(ctx, slug)
	if err != nil {
		return unitInput{}, err
	}
	campaigns, err := h.dashboardCampaigns(ctx, unit.Slug)
	if err != nil {
		return unitInput{}, err
	}
	camp, err := pickCampaign(key, campaigns)
	if err != nil {
		return unitInput{}, err
	}
	in := unitInput{Unit: unit, Campaign: camp, Campaigns: campaigns, Service: service, ShowText: web.Principal(c).MayActFor(unit.Slug),
		Location: h.Region(c).Location(), Region: h.Region(c), Now: h.Now()}
	if service != "" {
		if _, ok := unit.Service(service); !ok {
			return unitInput{}, survey.Errorf(survey.EINVALID, "err.unit.service", unit.Slug, service)
		}
	}
	if camp == nil {
		return in, nil
	}
	if in.Questionnaire, err = h.Store.Questionnaire(ctx, camp.Questionnaire); err != nil {
		return unitInput{}, err
	}
	var past []*survey.Campaign
	for i := len(campaigns) - 1; i >= 0; i-- {
		if campaigns[i].Key <= camp.Key {
			past = append(past, campaigns[i])
		}
	}
	if len(past) > trendLength {
		past = past[len(past)-trendLength:]
	}
	for _, pc := range past {
		t, err := h.Store.Tally(ctx, pc.Key)
		if err != nil {
			return unitInput{}, err
		}
		in.History = append(in.History, campaignTally{Campaign: pc, Tally: t})
		if pc.Key == camp.Key {
			in.Tally = t
		}
	}
	if in.ShowText {
		in.Words = map[string]string{}
		shown, _ := newestCases(in.Tally, slug, service, suggestionsShown)
		for _, cs := range shown {
			words, err := h.Store.CaseText(ctx, cs.ID)
			if err != nil {
				return unitInput{}, err
			}
			in.Words[cs.ID] = words.Text
		}
	}
	return in, nil
}

// unitCounts returns a unit's counts in a campaign, for one service or all.
func unitCounts(t *survey.CampaignTally, unit, service string) survey.ServiceTally {
	if t == nil {
		return survey.ServiceTally{}
	}
	if service != "" {
		return t.Unit(unit).Service(service)
	}
	return t.Unit(unit).Total()
}

// scoreCounts returns the answer counts of a unit in a campaign, for one service or all: what a
// score needs, without merging the profile counts as unitCounts does, which the region's pages
// would otherwise do for every unit.
func scoreCounts(t *survey.CampaignTally, unit, service string) analytics.Tally {
	var out analytics.Tally
	if t == nil {
		return out
	}
	for code, s := range t.Unit(unit).Services {
		if service == "" || code == service {
			out.Add(s.Counted().Tally)
		}
	}
	return out
}

// regionResult pools the counts of every unit of a campaign.
func regionResult(camp *survey.Campaign, t *survey.CampaignTally) analytics.Result {
	var pooled analytics.Tally
	for _, cu := range camp.Units {
		pooled.Add(scoreCounts(t, cu.Unit, ""))
	}
	return analytics.Compute(pooled)
}

// buildUnitDashboard computes everything the unit dashboard shows from the tallies.
func buildUnitDashboard(p web.Page, in unitInput) (*unitDashboard, error) {
	w := reports.WebCharts{Words: p.Printer}
	d := &unitDashboard{Page: p, Unit: in.Unit, Campaign: in.Campaign, Campaigns: campaignOptions(p, in.Campaigns, in.Campaign), ShowText: in.ShowText}
	for _, svc := range in.Unit.Services {
		d.Services = append(d.Services, serviceOption{Code: svc.Code, Name: svc.Name.In(p.Lang), Selected: svc.Code == in.Service})
		if svc.Code == in.Service {
			d.ServiceName = svc.Name.In(p.Lang)
		}
	}
	if in.Campaign == nil {
		return d, nil
	}
	d.State = p.State(in.Campaign.State)
	cu, surveyed := in.Campaign.Unit(in.Unit.Slug)
	d.Surveyed = surveyed
	if !surveyed {
		return d, nil
	}
	slug := in.Unit.Slug
	st := unitCounts(in.Tally, slug, in.Service)
	point := in.Campaign.UnitResult(in.Tally, slug, in.Service)
	result, interval := point.Result, point.Interval
	d.HasScore = !result.Empty
	d.Score, d.Grade, d.Performance = w.Score(result), result.Grade, w.Performance(result.Grade)
	d.Respondents = w.Int(result.Respondents)
	d.Interval = w.Interval(interval)
	if !result.Empty {
		low, high := gradeAt(interval.Low), gradeAt(interval.High)
		if interval.StraddlesBoundary {
			d.Straddles = fmt.Sprintf(p.T("dash.straddles"), low, high)
		} else if interval.Method != analytics.MethodNone {
			d.Certain = fmt.Sprintf(p.T("dash.certain"), result.Grade)
		}
	}
	unitTotal := st
	if in.Service != "" {
		unitTotal = unitCounts(in.Tally, slug, "")
	}
	d.Sample = sampleOf(p, w, analytics.SampleAdequacy(cu.Population, unitTotal.Counted().Respondents), in.Service != "")

	for i, pr := range analytics.Priorities(result) {
		v := priorityView{Code: pr.Code, Name: survey.ElementName(pr.Code).In(p.Lang), Score: w.Dec(pr.Score, 2), Grade: pr.Grade,
			FollowUp: pr.FollowUp, BelowAverage: pr.BelowAverage}
		d.Priorities = append(d.Priorities, v)
		if pr.FollowUp && i < 3 {
			d.FixFirst = append(d.FixFirst, v)
		}
	}
	d.Flagged = flaggedView{Count: w.Int(st.Flagged.Respondents), Of: fmt.Sprintf(p.T("dash.flagged.ofall"), w.Int(st.All.Respondents)),
		Any: st.Flagged.Respondents > 0}
	if d.Flagged.Any {
		all := analytics.Compute(st.All.Tally)
		d.Flagged.WithScore, d.Flagged.WithGrade = w.Score(all), all.Grade
	}

	points := make([]analytics.Point, 0, len(in.History))
	for _, h := range in.History {
		if _, ok := h.Campaign.Unit(slug); ok {
			points = append(points, h.Campaign.UnitResult(h.Tally, slug, in.Service))
		}
	}
	if steps, err := analytics.Trend(points); err == nil && len(steps) > 0 && steps[len(steps)-1].To == in.Campaign.Key {
		d.Change = changeOf(p, w, steps[len(steps)-1])
	}

	counted := st.Counted()
	var err error
	figures := []struct {
		dst    *figureView
		fig    reports.WebFigure
		folded bool
	}{
		{&d.Elements, w.ElementScores(result), false},
		{&d.Distribution, w.AnswerDistribution(counted.Tally, in.Questionnaire), true},
		{&d.Radar, w.ElementRadar(in.Unit.Name.In(p.Lang), result, regionResult(in.Campaign, in.Tally)), true},
		{&d.Trend, w.ScoreTrend(points), true},
		{&d.Daily, w.DailyResponses(st.All.Days), true},
	}
	for _, f := range figures {
		if *f.dst, err = newFigureView(p, f.fig, f.folded); err != nil {
			return nil, err
		}
	}
	d.Elements.Wide = true
	for _, f := range w.ProfileBreakdowns(&counted) {
		v, err := newFigureView(p, f, true)
		if err != nil {
			return nil, err
		}
		d.Profile = append(d.Profile, v)
	}

	cases, total := newestCases(in.Tally, slug, in.Service, suggestionsShown)
	kinds := kindCounts(in.Tally, slug, in.Service)
	d.SuggestionCount = p.T("dash.suggestions.count", w.Int(int64(total)), w.Int(kinds[survey.KindComplaint]),
		w.Int(kinds[survey.KindSuggestion]), w.Int(kinds[survey.KindPraise]))
	if total > len(cases) {
		d.SuggestionsShown = fmt.Sprintf(p.T("dash.suggestions.shown"), w.Int(int64(len(cases))))
	}
	if in.ShowText {
		for _, c := range cases {
			d.Suggestions = append(d.Suggestions, suggestionOf(p, in.Unit, c, in.Words[c.ID]))
		}
		d.CasesPath = link.Desk()
		if in.Region != nil && survey.MayImportPaper(p.User, in.Region, in.Campaign, slug) == nil {
			d.PaperPath = link.PaperImport(in.Campaign.Key, slug)
		}
	}
	if in.Region != nil {
		d.CaseHandling = web.SLASentence(p.Printer, in.Region, in.Tally.Unit(slug).SLA(in.Now))
	}
	d.PlanPath = link.Plan(in.Campaign.Key, slug)
	d.Downloads = unitDownloads(p, in)
	return d, nil
}

// gradeAt grades a bound of an interval.
func gradeAt(score float64) analytics.Grade {
	return analytics.GradeOf(int64(score*100 + 0.5))
}

func sampleOf(p web.Page, w reports.WebCharts, a analytics.Adequacy, service bool) sampleView {
	v := sampleView{Known: a.Target > 0, Respondents: a.Respondents, Target: a.Target, Reached: a.Reached, Service: service}
	if !v.Known {
		v.Status = p.T("dash.sample.unknown")
		return v
	}
	v.Text = fmt.Sprintf(p.T("dash.sample.of"), w.Int(a.Target), w.Int(a.Population))
	if a.Reached {
		v.Status = p.T("dash.sample.reached")
	} else {
		v.Status = fmt.Sprintf(p.T("dash.sample.short"), w.Int(a.Target-a.Respondents))
	}
	return v
}

func changeOf(p web.Page, w reports.WebCharts, step analytics.TrendStep) *changeView {
	ch := step.Overall
	v := &changeView{Meaning: p.T("dash.change.nosig")}
	if ch.Significant {
		v.Meaning = p.T("dash.change.sig")
	}
	switch {
	case ch.Delta > 0:
		v.Dir, v.Text = "up", p.T("dash.change.up", w.Dec(ch.Delta, 2), p.Semester(step.From))
	case ch.Delta < 0:
		v.Dir, v.Text = "down", p.T("dash.change.down", w.Dec(-ch.Delta, 2), p.Semester(step.From))
	default:
		v.Dir, v.Text = "same", p.T("dash.change.same", p.Semester(step.From))
	}
	return v
}

// newestCases returns up to k of the unit's suggestions and complaints (for one service, or all),
// newest first, and how many there are. Cases arrive roughly in time order, so walking from the
// end keeps the running selection short: the work is linear in the cases, not n·log n.
func newestCases(t *survey.CampaignTally, unit, service string, k int) ([]*survey.Case, int) {
	if t == nil {
		return nil, 0
	}
	all := t.Unit(unit).Cases
	top := make([]*survey.Case, 0, k)
	total := 0
	for i := len(all) - 1; i >= 0; i-- {
		c := all[i]
		if service != "" && c.Service != service {
			continue
		}
		total++
		if len(top) == k && !c.ReceivedAt.After(top[k-1].ReceivedAt) {
			continue
		}
		at := len(top)
		for at > 0 && c.ReceivedAt.After(top[at-1].ReceivedAt) {
			at--
		}
		if len(top) < k {
			top = append(top, nil)
		}
		copy(top[at+1:], top[at:len(top)-1])
		top[at] = c
	}
	return top, total
}

// kindCounts counts the unit's messages (for one service, or all) by what they are now.
func kindCounts(t *survey.CampaignTally, unit, service string) map[string]int64 {
	out := map[string]int64{}
	if t == nil {
		return out
	}
	for _, c := range t.Unit(unit).Cases {
		if service == "" || c.Service == service {
			out[c.Kind]++
		}
	}
	return out
}

func suggestionOf(p web.Page, u *survey.Unit, c *survey.Case, text string) suggestionView {
	v := suggestionView{Received: p.DateTime(c.ReceivedAt), Kind: p.CaseKind(c.Kind), Text: text, Flagged: c.Flagged,
		Source: p.CaseSource(c.Source), State: p.CaseState(c.State())}
	if svc, ok := u.Service(c.Service); ok {
		v.Service = svc.Name.In(p.Lang)
	}
	return v
}

// unitDownloads lists the downloads of a unit dashboard; the responses, with their free text, only
// for those who may read it.
func unitDownloads(p web.Page, in unitInput) []downloadView {
	query := ""
	if in.Service != "" {
		query = "?layanan=" + url.QueryEscape(in.Service)
	}
	file := func(name string) string { return link.Export(in.Campaign.Key, in.Unit.Slug, name) }
	var out []downloadView
	for _, t := range []struct{ name, label string }{
		{"elements", p.T("dash.dl.elements")}, {"distribution", p.T("dash.dl.distribution")}, {"profile", p.T("dash.dl.profile")},
	} {
		out = append(out, downloadView{Label: t.label, CSV: file(t.name+".csv") + query, XLSX: file(t.name+".xlsx") + query})
	}
	if in.ShowText {
		out = append(out, downloadView{Label: p.T("dash.dl.responses"), CSV: file("responses.csv"), XLSX: file("responses.xlsx")})
	}
	return out
}

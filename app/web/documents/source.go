package documents

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// File is a rendered file and the record under which it was issued.
type File struct {
	PDF      []byte
	Filename string
	Record   *survey.IssuedReport
}

// Source builds report data from the store; the web handlers and skm report share it.
type Source struct {
	Store   survey.Store
	BaseURL string
}

// issue renders a file and records it; a file is only handed out once its digest is recorded.
func issueReport(ctx context.Context, issued survey.IssuedStore, number string, kind survey.ReportKind, campaign, unit, lang string,
	at time.Time, by, filename string, render func(io.Writer) error) (*File, error) {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return nil, err
	}
	rec := survey.NewIssuedReport(number, kind, campaign, unit, lang, buf.Bytes(), at, by)
	if err := issued.RecordIssued(ctx, rec); err != nil {
		return nil, err
	}
	return &File{PDF: buf.Bytes(), Filename: filename, Record: rec}, nil
}

func reportFilename(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), "-") + ".pdf"
}

func reportLangSuffix(lang string) string {
	if lang == survey.LangEN {
		return "en"
	}
	return ""
}

// IssueUnitReport renders, records and returns a unit's report.
func (rs Source) IssueUnitReport(ctx context.Context, issued survey.IssuedStore, key, slug, lang string, now time.Time, by string) (*File, error) {
	data, err := rs.unitReportData(ctx, key, slug, lang, now)
	if err != nil {
		return nil, err
	}
	return issueReport(ctx, issued, data.Number, survey.ReportUnit, key, slug, lang, now, by, reportFilename("SKM", key, slug, reportLangSuffix(lang)),
		func(w io.Writer) error { return reports.UnitReport(w, data) })
}

// IssueRegionReport renders, records and returns the region's report.
func (rs Source) IssueRegionReport(ctx context.Context, issued survey.IssuedStore, key, lang string, now time.Time, by string) (*File, error) {
	data, err := rs.regionReportData(ctx, key, lang, now)
	if err != nil {
		return nil, err
	}
	return issueReport(ctx, issued, data.Number, survey.ReportRegion, key, "", lang, now, by, reportFilename("SKM", key, "wilayah", reportLangSuffix(lang)),
		func(w io.Writer) error { return reports.RegionReport(w, data) })
}

// IssuePoster renders, records and returns a unit's poster.
func (rs Source) IssuePoster(ctx context.Context, issued survey.IssuedStore, slug string, now time.Time, by string) (*File, error) {
	data, err := rs.posterData(ctx, slug, now)
	if err != nil {
		return nil, err
	}
	return issueReport(ctx, issued, data.Number, survey.ReportPoster, data.Campaign.Key, slug, survey.LangID, now, by, reportFilename("poster", slug),
		func(w io.Writer) error { return reports.Poster(w, data) })
}

// reportTrendLength is how many semesters a report's trend covers, this one included: three years.
const reportTrendLength = 6

// history returns the campaign key and the earlier ones that ran (not drafts), oldest first, at
// most reportTrendLength.
func (rs Source) history(ctx context.Context, key string) ([]*survey.Campaign, error) {
	all, err := rs.Store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, err
	}
	var out []*survey.Campaign
	for _, c := range all {
		if c.Key == key || (c.Key < key && c.State != survey.StateDraft) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *survey.Campaign) int { return strings.Compare(a.Key, b.Key) })
	return out[max(0, len(out)-reportTrendLength):], nil
}

// reportIssue is the instant a file is issued at, in the region's time zone, and its number.
func reportIssue(region *survey.Region, kind survey.ReportKind, campaign, unit, lang, baseURL string, now time.Time) reports.Issue {
	at := now.In(region.Location())
	return reports.Issue{Number: survey.ReportNumber(kind, campaign, unit, lang, at), Generated: at, BaseURL: baseURL}
}

// unitReportData gathers a unit's report from the campaign's tallies and the earlier campaigns'.
func (rs Source) unitReportData(ctx context.Context, key, slug, lang string, now time.Time) (reports.UnitReportData, error) {
	var d reports.UnitReportData
	camp, err := rs.Store.Campaign(ctx, key)
	if err != nil {
		return d, err
	}
	cu, ok := camp.Unit(slug)
	if !ok {
		return d, survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", slug, key)
	}
	unit, err := rs.Store.Unit(ctx, slug)
	if err != nil {
		return d, err
	}
	region, err := rs.Store.Region(ctx)
	if err != nil {
		return d, err
	}
	q, err := rs.Store.Questionnaire(ctx, camp.Questionnaire)
	if err != nil {
		return d, err
	}
	tally, err := rs.Store.Tally(ctx, key)
	if err != nil {
		return d, err
	}
	ut := tally.Unit(slug)
	total := ut.Total()
	counted := total.Counted()
	result := analytics.Compute(counted.Tally)
	d = reports.UnitReportData{
		Issue: reportIssue(region, survey.ReportUnit, key, slug, lang, rs.BaseURL, now),
		Words: i18n.For(lang, region.Location()), Region: *region, Unit: *unit, Campaign: *camp, Questionnaire: *q,
		Counts:     counted,
		Result:     result,
		Interval:   analytics.ScoreInterval(counted.Tally, cu.Population),
		Adequacy:   analytics.SampleAdequacy(cu.Population, counted.Respondents),
		Flagged:    total.Flagged.Respondents,
		Services:   reportServiceResults(unit, ut),
		Priorities: analytics.Priorities(result),
		CaseRule:   web.CaseRule(i18n.For(lang, region.Location()), region),
	}
	sla := ut.SLA(now)
	d.CaseSLA = &sla
	past, err := rs.history(ctx, key)
	if err != nil {
		return d, err
	}
	if d.FollowUp, d.PreviousFollowUp, err = FollowUpItems(ctx, rs.Store, i18n.For(lang, region.Location()), camp, slug); err != nil {
		return d, err
	}
	for _, c := range past {
		pcu, ok := c.Unit(slug)
		if !ok {
			continue
		}
		t := tally
		if c.Key != key {
			if t, err = rs.Store.Tally(ctx, c.Key); err != nil {
				return d, err
			}
		}
		counts := t.Unit(slug).Total().Counted().Tally
		d.Trend = append(d.Trend, analytics.Point{Campaign: c.Key, Result: analytics.Compute(counts), Interval: analytics.ScoreInterval(counts, pcu.Population)})
	}
	return d, nil
}

// FollowUpItems returns the two follow-up tables of a unit's report for the campaign: the plan the
// unit recorded after it (nil: the report prints rows to fill), and the previous plan with each
// item's outcome and how its element moved (nil: none recorded). The plan page shows the same.
func FollowUpItems(ctx context.Context, store survey.Store, p i18n.Printer, camp *survey.Campaign, unit string) (plan, previous []reports.FollowUpItem, err error) {
	f, err := survey.LoadFollowUp(ctx, store, camp, unit)
	if err != nil {
		return nil, nil, err
	}
	if f.Plan != nil {
		for _, it := range f.Plan.Items {
			plan = append(plan, reports.FollowUpItem{Element: it.Element, Activity: it.Activity, Timing: it.Timing, Responsible: it.Responsible})
		}
	}
	for _, o := range f.Outcomes {
		previous = append(previous, reports.FollowUpItem{Element: o.Element, Activity: o.Activity, Timing: o.Timing, Responsible: o.Responsible,
			Status: outcomeLine(p, o)})
	}
	return plan, previous, nil
}

// outcomeLine says what became of a planned item and how its element moved, as one line:
// "Selesai. Loket dibuka 1 Agustus. U3 72,50 → 80,00 (naik)".
func outcomeLine(p i18n.Printer, o survey.PlanOutcome) string {
	parts := []string{web.OutcomeText(p, o.Status) + "."}
	if o.Note != "" {
		parts = append(parts, strings.TrimRight(o.Note, ".")+".")
	}
	if ch := web.ChangeText(p, o.Element, o.Change); ch != "" {
		parts = append(parts, ch)
	}
	return strings.Join(parts, " ")
}

// reportServiceResults lists the unit's services in its order, then any other service the tallies name
// (one since removed, or none named), with their results.
func reportServiceResults(unit *survey.Unit, ut *survey.UnitTally) []reports.ServiceResult {
	var out []reports.ServiceResult
	seen := map[string]bool{}
	for _, sv := range unit.Services {
		seen[sv.Code] = true
		out = append(out, reports.ServiceResult{Name: sv.Name, Result: analytics.Compute(ut.Service(sv.Code).Counted().Tally)})
	}
	var others []string
	for code := range ut.Services {
		if !seen[code] {
			others = append(others, code)
		}
	}
	slices.Sort(others)
	for _, code := range others {
		name := survey.Text{ID: code, EN: code}
		if code == "" {
			name = survey.Text{ID: "Layanan tidak disebutkan", EN: "Service not stated"}
		}
		out = append(out, reports.ServiceResult{Name: name, Result: analytics.Compute(ut.Service(code).Counted().Tally)})
	}
	return out
}

// regionReportData gathers the region's report: every unit of the campaign, the previous
// campaign's results and the pooled trend.
func (rs Source) regionReportData(ctx context.Context, key, lang string, now time.Time) (reports.RegionReportData, error) {
	var d reports.RegionReportData
	camp, err := rs.Store.Campaign(ctx, key)
	if err != nil {
		return d, err
	}
	region, err := rs.Store.Region(ctx)
	if err != nil {
		return d, err
	}
	units, err := rs.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return d, err
	}
	byslug := map[string]*survey.Unit{}
	for _, u := range units {
		byslug[u.Slug] = u
	}
	past, err := rs.history(ctx, key)
	if err != nil {
		return d, err
	}
	d = reports.RegionReportData{
		Issue: reportIssue(region, survey.ReportRegion, key, "", lang, rs.BaseURL, now),
		Words: i18n.For(lang, region.Location()), Region: *region, Campaign: *camp, Units: map[string]reports.RegionUnit{},
	}
	// The previous campaign is the one before this in the history; the history ends with this one.
	var prevCamp *survey.Campaign
	var previous *survey.CampaignTally
	if n := len(past); n >= 2 && past[n-1].Key == key {
		prevCamp = past[n-2]
	}
	for _, c := range past {
		t, err := rs.Store.Tally(ctx, c.Key)
		if err != nil {
			return d, err
		}
		var pooled analytics.Tally
		for _, cu := range c.Units {
			pooled.Add(t.Unit(cu.Unit).Total().Counted().Tally)
		}
		d.Trend = append(d.Trend, analytics.Point{Campaign: c.Key, Result: analytics.Compute(pooled), Interval: analytics.ScoreInterval(pooled, 0)})
		if prevCamp != nil && c.Key == prevCamp.Key {
			previous = t
		}
	}
	current, err := rs.Store.Tally(ctx, key)
	if err != nil {
		return d, err
	}
	var rolled []analytics.Unit
	for _, cu := range camp.Units {
		name := survey.Text{ID: cu.Unit, EN: cu.Unit}
		opd := ""
		if u := byslug[cu.Unit]; u != nil {
			name, opd = u.Name, u.OPD
		}
		total := current.Unit(cu.Unit).Total()
		rolled = append(rolled, analytics.Unit{ID: cu.Unit, Name: name.ID, Group: opd, Tally: total.Counted().Tally, Population: cu.Population})
		ru := reports.RegionUnit{Name: name, OPD: opd, Flagged: total.Flagged.Respondents, CaseSLA: current.Unit(cu.Unit).SLA(now)}
		if prevCamp != nil {
			if pcu, ok := prevCamp.Unit(cu.Unit); ok {
				counts := previous.Unit(cu.Unit).Total().Counted().Tally
				ru.Previous = &analytics.Point{Campaign: prevCamp.Key, Result: analytics.Compute(counts), Interval: analytics.ScoreInterval(counts, pcu.Population)}
			}
		}
		d.Units[cu.Unit] = ru
	}
	d.Summary = analytics.Rollup(rolled)
	if prevCamp != nil {
		d.Previous = prevCamp.Key
	}
	sla := current.SLA(now)
	d.CaseSLA, d.CaseRule = &sla, web.CaseRule(i18n.For(lang, region.Location()), region)
	return d, nil
}

// posterData gathers a unit's poster for the open campaign it is part of, or else the latest.
func (rs Source) posterData(ctx context.Context, slug string, now time.Time) (reports.PosterData, error) {
	var d reports.PosterData
	unit, err := rs.Store.Unit(ctx, slug)
	if err != nil {
		return d, err
	}
	region, err := rs.Store.Region(ctx)
	if err != nil {
		return d, err
	}
	all, err := rs.Store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return d, err
	}
	var camp *survey.Campaign
	for _, c := range all {
		if _, ok := c.Unit(slug); !ok {
			continue
		}
		if c.State == survey.StateOpen {
			camp = c
			break
		}
		if camp == nil || c.Key > camp.Key {
			camp = c
		}
	}
	if camp == nil {
		return d, survey.Errorf(survey.ENOTFOUND, "err.poster.campaign", slug)
	}
	return reports.PosterData{
		Issue: reportIssue(region, survey.ReportPoster, camp.Key, slug, survey.LangID, rs.BaseURL, now),
		Words: i18n.For(i18n.ID, region.Location()), Second: i18n.For(i18n.EN, region.Location()),
		Region: *region, Unit: *unit, Campaign: *camp,
		SurveyURL: rs.BaseURL + link.Survey(slug),
	}, nil
}

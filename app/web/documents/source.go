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

// File is a rendered file and the record under which it was issued; a draft has no record.
type File struct {
	PDF      []byte
	Filename string
	Record   *survey.IssuedReport
}

// Draft reports whether the file is a draft: unnumbered, unrecorded, watermarked.
func (f *File) Draft() bool { return f.Record == nil }

// Source builds report data from the store; the web handlers and skm report share it.
type Source struct {
	Store   survey.Store
	BaseURL string
}

// issue renders a file and records it; a file is only handed out once its digest is recorded.
func issueReport(ctx context.Context, issued survey.IssuedStore, number string, kind survey.ReportKind, campaign, unit, lang string,
	at time.Time, by, filename string, render func(io.Writer) error) (*File, error) {
	pdf, err := renderPDF(render)
	if err != nil {
		return nil, err
	}
	rec := survey.NewIssuedReport(number, kind, campaign, unit, lang, pdf, at, by)
	if err := issued.RecordIssued(ctx, rec); err != nil {
		return nil, err
	}
	return &File{PDF: pdf, Filename: filename, Record: rec}, nil
}

func renderPDF(render func(io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// draftSuffix marks a draft's file name in its language.
func draftSuffix(lang string) string {
	return i18n.For(lang, nil).T("pdf.common.draft")
}

// unitFilename and regionFilename name the files of the reports.
func unitFilename(key, slug, lang string, draft bool) string {
	suffix := ""
	if draft {
		suffix = strings.ToLower(draftSuffix(lang))
	}
	return reportFilename("SKM", key, slug, reportLangSuffix(lang), suffix)
}

func regionFilename(key, lang string, draft bool) string {
	return unitFilename(key, "wilayah", lang, draft)
}

// UnitReport returns a unit's report in the language: the final report's file once it is issued,
// else a draft rendered from the data now, which is neither numbered nor recorded.
func (rs Source) UnitReport(ctx context.Context, key, slug, lang string, now time.Time) (*File, error) {
	if f, err := rs.finalFile(ctx, survey.ReportUnit, key, slug, lang); survey.ErrorCode(err) != survey.ENOTFOUND {
		return f, err
	}
	data, err := rs.unitReportData(ctx, key, slug, lang, now)
	if err != nil {
		return nil, err
	}
	pdf, err := renderPDF(func(w io.Writer) error { return reports.UnitReport(w, data) })
	if err != nil {
		return nil, err
	}
	return &File{PDF: pdf, Filename: unitFilename(key, slug, lang, true)}, nil
}

// RegionReport returns the region's report in the language: the final one once issued, else a
// draft.
func (rs Source) RegionReport(ctx context.Context, key, lang string, now time.Time) (*File, error) {
	if f, err := rs.finalFile(ctx, survey.ReportRegion, key, "", lang); survey.ErrorCode(err) != survey.ENOTFOUND {
		return f, err
	}
	data, err := rs.regionReportData(ctx, key, lang, now)
	if err != nil {
		return nil, err
	}
	pdf, err := renderPDF(func(w io.Writer) error { return reports.RegionReport(w, data) })
	if err != nil {
		return nil, err
	}
	return &File{PDF: pdf, Filename: regionFilename(key, lang, true)}, nil
}

// finalFile returns the stored file of the newest final report in the language. ENOTFOUND when
// none was issued.
func (rs Source) finalFile(ctx context.Context, kind survey.ReportKind, key, slug, lang string) (*File, error) {
	final, err := survey.LatestFinal(ctx, rs.Store, kind, key, slug)
	if err != nil {
		return nil, err
	}
	rec, ok := final.File(lang)
	if !ok {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.final.notfound", key)
	}
	pdf, err := rs.Store.FinalFile(ctx, rec.Number)
	if err != nil {
		return nil, err
	}
	name := unitFilename(key, slug, lang, false)
	if kind == survey.ReportRegion {
		name = regionFilename(key, lang, false)
	}
	return &File{PDF: pdf, Filename: name, Record: rec}, nil
}

// FinalLangs are the languages a final report is issued in, Indonesian first.
var FinalLangs = []string{survey.LangID, survey.LangEN}

// IssueFinal issues the final report of the unit (slug "" for the region's) in every language:
// rendered once from the data now, numbered, kept, and returned by every later download. seen is
// the generation the person saw as the newest (0 for none), so that two people issuing at once,
// or a form sent twice, issue once. A correction (seen > 0) needs a reason and replaces the
// previous generation. ECONFLICT unless the campaign has closed, or when seen is not the newest.
func (rs Source) IssueFinal(ctx context.Context, kind survey.ReportKind, key, slug string, seen int, reason string, now time.Time, by string) (*survey.FinalReport, error) {
	camp, err := rs.Store.Campaign(ctx, key)
	if err != nil {
		return nil, err
	}
	if err := camp.Issuable(); err != nil {
		return nil, err
	}
	if _, ok := camp.Unit(slug); kind == survey.ReportUnit && !ok {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", slug, key)
	}
	prev, err := survey.LatestFinal(ctx, rs.Store, kind, key, slug)
	if err != nil && survey.ErrorCode(err) != survey.ENOTFOUND {
		return nil, err
	}
	newest := 0
	if prev != nil {
		newest = prev.Generation
	}
	if newest != seen {
		return nil, survey.Errorf(survey.ECONFLICT, "err.final.changed", newest)
	}
	f := &survey.FinalReport{Kind: kind, Campaign: key, Unit: slug, Generation: newest + 1, IssuedAt: now.UTC(), IssuedBy: by, Reason: strings.TrimSpace(reason)}
	if err := f.CheckReason(); err != nil {
		return nil, err
	}
	pdfs := map[string][]byte{}
	for _, lang := range FinalLangs {
		number := survey.FinalNumber(kind, key, slug, lang, f.Generation, now)
		issue := func(i *reports.Issue) {
			i.Draft, i.Number = false, number
			if prev != nil {
				if old, ok := prev.File(lang); ok {
					i.Replaces, i.Reason = old.Number, f.Reason
				}
			}
		}
		var pdf []byte
		if kind == survey.ReportRegion {
			pdf, err = rs.renderRegion(ctx, key, lang, now, issue)
		} else {
			pdf, err = rs.renderUnit(ctx, key, slug, lang, now, issue)
		}
		if err != nil {
			return nil, err
		}
		rec := survey.NewIssuedReport(number, kind, key, slug, lang, pdf, now, by)
		rec.Generation = f.Generation
		f.Files = append(f.Files, *rec)
		pdfs[rec.Number] = pdf
	}
	if err := rs.Store.IssueFinal(ctx, f, pdfs); err != nil {
		return nil, err
	}
	return f, nil
}

func (rs Source) renderUnit(ctx context.Context, key, slug, lang string, now time.Time, issue func(*reports.Issue)) ([]byte, error) {
	data, err := rs.unitReportData(ctx, key, slug, lang, now)
	if err != nil {
		return nil, err
	}
	issue(&data.Issue)
	return renderPDF(func(w io.Writer) error { return reports.UnitReport(w, data) })
}

func (rs Source) renderRegion(ctx context.Context, key, lang string, now time.Time, issue func(*reports.Issue)) ([]byte, error) {
	data, err := rs.regionReportData(ctx, key, lang, now)
	if err != nil {
		return nil, err
	}
	issue(&data.Issue)
	return renderPDF(func(w io.Writer) error { return reports.RegionReport(w, data) })
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

// reportIssue is a draft made now, in the region's time zone: a final report's issue numbers it.
func reportIssue(region *survey.Region, baseURL string, now time.Time) reports.Issue {
	return reports.Issue{Draft: true, Generated: now.In(region.Location()), BaseURL: baseURL}
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
		Issue: reportIssue(region, rs.BaseURL, now),
		Words: i18n.For(lang, region.Location()), Region: *region, Unit: *unit, Campaign: *camp, Questionnaire: *q,
		Counts:     counted,
		Result:     result,
		Interval:   analytics.ScoreInterval(counted.Tally, cu.Population),
		Adequacy:   analytics.SampleAdequacy(cu.Population, counted.Respondents),
		Flagged:    total.Flagged.Respondents,
		Services:   reportServiceResults(unit, ut),
		Priorities: analytics.Priorities(result),
		CaseRule:   web.CaseRule(i18n.For(lang, region.Location()), region),
		Signer:     signerOf(unit.Head),
	}
	if d.Logo, err = rs.logo(ctx, region); err != nil {
		return d, err
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
		Issue: reportIssue(region, rs.BaseURL, now),
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
	d.Signer = signerOf(region.Signer)
	if d.Logo, err = rs.logo(ctx, region); err != nil {
		return d, err
	}
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
	at := now.In(region.Location())
	d = reports.PosterData{
		Issue: reports.Issue{Number: survey.ReportNumber(survey.ReportPoster, camp.Key, slug, survey.LangID, at), Generated: at, BaseURL: rs.BaseURL},
		Words: i18n.For(i18n.ID, region.Location()), Second: i18n.For(i18n.EN, region.Location()),
		Region: *region, Unit: *unit, Campaign: *camp,
		SurveyURL: rs.BaseURL + link.Survey(slug),
	}
	d.Logo, err = rs.logo(ctx, region)
	return d, err
}

// signerOf is the signature block of a report's signer as the region's profile or the unit's
// page records them, the NIP grouped as it is printed.
func signerOf(s survey.Signer) reports.Signer {
	return reports.Signer{Name: s.Name, Title: s.Title, NIP: s.FormattedNIP()}
}

// logo is the region's logo as printed on a cover or a poster, nil without one.
func (rs Source) logo(ctx context.Context, region *survey.Region) ([]byte, error) {
	if region.Logo == "" {
		return nil, nil
	}
	l, err := rs.Store.Logo(ctx, region.Logo)
	if err != nil {
		return nil, err
	}
	return l.PNG, nil
}

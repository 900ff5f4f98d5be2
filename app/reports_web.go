package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// PDF documents: the unit and regional evaluation reports and the counter poster, each issued
// under a number printed on it and recorded with its SHA-256, so that the public verification
// page can tell a genuine, unchanged file from any other.

// reportRoutes registers the downloads, their API twins and the verification page.
func (s *Server) reportRoutes(app *fiber.App, api fiber.Router) {
	s.handle(app, fiber.MethodGet, "/laporan/:key/unit/:unit.pdf", unitRead, s.handleUnitReport)
	s.handle(app, fiber.MethodGet, "/laporan/:key/wilayah.pdf", regionRead, s.handleRegionReport)
	s.handle(app, fiber.MethodGet, "/poster/:unit.pdf", anyRole, s.handlePoster)
	s.handle(api, fiber.MethodGet, "/campaigns/:key/units/:unit/report.pdf", unitRead, s.handleUnitReport)
	s.handle(api, fiber.MethodGet, "/campaigns/:key/report.pdf", regionRead, s.handleRegionReport)
	s.handle(app, fiber.MethodGet, "/verifikasi", public, s.handleVerify)
	s.handle(app, fiber.MethodPost, "/verifikasi", public, s.handleVerifyUpload)
}

// reportLang is the language a download asks for: ?lang=en, else Indonesian. It is not the
// visitor's interface language: a report is an official document, Indonesian unless asked.
func reportLang(c *fiber.Ctx) (string, error) {
	switch l := c.Query("lang"); l {
	case "", survey.LangID:
		return survey.LangID, nil
	case survey.LangEN:
		return survey.LangEN, nil
	default:
		return "", survey.Errorf(survey.EINVALID, "Query lang must be id or en.")
	}
}

// issuedStore returns the store's registry of issued files.
func (s *Server) issuedStore() (survey.IssuedStore, error) {
	is, ok := s.store.(survey.IssuedStore)
	if !ok {
		return nil, fmt.Errorf("store %T keeps no registry of issued files", s.store)
	}
	return is, nil
}

// handleUnitReport serves GET /laporan/:key/unit/:unit.pdf and
// GET /api/v1/campaigns/:key/units/:unit/report.pdf (?lang=en): the unit's evaluation report.
func (s *Server) handleUnitReport(c *fiber.Ctx) error {
	lang, err := reportLang(c)
	if err != nil {
		return err
	}
	key, unit := c.Params("key"), c.Params("unit")
	src := reportSource{store: s.store, baseURL: s.cfg.BaseURL}
	return s.sendIssued(c, func(ctx context.Context, issued survey.IssuedStore, by string) (*reportFile, error) {
		return src.issueUnitReport(ctx, issued, key, unit, lang, s.now(), by)
	})
}

// handleRegionReport serves GET /laporan/:key/wilayah.pdf and GET /api/v1/campaigns/:key/report.pdf
// (?lang=en): the region's consolidated report.
func (s *Server) handleRegionReport(c *fiber.Ctx) error {
	lang, err := reportLang(c)
	if err != nil {
		return err
	}
	key := c.Params("key")
	src := reportSource{store: s.store, baseURL: s.cfg.BaseURL}
	return s.sendIssued(c, func(ctx context.Context, issued survey.IssuedStore, by string) (*reportFile, error) {
		return src.issueRegionReport(ctx, issued, key, lang, s.now(), by)
	})
}

// handlePoster serves GET /poster/:unit.pdf: the unit's counter poster for the open campaign, or
// the latest one the unit is part of.
func (s *Server) handlePoster(c *fiber.Ctx) error {
	unit := c.Params("unit")
	src := reportSource{store: s.store, baseURL: s.cfg.BaseURL}
	return s.sendIssued(c, func(ctx context.Context, issued survey.IssuedStore, by string) (*reportFile, error) {
		return src.issuePoster(ctx, issued, unit, s.now(), by)
	})
}

// sendIssued issues a file, audits the download and sends it.
func (s *Server) sendIssued(c *fiber.Ctx, issue func(context.Context, survey.IssuedStore, string) (*reportFile, error)) error {
	issued, err := s.issuedStore()
	if err != nil {
		return err
	}
	f, err := issue(c.UserContext(), issued, principal(c).Name)
	if err != nil {
		return err
	}
	r := f.record
	s.audit(c, "report.download", r.Number, strings.TrimSpace(fmt.Sprintf("%s %s %s %s sha256:%s", r.Kind, r.Campaign, r.Unit, r.Lang, r.SHA256)))
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+f.filename+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(f.pdf)
}

// reportFile is a rendered file and the record under which it was issued.
type reportFile struct {
	pdf      []byte
	filename string
	record   *survey.IssuedReport
}

// reportSource builds report data from the store; the web handlers and skm report share it.
type reportSource struct {
	store   survey.Store
	baseURL string
}

// issue renders a file and records it; a file is only handed out once its digest is recorded.
func issueReport(ctx context.Context, issued survey.IssuedStore, number string, kind survey.ReportKind, campaign, unit, lang string,
	at time.Time, by, filename string, render func(io.Writer) error) (*reportFile, error) {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return nil, err
	}
	rec := survey.NewIssuedReport(number, kind, campaign, unit, lang, buf.Bytes(), at, by)
	if err := issued.RecordIssued(ctx, rec); err != nil {
		return nil, err
	}
	return &reportFile{pdf: buf.Bytes(), filename: filename, record: rec}, nil
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

// issueUnitReport renders, records and returns a unit's report.
func (rs reportSource) issueUnitReport(ctx context.Context, issued survey.IssuedStore, key, slug, lang string, now time.Time, by string) (*reportFile, error) {
	data, err := rs.unitReportData(ctx, key, slug, lang, now)
	if err != nil {
		return nil, err
	}
	return issueReport(ctx, issued, data.Number, survey.ReportUnit, key, slug, lang, now, by, reportFilename("SKM", key, slug, reportLangSuffix(lang)),
		func(w io.Writer) error { return reports.UnitReport(w, data) })
}

// issueRegionReport renders, records and returns the region's report.
func (rs reportSource) issueRegionReport(ctx context.Context, issued survey.IssuedStore, key, lang string, now time.Time, by string) (*reportFile, error) {
	data, err := rs.regionReportData(ctx, key, lang, now)
	if err != nil {
		return nil, err
	}
	return issueReport(ctx, issued, data.Number, survey.ReportRegion, key, "", lang, now, by, reportFilename("SKM", key, "wilayah", reportLangSuffix(lang)),
		func(w io.Writer) error { return reports.RegionReport(w, data) })
}

// issuePoster renders, records and returns a unit's poster.
func (rs reportSource) issuePoster(ctx context.Context, issued survey.IssuedStore, slug string, now time.Time, by string) (*reportFile, error) {
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
func (rs reportSource) history(ctx context.Context, key string) ([]*survey.Campaign, error) {
	all, err := rs.store.Campaigns(ctx, survey.CampaignFilter{})
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
func (rs reportSource) unitReportData(ctx context.Context, key, slug, lang string, now time.Time) (reports.UnitReportData, error) {
	var d reports.UnitReportData
	camp, err := rs.store.Campaign(ctx, key)
	if err != nil {
		return d, err
	}
	cu, ok := camp.Unit(slug)
	if !ok {
		return d, survey.Errorf(survey.ENOTFOUND, "Unit %s is not part of campaign %s.", slug, key)
	}
	unit, err := rs.store.Unit(ctx, slug)
	if err != nil {
		return d, err
	}
	region, err := rs.store.Region(ctx)
	if err != nil {
		return d, err
	}
	q, err := rs.store.Questionnaire(ctx, camp.Questionnaire)
	if err != nil {
		return d, err
	}
	tally, err := rs.store.Tally(ctx, key)
	if err != nil {
		return d, err
	}
	ut := tally.Unit(slug)
	total := ut.Total()
	result := analytics.Compute(total.All.Tally)
	d = reports.UnitReportData{
		Issue: reportIssue(region, survey.ReportUnit, key, slug, lang, rs.baseURL, now),
		Words: i18n.For(lang, region.Location()), Region: *region, Unit: *unit, Campaign: *camp, Questionnaire: *q,
		Counts:     total.All,
		Result:     result,
		Interval:   analytics.ScoreInterval(total.All.Tally, cu.Population),
		Adequacy:   analytics.SampleAdequacy(cu.Population, total.All.Respondents),
		Flagged:    total.Flagged.Respondents,
		Services:   reportServiceResults(unit, ut),
		Priorities: analytics.Priorities(result),
		CaseRule:   caseLimitIn(lang, region),
	}
	sla := ut.SLA(now)
	d.CaseSLA = &sla
	past, err := rs.history(ctx, key)
	if err != nil {
		return d, err
	}
	if d.FollowUp, d.PreviousFollowUp, err = rs.followUp(ctx, past, key, slug, lang); err != nil {
		return d, err
	}
	for _, c := range past {
		pcu, ok := c.Unit(slug)
		if !ok {
			continue
		}
		t := tally
		if c.Key != key {
			if t, err = rs.store.Tally(ctx, c.Key); err != nil {
				return d, err
			}
		}
		counts := t.Unit(slug).Total().All.Tally
		d.Trend = append(d.Trend, analytics.Point{Campaign: c.Key, Result: analytics.Compute(counts), Interval: analytics.ScoreInterval(counts, pcu.Population)})
	}
	return d, nil
}

// followUp returns the unit's follow-up plan for the campaign and its previous plan with what
// became of each item (recorded on this campaign's plan); none when the store keeps no plans.
func (rs reportSource) followUp(ctx context.Context, past []*survey.Campaign, key, slug, lang string) (plan, previous []reports.FollowUpItem, err error) {
	plans, ok := rs.store.(survey.PlanStore)
	if !ok {
		return nil, nil, nil
	}
	cur, err := plans.Plan(ctx, key, slug)
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		cur = &survey.Plan{}
	} else if err != nil {
		return nil, nil, err
	}
	for _, it := range cur.Items {
		plan = append(plan, reports.FollowUpItem{Element: it.Element, Activity: it.Activity, Timing: it.Timing, Responsible: it.Responsible})
	}
	var prevKey string
	for _, c := range past {
		if _, in := c.Unit(slug); in && c.Key < key {
			prevKey = c.Key
		}
	}
	if prevKey == "" {
		return plan, nil, nil
	}
	prev, err := plans.Plan(ctx, prevKey, slug)
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		return plan, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	for i, it := range prev.Items {
		status := reportPlanStatus[""].In(lang)
		if r, ok := cur.Outcome(i); ok {
			status = reportPlanStatus[r.Status].In(lang)
			if r.Note != "" {
				status += ": " + r.Note
			}
		}
		previous = append(previous, reports.FollowUpItem{Element: it.Element, Activity: it.Activity, Timing: it.Timing, Responsible: it.Responsible, Status: status})
	}
	return plan, previous, nil
}

// reportPlanStatus words the outcome of a previous plan's item; "" is an item not yet reviewed.
var reportPlanStatus = map[string]survey.Text{
	survey.PlanDone:       {ID: "Selesai", EN: "Done"},
	survey.PlanInProgress: {ID: "Sedang berjalan", EN: "In progress"},
	survey.PlanNotDone:    {ID: "Tidak terlaksana", EN: "Not done"},
	"":                    {ID: "Belum dinilai", EN: "Not reviewed yet"},
}

// reportServiceResults lists the unit's services in its order, then any other service the tallies name
// (one since removed, or none named), with their results.
func reportServiceResults(unit *survey.Unit, ut *survey.UnitTally) []reports.ServiceResult {
	var out []reports.ServiceResult
	seen := map[string]bool{}
	for _, sv := range unit.Services {
		seen[sv.Code] = true
		out = append(out, reports.ServiceResult{Name: sv.Name, Result: analytics.Compute(ut.Service(sv.Code).All.Tally)})
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
		out = append(out, reports.ServiceResult{Name: name, Result: analytics.Compute(ut.Service(code).All.Tally)})
	}
	return out
}

// regionReportData gathers the region's report: every unit of the campaign, the previous
// campaign's results and the pooled trend.
func (rs reportSource) regionReportData(ctx context.Context, key, lang string, now time.Time) (reports.RegionReportData, error) {
	var d reports.RegionReportData
	camp, err := rs.store.Campaign(ctx, key)
	if err != nil {
		return d, err
	}
	region, err := rs.store.Region(ctx)
	if err != nil {
		return d, err
	}
	units, err := rs.store.Units(ctx, survey.UnitFilter{})
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
		Issue: reportIssue(region, survey.ReportRegion, key, "", lang, rs.baseURL, now),
		Words: i18n.For(lang, region.Location()), Region: *region, Campaign: *camp, Units: map[string]reports.RegionUnit{},
	}
	// The previous campaign is the one before this in the history; the history ends with this one.
	var prevCamp *survey.Campaign
	var previous *survey.CampaignTally
	if n := len(past); n >= 2 && past[n-1].Key == key {
		prevCamp = past[n-2]
	}
	for _, c := range past {
		t, err := rs.store.Tally(ctx, c.Key)
		if err != nil {
			return d, err
		}
		var pooled analytics.Tally
		for _, cu := range c.Units {
			pooled.Add(t.Unit(cu.Unit).Total().All.Tally)
		}
		d.Trend = append(d.Trend, analytics.Point{Campaign: c.Key, Result: analytics.Compute(pooled), Interval: analytics.ScoreInterval(pooled, 0)})
		if prevCamp != nil && c.Key == prevCamp.Key {
			previous = t
		}
	}
	current, err := rs.store.Tally(ctx, key)
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
		rolled = append(rolled, analytics.Unit{ID: cu.Unit, Name: name.ID, Group: opd, Tally: total.All.Tally, Population: cu.Population})
		ru := reports.RegionUnit{Name: name, OPD: opd, Flagged: total.Flagged.Respondents, CaseSLA: current.Unit(cu.Unit).SLA(now)}
		if prevCamp != nil {
			if pcu, ok := prevCamp.Unit(cu.Unit); ok {
				counts := previous.Unit(cu.Unit).Total().All.Tally
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
	d.CaseSLA, d.CaseRule = &sla, caseLimitIn(lang, region)
	return d, nil
}

// posterData gathers a unit's poster for the open campaign it is part of, or else the latest.
func (rs reportSource) posterData(ctx context.Context, slug string, now time.Time) (reports.PosterData, error) {
	var d reports.PosterData
	unit, err := rs.store.Unit(ctx, slug)
	if err != nil {
		return d, err
	}
	region, err := rs.store.Region(ctx)
	if err != nil {
		return d, err
	}
	all, err := rs.store.Campaigns(ctx, survey.CampaignFilter{})
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
		return d, survey.Errorf(survey.ENOTFOUND, "Unit %s is part of no campaign yet, so its poster has no period to name.", slug)
	}
	return reports.PosterData{
		Issue: reportIssue(region, survey.ReportPoster, camp.Key, slug, survey.LangID, rs.baseURL, now),
		Words: i18n.For(i18n.ID, region.Location()), Second: i18n.For(i18n.EN, region.Location()),
		Region: *region, Unit: *unit, Campaign: *camp,
		SurveyURL: strings.TrimRight(rs.baseURL, "/") + "/s/" + slug,
	}, nil
}

// verifyPage is the data of the verification page.
type verifyPage struct {
	Page
	// Number is the number looked up, as typed.
	Number string
	Record *survey.IssuedReport
	// UnitName names the record's unit in the page's language.
	UnitName string
	// Outcome is "" before any check, else registered, notfound, badnumber, nofile, genuine, other,
	// altered or unknown; each has a message verify.<outcome>.
	Outcome string
	// Uploaded describes the file checked.
	Uploaded *verifyUpload
}

type verifyUpload struct {
	Name   string
	Bytes  int64
	SHA256 string
}

// Good reports whether the outcome confirms a genuine document or number.
func (p verifyPage) Good() bool {
	return p.Outcome == "genuine" || p.Outcome == "registered" || p.Outcome == "other"
}

// KindName names the record's kind.
func (p verifyPage) KindName() string { return p.T("verify.kind." + string(p.Record.Kind)) }

// LangName names the record's language.
func (p verifyPage) LangName() string { return p.T("verify.lang." + p.Record.Lang) }

// IssuedAt formats when the record was issued, in the region's time zone.
func (p verifyPage) IssuedAt() string {
	return p.Record.IssuedAt.In(p.Region.Location()).Format("2006-01-02 15:04 MST")
}

func (s *Server) verifyPage(c *fiber.Ctx) verifyPage {
	p := verifyPage{Page: s.page(c, "")}
	p.Title = p.T("verify.title")
	return p
}

// withRecord fills the page with a record and its unit's name.
func (s *Server) withRecord(c *fiber.Ctx, p *verifyPage, r *survey.IssuedReport) {
	p.Record = r
	if r.Unit == "" {
		return
	}
	p.UnitName = r.Unit
	if u, err := s.store.Unit(c.UserContext(), r.Unit); err == nil {
		p.UnitName = p.In(u.Name)
	}
}

// handleVerify serves GET /verifikasi (?no=NUMBER): the verification form, and what a number
// stands for.
func (s *Server) handleVerify(c *fiber.Ctx) error {
	p := s.verifyPage(c)
	p.Number = strings.TrimSpace(c.Query("no"))
	status := fiber.StatusOK
	if p.Number != "" {
		switch r, err := s.lookupNumber(c, p.Number); {
		case survey.ErrorCode(err) == survey.EINVALID:
			p.Outcome, status = "badnumber", fiber.StatusBadRequest
		case survey.ErrorCode(err) == survey.ENOTFOUND:
			p.Outcome, status = "notfound", fiber.StatusNotFound
		case err != nil:
			return err
		default:
			p.Outcome = "registered"
			s.withRecord(c, &p, r)
		}
	}
	return s.render(c, status, "verify", p)
}

func (s *Server) lookupNumber(c *fiber.Ctx, number string) (*survey.IssuedReport, error) {
	if !survey.ValidReportNumber(number) {
		return nil, survey.Errorf(survey.EINVALID, "Not a report number.")
	}
	issued, err := s.issuedStore()
	if err != nil {
		return nil, err
	}
	return issued.IssuedByNumber(c.UserContext(), number)
}

// handleVerifyUpload serves POST /verifikasi: a multipart upload of a PDF (field file, and the
// number looked up, if any, in field no). It says whether the file is one the engine issued,
// unchanged, and which.
func (s *Server) handleVerifyUpload(c *fiber.Ctx) error {
	p := s.verifyPage(c)
	p.Number = strings.TrimSpace(c.FormValue("no"))
	fh, err := c.FormFile("file")
	if err != nil {
		p.Outcome = "nofile"
		return s.render(c, fiber.StatusBadRequest, "verify", p)
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return fmt.Errorf("read upload: %w", err)
	}
	p.Uploaded = &verifyUpload{Name: fh.Filename, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}
	issued, err := s.issuedStore()
	if err != nil {
		return err
	}
	r, err := issued.IssuedBySHA256(c.UserContext(), p.Uploaded.SHA256)
	switch {
	case err == nil:
		p.Outcome = "genuine"
		if p.Number != "" && p.Number != r.Number {
			p.Outcome = "other"
		}
		s.withRecord(c, &p, r)
	case survey.ErrorCode(err) != survey.ENOTFOUND:
		return err
	case p.Number != "":
		p.Outcome = "unknown"
		if claimed, err := s.lookupNumber(c, p.Number); err == nil {
			p.Outcome = "altered"
			s.withRecord(c, &p, claimed)
		}
	default:
		p.Outcome = "unknown"
	}
	return s.render(c, fiber.StatusOK, "verify", p)
}

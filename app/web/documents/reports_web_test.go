package documents_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/survey"
)

func wantPDF(t *testing.T, what string, resp *http.Response, body string) {
	t.Helper()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("%s: status %d, type %q, body %.60q", what, resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="`) {
		t.Errorf("%s: Content-Disposition %q", what, cd)
	}
}

// verifyUpload posts a file to the verification page as the browser's form does, with the number
// looked up (if any), and returns the outcome the page states.
func verifyUpload(t *testing.T, b *apptest.Browser, file []byte, number string) (int, *goquery.Document) {
	t.Helper()
	b.Get("/verifikasi") // the CSRF cookie and token
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField(web.CSRFField, b.CSRF)
	_ = w.WriteField("no", number)
	part, _ := w.CreateFormFile("file", "laporan.pdf")
	_, _ = part.Write(file)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "/verifikasi", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, html := b.Send(req)
	d, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, d
}

// reportText returns a PDF's text, or false when pdftotext (poppler-utils) is not installed.
func reportText(t *testing.T, pdf string) (string, bool) {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext (poppler-utils) is not installed: the PDF's text is not checked")
		return "", false
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, []byte(pdf), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}

// signInFirst reports whether a browser was refused for not being signed in.
func signInFirst(resp *http.Response) bool {
	return resp.StatusCode == http.StatusUnauthorized ||
		(resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/masuk"))
}

func outcomeOf(d *goquery.Document) string {
	v, _ := d.Find("#outcome").Attr("data-outcome")
	return v
}

func TestUnitReportDownloadAccess(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.SubmitGenerated("dpmptsp", 12)

	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	resp, pdf := head.Get("/laporan/2026-S2/unit/dpmptsp.pdf")
	wantPDF(t, "unit head's own unit", resp, pdf)
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "SKM-2026-S2-dpmptsp-konsep.pdf") {
		t.Errorf("file name of a draft: %q", cd)
	}
	if resp, _ := head.Get("/laporan/2026-S2/unit/rsud-blambangan.pdf"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("unit head downloading another unit's report: status %d, want 403", resp.StatusCode)
	}
	if resp, _ := head.Get("/laporan/2026-S2/wilayah.pdf"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("unit head downloading the regional report: status %d, want 403", resp.StatusCode)
	}
	if resp, _ := e.Browser().Get("/laporan/2026-S2/unit/dpmptsp.pdf"); !signInFirst(resp) {
		t.Errorf("anonymous download: status %d, want 401 or a redirect to sign in", resp.StatusCode)
	}
	if resp, _ := head.Get("/laporan/2026-S2/unit/dpmptsp.pdf?lang=fr"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown language: status %d, want 400", resp.StatusCode)
	}
	if resp, _ := head.Get("/laporan/2099-S1/unit/dpmptsp.pdf"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown campaign: status %d, want 404", resp.StatusCode)
	}
	if resp, _ := head.Get("/laporan/2026-S2/terbitkan?unit=dpmptsp"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a unit head on the issue page: status %d, want 403", resp.StatusCode)
	}

	// A draft is not recorded, so it cannot be verified, and the page says why.
	if _, err := e.Store.IssuedBySHA256(context.Background(), survey.SHA256Hex([]byte(pdf))); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("a draft is in the registry: %v", err)
	}
	audit, err := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "report.download"})
	if err != nil || len(audit) != 1 || audit[0].Target != "draft" || audit[0].Actor != "kepala" || audit[0].Detail != "unit 2026-S2 dpmptsp id" {
		t.Errorf("audit of the download: %v %+v", err, audit)
	}
	status, page := verifyUpload(t, e.Browser(), []byte(pdf), "")
	if status != http.StatusOK || outcomeOf(page) != "unknown" || page.Find("#drafts").Length() != 1 {
		t.Errorf("a draft checked: status %d, outcome %q; the page must say drafts cannot be verified", status, outcomeOf(page))
	}
}

// issueFinal issues the final report through its page, as an administrator does, and returns it.
func issueFinal(t *testing.T, e *apptest.Env, admin *apptest.Browser, unit string, reason string) *survey.FinalReport {
	t.Helper()
	path := "/laporan/2026-S2/terbitkan"
	if unit != "" {
		path += "?unit=" + unit
	}
	resp, html := admin.Get(path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("issue page: %d", resp.StatusCode)
	}
	seen, _ := apptest.Doc(t, html).Find(`#issue-form input[name="seen"]`).Attr("value")
	resp, html = admin.Post("/laporan/2026-S2/terbitkan", url.Values{"unit": {unit}, "seen": {seen}, "reason": {reason}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("issue: status %d\n%s", resp.StatusCode, apptest.Doc(t, html).Find("main").Text())
	}
	kind := survey.ReportUnit
	if unit == "" {
		kind = survey.ReportRegion
	}
	f, err := survey.LatestFinal(context.Background(), e.Store, kind, "2026-S2", unit)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The final report: issued once the campaign closes, the same bytes at every later download,
// final on the verification page until a correction replaces it under a new number.
func TestFinalReportIssueDownloadAndVerification(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.SubmitGenerated("dpmptsp", 12)
	admin := e.SignedIn("admin", survey.RoleAdmin)
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")

	// Not while the campaign runs: the page says why and offers no form; a forged form is refused.
	resp, html := admin.Get("/laporan/2026-S2/terbitkan?unit=dpmptsp")
	d := apptest.Doc(t, html)
	if resp.StatusCode != http.StatusOK || d.Find("#refusal").Length() != 1 || d.Find("#issue-form").Length() != 0 {
		t.Fatalf("issue page of an open campaign: %d, refusal %q", resp.StatusCode, d.Find("#refusal").Text())
	}
	resp, html = admin.Post("/laporan/2026-S2/terbitkan", url.Values{"unit": {"dpmptsp"}, "seen": {"0"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(apptest.Doc(t, html).Find("#refusal").Text(), "ditutup") {
		t.Errorf("issuing while open: status %d", resp.StatusCode)
	}
	if _, err := e.Store.TransitionCampaign(context.Background(), "2026-S2", survey.StateClosed, "test", e.Now); err != nil {
		t.Fatal(err)
	}

	first := issueFinal(t, e, admin, "dpmptsp", "")
	id, _ := first.File(survey.LangID)
	resp, pdf := head.Get("/laporan/2026-S2/unit/dpmptsp.pdf")
	wantPDF(t, "the final report", resp, pdf)
	if survey.SHA256Hex([]byte(pdf)) != id.SHA256 || !strings.Contains(resp.Header.Get("Content-Disposition"), `"SKM-2026-S2-dpmptsp.pdf"`) {
		t.Fatalf("the download is not the issued file: %s", resp.Header.Get("Content-Disposition"))
	}
	// Later, after more answers, the same bytes.
	e.Now = e.Now.Add(20 * time.Minute)
	e.SubmitGenerated("rsud-blambangan", 3)
	if _, again := head.Get("/laporan/2026-S2/unit/dpmptsp.pdf"); again != pdf {
		t.Error("a later download differs from the issued file")
	}
	if text, ok := reportText(t, pdf); ok && (!strings.Contains(text, id.Number) || strings.Contains(text, "KONSEP")) {
		t.Errorf("the final report does not carry its number %s, or says KONSEP", id.Number)
	}
	en, _ := first.File(survey.LangEN)
	if _, pdfEN := head.Get("/laporan/2026-S2/unit/dpmptsp.pdf?lang=en"); survey.SHA256Hex([]byte(pdfEN)) != en.SHA256 {
		t.Error("the English download is not the issued English file")
	}

	// Anyone may check it: genuine and final; one byte changed is unknown, or altered with its number.
	visitor := e.Browser()
	status, page := verifyUpload(t, visitor, []byte(pdf), "")
	if status != http.StatusOK || outcomeOf(page) != "genuine" || page.Find("#final").AttrOr("data-final", "") != "final" ||
		!strings.Contains(page.Find("#record").Text(), id.Number) || !strings.Contains(page.Find("#record").Text(), "Dinas Penanaman Modal dan PTSP") {
		t.Fatalf("the final file checked: status %d, outcome %q, final %q, record %q", status, outcomeOf(page), page.Find("#final").Text(), page.Find("#record").Text())
	}
	altered := []byte(pdf)
	altered[len(altered)/2] ^= 0x01
	if _, page := verifyUpload(t, visitor, altered, ""); outcomeOf(page) != "unknown" {
		t.Errorf("altered file: outcome %q, want unknown", outcomeOf(page))
	}
	if _, page := verifyUpload(t, visitor, altered, id.Number); outcomeOf(page) != "altered" {
		t.Errorf("altered file with its number: outcome %q, want altered", outcomeOf(page))
	}
	resp, html = visitor.Get("/verifikasi?no=" + url.QueryEscape(id.Number))
	d = apptest.Doc(t, html)
	if resp.StatusCode != http.StatusOK || outcomeOf(d) != "registered" || d.Find("#final").AttrOr("data-final", "") != "final" {
		t.Errorf("lookup of the number: status %d, outcome %q, final %q", resp.StatusCode, outcomeOf(d), d.Find("#final").Text())
	}
	if v, _ := d.Find(`input[name="no"][type="hidden"]`).Attr("value"); v != id.Number {
		t.Errorf("the upload form does not carry the number looked up: %q", v)
	}
	if resp, _ := visitor.Get("/verifikasi?no=SKM/2026-S2/DPMPTSP/00000000"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown number: status %d, want 404", resp.StatusCode)
	}
	if resp, _ := visitor.Get("/verifikasi?no=hello"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("malformed number: status %d, want 400", resp.StatusCode)
	}

	// The same form sent twice issues once; a correction needs a reason, shown next to its field.
	resp, html = admin.Post("/laporan/2026-S2/terbitkan", url.Values{"unit": {"dpmptsp"}, "seen": {"0"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(apptest.Doc(t, html).Find(".flash.bad").Text(), "terbitan terbaru: ke-1") {
		t.Errorf("the first issue's form sent again: status %d", resp.StatusCode)
	}
	resp, html = admin.Post("/laporan/2026-S2/terbitkan?lang=en", url.Values{"unit": {"dpmptsp"}, "seen": {"1"}, "reason": {"  "}})
	if d := apptest.Doc(t, html); resp.StatusCode != http.StatusBadRequest || !strings.Contains(d.Find("#reason-err").Text(), "Give the reason") {
		t.Errorf("a correction without a reason: status %d, %q", resp.StatusCode, d.Find("#reason-err").Text())
	}
	second := issueFinal(t, e, admin, "dpmptsp", "paper questionnaires of 20 August entered")
	newID, _ := second.File(survey.LangID)
	if second.Generation != 2 || newID.Number == id.Number {
		t.Fatalf("the correction: generation %d, number %s (was %s)", second.Generation, newID.Number, id.Number)
	}
	_, corrected := head.Get("/laporan/2026-S2/unit/dpmptsp.pdf")
	if survey.SHA256Hex([]byte(corrected)) != newID.SHA256 {
		t.Error("after the correction the download is not the new file")
	}
	if text, ok := reportText(t, corrected); ok && !strings.Contains(strings.Join(strings.Fields(text), " "), "menggantikan laporan nomor "+id.Number) {
		t.Error("the correction does not name the report it replaces")
	}
	_, page = verifyUpload(t, visitor, []byte(pdf), "")
	if f := page.Find("#final"); outcomeOf(page) != "genuine" || f.AttrOr("data-final", "") != "replaced" || !strings.Contains(f.Text(), newID.Number) || !strings.Contains(f.Text(), "20 August") {
		t.Errorf("the replaced file checked: outcome %q, %q", outcomeOf(page), f.Text())
	}
	for action, n := range map[string]int{"report.issue": 1, "report.reissue": 1} {
		if got, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: action}); len(got) != n || got[0].Target != "2026-S2/dpmptsp" {
			t.Errorf("%s audited %d times: %+v", action, len(got), got)
		}
	}
}

// seedPreviousSemester runs campaign 2026-S1 over the same units, with n responses for unit A,
// and leaves 2026-S2 open again.
func seedPreviousSemester(e *apptest.Env, n int) {
	e.T.Helper()
	ctx := context.Background()
	prev := &survey.Campaign{Key: "2026-S1", Questionnaire: "v1", Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 1000}, {Unit: "rsud-blambangan", Population: 200}}}
	steps := []func() error{
		func() error { return e.Store.CreateCampaign(ctx, prev) },
		func() error {
			_, err := e.Store.TransitionCampaign(ctx, "2026-S2", survey.StateClosed, "test", e.Now)
			return err
		},
		func() error {
			_, err := e.Store.TransitionCampaign(ctx, "2026-S1", survey.StateOpen, "test", e.Now)
			return err
		},
		func() error {
			var rs []*survey.Response
			for i := range n {
				r := &survey.Response{Key: fmt.Sprintf("previous-semester-%04d", i), Campaign: "2026-S1", Unit: "dpmptsp", Questionnaire: "v1",
					Channel: survey.ChannelPaper, SubmittedAt: e.Now, Day: e.Now.Format(time.DateOnly)}
				for j := range r.Answers {
					r.Answers[j] = int8(1 + (i+j)%4)
				}
				rs = append(rs, r)
			}
			_, err := e.Store.SubmitAll(ctx, rs)
			return err
		},
		func() error {
			_, err := e.Store.TransitionCampaign(ctx, "2026-S1", survey.StateClosed, "test", e.Now)
			return err
		},
		func() error {
			_, err := e.Store.TransitionCampaign(ctx, "2026-S2", survey.StateOpen, "test", e.Now)
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			e.T.Fatal(err)
		}
	}
}

func TestReportDownloadsByRole(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	seedPreviousSemester(e, 6)
	e.SubmitGenerated("dpmptsp", 8)

	ctx := context.Background()
	for _, p := range []*survey.Plan{
		{Campaign: "2026-S1", Unit: "dpmptsp", Items: []survey.PlanItem{{Element: "U3", Activity: "Add a morning queue counter", Timing: "July 2026", Responsible: "Head of services"}}},
		{Campaign: "2026-S2", Unit: "dpmptsp", Items: []survey.PlanItem{{Element: "U8", Activity: "WhatsApp complaint line", Timing: "August 2026", Responsible: "Secretary"}},
			Review: []survey.PlanReview{{Item: 0, Status: survey.PlanDone, Note: "fifth counter open"}}},
	} {
		if err := e.Store.SavePlan(ctx, p); err != nil {
			t.Fatal(err)
		}
	}

	headToken := e.Token(survey.RoleUnitHead, "dpmptsp")
	viewerToken := e.Token(survey.RoleViewer)
	resp, body := e.API(http.MethodGet, "/api/v1/campaigns/2026-S2/units/dpmptsp/report.pdf?lang=en", headToken, "")
	wantPDF(t, "API unit report", resp, body)
	if text, ok := reportText(t, body); ok {
		// This period's plan, and the previous period's with what became of it.
		for _, want := range []string{"WhatsApp complaint line", "Add a morning queue counter", "Done. fifth counter", "Semester 1, 2026"} {
			if !strings.Contains(text, want) {
				t.Errorf("the unit report lacks %q", want)
			}
		}
	}
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "-en-draft.pdf") {
		t.Errorf("English file name: %q", resp.Header.Get("Content-Disposition"))
	}
	if resp, _ := e.API(http.MethodGet, "/api/v1/campaigns/2026-S2/units/rsud-blambangan/report.pdf", headToken, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("API: unit head token for another unit: status %d, want 403", resp.StatusCode)
	}
	if resp, _ := e.API(http.MethodGet, "/api/v1/campaigns/2026-S2/report.pdf", headToken, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("API: unit head token for the regional report: status %d, want 403", resp.StatusCode)
	}
	resp, body = e.API(http.MethodGet, "/api/v1/campaigns/2026-S2/report.pdf", viewerToken, "")
	wantPDF(t, "API regional report", resp, body)
	if text, ok := reportText(t, body); ok {
		// The previous semester is compared with, and each unit has its page.
		for _, want := range []string{"Dibandingkan Semester I 2026", "RSUD Blambangan", "Dinas Penanaman Modal dan PTSP", "Kepala Daerah"} {
			if !strings.Contains(text, want) {
				t.Errorf("the regional report lacks %q", want)
			}
		}
	}
	if _, err := e.Store.IssuedBySHA256(context.Background(), survey.SHA256Hex([]byte(body))); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("a draft regional report in the registry: %v", err)
	}

	// A unit without a single response still gets its report.
	admin := e.SignedIn("admin", survey.RoleAdmin)
	resp, body = admin.Get("/laporan/2026-S2/unit/rsud-blambangan.pdf")
	wantPDF(t, "report of a unit without responses", resp, body)

	// A poster is issued for the unit by whoever may act for it: not by viewers, nor by the head
	// of another unit.
	resp, body = admin.Get("/poster/dpmptsp.pdf")
	wantPDF(t, "poster", resp, body)
	if r, err := e.Store.IssuedBySHA256(context.Background(), survey.SHA256Hex([]byte(body))); err != nil || r.Kind != survey.ReportPoster || r.Campaign != "2026-S2" {
		t.Errorf("poster in the registry: %v %+v", err, r)
	}
	if resp, _ := admin.Get("/poster/nope.pdf"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("poster of an unknown unit: status %d, want 404", resp.StatusCode)
	}
	for who, b := range map[string]*apptest.Browser{"a viewer": e.SignedIn("viewer", survey.RoleViewer), "another unit's head": e.SignedIn("kepala-rsud", survey.RoleUnitHead, "rsud-blambangan")} {
		if resp, _ := b.Get("/poster/dpmptsp.pdf"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the poster for %s: status %d, want 403", who, resp.StatusCode)
		}
	}
	if resp, _ := e.Browser().Get("/poster/dpmptsp.pdf"); !signInFirst(resp) {
		t.Errorf("anonymous poster: status %d, want 401 or a redirect to sign in", resp.StatusCode)
	}

	audit, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "report.download"})
	if len(audit) != 4 {
		t.Errorf("%d downloads audited, want 4", len(audit))
	}
}

// Drafts follow the data and the clock; the regional final report, once issued, does not.
func TestDraftsMoveFinalReportsStay(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	_, first := admin.Get("/laporan/2026-S2/wilayah.pdf")
	_, again := admin.Get("/laporan/2026-S2/wilayah.pdf")
	if first != again {
		t.Error("the same data at the same instant gave different drafts")
	}
	e.Now = e.Now.Add(time.Second)
	if _, later := admin.Get("/laporan/2026-S2/wilayah.pdf"); later == first {
		t.Error("a draft a second later is the same file")
	}
	if _, err := e.Store.TransitionCampaign(context.Background(), "2026-S2", survey.StateClosed, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	final := issueFinal(t, e, admin, "", "")
	_, issued := admin.Get("/laporan/2026-S2/wilayah.pdf")
	e.Now = e.Now.Add(20 * time.Minute)
	e.SubmitGenerated("dpmptsp", 2)
	if _, later := admin.Get("/laporan/2026-S2/wilayah.pdf"); later != issued {
		t.Error("the final regional report changed")
	}
	if id, _ := final.File(survey.LangID); survey.SHA256Hex([]byte(issued)) != id.SHA256 || !strings.HasPrefix(id.Number, "SKM/2026-S2/WILAYAH/") {
		t.Errorf("the regional final report: %+v", id)
	}
}

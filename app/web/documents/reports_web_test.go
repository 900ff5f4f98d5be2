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

func TestUnitReportDownloadAndVerification(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.SubmitGenerated("dpmptsp", 12)

	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	resp, pdf := head.Get("/laporan/2026-S2/unit/dpmptsp.pdf")
	wantPDF(t, "unit head's own unit", resp, pdf)
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "SKM-2026-S2-dpmptsp.pdf") {
		t.Errorf("file name: %q", cd)
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

	issued, err := e.Store.IssuedBySHA256(context.Background(), survey.SHA256Hex([]byte(pdf)))
	if err != nil {
		t.Fatalf("the downloaded file is not in the registry: %v", err)
	}
	if issued.Kind != survey.ReportUnit || issued.Unit != "dpmptsp" || issued.Campaign != "2026-S2" || issued.IssuedBy != "kepala" || issued.Bytes != int64(len(pdf)) {
		t.Errorf("registry record %+v", issued)
	}
	audit, err := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "report.download"})
	if err != nil || len(audit) != 1 || audit[0].Target != issued.Number || audit[0].Actor != "kepala" {
		t.Errorf("audit of the download: %v %+v", err, audit)
	}

	// Anyone may check a file; the page names what it is.
	visitor := e.Browser()
	status, page := verifyUpload(t, visitor, []byte(pdf), "")
	if status != http.StatusOK || outcomeOf(page) != "genuine" || !strings.Contains(page.Find("#record").Text(), issued.Number) {
		t.Fatalf("genuine file: status %d, outcome %q, record %q", status, outcomeOf(page), page.Find("#record").Text())
	}
	if !strings.Contains(page.Find("#record").Text(), "Dinas Penanaman Modal dan PTSP") {
		t.Errorf("the record does not name the unit: %q", page.Find("#record").Text())
	}

	// One byte changed anywhere (here in the middle of a compressed page) makes it unknown; with its
	// number looked up first, the page says the file differs from the one issued under it.
	altered := []byte(pdf)
	altered[len(altered)/2] ^= 0x01
	if _, page := verifyUpload(t, visitor, altered, ""); outcomeOf(page) != "unknown" {
		t.Errorf("altered file: outcome %q, want unknown", outcomeOf(page))
	}
	if _, page := verifyUpload(t, visitor, altered, issued.Number); outcomeOf(page) != "altered" {
		t.Errorf("altered file with its number: outcome %q, want altered", outcomeOf(page))
	}

	// The QR code's address: a number alone.
	resp, html := visitor.Get("/verifikasi?no=" + url.QueryEscape(issued.Number))
	d, _ := goquery.NewDocumentFromReader(strings.NewReader(html))
	if resp.StatusCode != http.StatusOK || outcomeOf(d) != "registered" {
		t.Errorf("lookup of the number: status %d, outcome %q", resp.StatusCode, outcomeOf(d))
	}
	if v, _ := d.Find(`input[name="no"][type="hidden"]`).Attr("value"); v != issued.Number {
		t.Errorf("the upload form does not carry the number looked up: %q", v)
	}
	if resp, _ := visitor.Get("/verifikasi?no=SKM/2026-S2/DPMPTSP/00000000"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown number: status %d, want 404", resp.StatusCode)
	}
	if resp, _ := visitor.Get("/verifikasi?no=hello"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("malformed number: status %d, want 400", resp.StatusCode)
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
				r := &survey.Response{Key: fmt.Sprintf("prev-%04d", i), Campaign: "2026-S1", Unit: "dpmptsp", Questionnaire: "v1",
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
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "-en.pdf") {
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
		for _, want := range []string{"Dibandingkan Semester I Tahun 2026", "RSUD Blambangan", "Dinas Penanaman Modal dan PTSP", "Kepala Daerah"} {
			if !strings.Contains(text, want) {
				t.Errorf("the regional report lacks %q", want)
			}
		}
	}
	if r, err := e.Store.IssuedBySHA256(context.Background(), survey.SHA256Hex([]byte(body))); err != nil || r.Kind != survey.ReportRegion || r.Unit != "" {
		t.Errorf("regional report in the registry: %v %+v", err, r)
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

// Two downloads at the same instant by the same person are the same file under the same number;
// at another instant they are a new issue with a new number.
func TestReportNumbersFollowTheClock(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	_, first := admin.Get("/laporan/2026-S2/wilayah.pdf")
	_, again := admin.Get("/laporan/2026-S2/wilayah.pdf")
	if first != again {
		t.Error("the same data at the same instant gave different files")
	}
	e.Now = e.Now.Add(time.Second)
	_, later := admin.Get("/laporan/2026-S2/wilayah.pdf")
	a, _ := e.Store.IssuedBySHA256(context.Background(), survey.SHA256Hex([]byte(first)))
	b, err := e.Store.IssuedBySHA256(context.Background(), survey.SHA256Hex([]byte(later)))
	if err != nil || a == nil || a.Number == b.Number {
		t.Errorf("a later download: %v, numbers %v and %v", err, a, b)
	}
}

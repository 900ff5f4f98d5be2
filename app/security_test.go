package app_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"

	"github.com/PuerkitoBio/goquery"

	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
)

// The payloads every free-text field of the engine is fed in TestFreeTextIsInertEverywhere.
const (
	xss     = `<script>alert("x")</script><img src=x onerror=alert(1)>`
	formula = `=HYPERLINK("http://evil.example","klik")`
)

// TestFreeTextIsInertEverywhere writes script and spreadsheet-formula payloads into every field
// people type — a unit's and a service's names, a resident's suggestion and complaint, a unit's
// reply, a follow-up plan — and reads every page, chart, export and PDF that shows them: HTML
// shows them escaped, chart data cannot close its script element, CSV and XLSX cells cannot run
// as formulas, and PDFs print them as plain text.
func TestFreeTextIsInertEverywhere(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	ctx := context.Background()
	name := survey.Text{ID: "Dinas " + xss, EN: "Office " + xss}
	services := []survey.Service{{Code: "izin-usaha", Name: survey.Text{ID: "Izin " + xss}}, {Code: "pbg", Name: survey.Text{ID: formula}}}
	if _, err := e.Store.UpdateUnit(ctx, "dpmptsp", survey.UnitUpdate{Name: &name, Services: &services}); err != nil {
		t.Fatal(err)
	}

	// A resident writes a complaint in the survey, another files one on the complaint form: both
	// are answered.
	resident := e.Browser()
	_, page := resident.Get("/s/dpmptsp")
	form := apptest.Filled(t, page)
	form.Set("suggestion", formula+" "+xss)
	form.Set("kind", survey.KindComplaint)
	e.Now = e.Now.Add(2 * time.Minute)
	if resp, _ := resident.Post("/s/dpmptsp", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("survey: %d", resp.StatusCode)
	}
	complainer := e.Browser()
	_, page = complainer.Get("/s/dpmptsp/pengaduan")
	cf := url.Values{}
	apptest.Doc(t, page).Find(`form input[type=hidden]`).Each(func(_ int, s *goquery.Selection) { cf.Set(s.AttrOr("name", ""), s.AttrOr("value", "")) })
	cf.Set("text", "Keluhan "+xss)
	if resp, _ := complainer.Post("/s/dpmptsp/pengaduan", cf); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("complaint: %d", resp.StatusCode)
	}
	tally, _ := e.Store.Tally(ctx, c.Key)
	cases := tally.Unit("dpmptsp").Cases
	if len(cases) != 2 {
		t.Fatalf("%d cases, want 2", len(cases))
	}
	var codes []string // the residents' tracking codes, which staff pages never show
	for _, r := range e.Responses(c.Key) {
		codes = append(codes, r.CaseCode)
	}

	// The unit head replies with the same payload and publishes; a plan carries it too.
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	for _, cs := range cases {
		head.Get("/pengaduan/" + cs.ID)
		if resp, _ := head.Post("/pengaduan/"+cs.ID+"/balas", url.Values{"reply": {"Jawaban " + xss + " " + formula}}); resp.StatusCode >= 400 {
			t.Fatalf("reply: %d", resp.StatusCode)
		}
		head.Get("/pengaduan/" + cs.ID)
		if resp, _ := head.Post("/pengaduan/"+cs.ID+"/terbitkan", nil); resp.StatusCode >= 400 {
			t.Fatalf("publish: %d", resp.StatusCode)
		}
	}
	if err := e.Store.SavePlan(ctx, &survey.Plan{Campaign: c.Key, Unit: "dpmptsp", UpdatedBy: "kepala",
		Items: []survey.PlanItem{{Element: "U3", Activity: xss, Timing: formula, Responsible: "Kepala " + xss}}}); err != nil {
		t.Fatal(err)
	}

	admin := e.SignedIn("admin", survey.RoleAdmin)
	inert := func(b *apptest.Browser, p string) {
		t.Helper()
		resp, body := b.Get(p)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", p, resp.StatusCode)
			return
		}
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s shows the payload unescaped", p)
		}
		if !strings.Contains(body, "&lt;script&gt;") && !strings.Contains(body, `\u003cscript\u003e`) {
			t.Errorf("%s does not show the payload at all (the test would prove nothing)", p)
		}
	}
	for _, p := range []string{"/", "/s/dpmptsp", "/s/dpmptsp/pengaduan", "/lacak/" + codes[0], "/lacak/" + codes[1]} {
		inert(e.Browser(), p)
	}
	for _, p := range []string{"/dasbor", "/dasbor/unit/dpmptsp", "/pengaduan", "/pengaduan/" + cases[0].ID, "/rencana/" + c.Key + "/unit/dpmptsp"} {
		inert(admin, p)
	}

	// Exports: no cell may start with a formula character.
	for _, path := range []string{"/ekspor/" + c.Key + "/unit/dpmptsp/responses.csv", "/ekspor/" + c.Key + "/unit/dpmptsp/elements.csv"} {
		resp, body := admin.Get(path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		for _, cell := range csvCells(body) {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !isNumber(cell) {
				t.Errorf("%s has a live formula cell %q", path, cell)
			}
		}
	}
	resp, body := admin.Get("/ekspor/" + c.Key + "/unit/dpmptsp/responses.xlsx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("xlsx export: %d", resp.StatusCode)
	}
	book, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := book.GetRows(book.GetSheetList()[0])
	found := false
	for _, row := range rows {
		for _, cell := range row {
			if strings.Contains(cell, "HYPERLINK") {
				found = true
				if strings.HasPrefix(cell, "=") {
					t.Errorf("xlsx cell %q is a live formula", cell)
				}
			}
		}
	}
	if !found {
		t.Error("the xlsx export lacks the suggestion (the test would prove nothing)")
	}

	// The published results show the unit's name escaped too.
	if _, err := e.Store.TransitionCampaign(ctx, c.Key, survey.StateClosed, "admin", e.Now); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.PublishCampaign(ctx, c.Key, e.Now); err != nil {
		t.Fatal(err)
	}
	inert(e.Browser(), "/hasil/"+c.Key)
	inert(e.Browser(), "/hasil/"+c.Key+"/unit/dpmptsp")

	// The PDF prints the payload as text.
	resp, body = admin.Get("/laporan/" + c.Key + "/unit/dpmptsp.pdf")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF") {
		t.Fatalf("unit report: %d", resp.StatusCode)
	}
	tool := surveytest.RequireTool(t, "pdftotext", "poppler-utils")
	cmd := exec.Command(tool, "-", "-")
	cmd.Stdin = strings.NewReader(body)
	text, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(text)), " "), `<script>alert("x")</script>`) {
		t.Error("the report does not print the unit's name as written")
	}
}

// TestEveryFormNeedsItsToken posts to every state-changing browser route, signed in as an
// administrator, without the CSRF token and with another browser's: every one is refused.
func TestEveryFormNeedsItsToken(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	admin.Get("/akun")
	other := e.Browser()
	other.Get("/masuk")
	seen := map[string]bool{}
	for _, r := range e.App.GetRoutes(true) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || strings.HasPrefix(r.Path, "/api/") || seen[r.Method+r.Path] {
			continue
		}
		seen[r.Method+r.Path] = true
		path := fillPath(r.Path)
		for name, token := range map[string]string{"no token": "", "another browser's token": other.CSRF} {
			form := url.Values{}
			if token != "" {
				form.Set(web.CSRFField, token)
			}
			req := httptest.NewRequest(r.Method, path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if resp, _ := admin.Send(req); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s with %s: status %d, want 403", r.Method, r.Path, name, resp.StatusCode)
			}
		}
	}
	if len(seen) < 10 {
		t.Errorf("only %d state-changing routes found", len(seen))
	}
}

func csvCells(body string) []string {
	var cells []string
	for _, line := range strings.Split(body, "\n") {
		cells = append(cells, strings.Split(strings.TrimRight(line, "\r"), ",")...)
	}
	return cells
}

func isNumber(s string) bool {
	for i, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',' || (i == 0 && r == '-')) {
			return false
		}
	}
	return true
}

// TestEveryRedirectStaysOnSite sends every route, as an administrator and as a visitor, query and
// form parameters that try to steer a redirect off the site or write a header: no answer leads
// elsewhere or carries the header.
func TestEveryRedirectStaysOnSite(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	payloads := []string{"/\r\nX-Injected: 1", "//example.com", "/\t/example.com", "https://example.com", "/\\example.com"}
	params := []string{"next", "kode", "kampanye", "unit", "to", "ok", "lang", "no"}
	e.User("admin", survey.RoleAdmin)
	seen := map[string]bool{}
	for _, r := range e.App.GetRoutes(true) {
		if r.Method == http.MethodHead || seen[r.Method+r.Path] || strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		seen[r.Method+r.Path] = true
		for _, payload := range payloads {
			for _, b := range []*apptest.Browser{browserOf(e, "admin"), browserOf(e, "")} {
				q, form := url.Values{}, url.Values{web.CSRFField: {b.CSRF}}
				for _, p := range params {
					q.Set(p, payload)
					form.Set(p, payload)
				}
				req := httptest.NewRequest(r.Method, fillPath(r.Path)+"?"+q.Encode(), strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				resp, _ := b.Send(req)
				if loc := resp.Header.Get("Location"); loc != "" {
					if _, ok := web.LocalPath(loc); !ok {
						t.Errorf("%s %s with %q: Location %q", r.Method, r.Path, payload, loc)
					}
				}
				if resp.Header.Get("X-Injected") != "" {
					t.Errorf("%s %s with %q wrote a header", r.Method, r.Path, payload)
				}
			}
		}
	}
}

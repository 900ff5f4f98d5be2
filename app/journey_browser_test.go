package app_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/apptest"
)

// journey is the first semester walked in chromium: a phone that checks every page it stops at,
// and saves the README's pictures at phone and desktop size into SKM_DOCS_IMG when it is set.
type journey struct {
	*apptest.Phone
	t    *testing.T
	docs string
}

// look checks the page at both sizes (it fits 360 px: no sideways scrolling, controls big enough
// to tap, visible focus rings; no serious axe-core violation at 360 or 1280 px) and saves its picture at phone size, and at desktop size too when
// desktop is set.
func (j journey) look(name string, desktop bool) {
	j.t.Helper()
	j.FitsScreen(name)
	j.Axe(name + " at 360 px")
	j.picture(name + "-phone")
	j.Resize(1280, 900)
	j.Axe(name + " at 1280 px")
	if desktop {
		j.picture(name + "-desktop")
	}
	j.Resize(360, 740)
}

func (j journey) picture(name string) {
	j.t.Helper()
	j.Shot(name)
	if j.docs == "" {
		return
	}
	// The fit check tabbed through the page; the picture shows it as a person first sees it.
	apptest.Eval[bool](j.Phone, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true)`)
	png, err := chromedp.Run(j.Ctx, chromedp.FullScreenshot(100))
	if err != nil {
		j.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(j.docs, "journey-"+name+".png"), png, 0o644); err != nil {
		j.t.Fatal(err)
	}
}

// signIn signs in through the form.
func (j journey) signIn(username, password string) {
	j.t.Helper()
	j.Open("/masuk")
	j.Do(chromedp.SendKeys(chromedp.ID("username"), username), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button`)))
	j.Wait("signed in as "+username, `location.pathname != '/masuk'`)
}

func (j journey) signOut() {
	j.t.Helper()
	j.Do(chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)))
	j.Wait("signed out", `!document.querySelector('form[action="/keluar"]')`)
}

// TestBrowserFirstSemester is issue 13's journey on an empty store, through the browser alone (no
// demo, no API, no store access beyond the first run's administrator that skm serve creates):
// first sign-in → the region named with a logo → three units from XLSX → a unit head → a campaign
// opened → a resident answers at /s/{unit} → the unit head uploads five paper questionnaires →
// close → the final unit report issued; its PDF names the region, the unit and its head, and
// /verifikasi calls it final.
func TestBrowserFirstSemester(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole semester in chromium")
	}
	tools := map[string]string{}
	for _, tool := range []string{"pdftotext"} {
		path, err := exec.LookPath(tool)
		if err != nil {
			t.Skipf("%s (poppler-utils) is not installed", tool)
		}
		tools[tool] = path
	}
	e := apptest.New(t)
	first := e.Config
	first.AdminPass = "kata sandi pertama yang panjang"
	if err := app.EnsureAdmin(context.Background(), e.Store, first, io.Discard); err != nil {
		t.Fatal(err)
	}
	j := journey{Phone: apptest.NewPhoneOn(t, e), t: t, docs: os.Getenv("SKM_DOCS_IMG")}
	dir := t.TempDir()
	files := map[string][]byte{
		"logo.png": journeyLogo(t),
		"unit.xlsx": apptest.XLSXFile(t, [][]any{
			{"slug", "name", "opd", "name_en", "services"},
			{"dpmptsp", "Dinas Penanaman Modal dan PTSP", "DPMPTSP", "Investment and One-Stop Service Office", "Izin usaha|Persetujuan bangunan gedung"},
			{"rsud-blambangan", "RSUD Blambangan", "RSUD Blambangan", "Blambangan Regional Hospital", "Rawat jalan|Rawat inap"},
			{"mal-pelayanan-publik", "Mal Pelayanan Publik", "DPMPTSP", "Public Service Mall", "Perekaman KTP-el|Akta kelahiran"},
		}),
		"kertas.csv": []byte("tanggal;jenis_kelamin;umur;U1;U2;U3;U4;U5;U6;U7;U8;U9;saran\n" +
			"18/08/2026;P;34;4;3;3;4;3;3;4;3;3;Antrean pagi panjang\n" +
			"18/08/2026;L;45;3;3;3;4;3;3;3;3;3;\n" +
			"19/08/2026;P;29;3;4;3;4;4;3;4;3;4;\n" +
			"19/08/2026;L;52;4;4;3;4;3;4;4;3;4;\n" +
			"20/08/2026;P;38;3;3;2;4;3;3;3;2;3;\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The first sign-in leads to the region's profile.
	j.signIn("admin", first.AdminPass)
	j.Wait("the region's profile", `location.pathname == '/admin/wilayah'`)
	j.look("region", false)
	j.Do(chromedp.SetValue(chromedp.ID("name"), "Kabupaten Banyuwangi"),
		chromedp.SetValue(chromedp.ID("timeZone"), "Asia/Jakarta"),
		chromedp.SetValue(chromedp.ID("signer-name"), "Dr. Ir. H. Mujiono, M.Si"),
		chromedp.SetValue(chromedp.ID("signer-title"), "Sekretaris Daerah"),
		chromedp.SetUploadFiles(chromedp.ID("logo"), []string{filepath.Join(dir, "logo.png")}),
		chromedp.Click(chromedp.CSS(`input[name="headsImportPaper"]`)),
		chromedp.Click(chromedp.CSS(`form.setup button[type=submit]`)))
	j.Wait("the region saved", `location.search == '?ok=1' && document.querySelector('.brand').textContent.includes('Kabupaten Banyuwangi')`)

	// Three units from a workbook, previewed, then confirmed.
	j.Open("/admin/unit/impor")
	j.Do(chromedp.SetUploadFiles(chromedp.ID("file"), []string{filepath.Join(dir, "unit.xlsx")}),
		chromedp.Click(chromedp.CSS(`form[action="/admin/unit/impor"] button`)))
	j.Wait("the units' preview", `document.querySelector('#preview-h')`)
	j.Do(chromedp.Click(chromedp.CSS(`form[action^="/admin/unit/impor/"] button`)))
	j.Wait("three units", `location.pathname == '/admin/unit' && location.search == '?impor=3'`)

	// The head of DPMPTSP: the name that signs its report, and an account to sign in with.
	j.Open("/admin/unit/dpmptsp")
	j.Do(chromedp.SetValue(chromedp.ID("head-name"), "Ir. Agus Siswanto, M.T."), chromedp.SetValue(chromedp.ID("head-title"), "Kepala Dinas"),
		chromedp.Click(chromedp.CSS(`form.setup button[type=submit]`)))
	j.Wait("the unit saved", `location.search == '?ok=1'`)
	j.Do(chromedp.SendKeys(chromedp.ID("head-username"), "agus"), chromedp.SendKeys(chromedp.ID("head-fullname"), "Agus Siswanto"),
		chromedp.Click(chromedp.CSS(`form[action$="/kepala/baru"] button`)))
	j.Wait("the head's password", `document.querySelector('.password')`)
	headPassword := strings.TrimSpace(apptest.Eval[string](j.Phone, `document.querySelector('.password').textContent`))

	// This semester's campaign: its key suggested, every unit and the questionnaire ticked; opened.
	j.Open("/admin/kampanye")
	j.look("campaigns", true)
	if key := apptest.Eval[string](j.Phone, `document.getElementById('key').value`); key != "2026-S2" {
		t.Fatalf("suggested key %q, want 2026-S2", key)
	}
	j.Do(chromedp.Click(chromedp.CSS(`#new-campaign button[type="submit"]`)))
	j.Wait("the new campaign", `location.pathname == '/admin/kampanye/2026-S2'`)
	j.Do(chromedp.SetValue(chromedp.ID("population-dpmptsp"), "1200"), chromedp.Click(chromedp.CSS(`#populations button[type="submit"]`)))
	j.Wait("the populations saved", `location.search == '?ok=populations'`)
	j.Do(chromedp.Click(chromedp.CSS(`#moves button`)))
	j.Wait("the confirmation", `document.getElementById('confirm')`)
	j.look("campaign-open-confirm", false)
	j.Do(chromedp.Click(chromedp.CSS(`#confirm button[type="submit"]`)))
	j.Wait("the campaign open", `location.search == '?ok=open'`)
	j.signOut()

	// A resident answers on their phone.
	j.Open("/s/dpmptsp")
	j.FillWizard("343434343")
	j.Do(chromedp.Click(chromedp.CSS(".send")))
	j.Wait("the thank-you page", `location.pathname == '/s/dpmptsp/terima-kasih'`)

	// The unit head, led from the dashboard, uploads five paper questionnaires.
	j.signIn("agus", headPassword)
	j.Open("/dasbor/unit/dpmptsp")
	j.Do(chromedp.Click(chromedp.CSS(`a[href="/admin/kampanye/2026-S2/unit/dpmptsp/impor"]`)))
	j.Wait("the import page", `document.getElementById('upload')`)
	j.Do(chromedp.SetUploadFiles(chromedp.ID("file"), []string{filepath.Join(dir, "kertas.csv")}),
		chromedp.Click(chromedp.CSS(`#upload button[type="submit"]`)))
	j.Wait("the preview", `document.getElementById('confirm')`)
	if rows := apptest.Eval[string](j.Phone, `document.getElementById('rows').textContent`); rows != "5" {
		t.Errorf("the preview counts %q questionnaires, want 5", rows)
	}
	j.look("paper-preview", false)
	j.Do(chromedp.Click(chromedp.CSS(`#confirm button[type="submit"]`)))
	j.Wait("the import done", `document.getElementById('done')`)
	j.signOut()

	// The administrator closes the campaign and issues DPMPTSP's final report.
	j.signIn("admin", first.AdminPass)
	j.Open("/admin/kampanye/2026-S2")
	if n := apptest.Eval[string](j.Phone, `document.querySelector('#unit-dpmptsp .respondents').textContent`); !strings.HasPrefix(strings.TrimSpace(n), "6") {
		t.Errorf("DPMPTSP's respondents: %q, want 6 (one on the web, five on paper)", n)
	}
	j.look("campaign", true)
	j.Open("/admin/kampanye/2026-S2/status?to=closed")
	j.Do(chromedp.Click(chromedp.CSS(`#confirm button[type="submit"]`)))
	j.Wait("the campaign closed", `location.search == '?ok=closed'`)
	j.Open("/laporan/2026-S2/terbitkan?unit=dpmptsp")
	j.Do(chromedp.Click(chromedp.CSS(`#issue-form button[type="submit"]`)))
	j.Wait("the final report", `document.getElementById('issue-1')`)
	j.look("final-report", false)
	number := apptest.Eval[string](j.Phone, `document.querySelector('#issue-1 code.number').textContent`)

	// The PDF as the administrator downloads it, with the browser's session.
	pdf := j.download("/laporan/2026-S2/unit/dpmptsp.pdf")
	text := pdfText(t, tools["pdftotext"], dir, pdf)
	for _, want := range []string{"Kabupaten Banyuwangi", "DINAS PENANAMAN MODAL DAN PTSP", "Ir. Agus Siswanto, M.T.", number} {
		if !strings.Contains(text, want) {
			t.Errorf("the final report does not say %q", want)
		}
	}
	if strings.Contains(text, "KONSEP") {
		t.Error("the final report says KONSEP")
	}

	// Anyone can check it: final.
	j.signOut()
	j.Open("/verifikasi?no=" + number)
	j.Wait("the verification", `document.getElementById('final')`)
	if final := apptest.Eval[string](j.Phone, `document.getElementById('final').dataset.final`); final != "final" {
		t.Errorf("/verifikasi calls the report %q", final)
	}
	j.look("verify", false)
}

// download fetches a path with the browser's cookies, as a click on a download link would.
func (j journey) download(path string) []byte {
	j.t.Helper()
	res, err := chromedp.Call(j.Ctx, network.GetCookies, network.GetCookiesParams{})
	if err != nil {
		j.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, j.Base+path, nil)
	for _, c := range res.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		j.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(body, []byte("%PDF-")) {
		j.t.Fatalf("GET %s: %d %.80q", path, resp.StatusCode, body)
	}
	return body
}

func pdfText(t *testing.T, tool, dir string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(dir, "laporan.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// journeyLogo is a regency's emblem as an administrator uploads it: a green shield on white.
func journeyLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 300))
	for y := range 300 {
		for x := range 300 {
			c := color.NRGBA{255, 255, 255, 255}
			if x > 40 && x < 260 && y > 30 && y < 200+(130-abs(x-150))/2 {
				c = color.NRGBA{0, 104, 55, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func abs(v int) int { return max(v, -v) }

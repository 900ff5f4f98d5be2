package admin_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// setupPhone is a phone on an empty engine with its first administrator, checking each page it
// visits for sideways scrolling and accessibility, and saving the walkthrough's pictures.
type setupPhone struct {
	*apptest.Phone
	t *testing.T
	// docs is where the README's screenshots go (SKM_DOCS_IMG), "" for none.
	docs string
}

// check fails the test when the page scrolls sideways or axe-core finds a serious violation.
func (p setupPhone) check(name string) {
	p.t.Helper()
	if w, inner := apptest.Eval[int](p.Phone, `document.documentElement.scrollWidth`), apptest.Eval[int](p.Phone, `window.innerWidth`); w > inner {
		p.t.Errorf("%s: the page is %d px wide in a %d px window", name, w, inner)
	}
	p.Axe(name)
	p.Shot(name)
}

// picture saves the visible part of the page for the README.
func (p setupPhone) picture(name string) {
	p.t.Helper()
	if p.docs == "" {
		return
	}
	png, err := chromedp.Run(p.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p.docs, name+".png"), png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// TestBrowserFirstSemesterSetup walks the first run in chromium on an empty store, at phone size:
// the first sign-in leads to the region, which is named with a logo; three units come from an
// XLSX file; one gets a head; a new questionnaire version is made, compared and previewed. Every
// page is then checked again at desktop size.
func TestBrowserFirstSemesterSetup(t *testing.T) {
	e := apptest.New(t)
	e.User("admin", survey.RoleAdmin)
	p := setupPhone{Phone: apptest.NewPhoneOn(t, e), t: t, docs: os.Getenv("SKM_DOCS_IMG")}
	dir := t.TempDir()
	logo := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(logo, emblemOf(t, 600), 0o644); err != nil {
		t.Fatal(err)
	}
	units := filepath.Join(dir, "unit.xlsx")
	if err := os.WriteFile(units, apptest.XLSXFile(t, [][]any{
		{"slug", "name", "opd", "name_en", "services", "population"},
		{"dpmptsp", "Dinas Penanaman Modal dan PTSP", "DPMPTSP", "Investment and One-Stop Service Office", "Izin usaha|Persetujuan bangunan gedung", 12500},
		{"rsud-blambangan", "RSUD Blambangan", "RSUD Blambangan", "Blambangan Regional Hospital", "Rawat jalan|Rawat inap|IGD", 40000},
		{"mal-pelayanan-publik", "Mal Pelayanan Publik", "DPMPTSP", "Public Service Mall", "Perekaman KTP-el|Akta kelahiran|NPWP", 30000},
	}), 0o644); err != nil {
		t.Fatal(err)
	}

	p.Open("/masuk")
	p.Do(chromedp.SendKeys(chromedp.ID("username"), "admin"), chromedp.SendKeys(chromedp.ID("password"), apptest.Password),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button`)))
	p.Wait("the region's profile", `location.pathname == '/admin/wilayah' && document.querySelector('.welcome')`)
	p.check("region-welcome")
	p.picture("setup-region-phone")

	p.Do(chromedp.SetValue(chromedp.ID("name"), "Kabupaten Banyuwangi"),
		chromedp.SetValue(chromedp.ID("organizer-id"), "Bagian Organisasi Sekretariat Daerah Kabupaten Banyuwangi"),
		chromedp.SetValue(chromedp.ID("organizer-en"), "Organisation Bureau, Banyuwangi Regency Secretariat"),
		chromedp.SetValue(chromedp.ID("signer-name"), "Dr. Ir. H. Mujiono, M.Si"),
		chromedp.SetValue(chromedp.ID("signer-title"), "Sekretaris Daerah"),
		chromedp.SetValue(chromedp.ID("signer-nip"), "19670101 199203 1 008"),
		chromedp.SetValue(chromedp.ID("opds"), "DPMPTSP\nRSUD Blambangan\nDinas Kesehatan"),
		chromedp.SetUploadFiles(chromedp.ID("logo"), []string{logo}),
		chromedp.Click(chromedp.CSS(`form.setup button[type=submit]`)))
	p.Wait("the profile saved", `location.search == '?ok=1'`)
	p.Wait("the logo in the header", `document.querySelector('.brand img') && document.querySelector('.brand img').naturalWidth > 0`)
	if name := apptest.Eval[string](p.Phone, `document.querySelector('.brand').textContent`); name != "Survei Kepuasan MasyarakatKabupaten Banyuwangi" {
		t.Errorf("the header says %q", name)
	}
	p.check("region-saved")

	p.Open("/admin/unit/impor")
	p.check("unit-import")
	p.Do(chromedp.SetUploadFiles(chromedp.ID("file"), []string{units}), chromedp.Click(chromedp.CSS(`form[action="/admin/unit/impor"] button`)))
	p.Wait("the preview", `document.querySelector('#preview-h')`)
	p.check("unit-import-preview")
	p.picture("setup-import-phone")
	p.Do(chromedp.Click(chromedp.CSS(`form[action^="/admin/unit/impor/"] button`)))
	p.Wait("the units", `location.pathname == '/admin/unit' && location.search == '?impor=3'`)
	p.check("units")
	p.picture("setup-units-phone")

	p.Open("/admin/unit/mal-pelayanan-publik")
	p.Do(chromedp.SetValue(chromedp.ID("head-name"), "Drs. Budi Santoso, M.M."), chromedp.SetValue(chromedp.ID("head-title"), "Kepala Mal Pelayanan Publik"),
		chromedp.Click(chromedp.CSS(`form.setup button[type=submit]`)))
	p.Wait("the unit saved", `location.search == '?ok=1'`)
	p.Do(chromedp.SendKeys(chromedp.ID("head-username"), "budi"), chromedp.SendKeys(chromedp.ID("head-fullname"), "Budi Santoso"),
		chromedp.Click(chromedp.CSS(`form[action$="/kepala/baru"] button`)))
	p.Wait("the new head's password", `document.querySelector('.password')`)
	p.check("unit-head")
	p.picture("setup-head-phone")

	p.Open("/admin/kuesioner/baru?dari=v1")
	p.Do(chromedp.SetValue(chromedp.ID("U4-a4-id"), "Tidak dipungut biaya"), chromedp.Click(chromedp.CSS(`input[name=ask][value=age]`)),
		chromedp.Click(chromedp.CSS(`form.setup button[type=submit]`)))
	p.Wait("version 2", `location.pathname == '/admin/kuesioner/v2'`)
	p.check("questionnaire")
	p.Open("/admin/kuesioner")
	p.check("questionnaires")
	p.Open("/admin/kuesioner/banding?a=v1&b=v2")
	p.check("questionnaire-compare")
	p.Open("/admin/kuesioner/v2/pratinjau?unit=mal-pelayanan-publik")
	p.Wait("the wizard", `!document.querySelector('.wiz').hidden`)
	p.check("questionnaire-preview")
	p.Do(chromedp.Evaluate[chromedp.Void](`document.querySelector('.phone').scrollIntoView()`))
	p.picture("setup-preview-phone")
	if apptest.Eval[int](p.Phone, `document.querySelector('.phone').getBoundingClientRect().width`) > 360 {
		t.Error("the preview is wider than a phone")
	}

	u, err := e.Store.Unit(ctx, "mal-pelayanan-publik")
	if err != nil || len(u.Services) != 3 || u.Population != 30000 || u.Head.Name != "Drs. Budi Santoso, M.M." {
		t.Errorf("the unit set up in the browser: %+v, %v", u, err)
	}
	if head, err := e.Store.User(ctx, "budi"); err != nil || head.Units[0] != "mal-pelayanan-publik" {
		t.Errorf("the head: %+v, %v", head, err)
	}

	p.Do(chromedp.EmulateViewport(1280, 800))
	for _, page := range []struct{ path, name, picture string }{
		{"/admin/wilayah", "region-desktop", "setup-region-desktop"},
		{"/admin/unit", "units-desktop", "setup-units-desktop"},
		{"/admin/unit/impor", "unit-import-desktop", ""},
		{"/admin/unit/mal-pelayanan-publik", "unit-desktop", "setup-unit-desktop"},
		{"/admin/kuesioner", "questionnaires-desktop", ""},
		{"/admin/kuesioner/v2", "questionnaire-desktop", ""},
		{"/admin/kuesioner/banding?a=v1&b=v2", "compare-desktop", "setup-compare-desktop"},
		{"/admin/kuesioner/v2/pratinjau", "preview-desktop", "setup-preview-desktop"},
		{"/admin", "admin-desktop", ""},
	} {
		p.Open(page.path)
		p.check(page.name)
		if page.picture != "" {
			p.picture(page.picture)
		}
	}
}

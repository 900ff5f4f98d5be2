package admin_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// check looks at the page the tab shows at phone size and at desktop size: it fits 360 px (no
// sideways scrolling, controls big enough to tap, visible focus rings), and axe-core finds no
// serious violation at either size.
func check(t *testing.T, p *apptest.Phone, name, ready string) {
	t.Helper()
	p.Wait(name, ready)
	p.FitsScreen(name)
	p.Axe(name + " at 360 px")
	p.Shot(name)
	p.Resize(1280, 900)
	p.Axe(name + " at 1280 px")
	p.Shot(name + "-desktop")
	p.Resize(360, 740)
}

// TestBrowserCampaignPages walks the console in chromium as an administrator does, checking every
// page on the way: the campaigns, a campaign, a move's confirmation, a refused form, the paper
// import with its preview, and the final report's page.
func TestBrowserCampaignPages(t *testing.T) {
	p := apptest.NewPhone(t)
	p.E.User("admin", survey.RoleAdmin)
	p.E.SubmitRows("web", "dpmptsp", apptest.VectorA...)
	p.Open("/masuk")
	p.Do(chromedp.SendKeys(chromedp.ID("username"), "admin"), chromedp.SendKeys(chromedp.ID("password"), apptest.Password),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button`)))
	p.Wait("signed in", `location.pathname != '/masuk'`)

	p.Open("/admin/kampanye")
	check(t, p, "campaigns", `document.getElementById('new-campaign')`)
	p.Do(chromedp.SetValue(chromedp.ID("key"), "2026-S2"), chromedp.Click(chromedp.CSS(`input[name="source"][value="fresh"]`)),
		chromedp.Click(chromedp.CSS(`#new-campaign button[type="submit"]`)))
	check(t, p, "campaigns-refused", `document.getElementById('key-err')`)

	p.Open("/admin/kampanye/2026-S2")
	check(t, p, "campaign", `document.getElementById('progress')`)

	file := filepath.Join(t.TempDir(), "kertas.csv")
	if err := os.WriteFile(file, []byte(vectorB), 0o644); err != nil {
		t.Fatal(err)
	}
	p.Open(importPage)
	check(t, p, "paper-import", `document.getElementById('upload')`)
	p.Do(chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}), chromedp.Click(chromedp.CSS(`#upload button[type="submit"]`)))
	check(t, p, "paper-preview", `document.getElementById('confirm')`)
	p.Do(chromedp.Click(chromedp.CSS(`#confirm button[type="submit"]`)))
	check(t, p, "paper-done", `document.getElementById('done')`)

	p.Open("/admin/kampanye/2026-S2/status?to=closed")
	check(t, p, "close-confirm", `document.getElementById('confirm')`)
	p.Do(chromedp.Click(chromedp.CSS(`#confirm button[type="submit"]`)))
	p.Wait("closed", `location.search == '?ok=closed'`)

	p.Open("/laporan/2026-S2/terbitkan?unit=dpmptsp")
	check(t, p, "issue", `document.getElementById('issue-form')`)
	p.Do(chromedp.Click(chromedp.CSS(`#issue-form button[type="submit"]`)))
	check(t, p, "issued", `document.getElementById('issue-1')`)
	number := apptest.Eval[string](p, `document.querySelector('#issue-1 code.number').textContent`)
	p.Open("/verifikasi?no=" + number)
	check(t, p, "verify-final", `document.getElementById('final')`)
}

package app_test

import (
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/survey"
)

// TestBrowserUnitHeadSeesOnlyTheirUnit signs in through the form as the head of one unit, in
// chromium: the engine takes them to their unit's dashboard, and another unit's dashboard,
// report and exports are refused.
func TestBrowserUnitHeadSeesOnlyTheirUnit(t *testing.T) {
	p := apptest.NewPhone(t)
	p.E.User("kepala", survey.RoleUnitHead, "rsud-blambangan")
	p.Open("/masuk")
	p.Do(chromedp.SendKeys(chromedp.ID("username"), "kepala"), chromedp.SendKeys(chromedp.ID("password"), apptest.Password),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button`)))
	p.Wait("the unit's dashboard", `location.pathname == '/dasbor/unit/rsud-blambangan' && document.readyState == 'complete' && document.querySelector('h1')`)
	if h := apptest.Eval[string](p, `document.querySelector('h1').textContent`); !strings.Contains(h, "RSUD Blambangan") {
		t.Errorf("dashboard heading %q", h)
	}
	p.Shot("unit-head-dashboard")
	for _, path := range []string{"/dasbor/unit/dpmptsp", "/laporan/2026-S2/unit/dpmptsp.pdf", "/ekspor/2026-S2/unit/dpmptsp/responses.csv", "/rencana/2026-S2/unit/dpmptsp"} {
		p.Open(path)
		p.Wait("the refusal of "+path, `location.pathname == '`+path+`' && document.readyState == 'complete' && document.querySelector('h1')`)
		if body := apptest.Eval[string](p, `document.body.innerText`); strings.Contains(body, "Dinas Penanaman Modal") || !strings.Contains(body, "Terjadi kendala") {
			t.Errorf("%s as the head of another unit shows: %.200q", path, body)
		}
	}
}

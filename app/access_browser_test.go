package app

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/survey"
)

// TestBrowserUnitHeadSeesOnlyTheirUnit signs in through the form as the head of one unit, in
// chromium: the engine takes them to their unit's dashboard, and another unit's dashboard,
// report and exports are refused.
func TestBrowserUnitHeadSeesOnlyTheirUnit(t *testing.T) {
	p := newPhone(t)
	p.e.user("kepala", survey.RoleUnitHead, "rsud-blambangan")
	p.open("/masuk")
	p.do(chromedp.SendKeys(chromedp.ID("username"), "kepala"), chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button`)))
	p.wait("the unit's dashboard", `location.pathname == '/dasbor/unit/rsud-blambangan' && document.readyState == 'complete' && document.querySelector('h1')`)
	if h := eval[string](p, `document.querySelector('h1').textContent`); !strings.Contains(h, "RSUD Blambangan") {
		t.Errorf("dashboard heading %q", h)
	}
	p.shot("unit-head-dashboard")
	for _, path := range []string{"/dasbor/unit/dpmptsp", "/laporan/2026-S2/unit/dpmptsp.pdf", "/ekspor/2026-S2/unit/dpmptsp/responses.csv", "/rencana/2026-S2/unit/dpmptsp"} {
		p.open(path)
		p.wait("the refusal of "+path, `location.pathname == '`+path+`' && document.readyState == 'complete' && document.querySelector('h1')`)
		if body := eval[string](p, `document.body.innerText`); strings.Contains(body, "Dinas Penanaman Modal") || !strings.Contains(body, "Terjadi kendala") {
			t.Errorf("%s as the head of another unit shows: %.200q", path, body)
		}
	}
}

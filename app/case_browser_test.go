package app

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/survey"
)

// TestBrowserComplaintAnsweredAndTracked walks the loop in chromium at phone size: a resident
// files a complaint and is shown its code, the unit head signs in, replies and publishes, and the
// resident reads the answer on the tracking page.
func TestBrowserComplaintAnsweredAndTracked(t *testing.T) {
	p := newPhone(t)
	p.e.user("kepala", survey.RoleUnitHead, "dpmptsp")

	p.open("/s/dpmptsp/pengaduan")
	if w := eval[int](p, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("the complaint form is %d px wide at a 360 px viewport", w)
	}
	p.do(chromedp.SendKeys(chromedp.ID("text"), "Lampu ruang tunggu mati sejak Senin."))
	p.shot("complaint")
	p.do(chromedp.Click(chromedp.CSS(".send")))
	p.wait("the tracking page with the code", `document.getElementById('code')`)
	p.shot("received")
	code := eval[string](p, `document.getElementById('code').textContent`)
	if survey.NormalizeCaseCode(code) != code {
		t.Fatalf("the page shows %q, not a tracking code", code)
	}

	p.open("/masuk")
	p.do(chromedp.SendKeys(chromedp.ID("username"), "kepala"), chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button`)))
	p.wait("signed in", `location.pathname != '/masuk'`)
	p.open("/pengaduan")
	p.do(chromedp.Click(chromedp.CSS(`#open a[href="/pengaduan/` + code + `"]`)))
	p.wait("the case", `document.getElementById('reply-text')`)
	p.do(chromedp.SendKeys(chromedp.ID("reply-text"), "Lampu sudah diganti hari ini. Terima kasih atas laporannya."),
		chromedp.Click(chromedp.CSS(`form[action$="/balas"] button`)))
	p.wait("the reply saved", `location.search == '?ok=reply'`)
	p.do(chromedp.Click(chromedp.CSS(`form[action$="/terbitkan"] button`)))
	p.wait("the reply published", `location.search == '?ok=publish'`)
	p.shot("published")
	p.do(chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)))
	p.wait("signed out", `!document.querySelector('form[action="/keluar"]')`)

	p.open(trackPath(code))
	p.wait("the answer", `document.getElementById('reply') && document.getElementById('reply').textContent.includes('Lampu sudah diganti hari ini.')`)
	p.shot("answer")
	if state := eval[string](p, `document.getElementById('state').textContent`); state != "Selesai dijawab" {
		t.Errorf("state %q", state)
	}
	cs := mustFindCase(t, p.e, code)
	if cs.State() != survey.CaseClosed || cs.RepliedBy != "kepala" {
		t.Errorf("case %+v", cs)
	}
}

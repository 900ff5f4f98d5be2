package desk_test

import (
	"testing"

	"github.com/skm-engine/skm/app/web/link"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/survey"
)

// TestBrowserComplaintAnsweredAndTracked walks the loop in chromium at phone size: a resident
// files a complaint and is shown its code, the unit head signs in, replies and publishes, and the
// resident reads the answer on the tracking page.
func TestBrowserComplaintAnsweredAndTracked(t *testing.T) {
	p := apptest.NewPhone(t)
	p.E.User("kepala", survey.RoleUnitHead, "dpmptsp")

	p.Open("/s/dpmptsp/pengaduan")
	if w := apptest.Eval[int](p, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("the complaint form is %d px wide at a 360 px viewport", w)
	}
	p.Do(chromedp.SendKeys(chromedp.ID("text"), "Lampu ruang tunggu mati sejak Senin."))
	p.Shot("complaint")
	p.Do(chromedp.Click(chromedp.CSS(".send")))
	p.Wait("the tracking page with the code", `document.getElementById('code')`)
	p.Shot("received")
	code := apptest.Eval[string](p, `document.getElementById('code').textContent`)
	if survey.NormalizeCaseCode(code) != code {
		t.Fatalf("the page shows %q, not a tracking code", code)
	}

	p.Open("/masuk")
	p.Do(chromedp.SendKeys(chromedp.ID("username"), "kepala"), chromedp.SendKeys(chromedp.ID("password"), apptest.Password),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button`)))
	p.Wait("signed in", `location.pathname != '/masuk'`)
	p.Open("/pengaduan")
	p.Do(chromedp.Click(chromedp.CSS(`#cases a[href="/pengaduan/` + p.E.FindCase(code).ID + `"]`)))
	p.Wait("the case", `document.getElementById('reply-text')`)
	p.Do(chromedp.SendKeys(chromedp.ID("reply-text"), "Lampu sudah diganti hari ini. Terima kasih atas laporannya."),
		chromedp.Click(chromedp.CSS(`form[action$="/balas"] button`)))
	p.Wait("the reply saved", `location.search == '?ok=reply'`)
	p.Do(chromedp.Click(chromedp.CSS(`form[action$="/terbitkan"] button`)))
	p.Wait("the reply published", `location.search == '?ok=publish'`)
	p.Shot("published")
	p.Do(chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)))
	p.Wait("signed out", `!document.querySelector('form[action="/keluar"]')`)

	p.Open(link.Track(code))
	p.Wait("the answer", `document.getElementById('reply') && document.getElementById('reply').textContent.includes('Lampu sudah diganti hari ini.')`)
	p.Shot("answer")
	if state := apptest.Eval[string](p, `document.getElementById('state').textContent`); state != "Selesai dijawab" {
		t.Errorf("state %q", state)
	}
	cs := p.E.FindCase(code)
	if words := p.E.CaseText(cs.ID); cs.State() != survey.CaseClosed || words.RepliedBy != "kepala" {
		t.Errorf("case %+v %+v", cs, words)
	}
}

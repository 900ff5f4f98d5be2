package resident_test

import (
	_ "embed"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/skm-engine/skm/survey"
)

// Browser tests: Debian's chromium, headless, at the size of a cheap Android phone, against a
// real listener. Screenshots go to SKM_SCREENSHOT_DIR when it is set, for a person to look at.

func TestBrowserSurveySubmit(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/dpmptsp")
	if got := apptest.Eval[string](p, `document.querySelector('.wiz .count').textContent`); got != "Langkah 1 dari 11" {
		t.Errorf("progress reads %q", got)
	}
	if w := apptest.Eval[int](p, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("page is %d px wide at a 360 px viewport", w)
	}
	p.FillWizard("343434343")
	p.Shot("last-step")
	p.Do(chromedp.Click(chromedp.CSS(".send")))
	p.Wait("the thank-you page", `location.pathname == '/s/dpmptsp/terima-kasih'`)
	p.Shot("thanks")
	rs := p.Responses()
	if len(rs) != 1 {
		t.Fatalf("%d responses stored, want 1", len(rs))
	}
	// The questions come U1..U7, U9, U8.
	if want := (survey.Answers{3, 4, 3, 4, 3, 4, 3, 3, 4}); rs[0].Answers != want || rs[0].Service != "pbg" || rs[0].Profile.Age != 41 || rs[0].Suggestion != "Ruang tunggu panas." {
		t.Errorf("stored %+v", rs[0])
	}
	// The device answered: the form does not come back, and the draft is gone.
	p.Open("/s/dpmptsp")
	p.Wait("the already-answered page", `document.querySelector('h1').textContent == 'Anda sudah mengisi survei ini'`)
	if n := apptest.Eval[int](p, `Object.keys(localStorage).filter(k => k.startsWith('skm-draft')).length`); n != 0 {
		t.Errorf("%d drafts left after sending", n)
	}
}

func TestBrowserAnswersSurviveReload(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/rsud-blambangan?lang=en")
	p.Wait("the wizard", `!document.querySelector('.wiz').hidden`)
	p.Do(chromedp.Click(chromedp.ID("gender-P")), chromedp.Click(chromedp.CSS(".wiz .next")),
		chromedp.Click(chromedp.ID("U1-4")), chromedp.Click(chromedp.CSS(".wiz .next")))
	p.Do(chromedp.Reload())
	p.Wait("the restored step", `!document.querySelector('#q-U2').hidden`)
	if !apptest.Eval[bool](p, `document.getElementById('U1-4').checked && document.getElementById('gender-P').checked`) {
		t.Error("answers lost on reload")
	}
	if got := apptest.Eval[string](p, `document.documentElement.lang`); got != "en" {
		t.Errorf("language %q after reload", got)
	}
}

func TestBrowserDoubleSubmitStoresOne(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/dpmptsp")
	p.FillWizard("222333444")
	p.Do(chromedp.Evaluate[chromedp.Void](`(() => { const b = document.querySelector('.send'); b.click(); b.click(); b.click(); })()`))
	p.Wait("the thank-you page", `location.pathname == '/s/dpmptsp/terima-kasih'`)

	// Without script the browser posts the form itself; a double tap sends it twice.
	if _, err := chromedp.Call(p.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	p.Open("/s/rsud-blambangan")
	p.Wait("the whole form", `document.querySelector('.wiz').hidden && !document.querySelector('#q-U9').hidden`)
	p.Do(chromedp.Click(chromedp.ID("gender-L")))
	for _, el := range survey.ElementCodes {
		p.Do(chromedp.Click(chromedp.ID(el + "-3")))
	}
	p.Shot("noscript")
	p.Do(chromedp.Evaluate[chromedp.Void](`(() => { const b = document.querySelector('.send'); b.click(); b.click(); })()`))
	p.Wait("the thank-you page", `location.pathname == '/s/rsud-blambangan/terima-kasih'`)
	if rs := p.Responses(); len(rs) != 2 {
		t.Errorf("%d responses stored from two double submits, want 2", len(rs))
	}
}

func TestBrowserOfflineSubmitArrivesLater(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/dpmptsp")
	p.FillWizard("444333222")
	p.Offline(true)
	p.Do(chromedp.Click(chromedp.CSS(".send")))
	p.Wait("the kept-on-the-phone message", `document.getElementById('status').textContent.includes('disimpan di perangkat ini')`)
	p.Shot("offline")
	if !apptest.Eval[bool](p, `document.getElementById('survey').hidden && document.activeElement.id == 'status'`) {
		t.Error("the form is still shown, or the message does not have the focus")
	}
	if n := apptest.Eval[int](p, `JSON.parse(localStorage.getItem('skm-outbox')).length`); n != 1 {
		t.Errorf("%d submissions kept on the phone, want 1", n)
	}
	if n := len(p.Responses()); n != 0 {
		t.Fatalf("%d responses stored while offline", n)
	}
	time.Sleep(2 * time.Second) // a retry or two fails while the network is still gone
	p.Offline(false)
	p.Wait("the thank-you page after the network returned", `location.pathname == '/s/dpmptsp/terima-kasih'`)
	if rs := p.Responses(); len(rs) != 1 || rs[0].Answers != (survey.Answers{4, 4, 4, 3, 3, 3, 2, 2, 2}) {
		t.Errorf("stored %v, want the one answer made offline", rs)
	}
	if n := apptest.Eval[int](p, `(JSON.parse(localStorage.getItem('skm-outbox')) || []).length`); n != 0 {
		t.Errorf("%d submissions still kept after sending", n)
	}
}

// A phone that was closed offline sends its kept answer on its next visit and says so.
func TestBrowserKeptAnswerSentOnNextVisit(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/dpmptsp")
	p.FillWizard("111222333")
	p.Offline(true)
	p.Do(chromedp.Click(chromedp.CSS(".send")))
	p.Wait("the kept-on-the-phone message", `document.getElementById('status').textContent.includes('disimpan')`)
	p.Do(chromedp.Navigate("about:blank"))
	p.Offline(false)
	p.Open("/s/rsud-blambangan")
	p.Wait("the sent message", `document.getElementById('status').textContent.includes('sudah terkirim')`)
	p.Shot("sent-later")
	if rs := p.Responses(); len(rs) != 1 || rs[0].Unit != "dpmptsp" {
		t.Errorf("stored %v, want the kept answer", rs)
	}
}

func TestBrowserKeyboardOnly(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/dpmptsp")
	p.Wait("the wizard", `!document.querySelector('.wiz').hidden`)
	tab := func(sel string) {
		t.Helper()
		for i := 0; i < 20; i++ {
			if apptest.Eval[bool](p, `document.activeElement.matches(`+apptest.JSString(sel)+`)`) {
				return
			}
			p.Do(chromedp.KeyEvent(kb.Tab))
		}
		t.Fatalf("Tab never reached %s", sel)
	}
	tab("#service")
	p.Do(chromedp.KeyEvent(kb.ArrowDown))
	tab("#gender-L")
	p.Do(chromedp.KeyEvent(" "))
	tab(".wiz .next")
	p.Do(chromedp.KeyEvent(kb.Enter))
	for i := 0; i < 9; i++ {
		p.Wait("the step's heading has the focus", `document.activeElement.tagName == 'LEGEND'`)
		tab(`.step:not([hidden]) input[type=radio]`)
		p.Do(chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowDown)) // the first answer, then the second
		tab(".wiz .next")
		p.Do(chromedp.KeyEvent(kb.Enter))
	}
	tab("#suggestion")
	p.Do(chromedp.KeyEvent("Baik"))
	tab(".send")
	p.Do(chromedp.KeyEvent(kb.Enter))
	p.Wait("the thank-you page", `location.pathname == '/s/dpmptsp/terima-kasih'`)
	rs := p.Responses()
	if len(rs) != 1 || rs[0].Answers != (survey.Answers{2, 2, 2, 2, 2, 2, 2, 2, 2}) || rs[0].Service != "izin-usaha" || rs[0].Profile.Gender != "L" {
		t.Errorf("stored %v", rs)
	}
}

func TestBrowserKioskReturnsToFreshForm(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/dpmptsp/kios")
	p.FillWizard("333333334")
	p.Do(chromedp.Click(chromedp.CSS(".send")))
	p.Wait("the kiosk thank-you page", `location.pathname == '/s/dpmptsp/kios/terima-kasih'`)
	p.Shot("kiosk-thanks")
	p.Wait("a fresh kiosk form", `location.pathname == '/s/dpmptsp/kios' && document.querySelector('#survey') && !document.getElementById('U1-3').checked`)
	if rs := p.Responses(); len(rs) != 1 || rs[0].Channel != survey.ChannelKiosk {
		t.Errorf("stored %v, want one kiosk response", rs)
	}
}

// A survey page opened once opens again with no network, from the service worker's cache, and an
// answer given there is kept and sent when the network returns.
func TestBrowserPageOpensOffline(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/rsud-blambangan")
	p.Wait("the service worker to control the page", `navigator.serviceWorker.controller`)
	if scope := apptest.Eval[string](p, `navigator.serviceWorker.getRegistration('/s/').then(r => r.scope)`); scope != p.Base+"/s/" {
		t.Errorf("service worker scope %q", scope)
	}
	p.Do(chromedp.Reload()) // through the worker, which keeps a copy
	p.Wait("the wizard", `!document.querySelector('.wiz').hidden`)
	p.Offline(true)
	p.Do(chromedp.Reload())
	p.Wait("the form without a network", `document.getElementById('survey') && !document.querySelector('.wiz').hidden`)
	p.Shot("offline-reload")
	p.FillWizard("444444443")
	p.Do(chromedp.Click(chromedp.CSS(".send")))
	p.Wait("the kept-on-the-phone message", `document.getElementById('status').textContent.includes('disimpan di perangkat ini')`)
	p.Offline(false)
	p.Wait("the thank-you page", `location.pathname == '/s/rsud-blambangan/terima-kasih'`)
	if rs := p.Responses(); len(rs) != 1 || rs[0].Answers[0] != 4 {
		t.Errorf("stored %v, want the answer made offline", rs)
	}
}

// A kiosk that loses its network keeps each respondent's answers and clears the form for the
// next one, with a new submission key; all of them arrive when the network returns.
func TestBrowserKioskOffline(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/dpmptsp/kios")
	p.Offline(true)
	var keys []string
	for i := 0; i < 2; i++ {
		p.FillWizard("234234234")
		keys = append(keys, apptest.Eval[string](p, `document.querySelector('input[name=key]').value`))
		p.Do(chromedp.Click(chromedp.CSS(".send")))
		p.Wait("the kept-on-the-phone message", `document.getElementById('status').textContent.includes('disimpan di perangkat ini')`)
		p.Wait("a cleared form for the next person", `!document.getElementById('survey').hidden && !document.getElementById('U1-2').checked && !document.querySelectorAll('.step')[0].hidden`)
	}
	if keys[0] == keys[1] {
		t.Fatal("the cleared form kept the submission key: the second answer would be taken for a resend")
	}
	if n := apptest.Eval[int](p, `JSON.parse(localStorage.getItem('skm-outbox')).length`); n != 2 {
		t.Errorf("%d submissions kept, want 2", n)
	}
	p.Offline(false)
	p.Wait("both sent", `(JSON.parse(localStorage.getItem('skm-outbox')) || []).length == 0`)
	rs := p.Responses()
	if len(rs) != 2 {
		t.Fatalf("%d responses stored, want 2", len(rs))
	}
	for _, r := range rs {
		if r.Channel != survey.ChannelKiosk {
			t.Errorf("channel %q", r.Channel)
		}
	}
}

// A kiosk left half-filled warns, lets the person stay with one tap, and otherwise clears the
// form for the next person. The page's long timers run ten times faster here.
func TestBrowserKioskIdle(t *testing.T) {
	p := apptest.NewPhone(t)
	if _, err := chromedp.Call(p.Ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `(() => { const st = window.setTimeout; window.setTimeout = (f, ms, ...a) => st(f, ms >= 15000 ? ms / 10 : ms, ...a); })()`}); err != nil {
		t.Fatal(err)
	}
	p.Open("/s/dpmptsp/kios")
	p.Wait("the wizard", `!document.querySelector('.wiz').hidden`)
	p.Do(chromedp.Click(chromedp.ID("gender-P")))
	p.Wait("the still-there warning", `!document.getElementById('idle').hidden`)
	p.Shot("idle")
	if !apptest.Eval[bool](p, `document.activeElement === document.querySelector('#idle button')`) {
		t.Error("the warning's button does not have the focus")
	}
	p.Do(chromedp.Click(chromedp.CSS("#idle button")))
	time.Sleep(2500 * time.Millisecond) // longer than the warning's 2 s (20 s at full speed)
	if !apptest.Eval[bool](p, `document.getElementById('gender-P').checked && document.getElementById('idle').hidden`) {
		t.Fatal("staying did not keep the answers")
	}
	p.Wait("the warning again", `!document.getElementById('idle').hidden`)
	p.Wait("the cleared form", `document.getElementById('idle').hidden && !document.getElementById('gender-P').checked`)
	if n := len(p.Responses()); n != 0 {
		t.Errorf("%d responses stored from an abandoned form", n)
	}
}

// axe-core finds no serious or critical violation of WCAG 2.1 A/AA on the resident's pages.
func TestBrowserAccessibility(t *testing.T) {
	p := apptest.NewPhone(t)
	p.Open("/s/dpmptsp")
	p.Wait("the wizard", `!document.querySelector('.wiz').hidden`)
	p.Axe("profile step")
	p.Do(chromedp.SetValue(chromedp.ID("service"), "pbg"), chromedp.Click(chromedp.CSS(".wiz .next")))
	p.Do(chromedp.Click(chromedp.CSS(".wiz .next"))) // unanswered: the message shows
	p.Wait("the pick message", `document.querySelector('.pick')`)
	p.Axe("question step with its message")
	p.Do(chromedp.Evaluate[chromedp.Void](`document.getElementById('survey').submit()`)) // nothing answered
	p.Wait("the refused form", `document.getElementById('errors')`)
	p.Shot("errors")
	p.Axe("refused form")
	p.Open("/s/dpmptsp/kios?lang=en")
	p.Wait("the kiosk form", `!document.querySelector('.wiz').hidden`)
	p.Axe("kiosk form in English")
	p.Open("/s/dpmptsp/kios/terima-kasih")
	p.Axe("thank-you page")
	p.Open("/s/tidak-ada")
	p.Axe("unknown survey page")
}

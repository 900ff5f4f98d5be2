package app

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
)

// Browser tests: Debian's chromium, headless, at the size of a cheap Android phone, against a
// real listener. Screenshots go to SKM_SCREENSHOT_DIR when it is set, for a person to look at.

//go:embed testdata/axe-core/axe.min.js
var axeSource string

// phone is a browser tab at 360×740 talking to a test server through a network that the test
// can cut.
type phone struct {
	t    *testing.T
	e    *testEnv
	ctx  context.Context
	base string
	net  *netSwitch
}

func newPhone(t *testing.T) *phone {
	t.Helper()
	path := surveytest.RequireTool(t, "chromium", "chromium")
	e := newTestEnv(t)
	e.seed()
	sw := newNetSwitch(t, strings.TrimPrefix(e.listen(), "http://"))
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(360, 740))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	return &phone{t: t, e: e, ctx: ctx, base: "http://" + sw.addr(), net: sw}
}

func (p *phone) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

func (p *phone) open(path string) { p.t.Helper(); p.do(chromedp.Navigate(p.base + path)) }

// eval runs a script in the page and decodes its result.
func eval[T any](p *phone, script string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluate %q: %v", script, err)
	}
	return v
}

// wait evaluates the condition until it holds, across page loads.
func (p *phone) wait(what, cond string) {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.shot("timeout")
	p.t.Fatalf("waited 20 s for %s (%s); page: %s", what, cond, eval[string](p, "location.pathname + ' ' + document.body.innerText.slice(0, 400)"))
}

// shot saves a screenshot of the whole page when SKM_SCREENSHOT_DIR is set.
func (p *phone) shot(name string) {
	dir := os.Getenv("SKM_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, p.t.Name()+"-"+name+".png"), png, 0o644)
	}
	if err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
	}
}

// offline cuts the phone's network (the browser's and the cable's), or restores it.
func (p *phone) offline(off bool) {
	p.t.Helper()
	p.net.cut(off)
	if _, err := chromedp.Call(p.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}}}); err != nil {
		p.t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: off, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		p.t.Fatal(err)
	}
}

// fillWizard answers every step of the one-question-per-screen form by tapping, stopping on the
// last step.
func (p *phone) fillWizard(scores string) {
	p.t.Helper()
	p.wait("the script's wizard", `document.querySelector('.wiz') && !document.querySelector('.wiz').hidden`)
	// The unit's last service: pbg at the DPMPTSP, outpatient care at the hospital.
	p.do(chromedp.Evaluate[chromedp.Void](`(s => { s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change', {bubbles: true})); })(document.getElementById('service'))`),
		chromedp.Click(chromedp.ID("gender-L")), chromedp.SendKeys(chromedp.ID("age"), "41"))
	p.shot("profile")
	p.do(chromedp.Click(chromedp.CSS(".wiz .next")))
	for i := 0; i < 9; i++ {
		p.wait("question step", fmt.Sprintf(`document.querySelectorAll('.step')[%d] && !document.querySelectorAll('.step')[%d].hidden`, i+1, i+1))
		if i == 0 {
			// Next without an answer says why and stays.
			p.do(chromedp.Click(chromedp.CSS(".wiz .next")))
			p.wait("the pick message", `document.querySelector('.step:not([hidden]) .pick')`)
			p.shot("unanswered")
		}
		id := eval[string](p, `document.querySelector('.step:not([hidden])').id.slice(2)`)
		p.do(chromedp.Click(chromedp.ID(fmt.Sprintf("%s-%c", id, scores[i]))))
		if i == 0 {
			p.shot("question")
		}
		p.do(chromedp.Click(chromedp.CSS(".wiz .next")))
	}
	p.wait("the last step", `!document.querySelector('.send').closest('.step').hidden`)
	p.do(chromedp.SendKeys(chromedp.ID("suggestion"), "Ruang tunggu panas."))
}

func (p *phone) responses() []*survey.Response {
	p.t.Helper()
	return responsesOf(p.t, p.e, "2026-S2")
}

func TestBrowserSurveySubmit(t *testing.T) {
	p := newPhone(t)
	p.open("/s/dpmptsp")
	if got := eval[string](p, `document.querySelector('.wiz .count').textContent`); got != "Langkah 1 dari 11" {
		t.Errorf("progress reads %q", got)
	}
	if w := eval[int](p, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("page is %d px wide at a 360 px viewport", w)
	}
	p.fillWizard("343434343")
	p.shot("last-step")
	p.do(chromedp.Click(chromedp.CSS(".send")))
	p.wait("the thank-you page", `location.pathname == '/s/dpmptsp/terima-kasih'`)
	p.shot("thanks")
	rs := p.responses()
	if len(rs) != 1 {
		t.Fatalf("%d responses stored, want 1", len(rs))
	}
	// The questions come U1..U7, U9, U8.
	if want := (survey.Answers{3, 4, 3, 4, 3, 4, 3, 3, 4}); rs[0].Answers != want || rs[0].Service != "pbg" || rs[0].Profile.Age != 41 || rs[0].Suggestion != "Ruang tunggu panas." {
		t.Errorf("stored %+v", rs[0])
	}
	// The device answered: the form does not come back, and the draft is gone.
	p.open("/s/dpmptsp")
	p.wait("the already-answered page", `document.querySelector('h1').textContent == 'Anda sudah mengisi survei ini'`)
	if n := eval[int](p, `Object.keys(localStorage).filter(k => k.startsWith('skm-draft')).length`); n != 0 {
		t.Errorf("%d drafts left after sending", n)
	}
}

func TestBrowserAnswersSurviveReload(t *testing.T) {
	p := newPhone(t)
	p.open("/s/rsud-blambangan?lang=en")
	p.wait("the wizard", `!document.querySelector('.wiz').hidden`)
	p.do(chromedp.Click(chromedp.ID("gender-P")), chromedp.Click(chromedp.CSS(".wiz .next")),
		chromedp.Click(chromedp.ID("U1-4")), chromedp.Click(chromedp.CSS(".wiz .next")))
	p.do(chromedp.Reload())
	p.wait("the restored step", `!document.querySelector('#q-U2').hidden`)
	if !eval[bool](p, `document.getElementById('U1-4').checked && document.getElementById('gender-P').checked`) {
		t.Error("answers lost on reload")
	}
	if got := eval[string](p, `document.documentElement.lang`); got != "en" {
		t.Errorf("language %q after reload", got)
	}
}

func TestBrowserDoubleSubmitStoresOne(t *testing.T) {
	p := newPhone(t)
	p.open("/s/dpmptsp")
	p.fillWizard("222333444")
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const b = document.querySelector('.send'); b.click(); b.click(); b.click(); })()`))
	p.wait("the thank-you page", `location.pathname == '/s/dpmptsp/terima-kasih'`)

	// Without script the browser posts the form itself; a double tap sends it twice.
	if _, err := chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	p.open("/s/rsud-blambangan")
	p.wait("the whole form", `document.querySelector('.wiz').hidden && !document.querySelector('#q-U9').hidden`)
	p.do(chromedp.Click(chromedp.ID("gender-L")))
	for _, el := range survey.ElementCodes {
		p.do(chromedp.Click(chromedp.ID(el + "-3")))
	}
	p.shot("noscript")
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const b = document.querySelector('.send'); b.click(); b.click(); })()`))
	p.wait("the thank-you page", `location.pathname == '/s/rsud-blambangan/terima-kasih'`)
	if rs := p.responses(); len(rs) != 2 {
		t.Errorf("%d responses stored from two double submits, want 2", len(rs))
	}
}

func TestBrowserOfflineSubmitArrivesLater(t *testing.T) {
	p := newPhone(t)
	p.open("/s/dpmptsp")
	p.fillWizard("444333222")
	p.offline(true)
	p.do(chromedp.Click(chromedp.CSS(".send")))
	p.wait("the kept-on-the-phone message", `document.getElementById('status').textContent.includes('disimpan di perangkat ini')`)
	p.shot("offline")
	if !eval[bool](p, `document.getElementById('survey').hidden && document.activeElement.id == 'status'`) {
		t.Error("the form is still shown, or the message does not have the focus")
	}
	if n := eval[int](p, `JSON.parse(localStorage.getItem('skm-outbox')).length`); n != 1 {
		t.Errorf("%d submissions kept on the phone, want 1", n)
	}
	if n := len(p.responses()); n != 0 {
		t.Fatalf("%d responses stored while offline", n)
	}
	time.Sleep(2 * time.Second) // a retry or two fails while the network is still gone
	p.offline(false)
	p.wait("the thank-you page after the network returned", `location.pathname == '/s/dpmptsp/terima-kasih'`)
	if rs := p.responses(); len(rs) != 1 || rs[0].Answers != (survey.Answers{4, 4, 4, 3, 3, 3, 2, 2, 2}) {
		t.Errorf("stored %v, want the one answer made offline", rs)
	}
	if n := eval[int](p, `(JSON.parse(localStorage.getItem('skm-outbox')) || []).length`); n != 0 {
		t.Errorf("%d submissions still kept after sending", n)
	}
}

// A phone that was closed offline sends its kept answer on its next visit and says so.
func TestBrowserKeptAnswerSentOnNextVisit(t *testing.T) {
	p := newPhone(t)
	p.open("/s/dpmptsp")
	p.fillWizard("111222333")
	p.offline(true)
	p.do(chromedp.Click(chromedp.CSS(".send")))
	p.wait("the kept-on-the-phone message", `document.getElementById('status').textContent.includes('disimpan')`)
	p.do(chromedp.Navigate("about:blank"))
	p.offline(false)
	p.open("/s/rsud-blambangan")
	p.wait("the sent message", `document.getElementById('status').textContent.includes('sudah terkirim')`)
	p.shot("sent-later")
	if rs := p.responses(); len(rs) != 1 || rs[0].Unit != "dpmptsp" {
		t.Errorf("stored %v, want the kept answer", rs)
	}
}

func TestBrowserKeyboardOnly(t *testing.T) {
	p := newPhone(t)
	p.open("/s/dpmptsp")
	p.wait("the wizard", `!document.querySelector('.wiz').hidden`)
	tab := func(sel string) {
		t.Helper()
		for i := 0; i < 20; i++ {
			if eval[bool](p, `document.activeElement.matches(`+jsString(sel)+`)`) {
				return
			}
			p.do(chromedp.KeyEvent(kb.Tab))
		}
		t.Fatalf("Tab never reached %s", sel)
	}
	tab("#service")
	p.do(chromedp.KeyEvent(kb.ArrowDown))
	tab("#gender-L")
	p.do(chromedp.KeyEvent(" "))
	tab(".wiz .next")
	p.do(chromedp.KeyEvent(kb.Enter))
	for i := 0; i < 9; i++ {
		p.wait("the step's heading has the focus", `document.activeElement.tagName == 'LEGEND'`)
		tab(`.step:not([hidden]) input[type=radio]`)
		p.do(chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowDown)) // the first answer, then the second
		tab(".wiz .next")
		p.do(chromedp.KeyEvent(kb.Enter))
	}
	tab("#suggestion")
	p.do(chromedp.KeyEvent("Baik"))
	tab(".send")
	p.do(chromedp.KeyEvent(kb.Enter))
	p.wait("the thank-you page", `location.pathname == '/s/dpmptsp/terima-kasih'`)
	rs := p.responses()
	if len(rs) != 1 || rs[0].Answers != (survey.Answers{2, 2, 2, 2, 2, 2, 2, 2, 2}) || rs[0].Service != "izin-usaha" || rs[0].Profile.Gender != "L" {
		t.Errorf("stored %v", rs)
	}
}

func TestBrowserKioskReturnsToFreshForm(t *testing.T) {
	p := newPhone(t)
	p.open("/s/dpmptsp/kios")
	p.fillWizard("333333334")
	p.do(chromedp.Click(chromedp.CSS(".send")))
	p.wait("the kiosk thank-you page", `location.pathname == '/s/dpmptsp/kios/terima-kasih'`)
	p.shot("kiosk-thanks")
	p.wait("a fresh kiosk form", `location.pathname == '/s/dpmptsp/kios' && document.querySelector('#survey') && !document.getElementById('U1-3').checked`)
	if rs := p.responses(); len(rs) != 1 || rs[0].Channel != survey.ChannelKiosk {
		t.Errorf("stored %v, want one kiosk response", rs)
	}
}

// A survey page opened once opens again with no network, from the service worker's cache, and an
// answer given there is kept and sent when the network returns.
func TestBrowserPageOpensOffline(t *testing.T) {
	p := newPhone(t)
	p.open("/s/rsud-blambangan")
	p.wait("the service worker to control the page", `navigator.serviceWorker.controller`)
	if scope := eval[string](p, `navigator.serviceWorker.getRegistration('/s/').then(r => r.scope)`); scope != p.base+"/s/" {
		t.Errorf("service worker scope %q", scope)
	}
	p.do(chromedp.Reload()) // through the worker, which keeps a copy
	p.wait("the wizard", `!document.querySelector('.wiz').hidden`)
	p.offline(true)
	p.do(chromedp.Reload())
	p.wait("the form without a network", `document.getElementById('survey') && !document.querySelector('.wiz').hidden`)
	p.shot("offline-reload")
	p.fillWizard("444444443")
	p.do(chromedp.Click(chromedp.CSS(".send")))
	p.wait("the kept-on-the-phone message", `document.getElementById('status').textContent.includes('disimpan di perangkat ini')`)
	p.offline(false)
	p.wait("the thank-you page", `location.pathname == '/s/rsud-blambangan/terima-kasih'`)
	if rs := p.responses(); len(rs) != 1 || rs[0].Answers[0] != 4 {
		t.Errorf("stored %v, want the answer made offline", rs)
	}
}

// A kiosk that loses its network keeps each respondent's answers and clears the form for the
// next one, with a new submission key; all of them arrive when the network returns.
func TestBrowserKioskOffline(t *testing.T) {
	p := newPhone(t)
	p.open("/s/dpmptsp/kios")
	p.offline(true)
	var keys []string
	for i := 0; i < 2; i++ {
		p.fillWizard("234234234")
		keys = append(keys, eval[string](p, `document.querySelector('input[name=key]').value`))
		p.do(chromedp.Click(chromedp.CSS(".send")))
		p.wait("the kept-on-the-phone message", `document.getElementById('status').textContent.includes('disimpan di perangkat ini')`)
		p.wait("a cleared form for the next person", `!document.getElementById('survey').hidden && !document.getElementById('U1-2').checked && !document.querySelectorAll('.step')[0].hidden`)
	}
	if keys[0] == keys[1] {
		t.Fatal("the cleared form kept the submission key: the second answer would be taken for a resend")
	}
	if n := eval[int](p, `JSON.parse(localStorage.getItem('skm-outbox')).length`); n != 2 {
		t.Errorf("%d submissions kept, want 2", n)
	}
	p.offline(false)
	p.wait("both sent", `(JSON.parse(localStorage.getItem('skm-outbox')) || []).length == 0`)
	rs := p.responses()
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
	p := newPhone(t)
	if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `(() => { const st = window.setTimeout; window.setTimeout = (f, ms, ...a) => st(f, ms >= 15000 ? ms / 10 : ms, ...a); })()`}); err != nil {
		t.Fatal(err)
	}
	p.open("/s/dpmptsp/kios")
	p.wait("the wizard", `!document.querySelector('.wiz').hidden`)
	p.do(chromedp.Click(chromedp.ID("gender-P")))
	p.wait("the still-there warning", `!document.getElementById('idle').hidden`)
	p.shot("idle")
	if !eval[bool](p, `document.activeElement === document.querySelector('#idle button')`) {
		t.Error("the warning's button does not have the focus")
	}
	p.do(chromedp.Click(chromedp.CSS("#idle button")))
	time.Sleep(2500 * time.Millisecond) // longer than the warning's 2 s (20 s at full speed)
	if !eval[bool](p, `document.getElementById('gender-P').checked && document.getElementById('idle').hidden`) {
		t.Fatal("staying did not keep the answers")
	}
	p.wait("the warning again", `!document.getElementById('idle').hidden`)
	p.wait("the cleared form", `document.getElementById('idle').hidden && !document.getElementById('gender-P').checked`)
	if n := len(p.responses()); n != 0 {
		t.Errorf("%d responses stored from an abandoned form", n)
	}
}

// axe-core finds no serious or critical violation of WCAG 2.1 A/AA on the resident's pages.
func TestBrowserAccessibility(t *testing.T) {
	p := newPhone(t)
	check := func(name string) {
		t.Helper()
		if !eval[bool](p, `typeof axe != 'undefined'`) {
			if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
				t.Fatalf("inject axe-core: %v", err)
			}
		}
		raw := eval[string](p, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
			.then(r => JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))}))`)
		var result struct {
			Passes     int
			Violations []struct {
				ID, Impact, Help string
				Nodes            []string
			}
		}
		if err := json.Unmarshal([]byte(raw), &result); err != nil {
			t.Fatal(err)
		}
		if result.Passes < 10 {
			t.Fatalf("%s: axe-core passed only %d rules: did it run?", name, result.Passes)
		}
		t.Logf("%s: axe-core: %d rules pass, %d violations", name, result.Passes, len(result.Violations))
		for _, v := range result.Violations {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: %s violation %s: %s at %v", name, v.Impact, v.ID, v.Help, v.Nodes)
			} else {
				t.Logf("%s: %s: %s (%s) at %v", name, v.Impact, v.ID, v.Help, v.Nodes)
			}
		}
	}
	p.open("/s/dpmptsp")
	p.wait("the wizard", `!document.querySelector('.wiz').hidden`)
	check("profile step")
	p.do(chromedp.SetValue(chromedp.ID("service"), "pbg"), chromedp.Click(chromedp.CSS(".wiz .next")))
	p.do(chromedp.Click(chromedp.CSS(".wiz .next"))) // unanswered: the message shows
	p.wait("the pick message", `document.querySelector('.pick')`)
	check("question step with its message")
	p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('survey').submit()`)) // nothing answered
	p.wait("the refused form", `document.getElementById('errors')`)
	p.shot("errors")
	check("refused form")
	p.open("/s/dpmptsp/kios?lang=en")
	p.wait("the kiosk form", `!document.querySelector('.wiz').hidden`)
	check("kiosk form in English")
	p.open("/s/dpmptsp/kios/terima-kasih")
	check("thank-you page")
	p.open("/s/tidak-ada")
	check("unknown survey page")
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// netSwitch forwards TCP connections to the test server until it is cut, as a phone's mobile
// data does; cutting closes every open connection and refuses new ones.
type netSwitch struct {
	ln      net.Listener
	backend string
	mu      sync.Mutex
	down    bool
	conns   map[net.Conn]bool
}

func newNetSwitch(t *testing.T, backend string) *netSwitch {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	n := &netSwitch{ln: ln, backend: backend, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); n.cut(true) })
	go n.serve()
	return n
}

func (n *netSwitch) addr() string { return n.ln.Addr().String() }

func (n *netSwitch) serve() {
	for {
		c, err := n.ln.Accept()
		if err != nil {
			return
		}
		n.mu.Lock()
		if n.down {
			n.mu.Unlock()
			c.Close()
			continue
		}
		n.conns[c] = true
		n.mu.Unlock()
		go n.pipe(c)
	}
}

func (n *netSwitch) pipe(c net.Conn) {
	defer n.forget(c)
	b, err := net.Dial("tcp", n.backend)
	if err != nil {
		return
	}
	n.mu.Lock()
	n.conns[b] = true
	n.mu.Unlock()
	defer n.forget(b)
	go func() { _, _ = io.Copy(b, c); b.Close() }()
	_, _ = io.Copy(c, b)
}

func (n *netSwitch) forget(c net.Conn) {
	c.Close()
	n.mu.Lock()
	delete(n.conns, c)
	n.mu.Unlock()
}

func (n *netSwitch) cut(down bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.down = down
	if down {
		for c := range n.conns {
			c.Close()
		}
	}
}

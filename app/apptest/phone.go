package apptest

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

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
)

// Browser tests: Debian's chromium, headless, at the size of a cheap Android phone, against a
// real listener. Screenshots go to SKM_SCREENSHOT_DIR when it is set, for a person to look at.

//go:embed axe-core/axe.min.js
var axeSource string

// Phone is a browser tab at 360×740 talking to a test server through a network that the test
// can cut.
type Phone struct {
	T *testing.T
	E *Env
	// Ctx is the tab, for chromedp.
	Ctx context.Context
	// Base is the server's address as the phone reaches it.
	Base string
	net  *netSwitch
}

// NewPhone opens a tab at 360×740 on a seeded test server, or skips the test without chromium.
func NewPhone(t *testing.T) *Phone {
	t.Helper()
	surveytest.RequireTool(t, "chromium", "chromium")
	e := New(t)
	e.Seed()
	return NewPhoneOn(t, e)
}

// NewPhoneOn opens a tab at 360×740 on the test server the test prepared, or skips the test
// without chromium.
func NewPhoneOn(t *testing.T, e *Env) *Phone {
	t.Helper()
	path := surveytest.RequireTool(t, "chromium", "chromium")
	sw := newNetSwitch(t, strings.TrimPrefix(e.Listen(), "http://"))
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
	return &Phone{T: t, E: e, Ctx: ctx, Base: "http://" + sw.addr(), net: sw}
}

// Do runs browser actions, failing the test after 30 s.
func (p *Phone) Do(actions ...chromedp.Action[chromedp.Void]) {
	p.T.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.T.Fatalf("browser: %v", err)
	}
}

// Open loads a path of the server.
func (p *Phone) Open(path string) { p.T.Helper(); p.Do(chromedp.Navigate(p.Base + path)) }

// Eval runs a script in the page and decodes its result.
func Eval[T any](p *Phone, script string) T {
	p.T.Helper()
	v, err := chromedp.Run(p.Ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		p.T.Fatalf("evaluate %q: %v", script, err)
	}
	return v
}

// Wait evaluates the condition until it holds, across page loads.
func (p *Phone) Wait(what, cond string) {
	p.T.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(p.Ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.Shot("timeout")
	p.T.Fatalf("waited 20 s for %s (%s); page: %s", what, cond, Eval[string](p, "location.pathname + ' ' + document.body.innerText.slice(0, 400)"))
}

// shotName makes a test's and page's names a file name.
var shotName = strings.NewReplacer("/", "_", " ", "_", "?", "_", "&", "_", "=", "_")

// Shot saves a screenshot of the whole page when SKM_SCREENSHOT_DIR is set.
func (p *Phone) Shot(name string) {
	dir := os.Getenv("SKM_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(p.Ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, shotName.Replace(p.T.Name()+"-"+name)+".png"), png, 0o644)
	}
	if err != nil {
		p.T.Logf("screenshot %s: %v", name, err)
	}
}

// networkConditions are the parameters of Network.emulateNetworkConditions, the command that both
// cuts requests and sets navigator.onLine in every Chromium the project meets (Debian's lacks the
// newer per-rule command the protocol package now offers instead).
type networkConditions struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

var emulateNetworkConditions = cdp.Command[networkConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

// Offline cuts the phone's network (the browser's and the cable's), or restores it.
func (p *Phone) Offline(off bool) {
	p.T.Helper()
	p.net.cut(off)
	if _, err := chromedp.Call(p.Ctx, emulateNetworkConditions, networkConditions{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		p.T.Fatal(err)
	}
}

// FillWizard answers every step of the one-question-per-screen form by tapping, stopping on the
// last step.
func (p *Phone) FillWizard(scores string) {
	p.T.Helper()
	p.Wait("the script's wizard", `document.querySelector('.wiz') && !document.querySelector('.wiz').hidden`)
	// The unit's last service: pbg at the DPMPTSP, outpatient care at the hospital.
	p.Do(chromedp.Evaluate[chromedp.Void](`(s => { s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change', {bubbles: true})); })(document.getElementById('service'))`),
		chromedp.Click(chromedp.ID("gender-L")), chromedp.SendKeys(chromedp.ID("age"), "41"))
	p.Shot("profile")
	p.Do(chromedp.Click(chromedp.CSS(".wiz .next")))
	for i := 0; i < 9; i++ {
		p.Wait("question step", fmt.Sprintf(`document.querySelectorAll('.step')[%d] && !document.querySelectorAll('.step')[%d].hidden`, i+1, i+1))
		if i == 0 {
			// Next without an answer says why and stays.
			p.Do(chromedp.Click(chromedp.CSS(".wiz .next")))
			p.Wait("the pick message", `document.querySelector('.step:not([hidden]) .pick')`)
			p.Shot("unanswered")
		}
		id := Eval[string](p, `document.querySelector('.step:not([hidden])').id.slice(2)`)
		p.Do(chromedp.Click(chromedp.ID(fmt.Sprintf("%s-%c", id, scores[i]))))
		if i == 0 {
			p.Shot("question")
		}
		p.Do(chromedp.Click(chromedp.CSS(".wiz .next")))
	}
	p.Wait("the last step", `!document.querySelector('.send').closest('.step').hidden`)
	p.Do(chromedp.SendKeys(chromedp.ID("suggestion"), "Ruang tunggu panas."))
}

// Responses returns the responses stored in the open campaign 2026-S2.
func (p *Phone) Responses() []*survey.Response {
	p.T.Helper()
	return p.E.Responses("2026-S2")
}

// JSString writes s as a JavaScript string literal.
func JSString(s string) string {
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

// Axe runs axe-core on the page and fails the test for a serious or critical violation of WCAG
// 2.1 A/AA; lesser ones are logged.
func (p *Phone) Axe(name string) {
	p.T.Helper()
	if !Eval[bool](p, `typeof axe != 'undefined'`) {
		if _, err := chromedp.Run(p.Ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			p.T.Fatalf("inject axe-core: %v", err)
		}
	}
	raw := Eval[string](p, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
		.then(r => JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))}))`)
	var result struct {
		Passes     int
		Violations []struct {
			ID, Impact, Help string
			Nodes            []string
		}
	}
	if err := json.Unmarshal([]byte(raw), &result); err != nil {
		p.T.Fatal(err)
	}
	if result.Passes < 10 {
		p.T.Fatalf("%s: axe-core passed only %d rules: did it run?", name, result.Passes)
	}
	p.T.Logf("%s: axe-core: %d rules pass, %d violations", name, result.Passes, len(result.Violations))
	for _, v := range result.Violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			p.T.Errorf("%s: %s violation %s: %s at %v", name, v.Impact, v.ID, v.Help, v.Nodes)
		} else {
			p.T.Logf("%s: %s: %s (%s) at %v", name, v.Impact, v.ID, v.Help, v.Nodes)
		}
	}
}

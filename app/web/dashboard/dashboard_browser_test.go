package dashboard_test

import (
	"context"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/survey"
)

// dashChromium returns the path of a Chromium to drive, skipping the test when there is none.
func dashChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (install Debian's chromium package to run the browser tests)")
	return ""
}

// dashArtifacts returns the folder for screenshots: SKM_TEST_ARTIFACTS, or a folder under the
// system's temporary directory; it is logged so a person can look at the pictures.
func dashArtifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SKM_TEST_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "skm-test-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// pageEvents collects what a page did that a test checks: console errors, uncaught exceptions,
// browser log errors (such as a refused inline style) and every request's URL.
type pageEvents struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (p *pageEvents) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.errors = append(p.errors, "console: "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		p.errors = append(p.errors, "exception: "+ev.ExceptionDetails.Text+" "+exceptionText(ev.ExceptionDetails))
	case *log.EventEntryAdded:
		// Browsers ask for /favicon.ico on their own; the staff layout names no icon, which is
		// no error of a dashboard's.
		if strings.HasSuffix(ev.Entry.URL, "/favicon.ico") {
			return
		}
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			p.errors = append(p.errors, "log "+string(ev.Entry.Source)+": "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
	}
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

func (p *pageEvents) take() (errs, requests []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	errs, requests = p.errors, p.requests
	p.errors, p.requests = nil, nil
	return errs, requests
}

// TestDashboardsInBrowser opens the unit and region dashboards in headless Chromium on a real
// listener, waits for every chart to draw, checks that the pages log no error and ask no other
// host for anything, and saves phone- and desktop-width screenshots.
func TestDashboardsInBrowser(t *testing.T) {
	chromium := dashChromium(t)
	e := apptest.New(t)
	seedDashboard(e)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.App.Listener(ln) }()
	t.Cleanup(func() { _ = e.App.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()
	e.User("kepala", survey.RoleAdmin)
	session := "kepala-browser-session-0123456789abcdef"
	if err := e.Store.CreateSession(context.Background(), &survey.Session{Hash: web.HashSecret(session), Username: "kepala", CreatedAt: e.Now, SeenAt: e.Now}); err != nil {
		t.Fatal(err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: web.SessionCookie, Value: session, URL: base + "/"}); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	events := &pageEvents{}
	if err := chromedp.Listen(ctx, events.listen); err != nil {
		t.Fatal(err)
	}
	artifacts := dashArtifacts(t)
	pages := []struct{ name, path string }{
		{"unit", "/dasbor/unit/dpmptsp"},
		{"unit-en", "/dasbor/unit/dpmptsp?lang=en&layanan=izin-usaha"},
		{"region", "/dasbor?lang=id"},
	}
	sizes := []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"phone", 360, 740, true}, {"desktop", 1280, 900, false}}
	for _, pg := range pages {
		for _, size := range sizes {
			name := "dashboard-" + pg.name + "-" + size.name
			opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
			if size.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			runCtx, cancelRun := context.WithTimeout(ctx, 60*time.Second)
			err := chromedp.Do(runCtx,
				chromedp.EmulateViewport(size.width, size.height, opts...),
				chromedp.Navigate(base+pg.path),
				chromedp.WaitVisible("h1"),
			)
			if err != nil {
				cancelRun()
				t.Fatalf("%s: %v", name, err)
			}
			// Every chart div has drawn once it holds a canvas (or an SVG) of a real size.
			drawn, err := chromedp.Run(runCtx, chromedp.Poll[bool](`(() => {
				const charts = [...document.querySelectorAll('.chart[data-chart]')];
				return charts.length > 0 && charts.every(el => { const c = el.querySelector('canvas, svg'); return c && c.getBoundingClientRect().width > 100; });
			})()`))
			if err != nil || !drawn {
				cancelRun()
				t.Fatalf("%s: charts did not draw: %v", name, err)
			}
			count, err := chromedp.Run(runCtx, chromedp.Evaluate[int](`document.querySelectorAll('.chart[data-chart] canvas').length`))
			if err != nil {
				cancelRun()
				t.Fatal(err)
			}
			shot, err := chromedp.Run(runCtx, chromedp.FullScreenshot(100))
			cancelRun()
			if err != nil {
				t.Fatalf("%s: screenshot: %v", name, err)
			}
			file := filepath.Join(artifacts, name+".png")
			if err := os.WriteFile(file, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			errs, requests := events.take()
			for _, msg := range errs {
				t.Errorf("%s: %s", name, msg)
			}
			for _, r := range requests {
				u, err := url.Parse(r)
				if err != nil || (u.Scheme != "data" && u.Host != ln.Addr().String()) {
					t.Errorf("%s: request to another host: %s", name, r)
				}
			}
			if len(requests) == 0 {
				t.Errorf("%s: no request seen; the network listener is not working", name)
			}
			t.Logf("%s: %d charts drawn, %d requests, %s", name, count, len(requests), file)
		}
	}
}

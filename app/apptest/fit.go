package apptest

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// Whether a staff page fits a phone: the page never scrolls sideways, every control is big
// enough for a thumb, and the keyboard's focus ring stands out from what it is drawn on.

// Thresholds of FitsScreen: WCAG 2.5.5's target size and 1.4.11's contrast for a focus ring.
const (
	TapTarget     = 44
	RingContrast  = 3.0
	focusStopsMax = 80
)

// SignInAs gives the phone the session of a new user with the role and units, as if they had
// signed in through the form.
func (p *Phone) SignInAs(name string, role survey.Role, units ...string) {
	p.T.Helper()
	value := p.E.newSession(name, role, units...)
	if _, err := chromedp.Call(p.Ctx, network.SetCookie, network.SetCookieParams{Name: web.SessionCookie, Value: value, URL: p.Base + "/"}); err != nil {
		p.T.Fatal(err)
	}
}

// SignOut forgets the phone's session cookie.
func (p *Phone) SignOut() {
	p.T.Helper()
	if _, err := chromedp.Call(p.Ctx, network.DeleteCookies, network.DeleteCookiesParams{Name: web.SessionCookie, URL: p.Base + "/"}); err != nil {
		p.T.Fatal(err)
	}
}

// Resize sets the tab's viewport: a phone (mobile, touch) up to 480 px wide, a desktop above.
func (p *Phone) Resize(width, height int64) {
	p.T.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if width <= 480 {
		opts = append(opts, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	p.Do(chromedp.EmulateViewport(width, height, opts...))
}

// OpenPage loads a path and waits until the page has loaded and shows its heading.
func (p *Phone) OpenPage(path string) {
	p.T.Helper()
	p.Open(path)
	p.Wait("the page "+path, `document.readyState == 'complete' && document.querySelector('h1')`)
}

// fitReport is what the page's own script measures for FitsScreen.
type fitReport struct {
	Viewport, ScrollWidth int
	// Wide lists the elements reaching past the viewport's right edge, outermost first.
	Wide []string
	// Small lists the controls smaller than a thumb.
	Small []string
}

// FitsScreen fails the test when the open page does not fit the phone: the page scrolls
// sideways (a wide table must scroll inside its own focusable region instead), a control is
// smaller than TapTarget px (links inside a sentence are exempt, as WCAG allows), or the focus
// ring of an element reached with the Tab key has less than RingContrast:1 contrast against
// the colour around it. Name says which page failed.
func (p *Phone) FitsScreen(name string) {
	p.T.Helper()
	var r fitReport
	script := strings.ReplaceAll(fitScript, "TAP_TARGET", strconv.Itoa(TapTarget))
	if err := json.Unmarshal([]byte(Eval[string](p, script)), &r); err != nil {
		p.T.Fatal(err)
	}
	if r.ScrollWidth > r.Viewport {
		p.Shot(name + "-wide")
		p.T.Errorf("%s: the page is %d px wide at a %d px viewport; reaching past it: %v", name, r.ScrollWidth, r.Viewport, r.Wide)
	}
	for _, s := range r.Small {
		p.T.Errorf("%s: a tap target is smaller than %d px: %s", name, TapTarget, s)
	}
	p.focusRings(name)
}

// focusRings tabs through the page's first focus stops and checks each one's ring.
func (p *Phone) focusRings(name string) {
	p.T.Helper()
	Eval[bool](p, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true)`)
	seen := map[string]bool{}
	for range focusStopsMax {
		p.Do(chromedp.KeyEvent(kb.Tab))
		var ring struct {
			Where    string
			Contrast float64
			None     bool
		}
		if err := json.Unmarshal([]byte(Eval[string](p, ringScript)), &ring); err != nil {
			p.T.Fatal(err)
		}
		if ring.Where == "" || seen[ring.Where] {
			return
		}
		seen[ring.Where] = true
		switch {
		case ring.None:
			p.T.Errorf("%s: %s shows no focus ring", name, ring.Where)
		case ring.Contrast < RingContrast:
			p.T.Errorf("%s: the focus ring of %s has contrast %.1f:1 against its surroundings, want %.0f:1", name, ring.Where, ring.Contrast, RingContrast)
		}
	}
}

// fitScript measures the page: its width, what sticks out, and the controls too small to tap.
const fitScript = `(() => {
  const de = document.documentElement, vw = de.clientWidth;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className == 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
  const visible = el => { const s = getComputedStyle(el), b = el.getBoundingClientRect();
    return s.visibility != 'hidden' && s.display != 'none' && b.width > 1 && b.height > 1; };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el) || el.getBoundingClientRect().right <= vw + 0.5) continue;
    let inner = false;
    for (let a = el.parentElement; a && a != document.body; a = a.parentElement) {
      if (a.scrollWidth > a.clientWidth && getComputedStyle(a).overflowX != 'visible') { inner = true; break; }
      if (wide.includes(a)) { inner = true; break; }
    }
    if (!inner) wide.push(el);
  }
  // A link inside a sentence may be as small as its words (WCAG 2.5.5's inline exception).
  const inSentence = el => {
    if (el.tagName != 'A' || getComputedStyle(el).display != 'inline') return false;
    const block = el.closest('p, li, dd, td, th, figcaption, label') || el.parentElement;
    let words = '';
    const walk = n => { for (const c of n.childNodes) {
      if (c.nodeType == 3) words += c.textContent; else if (c.nodeType == 1 && !c.matches('a, button, input, select, textarea')) walk(c); } };
    walk(block);
    return /\p{L}{2,}/u.test(words);
  };
  const small = [];
  const targets = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  for (const el of document.querySelectorAll(targets)) {
    if (!visible(el) || el.closest('.skip, .sr, .dash-sr, [aria-hidden=true]') || inSentence(el)) continue;
    if (el.matches('[role=region], [tabindex="0"]:not(a, button, input, select, textarea, summary)')) continue;
    let box = el.getBoundingClientRect();
    if (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) box = el.closest('label').getBoundingClientRect();
    if (box.height < TAP_TARGET - 0.5 || box.width < TAP_TARGET - 0.5) small.push(describe(el) + ' ' + Math.round(box.width) + '×' + Math.round(box.height));
  }
  return JSON.stringify({viewport: vw, scrollWidth: de.scrollWidth, wide: wide.slice(0, 8).map(el => describe(el) + ' to ' + Math.round(el.getBoundingClientRect().right) + ' px'), small: small});
})()`

// ringScript judges the ring of the focused element: its outline's colour against the first
// opaque background behind it (the outline is drawn outside the element, on its container).
const ringScript = `(() => {
  const el = document.activeElement;
  if (!el || el == document.body || el == document.documentElement) return JSON.stringify({});
  const s = getComputedStyle(el);
  const where = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40) + '"';
  if (s.outlineStyle == 'none' || parseFloat(s.outlineWidth) < 1) {
    const shadow = s.boxShadow && s.boxShadow != 'none';
    if (!shadow) return JSON.stringify({where: where, none: true});
  }
  const rgb = c => { const m = c.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  let bg = {r: 255, g: 255, b: 255, a: 1};
  for (let a = el.parentElement; a; a = a.parentElement) {
    const c = rgb(getComputedStyle(a).backgroundColor);
    if (c.a > 0.5) { bg = c; break; }
  }
  const ring = rgb(s.outlineStyle != 'none' ? s.outlineColor : s.boxShadow);
  const hi = Math.max(lum(ring), lum(bg)), lo = Math.min(lum(ring), lum(bg));
  return JSON.stringify({where: where, contrast: (hi + 0.05) / (lo + 0.05)});
})()`

package apptest

import "github.com/chromedp/chromedp"

// Desktop turns the phone's tab into a desktop browser's window of 1280×900, and Handset back
// into a 360×740 phone, for pages checked at both sizes.
func (p *Phone) Desktop() {
	p.T.Helper()
	p.Do(chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
}

// Handset turns the tab back into a 360×740 phone.
func (p *Phone) Handset() {
	p.T.Helper()
	p.Do(chromedp.EmulateViewport(360, 740, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
}

// Width returns how wide the page is drawn, in CSS pixels: wider than the window means the page
// scrolls sideways.
func (p *Phone) Width() int {
	p.T.Helper()
	return Eval[int](p, `document.documentElement.scrollWidth`)
}

package resident_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/resident"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
)

// postAs sends the form from a new browser without cookies of the unit's survey, holding only the
// CSRF token of the page it fetched, as a script replaying a form would.
func postAs(e *apptest.Env, unit string, form url.Values) *http.Response {
	e.T.Helper()
	b := e.Browser()
	b.Get("/s/" + unit)
	f := url.Values{}
	for k, v := range form {
		f[k] = slices.Clone(v)
	}
	f.Set(web.CSRFField, b.CSRF)
	resp, _ := b.Post("/s/"+unit, f)
	return resp
}

func flagsOf(e *apptest.Env, key string) []string {
	e.T.Helper()
	r, err := e.Store.Response(context.Background(), key)
	if err != nil {
		e.T.Fatalf("response %s: %v", key, err)
	}
	return r.Flags
}

// TestStampIsBoundToItsFormAndUsedOnce replays one form's render stamp, 21 s after the form was
// built, with fresh submission keys and no cookies: every replay is flagged too fast, since the
// stamp belongs to its form's key and unit; the form's own submission is not, and the stamp is
// no good for another unit's form either.
func TestStampIsBoundToItsFormAndUsedOnce(t *testing.T) {
	e := apptest.NewWith(t, func(c *config.Config) { c.SubmitLimit = 0 }, mongo.Options{})
	e.Seed()
	_, body := e.Browser().Get("/s/dpmptsp")
	form := apptest.Filled(t, body)
	e.Now = e.Now.Add(21 * time.Second)
	for range 10 {
		replay := url.Values{}
		for k, v := range form {
			replay[k] = v
		}
		replay.Set("key", resident.NewSubmissionKey())
		if resp := postAs(e, "dpmptsp", replay); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a replay: %d", resp.StatusCode)
		}
		if flags := flagsOf(e, replay.Get("key")); !slices.Contains(flags, survey.FlagTooFast) {
			t.Errorf("a replayed stamp with a fresh key: flags %v, want too fast", flags)
		}
	}
	if resp := postAs(e, "dpmptsp", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the form itself: %d", resp.StatusCode)
	}
	if flags := flagsOf(e, form.Get("key")); len(flags) != 0 {
		t.Errorf("the form's own submission after 21 s: flags %v", flags)
	}
	_, other := e.Browser().Get("/s/rsud-blambangan")
	elsewhere := apptest.Filled(t, other)
	elsewhere.Set("t", form.Get("t"))
	elsewhere.Set("key", resident.NewSubmissionKey())
	postAs(e, "rsud-blambangan", elsewhere)
	if flags := flagsOf(e, elsewhere.Get("key")); !slices.Contains(flags, survey.FlagTooFast) {
		t.Errorf("one unit's stamp on another unit's form: flags %v, want too fast", flags)
	}
}

// freshForms fetches n of the unit's forms, each from its own device, and lets a person's time
// to fill them pass.
func freshForms(e *apptest.Env, unit string, n int) []url.Values {
	e.T.Helper()
	forms := make([]url.Values, n)
	for i := range forms {
		_, body := e.Browser().Get("/s/" + unit)
		forms[i] = apptest.Filled(e.T, body)
	}
	e.Now = e.Now.Add(21 * time.Second)
	return forms
}

// TestBurstsPerUnitAreFlaggedThenRefused sends one unit more answers in a minute than residents
// leaving a counter give, each from its own device with its own form: past BurstFlagged they are
// stored flagged as a burst, past BurstRefused they are refused with 429 (the page's script keeps
// them and sends them again later). Another unit is not held up, and the next minute is clean.
func TestBurstsPerUnitAreFlaggedThenRefused(t *testing.T) {
	e := apptest.NewWith(t, func(c *config.Config) { c.SubmitLimit = 100000 }, mongo.Options{})
	c := e.Seed()
	forms := freshForms(e, "dpmptsp", resident.BurstRefused+3)
	for i, f := range forms {
		resp := postAs(e, "dpmptsp", f)
		switch {
		case i < resident.BurstRefused && resp.StatusCode != http.StatusSeeOther:
			t.Fatalf("answer %d in the minute: %d", i+1, resp.StatusCode)
		case i < resident.BurstFlagged && len(flagsOf(e, f.Get("key"))) != 0:
			t.Errorf("answer %d in the minute: flags %v", i+1, flagsOf(e, f.Get("key")))
		case i >= resident.BurstFlagged && i < resident.BurstRefused && !slices.Equal(flagsOf(e, f.Get("key")), []string{survey.FlagBurst}):
			t.Errorf("answer %d in the minute: flags %v, want a burst", i+1, flagsOf(e, f.Get("key")))
		case i >= resident.BurstRefused && (resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == ""):
			t.Errorf("answer %d in the minute: %d, want 429 with Retry-After", i+1, resp.StatusCode)
		}
	}
	if n := len(e.Responses(c.Key)); n != resident.BurstRefused {
		t.Errorf("%d stored, want %d", n, resident.BurstRefused)
	}
	_, body := e.Browser().Get("/s/rsud-blambangan")
	other := apptest.Filled(t, body)
	e.Now = e.Now.Add(21 * time.Second)
	postAs(e, "rsud-blambangan", other)
	if flags := flagsOf(e, other.Get("key")); len(flags) != 0 {
		t.Errorf("another unit in the same minute: flags %v", flags)
	}
	e.Now = e.Now.Add(time.Minute)
	last := forms[len(forms)-1]
	if resp := postAs(e, "dpmptsp", last); resp.StatusCode != http.StatusSeeOther || len(flagsOf(e, last.Get("key"))) != 0 {
		t.Errorf("the refused answer sent again a minute later: %d", resp.StatusCode)
	}
}

// TestBurstsAreNotRefusedWithoutASubmitLimit: a server run for a load test (SKM_SUBMIT_LIMIT=0)
// still flags a unit's burst, so its answers stay out of the index, but refuses none of them.
func TestBurstsAreNotRefusedWithoutASubmitLimit(t *testing.T) {
	e := apptest.NewWith(t, func(c *config.Config) { c.SubmitLimit = 0 }, mongo.Options{})
	c := e.Seed()
	forms := freshForms(e, "dpmptsp", resident.BurstRefused+3)
	for i, f := range forms {
		if resp := postAs(e, "dpmptsp", f); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("answer %d in the minute: %d", i+1, resp.StatusCode)
		}
	}
	if n := len(e.Responses(c.Key)); n != len(forms) {
		t.Errorf("%d stored, want %d", n, len(forms))
	}
	if flags := flagsOf(e, forms[len(forms)-1].Get("key")); !slices.Equal(flags, []string{survey.FlagBurst}) {
		t.Errorf("the last answer of the minute: flags %v, want a burst", flags)
	}
}

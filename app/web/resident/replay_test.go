package resident_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

// TestReplayedComplaintKeyRevealsNothing sends a resident's complaint key again from another
// browser, as someone who saw the form's key would: the answer leads to no tracking page and
// shows neither the first resident's code nor their text. The resident's own retry still leads
// to their case.
func TestReplayedComplaintKeyRevealsNothing(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	owner := e.Browser()
	_, body := owner.Get("/s/dpmptsp/pengaduan")
	key := apptest.Doc(t, body).Find(`#survey input[name=key]`).AttrOr("value", "")
	first, _ := owner.Post("/s/dpmptsp/pengaduan", url.Values{"key": {key}, "text": {"Rahasia warga pertama."}})
	code := strings.TrimPrefix(strings.TrimSuffix(first.Header.Get("Location"), "?baru=1"), "/lacak/")
	if first.StatusCode != http.StatusSeeOther || code == "" {
		t.Fatalf("the complaint: %d %q", first.StatusCode, first.Header.Get("Location"))
	}
	thief := e.Browser()
	thief.Get("/s/dpmptsp/pengaduan")
	resp, page := thief.Post("/s/dpmptsp/pengaduan", url.Values{"key": {key}, "text": {"Apa saja."}})
	if strings.Contains(resp.Header.Get("Location"), code) || strings.Contains(page, code) || strings.Contains(page, "Rahasia warga pertama.") {
		t.Errorf("a replayed key revealed the first complaint: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if again, _ := owner.Post("/s/dpmptsp/pengaduan", url.Values{"key": {key}, "text": {"Rahasia warga pertama."}}); again.Header.Get("Location") != first.Header.Get("Location") {
		t.Errorf("the resident's own retry led to %q, want %q", again.Header.Get("Location"), first.Header.Get("Location"))
	}
}

// TestReplayedSurveyKeyRevealsNothing sends a resident's survey submission, with its complaint,
// again from another browser: the thank-you page there shows no tracking code.
func TestReplayedSurveyKeyRevealsNothing(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	owner := e.Browser()
	_, body := owner.Get("/s/dpmptsp")
	form := apptest.Filled(t, body)
	form.Set("kind", survey.KindComplaint)
	e.Now = e.Now.Add(time.Minute)
	if resp, _ := owner.Post("/s/dpmptsp", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the survey: %d", resp.StatusCode)
	}
	_, thanks := owner.Get("/s/dpmptsp/terima-kasih")
	code := apptest.Doc(t, thanks).Find(".code").Text()
	if code == "" {
		t.Fatalf("the owner's thank-you page shows no code:\n%s", thanks)
	}
	thief := e.Browser()
	_, other := thief.Get("/s/dpmptsp")
	form.Set("_csrf", apptest.Doc(t, other).Find(`input[name=_csrf]`).AttrOr("value", ""))
	thief.Post("/s/dpmptsp", form)
	if _, page := thief.Get("/s/dpmptsp/terima-kasih"); strings.Contains(page, code) {
		t.Error("a replayed survey key showed the first resident's tracking code")
	}
}

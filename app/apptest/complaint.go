package apptest

import (
	"net/http"
	"net/url"
	"regexp"
)

var trackLocation = regexp.MustCompile(`^/lacak/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})\?baru=1$`)

// FileComplaint sends a complaint through the unit's form as a resident's browser does and
// returns its tracking code.
func (b *Browser) FileComplaint(unit, text string) string {
	t := b.Env.T
	t.Helper()
	resp, body := b.Get("/s/" + unit + "/pengaduan")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("complaint form: status %d", resp.StatusCode)
	}
	key := Doc(t, body).Find(`#survey input[name=key]`).AttrOr("value", "")
	resp, _ = b.Post("/s/"+unit+"/pengaduan", url.Values{"key": {key}, "text": {text}})
	m := trackLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("complaint: status %d location %q, want 303 to its tracking page", resp.StatusCode, resp.Header.Get("Location"))
	}
	return m[1]
}

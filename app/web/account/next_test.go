package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/account"
	"github.com/skm-engine/skm/survey"
)

// hostile are addresses a link to the sign-in page may carry to send a person elsewhere after
// signing in, or to write headers into the answer.
var hostile = []string{
	"/\r\nX-Injected: 1", "/%0d%0aX-Injected:%201", "/\r\nSet-Cookie: skm_session=planted",
	"/\t/example.com", "/\n/example.com", "//example.com", "/\\example.com", "\\\\example.com",
	"https://example.com/", "http:/example.com", "javascript:alert(1)", "/%2F%2Fexample.com", "/%5Cexample.com",
	" //example.com", "/ /example.com", "", "dasbor", "/\x00", "/\x7f",
}

// TestSignInNextStaysOnSite signs in with every hostile next address: the answer is a redirect to
// a path on this site, never elsewhere, and carries no header the address wrote.
func TestSignInNextStaysOnSite(t *testing.T) {
	e := apptest.New(t)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	for _, next := range hostile {
		b := e.Browser()
		b.Get("/masuk")
		resp, _ := b.Post("/masuk", url.Values{"username": {"kepala"}, "password": {apptest.Password}, "next": {next}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("next %q: status %d", next, resp.StatusCode)
		}
		checkLocation(t, next, resp)
		// Once signed in, GET /masuk?next= redirects at once, by the same rule.
		resp, _ = b.Get("/masuk?next=" + url.QueryEscape(next))
		checkLocation(t, next, resp)
	}
	b := e.Browser()
	b.Get("/masuk")
	resp, _ := b.Post("/masuk", url.Values{"username": {"kepala"}, "password": {apptest.Password}, "next": {"/dasbor/unit/dpmptsp?kampanye=2026-S2"}})
	if got := resp.Header.Get("Location"); got != "/dasbor/unit/dpmptsp?kampanye=2026-S2" {
		t.Errorf("a clean next address became %q", got)
	}
}

func checkLocation(t *testing.T, next string, resp *http.Response) {
	t.Helper()
	loc := resp.Header.Get("Location")
	if _, ok := web.LocalPath(loc); !ok || strings.Contains(loc, "example.com") {
		t.Errorf("next %q: Location %q", next, loc)
	}
	if resp.Header.Get("X-Injected") != "" {
		t.Errorf("next %q wrote a header", next)
	}
	for _, c := range resp.Cookies() {
		if c.Value == "planted" {
			t.Errorf("next %q planted a cookie", next)
		}
	}
}

// FuzzSafeNext checks that whatever a link carries, the address signed-in people are sent to is a
// path on this site written only in characters a URL allows, which the rule accepts unchanged.
func FuzzSafeNext(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add("/dasbor/unit/dpmptsp?kampanye=2026-S2")
	f.Add("/pengaduan/ABCD-1234#x")
	f.Fuzz(func(t *testing.T, next string) {
		got := account.SafeNext(next)
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
			t.Fatalf("%q → %q leaves the site (%v)", next, got, err)
		}
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") {
			t.Fatalf("%q → %q is not a rooted path", next, got)
		}
		for _, r := range got {
			if !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%", r) {
				t.Fatalf("%q → %q holds %q", next, got, r)
			}
		}
		if again := account.SafeNext(got); again != got {
			t.Fatalf("%q → %q → %q: the rule does not accept its own answer", next, got, again)
		}
	})
}

package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// TestCSRFTokenIsBoundToTheSession plants a CSRF cookie whose token the attacker knows (as a
// neighbouring site could) in a browser that then signs in: the known token does not work for
// the signed-in session, the session's own page token does.
func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	e := apptest.New(t)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	attacker := e.Browser()
	attacker.Get("/masuk")
	victim := e.Browser()
	victim.Cookies[web.CSRFCookie] = attacker.Cookies[web.CSRFCookie]
	if resp, _ := victim.SignIn("kepala", apptest.Password); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	change := url.Values{"current": {apptest.Password}, "new": {"a planted password"}, "confirm": {"a planted password"}, web.CSRFField: {attacker.CSRF}}
	if resp, _ := victim.Post("/akun/sandi", change); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the attacker's token for the victim's session: %d, want 403", resp.StatusCode)
	}
	victim.Get("/akun")
	change.Set(web.CSRFField, victim.CSRF)
	change.Set("new", "the owner's new password")
	change.Set("confirm", "the owner's new password")
	if resp, _ := victim.Post("/akun/sandi", change); resp.StatusCode != http.StatusOK {
		t.Errorf("the session's own token: %d", resp.StatusCode)
	}
	// The page the password change answers with carries the new session's token, which works.
	if resp, _ := victim.Post("/akun/sandi", url.Values{"current": {"the owner's new password"}, "new": {"yet another password"}, "confirm": {"yet another password"}}); resp.StatusCode != http.StatusOK {
		t.Errorf("the token of the page after the change: %d", resp.StatusCode)
	}
}

// TestHostCookiesOverHTTPS names the session and CSRF cookies __Host- when the engine is served
// over HTTPS, so no other host of the domain can set them, and ignores the plain names there.
func TestHostCookiesOverHTTPS(t *testing.T) {
	e := apptest.New(t)
	e.Config.BaseURL = "https://skm.banyuwangikab.go.id"
	e.Restart()
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	b := e.Browser()
	resp, _ := b.SignIn("kepala", apptest.Password)
	names := map[string]bool{}
	for _, c := range resp.Cookies() {
		names[c.Name] = true
		if strings.HasPrefix(c.Name, "__Host-") && (!c.Secure || c.Path != "/" || c.Domain != "") {
			t.Errorf("%s: Secure %v, Path %q, Domain %q", c.Name, c.Secure, c.Path, c.Domain)
		}
	}
	if !names["__Host-"+web.SessionCookie] {
		t.Errorf("cookies set at sign-in over https: %v", names)
	}
	if _, ok := b.Cookies["__Host-"+web.CSRFCookie]; !ok {
		t.Errorf("no __Host- CSRF cookie over https: %v", b.Cookies)
	}
	if resp, _ := b.Get("/akun"); resp.StatusCode != http.StatusOK {
		t.Errorf("signed in over https: %d", resp.StatusCode)
	}
	planted := e.Browser()
	planted.Cookies[web.SessionCookie] = b.Cookies["__Host-"+web.SessionCookie]
	if resp, _ := planted.Get("/akun"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a session under the plain name over https: %d, want sent to sign in", resp.StatusCode)
	}
}

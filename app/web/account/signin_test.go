package account_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/web/account"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/survey"
)

func TestSignInAndOut(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	b := e.Browser()
	resp, _ := b.SignIn("kepala", apptest.Password)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/dasbor" {
		t.Fatalf("sign-in: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == web.SessionCookie {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure {
		t.Fatalf("session cookie over http: %+v", session)
	}
	_, body := b.Get("/akun")
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	if got := doc.Find(".facts dd").First().Text(); got != "kepala" {
		t.Errorf("account page shows %q", got)
	}
	stolen := b.Cookies[web.SessionCookie]
	b.Post("/keluar", nil)
	resp, _ = b.Get("/akun")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/masuk") {
		t.Errorf("after sign-out /akun: %d", resp.StatusCode)
	}
	// The cookie of a signed-out session is worthless.
	replay := e.Browser()
	replay.Cookies[web.SessionCookie] = stolen
	if resp, _ := replay.Get("/akun"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("signed-out session still works: %d", resp.StatusCode)
	}
	entries, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Actor: "kepala"})
	var actions []string
	for _, en := range entries {
		actions = append(actions, en.Action)
	}
	slices.Sort(actions) // the test clock stands still, so both entries share a time
	if strings.Join(actions, ",") != "signin,signout" {
		t.Errorf("audit of kepala: %v", actions)
	}
}

func TestSecureCookiesOverHTTPS(t *testing.T) {
	e := apptest.New(t)
	e.Config.BaseURL = "https://skm.banyuwangikab.go.id"
	e.Restart()
	e.User("admin", survey.RoleAdmin)
	resp, _ := e.Browser().SignIn("admin", apptest.Password)
	for _, c := range resp.Cookies() {
		if !c.Secure {
			t.Errorf("cookie %s not Secure over https", c.Name)
		}
	}
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS over https")
	}
}

// TestSignInLockout shows failures slow and then lock a name, whether or not the account exists,
// so the answers never reveal which accounts do.
func TestSignInLockout(t *testing.T) {
	e := apptest.New(t)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	for _, name := range []string{"kepala", "nobody"} {
		b := e.Browser()
		var bodies []string
		for i := 0; i < account.SigninAccountLimit; i++ {
			resp, body := b.SignIn(name, "wrong password!")
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Nama pengguna atau kata sandi salah.") {
				t.Fatalf("%s attempt %d: %d", name, i, resp.StatusCode)
			}
			bodies = append(bodies, body)
		}
		// Even the right password is refused while locked.
		resp, body := b.SignIn(name, apptest.Password)
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Terlalu banyak percobaan") {
			t.Errorf("%s after %d failures: %d", name, account.SigninAccountLimit, resp.StatusCode)
		}
	}
	// After the window the account opens again.
	e.Now = e.Now.Add(account.SigninWindow)
	if resp, _ := e.Browser().SignIn("kepala", apptest.Password); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: %d", resp.StatusCode)
	}
	if d := account.SigninDelay(1); d != account.SigninSlowdown {
		t.Errorf("first failure waits %v", d)
	}
	if d := account.SigninDelay(1 << 40); d != account.SigninMaxSlowdown {
		t.Errorf("many failures wait %v", d)
	}
}

func TestSignInLockoutPerClient(t *testing.T) {
	e := apptest.New(t)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	b := e.Browser()
	for i := 0; i < account.SigninClientLimit; i++ {
		b.SignIn("guess"+string(rune('a'+i)), "wrong password!")
	}
	if resp, _ := b.SignIn("kepala", apptest.Password); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("client after %d failures: %d", account.SigninClientLimit, resp.StatusCode)
	}
}

func TestSessionExpiry(t *testing.T) {
	e := apptest.New(t)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	b := e.Browser()
	b.SignIn("kepala", apptest.Password)
	e.Now = e.Now.Add(survey.SessionIdle - time.Minute)
	if resp, _ := b.Get("/akun"); resp.StatusCode != http.StatusOK {
		t.Fatalf("active session: %d", resp.StatusCode)
	}
	e.Now = e.Now.Add(survey.SessionIdle + time.Minute)
	if resp, _ := b.Get("/akun"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("idle session still valid: %d", resp.StatusCode)
	}
	// A session used every few minutes still ends at the absolute limit.
	b = e.Browser()
	b.SignIn("kepala", apptest.Password)
	start := e.Now
	for e.Now.Sub(start) < survey.SessionMax-10*time.Minute {
		e.Now = e.Now.Add(20 * time.Minute)
		if resp, _ := b.Get("/akun"); resp.StatusCode != http.StatusOK {
			t.Fatalf("busy session ended early at %v", e.Now.Sub(start))
		}
	}
	e.Now = start.Add(survey.SessionMax + time.Minute)
	if resp, _ := b.Get("/akun"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("session older than %v still valid: %d", survey.SessionMax, resp.StatusCode)
	}
}

func TestCSRFRejected(t *testing.T) {
	e := apptest.New(t)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	b := e.Browser()
	b.SignIn("kepala", apptest.Password)
	b.Get("/akun")
	form := url.Values{"current": {apptest.Password}, "new": {"a new password 1"}, "confirm": {"a new password 1"}}
	for name, tamper := range map[string]func(*http.Request){
		"no token":  func(r *http.Request) {},
		"bad token": func(r *http.Request) { r.Header.Set(web.CSRFHeader, "forged") },
		"cross-site": func(r *http.Request) {
			r.Header.Set(web.CSRFHeader, b.CSRF)
			r.Header.Set("Sec-Fetch-Site", "cross-site")
		},
	} {
		req := httptest.NewRequest(http.MethodPost, "/akun/sandi", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		tamper(req)
		if resp, _ := b.Send(req); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, resp.StatusCode)
		}
	}
	// Another browser's token does not fit this browser's cookie.
	other := e.Browser()
	other.Get("/masuk")
	form.Set(web.CSRFField, other.CSRF)
	req := httptest.NewRequest(http.MethodPost, "/akun/sandi", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, _ := b.Send(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another browser's token: %d", resp.StatusCode)
	}
	if u, _ := e.Store.User(context.Background(), "kepala"); !web.PasswordMatches(u.PasswordHash, apptest.Password) {
		t.Error("a rejected request changed the password")
	}
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	e := apptest.New(t)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	laptop, phone := e.Browser(), e.Browser()
	laptop.SignIn("kepala", apptest.Password)
	phone.SignIn("kepala", apptest.Password)
	laptop.Get("/akun")
	if resp, _ := laptop.Post("/akun/sandi", url.Values{"current": {"wrong"}, "new": {"a new password 1"}, "confirm": {"a new password 1"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("wrong current password: %d", resp.StatusCode)
	}
	if resp, _ := laptop.Post("/akun/sandi", url.Values{"current": {apptest.Password}, "new": {"short"}, "confirm": {"short"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("short password: %d", resp.StatusCode)
	}
	resp, body := laptop.Post("/akun/sandi", url.Values{"current": {apptest.Password}, "new": {"a new password 1"}, "confirm": {"a new password 1"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Kata sandi diganti") {
		t.Fatalf("change: %d", resp.StatusCode)
	}
	if resp, _ := laptop.Get("/akun"); resp.StatusCode != http.StatusOK {
		t.Errorf("the changing session was signed out: %d", resp.StatusCode)
	}
	if resp, _ := phone.Get("/akun"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the other session survived: %d", resp.StatusCode)
	}
	if resp, _ := e.Browser().SignIn("kepala", "a new password 1"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sign in with the new password: %d", resp.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	for _, path := range []string{"/", "/masuk", "/healthz", "/api/v1/units", "/no-such-page"} {
		resp, _ := e.Do(httptest.NewRequest(http.MethodGet, path, nil))
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s: %s = %q", path, h, got)
			}
		}
	}
	// Bodies over the limit are refused before any handler reads them: the test speaks HTTP by
	// hand, sends no body and says it sends nothing more.
	base := e.Listen()
	token := e.Token(survey.RoleAdmin)
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/units HTTP/1.1\r\nHost: skm.test\r\nContent-Type: application/json\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n\r\n", token, e.Config.BodyLimit+1)
	_ = conn.(*net.TCPConn).CloseWrite()
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.Contains(status, " 413 ") {
		t.Errorf("oversized body: %q %v", status, err)
	}
	if units, _ := e.Store.Units(context.Background(), survey.UnitFilter{}); len(units) != 2 {
		t.Errorf("an oversized request wrote: %d units", len(units))
	}
}

// TestErrorPagesSpeakThePageLanguage checks a resident whose form expired is told so in their
// language, whatever the engine's own wording of the cause.
func TestErrorPagesSpeakThePageLanguage(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	for lang, want := range map[string]string{"id": "Formulir ini sudah kedaluwarsa", "en": "This form has expired"} {
		b := e.Browser()
		b.Get("/s/dpmptsp?lang=" + lang)
		resp, body := b.Post("/s/dpmptsp", url.Values{web.CSRFField: {"forged"}})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, want) {
			t.Errorf("%s: status %d, page lacks %q", lang, resp.StatusCode, want)
		}
	}
	admin := e.SignedIn("admin", survey.RoleAdmin)
	if resp, body := admin.Get("/dasbor/unit/ghost"); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "Halaman atau data yang dicari tidak ada") {
		t.Errorf("an unknown unit's dashboard: %d", resp.StatusCode)
	}
}

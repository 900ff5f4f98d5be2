package account_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/account"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
)

// signInFrom signs in through the form from the client address a trusted balancer reports.
func signInFrom(e *apptest.Env, client, username, password string) *http.Response {
	e.T.Helper()
	b := e.Browser()
	b.Get("/masuk")
	req := apptest.FormRequest("/masuk", url.Values{"username": {username}, "password": {password}, web.CSRFField: {b.CSRF}})
	req.Header.Set("X-Forwarded-For", client)
	resp, _ := b.Send(req)
	return resp
}

// behindBalancer is a server behind a trusted balancer (the in-process test connection's
// address), so that each test client can have its own address.
func behindBalancer(t *testing.T) *apptest.Env {
	return apptest.NewWith(t, func(c *config.Config) { c.Proxies = []string{"0.0.0.0"} }, mongo.Options{})
}

// TestSignInLockoutCannotBeRaced sends forty wrong passwords for admin at once from one client:
// no more than the limit are checked, however the requests interleave.
func TestSignInLockoutCannotBeRaced(t *testing.T) {
	e := apptest.New(t)
	e.User("admin", survey.RoleAdmin)
	statuses := apptest.AtOnce(40, func() int {
		resp, _ := e.Browser().SignIn("admin", "wrong password!")
		return resp.StatusCode
	})
	checked := statuses[http.StatusBadRequest]
	if checked == 0 || checked > account.SigninAccountLimit || checked+statuses[http.StatusTooManyRequests] != 40 {
		t.Errorf("40 parallel wrong passwords: %v; want at most %d checked (400), the rest 429", statuses, account.SigninAccountLimit)
	}
	failed, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "signin.failed"})
	if len(failed) != checked {
		t.Errorf("%d failures audited, %d answered as checked", len(failed), checked)
	}
}

// TestSignInLockoutIsPerClient locks admin out for the client that guessed, and only for it:
// the administrator signs in from elsewhere, and failures from many clients only slow the
// answers down.
func TestSignInLockoutIsPerClient(t *testing.T) {
	e := behindBalancer(t)
	e.User("admin", survey.RoleAdmin)
	for range account.SigninAccountLimit {
		if resp := signInFrom(e, "203.0.113.66", "admin", "wrong password!"); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("a wrong password: %d", resp.StatusCode)
		}
	}
	if resp := signInFrom(e, "203.0.113.66", "admin", apptest.Password); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the guessing client with the right password: %d, want 429", resp.StatusCode)
	}
	if resp := signInFrom(e, "198.51.100.7", "admin", apptest.Password); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the administrator from another client: %d, want signed in", resp.StatusCode)
	}
	for i := range 3 * account.SigninAccountLimit {
		client := "192.0.2." + string(rune('1'+i%9)) + string(rune('0'+i/9))
		if resp := signInFrom(e, client, "admin", "wrong password!"); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("a wrong password from %s: %d", client, resp.StatusCode)
		}
	}
	if resp := signInFrom(e, "198.51.100.7", "admin", apptest.Password); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after failures from many clients the administrator: %d, want signed in", resp.StatusCode)
	}
}

// TestSuccessfulSignInsDoNotLock signs in many times from one client (an office behind one
// address): only failures count toward the limits.
func TestSuccessfulSignInsDoNotLock(t *testing.T) {
	e := apptest.New(t)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	for i := range 2 * account.SigninClientLimit {
		if resp, _ := e.Browser().SignIn("kepala", apptest.Password); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in %d: %d", i+1, resp.StatusCode)
		}
	}
}

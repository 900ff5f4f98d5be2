package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

func TestAdminManagesAccounts(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	admin.Get("/admin/pengguna")
	resp, body := admin.Post("/admin/pengguna", url.Values{"username": {"ani"}, "name": {"Ani Rahayu"}, "role": {"unit_head"}, "units": {"dpmptsp"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	flash := doc.Find(".flash").Text()
	pw := flash[strings.LastIndex(flash, " ")+1:]
	ani := e.Browser()
	if resp, _ := ani.SignIn("ani", pw); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the new user signs in with the password shown once: %d", resp.StatusCode)
	}
	// Bad input is refused with the form kept.
	resp, body = admin.Post("/admin/pengguna", url.Values{"username": {"Bad Name"}, "name": {"X"}, "role": {"viewer"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `value="bad name"`) {
		t.Errorf("bad username: %d", resp.StatusCode)
	}
	if resp, _ := admin.Post("/admin/pengguna", url.Values{"username": {"budi"}, "name": {"Budi"}, "role": {"unit_head"}, "units": {"ghost-unit"}}); resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown unit: %d", resp.StatusCode)
	}
	// Disabling ends the user's sessions at once.
	admin.Post("/admin/pengguna/ani", url.Values{"role": {"unit_head"}, "units": {"dpmptsp"}, "disabled": {"on"}})
	if resp, _ := ani.Get("/akun"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("disabled user still signed in: %d", resp.StatusCode)
	}
	if resp, _ := e.Browser().SignIn("ani", pw); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("disabled user signs in: %d", resp.StatusCode)
	}
	// An administrator cannot lock themselves out.
	if resp, _ := admin.Post("/admin/pengguna/admin", url.Values{"role": {"viewer"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("self-demotion: %d", resp.StatusCode)
	}
	resp, body = admin.Get("/admin/audit?action=user.update")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "disabled") {
		t.Errorf("audit of the disabling: %d", resp.StatusCode)
	}
}

func TestTokenRevocation(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	admin.Get("/admin/token")
	resp, body := admin.Post("/admin/token", url.Values{"name": {"dashboard kabupaten"}, "role": {"viewer"}})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %d", resp.StatusCode)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	secret := doc.Find("code.secret").Text()
	if resp, _ := e.API(http.MethodGet, "/api/v1/campaigns/2026-S2/results", secret, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("token works: %d", resp.StatusCode)
	}
	if resp, _ := e.API(http.MethodPost, "/api/v1/units", secret, `{}`); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer token writes: %d", resp.StatusCode)
	}
	tokens, _ := e.Store.Tokens(context.Background())
	_, listing := admin.Get("/admin/token")
	if strings.Contains(listing, secret) {
		t.Error("the token list shows a secret")
	}
	admin.Post("/admin/token/"+tokens[0].ID+"/cabut", nil)
	if resp, _ := e.API(http.MethodGet, "/api/v1/campaigns/2026-S2/results", secret, ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked token: %d", resp.StatusCode)
	}
}

package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/survey"
)

// routeAccess is the decision for every route the engine serves. A route registered without an
// entry here fails TestEveryRouteDecidesAccess: add the route with its rule when you add it.
var routeAccess = map[string]web.Access{
	"GET /":                                web.Public,
	"GET /healthz":                         web.Public,
	"GET /readyz":                          web.Public,
	"GET /metrics":                         web.Public, // behind its own token, SKM_METRICS_TOKEN (metrics_test.go)
	"GET /static/*":                        web.Public,
	"GET /api/openapi.yaml":                web.Public,
	"GET /masuk":                           web.Public,
	"POST /masuk":                          web.Public,
	"POST /keluar":                         web.AnyRole,
	"GET /akun":                            web.AnyRole,
	"POST /akun/sandi":                     web.AnyRole,
	"GET /admin":                           web.AdminOnly,
	"GET /admin/pengguna":                  web.AdminOnly,
	"POST /admin/pengguna":                 web.AdminOnly,
	"GET /admin/token":                     web.AdminOnly,
	"POST /admin/token":                    web.AdminOnly,
	"GET /admin/audit":                     web.AdminOnly,
	"POST /admin/pengguna/:username":       web.AdminOnly,
	"POST /admin/pengguna/:username/sandi": web.AdminOnly,
	"POST /admin/token/:id/cabut":          web.AdminOnly,

	// Setting the region up (admin/setup.go): its profile, units and their import,
	// questionnaires. The logo is public: every page and the residents' form show it.
	"GET /admin/wilayah":                            web.AdminOnly,
	"POST /admin/wilayah":                           web.AdminOnly,
	"POST /admin/wilayah/lewati":                    web.AdminOnly,
	"GET /logo/:id.png":                             web.Public,
	"GET /admin/unit":                               web.AdminOnly,
	"POST /admin/unit":                              web.AdminOnly,
	"GET /admin/unit/impor":                         web.AdminOnly,
	"GET /admin/unit/impor/templat.:ext":            web.AdminOnly,
	"POST /admin/unit/impor":                        web.AdminOnly,
	"POST /admin/unit/impor/:id":                    web.AdminOnly,
	"POST /admin/unit/impor/:id/batal":              web.AdminOnly,
	"GET /admin/unit/:slug":                         web.AdminOnly,
	"POST /admin/unit/:slug":                        web.AdminOnly,
	"POST /admin/unit/:slug/aktif":                  web.AdminOnly,
	"POST /admin/unit/:slug/kepala":                 web.AdminOnly,
	"POST /admin/unit/:slug/kepala/baru":            web.AdminOnly,
	"POST /admin/unit/:slug/kepala/:username/lepas": web.AdminOnly,
	"GET /admin/kuesioner":                          web.AdminOnly,
	"POST /admin/kuesioner":                         web.AdminOnly,
	"GET /admin/kuesioner/baru":                     web.AdminOnly,
	"GET /admin/kuesioner/banding":                  web.AdminOnly,
	"GET /admin/kuesioner/:id":                      web.AdminOnly,
	"POST /admin/kuesioner/:id":                     web.AdminOnly,
	"GET /admin/kuesioner/:id/pratinjau":            web.AdminOnly,

	"GET /api/v1/units":                                web.AnyRole,
	"POST /api/v1/units":                               web.AdminOnly,
	"GET /api/v1/units/:unit":                          web.UnitRead,
	"PATCH /api/v1/units/:unit":                        web.AdminOnly,
	"GET /api/v1/questionnaires":                       web.AnyRole,
	"POST /api/v1/questionnaires":                      web.AdminOnly,
	"GET /api/v1/questionnaires/:id":                   web.AnyRole,
	"PUT /api/v1/questionnaires/:id":                   web.AdminOnly,
	"GET /api/v1/campaigns":                            web.AnyRole,
	"POST /api/v1/campaigns":                           web.AdminOnly,
	"GET /api/v1/campaigns/:key":                       web.AnyRole,
	"PATCH /api/v1/campaigns/:key":                     web.AdminOnly,
	"POST /api/v1/campaigns/:key/transitions":          web.AdminOnly,
	"GET /api/v1/campaigns/:key/results":               web.RegionRead,
	"GET /api/v1/campaigns/:key/verify":                web.AdminOnly,
	"GET /api/v1/campaigns/:key/units/:unit/results":   web.UnitRead,
	"GET /api/v1/campaigns/:key/units/:unit/responses": web.UnitOwn,
	"POST /api/v1/campaigns/:key/units/:unit/import":   web.UnitOwn,
	"GET /api/v1/tokens":                               web.AdminOnly,
	"POST /api/v1/tokens":                              web.AdminOnly,
	"DELETE /api/v1/tokens/:id":                        web.AdminOnly,

	"GET /dasbor":                                web.AnyRole,
	"GET /dasbor/unit/:unit":                     web.UnitRead,
	"GET /ekspor/:key/unit/:unit/responses.:ext": web.UnitOwn,
	"GET /ekspor/:key/unit/:unit/:table.:ext":    web.UnitRead,
	"GET /ekspor/:key/responses.:ext":            web.AdminOnly,
	"GET /ekspor/:key/:table.:ext":               web.RegionRead,

	// The resident's survey (resident.go, qr.go): residents never sign in.
	"GET /s/sw.js":                   web.Public,
	"GET /s/:unit":                   web.Public,
	"POST /s/:unit":                  web.Public,
	"GET /s/:unit/terima-kasih":      web.Public,
	"GET /s/:unit/kios":              web.Public,
	"POST /s/:unit/kios":             web.Public,
	"GET /s/:unit/kios/terima-kasih": web.Public,
	"GET /qr/:unit.png":              web.Public,
	"GET /qr/:unit.svg":              web.Public,

	// Closing the loop (case.go). The case routes take a code, not a unit: their handlers answer
	// 404 to anyone the case's unit is not for, as for an unknown code.
	"GET /s/:unit/pengaduan":              web.Public,
	"POST /s/:unit/pengaduan":             web.Public,
	"GET /lacak":                          web.Public,
	"GET /lacak/:code":                    web.Public,
	"GET /pengaduan":                      web.AnyRole,
	"GET /pengaduan/:code":                web.AnyRole,
	"POST /pengaduan/:code/balas":         web.AnyRole,
	"POST /pengaduan/:code/terbitkan":     web.AnyRole,
	"POST /pengaduan/:code/jenis":         web.AnyRole,
	"POST /pengaduan/:code/dibaca":        web.AnyRole,
	"POST /pengaduan/dibaca":              web.AnyRole,
	"GET /admin/pengaduan":                web.AdminOnly,
	"POST /admin/pengaduan":               web.AdminOnly,
	"GET /rencana/:key/unit/:unit":        web.UnitRead,
	"POST /rencana/:key/unit/:unit":       web.UnitOwn,
	"GET /admin/kampanye":                 web.AdminOnly,
	"POST /admin/kampanye/:key/terbitkan": web.AdminOnly,

	// The campaigns console (campaigns.go, campaign_*.go) and paper questionnaires in the browser
	// (import_paper.go), which a unit's heads may use for their own unit.
	"POST /admin/kampanye":                                   web.AdminOnly,
	"GET /admin/kampanye/:key":                               web.AdminOnly,
	"POST /admin/kampanye/:key":                              web.AdminOnly,
	"GET /admin/kampanye/:key/status":                        web.AdminOnly,
	"POST /admin/kampanye/:key/status":                       web.AdminOnly,
	"POST /admin/kampanye/:key/populasi":                     web.AdminOnly,
	"GET /admin/kampanye/:key/populasi.csv":                  web.AdminOnly,
	"POST /admin/kampanye/:key/populasi/impor":               web.AdminOnly,
	"GET /admin/kampanye/:key/unit/:unit/impor":              web.UnitOwn,
	"POST /admin/kampanye/:key/unit/:unit/impor":             web.UnitOwn,
	"POST /admin/kampanye/:key/unit/:unit/impor/konfirmasi":  web.UnitOwn,
	"GET /admin/kampanye/:key/unit/:unit/impor/templat.:ext": web.UnitOwn,
	"GET /hasil":                 web.Public,
	"GET /hasil/:key":            web.Public,
	"GET /hasil/:key/unit/:unit": web.Public,

	"GET /laporan/:key/unit/:unit.pdf":                  web.UnitRead,
	"GET /laporan/:key/terbitkan":                       web.AdminOnly,
	"POST /laporan/:key/terbitkan":                      web.AdminOnly,
	"GET /laporan/:key/wilayah.pdf":                     web.RegionRead,
	"GET /poster/:unit.pdf":                             web.UnitOwn,
	"GET /verifikasi":                                   web.Public,
	"POST /verifikasi":                                  web.Public,
	"GET /api/v1/campaigns/:key/units/:unit/report.pdf": web.UnitRead,
	"GET /api/v1/campaigns/:key/report.pdf":             web.RegionRead,
}

// roleCase is one kind of caller.
type roleCase struct {
	name  string
	role  survey.Role // "" for anonymous
	units []string
}

var roleCases = []roleCase{
	{name: "anonymous"},
	{name: "viewer", role: survey.RoleViewer},
	{name: "head of A", role: survey.RoleUnitHead, units: []string{"dpmptsp"}},
	{name: "head of B", role: survey.RoleUnitHead, units: []string{"rsud-blambangan"}},
	{name: "admin", role: survey.RoleAdmin},
}

// allowed is what the rule grants the caller for a request about unit A ("dpmptsp").
func allowed(rule web.Access, rc roleCase) bool {
	switch rule {
	case web.Public:
		return true
	case web.AnyRole:
		return rc.role != ""
	case web.RegionRead:
		return rc.role == survey.RoleAdmin || rc.role == survey.RoleViewer
	case web.UnitRead:
		return rc.role == survey.RoleAdmin || rc.role == survey.RoleViewer || (rc.role == survey.RoleUnitHead && rc.units[0] == "dpmptsp")
	case web.UnitOwn:
		return rc.role == survey.RoleAdmin || (rc.role == survey.RoleUnitHead && rc.units[0] == "dpmptsp")
	case web.AdminOnly:
		return rc.role == survey.RoleAdmin
	}
	return false
}

// fillPath puts unit A, campaign 2026-S2 and placeholders into a route's parameters.
func fillPath(route string) string {
	values := map[string]string{"unit": "dpmptsp", "key": "2026-S2", "ext": "csv", "table": "elements"}
	route = strings.ReplaceAll(route, "*", "nothing.css")
	return routeParam.ReplaceAllStringFunc(route, func(p string) string {
		if v, ok := values[p[1:]]; ok {
			return v
		}
		return "x"
	})
}

var routeParam = regexp.MustCompile(`:[A-Za-z]+`)

// TestEveryRouteDecidesAccess sends every registered route a request from each kind of caller and
// checks the outcome against routeAccess: a unit head asking about another unit, a viewer asking
// to change something and an anonymous visitor asking for staff pages are all refused.
func TestEveryRouteDecidesAccess(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	// Unit heads import their own unit's paper questionnaires only where the region allows it;
	// here it does, so that the routes' rules alone decide.
	e.AllowHeadsImportPaper()
	tokens := map[string]string{}
	for i, rc := range roleCases {
		if rc.role == "" {
			continue
		}
		tokens[rc.name] = e.Token(rc.role, rc.units...)
		e.User(fmt.Sprintf("user%d", i), rc.role, rc.units...)
	}
	seen := map[string]bool{}
	for _, r := range e.App.GetRoutes(true) {
		switch r.Method {
		case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		default:
			continue
		}
		key := r.Method + " " + r.Path
		if seen[key] {
			continue
		}
		seen[key] = true
		rule, ok := routeAccess[key]
		if !ok {
			t.Errorf("route %s has no access decision in routeAccess (access_test.go): add it with its rule", key)
			continue
		}
		for i, rc := range roleCases {
			status, location := probe(e, r.Method, fillPath(r.Path), rc, tokens[rc.name], fmt.Sprintf("user%d", i))
			denied := status == http.StatusUnauthorized || status == http.StatusForbidden ||
				(status == http.StatusSeeOther && strings.HasPrefix(location, "/masuk"))
			if status >= 500 {
				t.Errorf("%s as %s: status %d", key, rc.name, status)
			} else if want := allowed(rule, rc); denied == want {
				t.Errorf("%s as %s: status %d (location %q); rule %s says allowed=%v", key, rc.name, status, location, rule, want)
			}
		}
	}
	for key := range routeAccess {
		if !seen[key] {
			t.Errorf("routeAccess lists %s, which is not registered", key)
		}
	}
}

// TestEveryFeatureRouteIsInTheAccessTable shows that every route a feature serves went through the
// kernel's access table, with the rule routeAccess expects: only the kernel's own health, metrics
// and asset routes are outside it.
func TestEveryFeatureRouteIsInTheAccessTable(t *testing.T) {
	e := apptest.New(t)
	s, err := app.Kernel(context.Background(), e.Config, app.Deps{Store: e.Store, Accounts: e.Store, Logger: apptest.Logger(), Key: e.Key})
	if err != nil {
		t.Fatal(err)
	}
	table := map[string]web.Access{}
	for _, r := range s.Routes() {
		table[r.Method+" "+r.Path] = r.Rule
	}
	kernel := map[string]bool{"GET /healthz": true, "GET /readyz": true, "GET /metrics": true, "GET /static/*": true}
	for _, r := range s.App().GetRoutes(true) {
		key := r.Method + " " + r.Path
		if r.Method == http.MethodHead || kernel[key] {
			continue
		}
		rule, ok := table[key]
		if !ok {
			t.Errorf("%s is served but was not registered through the access table", key)
		} else if rule != routeAccess[key] {
			t.Errorf("%s is registered as %s; routeAccess says %s", key, rule, routeAccess[key])
		}
	}
}

// probes numbers the sessions probe starts, each its own.
var probes atomic.Int64

// probe sends one request as the caller and returns the status and redirect target.
func probe(e *apptest.Env, method, path string, rc roleCase, token, username string) (int, string) {
	e.T.Helper()
	if strings.HasPrefix(path, "/api/v1/") {
		body := ""
		if method != http.MethodGet && method != http.MethodDelete {
			body = "{}"
		}
		resp, _ := e.API(method, path, token, body)
		return resp.StatusCode, resp.Header.Get("Location")
	}
	// The CSRF cookie and token every form carries, for the caller's own session.
	if rc.role == "" {
		username = ""
	}
	b := browserOf(e, username)
	var req = httptest.NewRequest(method, path, nil)
	if method != http.MethodGet {
		form := url.Values{web.CSRFField: {b.CSRF}}
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, _ := b.Send(req)
	return resp.StatusCode, resp.Header.Get("Location")
}

// browserOf is a new browser signed in as the user, or a visitor's for "", holding the CSRF token
// of a page.
func browserOf(e *apptest.Env, username string) *apptest.Browser {
	e.T.Helper()
	b := e.Browser()
	if username == "" {
		b.Get("/masuk")
		return b
	}
	value := fmt.Sprintf("browser-%s-%d-0123456789abcdef", username, probes.Add(1))
	if err := e.Store.CreateSession(context.Background(), &survey.Session{Hash: web.HashSecret(value), Username: username, CreatedAt: e.Now, SeenAt: e.Now}); err != nil {
		e.T.Fatal(err)
	}
	b.Cookies[web.SessionCookie] = value
	b.Get("/akun")
	return b
}

package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/skm-engine/skm/survey"
)

// routeAccess is the decision for every route the engine serves. A route registered without an
// entry here fails TestEveryRouteDecidesAccess: add the route with its rule when you add it.
var routeAccess = map[string]access{
	"GET /":                                public,
	"GET /healthz":                         public,
	"GET /readyz":                          public,
	"GET /metrics":                         public,
	"GET /static/*":                        public,
	"GET /api/openapi.yaml":                public,
	"GET /masuk":                           public,
	"POST /masuk":                          public,
	"POST /keluar":                         anyRole,
	"GET /akun":                            anyRole,
	"POST /akun/sandi":                     anyRole,
	"GET /admin":                           adminOnly,
	"GET /admin/pengguna":                  adminOnly,
	"POST /admin/pengguna":                 adminOnly,
	"GET /admin/token":                     adminOnly,
	"POST /admin/token":                    adminOnly,
	"GET /admin/audit":                     adminOnly,
	"POST /admin/pengguna/:username":       adminOnly,
	"POST /admin/pengguna/:username/sandi": adminOnly,
	"POST /admin/token/:id/cabut":          adminOnly,

	"GET /api/v1/units":                                anyRole,
	"POST /api/v1/units":                               adminOnly,
	"GET /api/v1/units/:unit":                          unitRead,
	"PATCH /api/v1/units/:unit":                        adminOnly,
	"GET /api/v1/questionnaires":                       anyRole,
	"POST /api/v1/questionnaires":                      adminOnly,
	"GET /api/v1/questionnaires/:id":                   anyRole,
	"PUT /api/v1/questionnaires/:id":                   adminOnly,
	"GET /api/v1/campaigns":                            anyRole,
	"POST /api/v1/campaigns":                           adminOnly,
	"GET /api/v1/campaigns/:key":                       anyRole,
	"PATCH /api/v1/campaigns/:key":                     adminOnly,
	"POST /api/v1/campaigns/:key/transitions":          adminOnly,
	"GET /api/v1/campaigns/:key/results":               regionRead,
	"GET /api/v1/campaigns/:key/units/:unit/results":   unitRead,
	"GET /api/v1/campaigns/:key/units/:unit/responses": unitOwn,
	"POST /api/v1/campaigns/:key/units/:unit/import":   unitOwn,
	"GET /api/v1/tokens":                               adminOnly,
	"POST /api/v1/tokens":                              adminOnly,
	"DELETE /api/v1/tokens/:id":                        adminOnly,

	"GET /dasbor":                                anyRole,
	"GET /dasbor/unit/:unit":                     unitRead,
	"GET /ekspor/:key/unit/:unit/responses.:ext": unitOwn,
	"GET /ekspor/:key/unit/:unit/:table.:ext":    unitRead,
	"GET /ekspor/:key/responses.:ext":            adminOnly,
	"GET /ekspor/:key/:table.:ext":               regionRead,

	// The resident's survey (resident.go, qr.go): residents never sign in.
	"GET /s/sw.js":                   public,
	"GET /s/:unit":                   public,
	"POST /s/:unit":                  public,
	"GET /s/:unit/terima-kasih":      public,
	"GET /s/:unit/kios":              public,
	"POST /s/:unit/kios":             public,
	"GET /s/:unit/kios/terima-kasih": public,
	"GET /qr/:unit.png":              public,
	"GET /qr/:unit.svg":              public,

	// Closing the loop (case.go). The case routes take a code, not a unit: their handlers answer
	// 404 to anyone the case's unit is not for, as for an unknown code.
	"GET /s/:unit/pengaduan":              public,
	"POST /s/:unit/pengaduan":             public,
	"GET /lacak":                          public,
	"GET /lacak/:code":                    public,
	"GET /pengaduan":                      anyRole,
	"GET /pengaduan/:code":                anyRole,
	"POST /pengaduan/:code/balas":         anyRole,
	"POST /pengaduan/:code/terbitkan":     anyRole,
	"GET /admin/pengaduan":                adminOnly,
	"POST /admin/pengaduan":               adminOnly,
	"GET /rencana/:key/unit/:unit":        unitRead,
	"POST /rencana/:key/unit/:unit":       unitOwn,
	"GET /admin/kampanye":                 adminOnly,
	"POST /admin/kampanye/:key/terbitkan": adminOnly,
	"GET /hasil":                          public,
	"GET /hasil/:key":                     public,
	"GET /hasil/:key/unit/:unit":          public,

	"GET /laporan/:key/unit/:unit.pdf":                  unitRead,
	"GET /laporan/:key/wilayah.pdf":                     regionRead,
	"GET /poster/:unit.pdf":                             anyRole,
	"GET /verifikasi":                                   public,
	"POST /verifikasi":                                  public,
	"GET /api/v1/campaigns/:key/units/:unit/report.pdf": unitRead,
	"GET /api/v1/campaigns/:key/report.pdf":             regionRead,
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
func allowed(rule access, rc roleCase) bool {
	switch rule {
	case public:
		return true
	case anyRole:
		return rc.role != ""
	case regionRead:
		return rc.role == survey.RoleAdmin || rc.role == survey.RoleViewer
	case unitRead:
		return rc.role == survey.RoleAdmin || rc.role == survey.RoleViewer || (rc.role == survey.RoleUnitHead && rc.units[0] == "dpmptsp")
	case unitOwn:
		return rc.role == survey.RoleAdmin || (rc.role == survey.RoleUnitHead && rc.units[0] == "dpmptsp")
	case adminOnly:
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
	e := newTestEnv(t)
	e.seed()
	tokens := map[string]string{}
	for i, rc := range roleCases {
		if rc.role == "" {
			continue
		}
		tokens[rc.name] = e.token(rc.role, rc.units...)
		e.user(fmt.Sprintf("user%d", i), rc.role, rc.units...)
	}
	seen := map[string]bool{}
	for _, r := range e.app.GetRoutes(true) {
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
			status, location := e.probe(r.Method, fillPath(r.Path), rc, tokens[rc.name], fmt.Sprintf("user%d", i))
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

// probe sends one request as the caller and returns the status and redirect target.
func (e *testEnv) probe(method, path string, rc roleCase, token, username string) (int, string) {
	e.t.Helper()
	if strings.HasPrefix(path, "/api/v1/") {
		body := ""
		if method != http.MethodGet && method != http.MethodDelete {
			body = "{}"
		}
		resp, _ := e.api(method, path, token, body)
		return resp.StatusCode, resp.Header.Get("Location")
	}
	b := e.browser()
	b.get("/masuk") // the CSRF cookie and token every form carries
	if rc.role != "" {
		value := "probe-" + newRequestID() + newRequestID()
		if err := e.store.CreateSession(context.Background(), &survey.Session{Hash: hashSecret(value), Username: username, CreatedAt: e.now, SeenAt: e.now}); err != nil {
			e.t.Fatal(err)
		}
		b.cookies[sessionCookie] = value
	}
	var req = httptest.NewRequest(method, path, nil)
	if method != http.MethodGet {
		form := url.Values{csrfField: {b.csrf}}
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, _ := b.send(req)
	return resp.StatusCode, resp.Header.Get("Location")
}

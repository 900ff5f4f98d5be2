package api_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/web/api"

	"github.com/skm-engine/skm/app/apptest"

	"go.yaml.in/yaml/v2"
)

// openAPIDoc is the part of the OpenAPI document the tests check.
type openAPIDoc struct {
	OpenAPI  string                    `yaml:"openapi"`
	Security []map[string][]string     `yaml:"security"`
	Paths    map[string]map[string]any `yaml:"paths"`
	Comps    struct {
		SecuritySchemes map[string]struct {
			Type   string `yaml:"type"`
			Scheme string `yaml:"scheme"`
		} `yaml:"securitySchemes"`
		Schemas map[string]any `yaml:"schemas"`
	} `yaml:"components"`
}

type openAPIOperation struct {
	OperationID string         `yaml:"operationId"`
	Responses   map[string]any `yaml:"responses"`
	RequestBody *struct {
		Content map[string]any `yaml:"content"`
	} `yaml:"requestBody"`
}

var httpMethods = []string{"get", "put", "post", "delete", "patch", "head", "options"}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := yaml.Unmarshal((*api.OpenAPI), &doc); err != nil {
		t.Fatalf("openapi.yaml does not parse: %v", err)
	}
	return doc
}

// operations returns the document's operations by "METHOD /path".
func (doc openAPIDoc) operations(t *testing.T) map[string]openAPIOperation {
	t.Helper()
	ops := map[string]openAPIOperation{}
	for path, item := range doc.Paths {
		for method, v := range item {
			if !slices.Contains(httpMethods, method) {
				continue
			}
			b, err := yaml.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			var op openAPIOperation
			if err := yaml.Unmarshal(b, &op); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			ops[strings.ToUpper(method)+" "+path] = op
		}
	}
	return ops
}

// registeredAPIRoutes returns the registered /api/v1 routes as "METHOD /path/{param}".
func registeredAPIRoutes(t *testing.T) []string {
	t.Helper()
	e := apptest.New(t)
	param := regexp.MustCompile(`:(\w+)`)
	var out []string
	for _, r := range e.App.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == http.MethodHead {
			continue
		}
		out = append(out, r.Method+" "+param.ReplaceAllString(r.Path, "{$1}"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	var documented []string
	for op := range doc.operations(t) {
		documented = append(documented, op)
	}
	slices.Sort(documented)
	registered := registeredAPIRoutes(t)
	if len(registered) < 20 {
		t.Fatalf("only %d /api/v1 routes registered; the route listing is broken: %v", len(registered), registered)
	}
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is registered but missing from app/openapi.yaml", r)
		}
	}
	for _, d := range documented {
		if strings.HasPrefix(d, "GET /api/openapi.yaml") {
			continue
		}
		if !slices.Contains(registered, d) {
			t.Errorf("app/openapi.yaml documents %s, which no route serves", d)
		}
	}
}

func TestOpenAPIOperationsAreComplete(t *testing.T) {
	doc := loadOpenAPI(t)
	if s := doc.Comps.SecuritySchemes["bearerToken"]; s.Type != "http" || s.Scheme != "bearer" {
		t.Errorf("security scheme bearerToken = %+v, want http bearer", s)
	}
	if len(doc.Security) != 1 || doc.Security[0]["bearerToken"] == nil {
		t.Errorf("the document's security = %v, want every operation to need bearerToken", doc.Security)
	}
	ids := map[string]string{}
	for where, op := range doc.operations(t) {
		method, _, _ := strings.Cut(where, " ")
		if op.OperationID == "" {
			t.Errorf("%s has no operationId", where)
		} else if prev, dup := ids[op.OperationID]; dup {
			t.Errorf("%s and %s share operationId %s", where, prev, op.OperationID)
		}
		ids[op.OperationID] = where
		if op.Responses["401"] == nil {
			t.Errorf("%s does not document 401 (no or revoked token)", where)
		}
		if !hasSuccess(op.Responses) {
			t.Errorf("%s documents no 2xx response", where)
		}
		if (method == "POST" || method == "PUT" || method == "PATCH") && op.RequestBody == nil {
			t.Errorf("%s documents no request body", where)
		}
		if op.RequestBody != nil && op.RequestBody.Content["application/json"] != nil && op.Responses["400"] == nil {
			t.Errorf("%s takes JSON but documents no 400", where)
		}
	}
	for _, name := range []string{"Unit", "Questionnaire", "Campaign", "Response", "IKM", "ElementResult", "UnitResult", "RegionResult", "Error", "Token", "CreatedToken"} {
		if doc.Comps.Schemas[name] == nil {
			t.Errorf("schema %s is missing", name)
		}
	}
}

func hasSuccess(responses map[string]any) bool {
	for code := range responses {
		if strings.HasPrefix(code, "2") {
			return true
		}
	}
	return false
}

// TestOpenAPIRefsResolve fails on a $ref that names no component, which a YAML parser accepts.
func TestOpenAPIRefsResolve(t *testing.T) {
	var raw map[string]any
	if err := yaml.Unmarshal((*api.OpenAPI), &raw); err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`\$ref:\s*"?#/components/(\w+)/(\w+)"?`).FindAllSubmatch((*api.OpenAPI), -1)
	if len(refs) == 0 {
		t.Fatal("no $ref found; the pattern is wrong")
	}
	comps, _ := raw["components"].(map[any]any)
	for _, m := range refs {
		kind, _ := comps[string(m[1])].(map[any]any)
		if kind[string(m[2])] == nil {
			t.Errorf("$ref #/components/%s/%s names nothing", m[1], m[2])
		}
	}
}

// TestOpenAPIKeysMatchJSON checks the documented properties of the contract's results against the
// JSON the API writes.
func TestOpenAPIKeysMatchJSON(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token("admin")
	resp, body := e.API("GET", "/api/v1/campaigns/2026-S2/units/dpmptsp/results", admin, "")
	if resp.StatusCode != 200 {
		t.Fatalf("results: %d %s", resp.StatusCode, body)
	}
	for _, key := range []string{"respondents", "elements", "ikm", "score", "grade", "performance", "campaign", "unit",
		"interval", "low", "high", "method", "straddlesBoundary", "adequacy", "population", "target", "reached", "progress", "flagged"} {
		if !strings.Contains(body, `"`+key+`":`) {
			t.Errorf("results JSON lacks key %q: %s", key, body)
		}
		if !bytes.Contains((*api.OpenAPI), []byte(key+":")) {
			t.Errorf("openapi.yaml does not document key %q", key)
		}
	}
}

func TestOpenAPIServed(t *testing.T) {
	e := apptest.New(t)
	resp, body := e.Do(httptest.NewRequest(http.MethodGet, "/api/openapi.yaml", nil))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/openapi.yaml: %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "yaml") {
		t.Errorf("Content-Type = %q, want YAML", ct)
	}
	if body != string((*api.OpenAPI)) {
		t.Error("the served document differs from app/openapi.yaml")
	}
}

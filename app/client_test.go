package app_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
)

// behindProxies is a server behind a trusted load balancer (the in-process test connection's
// address, 0.0.0.0) and the network of its second tier, 10.0.0.0/8.
func behindProxies(t *testing.T, configure func(*config.Config)) *apptest.Env {
	return apptest.NewWith(t, func(c *config.Config) {
		c.Proxies = []string{"0.0.0.0", "10.0.0.0/8"}
		if configure != nil {
			configure(c)
		}
	}, mongo.Options{})
}

// failSignIn sends a wrong password with the X-Forwarded-For the balancers passed on and returns
// the audit log's client hash of the failure.
func failSignIn(e *apptest.Env, name, forwarded string) string {
	e.T.Helper()
	b := e.Browser()
	b.Get("/masuk")
	req := apptest.FormRequest("/masuk", url.Values{"username": {name}, "password": {"wrong password!"}, web.CSRFField: {b.CSRF}})
	req.Header.Set("X-Forwarded-For", forwarded)
	if resp, _ := b.Send(req); resp.StatusCode != http.StatusBadRequest {
		e.T.Fatalf("a wrong password from %s: status %d", forwarded, resp.StatusCode)
	}
	entries, err := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "signin.failed", Actor: "anonymous"})
	if err != nil {
		e.T.Fatal(err)
	}
	for _, en := range entries {
		if en.Target == name {
			return en.Client
		}
	}
	e.T.Fatalf("no audit entry for %s", name)
	return ""
}

// TestClientIsTheRightMostUntrustedAddress shows which address the engine takes for the client
// behind its load balancers: what a client writes at the left of X-Forwarded-For changes
// nothing, the address the balancer saw decides, and an IPv6 client is its /64 network.
func TestClientIsTheRightMostUntrustedAddress(t *testing.T) {
	e := behindProxies(t, nil)
	same := map[string][]string{
		"one client, rotating what it writes first": {"198.51.100.1, 203.0.113.9", "198.51.100.2, 203.0.113.9", "203.0.113.9", "garbage, 203.0.113.9"},
		"one client behind two tiers of balancers":  {"198.51.100.3, 203.0.113.9, 10.1.2.3", "203.0.113.9, 10.9.9.9"},
		"one IPv6 subscriber, rotating in its /64":  {"2001:db8:1:2::1", "2001:db8:1:2:ffff::7", "1.2.3.4, 2001:db8:1:2::9"},
	}
	hashes := map[string]string{}
	n := 0
	for what, forwarded := range same {
		for _, f := range forwarded {
			n++
			h := failSignIn(e, "probe"+strings.Repeat("x", n), f)
			if first, ok := hashes[what]; ok && h != first {
				t.Errorf("%s: %q hashes to %s, the first to %s", what, f, h, first)
			}
			hashes[what] = h
		}
	}
	if len(map[string]bool{hashes["one client, rotating what it writes first"]: true, hashes["one IPv6 subscriber, rotating in its /64"]: true,
		failSignIn(e, "other-v6", "2001:db8:1:3::1"): true, failSignIn(e, "other-v4", "203.0.113.10"): true}) != 4 {
		t.Error("different clients share a hash")
	}
}

// TestForwardedForIsIgnoredWithoutTrustedProxies shows that without SKM_TRUSTED_PROXIES the
// client is the connection's peer, whatever the request says.
func TestForwardedForIsIgnoredWithoutTrustedProxies(t *testing.T) {
	e := apptest.New(t)
	if a, b := failSignIn(e, "one", "198.51.100.1"), failSignIn(e, "two", "198.51.100.2"); a != b {
		t.Errorf("X-Forwarded-For from an untrusted peer changed the client: %s, %s", a, b)
	}
}

// TestRotatingForwardedForDoesNotResetLimits submits the survey past the per-client limit,
// writing a new address at the left of X-Forwarded-For each time: the limit still holds.
func TestRotatingForwardedForDoesNotResetLimits(t *testing.T) {
	e := behindProxies(t, func(c *config.Config) { c.SubmitLimit = 2 })
	e.Seed()
	var last int
	for i := range 3 {
		b := e.Browser()
		_, body := b.Get("/s/dpmptsp")
		req := apptest.FormRequest("/s/dpmptsp", apptest.Filled(t, body))
		req.Header.Set("X-Forwarded-For", "198.51.100."+string(rune('1'+i))+", 203.0.113.9")
		resp, _ := b.Send(req)
		last = resp.StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("third submission in a minute with a new first address: status %d, want 429", last)
	}
}

// TestOneFunctionNamesTheClient keeps every limit, the audit log and the request log on the one
// function that names the client: no code outside app/web/client.go asks Fiber or fasthttp for
// an address itself.
func TestOneFunctionNamesTheClient(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == filepath.Join("web", "client.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "IP", "IPs", "RemoteIP", "RemoteAddr":
					t.Errorf("%s calls %s: name the client with the kernel's ClientHash", path, sel.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

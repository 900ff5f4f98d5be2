package app_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/survey/mongo"
)

const metricsToken = "scraper-token-0123456789abcdef0123456789"

// metrics reads /metrics with the bearer token given.
func metrics(e *apptest.Env, token string) (*http.Response, string) {
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.Do(req)
}

// TestMetricsAfterVariedTraffic sends requests of every method to routes that exist and routes
// that do not, then reads the metrics: they are served, and each route is one series however many
// addresses were asked for.
func TestMetricsAfterVariedTraffic(t *testing.T) {
	e := apptest.NewWith(t, func(c *config.Config) { c.MetricsToken = metricsToken }, mongo.Options{})
	e.Seed()
	for i := range 300 {
		method := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions}[i%6]
		path := []string{"/", "/s/dpmptsp", "/masuk", "/no-such-page-" + strings.Repeat("x", i%17), "/api/v1/units", "/hasil"}[i%6]
		e.Do(httptest.NewRequest(method, path, nil))
	}
	resp, body := metrics(e, metricsToken)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("metrics after varied traffic: status %d %.300s", resp.StatusCode, body)
	}
	for _, want := range []string{`route="/s/:unit"`, `route="unmatched"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the metrics lack %s", want)
		}
	}
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "skm_http_requests_total{") && strings.Contains(line, "no-such-page") {
			t.Errorf("an unknown address became a series: %s", line)
		}
	}
}

// TestMetricsNeedTheirToken shows the metrics only to a scraper with SKM_METRICS_TOKEN, and to
// nobody when none is configured.
func TestMetricsNeedTheirToken(t *testing.T) {
	e := apptest.NewWith(t, func(c *config.Config) { c.MetricsToken = metricsToken }, mongo.Options{})
	for token, want := range map[string]int{"": http.StatusUnauthorized, "guess": http.StatusUnauthorized, metricsToken: http.StatusOK} {
		if resp, body := metrics(e, token); resp.StatusCode != want || (want == http.StatusOK) != strings.Contains(body, "go_goroutines") {
			t.Errorf("metrics with token %q: status %d, want %d", token, resp.StatusCode, want)
		}
	}
	e = apptest.New(t)
	if resp, _ := metrics(e, metricsToken); resp.StatusCode != http.StatusNotFound {
		t.Errorf("metrics without a configured token: status %d, want 404", resp.StatusCode)
	}
}

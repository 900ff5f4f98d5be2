package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey/mongo"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey/surveytest"
)

// TestStoreOutageAtTheCounter cuts the store away while a resident submits: the survey answers
// 503 with Retry-After and keeps what was typed, readiness goes red, and when the store returns
// everything works again by itself, with nothing acknowledged lost.
func TestStoreOutageAtTheCounter(t *testing.T) {
	proxy := surveytest.MustStartProxy(t)
	db := proxy.MustOpenDatabase(t)
	store := surveytest.MustOpenStoreOn(t, db, mongo.Options{StaleClaimAfter: 2 * time.Second, BatchTimeout: 3 * time.Second})
	e := apptest.NewOn(t, store)
	c := e.Seed()

	b := e.Browser()
	_, page := b.Get("/s/dpmptsp")
	first := apptest.Filled(t, page)
	e.Now = e.Now.Add(time.Minute)
	if resp, _ := b.Post("/s/dpmptsp", first); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit before the outage: %d", resp.StatusCode)
	}

	other := e.Browser()
	_, page = other.Get("/s/dpmptsp")
	second := apptest.Filled(t, page)
	second.Set("suggestion", "Saran yang tidak boleh hilang")
	proxy.Cut()
	resp, body := other.Post("/s/dpmptsp", second)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("submit during the outage: %d, Retry-After %q: %.3000s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if !strings.Contains(body, "Saran yang tidak boleh hilang") {
		t.Error("the page lost what the resident typed")
	}
	if resp, _ := e.Do(httpGet("/readyz")); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readiness during the outage: %d", resp.StatusCode)
	}
	if resp, _ := e.Do(httpGet("/healthz")); resp.StatusCode != http.StatusOK {
		t.Errorf("liveness during the outage: %d", resp.StatusCode)
	}

	proxy.Restore()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if resp, _ := e.Do(httpGet("/readyz")); resp.StatusCode == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("readiness did not recover")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The resident's page resends the same form (same key), as the script does.
	if resp, _ := other.Post("/s/dpmptsp", second); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resend after the store returned: %d", resp.StatusCode)
	}
	for _, key := range []string{first.Get("key"), second.Get("key")} {
		if _, err := store.Response(context.Background(), key); err != nil {
			t.Errorf("response %s: %v", key, err)
		}
	}
	var diff []string
	var err error
	for time.Now().Before(deadline) {
		if diff, err = store.Verify(context.Background(), c.Key); err == nil && len(diff) == 0 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil || len(diff) > 0 {
		t.Errorf("verify after the outage: %v %v", err, diff)
	}
}

func httpGet(path string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	return req
}

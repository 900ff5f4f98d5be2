package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/embedded"
)

// TestTwoInstancesOneStore runs two servers on one store, as two instances behind a load
// balancer: the second reaches the first's embedded store through its socket, with its key. Both take submissions at
// once, a session started on one works on the other, and the tallies equal a recount.
func TestTwoInstancesOneStore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the skm binary; skipped in -short")
	}
	dir := t.TempDir()
	a := startSKM(t, "--demo", "--data-dir", dir, "--submit-limit", "0")
	uri, err := embedded.SocketURI(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := startSKM(t, "--mongodb-uri", uri, "--key-file", filepath.Join(dir, "skm.key"), "--submit-limit", "0")

	// A session started on one instance serves the other: sessions live in the store.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	_, page, _, err := apptest.Fetch(context.Background(), client, http.MethodGet, a.base+"/masuk", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := apptest.CSRFInput.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the sign-in page")
	}
	form := url.Values{"username": {app.FirstAdmin}, "password": {apptest.Password}, web.CSRFField: {m[1]}}
	status, _, _, err := apptest.Fetch(context.Background(), client, http.MethodPost, a.base+"/masuk", strings.NewReader(form.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if err != nil || status != http.StatusSeeOther {
		t.Fatalf("sign in on instance A: %d %v", status, err)
	}
	status, body, _, err := apptest.Fetch(context.Background(), client, http.MethodGet, b.base+"/akun", nil, nil)
	if err != nil || status != http.StatusOK || !strings.Contains(body, app.FirstAdmin) {
		t.Errorf("the session of instance A on instance B: %d %v", status, err)
	}

	ctx, stop := context.WithTimeout(context.Background(), 3*time.Second)
	defer stop()
	subA, subB := newSubmitter(a.base, "dpmptsp"), newSubmitter(b.base, "dpmptsp")
	wa, wb := subA.run(ctx, 6), subB.run(ctx, 6)
	wa.Wait()
	wb.Wait()
	if len(subA.keys()) == 0 || len(subB.keys()) == 0 {
		t.Fatalf("submissions: A %d (%v), B %d (%v)", len(subA.keys()), subA.failures, len(subB.keys()), subB.failures)
	}

	db, err := app.OpenDatabase(context.Background(), config.Config{MongoURI: uri, Database: "skm"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, key := range append(subA.keys(), subB.keys()...) {
		if _, err := db.Store.Response(context.Background(), key); err != nil {
			t.Errorf("acknowledged response %s: %v", key, err)
		}
	}
	open, _ := db.Store.Campaigns(context.Background(), survey.CampaignFilter{State: survey.StateOpen})
	out, code := execSKM(t, "verify", "--mongodb-uri", uri, open[0].Key)
	if code != 0 {
		t.Errorf("skm verify across both instances' writes: exit %d\n%s", code, out)
	}
	t.Logf("instance A acknowledged %d (failures %v), instance B %d (failures %v); %s", len(subA.keys()), subA.failures, len(subB.keys()), subB.failures, strings.TrimSpace(out))
	if code := b.term(); code != 0 {
		t.Errorf("instance B exited %d", code)
	}
	if code := a.term(); code != 0 {
		t.Errorf("instance A exited %d", code)
	}
}

package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
)

const hookSecret = "webhook-secret-0123456789abcdef-0123456789"

// signedRequest is what a webhook receiver got, whole.
type signedRequest struct {
	header http.Header
	body   []byte
}

// TestNotificationsCarryNoTrackingCode files a complaint and lets the notifier tell its unit by
// email and by webhook: a tracking code is the resident's secret, so neither the mail nor the
// webhook (body or headers) carries it; the webhook is signed with the shared secret over its
// timestamp and body, and a receiver can check it.
func TestNotificationsCarryNoTrackingCode(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	ctx := context.Background()
	region, _ := e.Store.Region(ctx)
	region.CaseContacts = map[string][]string{"dpmptsp": {"pengaduan@dpmptsp.go.id"}}
	if err := e.Store.SaveRegion(ctx, region); err != nil {
		t.Fatal(err)
	}
	e.Restart()
	var mu sync.Mutex
	var got []signedRequest
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, signedRequest{r.Header.Clone(), b})
		mu.Unlock()
	}))
	defer hook.Close()
	mail := apptest.NewMailSink(t)
	cfg := e.Config
	cfg.Notify = config.Notify{SMTPAddr: mail.Addr(), SMTPFrom: "skm@banyuwangikab.go.id", WebhookURL: hook.URL, WebhookSecret: hookSecret}
	n, err := New(cfg, e.Store, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return e.Now })
	if err != nil {
		t.Fatal(err)
	}
	code := e.Browser().FileComplaint("dpmptsp", "Petugas meminta uang.")
	if err := n.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if err := n.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	plain := strings.ReplaceAll(code, "-", "")
	mails := mail.Mails()
	if len(mails) != 1 || len(got) != 1 {
		t.Fatalf("%d mails, %d webhook requests; want one each", len(mails), len(got))
	}
	if m := mails[0].Data; strings.Contains(m, code) || strings.Contains(m, plain) || !strings.Contains(m, "http://skm.test/pengaduan") {
		t.Errorf("the mail carries the tracking code or no link to the desk:\n%s", m)
	}
	req := got[0]
	for k, v := range req.header {
		if strings.Contains(strings.Join(v, " "), code) || strings.Contains(strings.Join(v, " "), plain) {
			t.Errorf("the webhook header %s carries the tracking code", k)
		}
	}
	if strings.Contains(string(req.body), code) || strings.Contains(string(req.body), plain) {
		t.Errorf("the webhook body carries the tracking code: %s", req.body)
	}
	ts := req.header.Get("X-SKM-Timestamp")
	if at, err := strconv.ParseInt(ts, 10, 64); err != nil || at != e.Now.Unix() {
		t.Errorf("X-SKM-Timestamp %q, want the sending time %d", ts, e.Now.Unix())
	}
	m := hmac.New(sha256.New, []byte(hookSecret))
	m.Write([]byte(ts + "." + string(req.body)))
	if want := "sha256=" + hex.EncodeToString(m.Sum(nil)); req.header.Get("X-SKM-Signature") != want {
		t.Errorf("X-SKM-Signature %q, want %q", req.header.Get("X-SKM-Signature"), want)
	}
}

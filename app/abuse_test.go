package app_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"
)

// TestAbuseFigures measures, on the skm binary, what docs/RELIABILITY.md reports of the abuse
// review's attacks: the server's memory while 50 connections each announce an 8 MB body and send
// 100 bytes, to a form, to the public upload and to the API's upload without a token; and how
// many of 40 wrong passwords for one account, sent at once from one client, are checked. It
// prints figures and asserts only what the engine promises (no attempt past the limit is checked,
// the server still answers). Run it with SKM_ABUSE_FIGURES=1.
func TestAbuseFigures(t *testing.T) {
	if os.Getenv("SKM_ABUSE_FIGURES") == "" {
		t.Skip("measures the abuse figures of docs/RELIABILITY.md; set SKM_ABUSE_FIGURES=1")
	}
	p := startSKM(t, "--demo", "--data-dir", t.TempDir())
	pid := p.cmd.Process.Pid
	addr := strings.TrimPrefix(p.base, "http://")
	for _, target := range []struct{ name, head string }{
		{"POST /masuk (a form)", "POST /masuk HTTP/1.1\r\nHost: skm\r\nContent-Type: application/x-www-form-urlencoded"},
		{"POST /verifikasi (the public upload)", "POST /verifikasi HTTP/1.1\r\nHost: skm\r\nContent-Type: multipart/form-data; boundary=x"},
		{"POST /api/v1/…/import without a token", "POST /api/v1/campaigns/2026-S2/units/dpmptsp/import HTTP/1.1\r\nHost: skm\r\nContent-Type: text/csv"},
	} {
		before := rssKB(t, pid)
		conns := make([]net.Conn, 0, 50)
		for range 50 {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(c, "%s\r\nContent-Length: 8000000\r\n\r\n%s", target.head, strings.Repeat("x", 100))
			conns = append(conns, c)
		}
		time.Sleep(3 * time.Second) // the server reads what arrived; this is a measurement, not a check
		during := rssKB(t, pid)
		t.Logf("%s: RSS %d MB before, %d MB with 50 slow 8 MB bodies (growth %+d MB); after 3 s %v",
			target.name, before>>10, during>>10, (during-before)>>10, answers(conns, time.Now().Add(100*time.Millisecond)))
		// The read timeout ends a body that does not come: wait for it, then see who is left.
		t.Logf("%s: 25 s later %v", target.name, answers(conns, time.Now().Add(25*time.Second)))
	}

	start := time.Now()
	statuses := apptest.AtOnce(40, func() int { return signInOnce(t, p.base, app.FirstAdmin, "wrong password!") })
	t.Logf("40 parallel wrong passwords for %s from one client in %v: %d checked (400), %d refused unchecked (429), other %v",
		app.FirstAdmin, time.Since(start).Round(10*time.Millisecond), statuses[http.StatusBadRequest], statuses[http.StatusTooManyRequests], statuses)
	if statuses[http.StatusBadRequest] > 5 {
		t.Errorf("%d wrong passwords were checked, past the limit of 5", statuses[http.StatusBadRequest])
	}
	if resp, err := http.Get(p.base + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("the server after the attacks: %v %v", resp, err)
	}
}

// answers reads, until the deadline, the status line each connection was answered with, and
// closes them.
func answers(conns []net.Conn, deadline time.Time) map[string]int {
	out := map[string]int{}
	for _, c := range conns {
		_ = c.SetReadDeadline(deadline)
		line := make([]byte, 12)
		n, err := io.ReadFull(c, line)
		switch {
		case n == len(line):
			out[strings.TrimSpace(string(line[9:]))]++
		case err != nil && n == 0 && !os.IsTimeout(err):
			out["closed"]++
		default:
			out["still reading"]++
		}
	}
	return out
}

// signInOnce fetches the sign-in form and posts the name and password, returning the status.
func signInOnce(t *testing.T, base, username, password string) int {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	_, page, _, err := apptest.Fetch(context.Background(), client, http.MethodGet, base+"/masuk", nil, nil)
	if err != nil {
		t.Error(err)
		return 0
	}
	m := apptest.CSRFInput.FindStringSubmatch(page)
	if m == nil {
		t.Error("no CSRF token on the sign-in page")
		return 0
	}
	form := url.Values{"username": {username}, "password": {password}, web.CSRFField: {m[1]}}
	status, _, _, err := apptest.Fetch(context.Background(), client, http.MethodPost, base+"/masuk", strings.NewReader(form.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if err != nil {
		t.Error(err)
	}
	return status
}

// rssKB returns the resident memory of the process, in kilobytes.
func rssKB(t *testing.T, pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

package app_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
)

// rawRequest sends a request by hand on a new connection: the head (request line and headers,
// without the blank line) and as much of the body as given; with closeWrite the client then says
// it sends nothing more. It returns the response, read whole.
func rawRequest(t *testing.T, base, head string, body []byte, closeWrite bool) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, head+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	_, _ = conn.Write(body)
	if closeWrite {
		_ = conn.(*net.TCPConn).CloseWrite()
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s: %v", strings.SplitN(head, "\r\n", 2)[0], err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// staffHead is a request's head as an administrator sends it: signed in and with an API token.
func staffHead(e *apptest.Env, method, path string, headers ...string) string {
	e.T.Helper()
	admin := e.SignedIn(fmt.Sprintf("admin%d", probes.Add(1)), survey.RoleAdmin)
	lines := append([]string{method + " " + path + " HTTP/1.1", "Host: skm.test",
		"Cookie: " + web.SessionCookie + "=" + admin.Cookies[web.SessionCookie],
		"Authorization: Bearer " + e.Token(survey.RoleAdmin)}, headers...)
	return strings.Join(lines, "\r\n")
}

// TestEveryRouteRefusesABodyOverItsLimit announces, on every route, a body one byte larger than
// the route reads, as an administrator whom every rule lets through: each is refused with 413
// before its body arrives. A chunked body, which announces no length, is cut at the limit too.
func TestEveryRouteRefusesABodyOverItsLimit(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	base := e.Listen()
	uploads := 0
	for _, r := range e.Kernel.Routes() {
		path := fillPath(r.Path)
		if r.Limit > web.FormLimit {
			uploads++
		}
		head := staffHead(e, r.Method, path, "Content-Type: application/octet-stream", fmt.Sprintf("Content-Length: %d", r.Limit+1))
		if resp, body := rawRequest(t, base, head, []byte("partial"), true); resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s %s with %d bytes announced (limit %d): status %d %.200s", r.Method, r.Path, r.Limit+1, r.Limit, resp.StatusCode, body)
		}
		chunked := chunks(r.Limit + 1)
		head = staffHead(e, r.Method, path, "Content-Type: application/octet-stream", "Transfer-Encoding: chunked")
		if resp, _ := rawRequest(t, base, head, chunked, true); resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s %s with %d bytes chunked (limit %d): status %d", r.Method, r.Path, r.Limit+1, r.Limit, resp.StatusCode)
		}
	}
	if uploads == 0 {
		t.Error("no route takes uploads (the test would prove nothing for them)")
	}
}

// chunks is n bytes in the chunked transfer coding, in chunks of 32 KiB.
func chunks(n int) []byte {
	var b bytes.Buffer
	for n > 0 {
		size := min(n, 32<<10)
		fmt.Fprintf(&b, "%x\r\n%s\r\n", size, strings.Repeat("a", size))
		n -= size
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// TestOnlyUploadRoutesTakeLargeBodies keeps large bodies to the routes that take a file: every
// other route reads at most web.FormLimit, and an upload route open to everyone counts each
// client's uploads before reading any.
func TestOnlyUploadRoutesTakeLargeBodies(t *testing.T) {
	e := apptest.New(t)
	uploads := map[string]web.Access{
		"POST /verifikasi": web.Public,
		"POST /api/v1/campaigns/:key/units/:unit/import": web.UnitOwn,
		"POST /admin/wilayah":                            web.AdminOnly,
		"POST /admin/unit/impor":                         web.AdminOnly,
		"POST /admin/kampanye/:key/unit/:unit/impor":     web.UnitOwn,
	}
	for _, r := range e.Kernel.Routes() {
		key := r.Method + " " + r.Path
		rule, upload := uploads[key]
		switch {
		case upload && r.Limit <= web.FormLimit:
			t.Errorf("%s reads up to %d bytes, no more than a form", key, r.Limit)
		case upload && r.Rule != rule:
			t.Errorf("%s is registered as %s, want %s", key, r.Rule, rule)
		case !upload && r.Limit != web.FormLimit:
			t.Errorf("%s reads up to %d bytes; only the upload routes listed here take more than %d", key, r.Limit, web.FormLimit)
		}
	}
}

// TestPublicUploadsAreCountedBeforeTheyAreRead sends the public verification upload more times
// than a client may: past the count each is refused with 429 before its body is read.
func TestPublicUploadsAreCountedBeforeTheyAreRead(t *testing.T) {
	e := apptest.New(t)
	base := e.Listen()
	head := fmt.Sprintf("POST /verifikasi HTTP/1.1\r\nHost: skm.test\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d", e.Config.BodyLimit)
	refused := 0
	for range web.PublicUploads + 1 {
		if resp, _ := rawRequest(t, base, head, []byte("--x"), true); resp.StatusCode == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused != 1 {
		t.Errorf("%d of %d uploads refused, want the one past the limit", refused, web.PublicUploads+1)
	}
}

// TestCompressedBodiesAreRefused sends a small gzip body that inflates to 64 MiB: Fiber would
// inflate it without bound when a handler reads the body, so every route refuses compressed
// bodies.
func TestCompressedBodiesAreRefused(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	base := e.Listen()
	var bomb bytes.Buffer
	z, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	_, _ = z.Write(make([]byte, 64<<20))
	_ = z.Close()
	head := staffHead(e, http.MethodPost, "/api/v1/units", "Content-Type: application/json", "Content-Encoding: gzip",
		fmt.Sprintf("Content-Length: %d", bomb.Len()))
	resp, body := rawRequest(t, base, head, bomb.Bytes(), false)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "compressed") {
		t.Errorf("a gzip body: status %d %.300s", resp.StatusCode, body)
	}
}

// TestClientConnectionsAreCapped opens as many idle connections as one client may hold: the next
// is closed at once, and a connection freed makes room again. Trusted proxies are not capped.
func TestClientConnectionsAreCapped(t *testing.T) {
	const allowed = 4
	for _, proxy := range []bool{false, true} {
		e := apptest.NewWith(t, func(c *config.Config) {
			c.ClientConns = allowed
			if proxy {
				c.Proxies = []string{"127.0.0.1"}
			}
		}, mongo.Options{})
		base := strings.TrimPrefix(e.Listen(), "http://")
		var held []net.Conn
		for range allowed {
			conn, err := net.Dial("tcp", base)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			held = append(held, conn)
		}
		// Each held connection answers, so the server has counted all of them.
		for _, conn := range held {
			if status := ask(t, conn); status != http.StatusOK {
				t.Fatalf("a connection within the cap: status %d", status)
			}
		}
		extra, err := net.Dial("tcp", base)
		if err != nil {
			t.Fatal(err)
		}
		defer extra.Close()
		status := ask(t, extra)
		if !proxy && status != 0 {
			t.Errorf("connection %d of one client: status %d, want it closed unanswered", allowed+1, status)
		}
		if proxy && status != http.StatusOK {
			t.Errorf("connection %d of a trusted proxy: status %d", allowed+1, status)
		}
		if proxy {
			continue
		}
		// The server learns of the close when it reads from the connection: ask until it has.
		held[0].Close()
		freed := false
		for i := 0; i < 1000 && !freed; i++ {
			again, err := net.Dial("tcp", base)
			if err != nil {
				t.Fatal(err)
			}
			freed = ask(t, again) == http.StatusOK
			again.Close()
		}
		if !freed {
			t.Error("a connection closed does not make room for another")
		}
	}
}

// ask sends GET /healthz on the connection and returns the status, 0 when the server closed it.
func ask(t *testing.T, conn net.Conn) int {
	t.Helper()
	if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: skm.test\r\n\r\n"); err != nil {
		return 0
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestUnreadableRequestsGetTheEnginesErrorPage sends requests the HTTP layer cannot read: each is
// answered by the engine's error page with the headers every answer carries and a request code,
// sets no cookie, and repeats nothing of what was sent.
func TestUnreadableRequestsGetTheEnginesErrorPage(t *testing.T) {
	e := apptest.New(t)
	base := strings.TrimPrefix(e.Listen(), "http://")
	const secret = "SECRETSESSIONVALUE"
	for status, raw := range map[int]string{
		http.StatusRequestHeaderFieldsTooLarge: "GET / HTTP/1.1\r\nHost: skm.test\r\nCookie: skm_session=" + secret + "; big=" + strings.Repeat("a", 9000) + "\r\n\r\n",
		http.StatusBadRequest:                  "GARBAGE " + secret + "\r\nCookie: skm_session=" + secret + "\r\n\r\n",
		http.StatusBadRequest + 1000:           "POST /masuk HTTP/1.1\r\nHost: skm.test\r\nCookie: skm_session=" + secret + "\r\nContent-Length: " + secret + "\r\n\r\n",
	} {
		conn, err := net.Dial("tcp", base)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(conn, raw)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%.30q: %v", raw, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if want := status % 1000; resp.StatusCode != want {
			t.Errorf("%.30q: status %d, want %d", raw, resp.StatusCode, want)
		}
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "X-Request-Id"} {
			if resp.Header.Get(h) == "" {
				t.Errorf("%.30q: no %s", raw, h)
			}
		}
		if len(resp.Cookies()) > 0 {
			t.Errorf("%.30q: sets cookies %v", raw, resp.Cookies())
		}
		if strings.Contains(string(body), secret) || strings.Contains(string(body), "GARBAGE") {
			t.Errorf("%.30q: the answer repeats the request", raw)
		}
		if !strings.Contains(string(body), resp.Header.Get("X-Request-Id")) {
			t.Errorf("%.30q: the page does not show its request code", raw)
		}
	}
}

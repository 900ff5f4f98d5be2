package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is an output a running command writes to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitOutput waits until the output matches the pattern and returns the match.
func waitOutput(t *testing.T, out *syncBuffer, pattern string) []string {
	t.Helper()
	re := regexp.MustCompile(pattern)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the output never matched %q:\n%s", pattern, out.String())
	return nil
}

// server is `skm serve` running in this process.
type server struct {
	base   string
	stdout *syncBuffer
	stderr *syncBuffer
	exit   chan int
}

// startServe runs `skm serve` on a free loopback port with the data directory, and returns once
// it says where it serves.
func startServe(t *testing.T, env map[string]string) *server {
	t.Helper()
	s := &server{stdout: &syncBuffer{}, stderr: &syncBuffer{}, exit: make(chan int, 1)}
	go func() {
		s.exit <- Main([]string{"serve", "--addr", "127.0.0.1:0", "--shutdown-timeout", "30s"},
			&Env{Getenv: func(k string) string { return env[k] }, Stdout: s.stdout, Stderr: s.stderr})
	}()
	s.base = waitOutput(t, s.stdout, `SKM engine serving on (http://127\.0\.0\.1:\d+) \(`)[1]
	return s
}

// terminate sends SIGTERM to this process, as a service manager stops the engine. The test
// listens for it too, so that it never falls to the default action of killing the test binary.
func terminate(t *testing.T) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
}

func (s *server) wait(t *testing.T) int {
	t.Helper()
	select {
	case code := <-s.exit:
		return code
	case <-time.After(60 * time.Second):
		t.Fatalf("skm serve did not stop after SIGTERM:\n%s", s.stderr.String())
		return -1
	}
}

func (s *server) request(t *testing.T, method, path, token, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the engine with its embedded store")
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGTERM)
	defer signal.Stop(sigs)

	dir := t.TempDir()
	env := map[string]string{"SKM_DATA_DIR": dir, "SKM_LOG_FORMAT": "json"}
	srv := startServe(t, env)

	// Start-up says where it serves, which store is in use and, on first run, how to sign in.
	out := srv.stdout.String()
	if !strings.Contains(out, "(embedded store in "+dir) {
		t.Errorf("start-up does not name the store:\n%s", out)
	}
	m := regexp.MustCompile(`First run: sign in at (\S+)/masuk as "admin" with password (\S+)\n`).FindStringSubmatch(out)
	if m == nil || len(m[2]) < 12 {
		t.Errorf("start-up does not print the first administrator's password:\n%s", out)
	}

	for path, want := range map[string]string{"/healthz": "ok\n", "/readyz": "ready\n"} {
		if code, body := srv.request(t, "GET", path, "", "", ""); code != 200 || body != want {
			t.Errorf("GET %s = %d %q, want 200 %q", path, code, body, want)
		}
	}

	// Commands reach the running server's store: the embedded store's files are locked by it.
	code, stdout, stderr := runSKM(t, env, "token", "create", "--name", "serve test", "--role", "admin")
	if code != 0 {
		t.Fatalf("skm token create while serving: exit %d: %s", code, stderr)
	}
	token := strings.TrimSpace(stdout[strings.LastIndex(strings.TrimSpace(stdout), "\n")+1:])
	for _, step := range []struct{ method, path, body string }{
		{"POST", "/api/v1/units", `{"slug":"dpmptsp","name":{"id":"DPMPTSP"},"active":true}`},
		{"POST", "/api/v1/questionnaires", `{}`},
		{"POST", "/api/v1/campaigns", `{"key":"2026-S2","questionnaire":"v1","units":[{"unit":"dpmptsp","population":100}]}`},
	} {
		if code, body := srv.request(t, step.method, step.path, token, "application/json", step.body); code != 201 {
			t.Fatalf("%s %s with the token made by skm token: %d %s", step.method, step.path, code, body)
		}
	}
	code, stdout, stderr = runSKM(t, env, "verify")
	if code != 0 || !strings.Contains(stdout, "2026-S2: tallies equal a recount of 0 responses") {
		t.Errorf("skm verify while serving: exit %d\n%s%s", code, stdout, stderr)
	}

	// A request in flight when SIGTERM arrives finishes. Expect: 100-continue shows when the
	// server has read the request's header, so the signal comes while it waits for the body.
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	file := "U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + strings.Repeat("4,4,4,4,4,4,4,4,3\n", 3)
	fmt.Fprintf(conn, "POST /api/v1/campaigns/2026-S2/units/dpmptsp/import HTTP/1.1\r\nHost: skm\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: text/csv\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", token, len(file))
	r := bufio.NewReader(conn)
	if line, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "HTTP/1.1 100 Continue") {
		t.Fatalf("no 100 Continue: %q, %v", line, err)
	}
	if _, err := r.ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	terminate(t)
	// The listener closes first; then the body arrives and the request completes.
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.Dial("tcp", strings.TrimPrefix(srv.base, "http://"))
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections after SIGTERM")
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case code := <-srv.exit:
		t.Fatalf("skm serve exited %d with a request in flight", code)
	default:
	}
	io.WriteString(conn, file)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatalf("the in-flight request got no response: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"stored":3`) {
		t.Errorf("the in-flight import = %d %s, want 3 rows stored", resp.StatusCode, body)
	}
	if code := srv.wait(t); code != 0 {
		t.Errorf("skm serve exited %d after SIGTERM, want 0:\n%s", code, srv.stderr.String())
	}

	// One structured log line per request, with its id.
	var logged int
	for _, line := range strings.Split(srv.stderr.String(), "\n") {
		var entry struct {
			Msg, ID, Path string
			Status        int
		}
		if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "request" {
			logged++
			if entry.ID == "" || entry.Path == "" || entry.Status == 0 {
				t.Errorf("a request log line lacks its id, path or status: %s", line)
			}
		}
	}
	if logged < 6 {
		t.Errorf("%d request log lines, want one per request (6):\n%s", logged, srv.stderr.String())
	}

	// The store was closed cleanly: a command now opens the files itself, and the import is there.
	code, stdout, stderr = runSKM(t, env, "verify")
	if code != 0 || !strings.Contains(stdout, "2026-S2: tallies equal a recount of 3 responses") {
		t.Errorf("skm verify after the server stopped: exit %d\n%s%s", code, stdout, stderr)
	}

	// A second start is not a first run: no password is printed.
	srv = startServe(t, env)
	if out := srv.stdout.String(); strings.Contains(out, "First run") {
		t.Errorf("the second start printed a first-run message:\n%s", out)
	}
	terminate(t)
	if code := srv.wait(t); code != 0 {
		t.Errorf("the second server exited %d", code)
	}
}

func TestServeStopsOnBadConfig(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runSKM(t, map[string]string{"SKM_DATA_DIR": dir, "SKM_LOG_FORMAT": "yaml"}, "serve", "--addr", "127.0.0.1:0")
	if code != 1 || stdout != "" || !strings.Contains(stderr, `SKM_LOG_FORMAT "yaml" must be text or json`) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 naming SKM_LOG_FORMAT", code, stdout, stderr)
	}
	code, _, stderr = runSKM(t, nil, "serve", "-h")
	if code != 0 || !strings.Contains(stderr, "SKM_DATA_DIR") {
		t.Errorf("serve -h: exit %d, stderr %q; want the flags with their variables", code, stderr)
	}
}

package app_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web/link"
)

// These helpers run the real skm binary, for what only a process shows: SIGKILL, SIGTERM, two
// instances on one store.

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// skmBinary builds the skm command once per test run and returns its path.
func skmBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "skm-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "skm")
		out, err := exec.Command("go", "build", "-o", binary, "github.com/skm-engine/skm").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// process is a running skm server.
type process struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string
	out  *lockedBuffer
	done chan struct{}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// freeAddr returns a loopback address nobody listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startSKM runs `skm serve` with the arguments on a free loopback port and waits until it is ready.
func startSKM(t *testing.T, args ...string) *process {
	t.Helper()
	return startSKMWith(t, nil, args...)
}

// startSKMWith runs `skm serve` as startSKM does, with more environment variables.
func startSKMWith(t *testing.T, env []string, args ...string) *process {
	t.Helper()
	addr := freeAddr(t)
	for i, a := range args { // an address given is kept, as a restart on the same address needs
		if a == "--addr" && i+1 < len(args) {
			addr = args[i+1]
		}
	}
	cmd := exec.Command(skmBinary(t), append([]string{"serve", "--addr", addr, "--log-level", "warn", "--shutdown-timeout", "10s"}, args...)...)
	cmd.Env = append(append(os.Environ(), "SKM_ADMIN_PASSWORD="+apptest.Password), env...)
	p := &process{t: t, cmd: cmd, base: "http://" + addr, out: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() { p.kill() })
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			t.Fatalf("skm exited before it was ready:\n%s", p.out)
		default:
		}
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("skm not ready after 90 s:\n%s", p.out)
	return nil
}

// kill stops the process at once, as a power cut or the OOM killer would.
func (p *process) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Kill()
	<-p.done
}

// term asks the process to stop and returns its exit status.
func (p *process) term() int {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		p.t.Fatalf("skm did not stop within 60 s of SIGTERM:\n%s", p.out)
	}
	return p.cmd.ProcessState.ExitCode()
}

// waitOutput waits until the process has printed s, and reports whether it did in time.
func (p *process) waitOutput(s string, within time.Duration) bool {
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(p.out.String(), s) {
			return true
		}
	}
	return false
}

// execSKM runs the skm binary to completion and returns its output and exit status.
func execSKM(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(skmBinary(t), args...)
	out, err := cmd.CombinedOutput()
	if err != nil && cmd.ProcessState == nil {
		t.Fatal(err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}

// The parts of a survey page a phone fills in: the hidden fields, the first answer of each
// element, the services.
var (
	hiddenInput  = regexp.MustCompile(`<input type="hidden" name="(_csrf|key|t)" value="([^"]*)"`)
	elementRadio = regexp.MustCompile(`name="(U[0-9]+)" id="U[0-9]+-1"`)
	serviceValue = regexp.MustCompile(`<option value="([a-z0-9-]+)"`)
)

// submitter plays residents answering a unit's survey on a server, recording the submission
// keys whose POST the server acknowledged (303) and the failures by kind.
type submitter struct {
	base, unit string
	mu         sync.Mutex
	acked      []string
	failures   map[string]int
}

func newSubmitter(base, unit string) *submitter {
	return &submitter{base: base, unit: unit, failures: map[string]int{}}
}

// run submits from n clients until ctx ends.
func (s *submitter) run(ctx context.Context, n int) *sync.WaitGroup {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; ctx.Err() == nil; j++ {
				s.once(ctx, i*1_000_000+j)
			}
		}(i)
	}
	return &wg
}

func (s *submitter) fail(kind string) {
	s.mu.Lock()
	s.failures[kind]++
	s.mu.Unlock()
}

// once fetches the form and posts a complete answer, as a phone does.
func (s *submitter) once(ctx context.Context, seed int) {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	status, body, _, err := apptest.Fetch(ctx, client, http.MethodGet, s.base+link.Survey(s.unit), nil, nil)
	if err != nil || status != http.StatusOK {
		s.fail(failureKind("form", status, err))
		if err != nil {
			time.Sleep(20 * time.Millisecond) // the server is down: do not spin
		}
		return
	}
	values := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(body, -1) {
		values.Set(m[1], m[2])
	}
	for i, m := range elementRadio.FindAllStringSubmatch(body, -1) {
		values.Set(m[1], fmt.Sprint(1+(seed+i)%4))
	}
	if m := serviceValue.FindAllStringSubmatch(body, -1); len(m) > 0 {
		values.Set("service", m[seed%len(m)][1])
	}
	header := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	status, _, _, err = apptest.Fetch(ctx, client, http.MethodPost, s.base+link.Survey(s.unit), strings.NewReader(values.Encode()), header)
	if err != nil || status != http.StatusSeeOther {
		s.fail(failureKind("submit", status, err))
		return
	}
	s.mu.Lock()
	s.acked = append(s.acked, values.Get("key"))
	s.mu.Unlock()
}

func failureKind(step string, status int, err error) string {
	switch {
	case err == nil:
		return fmt.Sprintf("%s: status %d", step, status)
	case strings.Contains(err.Error(), "connection refused"):
		return step + ": connection refused"
	case strings.Contains(err.Error(), "EOF"), strings.Contains(err.Error(), "reset"):
		return step + ": connection closed"
	case strings.Contains(err.Error(), "context canceled"):
		return step + ": stopped by the test"
	}
	return step + ": " + err.Error()
}

func (s *submitter) keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.acked...)
}

package app_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestTopologyBehindNginx runs the engine as users deploy it when they outgrow one process: three
// skm instances behind nginx (Debian's package) over one store server, FerretDB running as its
// own process on Debian's PostgreSQL, standing in for a MongoDB replica set. Residents submit
// through nginx while one instance is killed with SIGKILL and started again: every acknowledged
// submission is stored and counted, and every instance's tallies equal a recount, asked of each.
// Everything listens on 127.0.0.1 and is stopped by its pid. Without postgresql or nginx the test
// is skipped (SKM_REQUIRE_TOOLS=1 makes it fail); SKM_FERRETDB names a FerretDB binary built
// beforehand (.ci/run does), else the test builds it from the module go.mod requires.
func TestTopologyBehindNginx(t *testing.T) {
	if testing.Short() {
		t.Skip("runs PostgreSQL, FerretDB, nginx and three skm processes; skipped in -short")
	}
	start := time.Now()
	initdb := postgresTool(t, "initdb")
	postgres := postgresTool(t, "postgres")
	nginx := surveytest.RequireTool(t, "nginx", "nginx")
	ferretdb := ferretDBBinary(t)
	dir := ownedDir(t)

	pgAddr := freeAddr(t)
	_, pgPort, _ := net.SplitHostPort(pgAddr)
	runAs(t, "initdb", exec.Command(initdb, "-D", filepath.Join(dir, "pg"), "-U", "postgres", "--auth=trust", "--no-sync")).wait(t)
	pg := runAs(t, "postgres", exec.Command(postgres, "-D", filepath.Join(dir, "pg"), "-h", "127.0.0.1", "-p", pgPort, "-k", dir, "-F"))
	waitListening(t, pgAddr, pg)

	storeAddr := freeAddr(t)
	fdb := runAs(t, "ferretdb", exec.Command(ferretdb, "--handler=postgresql", "--listen-addr="+storeAddr,
		"--postgresql-url=postgres://postgres@"+pgAddr+"/postgres", "--telemetry=disable", "--debug-addr="+freeAddr(t),
		"--state-dir="+dir, "--log-level=WARN"))
	waitListening(t, storeAddr, fdb)
	uri := "mongodb://" + storeAddr + "/"
	key := filepath.Join(dir, "skm.key")
	if err := os.WriteFile(key, bytes.Repeat([]byte("k"), 32), 0o600); err != nil {
		t.Fatal(err)
	}

	instances := []*process{startSKM(t, "--demo", "--mongodb-uri", uri, "--key-file", key, "--submit-limit", "0")}
	for range 2 {
		instances = append(instances, startSKM(t, "--mongodb-uri", uri, "--key-file", key, "--submit-limit", "0"))
	}
	t.Logf("PostgreSQL, FerretDB and three instances ready after %v", time.Since(start).Round(time.Second))
	lbAddr := freeAddr(t)
	lb := startNginx(t, nginx, dir, lbAddr, instances)
	waitListening(t, lbAddr, lb)

	token := adminToken(t, uri)
	before := counted(t, instances[0].base, token, "2026-S2", "dpmptsp")
	sub := newSubmitter("http://"+lbAddr, "dpmptsp")
	ctx, stop := context.WithTimeout(context.Background(), 8*time.Second)
	defer stop()
	clients := sub.run(ctx, 8)
	time.Sleep(2500 * time.Millisecond)
	victim := instances[1]
	addr := strings.TrimPrefix(victim.base, "http://")
	victim.kill()
	time.Sleep(time.Second)
	instances[1] = startSKM(t, "--addr", addr, "--mongodb-uri", uri, "--key-file", key, "--submit-limit", "0")
	clients.Wait()
	if len(sub.keys()) == 0 {
		t.Fatalf("nothing acknowledged: %v", sub.failures)
	}
	t.Logf("load over after %v", time.Since(start).Round(time.Second))
	campaign := checkAcknowledged(t, config.Config{MongoURI: uri, Database: "skm"}, sub.keys())
	waitCounted(t, token, campaign, "dpmptsp", before+int64(len(sub.keys())), instances...)
	t.Logf("every instance counts every acknowledged submission after %v", time.Since(start).Round(time.Second))
	verifyEach(t, token, campaign, instances...)
	t.Logf("through nginx: %d acknowledged, one of three instances SIGKILLed and restarted; failures by kind: %v", len(sub.keys()), sub.failures)
	for _, p := range instances {
		if code := p.term(); code != 0 {
			t.Errorf("skm exited %d", code)
		}
	}
}

// postgresTool finds a PostgreSQL program: on PATH, or where Debian's postgresql package puts it.
func postgresTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name); len(found) > 0 {
		return found[len(found)-1]
	}
	return surveytest.RequireTool(t, name, "postgresql")
}

// ferretDBBinary returns FerretDB's own server: SKM_FERRETDB, or one built from the FerretDB module
// at the version go.mod requires. The module's source lacks the version file FerretDB's release
// build generates, so it is built from a copy with that file written.
func ferretDBBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SKM_FERRETDB"); p != "" {
		return p
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}} {{.Version}}", "github.com/FerretDB/FerretDB").Output()
	if err != nil {
		t.Fatalf("find the FerretDB module: %v", err)
	}
	src, version, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	tmp := t.TempDir()
	copyDir := filepath.Join(tmp, "ferretdb-src")
	if out, err := exec.Command("cp", "-r", src, copyDir).CombinedOutput(); err != nil {
		t.Fatalf("copy FerretDB: %v %s", err, out)
	}
	if out, err := exec.Command("chmod", "-R", "u+w", copyDir).CombinedOutput(); err != nil {
		t.Fatalf("chmod: %v %s", err, out)
	}
	if err := os.WriteFile(filepath.Join(copyDir, "build", "version", "version.txt"), []byte(version+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(tmp, "ferretdb")
	build := exec.Command("go", "build", "-o", bin, "./cmd/ferretdb")
	build.Dir = copyDir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build FerretDB %s: %v\n%s", version, err, out)
	}
	return bin
}

// ownedDir returns a fresh directory that PostgreSQL, which refuses to run as root, can use.
func ownedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "skm-topology-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if uid, gid, ok := postgresUser(t); ok {
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// postgresUser returns Debian's postgres account when the test runs as root.
func postgresUser(t *testing.T) (int, int, bool) {
	if os.Geteuid() != 0 {
		return 0, 0, false
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		t.Fatalf("running as root needs the postgres account to run PostgreSQL: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return uid, gid, true
}

// service is a helper process the test started, stopped by its pid when the test ends.
type service struct {
	name string
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}
}

// runAs starts a helper process; PostgreSQL's programs run as the postgres account under root.
func runAs(t *testing.T, name string, cmd *exec.Cmd) *service {
	t.Helper()
	if name == "initdb" || name == "postgres" {
		if uid, gid, ok := postgresUser(t); ok {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
		}
	}
	s := &service{name: name, cmd: cmd, out: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		_ = cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() { s.stop() })
	return s
}

// wait waits for a helper that runs to completion, such as initdb.
func (s *service) wait(t *testing.T) {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(2 * time.Minute):
		t.Fatalf("%s did not finish:\n%s", s.name, s.out)
	}
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("%s exited %d:\n%s", s.name, code, s.out)
	}
}

// stop asks the helper to stop, and kills it if it has not within 10 s.
func (s *service) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// waitListening waits until something accepts connections at addr.
func waitListening(t *testing.T, addr string, s *service) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case <-s.done:
			t.Fatalf("%s exited before it listened:\n%s", s.name, s.out)
		default:
		}
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
	}
	t.Fatalf("%s does not listen on %s after 60 s:\n%s", s.name, addr, s.out)
}

var nginxConf = `worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/nginx-error.log warn;
%[4]s
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path %[1]s/nginx-body;
  proxy_temp_path %[1]s/nginx-proxy;
  fastcgi_temp_path %[1]s/nginx-fastcgi;
  uwsgi_temp_path %[1]s/nginx-uwsgi;
  scgi_temp_path %[1]s/nginx-scgi;
  upstream skm {
%[3]s  }
  server {
    listen %[2]s;
    location / {
      proxy_pass http://skm;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
  }
}
`

// startNginx runs nginx in the foreground as a round-robin load balancer in front of the instances.
func startNginx(t *testing.T, nginx, dir, addr string, instances []*process) *service {
	t.Helper()
	var upstream strings.Builder
	for _, p := range instances {
		fmt.Fprintf(&upstream, "    server %s max_fails=1 fail_timeout=1s;\n", strings.TrimPrefix(p.base, "http://"))
	}
	userLine := ""
	if os.Geteuid() == 0 {
		userLine = "user root;"
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(nginxConf, dir, addr, upstream.String(), userLine)), 0o644); err != nil {
		t.Fatal(err)
	}
	return runAs(t, "nginx", exec.Command(nginx, "-p", dir, "-c", conf, "-g", "daemon off;"))
}

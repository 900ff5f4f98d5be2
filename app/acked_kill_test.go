package app_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/survey/embedded"
)

// TestKilledRightAfterAcknowledgement pauses the store's committer at the moment it has told a
// resident "stored" and before it goes on (folding the entry into its view, writing checkpoints),
// kills the process there with SIGKILL, and restarts it: the acknowledged response is stored and
// counted, and the tallies equal a recount.
func TestKilledRightAfterAcknowledgement(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the skm binary; skipped in -short")
	}
	dir := t.TempDir()
	seed := startSKM(t, "--demo", "--data-dir", dir)
	if code := seed.term(); code != 0 {
		t.Fatalf("seeding run exited %d", code)
	}
	srv := startSKMWith(t, []string{"SKM_TEST_PAUSE_AT=acknowledged"}, "--data-dir", dir, "--submit-limit", "0")
	sub := newSubmitter(srv.base, "dpmptsp")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sub.once(ctx, 1)
	if len(sub.keys()) != 1 {
		t.Fatalf("the submission was not acknowledged: %v", sub.failures)
	}
	if !srv.waitOutput("paused for a test", 10*time.Second) {
		t.Fatalf("the committer did not pause after the acknowledgement:\n%s", srv.out)
	}
	srv.kill()
	restarted := startSKM(t, "--data-dir", dir)
	if code := restarted.term(); code != 0 {
		t.Errorf("the restarted server exited %d", code)
	}
	cfg := config.Config{DataDir: dir, Database: "skm"}
	campaign := checkAcknowledged(t, cfg, sub.keys())
	if out, code := execSKM(t, "verify", "--data-dir", dir, campaign); code != 0 {
		t.Errorf("skm verify after the kill: exit %d\n%s", code, out)
	}
}

// TestInstancesWithClocksApart runs two instances on one store with their clocks 60 s apart (the
// test hook SKM_TEST_CLOCK_OFFSET), taking submissions at once: nothing the store decides depends
// on comparing clocks, so nothing acknowledged is lost and each instance's tallies equal a
// recount, asked of each instance by skm verify --url.
func TestInstancesWithClocksApart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the skm binary; skipped in -short")
	}
	dir := t.TempDir()
	a := startSKMWith(t, []string{"SKM_TEST_CLOCK_OFFSET=-30s"}, "--demo", "--data-dir", dir, "--submit-limit", "0")
	uri, err := embedded.SocketURI(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := startSKMWith(t, []string{"SKM_TEST_CLOCK_OFFSET=30s"}, "--mongodb-uri", uri, "--key-file", filepath.Join(dir, "skm.key"), "--submit-limit", "0")
	ctx, stop := context.WithTimeout(context.Background(), 3*time.Second)
	defer stop()
	subA, subB := newSubmitter(a.base, "dpmptsp"), newSubmitter(b.base, "rsud-blambangan")
	wa, wb := subA.run(ctx, 4), subB.run(ctx, 4)
	wa.Wait()
	wb.Wait()
	if len(subA.keys()) == 0 || len(subB.keys()) == 0 {
		t.Fatalf("submissions: A %d (%v), B %d (%v)", len(subA.keys()), subA.failures, len(subB.keys()), subB.failures)
	}
	campaign := checkAcknowledged(t, config.Config{MongoURI: uri, Database: "skm"}, append(subA.keys(), subB.keys()...))
	verifyEach(t, adminToken(t, uri), campaign, a, b)
	t.Logf("A (clock -30 s) acknowledged %d, B (clock +30 s) %d; failures %v %v", len(subA.keys()), len(subB.keys()), subA.failures, subB.failures)
	if code := b.term(); code != 0 {
		t.Errorf("instance B exited %d", code)
	}
	if code := a.term(); code != 0 {
		t.Errorf("instance A exited %d", code)
	}
}

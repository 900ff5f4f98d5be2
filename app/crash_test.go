package app_test

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/survey"
)

// crashRounds is how many times TestCrashRecovery kills the server: a few on every run (CI
// included), 20 or more for the published figures:
//
//	SKM_CRASH_ROUNDS=20 go test ./app -run TestCrashRecovery -v
func crashRounds(t *testing.T) int {
	if v := os.Getenv("SKM_CRASH_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("SKM_CRASH_ROUNDS=%q is not a positive number", v)
		}
		return n
	}
	return 3
}

// TestCrashRecovery kills the server with SIGKILL at random moments while residents submit, and
// restarts it each time on the same data: every submission that got a success reply must be
// stored exactly once, and the tallies must equal a recount.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the skm binary; skipped in -short")
	}
	dir := t.TempDir()
	srv := startSKM(t, "--demo", "--data-dir", dir, "--submit-limit", "0")
	rounds := crashRounds(t)
	sub := newSubmitter(srv.base, "dpmptsp")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var killedAt []time.Duration
	for round := 0; round < rounds; round++ {
		ctx, stop := context.WithCancel(context.Background())
		sub.base = srv.base
		clients := sub.run(ctx, 8)
		wait := time.Duration(150+rng.IntN(1200)) * time.Millisecond
		time.Sleep(wait)
		srv.kill()
		killedAt = append(killedAt, wait)
		stop()
		clients.Wait()
		srv = startSKM(t, "--data-dir", dir, "--submit-limit", "0")
	}
	if code := srv.term(); code != 0 {
		t.Errorf("skm exited %d after SIGTERM:\n%s", code, srv.out)
	}

	acked := sub.keys()
	db, err := app.OpenDatabase(context.Background(), config.Config{DataDir: dir, Database: "skm"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	lost := 0
	for _, key := range acked {
		if _, err := db.Store.Response(ctx, key); err != nil {
			lost++
			t.Errorf("acknowledged response %s: %v", key, err)
		}
	}
	open, err := db.Store.Campaigns(ctx, survey.CampaignFilter{State: survey.StateOpen})
	if err != nil || len(open) != 1 {
		t.Fatalf("open campaign: %v %v", open, err)
	}
	diff, err := db.Store.Verify(ctx, open[0].Key)
	if err != nil || len(diff) > 0 {
		t.Errorf("tallies after %d crashes differ from a recount: %v\n%s", rounds, err, strings.Join(diff, "\n"))
	}
	tally, _ := db.Store.Tally(ctx, open[0].Key)
	sort.Slice(killedAt, func(i, j int) bool { return killedAt[i] < killedAt[j] })
	t.Logf("%d SIGKILLs at %v after load began; %d submissions acknowledged, %d lost; unit counts %d respondents; failures by kind: %v",
		rounds, killedAt, len(acked), lost, tally.Unit("dpmptsp").Total().All.Respondents, sub.failures)
}

// TestShutdownDrains sends SIGTERM while residents submit: the server stops taking connections,
// lets the requests in flight finish and exits 0, and every success reply it gave is stored.
func TestShutdownDrains(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the skm binary; skipped in -short")
	}
	dir := t.TempDir()
	srv := startSKM(t, "--demo", "--data-dir", dir, "--submit-limit", "0")
	sub := newSubmitter(srv.base, "rsud-blambangan")
	ctx, stop := context.WithCancel(context.Background())
	clients := sub.run(ctx, 8)
	time.Sleep(time.Second)
	if code := srv.term(); code != 0 {
		t.Errorf("skm exited %d after SIGTERM:\n%s", code, srv.out)
	}
	stop()
	clients.Wait()
	acked := sub.keys()
	if len(acked) == 0 {
		t.Fatalf("no submission got through before the shutdown: %v", sub.failures)
	}
	db, err := app.OpenDatabase(context.Background(), config.Config{DataDir: dir, Database: "skm"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, key := range acked {
		if _, err := db.Store.Response(context.Background(), key); err != nil {
			t.Errorf("acknowledged response %s lost by the shutdown: %v", key, err)
		}
	}
	t.Logf("SIGTERM after 1 s of load: %d submissions acknowledged, all stored; failures by kind: %v", len(acked), sub.failures)
}

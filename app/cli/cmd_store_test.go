package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// openDataDir opens the embedded store of a data directory, as the commands do, until the
// returned function closes it.
func openDataDir(t *testing.T, env map[string]string) (*app.Database, func()) {
	t.Helper()
	cfg, err := config.Load(config.NewFlagSet("test", io.Discard), nil, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	db, err := app.OpenDatabase(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return db, db.Close
}

// seedDataDir stores two units, an open campaign 2026-S2 and n responses per unit.
func seedDataDir(t *testing.T, env map[string]string, n int) {
	t.Helper()
	db, closeDB := openDataDir(t, env)
	defer closeDB()
	e := &apptest.Env{T: t, Store: db.Store, Now: time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)}
	e.Seed()
	for _, unit := range []string{"dpmptsp", "rsud-blambangan"} {
		e.SubmitRows("cli", unit, apptest.VectorA[:n]...)
	}
}

func TestVerifyAndRebuild(t *testing.T) {
	env := map[string]string{"SKM_DATA_DIR": t.TempDir()}
	seedDataDir(t, env, 5)

	code, stdout, stderr := runSKM(t, env, "verify")
	if code != 0 || stdout != "2026-S2: tallies equal a recount of 10 responses\n" {
		t.Fatalf("verify a fresh store: exit %d\n%s%s", code, stdout, stderr)
	}

	// Tamper: delete one response behind the engine's back.
	db, closeDB := openDataDir(t, env)
	res, err := db.Raw().Collection("responses").DeleteOne(context.Background(), bson.D{{Key: "_id", Value: "cli-dpmptsp-0002"}})
	closeDB()
	if err != nil || res.DeletedCount != 1 {
		t.Fatalf("delete a response: %v, %+v", err, res)
	}

	code, stdout, stderr = runSKM(t, env, "verify", "2026-S2")
	if code != 1 {
		t.Errorf("verify after tampering: exit %d, want 1", code)
	}
	for _, want := range []string{
		"2026-S2: ", "differences between tallies and a recount",
		`unit dpmptsp service "": respondents 5 in the tally, 4 in the recount`,
		"Run 'skm rebuild CAMPAIGN'",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("verify output lacks %q:\n%s%s", want, stdout, stderr)
		}
	}
	if strings.Contains(stdout, "rsud-blambangan") {
		t.Errorf("verify lists a unit that was not touched:\n%s", stdout)
	}

	code, stdout, stderr = runSKM(t, env, "rebuild", "2026-S2")
	if code != 0 || stdout != "2026-S2: tallies rebuilt from the responses\n" {
		t.Fatalf("rebuild: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runSKM(t, env, "verify")
	if code != 0 || stdout != "2026-S2: tallies equal a recount of 9 responses\n" {
		t.Errorf("verify after the rebuild: exit %d\n%s%s", code, stdout, stderr)
	}

	// The rebuilt tallies are what the engine reads after a restart.
	db, closeDB = openDataDir(t, env)
	defer closeDB()
	tally, err := db.Store.Tally(context.Background(), "2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := tally.Unit("dpmptsp").Total().All.Respondents, tally.Unit("rsud-blambangan").Total().All.Respondents; a != 4 || b != 5 {
		t.Errorf("after the rebuild the tallies count %d and %d, want 4 and 5", a, b)
	}
}

func TestStoreCommandErrors(t *testing.T) {
	env := map[string]string{"SKM_DATA_DIR": t.TempDir()}
	seedDataDir(t, env, 1)
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"verify", "2031-S1"}, `verify 2031-S1: No campaign "2031-S1".`},
		{[]string{"rebuild"}, "name the campaigns to rebuild, such as: skm rebuild 2026-S2"},
		{[]string{"rebuild", "2031-S1"}, `rebuild 2031-S1: No campaign "2031-S1".`},
		{[]string{"verify", "--log-format", "xml"}, "SKM_LOG_FORMAT"},
		{[]string{"token", "create", "--name", "x", "--role", "root"}, `Role "root" must be admin, unit_head or viewer.`},
		{[]string{"token"}, "usage: skm token create"},
	} {
		code, stdout, stderr := runSKM(t, env, tc.args...)
		if code != 1 || stdout != "" || !strings.Contains(stderr, tc.says) {
			t.Errorf("skm %s: exit %d, stdout %q, stderr %q; want exit 1 saying %q", strings.Join(tc.args, " "), code, stdout, stderr, tc.says)
		}
	}
	code, stdout, _ := runSKM(t, env, "token", "create", "--name", "kepala dpmptsp", "--role", "unit_head", "--unit", "dpmptsp")
	if code != 0 || !strings.Contains(stdout, "(kepala dpmptsp, unit_head) created") || !strings.Contains(stdout, "\nskm_") {
		t.Errorf("token create: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runSKM(t, env, "frobnicate"); code != 2 || !strings.Contains(stderr, "usage: skm") {
		t.Errorf("an unknown command: exit %d, stderr %q", code, stderr)
	}
	if code, stdout, _ := runSKM(t, env, "help"); code != 0 || !strings.Contains(stdout, fmt.Sprintf("  %-8s %s", "verify", commands["verify"].summary)) {
		t.Errorf("help: exit %d\n%s", code, stdout)
	}
}

package cli

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web/documents"
	"github.com/skm-engine/skm/survey"
)

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SKM_DATA_DIR": filepath.Join(dir, "data"), "SKM_BASE_URL": "https://skm.example.go.id"}
	getenv := func(k string) string { return env[k] }
	cfg, err := config.Load(config.NewFlagSet("test", io.Discard), nil, getenv)
	if err != nil {
		t.Fatal(err)
	}
	db, err := app.OpenDatabase(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	seeder := &apptest.Env{T: t, Store: db.Store, Now: time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)}
	seeder.Seed()
	seeder.SubmitGenerated("dpmptsp", 6)
	db.Close()

	run := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := Main(args, &Env{Getenv: getenv, Stdout: &out, Stderr: &errOut})
		return code, out.String(), errOut.String()
	}
	unitFile, regionFile := filepath.Join(dir, "unit.pdf"), filepath.Join(dir, "wilayah.pdf")
	// While the campaign runs, a report is a draft: unnumbered and unrecorded.
	code, stdout, stderr := run("report", "unit", "--campaign", "2026-S2", "--unit", "dpmptsp", "--lang", "en", "-o", unitFile)
	if code != 0 || !strings.Contains(stdout, "a draft") || !strings.Contains(stdout, "https://skm.example.go.id/laporan/2026-S2/terbitkan?unit=dpmptsp") {
		t.Fatalf("skm report unit: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := run("report", "region", "--campaign", "2026-S2", "-o", regionFile); code != 0 {
		t.Fatalf("skm report region: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, bad := range [][]string{
		{"report"},
		{"report", "unit", "--campaign", "2026-S2", "-o", unitFile},
		{"report", "unit", "--campaign", "2026-S2", "--unit", "dpmptsp"},
		{"report", "region", "-o", regionFile},
		{"report", "region", "--campaign", "2026-S2", "--lang", "fr", "-o", regionFile},
		{"report", "unit", "--campaign", "2026-S2", "--unit", "nope", "-o", filepath.Join(dir, "nope.pdf")},
	} {
		if code, _, stderr := run(bad...); code == 0 || !strings.Contains(stderr, "skm: ") {
			t.Errorf("%v: exit %d, stderr %q", bad, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "nope.pdf")); !os.IsNotExist(err) {
		t.Errorf("a failed report left a file: %v", err)
	}

	// Once the campaign closed and its final report is issued, the command writes that file.
	ctx := context.Background()
	db, err = app.OpenDatabase(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{unitFile, regionFile} {
		b, err := os.ReadFile(f)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("%s: %v %.20q", f, err, b)
		}
		if _, err := db.Store.IssuedBySHA256(ctx, survey.SHA256Hex(b)); survey.ErrorCode(err) != survey.ENOTFOUND {
			t.Errorf("the draft %s is in the registry: %v", f, err)
		}
	}
	if _, err := db.Store.TransitionCampaign(ctx, "2026-S2", survey.StateClosed, "test", seeder.Now); err != nil {
		t.Fatal(err)
	}
	src := documents.Source{Store: db.Store, BaseURL: cfg.BaseURL}
	final, err := src.IssueFinal(ctx, survey.ReportUnit, "2026-S2", "dpmptsp", 0, "", seeder.Now, "admin")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, stdout, stderr = run("report", "unit", "--campaign", "2026-S2", "--unit", "dpmptsp", "--lang", "en", "-o", unitFile)
	en, _ := final.File(survey.LangEN)
	if code != 0 || !strings.Contains(stdout, "the final report number "+en.Number) || !strings.Contains(stdout, "https://skm.example.go.id/verifikasi?no="+en.Number) {
		t.Fatalf("skm report unit after the issue: exit %d\n%s%s", code, stdout, stderr)
	}
	if b, _ := os.ReadFile(unitFile); survey.SHA256Hex(b) != en.SHA256 {
		t.Error("the command did not write the issued file")
	}
}

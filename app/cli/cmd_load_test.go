package cli

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/skm-engine/skm/survey/mongo"

	"github.com/skm-engine/skm/app/apptest"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
)

func runLoadCommand(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(append([]string{"load"}, args...), &Env{Getenv: func(string) string { return "" }, Stdout: &out, Stderr: &errOut})
	return code, out.String(), errOut.String()
}

// skm load submits through a running server exactly the responses it reports, measures the
// driver on the same database, and leaves no scratch collection behind.
func TestLoadCommand(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	e := apptest.NewOn(t, surveytest.MustOpenStoreOn(t, db, mongo.Options{}))
	c := e.Seed()
	base := e.Listen()
	token := e.Token(survey.RoleViewer)
	code, out, errOut := runLoadCommand("--url", base, "--unit", "rsud-blambangan", "-n", "40", "-c", "4",
		"--read", "/api/v1/campaigns/"+c.Key+"/results", "--token", token,
		"--mongodb-uri", surveytest.URI(t), "--mongodb-database", db.Name())
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	t.Log(out)
	for _, want := range []string{
		`complete submissions: 40 ok, 0 failed in [0-9.]+s: [0-9.]+/s`,
		`submit \(POST, 303\): +p50 [0-9.]+ms  p99 [0-9.]+ms`,
		`reads of /api/v1/campaigns/2026-S2/results by 1 readers meanwhile: [0-9]+ ok, 0 failed`,
		`bare driver, MongoDB at .*: 40 single inserts with 4 clients: [0-9.]+/s`,
		`ratio: complete submissions/s ÷ single inserts/s = [0-9.]+`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("output lacks %q", want)
		}
	}
	rs := e.Responses(c.Key)
	if len(rs) != 40 {
		t.Errorf("%d responses stored, want 40", len(rs))
	}
	for _, r := range rs {
		if r.Unit != "rsud-blambangan" || r.Channel != survey.ChannelWeb || r.Answers.Answered() != 9 || r.Service == "" {
			t.Fatalf("response %+v is not a complete web response", r)
		}
	}
	names, err := db.ListCollectionNames(context.Background(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if strings.HasPrefix(n, "load_scratch") {
			t.Errorf("scratch collection %s left behind", n)
		}
	}
}

func TestLoadCommandRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--url", "http://example.com", "--unit", "dpmptsp"}, "not on this machine"},
		{[]string{"--url", "http://10.0.0.8:8080", "--unit", "dpmptsp"}, "not on this machine"},
		{[]string{"--url", "127.0.0.1:8080", "--unit", "dpmptsp"}, "must be an address"},
		{[]string{"--unit", "Bad Slug"}, "--unit"},
		{[]string{"--unit", "dpmptsp", "-n", "0"}, "-n must be"},
		{[]string{"--unit", "dpmptsp", "-n", "2000000"}, "-n must be"},
		{[]string{"--unit", "dpmptsp", "-c", "0"}, "-c must be"},
		{[]string{"--unit", "dpmptsp", "--rounds", "0"}, "--rounds must be"},
	} {
		code, _, errOut := runLoadCommand(tc.args...)
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want a refusal saying %q", tc.args, code, errOut, tc.want)
		}
	}
}

// A run stopped by its timeout says so, and reports what was done rather than a ratio of nothing.
func TestLoadCommandStoppedByItsTimeout(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	e := apptest.NewOn(t, surveytest.MustOpenStoreOn(t, db, mongo.Options{}))
	e.Seed()
	code, out, errOut := runLoadCommand("--url", e.Listen(), "--unit", "rsud-blambangan", "-n", "1000", "-c", "2",
		"--timeout", "1ns", "--no-driver")
	if code == 0 || !strings.Contains(out, "stopped before the end") || strings.Contains(out, "ratio") {
		t.Errorf("exit %d, output %q %q; want a failure that says the run stopped, without a ratio", code, out, errOut)
	}
}

// Fewer submissions than the default rounds make as many rounds as submissions.
func TestLoadCommandFewerSubmissionsThanRounds(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	e := apptest.NewOn(t, surveytest.MustOpenStoreOn(t, db, mongo.Options{}))
	e.Seed()
	code, out, errOut := runLoadCommand("--url", e.Listen(), "--unit", "rsud-blambangan", "-n", "2", "-c", "1",
		"--mongodb-uri", surveytest.URI(t), "--mongodb-database", db.Name())
	if code != 0 || !strings.Contains(out, "complete submissions: 2 ok") || !strings.Contains(out, "(2 rounds, taking turns)") {
		t.Errorf("exit %d, output %q %q; want 2 submissions in 2 rounds", code, out, errOut)
	}
}

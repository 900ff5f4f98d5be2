package cli

import (
	"context"
	"io"
	"log/slog"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey/mongo"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/demo"

	"github.com/skm-engine/skm/survey/surveytest"
)

// BenchmarkSurveySubmit drives the resident's survey of the demo region over real HTTP as skm
// load does: each operation is one phone fetching the form, submitting it and fetching the
// thank-you page, eight phones at once. It reports complete submissions per second and the
// submit's 99th percentile latency.
func BenchmarkSurveySubmit(b *testing.B) {
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	store := surveytest.MustOpenStore(b, mongo.Options{Logger: quiet})
	if _, err := demo.Seed(ctx, store, quiet); err != nil {
		b.Fatal(err)
	}
	srv, err := app.New(ctx, apptest.Config(), app.Deps{Store: store, Accounts: store, Logger: quiet, Key: apptest.NewKey()})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = srv.Listener(ln) }()
	b.Cleanup(func() { _ = srv.ShutdownWithTimeout(5 * time.Second) })

	run := loadRun{base: "http://" + ln.Addr().String(), unit: "dpmptsp", n: b.N, clients: 8}
	res := &loadResult{statuses: map[string]int{}}
	b.ResetTimer()
	run.submit(ctx, newLoadClient(run.clients), b.N, res)
	b.StopTimer()
	if res.failed > 0 {
		b.Fatalf("%d submissions failed: %s", res.failed, res.firstError)
	}
	submit := slices.Sorted(slices.Values(res.submit))
	b.ReportMetric(res.rate(), "submissions/s")
	b.ReportMetric(float64(submit[len(submit)*99/100].Microseconds())/1000, "p99-submit-ms")
}

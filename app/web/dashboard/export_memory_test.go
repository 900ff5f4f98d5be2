package dashboard

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// syntheticResponses is a store whose campaign has n invented responses, made one at a time as
// EachResponse streams them, so that a test can tell an export that streams from one that holds
// the responses: only the export's own memory can grow.
type syntheticResponses struct {
	survey.Store
	n int
	// every is called after every so many responses, to sample the heap.
	every  int
	sample func()
}

func (s *syntheticResponses) EachResponse(_ context.Context, campaign, unit string, fn func(*survey.Response) error) error {
	at := time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC)
	for i := range s.n {
		r := &survey.Response{Key: fmt.Sprintf("synthetic-%012d", i), Campaign: campaign, Unit: "dpmptsp", Service: "pbg", Questionnaire: "q1",
			Channel: survey.ChannelWeb, SubmittedAt: at.Add(time.Duration(i) * time.Second), Day: "2026-08-01",
			Profile:    survey.Profile{Gender: "P", Age: 20 + i%50, Education: "S1", Occupation: "Swasta"},
			Suggestion: fmt.Sprintf("=SUM(A%d) saran nomor %d tentang antrean dan ruang tunggu yang panas", i, i)}
		for e := range r.Answers {
			r.Answers[e] = int8(1 + (i+e)%4)
		}
		if err := fn(r); err != nil {
			return err
		}
		if s.sample != nil && i%s.every == 0 {
			s.sample()
		}
	}
	return nil
}

func (s *syntheticResponses) Questionnaire(context.Context, string) (*survey.Questionnaire, error) {
	return survey.StandardQuestionnaire(), nil
}

// exportPeak writes an export of n synthetic responses to a temporary file and returns the
// largest live heap seen while writing it.
func exportPeak(tb testing.TB, ext string, n int) (peak uint64, size int64) {
	tb.Helper()
	var m runtime.MemStats
	store := &syntheticResponses{n: n, every: max(n/20, 1), sample: func() {
		runtime.GC()
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc)
	}}
	s := &handler{Server: &web.Server{Store: store}}
	f, err := os.CreateTemp(tb.TempDir(), "export-*")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	camp := &survey.Campaign{Key: "2026-S2"}
	size, rows, err := writeExport(f, ext, "responses", func(rw rowWriter) (int, error) {
		return s.writeResponses(context.Background(), rw, survey.LangID, time.UTC, camp, "")
	})
	if err != nil || rows != n {
		tb.Fatalf("%s export of %d: %d rows, %v", ext, n, rows, err)
	}
	return peak, size
}

// TestResponsesExportStreams shows that an export's memory does not grow with the responses:
// ten times as many responses make a file ten times larger, while the live heap stays put. A
// version that gathered the responses first would hold every one of them.
func TestResponsesExportStreams(t *testing.T) {
	small, smallSize := exportPeak(t, "csv", 3_000)
	large, largeSize := exportPeak(t, "csv", 30_000)
	t.Logf("csv: 3,000 responses %d KiB file, peak heap %d KiB; 30,000 responses %d KiB file, peak heap %d KiB",
		smallSize>>10, small>>10, largeSize>>10, large>>10)
	if largeSize < 9*smallSize {
		t.Fatalf("files of %d and %d bytes: the export did not write every response", smallSize, largeSize)
	}
	// Holding 27,000 more responses would take well over 10 MiB.
	if large > small+2<<20 {
		t.Errorf("peak heap grew from %d to %d bytes with the responses", small, large)
	}
}

// BenchmarkResponsesExport reports the time per response and the peak live heap of CSV and XLSX
// exports at two sizes. XLSX keeps up to 16 MiB of the sheet in memory (excelize's chunk) and the
// rest in a temporary file, so its peak stops growing past about 30,000 responses.
func BenchmarkResponsesExport(b *testing.B) {
	for _, ext := range []string{"csv", "xlsx"} {
		for _, n := range []int{10_000, 100_000} {
			b.Run(fmt.Sprintf("%s/responses=%d", ext, n), func(b *testing.B) {
				var peak uint64
				var size int64
				for b.Loop() {
					peak, size = exportPeak(b, ext, n)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				b.ReportMetric(float64(size)/(1<<20), "file-MiB")
			})
		}
	}
}

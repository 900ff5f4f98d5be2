package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// paperFile is a clerk's file of n paper questionnaires for DPMPTSP: profile columns, every
// answer filled, a suggestion on one row in a hundred.
func paperFile(n int) []byte {
	var b strings.Builder
	b.WriteString("tanggal;layanan;jenis_kelamin;umur;pendidikan;pekerjaan;U1;U2;U3;U4;U5;U6;U7;U8;U9;saran\n")
	for i := range n {
		saran := ""
		if i%100 == 0 {
			saran = fmt.Sprintf("Saran nomor %d: antrean pagi terlalu panjang", i)
		}
		fmt.Fprintf(&b, "%02d/08/2026;%s;%s;%d;SMA;Swasta;%d;%d;%d;4;3;%d;4;%d;3;%s\n", 1+i%28, []string{"izin-usaha", "pbg"}[i%2], []string{"L", "P"}[i%2],
			18+i%60, 1+i%4, 2+i%3, 1+(i/4)%4, 3+i%2, 2+i%3, saran)
	}
	return []byte(b.String())
}

// importLarge previews and confirms a file through the pages, as an administrator does.
func importLarge(tb testing.TB, admin *apptest.Browser, file []byte) (preview *http.Response, html string, confirm *http.Response) {
	tb.Helper()
	admin.Get(importPage)
	preview, html = admin.Upload(importPage, "file", "kertas.csv", file, nil)
	id := apptest.Doc(tb, html).Find(`#confirm input[name="upload"]`).AttrOr("value", "")
	confirm, _ = admin.Post(importPage+"/konfirmasi", url.Values{"upload": {id}})
	return preview, html, confirm
}

// largeFileEnv takes files of 30,000 rows and more, and waits for them as long as the race
// detector needs.
func largeFileEnv(tb testing.TB) *apptest.Env {
	e := apptest.New(tb)
	e.Timeout = 10 * time.Minute
	e.Seed()
	return e
}

// A file of 30,000 questionnaires is accepted whole: previewed, then stored once, counted exactly.
func TestPaperImportThirtyThousandRows(t *testing.T) {
	e := largeFileEnv(t)
	admin := e.SignedIn("admin", survey.RoleAdmin)
	preview, html, confirm := importLarge(t, admin, paperFile(30_000))
	if preview.StatusCode != http.StatusOK || doc(t, html).Find("#rows").Text() != "30.000" {
		t.Fatalf("preview: %d, rows %q", preview.StatusCode, doc(t, html).Find("#rows").Text())
	}
	if confirm.StatusCode != http.StatusSeeOther || confirm.Header.Get("Location") != importPage+"?stored=30000&dup=0" {
		t.Fatalf("confirm: %d %q", confirm.StatusCode, confirm.Header.Get("Location"))
	}
	if n := storedPaper(t, e); n != 30_000 {
		t.Errorf("%d questionnaires stored, want 30,000", n)
	}
	wantRecount(t, e)
}

// BenchmarkPaperImport previews and imports files of 10,000 and 30,000 questionnaires through the
// pages on the embedded store, and reports the time per file (preview and import), the rows per
// second, and the peak of the live heap during the preview and during the import: it grows with
// the file's bytes (held by the request, the parsed form and the kept upload), not with its rows,
// which are read one at a time.
func BenchmarkPaperImport(b *testing.B) {
	for _, rows := range []int{10_000, 30_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			file := paperFile(rows)
			var elapsed time.Duration
			var previewPeak, importPeak uint64
			for range b.N {
				b.StopTimer()
				e := largeFileEnv(b)
				admin := e.SignedIn("admin", survey.RoleAdmin)
				admin.Get(importPage)
				runtime.GC()
				b.StartTimer()
				start := time.Now()
				stop := watchHeap(&previewPeak)
				preview, html := admin.Upload(importPage, "file", "kertas.csv", file, nil)
				stop()
				id := apptest.Doc(b, html).Find(`#confirm input[name="upload"]`).AttrOr("value", "")
				stop = watchHeap(&importPeak)
				confirm, _ := admin.Post(importPage+"/konfirmasi", url.Values{"upload": {id}})
				stop()
				elapsed += time.Since(start)
				b.StopTimer()
				if preview.StatusCode != http.StatusOK || confirm.StatusCode != http.StatusSeeOther {
					b.Fatalf("preview %d, confirm %d", preview.StatusCode, confirm.StatusCode)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/elapsed.Seconds(), "rows/s")
			b.ReportMetric(float64(len(file))/(1<<20), "file-MiB")
			b.ReportMetric(float64(previewPeak)/(1<<20), "preview-live-MiB")
			b.ReportMetric(float64(importPeak)/(1<<20), "import-live-MiB")
		})
	}
}

// watchHeap records the largest live heap (what the last collection found reachable, garbage
// not counted) seen every few milliseconds until stop is called.
func watchHeap(peak *uint64) (stop func()) {
	var done atomic.Bool
	finished := make(chan struct{})
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	go func() {
		defer close(finished)
		for !done.Load() {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			time.Sleep(5 * time.Millisecond)
		}
	}()
	return func() { done.Store(true); <-finished }
}

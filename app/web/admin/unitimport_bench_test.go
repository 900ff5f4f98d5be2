package admin_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web/admin"
	"github.com/skm-engine/skm/survey"
)

// unitFile writes a unit spreadsheet (csv or xlsx) of n units under four OPDs, the first with
// the services of a public service mall, the others with three each, every one with a population.
func unitFile(tb testing.TB, ext string, n, mallServices int) []byte {
	tb.Helper()
	rows := [][]string{{"slug", "name", "opd", "name_en", "services", "population"}}
	opds := []string{"DPMPTSP", "Dinas Kesehatan", "Kecamatan", "Dinas Kependudukan dan Pencatatan Sipil"}
	for i := range n {
		services := []string{"Surat keterangan", "Legalisasi dokumen", "Pengaduan langsung"}
		if i == 0 {
			services = services[:0]
			for s := range mallServices {
				services = append(services, fmt.Sprintf("layanan-%03d;Layanan perizinan nomor %d;Licensing service %d", s, s, s))
			}
		}
		rows = append(rows, []string{fmt.Sprintf("unit-%05d", i), fmt.Sprintf("Unit Layanan %d", i), opds[i%len(opds)], fmt.Sprintf("Service Unit %d", i),
			strings.Join(services, "|"), fmt.Sprint(500 + i)})
	}
	if ext == "xlsx" {
		cells := make([][]any, len(rows))
		for i, r := range rows {
			for _, c := range r {
				cells[i] = append(cells[i], c)
			}
		}
		return apptest.XLSXFile(tb, cells)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.WriteAll(rows)
	return buf.Bytes()
}

// BenchmarkUnitImport300 imports 300 units, one of them with 202 services, as an administrator
// does: the upload with its preview, then the confirmation that stores them.
func BenchmarkUnitImport300(b *testing.B) {
	e := apptest.New(b)
	file := unitFile(b, "csv", 300, 202)
	br := e.SignedIn("admin", survey.RoleAdmin)
	for b.Loop() {
		br.Get("/admin/unit/impor")
		resp, body := postFile(b, br, "/admin/unit/impor", nil, "file", "unit.csv", file)
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("preview: %d", resp.StatusCode)
		}
		action, _ := apptest.Doc(b, body).Find("form[action^='/admin/unit/impor/']").First().Attr("action")
		if resp, _ := br.Post(action, nil); resp.StatusCode != http.StatusSeeOther {
			b.Fatalf("confirm: %d", resp.StatusCode)
		}
	}
	mall, err := e.Store.Unit(ctx, "unit-00000")
	if units, _ := e.Store.Units(ctx, survey.UnitFilter{}); err != nil || len(units) != 300 || len(mall.Services) != 202 {
		b.Fatalf("%d units stored, the mall with %d services", len(units), len(mall.Services))
	}
	b.ReportMetric(float64(len(file))/1024, "file-KiB")
}

// sheetPeak reads a unit spreadsheet of n rows and returns the largest live heap seen while
// reading it, above what was live before (the file itself), and the file's size.
func sheetPeak(tb testing.TB, ext string, n int) (peak uint64, size int) {
	tb.Helper()
	file := unitFile(tb, ext, n, 202)
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	rows := 0
	region := survey.DefaultRegion()
	sh, err := admin.ReadUnitSheet(file, "unit."+ext, &region, nil, func(*survey.Unit) error {
		if rows++; rows%max(n/20, 1) == 0 {
			runtime.GC()
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc-min(base, m.HeapAlloc))
		}
		return nil
	})
	if err != nil || sh.New != n || len(sh.Bad) != 0 {
		tb.Fatalf("sheet of %d rows: %+v, %v", n, sh, err)
	}
	return peak, len(file)
}

// TestUnitSheetMemoryStaysFlat reads spreadsheets of 2,000 and 20,000 units: the heap beside the
// file grows only by the slugs seen (to find one used twice), never by the units, which a
// version that gathered them before writing would hold.
func TestUnitSheetMemoryStaysFlat(t *testing.T) {
	small, smallSize := sheetPeak(t, "csv", 2_000)
	large, largeSize := sheetPeak(t, "csv", 20_000)
	t.Logf("2,000 units: %d KiB file, peak heap %d KiB; 20,000 units: %d KiB file, peak heap %d KiB",
		smallSize>>10, small>>10, largeSize>>10, large>>10)
	// Holding 18,000 more units would take well over 10 MiB; their slugs take about 1.
	if large > small+2<<20 {
		t.Errorf("peak heap grew from %d to %d bytes with the rows", small, large)
	}
}

// BenchmarkUnitSheet reports the peak live heap of reading CSV and XLSX unit spreadsheets at
// two sizes. An XLSX sheet is unpacked in memory up to 16 MiB (excelize's chunk), which grows
// with the file; a CSV is read a row at a time.
func BenchmarkUnitSheet(b *testing.B) {
	for _, tc := range []struct {
		ext string
		n   int
	}{{"csv", 2_000}, {"csv", 20_000}, {"xlsx", 2_000}, {"xlsx", 20_000}} {
		b.Run(fmt.Sprintf("%s/units=%d", tc.ext, tc.n), func(b *testing.B) {
			var peak uint64
			var size int
			for b.Loop() {
				peak, size = sheetPeak(b, tc.ext, tc.n)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(size)/(1<<20), "file-MiB")
		})
	}
}

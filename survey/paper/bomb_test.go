package paper_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/paper"
)

// bombSize is what the crafted part unpacks to: as in the review, some 400 MB from a few
// hundred kilobytes.
const bombSize = 400 << 20

// workbook returns a small valid workbook of two questionnaires, rewritten with extra parts
// added and, with swap, the sheet's content replaced.
func workbook(t testing.TB, extra map[string]func(io.Writer), swap func(io.Writer)) []byte {
	t.Helper()
	f := excelize.NewFile()
	for r, row := range [][]any{{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"}, {4, 4, 3, 4, 4, 3, 4, 4, 3}, {3, 3, 3, 3, 3, 3, 3, 3, 3}} {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var plain bytes.Buffer
	if err := f.Write(&plain); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(plain.Bytes()), int64(plain.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, e := range zr.File {
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if swap != nil && e.Name == "xl/worksheets/sheet1.xml" {
			swap(w)
			continue
		}
		r, _ := e.Open()
		_, _ = io.Copy(w, r)
		r.Close()
	}
	for name, write := range extra {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		write(w)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// zeros writes n zero bytes.
func zeros(n int) func(io.Writer) {
	return func(w io.Writer) { _, _ = io.CopyN(w, zeroReader{}, int64(n)) }
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// allocated runs read and returns the bytes it allocated.
func allocated(read func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	read()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestZipBombs reads workbooks crafted to unpack to far more than they weigh: a sheet that unpacks
// to 400 MB is refused before it is unpacked, a 400 MB part no questionnaire needs is never
// unpacked, and a part that unpacks to more than it declares stops at what it declared. None costs
// more than a few megabytes of memory.
func TestZipBombs(t *testing.T) {
	for _, tc := range []struct {
		name string
		file []byte
		want string // the error's message key; "" when the questionnaires are read
	}{
		{"a sheet that unpacks to 400 MB", workbook(t, nil, zeros(bombSize)), "err.paper.ratio"},
		{"a 400 MB part beside the sheet", workbook(t, map[string]func(io.Writer){"xl/media/image1.png": zeros(bombSize)}, nil), ""},
		{"a 400 MB part where the theme goes", workbook(t, map[string]func(io.Writer){"xl/theme/theme2.xml": zeros(bombSize)}, nil), ""},
	} {
		if len(tc.file) > 2<<20 {
			t.Fatalf("%s: the crafted file weighs %d bytes", tc.name, len(tc.file))
		}
		var rows []paper.Row
		var err error
		cost := allocated(func() { rows, err = paper.Read(bytes.NewReader(tc.file), "bomb.xlsx", paper.Options{}) })
		if cost > 32<<20 {
			t.Errorf("%s: reading allocated %d MB", tc.name, cost>>20)
		}
		if tc.want == "" && (err != nil || len(rows) != 2) {
			t.Errorf("%s: %d rows, %v; want the 2 questionnaires", tc.name, len(rows), err)
		}
		if tc.want != "" && survey.ErrorMessage(err).Key != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
		}
	}
}

// TestZipPartLyingAboutItsSize declares a sheet of a few bytes that unpacks to 400 MB: reading
// stops where the declared size ends.
func TestZipPartLyingAboutItsSize(t *testing.T) {
	file := workbook(t, nil, zeros(bombSize))
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		h := e.FileHeader
		if e.Name == "xl/worksheets/sheet1.xml" {
			h.UncompressedSize64 = 900
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := e.OpenRaw()
		_, _ = io.Copy(w, r)
	}
	_ = zw.Close()
	var rerr error
	cost := allocated(func() { _, rerr = paper.Read(bytes.NewReader(out.Bytes()), "lie.xlsx", paper.Options{}) })
	if rerr == nil {
		t.Error("a part that unpacks to more than it declares was read")
	}
	if cost > 32<<20 {
		t.Errorf("reading allocated %d MB", cost>>20)
	}
}

// BenchmarkZipBomb measures what refusing the 400 MB sheet costs, and reading the workbook with a
// 400 MB part beside its sheet (docs/RELIABILITY.md).
func BenchmarkZipBomb(b *testing.B) {
	for name, file := range map[string][]byte{
		"sheet":  workbook(b, nil, zeros(bombSize)),
		"beside": workbook(b, map[string]func(io.Writer){"xl/media/image1.png": zeros(bombSize)}, nil),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				_, _ = paper.Read(bytes.NewReader(file), "bomb.xlsx", paper.Options{})
			}
		})
	}
}

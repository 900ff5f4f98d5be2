package reports

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func renderUnit(t testing.TB, d UnitReportData) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := UnitReport(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func renderRegion(t testing.TB, d RegionReportData) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RegionReport(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func renderPoster(t testing.TB, d PosterData) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Poster(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func isPDF(b []byte) bool {
	return bytes.HasPrefix(b, []byte("%PDF-")) && bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF"))
}

// Needs no tool: the same data and clock give the same bytes, whatever Go's map order does on each
// run, and anything that differs gives other bytes.
func TestReportsAreDeterministic(t *testing.T) {
	cases := map[string]func() []byte{
		"unit":   func() []byte { return renderUnit(t, fixtureUnitData("id")) },
		"empty":  func() []byte { return renderUnit(t, fixtureEmptyUnitData("id")) },
		"region": func() []byte { return renderRegion(t, fixtureRegionData("id", 5)) },
		"poster": func() []byte { return renderPoster(t, fixturePosterData()) },
	}
	sums := map[[32]byte]string{}
	firsts := map[string][]byte{}
	for name, render := range cases {
		first := render()
		if !isPDF(first) {
			t.Fatalf("%s: not a PDF: %q…", name, first[:min(len(first), 20)])
		}
		// The font subsetting iterates over maps, so a dependence on Go's randomised map order
		// would show as two renderings that differ.
		if again := render(); !bytes.Equal(first, again) {
			t.Fatalf("%s: two renderings of the same data differ (%d and %d bytes)", name, len(first), len(again))
		}
		firsts[name] = first
		sum := sha256.Sum256(first)
		if other, dup := sums[sum]; dup {
			t.Errorf("%s and %s gave the same bytes", name, other)
		}
		sums[sum] = name
	}

	id, en := renderUnit(t, fixtureUnitData("id")), renderUnit(t, fixtureUnitData("en"))
	if !bytes.Equal(id, firsts["unit"]) {
		t.Error("a third rendering of the unit report differs")
	}
	if bytes.Equal(id, en) {
		t.Error("Indonesian and English reports are identical")
	}
	later := fixtureUnitData("id")
	later.Generated = later.Generated.Add(1e9)
	if bytes.Equal(id, renderUnit(t, later)) {
		t.Error("another generation time gave the same bytes")
	}
}

func TestEmptyCampaignReport(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		b := renderUnit(t, fixtureEmptyUnitData(lang))
		if !isPDF(b) {
			t.Errorf("%s: empty campaign gave no PDF", lang)
		}
		empty := fixtureRegionData(lang, 3)
		for id, u := range empty.Units {
			u.Previous = nil
			empty.Units[id] = u
		}
		empty.Summary = emptySummary(empty.Summary)
		empty.Trend = empty.Trend[1:]
		empty.Trend[0].Result = empty.Summary.Pooled
		if b := renderRegion(t, empty); !isPDF(b) {
			t.Errorf("%s: empty regional report gave no PDF", lang)
		}
	}
}

// emptySummary is the roll-up of the same units without a single response.
func emptySummary(s analytics.Summary) analytics.Summary {
	units := make([]analytics.Unit, len(s.Ranking))
	for i, r := range s.Ranking {
		units[i] = analytics.Unit{ID: r.Unit.ID, Name: r.Unit.Name, Population: r.Unit.Population}
	}
	return analytics.Rollup(units)
}

func TestReportInputIsChecked(t *testing.T) {
	cases := map[string]func(*UnitReportData){
		"words":       func(d *UnitReportData) { d.Words = nil },
		"number":      func(d *UnitReportData) { d.Number = "42" },
		"clock":       func(d *UnitReportData) { d.Generated = time.Time{} },
		"base URL":    func(d *UnitReportData) { d.BaseURL = "skm.example" },
		"unit name":   func(d *UnitReportData) { d.Unit.Name.ID = " " },
		"campaign":    func(d *UnitReportData) { d.Campaign.Key = "2026" },
		"logo format": func(d *UnitReportData) { d.Logo = []byte("GIF89a") },
	}
	for name, spoil := range cases {
		d := fixtureUnitData("id")
		spoil(&d)
		var buf bytes.Buffer
		err := UnitReport(&buf, d)
		if survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("%s: got %v, want invalid", name, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written despite the error", name, buf.Len())
		}
	}
	p := fixturePosterData()
	p.SurveyURL = "/s/dpmptsp"
	if err := Poster(&bytes.Buffer{}, p); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("relative survey address: got %v, want invalid", err)
	}
}

// pdfText extracts a PDF's text with pdftotext, or skips the test when poppler is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; install it to check the reports' text")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// The golden files hold the reports' text as pdftotext extracts it; run with -update after an
// intended change and read the diff.
func TestGoldenText(t *testing.T) {
	cases := map[string]func() []byte{
		"unit_id.txt":       func() []byte { return renderUnit(t, fixtureUnitData("id")) },
		"unit_en.txt":       func() []byte { return renderUnit(t, fixtureUnitData("en")) },
		"unit_empty_id.txt": func() []byte { return renderUnit(t, fixtureEmptyUnitData("id")) },
		"region_id.txt":     func() []byte { return renderRegion(t, fixtureRegionData("id", 14)) },
		"region_en.txt":     func() []byte { return renderRegion(t, fixtureRegionData("en", 14)) },
		"poster.txt":        func() []byte { return renderPoster(t, fixturePosterData()) },
	}
	for name, render := range cases {
		t.Run(name, func(t *testing.T) {
			got := pdfText(t, render())
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./reports -run GoldenText -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("text of %s differs from %s:\n%s", name, path, firstDiff(string(want), got))
			}
		})
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d\nwant: %q\n got: %q", i+1, a, b)
		}
	}
	return "(no line differs)"
}

// The facts a reader relies on are in the text: figures formatted for the language, symbols of
// the embedded font, page numbers, the number and its verification address.
func TestReportText(t *testing.T) {
	d := fixtureUnitData("id")
	d.Unit.Name.ID = "Puskesmas Sobo – Layanan Café ≥ 24 jam"
	text := pdfText(t, renderUnit(t, d))
	pages := strings.Count(text, "\f")
	for _, want := range []string{
		"PUSKESMAS SOBO – LAYANAN CAFÉ ≥ 24 JAM",
		"Nilai IKM " + d.Words.Dec(d.Result.Score, 2),
		fmt.Sprintf("Halaman 1 dari %d", pages),
		fmt.Sprintf("Halaman %d dari %d", pages, pages),
		"≥60 tahun",
		"Dibuat 17 Agustus 2026 pukul 17.00 WIB",
		d.Number,
		"https://skm.banyuwangikab.go.id/verifikasi?no=" + d.Number,
		"IKM = Σ (NRR unsur i × 1/9)",
		"<5",
		"Banyuwangi, 17 Agustus 2026",
		"Penanganan Pengaduan dan Saran (Unsur U8)",
		"72,7% dijawab",
		"Median waktu menjawab 2 jam 15 menit",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Times are written 17.00 in Indonesian; any other point before two digits is a decimal point.
	bad := regexp.MustCompile(`.*(NaN|Inf|\b\d+\.\d{2}\b).*`)
	if line := bad.FindString(regexp.MustCompile(`pukul \d\d\.\d\d`).ReplaceAllString(text, "")); line != "" {
		t.Errorf("an Indonesian report shows NaN, Inf or a decimal point: %q", line)
	}

	empty := pdfText(t, renderUnit(t, fixtureEmptyUnitData("en")))
	for _, want := range []string{"No respondents in this period yet", "cannot be computed", "Page 1 of", "No written complaint or suggestion was received"} {
		if !strings.Contains(empty, want) {
			t.Errorf("the empty report lacks %q", want)
		}
	}
	if line := regexp.MustCompile(`.*(NaN|\b0\.00\b).*`).FindString(empty); line != "" {
		t.Errorf("the empty report shows NaN or a zero score: %q", line)
	}
}

// pdfPages renders a PDF's pages to PNG with pdftoppm, into $SKM_TEST_ARTIFACTS when set (to
// look at them) or a temporary directory, and returns the files.
func pdfPages(t *testing.T, pdf []byte, name string, dpi int) []string {
	t.Helper()
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm (poppler-utils) is not installed; install it to render the reports' pages")
	}
	dir := os.Getenv("SKM_TEST_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(src, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool, "-r", fmt.Sprint(dpi), "-png", src, filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, name+"-*.png"))
	return files
}

func TestRenderPages(t *testing.T) {
	for name, pdf := range map[string][]byte{
		"unit":   renderUnit(t, fixtureUnitData("id")),
		"region": renderRegion(t, fixtureRegionData("id", 4)),
		"poster": renderPoster(t, fixturePosterData()),
	} {
		files := pdfPages(t, pdf, name, 40)
		if len(files) == 0 {
			t.Fatalf("%s: no page rendered", name)
		}
		for _, f := range files {
			img := decodePNG(t, f)
			if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 450 {
				t.Errorf("%s: page %s is %v, not A4 at 40 dpi", name, f, b)
			}
		}
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// The QR code drawn is the one encoded: rendered, each module's centre has the colour of the
// encoder's bitmap.
func TestQRCodeMatchesItsBitmap(t *testing.T) {
	const content = "https://skm.banyuwangikab.go.id/verifikasi?no=SKM/2026-S2/DPMPTSP/0123ABCD"
	d := newPDFDoc(fixtureWords(survey.LangID), Issue{Number: "SKM/2026-S2/DPMPTSP/0123ABCD", Generated: fixtureClock, BaseURL: "https://x.test"}, "qr", "qr")
	d.bare = true
	d.AddPage()
	const x, y, size, dpi = 20.0, 20.0, 80.0, 150
	if err := d.qrCode(x, y, size, content); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.finish(&buf); err != nil {
		t.Fatal(err)
	}
	files := pdfPages(t, buf.Bytes(), "qr", dpi)
	img := decodePNG(t, files[0])
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	bits := q.Bitmap()
	module := size / float64(len(bits))
	px := func(mm float64) int { return int(mm / 25.4 * dpi) }
	wrong := 0
	for r, line := range bits {
		for c, dark := range line {
			cr, _, _, _ := img.At(px(x+(float64(c)+0.5)*module), px(y+(float64(r)+0.5)*module)).RGBA()
			if (cr < 0x8000) != dark {
				wrong++
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d modules have the wrong colour", wrong, len(bits)*len(bits))
	}
}

// The running header says the whole name and the period on every page after the cover, on two
// lines when one is too short, never cut off.
func TestRunningHeaderIsWhole(t *testing.T) {
	space := regexp.MustCompile(`\s+`)
	for name, c := range map[string]struct {
		pdf   []byte
		parts []string
	}{
		"unit en":   {renderUnit(t, fixtureUnitData("en")), []string{"Survey report · Investment and One-Stop Integrated Service Office", "Semester 2, 2026"}},
		"unit id":   {renderUnit(t, fixtureUnitData("id")), []string{"Laporan SKM · Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Semester II 2026"}},
		"region en": {renderRegion(t, fixtureRegionData("en", 3)), []string{"Survey report · Banyuwangi Regency · Semester 2, 2026"}},
		"region id": {renderRegion(t, fixtureRegionData("id", 3)), []string{"Laporan SKM · Kabupaten Banyuwangi · Semester II 2026"}},
	} {
		text := pdfText(t, c.pdf)
		pages := strings.Split(text, "\f")
		for i, page := range pages[1 : len(pages)-1] {
			flat := space.ReplaceAllString(page, " ")
			for _, part := range c.parts {
				if !strings.Contains(flat, part) {
					t.Errorf("%s: page %d's header lacks %q: %.200q", name, i+2, part, flat)
				}
			}
		}
		if strings.Contains(strings.ReplaceAll(text, "U1 … U9", ""), "…") {
			t.Errorf("%s: something is cut off with an ellipsis", name)
		}
	}
}

// The conclusion names the same priority elements as chapter IV's analysis: every one the
// ranking marks, not the first few.
func TestConclusionNamesEveryPriority(t *testing.T) {
	d := fixtureUnitData("en")
	var want []string
	for _, p := range d.Priorities {
		if p.FollowUp {
			want = append(want, p.Code)
		}
	}
	flat := strings.Join(strings.Fields(pdfText(t, renderUnit(t, d))), " ")
	lists := regexp.MustCompile(`The priority elements, below the unit's average or graded C/D, are (.*?)\. The strongest`).FindAllStringSubmatch(flat, -1)
	if len(lists) != 2 {
		t.Fatalf("%d sentences naming the priorities, want chapter IV's and the conclusion's", len(lists))
	}
	for _, l := range lists {
		if got := regexp.MustCompile(`U\d`).FindAllString(l[1], -1); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("priorities %v, want %v", got, want)
		}
	}
	if len(want) < 4 {
		t.Fatalf("the fixture has %d priorities; the test needs more than three", len(want))
	}
}

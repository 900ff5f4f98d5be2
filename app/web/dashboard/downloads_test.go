package dashboard_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/survey"
)

// readCSV reads a download, checking the byte-order mark spreadsheets need.
func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	if !strings.HasPrefix(body, "\ufeff") {
		t.Error("CSV without a UTF-8 byte-order mark")
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// readXLSX reads the first sheet of a download.
func readXLSX(t *testing.T, body string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %v", name, header)
	return -1
}

func TestResponsesExportNeutralisesFormulasAndGivesWords(t *testing.T) {
	e := apptest.New(t)
	seedDashboard(e)
	b := e.SignedIn("kepala-dpm", survey.RoleUnitHead, "dpmptsp")
	for _, ext := range []string{"csv", "xlsx"} {
		resp, body := b.Get("/ekspor/2026-S2/unit/dpmptsp/responses." + ext)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", ext, resp.StatusCode, body)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "skm-2026-S2-dpmptsp-responses."+ext) {
			t.Errorf("%s: Content-Disposition %q", ext, cd)
		}
		var rows [][]string
		if ext == "csv" {
			rows = readCSV(t, body)
		} else {
			rows = readXLSX(t, body)
		}
		if len(rows) != 41 {
			t.Fatalf("%s: %d rows, want a header and 40 responses", ext, len(rows))
		}
		header := rows[0]
		saran, u4, u4Words, unit := column(t, header, "saran"), column(t, header, "U4"), column(t, header, "U4_jawaban"), column(t, header, "unit")
		formulas := 0
		for _, row := range rows[1:] {
			if row[unit] != "dpmptsp" {
				t.Errorf("%s: a row of unit %q", ext, row[unit])
			}
			for i, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: column %s holds %q, which a spreadsheet would run", ext, header[i], cell)
				}
			}
			if len(row) > saran && row[saran] == "'"+formulaSuggestion {
				formulas++
			}
			if score, err := strconv.Atoi(row[u4]); err == nil {
				if want := survey.StandardQuestions[3].Answers[score-1].ID; row[u4Words] != want {
					t.Errorf("%s: U4 answered %d worded %q, want %q", ext, score, row[u4Words], want)
				}
			} else if row[u4] != "" {
				t.Errorf("%s: U4 %q is not a score", ext, row[u4])
			}
		}
		if formulas == 0 {
			t.Errorf("%s: the formula suggestion is missing or not neutralised", ext)
		}
	}
	entries, err := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "export"})
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, a := range entries {
		targets = append(targets, a.Actor+" "+a.Target+" "+a.Detail)
	}
	joined := strings.Join(targets, "\n")
	for _, want := range []string{"kepala-dpm 2026-S2/dpmptsp/responses.csv 40 rows", "kepala-dpm 2026-S2/dpmptsp/responses.xlsx 40 rows"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit log lacks %q:\n%s", want, joined)
		}
	}
}

func TestRegionResponsesExportHasEveryUnit(t *testing.T) {
	e := apptest.New(t)
	seedDashboard(e)
	resp, body := e.SignedIn("admin1", survey.RoleAdmin).Get("/ekspor/2026-S1/responses.csv?lang=en")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	rows := readCSV(t, body)
	units := map[string]int{}
	col := column(t, rows[0], "unit")
	column(t, rows[0], "U9_answer")
	for _, row := range rows[1:] {
		units[row[col]]++
	}
	if units["dpmptsp"] != 30 || units["rsud-blambangan"] != 12 {
		t.Errorf("rows per unit %v", units)
	}
}

func TestTableExportsMatchTheDashboard(t *testing.T) {
	e := apptest.New(t)
	seedDashboard(e)
	b := e.SignedIn("admin1", survey.RoleAdmin)
	_, r := unitResult(e, "2026-S2", "dpmptsp", "pbg")
	resp, body := b.Get("/ekspor/2026-S2/unit/dpmptsp/elements.csv?layanan=pbg")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	rows := readCSV(t, body)
	if len(rows) != 11 {
		t.Fatalf("%d rows: a header, nine elements and the index", len(rows))
	}
	score := column(t, rows[0], "Nilai")
	for i, el := range r.Elements {
		if got, want := rows[i+1][score], strconv.FormatFloat(el.Score, 'f', -1, 64); got != want {
			t.Errorf("%s score %s, analytics %s", el.Code, got, want)
		}
	}
	if got := rows[10][score]; got != strconv.FormatFloat(r.Score, 'f', -1, 64) {
		t.Errorf("index %s, analytics %v", got, r.Score)
	}

	// A browser asks for compression; the spooled file must come through it whole.
	req := httptest.NewRequest(http.MethodGet, "/ekspor/2026-S2/unit/dpmptsp/elements.csv?layanan=pbg", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, zipped := b.Send(req)
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(strings.NewReader(zipped))
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := io.ReadAll(zr)
		zipped = string(plain)
	}
	if zipped != body {
		t.Errorf("the download differs when compressed:\n%q\n%q", zipped, body)
	}

	resp, body = b.Get("/ekspor/2026-S2/unit/dpmptsp/profile.xlsx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("profile: %d", resp.StatusCode)
	}
	profile := readXLSX(t, body)
	for _, caption := range []string{"Jenis kelamin", "Kelompok umur", "Pendidikan", "Pekerjaan", "Saluran pengisian"} {
		found := false
		for _, row := range profile {
			found = found || (len(row) > 0 && row[0] == caption)
		}
		if !found {
			t.Errorf("profile download lacks the %s table", caption)
		}
	}

	resp, body = b.Get("/ekspor/2026-S2/ranking.xlsx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("ranking: %d", resp.StatusCode)
	}
	if ranking := readXLSX(t, body); len(ranking) != 3 || ranking[1][0] != "1" {
		t.Errorf("ranking %v", ranking)
	}
}

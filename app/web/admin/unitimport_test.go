package admin_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// badCells returns the bad cells a preview lists, as "row/column".
func badCells(t *testing.T, body string) []string {
	t.Helper()
	var cells []string
	apptest.Doc(t, body).Find("#cells > ul > li").Each(func(_ int, s *goquery.Selection) {
		var row int
		var col string
		if _, err := fmt.Sscanf(s.Text(), "Baris %d, kolom %s", &row, &col); err != nil {
			t.Errorf("cell %q: %v", s.Text(), err)
		}
		cells = append(cells, fmt.Sprintf("%d/%s", row, strings.TrimSuffix(col, ":")))
	})
	return cells
}

// importEnv is a test server whose database the test also reads, to count the documents the
// kept uploads take.
type importEnv struct {
	*apptest.Env
	db *driver.Database
}

func newImportEnv(t *testing.T) importEnv {
	t.Helper()
	db := surveytest.MustOpenDatabase(t)
	return importEnv{apptest.NewOn(t, surveytest.MustOpenStoreOn(t, db, mongo.Options{})), db}
}

func (e importEnv) uploadsKept(t *testing.T) int64 {
	t.Helper()
	n, err := e.db.Collection("uploads").CountDocuments(ctx, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestUnitImportListsEveryBadCell uploads a CSV with a slug used twice, an OPD the region does
// not list, a bad population and bad services: the preview lists exactly those cells, offers no
// confirmation, and nothing is stored or kept.
func TestUnitImportListsEveryBadCell(t *testing.T) {
	e := newImportEnv(t)
	e.Seed()
	withOPDs(t, e.Env, "DPMPTSP", "RSUD Blambangan", "Dinas Kesehatan")
	b := e.SignedIn("admin", survey.RoleAdmin)
	b.Get("/admin/unit/impor")
	csv := "slug,name,opd,population,services\n" +
		"puskesmas-sobo,Puskesmas Sobo,Dinas Kesehatan,1200,Rawat jalan|Imunisasi\n" +
		"puskesmas-kabat,Puskesmas Kabat,Dinas Pendidikan,,\n" +
		"puskesmas-sobo,Puskesmas Sobo Dua,Dinas Kesehatan,,\n" +
		"\n" +
		"kecamatan-giri,Kecamatan Giri,dinas kesehatan,banyak,X Y;Nama|x-y;Lagi\n"
	resp, body := postFile(t, b, "/admin/unit/impor", nil, "file", "unit.csv", []byte(csv))
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := fmt.Sprint(badCells(t, body)); got != "[3/opd 4/slug 6/services 6/population]" {
		t.Errorf("bad cells %s", got)
	}
	d := apptest.Doc(t, body)
	if !strings.Contains(d.Find("#cells").Text(), `slug "puskesmas-sobo" sudah dipakai di baris 2`) || !strings.Contains(d.Find("#cells").Text(), `"Dinas Pendidikan" tidak ada dalam daftar OPD`) {
		t.Errorf("the messages do not say what is wrong: %s", d.Find("#cells").Text())
	}
	if d.Find("form[action^='/admin/unit/impor/']").Length() != 0 {
		t.Error("a file with bad cells may be confirmed")
	}
	if units, _ := e.Store.Units(ctx, survey.UnitFilter{}); len(units) != 2 || e.uploadsKept(t) != 0 {
		t.Errorf("a refused file stored %d units, kept %d upload documents", len(units), e.uploadsKept(t))
	}
}

// TestUnitImport5000RowsWith3BadCells uploads a 5,000-row workbook with three bad cells among
// them: exactly those three are listed, by row and column.
func TestUnitImport5000RowsWith3BadCells(t *testing.T) {
	e := apptest.New(t)
	withOPDs(t, e, "Kecamatan", "Dinas Kesehatan")
	rows := [][]any{{"slug", "name", "opd", "population"}}
	for i := range 5000 {
		rows = append(rows, []any{fmt.Sprintf("unit-%04d", i), fmt.Sprintf("Unit %d", i), "Kecamatan", 100 + i})
	}
	rows[1201][2] = "Kecamatan Lama" // row 1202: an OPD not listed
	rows[3333][0] = rows[17][0]      // row 3334: a slug already on row 18
	rows[4999][3] = "-7"             // row 5000: a negative population
	b := e.SignedIn("admin", survey.RoleAdmin)
	b.Get("/admin/unit/impor")
	resp, body := postFile(t, b, "/admin/unit/impor", nil, "file", "unit.xlsx", apptest.XLSXFile(t, rows))
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := fmt.Sprint(badCells(t, body)); got != "[1202/opd 3334/slug 5000/population]" {
		t.Errorf("bad cells %s", got)
	}
	if units, _ := e.Store.Units(ctx, survey.UnitFilter{}); len(units) != 0 {
		t.Errorf("%d units stored from a file with bad cells", len(units))
	}
}

// TestUnitImportConfirm previews a good file (nothing stored yet), confirms it (an existing slug
// updated, not duplicated; the file forgotten), and refuses a second confirmation, another
// administrator's confirmation and an expired one.
func TestUnitImportConfirm(t *testing.T) {
	e := newImportEnv(t)
	e.Seed()
	b := e.SignedIn("admin", survey.RoleAdmin)
	b.Get("/admin/unit/impor")
	csv := "slug,name,opd,name_en,services,population\n" +
		"dpmptsp,Dinas Penanaman Modal dan PTSP Kabupaten,DPMPTSP,,,15.000\n" +
		`puskesmas-sobo,Puskesmas Sobo,Dinas Kesehatan,Sobo Health Centre,"rawat-jalan;Rawat jalan;Outpatient care|Imunisasi",` + "\n" +
		"kecamatan-giri,Kecamatan Giri,Kecamatan,,Surat keterangan|KTP,\n"
	resp, body := postFile(t, b, "/admin/unit/impor", nil, "file", "unit.csv", []byte(csv))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d %s", resp.StatusCode, apptest.Doc(t, body).Find("main").Text())
	}
	d := apptest.Doc(t, body)
	if !strings.Contains(d.Find("#preview-h").Parent().Text(), "3 baris: 2 unit baru, 1 unit diperbarui") || d.Find("tbody tr").Length() != 3 {
		t.Errorf("preview: %s", d.Find("#preview-h").Parent().Text())
	}
	action, _ := d.Find("form[action^='/admin/unit/impor/']").First().Attr("action")
	if units, _ := e.Store.Units(ctx, survey.UnitFilter{}); len(units) != 2 || e.uploadsKept(t) != 2 {
		t.Fatalf("before confirmation: %d units, %d upload documents", len(units), e.uploadsKept(t))
	}

	other := e.SignedIn("other", survey.RoleAdmin)
	other.Get("/admin/unit/impor")
	if resp, _ := other.Post(action, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another administrator confirms the file: %d", resp.StatusCode)
	}

	resp, _ = b.Post(action, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/unit?impor=3" {
		t.Fatalf("confirm: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	units, _ := e.Store.Units(ctx, survey.UnitFilter{})
	if len(units) != 4 {
		t.Fatalf("%d units after the import, want 4", len(units))
	}
	dp, _ := e.Store.Unit(ctx, "dpmptsp")
	if dp.Name.ID != "Dinas Penanaman Modal dan PTSP Kabupaten" || dp.Name.EN != "Investment Office" || len(dp.Services) != 2 || dp.Population != 15000 {
		t.Errorf("the updated unit %+v: blank cells must leave its values", dp)
	}
	sobo, _ := e.Store.Unit(ctx, "puskesmas-sobo")
	if !sobo.Active || len(sobo.Services) != 2 || sobo.Services[0].Name.EN != "Outpatient care" || sobo.Services[1].Code != "imunisasi" {
		t.Errorf("the new unit %+v", sobo)
	}
	if e.uploadsKept(t) != 0 {
		t.Error("the confirmed file is still kept")
	}
	if entries := auditActions(t, e.Env, "unit.import"); len(entries) != 1 || entries[0].Detail != "2 new, 1 updated" {
		t.Errorf("audit %+v", entries)
	}
	b.Get("/admin/unit/impor")
	resp, body = b.Post(action, nil)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "sudah kedaluwarsa atau sudah diproses") {
		t.Errorf("confirming twice: %d", resp.StatusCode)
	}

	// A file left unconfirmed expires after an hour, and the next upload forgets it. The clock
	// moves in steps the browser's session survives.
	_, body = postFile(t, b, "/admin/unit/impor", nil, "file", "unit.csv", []byte(csv))
	late, _ := apptest.Doc(t, body).Find("form[action^='/admin/unit/impor/']").First().Attr("action")
	for range 3 {
		e.Now = e.Now.Add(25 * time.Minute)
		b.Get("/admin/unit/impor")
	}
	postFile(t, b, "/admin/unit/impor", nil, "file", "unit.csv", []byte(csv))
	if resp, _ := b.Post(late, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an expired file confirmed: %d", resp.StatusCode)
	}
	if n := e.uploadsKept(t); n != 2 {
		t.Errorf("%d upload documents, want the newest file's header and chunk", n)
	}
}

// TestUnitImportTemplates offers both templates, each of which imports as it is.
func TestUnitImportTemplates(t *testing.T) {
	for _, ext := range []string{"csv", "xlsx"} {
		e := apptest.New(t)
		b := e.SignedIn("admin", survey.RoleAdmin)
		resp, file := b.Get("/admin/unit/impor/templat." + ext)
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "unit."+ext) {
			t.Fatalf("%s template: %d", ext, resp.StatusCode)
		}
		b.Get("/admin/unit/impor")
		resp, body := postFile(t, b, "/admin/unit/impor", nil, "file", "unit."+ext, []byte(file))
		if d := apptest.Doc(t, body); resp.StatusCode != http.StatusOK || d.Find("tbody tr").Length() != 2 {
			t.Errorf("%s template imports with %d: %s", ext, resp.StatusCode, d.Find("main").Text())
		}
	}
}

// TestUnitImportRefusesUnreadableFiles names the problem of a file that is not a unit
// spreadsheet next to the file field.
func TestUnitImportRefusesUnreadableFiles(t *testing.T) {
	e := apptest.New(t)
	b := e.SignedIn("admin", survey.RoleAdmin)
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"columns": {[]byte("kode,nama\nx,y\n"), "kolom wajib: slug, opd"},
		"empty":   {[]byte("slug,name,opd\n"), "tidak memuat satu unit pun"},
		"xlsx":    {[]byte("PK\x03\x04 not a workbook"), "XLSX tidak dapat dibuka"},
	} {
		b.Get("/admin/unit/impor")
		resp, body := postFile(t, b, "/admin/unit/impor", nil, "file", name+".csv", tc.data)
		if msg := strings.TrimSpace(apptest.Doc(t, body).Find("#file-err").Text()); resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: %d %q", name, resp.StatusCode, msg)
		}
	}
}

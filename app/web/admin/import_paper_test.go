package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

const importPage = "/admin/kampanye/2026-S2/unit/dpmptsp/impor"

// vectorB is METHOD.md's vector B (score 81.25) as a clerk types it: profile columns, the header
// in its own order, blank cells, and a complaint.
const vectorB = "tanggal;layanan;U3;U1;U2;U4;U5;U6;U7;U8;U9;jenis_kelamin;umur;saran;jenis\n" +
	"17/08/2026;izin-usaha;;4;4;4;3;3;4;3;3;P;34;Antrean lama;keluhan\n" +
	"17/08/2026;pbg;3;3;3;4;3;3;3;3;3;L;45;;\n" +
	"18/08/2026;;2;2;3;4;3;;3;2;3;;;;\n" +
	"2026-08-19;izin-usaha;3;4;3;4;4;4;4;3;4;L;61;;\n"

func storedPaper(t *testing.T, e *apptest.Env) int {
	t.Helper()
	n := 0
	err := e.Store.EachResponse(context.Background(), "2026-S2", "dpmptsp", func(r *survey.Response) error {
		if r.Channel == survey.ChannelPaper {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// upload sends the file to the import page and returns the preview's confirm form's upload ID.
func upload(t *testing.T, b *apptest.Browser, name string, file []byte) (*http.Response, string, string) {
	t.Helper()
	b.Get(importPage)
	resp, html := b.Upload(importPage, "file", name, file, nil)
	return resp, html, doc(t, html).Find(`#confirm input[name="upload"]`).AttrOr("value", "")
}

// The whole path of a file: a preview that stores nothing, the confirmation that stores it once,
// and the same file again that stores nothing and says so.
func TestPaperImportPreviewConfirmAndAgain(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.SubmitRows("web", "dpmptsp", apptest.VectorA...)
	admin := e.SignedIn("admin", survey.RoleAdmin)

	_, html := admin.Get(importPage)
	d := doc(t, html)
	if d.Find(`#upload input[type="file"][name="file"]`).Length() != 1 || d.Find(`a[href$="/impor/templat.csv"]`).Length() != 1 {
		t.Fatal("the import page has no upload form or template")
	}
	resp, html, id := upload(t, admin, "kertas agustus.csv", []byte(vectorB))
	d = doc(t, html)
	if resp.StatusCode != http.StatusOK || id == "" || d.Find("#rows").Text() != "4" || d.Find("#complaints").Text() != "1" {
		t.Fatalf("preview: %d, upload %q, rows %q\n%s", resp.StatusCode, id, d.Find("#rows").Text(), d.Find("main").Text())
	}
	// Vector B alone is 81.25; vector A (81.67, 10 respondents) with it pooled is computed below.
	if got := d.Find("#index-file").Text(); !strings.HasPrefix(got, "81,25 (mutu B") || !strings.Contains(got, "4 responden") {
		t.Errorf("the file's index: %q", got)
	}
	if got := d.Find("#index-before").Text(); !strings.HasPrefix(got, "81,67") || !strings.Contains(got, "10 responden") {
		t.Errorf("the unit's index now: %q", got)
	}
	if got := d.Find("#index-after").Text(); !strings.Contains(got, "14 responden") {
		t.Errorf("the unit's index after: %q", got)
	}
	if n := storedPaper(t, e); n != 0 {
		t.Fatalf("the preview stored %d questionnaires", n)
	}

	resp, _ = admin.Post(importPage+"/konfirmasi", url.Values{"upload": {id}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != importPage+"?stored=4&dup=0" {
		t.Fatalf("confirm: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := storedPaper(t, e); n != 4 {
		t.Errorf("%d questionnaires stored, want 4", n)
	}
	_, html = admin.Get(resp.Header.Get("Location"))
	if got := doc(t, html).Find("#done").Text(); !strings.Contains(got, "4 kuesioner disimpan, 0 sudah ada") {
		t.Errorf("after the import the page says %q", got)
	}
	tally, _ := e.Store.Tally(context.Background(), "2026-S2")
	if got := tally.Unit("dpmptsp").Total().All.Respondents; got != 14 {
		t.Errorf("the unit has %d respondents, want 14", got)
	}
	// The complaint on paper opened a case whose clock starts at the import, not on the day
	// written on the form.
	region, _ := e.Store.Region(context.Background())
	var due []string
	for _, c := range tally.Unit("dpmptsp").Cases {
		words, err := e.Store.CaseText(context.Background(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if words.Text == "Antrean lama" {
			due = append(due, c.DueAt.UTC().String())
		}
	}
	if want := region.CaseDue(e.Now).UTC().String(); len(due) != 1 || due[0] != want {
		t.Errorf("the paper complaint's cases are due %v, want one due %s", due, want)
	}
	if got, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "import.paper"}); len(got) != 1 || !strings.Contains(got[0].Detail, "4 rows, 4 stored") {
		t.Errorf("audit: %+v", got)
	}
	if _, err := e.Store.Upload(context.Background(), id, e.Now); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("the confirmed upload is still kept: %v", err)
	}
	// The confirm form sent again finds its upload gone and says so.
	resp, html = admin.Post(importPage+"/konfirmasi", url.Values{"upload": {id}})
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(doc(t, html).Find("#problem").Text(), "sudah kedaluwarsa atau sudah diproses") {
		t.Errorf("confirming twice: %d", resp.StatusCode)
	}

	// The same bytes again, under another name: nothing new, said before anything is offered.
	resp, html, id = upload(t, admin, "salinan.csv", []byte(vectorB))
	d = doc(t, html)
	if resp.StatusCode != http.StatusOK || id != "" || d.Find(`#stored[data-stored="all"]`).Length() != 1 ||
		!strings.Contains(d.Find("#index-after").Text(), "14 responden") {
		t.Errorf("the same file again: %d, upload %q, %q", resp.StatusCode, id, d.Find("#stored").Text())
	}
	if n := storedPaper(t, e); n != 4 {
		t.Errorf("%d questionnaires after the second upload, want 4", n)
	}
	wantRecount(t, e)
}

func wantRecount(t *testing.T, e *apptest.Env) {
	t.Helper()
	diff, err := e.Store.Verify(context.Background(), "2026-S2")
	if err != nil || len(diff) > 0 {
		t.Errorf("tallies differ from a recount (%v):\n%s", err, strings.Join(diff, "\n"))
	}
}

// Bad files: every bad cell listed and no confirmation offered; a file for another questionnaire
// refused by its header, saying so. Nothing is stored or kept.
func TestPaperImportRefusesBadFiles(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	const h = "U1,U2,U3,U4,U5,U6,U7,U8,U9"
	for _, tc := range []struct {
		name, file string
		status     int
		says       []string
	}{
		{"bad cells", "layanan," + h + ",jenis_kelamin\npbg,4,4,4,4,4,4,4,4,4,P\npbg,4,5,4,4,4,4,4,4,4,P\nktp,4,4,4,empat,4,4,4,4,4,wanita\n", 400,
			[]string{"4 masalah", "baris 3, kolom U2", "baris 4, kolom U4", "baris 4, kolom jenis kelamin", `baris 4: Unit dpmptsp tidak menyediakan layanan "ktp"`}},
		{"an element missing", "U1,U2,U3,U4,U5,U6,U7,U8\n4,4,4,4,4,4,4,4\n", 400,
			[]string{"tidak sesuai dengan kuesioner Semester II 2026", "kolom U9 tidak ada"}},
		{"a tenth question", h + ",U10\n4,4,4,4,4,4,4,4,4,4\n", 400,
			[]string{"tidak sesuai dengan kuesioner Semester II 2026", "U10 bukan salah satu dari sembilan unsur kuesioner versi 1 (Semester II 2026)"}},
		{"not a spreadsheet", "PK\x03\x04rusak", 400, []string{"bukan buku kerja XLSX"}},
	} {
		resp, html, id := upload(t, admin, "kertas.csv", []byte(tc.file))
		d := doc(t, html)
		said := d.Find("#problem").Text() + " " + d.Find("#problems").Text()
		if resp.StatusCode != tc.status || id != "" {
			t.Errorf("%s: status %d, upload %q", tc.name, resp.StatusCode, id)
		}
		for _, want := range tc.says {
			if !strings.Contains(said, want) {
				t.Errorf("%s: the page does not say %q:\n%s", tc.name, want, said)
			}
		}
	}
	if n := storedPaper(t, e); n != 0 {
		t.Errorf("bad files stored %d questionnaires", n)
	}
	resp, html := admin.Upload(importPage, "file", "kosong.csv", nil, nil)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(doc(t, html).Find("#problem").Text(), "kosong") {
		t.Errorf("an empty file: %d", resp.StatusCode)
	}
}

// Who may import: administrators always, while the campaign takes paper; a unit head only for
// their own unit, while it is open, and where the region allows it. A closed, archived or
// published campaign refuses everyone, saying why; a preview kept for one person cannot be
// confirmed by another.
func TestPaperImportWhoAndWhen(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	other := e.SignedIn("kepala-rs", survey.RoleUnitHead, "rsud-blambangan")
	file := []byte("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,3\n")

	resp, html := head.Get(importPage)
	if d := doc(t, html); resp.StatusCode != http.StatusOK || !strings.Contains(d.Find("#refusal").Text(), "dimasukkan oleh administrator") || d.Find("#upload").Length() != 0 {
		t.Errorf("a head where the region does not allow it: %d %q", resp.StatusCode, d.Find("#refusal").Text())
	}
	if resp, _ := head.Upload(importPage, "file", "k.csv", file, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a head's upload where the region does not allow it: %d", resp.StatusCode)
	}
	if resp, _ := other.Get(importPage); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another unit's head: %d", resp.StatusCode)
	}
	e.AllowHeadsImportPaper()
	_, _, id := upload(t, head, "k.csv", file)
	if id == "" {
		t.Fatal("a head where the region allows it gets no preview")
	}
	// The admin cannot confirm the head's upload: it is not theirs.
	admin.Get(importPage)
	if resp, _ := admin.Post(importPage+"/konfirmasi", url.Values{"upload": {id}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("confirming another's upload: %d", resp.StatusCode)
	}
	if resp, _ := head.Post(importPage+"/konfirmasi", url.Values{"upload": {id}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the head confirms: %d", resp.StatusCode)
	}

	// A preview made while open cannot be confirmed once the campaign closed.
	_, _, late := upload(t, admin, "late.csv", []byte("U1,U2,U3,U4,U5,U6,U7,U8,U9\n3,3,3,3,3,3,3,3,3\n"))
	ctx := context.Background()
	if _, err := e.Store.TransitionCampaign(ctx, "2026-S2", survey.StateClosed, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	resp, html = admin.Post(importPage+"/konfirmasi", url.Values{"upload": {late}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(doc(t, html).Find("#refusal").Text(), "sudah ditutup") {
		t.Errorf("confirming after the close: %d", resp.StatusCode)
	}
	for _, step := range []struct {
		name string
		do   func() error
		says string
	}{
		{"closed", func() error { return nil }, "Periode 2026-S2 sudah ditutup"},
		{"archived", func() error {
			_, err := e.Store.TransitionCampaign(ctx, "2026-S2", survey.StateArchived, "test", e.Now)
			return err
		}, "sudah diarsipkan"},
		{"published", func() error { _, err := e.Store.PublishCampaign(ctx, "2026-S2", e.Now); return err }, "sudah diterbitkan untuk masyarakat"},
	} {
		if err := step.do(); err != nil {
			t.Fatal(err)
		}
		for who, b := range map[string]*apptest.Browser{"admin": admin, "head": head} {
			resp, html := b.Get(importPage)
			if d := doc(t, html); resp.StatusCode != http.StatusOK || !strings.Contains(d.Find("#refusal").Text(), step.says) || d.Find("#upload").Length() != 0 {
				t.Errorf("%s, %s: the page: %d %q", step.name, who, resp.StatusCode, d.Find("#refusal").Text())
			}
			if resp, _ := b.Upload(importPage, "file", "k.csv", file, nil); resp.StatusCode != http.StatusConflict {
				t.Errorf("%s, %s: an upload: %d", step.name, who, resp.StatusCode)
			}
		}
	}
	if n := storedPaper(t, e); n != 1 {
		t.Errorf("%d paper questionnaires stored, want the head's one", n)
	}
}

// The templates carry the campaign's questionnaire: its columns, and in the workbook a guide with
// each element's question and the unit's service codes. A filled template imports as it is.
func TestPaperTemplates(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	resp, csv := admin.Get(importPage + "/templat.csv")
	if resp.StatusCode != http.StatusOK || csv != "tanggal,layanan,jenis_kelamin,umur,pendidikan,pekerjaan,U1,U2,U3,U4,U5,U6,U7,U8,U9,saran\n" {
		t.Errorf("CSV template: %d %q", resp.StatusCode, csv)
	}
	resp, body := admin.Get(importPage + "/templat.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if resp.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("XLSX template: %d %v", resp.StatusCode, err)
	}
	defer f.Close()
	guide, _ := f.GetRows("Petunjuk")
	var text strings.Builder
	for _, row := range guide {
		fmt.Fprintln(&text, strings.Join(row, " | "))
	}
	for _, want := range []string{"izin-usaha (Izin usaha)", "U1 | Skor 1 sampai 4", "persyaratan pelayanan", "requirements of the service"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the guide lacks %q:\n%s", want, text.String())
		}
	}
	filled := csv + "17/08/2026,pbg,P,30,SMA,Swasta,4,4,4,4,4,4,4,4,4,\n"
	if _, _, id := upload(t, admin, "templat.csv", []byte(filled)); id == "" {
		t.Error("a filled template is refused")
	}
	if resp, _ := admin.Get(importPage + "/templat.pdf"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a template in another format: %d", resp.StatusCode)
	}
}

// The unit's dashboard leads those who may import to the import page, and no one else.
func TestDashboardLeadsToPaperImport(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.AllowHeadsImportPaper()
	for who, b := range map[string]*apptest.Browser{
		"admin":  e.SignedIn("admin", survey.RoleAdmin),
		"head":   e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp"),
		"viewer": e.SignedIn("viewer", survey.RoleViewer),
	} {
		_, html := b.Get("/dasbor/unit/dpmptsp")
		if got, want := doc(t, html).Find(`a[href="`+importPage+`"]`).Length(), map[string]int{"admin": 1, "head": 1}[who]; got != want {
			t.Errorf("%s: %d links to the import page, want %d", who, got, want)
		}
	}
}

// A file whose every row carries a long suggestion is stored in batches small enough that no
// document of the tally log nears 1 MiB: each batch's records are kept in one document.
func TestPaperImportKeepsTallyDocumentsSmall(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	e := apptest.NewOn(t, surveytest.MustOpenStoreOn(t, db, mongo.Options{}))
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	var file strings.Builder
	file.WriteString("U1,U2,U3,U4,U5,U6,U7,U8,U9,saran\n")
	for i := range 400 {
		// Every one of these characters is written \u003c, \u0026 or \u003e in the log's JSON.
		fmt.Fprintf(&file, "4,4,4,4,4,4,4,4,%d,%s\n", 1+i%4, strings.Repeat("<&>", survey.MaxSuggestion/3))
	}
	_, _, id := upload(t, admin, "saran.csv", []byte(file.String()))
	if resp, _ := admin.Post(importPage+"/konfirmasi", url.Values{"upload": {id}}); resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "stored=400") {
		t.Fatalf("import: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The tally log lives beside the responses; its documents name their campaign in "log".
	cur, err := db.Collection("responses").Find(context.Background(), bson.D{{Key: "log", Value: bson.D{{Key: "$exists", Value: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	largest, entries := 0, 0
	for cur.Next(context.Background()) {
		largest, entries = max(largest, len(cur.Current)), entries+1
	}
	if entries < 2 {
		t.Fatalf("%d tally log documents: the test reads the wrong place", entries)
	}
	if largest > 512<<10 {
		t.Errorf("a tally log document of %d bytes", largest)
	}
	wantRecount(t, e)
}

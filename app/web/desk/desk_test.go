package desk_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/skm-engine/skm/survey"
)

// workingDay fills the open campaign with a unit's day of messages, a minute apart: 27
// complaints, 17 suggestions and 6 praise at the licensing office, and two complaints at the
// hospital; then one more complaint at the licensing office, filed through the resident's form,
// whose tracking code it returns.
func workingDay(e *apptest.Env) string {
	e.T.Helper()
	for i := range 50 {
		kind, text := survey.KindComplaint, fmt.Sprintf("Berkas nomor %d belum selesai.", i)
		switch {
		case i%5 == 1 || i%5 == 3 && i < 35:
			kind, text = survey.KindSuggestion, fmt.Sprintf("Mohon tambah kursi di ruang tunggu %d.", i)
		case i%5 == 4 && i < 30:
			kind, text = survey.KindPraise, fmt.Sprintf("Petugas ramah, terima kasih %d.", i)
		}
		e.SubmitMessage("dpmptsp", kind, text)
		e.Now = e.Now.Add(time.Minute)
	}
	e.SubmitMessage("rsud-blambangan", survey.KindComplaint, "Obat habis di apotek.")
	e.SubmitMessage("rsud-blambangan", survey.KindComplaint, "Antrean rawat jalan panjang.")
	return e.Browser().FileComplaint("dpmptsp", "Kode saya K7QX, izin usaha hilang.")
}

// rows returns the desk's listed cases on the page.
func rows(t *testing.T, body string) *goquery.Selection {
	t.Helper()
	return apptest.Doc(t, body).Find("#cases tbody tr")
}

// TestDeskShowsOnePageAndFindsByCode: a unit head's desk shows one page of 25 cases at a time,
// with the pages to come; a tracking code read out by a resident, typed in any case and without
// dashes, opens its case, while no page ever lists a code; a search by text finds the cases whose
// words hold it; the filters narrow the list.
func TestDeskShowsOnePageAndFindsByCode(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	code := workingDay(e)
	id := e.FindCase(code).ID
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")

	_, body := head.Get("/pengaduan")
	d := apptest.Doc(t, body)
	if n := rows(t, body).Length(); n != 25 {
		t.Fatalf("the first page lists %d cases, want 25", n)
	}
	if got := d.Find("#count").Text(); got != "Pesan 1–25 dari 51." {
		t.Errorf("count %q", got)
	}
	if next := d.Find(`.pager a[rel=next]`).AttrOr("href", ""); next != "/pengaduan?hal=2" {
		t.Errorf("next page %q", next)
	}
	if strings.Contains(body, "Obat habis") {
		t.Error("the head of the licensing office reads the hospital's complaint")
	}
	_, last := head.Get("/pengaduan?hal=99")
	if n := rows(t, last).Length(); n != 1 || apptest.Doc(t, last).Find(".pager a[rel=next]").Length() != 0 {
		t.Errorf("a page past the end shows the last page: %d rows", n)
	}

	for _, typed := range []string{code, strings.ToLower(strings.ReplaceAll(code, "-", "")), " " + strings.ReplaceAll(code, "-", " ") + " "} {
		resp, _ := head.Get("/pengaduan?cari=" + url.QueryEscape(typed))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != link.Case(id) {
			t.Errorf("search %q: %d %q, want the case's page", typed, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	other := e.SignedIn("kepala-rs", survey.RoleUnitHead, "rsud-blambangan")
	if resp, page := other.Get("/pengaduan?cari=" + url.QueryEscape(code)); resp.StatusCode != http.StatusOK || strings.Contains(page, id) {
		t.Errorf("another unit's head finds the case by its code: %d", resp.StatusCode)
	}

	_, found := head.Get("/pengaduan?cari=KURSI")
	list := rows(t, found)
	if list.Length() != 17 || !strings.Contains(list.Text(), "tambah kursi") || strings.Contains(list.Text(), "Berkas") {
		t.Errorf("search for kursi: %d rows", list.Length())
	}
	if got := apptest.Doc(t, found).Find("#cari").AttrOr("value", ""); got != "KURSI" {
		t.Errorf("the search box holds %q", got)
	}
	// The code in the complaint's own words is text like any other: it finds that complaint.
	if _, page := head.Get("/pengaduan?cari=k7qx"); rows(t, page).Length() != 1 {
		t.Error("a word that is no full code is searched as text")
	}

	for query, want := range map[string]int{
		"jenis=praise":              6,
		"jenis=suggestion&hal=1":    17,
		"jenis=complaint&hal=2":     3, // 28 complaints, the second page
		"saluran=kiosk":             0,
		"status=unread":             23,
		"status=open&jenis=praise":  0,
		"tenggat=soon":              0,
		"jenis=praise&status=read":  0,
		"jenis=praise&status=bogus": 6, // an unknown value is no filter
	} {
		if _, page := head.Get("/pengaduan?" + query); rows(t, page).Length() != want {
			t.Errorf("%s: %d rows, want %d", query, rows(t, page).Length(), want)
		}
	}
	for hal := 1; hal <= 3; hal++ {
		if _, page := head.Get(fmt.Sprintf("/pengaduan?status=all&hal=%d", hal)); strings.Contains(page, code) {
			t.Errorf("page %d lists the tracking code", hal)
		}
	}
}

// TestDeskOrdersByTimeLeft: the complaints waiting longest come first, overdue ones marked, then
// the answered ones to publish, then unread suggestions and praise, newest first.
func TestDeskOrdersByTimeLeft(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	first := e.SubmitMessage("dpmptsp", survey.KindComplaint, "Pertama")
	e.Now = e.Now.Add(time.Hour)
	praise := e.SubmitMessage("dpmptsp", survey.KindPraise, "Terima kasih")
	answered := e.SubmitMessage("dpmptsp", survey.KindComplaint, "Dijawab")
	e.Now = e.Now.Add(time.Hour)
	second := e.SubmitMessage("dpmptsp", survey.KindComplaint, "Kedua")
	suggestion := e.SubmitMessage("dpmptsp", survey.KindSuggestion, "Saran")
	e.Now = e.Now.Add(3 * time.Hour) // the first is an hour overdue, the second has an hour left
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	head.Get(link.Case(answered.ID))
	head.Post(link.Case(answered.ID)+"/balas", url.Values{"reply": {"Sudah."}})

	_, body := head.Get("/pengaduan")
	list := rows(t, body)
	var order []string
	list.Each(func(_ int, s *goquery.Selection) { order = append(order, s.Find("th").First().Find("a").Text()) })
	want := []string{first.ID, second.ID, answered.ID, suggestion.ID, praise.ID}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("order %v, want %v", order, want)
	}
	if !list.Eq(0).HasClass("overdue") || !strings.Contains(list.Eq(0).Text(), "Terlambat 1 j") || !strings.Contains(list.Eq(1).Text(), "1 j lagi") {
		t.Errorf("times left: %q / %q", list.Eq(0).Text(), list.Eq(1).Text())
	}
}

// TestSuggestionsAndPraiseAreNeverOverdue: a month after a complaint, a suggestion and praise
// arrived unanswered, only the complaint is escalated and listed as overdue, and only it counts
// in the answer figures.
func TestSuggestionsAndPraiseAreNeverOverdue(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	complaint := e.SubmitMessage("dpmptsp", survey.KindComplaint, "Izin belum terbit.")
	suggestion := e.SubmitMessage("dpmptsp", survey.KindSuggestion, "Tambah loket.")
	praise := e.SubmitMessage("dpmptsp", survey.KindPraise, "Petugas ramah dan membantu, terima kasih.")
	e.Now = e.Now.Add(30 * 24 * time.Hour)
	admin := e.SignedIn("ortala", survey.RoleAdmin)
	_, body := admin.Get("/pengaduan")
	esc := apptest.Doc(t, body).Find("#escalated")
	if esc.Find("tbody tr").Length() != 1 || !strings.Contains(esc.Text(), complaint.ID) || !strings.Contains(esc.Text(), "Pengaduan terlambat: 1.") {
		t.Errorf("escalated: %q", esc.Text())
	}
	_, overdue := admin.Get("/pengaduan?tenggat=overdue")
	if list := rows(t, overdue); list.Length() != 1 || !strings.Contains(list.Text(), complaint.ID) {
		t.Errorf("overdue: %q", list.Text())
	}
	for _, id := range []string{suggestion.ID, praise.ID} {
		if strings.Contains(esc.Text(), id) {
			t.Errorf("%s escalated", id)
		}
	}
	if sla := apptest.Doc(t, body).Find("#sla tbody tr"); sla.Length() != 1 || strings.TrimSpace(sla.Find("td").Eq(1).Text()) != "1" {
		t.Errorf("the answer table counts %q complaints", sla.Find("td").Eq(1).Text())
	}
}

// TestReclassifyingIsAuditedAndMovesTheFigures: the unit head reclassifies an overdue complaint
// as a suggestion, which leaves the escalation list and the answer figures, and praise as a
// complaint, whose clock starts then; each change is in the audit log; nobody else may.
func TestReclassifyingIsAuditedAndMovesTheFigures(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	code := e.Browser().FileComplaint("dpmptsp", "Terima kasih atas pelayanannya yang cepat.")
	id := e.FindCase(code).ID
	praise := e.SubmitMessage("dpmptsp", survey.KindPraise, "Loket 3 tutup sejak pagi, tidak ada petugas.")
	e.Now = e.Now.Add(6 * time.Hour)
	admin := e.SignedIn("ortala", survey.RoleAdmin)
	_, before := admin.Get("/pengaduan")
	if !strings.Contains(apptest.Doc(t, before).Find("#escalated").Text(), id) {
		t.Fatal("the overdue complaint is not escalated")
	}
	for name, b := range map[string]*apptest.Browser{"another unit's head": e.SignedIn("kepala-rs", survey.RoleUnitHead, "rsud-blambangan"),
		"a viewer": e.SignedIn("inspektorat", survey.RoleViewer)} {
		b.Get("/pengaduan")
		if resp, _ := b.Post(link.Case(id)+"/jenis", url.Values{"kind": {survey.KindSuggestion}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s reclassifies: %d", name, resp.StatusCode)
		}
	}

	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	head.Get(link.Case(id))
	resp, _ := head.Post(link.Case(id)+"/jenis", url.Values{"kind": {survey.KindPraise}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != link.Case(id)+"?ok=kind" {
		t.Fatalf("reclassify: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := head.Post(link.Case(id)+"/jenis", url.Values{"kind": {survey.KindPraise}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("the same kind again: %d", resp.StatusCode)
	}
	if resp, _ := head.Post(link.Case(praise.ID)+"/jenis", url.Values{"kind": {survey.KindComplaint}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("praise made a complaint: %d", resp.StatusCode)
	}
	_, page := head.Get(link.Case(praise.ID))
	due := apptest.Doc(t, page).Find("#due").Text()
	if !strings.Contains(due, "18 Agu 2026 03.00 WIB") || !strings.Contains(due, "4 j lagi") || !strings.Contains(page, "dikirim sebagai pujian") {
		t.Errorf("the praise's clock starts at its reclassification: %q", due)
	}

	_, after := admin.Get("/pengaduan")
	d := apptest.Doc(t, after)
	if esc := d.Find("#escalated").Text(); strings.Contains(esc, id) || !strings.Contains(esc, "Pengaduan terlambat: 0.") {
		t.Errorf("escalated after reclassifying: %q", esc)
	}
	if sla := d.Find("#sla tbody tr"); sla.Length() != 1 || strings.TrimSpace(sla.Find("td").Eq(1).Text()) != "1" || strings.TrimSpace(sla.Find("td").Eq(5).Text()) != "0" {
		t.Errorf("the answer table after reclassifying: %q", sla.Text())
	}
	_, dash := admin.Get("/dasbor/unit/dpmptsp")
	if !strings.Contains(dash, "1 pengaduan, semuanya masih dalam batas waktu 4 jam.") {
		t.Error("the unit dashboard's answer figures did not move")
	}

	entries, _ := e.Store.AuditEntries(t.Context(), survey.AuditFilter{Action: "case.reclassify"})
	var got []string
	for _, en := range entries {
		got = append(got, en.Actor+" "+en.Target+" "+en.Detail)
	}
	// Both changes carry the same clock reading, so the log's order between them is not fixed.
	slices.Sort(got)
	want := []string{"kepala " + praise.ID + " dpmptsp: praise → complaint", "kepala " + id + " dpmptsp: complaint → praise"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("audit %q, want %q", got, want)
	}
	// The resident still reads their message on the tracking page, now without a due time.
	if _, track := e.Browser().Get(link.Track(code)); !strings.Contains(track, "Terima kasih atas pelayanannya") || apptest.Doc(t, track).Find("dd#due").Length() != 0 {
		t.Error("the tracking page of a complaint made praise")
	}
}

// TestMarkManyRead: the unit head marks every suggestion and praise on a page read at once, or
// only those chosen; complaints, other units' messages and forged IDs are passed over, and each
// one marked is in the audit log.
func TestMarkManyRead(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	var unread []string
	for _, kind := range []string{survey.KindSuggestion, survey.KindPraise, survey.KindSuggestion} {
		unread = append(unread, e.SubmitMessage("dpmptsp", kind, "Pesan "+kind).ID)
	}
	complaint := e.SubmitMessage("dpmptsp", survey.KindComplaint, "Keluhan")
	theirs := e.SubmitMessage("rsud-blambangan", survey.KindSuggestion, "Saran rumah sakit")
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")

	_, body := head.Get("/pengaduan?jenis=suggestion")
	d := apptest.Doc(t, body)
	if boxes := d.Find(`#cases input[name=id]`); boxes.Length() != 2 || d.Find(`input[name=back]`).AttrOr("value", "") != "jenis=suggestion" {
		t.Fatalf("%d boxes to choose from", boxes.Length())
	}
	resp, _ := head.Post("/pengaduan/dibaca", url.Values{"id": {unread[0], complaint.ID, theirs.ID, "NOSUCHCASE00"}, "back": {"jenis=suggestion"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/pengaduan?dibaca=1&jenis=suggestion" {
		t.Fatalf("mark the chosen read: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = head.Get(resp.Header.Get("Location"))
	if flash := apptest.Doc(t, body).Find(".flash").Text(); flash != "Ditandai sudah dibaca: 1." || rows(t, body).Length() != 1 {
		t.Errorf("after marking one: %q, %d still to do", flash, rows(t, body).Length())
	}

	_, body = head.Get("/pengaduan")
	form := url.Values{"all": {"1"}, "back": {""}}
	apptest.Doc(t, body).Find(`input[name=page]`).Each(func(_ int, s *goquery.Selection) { form.Add("page", s.AttrOr("value", "")) })
	if resp, _ := head.Post("/pengaduan/dibaca", form); resp.Header.Get("Location") != "/pengaduan?dibaca=2" {
		t.Errorf("mark the page read: %q", resp.Header.Get("Location"))
	}
	tally, _ := e.Store.Tally(t.Context(), "2026-S2")
	for _, id := range unread {
		if c, _ := tally.Unit("dpmptsp").Case(id); c.State() != survey.CaseRead {
			t.Errorf("%s: %s", id, c.State())
		}
	}
	if c, _ := tally.Unit("dpmptsp").Case(complaint.ID); c.State() != survey.CaseOpen {
		t.Errorf("the complaint: %s", c.State())
	}
	if c, _ := tally.Unit("rsud-blambangan").Case(theirs.ID); c.State() != survey.CaseUnread {
		t.Errorf("another unit's suggestion: %s", c.State())
	}
	entries, _ := e.Store.AuditEntries(t.Context(), survey.AuditFilter{Action: "case.read"})
	if len(entries) != 3 {
		t.Errorf("%d audit entries, want one per message marked", len(entries))
	}
}

// TestDeskBadFilterInput: a desk address typed by hand or cut short is read as far as it makes
// sense and the rest ignored, never a server error; a unit the caller does not see lists nothing
// of it; a bulk form with more IDs than a page holds is refused with a clear message.
func TestDeskBadFilterInput(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.SubmitMessage("dpmptsp", survey.KindSuggestion, "Tambah kursi.")
	theirs := e.SubmitMessage("rsud-blambangan", survey.KindComplaint, "Obat habis di apotek.")
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	for _, query := range []string{"hal=-5", "hal=abc", "hal=99999999999999999999999", "status=%3Cscript%3E", "jenis=%00",
		"tenggat=kemarin", "saluran=merpati", "unit=rsud-blambangan", "unit=../../etc", "cari=%FF%FE", "cari=" + strings.Repeat("a", 1000),
		"status=open&status=read", "cari=%25", "hal=2&hal=x", "dibaca=-1", "dibaca=abc"} {
		resp, body := head.Get("/pengaduan?" + query)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", query, resp.StatusCode)
			continue
		}
		if strings.Contains(body, "Obat habis") || strings.Contains(body, theirs.ID) {
			t.Errorf("%s: another unit's case is listed", query)
		}
		if strings.Contains(body, "<script>") {
			t.Errorf("%s: the query is written back unescaped", query)
		}
	}
	if _, body := head.Get("/pengaduan?cari=" + strings.Repeat("a", 1000)); len(apptest.Doc(t, body).Find("#cari").AttrOr("value", "")) > 100 {
		t.Error("a search longer than the box allows is kept whole")
	}
	head.Get("/pengaduan")
	many := url.Values{}
	for i := range 26 {
		many.Add("id", fmt.Sprintf("NOSUCHCASE%02d", i))
	}
	if resp, body := head.Post("/pengaduan/dibaca", many); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "25") {
		t.Errorf("26 IDs at once: %d", resp.StatusCode)
	}
	if resp, _ := head.Post("/pengaduan/dibaca", url.Values{"back": {"%zz;;&&hal=-1"}}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/pengaduan?dibaca=0" {
		t.Errorf("a broken back address: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

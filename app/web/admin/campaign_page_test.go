package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// Each move goes through a confirmation that says what will happen; closing twice says it is
// closed already, never a server error; archiving is final.
func TestCampaignTransitionsConfirmed(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)

	_, html := admin.Get("/admin/kampanye/2026-S2")
	moves := doc(t, html).Find(`#moves input[name="to"]`)
	if moves.Length() != 1 || moves.AttrOr("value", "") != "closed" {
		t.Fatalf("an open campaign offers %d moves (%q), want close alone", moves.Length(), moves.AttrOr("value", ""))
	}
	resp, html := admin.Get("/admin/kampanye/2026-S2/status?to=closed")
	d := doc(t, html)
	if resp.StatusCode != http.StatusOK || !strings.Contains(d.Find("#what").Text(), "Jawaban di 2 unit berhenti sekarang") ||
		d.Find(`#confirm input[name="to"]`).AttrOr("value", "") != "closed" {
		t.Fatalf("confirmation: %d %q", resp.StatusCode, d.Find("#what").Text())
	}
	if c, _ := e.Store.Campaign(context.Background(), "2026-S2"); c.State != survey.StateOpen {
		t.Fatal("the confirmation page closed the campaign")
	}
	resp, _ = admin.Post("/admin/kampanye/2026-S2/status", url.Values{"to": {"closed"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/kampanye/2026-S2?ok=closed" {
		t.Fatalf("close: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Twice: a clear conflict on the campaign's page, and the confirmation says so too.
	resp, html = admin.Post("/admin/kampanye/2026-S2/status", url.Values{"to": {"closed"}})
	if d := doc(t, html); resp.StatusCode != http.StatusConflict || !strings.Contains(d.Find("#problem").Text(), "Periode 2026-S2 sudah berstatus ditutup") {
		t.Errorf("closing twice: %d %q", resp.StatusCode, d.Find("#problem").Text())
	}
	resp, html = e.SignedIn("another", survey.RoleAdmin).Get("/admin/kampanye/2026-S2/status?to=closed&lang=en")
	if d := doc(t, html); resp.StatusCode != http.StatusConflict || !strings.Contains(d.Find("#refusal").Text(), "is closed already") || d.Find("#confirm").Length() != 0 {
		t.Errorf("confirming a second close: %d %q", resp.StatusCode, d.Find("#refusal").Text())
	}
	if got, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "campaign.transition"}); len(got) != 1 || got[0].Detail != "open → closed" {
		t.Errorf("transitions audited: %+v", got)
	}

	_, html = admin.Get("/admin/kampanye/2026-S2/status?to=open")
	if what := doc(t, html).Find("#what").Text(); !strings.Contains(what, "Warga dapat kembali menjawab di 2 unit") {
		t.Errorf("reopening says %q", what)
	}
	_, html = admin.Get("/admin/kampanye/2026-S2/status?to=archived")
	if what := doc(t, html).Find("#what").Text(); !strings.Contains(what, "bersifat final") || !strings.Contains(what, "tidak dapat dibuka lagi") {
		t.Errorf("archiving says %q", what)
	}
	if resp, _ := admin.Post("/admin/kampanye/2026-S2/status", url.Values{"to": {"archived"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("archive: %d", resp.StatusCode)
	}
	resp, html = admin.Post("/admin/kampanye/2026-S2/status", url.Values{"to": {"open"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(doc(t, html).Find("#problem").Text(), "diarsipkan") {
		t.Errorf("reopening an archived campaign: %d", resp.StatusCode)
	}
	if resp, _ := admin.Post("/admin/kampanye/2026-S2/status", url.Values{"to": {"paused"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown state: %d", resp.StatusCode)
	}

	// Opening one campaign while another is open is refused before the button is offered.
	if err := e.Store.CreateCampaign(context.Background(), &survey.Campaign{Key: "2027-S1", Questionnaire: "v1", Units: []survey.CampaignUnit{{Unit: "dpmptsp"}}}); err != nil {
		t.Fatal(err)
	}
	if err := e.Store.CreateCampaign(context.Background(), &survey.Campaign{Key: "2027-S2", Questionnaire: "v1", Units: []survey.CampaignUnit{{Unit: "dpmptsp"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.TransitionCampaign(context.Background(), "2027-S1", survey.StateOpen, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	resp, html = admin.Get("/admin/kampanye/2027-S2/status?to=open")
	if d := doc(t, html); resp.StatusCode != http.StatusConflict || !strings.Contains(d.Find("#refusal").Text(), "2027-S1 sedang berjalan") {
		t.Errorf("a second open campaign: %d %q", resp.StatusCode, d.Find("#refusal").Text())
	}
}

// Populations in one table: every bad value listed, nothing saved until all are right; in a
// draft the same form decides which units are surveyed.
func TestCampaignPopulationsTable(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	admin.Get("/admin/kampanye/2026-S2")

	resp, html := admin.Post("/admin/kampanye/2026-S2/populasi", url.Values{"population-dpmptsp": {"banyak"}, "population-rsud-blambangan": {"-4"}})
	d := doc(t, html)
	if resp.StatusCode != http.StatusBadRequest || d.Find("#problems li").Length() != 2 || d.Find("#population-dpmptsp").AttrOr("value", "") != "banyak" {
		t.Errorf("bad populations: %d, %d problems, field %q", resp.StatusCode, d.Find("#problems li").Length(), d.Find("#population-dpmptsp").AttrOr("value", ""))
	}
	if c, _ := e.Store.Campaign(context.Background(), "2026-S2"); c.Units[0].Population != 1000 || c.Units[1].Population != 200 {
		t.Errorf("a refused table changed the populations: %+v", c.Units)
	}
	resp, _ = admin.Post("/admin/kampanye/2026-S2/populasi", url.Values{"population-dpmptsp": {"1.500"}, "population-rsud-blambangan": {""}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("good populations: %d", resp.StatusCode)
	}
	c, _ := e.Store.Campaign(context.Background(), "2026-S2")
	if u, _ := c.Unit("dpmptsp"); u.Population != 1500 || u.Target != 306 {
		t.Errorf("dpmptsp %+v, want 1500 and its target 306", u)
	}
	_, html = admin.Get("/admin/kampanye/2026-S2")
	if target := doc(t, html).Find("#unit-dpmptsp td").Eq(1).Text(); target != "306" {
		t.Errorf("the table shows target %q", target)
	}

	// A draft: ticks decide the units.
	if err := e.Store.CreateCampaign(context.Background(), &survey.Campaign{Key: "2027-S1", Questionnaire: "v1", Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 10}}}); err != nil {
		t.Fatal(err)
	}
	_, html = admin.Get("/admin/kampanye/2027-S1")
	if d := doc(t, html); d.Find(`#include-rsud-blambangan`).Length() != 1 || d.Find(`#include-rsud-blambangan[checked]`).Length() != 0 {
		t.Error("a draft does not offer the active unit it leaves out")
	}
	resp, _ = admin.Post("/admin/kampanye/2027-S1/populasi", url.Values{"unit": {"rsud-blambangan"}, "population-rsud-blambangan": {"70"}, "population-dpmptsp": {"10"}})
	if c, _ := e.Store.Campaign(context.Background(), "2027-S1"); resp.StatusCode != http.StatusSeeOther || len(c.Units) != 1 || c.Units[0].Unit != "rsud-blambangan" || c.Units[0].Population != 70 {
		t.Errorf("units of the draft: %d %+v", resp.StatusCode, c.Units)
	}
	resp, html = admin.Post("/admin/kampanye/2027-S1/populasi", url.Values{"population-dpmptsp": {"10"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(doc(t, html).Find("#populations-err").Text(), "paling sedikit satu unit") {
		t.Errorf("a draft without units: %d", resp.StatusCode)
	}
}

// Populations from a file: every bad cell listed, nothing saved unless all are right.
func TestCampaignPopulationsImport(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	_, html := admin.Get("/admin/kampanye/2026-S2")
	if doc(t, html).Find(`#population-import input[type="file"][name="file"]`).Length() != 1 {
		t.Fatal("no population file form")
	}
	resp, csv := admin.Get("/admin/kampanye/2026-S2/populasi.csv")
	if resp.StatusCode != http.StatusOK || csv != "unit,population\ndpmptsp,1000\nrsud-blambangan,200\n" {
		t.Errorf("the population template: %d %q", resp.StatusCode, csv)
	}
	bad := "unit,population\ndpmptsp,12x\nhantu,5\nrsud-blambangan,300\nrsud-blambangan,301\n,7\n"
	resp, html = admin.Upload("/admin/kampanye/2026-S2/populasi/impor", "file", "populasi.csv", []byte(bad), nil)
	d := doc(t, html)
	if resp.StatusCode != http.StatusBadRequest || d.Find("#problems li").Length() != 4 || !strings.Contains(d.Find("#problems").Text(), "baris 3: unit \"hantu\"") {
		t.Errorf("a bad file: %d, problems %q", resp.StatusCode, d.Find("#problems").Text())
	}
	if c, _ := e.Store.Campaign(context.Background(), "2026-S2"); c.Units[1].Population != 200 {
		t.Errorf("a refused file changed a population: %+v", c.Units)
	}
	resp, html = admin.Upload("/admin/kampanye/2026-S2/populasi/impor", "file", "x.csv", []byte("slug;jumlah\nx;1\n"), nil)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(doc(t, html).Find("#population-file-err").Text(), "kolom unit dan population") {
		t.Errorf("a file without the columns: %d", resp.StatusCode)
	}
	xlsx := apptest.XLSXFile(t, [][]any{{"Populasi", "Unit"}, {4200, "rsud-blambangan"}})
	if resp, _ := admin.Upload("/admin/kampanye/2026-S2/populasi/impor", "file", "populasi.xlsx", xlsx, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good workbook: %d", resp.StatusCode)
	}
	c, _ := e.Store.Campaign(context.Background(), "2026-S2")
	if c.Units[0].Population != 1000 || c.Units[1].Population != 4200 {
		t.Errorf("after the import: %+v (a unit the file leaves out keeps its population)", c.Units)
	}
	if got, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "campaign.update"}); len(got) != 1 || !strings.Contains(got[0].Detail, "populasi.xlsx") {
		t.Errorf("audit: %+v", got)
	}
}

// The schedule: a bad date, or a close before the opening, is said next to the fields.
func TestCampaignSchedule(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	if err := e.Store.CreateCampaign(context.Background(), &survey.Campaign{Key: "2027-S1", Questionnaire: "v1", Units: []survey.CampaignUnit{{Unit: "dpmptsp"}}}); err != nil {
		t.Fatal(err)
	}
	admin := e.SignedIn("admin", survey.RoleAdmin)
	admin.Get("/admin/kampanye/2027-S1")
	resp, html := admin.Post("/admin/kampanye/2027-S1", url.Values{"opensAt": {"2027-03-01"}, "closesAt": {"2027-02-01"}})
	if d := doc(t, html); resp.StatusCode != http.StatusBadRequest || d.Find("#schedule-err").Length() != 1 || d.Find("#opensAt").AttrOr("value", "") != "2027-03-01" {
		t.Errorf("closing before opening: %d %q", resp.StatusCode, d.Find("#schedule-err").Text())
	}
	resp, _ = admin.Post("/admin/kampanye/2027-S1", url.Values{"opensAt": {"2027-01-04"}, "closesAt": {"2027-06-30"}})
	c, _ := e.Store.Campaign(context.Background(), "2027-S1")
	if resp.StatusCode != http.StatusSeeOther || c.OpensAt.Format("2006-01-02 15:04 MST") != "2027-01-03 17:00 UTC" || c.ClosesAt.Format("2006-01-02 15:04 MST") != "2027-06-30 17:00 UTC" {
		t.Errorf("schedule: %d, %s – %s", resp.StatusCode, c.OpensAt, c.ClosesAt)
	}
}

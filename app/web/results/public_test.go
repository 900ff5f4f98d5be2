package results_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/web/link"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/survey"
)

func TestPublishedResults(t *testing.T) {
	e := apptest.New(t)
	e.SeedTwoSemesters()
	ctx := context.Background()
	admin := e.SignedIn("ortala", survey.RoleAdmin)
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	head.Get("/rencana/2026-S1/unit/dpmptsp")
	head.Post("/rencana/2026-S1/unit/dpmptsp", url.Values{"element-1": {"U3"}, "activity-1": {"Loket antrean pagi"}, "timing-1": {"Juli 2026"}})
	resident := e.Browser()

	// Nothing is public before the region publishes; every address answers the same 404.
	if _, body := resident.Get("/hasil"); !strings.Contains(body, "Belum ada hasil") {
		t.Error("the list is not empty")
	}
	for _, path := range []string{"/hasil/2026-S1", "/hasil/2026-S2", "/hasil/2031-S1", "/hasil/nonsense", "/hasil/2026-S1/unit/dpmptsp"} {
		if resp, _ := resident.Get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s before publication: %d", path, resp.StatusCode)
		}
	}

	// The administrator publishes S1; S2 is still open and cannot be.
	_, body := admin.Get("/admin/kampanye")
	d := apptest.Doc(t, body)
	if d.Find(`#campaign-2026-S1 form[action="/admin/kampanye/2026-S1/terbitkan"]`).Length() != 1 || d.Find(`#campaign-2026-S2 form`).Length() != 0 {
		t.Fatal("publish buttons")
	}
	if resp, _ := admin.Post("/admin/kampanye/2026-S2/terbitkan", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("publish an open campaign: %d", resp.StatusCode)
	}
	if resp, _ := admin.Post("/admin/kampanye/2026-S1/terbitkan", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	if entries, _ := e.Store.AuditEntries(ctx, survey.AuditFilter{Action: "campaign.publish"}); len(entries) != 1 || entries[0].Target != "2026-S1" {
		t.Errorf("audit %+v", entries)
	}

	_, body = resident.Get("/hasil")
	if d := apptest.Doc(t, body); d.Find(`a[href="/hasil/2026-S1"]`).Length() != 1 || d.Find(`a[href="/hasil/2026-S2"]`).Length() != 0 {
		t.Error("the list of published campaigns")
	}
	resp, body := resident.Get("/hasil/2026-S1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("campaign page: %d", resp.StatusCode)
	}
	d = apptest.Doc(t, body)
	rows := d.Find("#units tbody tr")
	if rows.Length() != 2 {
		t.Fatalf("%d unit rows", rows.Length())
	}
	dpm := rows.FilterFunction(func(_ int, s *goquery.Selection) bool { return strings.Contains(s.Text(), "Dinas Penanaman") })
	// DPMPTSP: eight elements at 75.00 and U3 at 50.00 average 72.22, grade C.
	for _, want := range []string{"72,22", "C", "Kurang Baik", "12", "1 kegiatan direncanakan"} {
		if !strings.Contains(dpm.Text(), want) {
			t.Errorf("DPMPTSP row lacks %q: %q", want, dpm.Text())
		}
	}
	// The region pools the 18 respondents: (12 × 72.22… + 6 × 97.22…) / 18 = 80.56.
	if region := d.Find("#region").Text(); !strings.Contains(region, "80,56") {
		t.Errorf("region: %q", region)
	}

	resp, body = resident.Get("/hasil/2026-S1/unit/dpmptsp")
	d = apptest.Doc(t, body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(d.Find("#elements").Text(), "50,00") || d.Find("#trend tbody tr").Length() != 1 ||
		strings.Contains(d.Find("#trend").Text(), "2026-S2") || !strings.Contains(d.Find("#plan").Text(), "Loket antrean pagi") {
		t.Errorf("unit page: %d\n%s", resp.StatusCode, d.Find("main").Text())
	}
	if resp, _ := resident.Get("/hasil/2026-S1/unit/no-such-unit"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown unit: %d", resp.StatusCode)
	}

	// Once S2 closes and is published, its unit page shows the trend and the previous plan.
	head.Get("/rencana/2026-S2/unit/dpmptsp")
	head.Post("/rencana/2026-S2/unit/dpmptsp", url.Values{"status-1": {survey.PlanDone}})
	if _, err := e.Store.TransitionCampaign(ctx, "2026-S2", survey.StateClosed, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	admin.Get("/admin/kampanye")
	admin.Post("/admin/kampanye/2026-S2/terbitkan", nil)
	_, body = resident.Get("/hasil/2026-S2/unit/dpmptsp")
	d = apptest.Doc(t, body)
	if trend := d.Find("#trend").Text(); !strings.Contains(trend, "Semester I 2026") || !strings.Contains(trend, "+2,78") {
		t.Errorf("trend: %q", trend)
	}
	if out := d.Find("#outcomes").Text(); !strings.Contains(out, "Selesai") || !strings.Contains(out, "U3 50,00 → 75,00") {
		t.Errorf("outcomes: %q", out)
	}
	_, body = resident.Get("/hasil/2026-S2")
	if !strings.Contains(body, "Rencana periode lalu: 1 selesai") {
		t.Error("the previous plan's outcome is not on the campaign page")
	}

	// Free text is never published, on any public page.
	for _, path := range []string{"/hasil", "/hasil/2026-S1", "/hasil/2026-S2", "/hasil/2026-S1/unit/dpmptsp", "/hasil/2026-S2/unit/dpmptsp", "/hasil/2026-S1/unit/rsud-blambangan"} {
		if _, body := resident.Get(path); strings.Contains(body, apptest.SecretText) {
			t.Errorf("%s shows a resident's text", path)
		}
	}
	// A published campaign that is reopened leaves the public pages until it closes again.
	if _, err := e.Store.TransitionCampaign(ctx, "2026-S2", survey.StateOpen, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	if resp, _ := resident.Get("/hasil/2026-S2"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a reopened campaign: %d", resp.StatusCode)
	}
}

// TestLoopPagesWeight holds the resident-facing pages of this feature to the survey page's
// budget: what a phone downloads on a first visit, the page and every asset it references,
// compressed as sent, at most apptest.MaxPageWeight.
func TestLoopPagesWeight(t *testing.T) {
	e := apptest.New(t)
	e.SeedTwoSemesters()
	ctx := context.Background()
	if _, err := e.Store.PublishCampaign(ctx, "2026-S1", e.Now); err != nil {
		t.Fatal(err)
	}
	code := e.Browser().FileComplaint("dpmptsp", strings.Repeat("Antrean sangat panjang dan petugas sedikit. ", 40))
	for _, path := range []string{"/s/dpmptsp/pengaduan", "/s/dpmptsp/pengaduan?lang=en", "/lacak", link.Track(code) + "?baru=1",
		"/hasil", "/hasil/2026-S1", "/hasil/2026-S1/unit/dpmptsp"} {
		total, parts := e.FirstVisitWeight(path)
		t.Logf("%s: %d bytes compressed (%s); limit %d", path, total, strings.Join(parts, " + "), apptest.MaxPageWeight)
		if total > apptest.MaxPageWeight {
			t.Errorf("%s weighs %d bytes compressed, more than %d", path, total, apptest.MaxPageWeight)
		}
	}
}

// TestPublicCampaignPageWeightAt200Units: a large region's results page stays within budget.
func TestPublicCampaignPageWeightAt200Units(t *testing.T) {
	e := apptest.New(t)
	ctx := context.Background()
	q := survey.StandardQuestionnaire()
	if err := e.Store.CreateQuestionnaire(ctx, q); err != nil {
		t.Fatal(err)
	}
	camp := &survey.Campaign{Key: "2026-S1", Questionnaire: q.ID}
	var rs []*survey.Response
	for i := range 200 {
		slug := fmt.Sprintf("puskesmas-kecamatan-%03d", i)
		u := &survey.Unit{Slug: slug, Name: survey.Text{ID: fmt.Sprintf("UPTD Puskesmas Kecamatan Nomor %03d", i)}, OPD: "Dinas Kesehatan", Active: true}
		if err := e.Store.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		camp.Units = append(camp.Units, survey.CampaignUnit{Unit: slug, Population: int64(500 + i*37)})
		for j := range 5 {
			r := &survey.Response{Key: fmt.Sprintf("k-%s-%d-padding", slug, j), Campaign: camp.Key, Unit: slug, Questionnaire: q.ID,
				Channel: survey.ChannelWeb, SubmittedAt: e.Now, Day: "2026-03-01"}
			for k := range r.Answers {
				r.Answers[k] = int8(1 + (i+j+k)%4)
			}
			rs = append(rs, r)
		}
	}
	if err := e.Store.CreateCampaign(ctx, camp); err != nil {
		t.Fatal(err)
	}
	for _, to := range []survey.State{survey.StateOpen, survey.StateClosed} {
		if _, err := e.Store.TransitionCampaign(ctx, camp.Key, to, "test", e.Now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Store.SubmitAll(ctx, rs); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.PublishCampaign(ctx, camp.Key, e.Now); err != nil {
		t.Fatal(err)
	}
	_, body := e.Browser().Get("/hasil/2026-S1")
	if n := apptest.Doc(t, body).Find("#units tbody tr").Length(); n != 200 || !strings.Contains(body, "Puskesmas Kecamatan Nomor 199") {
		t.Fatalf("%d rows", n)
	}
	total, parts := e.FirstVisitWeight("/hasil/2026-S1")
	t.Logf("/hasil/2026-S1 with 200 units: %d bytes compressed (%s); limit %d", total, strings.Join(parts, " + "), apptest.MaxPageWeight)
	if total > apptest.MaxPageWeight {
		t.Errorf("weighs %d bytes compressed, more than %d", total, apptest.MaxPageWeight)
	}
}

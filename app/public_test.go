package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/survey"
)

func TestPublishedResults(t *testing.T) {
	e := newTestEnv(t)
	seedTwoSemesters(t, e)
	ctx := context.Background()
	admin := e.signedIn("ortala", survey.RoleAdmin)
	head := e.signedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	head.get("/rencana/2026-S1/unit/dpmptsp")
	head.post("/rencana/2026-S1/unit/dpmptsp", url.Values{"element-1": {"U3"}, "activity-1": {"Loket antrean pagi"}, "timing-1": {"Juli 2026"}})
	resident := e.browser()

	// Nothing is public before the region publishes; every address answers the same 404.
	if _, body := resident.get("/hasil"); !strings.Contains(body, "Belum ada hasil") {
		t.Error("the list is not empty")
	}
	for _, path := range []string{"/hasil/2026-S1", "/hasil/2026-S2", "/hasil/2031-S1", "/hasil/nonsense", "/hasil/2026-S1/unit/dpmptsp"} {
		if resp, _ := resident.get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s before publication: %d", path, resp.StatusCode)
		}
	}

	// The administrator publishes S1; S2 is still open and cannot be.
	_, body := admin.get("/admin/kampanye")
	d := doc(t, body)
	if d.Find(`#campaign-2026-S1 form[action="/admin/kampanye/2026-S1/terbitkan"]`).Length() != 1 || d.Find(`#campaign-2026-S2 form`).Length() != 0 {
		t.Fatal("publish buttons")
	}
	if resp, _ := admin.post("/admin/kampanye/2026-S2/terbitkan", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("publish an open campaign: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/admin/kampanye/2026-S1/terbitkan", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	if entries, _ := e.store.AuditEntries(ctx, survey.AuditFilter{Action: "campaign.publish"}); len(entries) != 1 || entries[0].Target != "2026-S1" {
		t.Errorf("audit %+v", entries)
	}

	_, body = resident.get("/hasil")
	if d := doc(t, body); d.Find(`a[href="/hasil/2026-S1"]`).Length() != 1 || d.Find(`a[href="/hasil/2026-S2"]`).Length() != 0 {
		t.Error("the list of published campaigns")
	}
	resp, body := resident.get("/hasil/2026-S1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("campaign page: %d", resp.StatusCode)
	}
	d = doc(t, body)
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

	resp, body = resident.get("/hasil/2026-S1/unit/dpmptsp")
	d = doc(t, body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(d.Find("#elements").Text(), "50,00") || d.Find("#trend tbody tr").Length() != 1 ||
		strings.Contains(d.Find("#trend").Text(), "2026-S2") || !strings.Contains(d.Find("#plan").Text(), "Loket antrean pagi") {
		t.Errorf("unit page: %d\n%s", resp.StatusCode, d.Find("main").Text())
	}
	if resp, _ := resident.get("/hasil/2026-S1/unit/no-such-unit"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown unit: %d", resp.StatusCode)
	}

	// Once S2 closes and is published, its unit page shows the trend and the previous plan.
	head.get("/rencana/2026-S2/unit/dpmptsp")
	head.post("/rencana/2026-S2/unit/dpmptsp", url.Values{"status-1": {survey.PlanDone}})
	if _, err := e.store.TransitionCampaign(ctx, "2026-S2", survey.StateClosed, "test", e.now); err != nil {
		t.Fatal(err)
	}
	admin.get("/admin/kampanye")
	admin.post("/admin/kampanye/2026-S2/terbitkan", nil)
	_, body = resident.get("/hasil/2026-S2/unit/dpmptsp")
	d = doc(t, body)
	if trend := d.Find("#trend").Text(); !strings.Contains(trend, "2026-S1") || !strings.Contains(trend, "+2,78") {
		t.Errorf("trend: %q", trend)
	}
	if out := d.Find("#outcomes").Text(); !strings.Contains(out, "Selesai") || !strings.Contains(out, "U3 50,00 → 75,00") {
		t.Errorf("outcomes: %q", out)
	}
	_, body = resident.get("/hasil/2026-S2")
	if !strings.Contains(body, "Rencana periode lalu: 1 selesai") {
		t.Error("the previous plan's outcome is not on the campaign page")
	}

	// Free text is never published, on any public page.
	for _, path := range []string{"/hasil", "/hasil/2026-S1", "/hasil/2026-S2", "/hasil/2026-S1/unit/dpmptsp", "/hasil/2026-S2/unit/dpmptsp", "/hasil/2026-S1/unit/rsud-blambangan"} {
		if _, body := resident.get(path); strings.Contains(body, secretText) {
			t.Errorf("%s shows a resident's text", path)
		}
	}
	// A published campaign that is reopened leaves the public pages until it closes again.
	if _, err := e.store.TransitionCampaign(ctx, "2026-S2", survey.StateOpen, "test", e.now); err != nil {
		t.Fatal(err)
	}
	if resp, _ := resident.get("/hasil/2026-S2"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a reopened campaign: %d", resp.StatusCode)
	}
}

// TestLoopPagesWeight holds the resident-facing pages of this feature to the survey page's
// budget: what a phone downloads on a first visit, the page and every asset it references,
// compressed as sent, at most maxPageWeight.
func TestLoopPagesWeight(t *testing.T) {
	e := newTestEnv(t)
	seedTwoSemesters(t, e)
	ctx := context.Background()
	if _, err := e.store.PublishCampaign(ctx, "2026-S1", e.now); err != nil {
		t.Fatal(err)
	}
	code := fileComplaint(t, e.browser(), "dpmptsp", strings.Repeat("Antrean sangat panjang dan petugas sedikit. ", 40))
	for _, path := range []string{"/s/dpmptsp/pengaduan", "/s/dpmptsp/pengaduan?lang=en", "/lacak", trackPath(code) + "?baru=1",
		"/hasil", "/hasil/2026-S1", "/hasil/2026-S1/unit/dpmptsp"} {
		total, parts := firstVisitWeight(t, e, path)
		t.Logf("%s: %d bytes compressed (%s); limit %d", path, total, strings.Join(parts, " + "), maxPageWeight)
		if total > maxPageWeight {
			t.Errorf("%s weighs %d bytes compressed, more than %d", path, total, maxPageWeight)
		}
	}
}

// TestPublicCampaignPageWeightAt200Units: a large region's results page stays within budget.
func TestPublicCampaignPageWeightAt200Units(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	q := survey.StandardQuestionnaire()
	if err := e.store.CreateQuestionnaire(ctx, q); err != nil {
		t.Fatal(err)
	}
	camp := &survey.Campaign{Key: "2026-S1", Questionnaire: q.ID}
	var rs []*survey.Response
	for i := range 200 {
		slug := fmt.Sprintf("puskesmas-kecamatan-%03d", i)
		u := &survey.Unit{Slug: slug, Name: survey.Text{ID: fmt.Sprintf("UPTD Puskesmas Kecamatan Nomor %03d", i)}, OPD: "Dinas Kesehatan", Active: true}
		if err := e.store.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		camp.Units = append(camp.Units, survey.CampaignUnit{Unit: slug, Population: int64(500 + i*37)})
		for j := range 5 {
			r := &survey.Response{Key: fmt.Sprintf("k-%s-%d-padding", slug, j), Campaign: camp.Key, Unit: slug, Questionnaire: q.ID,
				Channel: survey.ChannelWeb, SubmittedAt: e.now, Day: "2026-03-01"}
			for k := range r.Answers {
				r.Answers[k] = int8(1 + (i+j+k)%4)
			}
			rs = append(rs, r)
		}
	}
	if err := e.store.CreateCampaign(ctx, camp); err != nil {
		t.Fatal(err)
	}
	for _, to := range []survey.State{survey.StateOpen, survey.StateClosed} {
		if _, err := e.store.TransitionCampaign(ctx, camp.Key, to, "test", e.now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.store.SubmitAll(ctx, rs); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.PublishCampaign(ctx, camp.Key, e.now); err != nil {
		t.Fatal(err)
	}
	_, body := e.browser().get("/hasil/2026-S1")
	if n := doc(t, body).Find("#units tbody tr").Length(); n != 200 || !strings.Contains(body, "Puskesmas Kecamatan Nomor 199") {
		t.Fatalf("%d rows", n)
	}
	total, parts := firstVisitWeight(t, e, "/hasil/2026-S1")
	t.Logf("/hasil/2026-S1 with 200 units: %d bytes compressed (%s); limit %d", total, strings.Join(parts, " + "), maxPageWeight)
	if total > maxPageWeight {
		t.Errorf("weighs %d bytes compressed, more than %d", total, maxPageWeight)
	}
}

// firstVisitWeight fetches a page and every asset it references, as a fresh browser accepting
// gzip does, and returns the bytes that crossed the network. Everything must come from the
// engine itself.
func firstVisitWeight(t *testing.T, e *testEnv, path string) (int, []string) {
	t.Helper()
	b := e.browser()
	html, total := weigh(t, b, path)
	parts := []string{path}
	doc(t, string(html)).Find("link[href], script[src], img[src]").Each(func(_ int, s *goquery.Selection) {
		ref := s.AttrOr("href", s.AttrOr("src", ""))
		if strings.HasPrefix(ref, "data:") {
			return
		}
		if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
			t.Errorf("%s references %q on another host", path, ref)
			return
		}
		_, n := weigh(t, b, ref)
		total += n
		parts = append(parts, ref)
	})
	if strings.Contains(string(html), `src="/static/js/survey.`) {
		// The survey script registers the resident pages' service worker.
		_, n := weigh(t, b, "/s/sw.js")
		total += n
		parts = append(parts, "/s/sw.js")
	}
	return total, parts
}

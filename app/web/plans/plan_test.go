package plans_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web/documents"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

func TestFollowUpPlanAcrossTwoCampaigns(t *testing.T) {
	e := apptest.New(t)
	e.SeedTwoSemesters()
	ctx := context.Background()
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	headB := e.SignedIn("kepala-b", survey.RoleUnitHead, "rsud-blambangan")
	viewer := e.SignedIn("inspektorat", survey.RoleViewer)

	// After S1 closed: the priority elements are proposed and the plan is written.
	resp, body := head.Get("/rencana/2026-S1/unit/dpmptsp")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("plan page: %d", resp.StatusCode)
	}
	d := apptest.Doc(t, body)
	if !strings.Contains(d.Find("#items ul").Text(), "U3") || d.Find(`#element-1 option[selected]`).AttrOr("value", "") != "U3" {
		t.Fatalf("U3 is not proposed: %q", d.Find("#items").Text())
	}
	bad := url.Values{"element-1": {""}, "activity-1": {"Tanpa unsur"}}
	if resp, body := head.Post("/rencana/2026-S1/unit/dpmptsp", bad); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Tanpa unsur") {
		t.Errorf("an action without its element: %d", resp.StatusCode)
	}
	plan := url.Values{"element-1": {"U3"}, "activity-1": {"Loket antrean pagi dan layanan daring"}, "timing-1": {"Juli–September 2026"},
		"responsible-1": {"Kepala Bidang Pelayanan"}, "element-2": {"U8"}, "activity-2": {"Kanal pengaduan daring"}}
	resp, _ = head.Post("/rencana/2026-S1/unit/dpmptsp", plan)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if resp, _ := headB.Post("/rencana/2026-S1/unit/dpmptsp", plan); resp.StatusCode != http.StatusForbidden {
		t.Errorf("head of B writes A's plan: %d", resp.StatusCode)
	}
	if resp, _ := viewer.Post("/rencana/2026-S1/unit/dpmptsp", plan); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer writes a plan: %d", resp.StatusCode)
	}
	resp, body = viewer.Get("/rencana/2026-S1/unit/dpmptsp")
	if d := apptest.Doc(t, body); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Loket antrean pagi") || d.Find(`form[action^="/rencana"] textarea, form[action^="/rencana"] select, form[action^="/rencana"] button`).Length() != 0 {
		t.Errorf("the viewer's page: %d, with controls", resp.StatusCode)
	}
	camp1, _ := e.Store.Campaign(ctx, "2026-S1")
	items, previous, err := documents.FollowUpItems(ctx, e.Store, i18n.For(survey.LangID, nil), camp1, "dpmptsp")
	if err != nil || len(items) != 2 || items[0].Element != "U3" || items[0].Timing != "Juli–September 2026" || previous != nil {
		t.Fatalf("report of S1: %v %+v %+v", err, items, previous)
	}

	// While S2 runs the items are marked; the plan of S2 waits for S2 to close.
	_, body = head.Get("/rencana/2026-S2/unit/dpmptsp")
	d = apptest.Doc(t, body)
	if d.Find("#status-1").Length() != 1 || d.Find("#element-1").Length() != 0 || !strings.Contains(d.Find("#previous").Text(), "U3 50,00 → 75,00 (naik") {
		t.Fatalf("S2 page: %q", d.Find("#previous").Text())
	}
	resp, _ = head.Post("/rencana/2026-S2/unit/dpmptsp", url.Values{"status-1": {survey.PlanDone}, "note-1": {"Loket ke-5 dibuka 1 Agustus"},
		"status-2": {survey.PlanInProgress}, "element-1": {"U1"}, "activity-1": {"ignored while S2 is open"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", resp.StatusCode)
	}
	camp2, _ := e.Store.Campaign(ctx, "2026-S2")
	items, previous, err = documents.FollowUpItems(ctx, e.Store, i18n.For(survey.LangID, nil), camp2, "dpmptsp")
	if err != nil || items != nil || len(previous) != 2 {
		t.Fatalf("report of S2: %v %+v %+v", err, items, previous)
	}
	if want := "Selesai. Loket ke-5 dibuka 1 Agustus. U3 50,00 → 75,00 (naik, bermakna)"; previous[0].Status != want {
		t.Errorf("outcome %q, want %q", previous[0].Status, want)
	}
	if want := "Berjalan. U8 75,00 → 75,00 (tetap)"; previous[1].Status != want {
		t.Errorf("outcome %q, want %q", previous[1].Status, want)
	}
	if _, previous, _ := documents.FollowUpItems(ctx, e.Store, i18n.For(survey.LangEN, nil), camp2, "dpmptsp"); !strings.HasPrefix(previous[0].Status, "Done. ") {
		t.Errorf("in English: %q", previous[0].Status)
	}
	entries, _ := e.Store.AuditEntries(ctx, survey.AuditFilter{Action: "plan.save"})
	if len(entries) != 2 {
		t.Errorf("%d plan.save audit entries, want 2", len(entries))
	}
	// A unit in a campaign that is neither open nor closed has nothing to record.
	if resp, _ := head.Post("/rencana/2027-S1/unit/dpmptsp", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown campaign: %d", resp.StatusCode)
	}
}

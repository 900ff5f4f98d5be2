package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

// seedTwoSemesters gives the test env a closed 2026-S1, in which DPMPTSP's U3 scored 50.00 (all
// else 75.00), and the open 2026-S2, in which U3 came up to 75.00. A suggestion in S1 holds
// secretText, which no public page may show.
func seedTwoSemesters(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := context.Background()
	s2 := e.seed()
	if _, err := e.store.TransitionCampaign(ctx, s2.Key, survey.StateClosed, "test", e.now); err != nil {
		t.Fatal(err)
	}
	s1 := &survey.Campaign{Key: "2026-S1", Questionnaire: s2.Questionnaire, Units: s2.Units}
	if err := e.store.CreateCampaign(ctx, s1); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.TransitionCampaign(ctx, s1.Key, survey.StateOpen, "test", e.now); err != nil {
		t.Fatal(err)
	}
	weak := survey.Answers{3, 3, 2, 3, 3, 3, 3, 3, 3}
	submitAnswers(t, e, "2026-S1", "dpmptsp", 12, weak, secretText)
	submitAnswers(t, e, "2026-S1", "rsud-blambangan", 6, survey.Answers{4, 4, 4, 4, 4, 4, 4, 3, 4}, "")
	for _, step := range []struct {
		key string
		to  survey.State
	}{{"2026-S1", survey.StateClosed}, {"2026-S2", survey.StateOpen}} {
		if _, err := e.store.TransitionCampaign(ctx, step.key, step.to, "test", e.now); err != nil {
			t.Fatal(err)
		}
	}
	submitAnswers(t, e, "2026-S2", "dpmptsp", 12, survey.Answers{3, 3, 3, 3, 3, 3, 3, 3, 3}, "")
}

const secretText = "RAHASIA-TEKS-WARGA"

func submitAnswers(t *testing.T, e *testEnv, campaign, unit string, n int, a survey.Answers, suggestion string) {
	t.Helper()
	var rs []*survey.Response
	for i := range n {
		r := &survey.Response{Key: fmt.Sprintf("seed-%s-%s-%04d", campaign, unit, i), Campaign: campaign, Unit: unit, Questionnaire: "v1",
			Answers: a, Channel: survey.ChannelWeb, SubmittedAt: e.now, Day: "2026-08-17"}
		if i == 0 && suggestion != "" {
			r.Suggestion = suggestion
			r.CaseCode, r.CaseDue = survey.NewCaseCode(), e.now.Add(4*time.Hour)
		}
		rs = append(rs, r)
	}
	if _, err := e.store.SubmitAll(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
}

func TestFollowUpPlanAcrossTwoCampaigns(t *testing.T) {
	e := newTestEnv(t)
	seedTwoSemesters(t, e)
	ctx := context.Background()
	head := e.signedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	headB := e.signedIn("kepala-b", survey.RoleUnitHead, "rsud-blambangan")
	viewer := e.signedIn("inspektorat", survey.RoleViewer)

	// After S1 closed: the priority elements are proposed and the plan is written.
	resp, body := head.get("/rencana/2026-S1/unit/dpmptsp")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("plan page: %d", resp.StatusCode)
	}
	d := doc(t, body)
	if !strings.Contains(d.Find("#items ul").Text(), "U3") || d.Find(`#element-1 option[selected]`).AttrOr("value", "") != "U3" {
		t.Fatalf("U3 is not proposed: %q", d.Find("#items").Text())
	}
	bad := url.Values{"element-1": {""}, "activity-1": {"Tanpa unsur"}}
	if resp, body := head.post("/rencana/2026-S1/unit/dpmptsp", bad); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Tanpa unsur") {
		t.Errorf("an action without its element: %d", resp.StatusCode)
	}
	plan := url.Values{"element-1": {"U3"}, "activity-1": {"Loket antrean pagi dan layanan daring"}, "timing-1": {"Juli–September 2026"},
		"responsible-1": {"Kepala Bidang Pelayanan"}, "element-2": {"U8"}, "activity-2": {"Kanal pengaduan daring"}}
	resp, _ = head.post("/rencana/2026-S1/unit/dpmptsp", plan)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if resp, _ := headB.post("/rencana/2026-S1/unit/dpmptsp", plan); resp.StatusCode != http.StatusForbidden {
		t.Errorf("head of B writes A's plan: %d", resp.StatusCode)
	}
	if resp, _ := viewer.post("/rencana/2026-S1/unit/dpmptsp", plan); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer writes a plan: %d", resp.StatusCode)
	}
	resp, body = viewer.get("/rencana/2026-S1/unit/dpmptsp")
	if d := doc(t, body); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Loket antrean pagi") || d.Find(`form[action^="/rencana"] textarea, form[action^="/rencana"] select, form[action^="/rencana"] button`).Length() != 0 {
		t.Errorf("the viewer's page: %d, with controls", resp.StatusCode)
	}
	camp1, _ := e.store.Campaign(ctx, "2026-S1")
	items, previous, err := followUpFor(ctx, e.store, survey.LangID, camp1, "dpmptsp")
	if err != nil || len(items) != 2 || items[0].Element != "U3" || items[0].Timing != "Juli–September 2026" || previous != nil {
		t.Fatalf("report of S1: %v %+v %+v", err, items, previous)
	}

	// While S2 runs the items are marked; the plan of S2 waits for S2 to close.
	_, body = head.get("/rencana/2026-S2/unit/dpmptsp")
	d = doc(t, body)
	if d.Find("#status-1").Length() != 1 || d.Find("#element-1").Length() != 0 || !strings.Contains(d.Find("#previous").Text(), "U3 50,00 → 75,00 (naik") {
		t.Fatalf("S2 page: %q", d.Find("#previous").Text())
	}
	resp, _ = head.post("/rencana/2026-S2/unit/dpmptsp", url.Values{"status-1": {survey.PlanDone}, "note-1": {"Loket ke-5 dibuka 1 Agustus"},
		"status-2": {survey.PlanInProgress}, "element-1": {"U1"}, "activity-1": {"ignored while S2 is open"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", resp.StatusCode)
	}
	camp2, _ := e.store.Campaign(ctx, "2026-S2")
	items, previous, err = followUpFor(ctx, e.store, survey.LangID, camp2, "dpmptsp")
	if err != nil || items != nil || len(previous) != 2 {
		t.Fatalf("report of S2: %v %+v %+v", err, items, previous)
	}
	if want := "Selesai. Loket ke-5 dibuka 1 Agustus. U3 50,00 → 75,00 (naik, bermakna)"; previous[0].Status != want {
		t.Errorf("outcome %q, want %q", previous[0].Status, want)
	}
	if want := "Berjalan. U8 75,00 → 75,00 (tetap)"; previous[1].Status != want {
		t.Errorf("outcome %q, want %q", previous[1].Status, want)
	}
	if _, previous, _ := followUpFor(ctx, e.store, survey.LangEN, camp2, "dpmptsp"); !strings.HasPrefix(previous[0].Status, "Done. ") {
		t.Errorf("in English: %q", previous[0].Status)
	}
	entries, _ := e.store.AuditEntries(ctx, survey.AuditFilter{Action: "plan.save"})
	if len(entries) != 2 {
		t.Errorf("%d plan.save audit entries, want 2", len(entries))
	}
	// A unit in a campaign that is neither open nor closed has nothing to record.
	if resp, _ := head.post("/rencana/2027-S1/unit/dpmptsp", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown campaign: %d", resp.StatusCode)
	}
}

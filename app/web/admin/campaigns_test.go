package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// unitsAndQuestionnaire gives an empty store two active units, one inactive, and two
// questionnaire versions: what an administrator has before the first campaign.
func unitsAndQuestionnaire(t *testing.T, e *apptest.Env) {
	t.Helper()
	ctx := context.Background()
	for _, u := range []*survey.Unit{
		{Slug: "dpmptsp", Name: survey.Text{ID: "Dinas Penanaman Modal dan PTSP", EN: "Investment Office"}, OPD: "DPMPTSP", Active: true},
		{Slug: "rsud-blambangan", Name: survey.Text{ID: "RSUD Blambangan", EN: "Blambangan Hospital"}, OPD: "RSUD Blambangan", Active: true},
		{Slug: "kecamatan-lama", Name: survey.Text{ID: "Kecamatan Lama"}, OPD: "Kecamatan", Active: false},
	} {
		if err := e.Store.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	// v1, the standard, is there from the first run; a second version is made.
	if err := e.Store.CreateQuestionnaire(ctx, survey.StandardQuestionnaire()); err != nil {
		t.Fatal(err)
	}
}

func doc(t *testing.T, html string) *goquery.Document { t.Helper(); return apptest.Doc(t, html) }

func campaignCount(t *testing.T, e *apptest.Env) int {
	t.Helper()
	all, err := e.Store.Campaigns(context.Background(), survey.CampaignFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// The first campaign: the key of this semester in the region's time zone is suggested, every
// active unit and the newest questionnaire are ticked, and creating it saves a draft over the
// semester.
func TestCreateFirstCampaign(t *testing.T) {
	e := apptest.New(t)
	unitsAndQuestionnaire(t, e)
	admin := e.SignedIn("admin", survey.RoleAdmin)

	resp, html := admin.Get("/admin/kampanye")
	d := doc(t, html)
	if resp.StatusCode != http.StatusOK || d.Find("#key").AttrOr("value", "") != "2026-S2" {
		t.Fatalf("status %d, suggested key %q", resp.StatusCode, d.Find("#key").AttrOr("value", ""))
	}
	if d.Find(`input[name="source"][value="copy"]`).Length() != 0 || d.Find(`input[name="source"][value="fresh"]`).AttrOr("checked", "no") == "no" {
		t.Error("with no earlier semester the form offers to copy one, or does not choose the units itself")
	}
	if got := d.Find(`input[name="unit"][checked]`).Length(); got != 2 || d.Find(`input[value="kecamatan-lama"]`).Length() != 0 {
		t.Errorf("%d units ticked; want the two active ones and not the inactive one", got)
	}
	if v := d.Find(`#questionnaire option[selected]`).AttrOr("value", ""); v != "v2" {
		t.Errorf("questionnaire %q chosen, want the newest, v2", v)
	}
	if hint := d.Find("#key-hint").Text(); !strings.Contains(hint, "1 Juli 2026") || !strings.Contains(hint, "31 Desember 2026") {
		t.Errorf("the key's hint does not give the semester's dates: %q", hint)
	}

	resp, _ = admin.Post("/admin/kampanye", url.Values{"key": {"2026-S2"}, "source": {"fresh"}, "questionnaire": {"v2"}, "unit": {"dpmptsp", "rsud-blambangan"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/kampanye/2026-S2?ok=created" {
		t.Fatalf("create: status %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	camp, err := e.Store.Campaign(context.Background(), "2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	if camp.State != survey.StateDraft || camp.Questionnaire != "v2" || len(camp.Units) != 2 ||
		!camp.OpensAt.Equal(time.Date(2026, 7, 1, 0, 0, 0, 0, jakarta)) || !camp.ClosesAt.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, jakarta)) {
		t.Errorf("created %+v", camp)
	}
	if got, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{Action: "campaign.create"}); len(got) != 1 || got[0].Target != "2026-S2" {
		t.Errorf("audit: %+v", got)
	}
	_, html = admin.Get("/admin/kampanye/2026-S2?ok=created")
	if d := doc(t, html); d.Find(".flash").Length() == 0 || d.Find(`#progress tbody tr`).Length() != 2 {
		t.Errorf("the new campaign's page: flash %q, %d units", d.Find(".flash").Text(), d.Find(`#progress tbody tr`).Length())
	}
}

// A key that is not a semester, or is taken, or no units: the form comes back with what was typed
// and the problem next to its field, in the page's language, and nothing is saved.
func TestCreateCampaignRefusals(t *testing.T) {
	e := apptest.New(t)
	unitsAndQuestionnaire(t, e)
	admin := e.SignedIn("admin", survey.RoleAdmin)
	admin.Get("/admin/kampanye")
	good := func() url.Values {
		return url.Values{"key": {"2026-S2"}, "source": {"fresh"}, "questionnaire": {"v1"}, "unit": {"dpmptsp"}}
	}
	if resp, _ := admin.Post("/admin/kampanye", good()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first campaign: %d", resp.StatusCode)
	}
	for _, tc := range []struct {
		name   string
		spoil  func(url.Values)
		status int
		field  string
		says   string
	}{
		{"not a semester", func(f url.Values) { f.Set("key", "2026-S3") }, 400, "key-err", "harus berbentuk seperti 2026-S1"},
		{"a year", func(f url.Values) { f.Set("key", "2026") }, 400, "key-err", "2026-S1 atau 2026-S2"},
		{"taken", func(f url.Values) {}, 409, "key-err", "Periode 2026-S2 sudah ada"},
		{"no units", func(f url.Values) { f.Set("key", "2027-S1"); f.Del("unit") }, 400, "units-err", "paling sedikit satu unit"},
		{"an unknown unit", func(f url.Values) { f.Set("key", "2027-S1"); f.Set("unit", "hantu") }, 404, "units-err", "hantu"},
		{"an unknown questionnaire", func(f url.Values) { f.Set("key", "2027-S1"); f.Set("questionnaire", "v9") }, 404, "questionnaire-err", "v9"},
		{"nothing to copy", func(f url.Values) { f.Set("key", "2020-S1"); f.Set("source", "copy") }, 400, "source-err", "Tidak ada periode sebelum 2020-S1"},
	} {
		f := good()
		tc.spoil(f)
		resp, html := admin.Post("/admin/kampanye", f)
		d := doc(t, html)
		if resp.StatusCode != tc.status || !strings.Contains(d.Find("#"+tc.field).Text(), tc.says) {
			t.Errorf("%s: status %d, #%s %q; want %d saying %q", tc.name, resp.StatusCode, tc.field, d.Find("#"+tc.field).Text(), tc.status, tc.says)
		}
		if v := d.Find("#key").AttrOr("value", ""); v != f.Get("key") {
			t.Errorf("%s: the key typed, %q, is not shown again (%q)", tc.name, f.Get("key"), v)
		}
	}
	if n := campaignCount(t, e); n != 1 {
		t.Errorf("%d campaigns after the refusals, want 1", n)
	}
	// In English the same refusal is in English.
	resp, html := admin.Post("/admin/kampanye?lang=en", url.Values{"key": {"2026-S9"}, "source": {"fresh"}, "questionnaire": {"v1"}, "unit": {"dpmptsp"}})
	if msg := doc(t, html).Find("#key-err").Text(); resp.StatusCode != 400 || !strings.Contains(msg, "must look like 2026-S1 or 2026-S2") {
		t.Errorf("in English: %d %q", resp.StatusCode, msg)
	}
}

// The next semester copies the previous one: its units, their populations and its questionnaire.
func TestCreateCampaignCopiesThePreviousSemester(t *testing.T) {
	e := apptest.New(t)
	e.Seed() // 2026-S2, open, with DPMPTSP (1000) and RSUD Blambangan (200)
	admin := e.SignedIn("admin", survey.RoleAdmin)
	_, html := admin.Get("/admin/kampanye")
	d := doc(t, html)
	copyOption := d.Find(`input[name="source"][value="copy"]`)
	if d.Find("#key").AttrOr("value", "") != "2027-S1" || copyOption.AttrOr("checked", "no") == "no" ||
		!strings.Contains(copyOption.Parent().Text(), "Semester II 2026") {
		t.Fatalf("suggested key %q, copy option %q", d.Find("#key").AttrOr("value", ""), copyOption.Parent().Text())
	}
	if resp, _ := admin.Post("/admin/kampanye", url.Values{"key": {"2027-S1"}, "source": {"copy"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("copy: %d", resp.StatusCode)
	}
	prev, _ := e.Store.Campaign(context.Background(), "2026-S2")
	next, err := e.Store.Campaign(context.Background(), "2027-S1")
	if err != nil || next.Questionnaire != prev.Questionnaire || len(next.Units) != 2 || next.Units[0] != prev.Units[0] || next.Units[1] != prev.Units[1] || next.State != survey.StateDraft {
		t.Errorf("copied %+v from %+v (%v)", next, prev, err)
	}
}

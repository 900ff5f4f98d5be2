package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

// seedStaffDay gives the staff pages something to show: a closed, published 2026-S1 with a
// follow-up plan, the open 2026-S2 with answers and profiles and a complaint, a suggestion and
// praise, an API token and audit entries.
func seedStaffDay(e *apptest.Env) {
	e.T.Helper()
	ctx := context.Background()
	e.SeedTwoSemesters()
	e.SubmitGenerated("dpmptsp", 30)
	for _, kind := range survey.CaseKinds {
		e.SubmitMessage("dpmptsp", kind, "Pesan warga: "+kind)
	}
	if _, err := e.Store.PublishCampaign(ctx, "2026-S1", e.Now); err != nil {
		e.T.Fatal(err)
	}
	plan := &survey.Plan{Campaign: "2026-S1", Unit: "dpmptsp", UpdatedAt: e.Now, UpdatedBy: "kepala", Items: []survey.PlanItem{
		{Element: "U3", Activity: "Penambahan loket antrean pagi dan layanan daring OSS", Timing: "Juli–September 2026", Responsible: "Kepala Bidang Pelayanan"},
	}}
	if err := e.Store.SavePlan(ctx, plan); err != nil {
		e.T.Fatal(err)
	}
	e.Token(survey.RoleViewer)
	for _, a := range []survey.AuditEntry{
		{At: e.Now, Actor: "admin", Action: "campaign.publish", Target: "2026-S1"},
		{At: e.Now, Actor: "kepala", Action: "plan.save", Target: "2026-S1/dpmptsp", Detail: "1 items, 0 reviewed"},
	} {
		if err := e.Store.Audit(ctx, &a); err != nil {
			e.T.Fatal(err)
		}
	}
}

// staffPages are the pages a unit head and an administrator open on a working day, by who opens
// them; "" is signed out.
var staffPages = []struct {
	who   string
	role  survey.Role
	units []string
	paths []string
}{
	{"", "", nil, []string{"/masuk"}},
	{"kepala", survey.RoleUnitHead, []string{"dpmptsp"}, []string{
		"/dasbor", "/dasbor/unit/dpmptsp?kampanye=2026-S1", "/rencana/2026-S1/unit/dpmptsp", "/rencana/2026-S2/unit/dpmptsp",
		"/hasil", "/hasil/2026-S1", "/hasil/2026-S1/unit/dpmptsp", "/akun", "/admin/kampanye/2026-S2/unit/dpmptsp/impor",
		"/pengaduan", "/pengaduan?status=all",
	}},
	{"admin", survey.RoleAdmin, nil, []string{
		"/dasbor", "/dasbor/unit/dpmptsp", "/rencana/2026-S1/unit/dpmptsp", "/admin", "/admin/pengguna", "/admin/token", "/admin/audit", "/akun",
		"/admin/kampanye", "/admin/kampanye/2026-S2", "/admin/kampanye/2026-S2/status?to=closed", "/admin/kampanye/2026-S2/unit/dpmptsp/impor",
		"/laporan/2026-S1/terbitkan?unit=dpmptsp", "/laporan/2026-S1/terbitkan", "/pengaduan", "/admin/pengaduan",
		"/admin/wilayah", "/admin/unit", "/admin/unit/dpmptsp", "/admin/unit/impor", "/admin/kuesioner",
	}},
}

// TestStaffPagesFitAPhone opens every page a unit head and an administrator use, in both
// languages, on a 360 px phone: none scrolls sideways, every control is big enough to tap,
// every focus ring stands out, and axe-core finds no serious violation; then again at 1280 px
// for axe-core.
func TestStaffPagesFitAPhone(t *testing.T) {
	e := apptest.New(t)
	seedStaffDay(e)
	p := apptest.NewPhoneOn(t, e)
	for _, who := range staffPages {
		p.SignOut()
		if who.who != "" {
			p.SignInAs(who.who, who.role, who.units...)
		}
		for _, path := range who.paths {
			for _, lang := range []string{"id", "en"} {
				name := who.who + " " + path + " " + lang
				p.Resize(360, 740)
				p.OpenPage(withLang(path, lang))
				p.FitsScreen(name)
				p.Axe(name + " 360 px")
				p.Shot(name)
			}
			p.Resize(1280, 900)
			p.OpenPage(withLang(path, "en"))
			p.Axe(who.who + " " + path + " 1280 px")
		}
	}
}

// withLang adds the language to a path's query.
func withLang(path, lang string) string {
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}

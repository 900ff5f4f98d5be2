package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// withOPDs gives the region a fixed list of OPDs.
func withOPDs(t *testing.T, e *apptest.Env, opds ...string) {
	t.Helper()
	r, err := e.Store.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r.OPDs = opds
	if err := e.Store.SaveRegion(ctx, r); err != nil {
		t.Fatal(err)
	}
	e.Restart() // the region is cached for a while
}

// TestUnitListGroupsAndFilters lists units under their OPDs and filters by OPD, state and words.
func TestUnitListGroupsAndFilters(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	off := false
	if err := e.Store.CreateUnit(ctx, &survey.Unit{Slug: "puskesmas-sobo", Name: survey.Text{ID: "Puskesmas Sobo"}, OPD: "Dinas Kesehatan"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.UpdateUnit(ctx, "puskesmas-sobo", survey.UnitUpdate{Active: &off}); err != nil {
		t.Fatal(err)
	}
	b := e.SignedIn("admin", survey.RoleAdmin)
	_, body := b.Get("/admin/unit")
	d := apptest.Doc(t, body)
	var groups []string
	d.Find("h2.opd-group").Each(func(_ int, s *goquery.Selection) { groups = append(groups, strings.Fields(s.Text())[0]) })
	if fmt.Sprint(groups) != "[Dinas DPMPTSP RSUD]" {
		t.Errorf("OPD groups %v", groups)
	}
	for query, want := range map[string]int{"?opd=DPMPTSP": 1, "?aktif=0": 1, "?aktif=1": 2, "?q=blambangan": 1, "?q=rsud+sobo": 0, "": 3} {
		_, body := b.Get("/admin/unit" + query)
		if got := apptest.Doc(t, body).Find("tbody tr").Length(); got != want {
			t.Errorf("%s: %d units listed, want %d", query, got, want)
		}
	}
}

// TestUnitCreate adds a unit with a slug made from its name, and refuses a bad slug, a taken one
// and an OPD the region does not list, each next to its field.
func TestUnitCreate(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	withOPDs(t, e, "DPMPTSP", "Dinas Kesehatan")
	b := e.SignedIn("admin", survey.RoleAdmin)
	b.Get("/admin/unit")
	resp, _ := b.Post("/admin/unit", url.Values{"name.id": {"Puskesmas Kabat"}, "name.en": {"Kabat Health Centre"}, "opd": {"dinas kesehatan"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/unit/puskesmas-kabat?baru=1" {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	u, err := e.Store.Unit(ctx, "puskesmas-kabat")
	if err != nil || !u.Active || u.OPD != "Dinas Kesehatan" || u.Name.EN != "Kabat Health Centre" {
		t.Fatalf("created %+v, %v", u, err)
	}
	for _, tc := range []struct {
		form  url.Values
		field string
		want  string
	}{
		{url.Values{"slug": {"Bad Slug!"}, "name.id": {"X"}, "opd": {"DPMPTSP"}}, "slug", "huruf kecil"},
		{url.Values{"slug": {"dpmptsp"}, "name.id": {"Lagi"}, "opd": {"DPMPTSP"}}, "slug", "sudah ada"},
		{url.Values{"slug": {"disdik"}, "name.id": {"Dinas Pendidikan"}, "opd": {"Dinas Pendidikan"}}, "opd", "tidak ada dalam daftar OPD"},
		{url.Values{"slug": {"impor"}, "name.id": {"Impor"}, "opd": {"DPMPTSP"}}, "slug", "halaman impor"},
	} {
		resp, body := b.Post("/admin/unit", tc.form)
		d := apptest.Doc(t, body)
		if msg := fieldError(t, d, tc.field); resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, tc.want) {
			t.Errorf("%v: %d, %s says %q", tc.form, resp.StatusCode, tc.field, msg)
		}
		if d.Find("#name-id").AttrOr("value", "") != tc.form.Get("name.id") {
			t.Errorf("%v: the name typed is not shown again", tc.form)
		}
	}
	if units, _ := e.Store.Units(ctx, survey.UnitFilter{}); len(units) != 3 {
		t.Errorf("%d units after refused forms, want 3", len(units))
	}
	if len(auditActions(t, e, "unit.create")) != 1 {
		t.Error("the new unit is not in the audit log")
	}
}

// TestUnitEditTakes202Services pastes the public service mall's 202 services as names, one per
// line, with its head and population; codes are made unique, and every bad line of a later
// paste is listed.
func TestUnitEditTakes202Services(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	b := e.SignedIn("admin", survey.RoleAdmin)
	b.Get("/admin/unit/dpmptsp")
	var lines []string
	for i := range 202 {
		lines = append(lines, fmt.Sprintf("Perizinan sektor %d", i%150))
	}
	form := url.Values{"name.id": {"Mal Pelayanan Publik"}, "name.en": {"Public Service Mall"}, "opd": {"DPMPTSP"}, "population": {"12.500"},
		"head.name": {"Budi Santoso, S.Sos"}, "head.title": {"Kepala Dinas"}, "head.nip": {"19750505 200003 1 002"}, "services": {strings.Join(lines, "\r\n")}}
	resp, body := b.Post("/admin/unit/dpmptsp", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", resp.StatusCode, body)
	}
	u, err := e.Store.Unit(ctx, "dpmptsp")
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, sv := range u.Services {
		codes[sv.Code] = true
	}
	if len(u.Services) != 202 || len(codes) != 202 || u.Population != 12500 || u.Head.NIP != "197505052000031002" || u.Name.EN != "Public Service Mall" {
		t.Fatalf("saved %d services (%d codes), population %d, head %+v", len(u.Services), len(codes), u.Population, u.Head)
	}
	_, body = b.Get("/admin/unit/dpmptsp")
	if got := strings.Count(apptest.Doc(t, body).Find("#services").Text(), "\n"); got != 202 {
		t.Errorf("the unit's page shows %d service lines", got)
	}

	form.Set("services", "izin-usaha;Izin usaha\nBAD CODE;Nama\npbg;\nizin-usaha;Lagi")
	form.Set("head.nip", "123")
	resp, body = b.Post("/admin/unit/dpmptsp", form)
	d := apptest.Doc(t, body)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad services: %d", resp.StatusCode)
	}
	if n := d.Find("#services-err li").Length(); n != 3 {
		t.Errorf("%d bad lines listed, want 3: %s", n, d.Find("#services-err").Text())
	}
	if msg := fieldError(t, d, "head-nip"); !strings.Contains(msg, "18") {
		t.Errorf("NIP: %q", msg)
	}
	if !strings.Contains(d.Find("#services").Text(), "BAD CODE;Nama") {
		t.Error("the pasted lines are not shown again")
	}
	if u2, _ := e.Store.Unit(ctx, "dpmptsp"); len(u2.Services) != 202 {
		t.Errorf("a refused edit changed the services: %d", len(u2.Services))
	}
}

// TestUnitDeactivate turns a unit's survey off and on; nothing offers to delete a unit.
func TestUnitDeactivate(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	b := e.SignedIn("admin", survey.RoleAdmin)
	_, body := b.Get("/admin/unit/dpmptsp")
	if strings.Contains(strings.ToLower(apptest.Doc(t, body).Find("form button").Text()), "hapus unit") {
		t.Error("the unit's page offers to delete it")
	}
	resp, _ := b.Post("/admin/unit/dpmptsp/aktif", url.Values{"active": {"false"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", resp.StatusCode)
	}
	if resp, _ := e.Browser().Get("/s/dpmptsp"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a deactivated unit's survey answers %d", resp.StatusCode)
	}
	_, body = b.Get("/admin/unit/dpmptsp")
	if apptest.Doc(t, body).Find("input[name=active][value=true]").Length() != 1 {
		t.Error("a deactivated unit's page does not offer to activate it")
	}
	b.Post("/admin/unit/dpmptsp/aktif", url.Values{"active": {"true"}})
	if u, _ := e.Store.Unit(ctx, "dpmptsp"); !u.Active {
		t.Error("the unit was not activated again")
	}
	if entries := auditActions(t, e, "unit.update"); len(entries) != 2 {
		t.Errorf("%d audit entries for two changes", len(entries))
	}
}

// TestUnitHeads creates a head from the unit's page (the password shown once works), adds an
// existing head, and refuses to leave a head without any unit.
func TestUnitHeads(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.User("sari", survey.RoleUnitHead, "rsud-blambangan")
	b := e.SignedIn("admin", survey.RoleAdmin)
	_, body := b.Get("/admin/unit/dpmptsp")
	if apptest.Doc(t, body).Find("#head-user option[value=sari]").Length() != 1 {
		t.Fatal("an existing unit head is not offered")
	}
	resp, body := b.Post("/admin/unit/dpmptsp/kepala/baru", url.Values{"username": {"Budi"}, "name": {"Budi Santoso"}})
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create head: %d", resp.StatusCode)
	}
	password := strings.TrimSpace(apptest.Doc(t, body).Find(".password").Text())
	if len(password) < 12 {
		t.Fatalf("password shown %q", password)
	}
	head := e.Browser()
	if resp, _ := head.SignIn("budi", password); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the new head cannot sign in: %d", resp.StatusCode)
	}
	if resp, _ := head.Get("/dasbor/unit/dpmptsp"); resp.StatusCode != http.StatusOK {
		t.Errorf("the new head does not see their unit: %d", resp.StatusCode)
	}
	resp, body = b.Post("/admin/unit/dpmptsp/kepala/baru", url.Values{"username": {"budi"}, "name": {"Budi Lagi"}})
	if msg := fieldError(t, apptest.Doc(t, body), "head-username"); resp.StatusCode != http.StatusConflict || msg == "" {
		t.Errorf("a taken username: %d %q", resp.StatusCode, msg)
	}
	if resp, _ := b.Post("/admin/unit/dpmptsp/kepala", url.Values{"username": {"sari"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add sari: %d", resp.StatusCode)
	}
	if u, _ := e.Store.User(ctx, "sari"); fmt.Sprint(u.Units) != "[rsud-blambangan dpmptsp]" {
		t.Errorf("sari heads %v", u.Units)
	}
	if resp, _ := b.Post("/admin/unit/dpmptsp/kepala", url.Values{"username": {"admin"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an administrator added as a unit head: %d", resp.StatusCode)
	}
	resp, body = b.Post("/admin/unit/dpmptsp/kepala/budi/lepas", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "hanya memimpin unit ini") {
		t.Errorf("removing a head's only unit: %d", resp.StatusCode)
	}
	if resp, _ := b.Post("/admin/unit/dpmptsp/kepala/sari/lepas", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("remove sari: %d", resp.StatusCode)
	}
	if u, _ := e.Store.User(ctx, "sari"); fmt.Sprint(u.Units) != "[rsud-blambangan]" {
		t.Errorf("sari heads %v after removal", u.Units)
	}
	if n := len(auditActions(t, e, "unit.head")); n != 3 {
		t.Errorf("%d unit.head audit entries, want 3", n)
	}
}

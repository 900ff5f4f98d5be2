package desk_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

func TestCaseDeskReplyAndPublish(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	code := e.Browser().FileComplaint("dpmptsp", "Berkas saya hilang.")
	id := e.FindCase(code).ID // staff name a case by its ID, never by the resident's code
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")

	resp, body := head.Get("/pengaduan")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %d", resp.StatusCode)
	}
	d := apptest.Doc(t, body)
	if d.Find(`#cases a[href="/pengaduan/`+id+`"]`).Length() != 1 || !strings.Contains(d.Find("#cases").Text(), "Berkas saya hilang.") {
		t.Fatal("the head's list lacks the case")
	}
	if d.Find("#escalated").Length() != 0 {
		t.Error("a unit head sees the escalation list")
	}
	if !strings.Contains(d.Find("#cases").Text(), "4 j lagi") {
		t.Errorf("time left not shown: %s", d.Find("#cases").Text())
	}

	// An empty reply is refused with the form kept.
	head.Get(link.Case(id))
	if resp, _ := head.Post(link.Case(id)+"/balas", url.Values{"reply": {"  "}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("empty reply: %d", resp.StatusCode)
	}
	// Publishing before a reply is a conflict.
	if resp, _ := head.Post(link.Case(id)+"/terbitkan", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("publish before reply: %d", resp.StatusCode)
	}
	e.Now = e.Now.Add(20 * time.Minute) // within the session's idle time
	reply := "Berkas Anda ditemukan di loket 3.\nSilakan diambil dengan membawa KTP."
	resp, _ = head.Post(link.Case(id)+"/balas", url.Values{"reply": {reply}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != link.Case(id)+"?ok=reply" {
		t.Fatalf("reply: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cs := e.FindCase(code)
	if words := e.CaseText(cs.ID); cs.State() != survey.CaseAnswered || !cs.AnsweredInTime() || words.RepliedBy != "kepala" || words.Reply != reply {
		t.Fatalf("after the reply: %+v %+v", cs, words)
	}
	// Answered but unpublished: the resident sees it is being handled, not the reply.
	_, track := e.Browser().Get(link.Track(code))
	if strings.Contains(track, "loket 3") || !strings.Contains(track, "Sedang diproses") {
		t.Error("an unpublished reply shows on the tracking page")
	}
	e.Now = e.Now.Add(time.Minute)
	resp, _ = head.Post(link.Case(id)+"/terbitkan", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	_, track = e.Browser().Get(link.Track(code))
	if !strings.Contains(track, "Berkas Anda ditemukan di loket 3.") || !strings.Contains(track, "Silakan diambil") || !strings.Contains(track, "Selesai dijawab") {
		t.Error("the published reply is not on the tracking page")
	}
	if resp, _ := head.Post(link.Case(id)+"/balas", url.Values{"reply": {"Ralat"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("reply after publication: %d", resp.StatusCode)
	}
	entries, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{})
	var actions []string
	for _, en := range entries {
		if en.Target == id {
			actions = append(actions, en.Action+" by "+en.Actor)
		}
	}
	if strings.Join(actions, ", ") != "case.publish by kepala, case.reply by kepala" {
		t.Errorf("audit: %v", actions)
	}
	_, body = head.Get("/pengaduan")
	if d := apptest.Doc(t, body); strings.Contains(d.Find("#cases").Text(), id) || strings.Contains(body, code) || !strings.Contains(d.Find("#sla").Text(), "100,0%") {
		t.Errorf("a closed case still to do, or the SLA missing: %s", d.Find("#sla").Text())
	}
	_, body = head.Get("/pengaduan?status=closed")
	if d := apptest.Doc(t, body); !strings.Contains(d.Find("#cases").Text(), id) || strings.Contains(body, code) {
		t.Error("the closed case is not among the closed ones")
	}
}

func TestCaseAccess(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	code := e.Browser().FileComplaint("dpmptsp", "Rahasia unit A.")
	id := e.FindCase(code).ID
	headB := e.SignedIn("kepala-b", survey.RoleUnitHead, "rsud-blambangan")
	viewer := e.SignedIn("inspektorat", survey.RoleViewer)
	admin := e.SignedIn("ortala", survey.RoleAdmin)

	// Another unit's head, a viewer and an unknown code all meet the same 404.
	for name, b := range map[string]*apptest.Browser{"head of B": headB, "viewer": viewer} {
		resp, body := b.Get(link.Case(id))
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "Rahasia") {
			t.Errorf("%s reads the case: %d", name, resp.StatusCode)
		}
		b.Get("/pengaduan")
		for _, path := range []string{link.Case(id) + "/balas", link.Case(id) + "/terbitkan"} {
			if resp, _ := b.Post(path, url.Values{"reply": {"Bukan urusan saya"}}); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s POST %s: %d", name, path, resp.StatusCode)
			}
		}
		_, list := b.Get("/pengaduan")
		if strings.Contains(list, "Rahasia") {
			t.Errorf("%s's list shows the text", name)
		}
	}
	if cs := e.FindCase(code); cs.State() != survey.CaseOpen {
		t.Fatalf("another unit changed the case: %+v", cs)
	}
	_, list := headB.Get("/pengaduan")
	if strings.Contains(list, id) {
		t.Error("head of B lists unit A's case")
	}
	// The viewer sees the case's times for oversight, without a link to it.
	_, list = viewer.Get("/pengaduan")
	if d := apptest.Doc(t, list); !strings.Contains(d.Find("#cases").Text(), id) || d.Find(`a[href="`+link.Case(id)+`"]`).Length() != 0 || d.Find("#cari").Length() != 0 {
		t.Error("the viewer's list: case missing, linked, or searchable")
	}
	if resp, body := admin.Get(link.Case(id)); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Rahasia unit A.") {
		t.Errorf("admin: %d", resp.StatusCode)
	}
	if resp, _ := e.Browser().Get("/pengaduan"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous: %d", resp.StatusCode)
	}
}

func TestOverdueCasesAreEscalated(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	late := e.Browser().FileComplaint("dpmptsp", "Sudah seminggu izin belum terbit.")
	e.Now = e.Now.Add(2 * time.Hour)
	fresh := e.Browser().FileComplaint("rsud-blambangan", "Dokter datang terlambat.")
	e.Now = e.Now.Add(3 * time.Hour) // the first is an hour overdue, the second has an hour left
	lateID, freshID := e.FindCase(late).ID, e.FindCase(fresh).ID

	admin := e.SignedIn("ortala", survey.RoleAdmin)
	_, body := admin.Get("/pengaduan")
	d := apptest.Doc(t, body)
	esc := d.Find("#escalated tbody tr")
	if esc.Length() != 1 || !strings.Contains(esc.Text(), lateID) || !strings.Contains(esc.Text(), "Terlambat 1 j") || strings.Contains(esc.Text(), "Terlambat Terlambat") || !esc.HasClass("overdue") {
		t.Errorf("escalated: %q", esc.Text())
	}
	// The desk lists both, the overdue one first, then the one with an hour left.
	rows := d.Find("#cases tbody tr")
	if rows.Length() != 2 || !strings.Contains(rows.Eq(0).Text(), lateID) || !strings.Contains(rows.Eq(1).Text(), freshID) || !strings.Contains(rows.Eq(1).Text(), "1 j lagi") {
		t.Errorf("the desk: %q", rows.Text())
	}
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	_, body = head.Get("/pengaduan")
	if row := apptest.Doc(t, body).Find("#cases tbody tr"); row.Length() != 1 || !row.HasClass("overdue") || !strings.Contains(row.Text(), "Terlambat 1 j") {
		t.Errorf("the head's overdue case is not marked: %q", row.Text())
	}
	if apptest.Doc(t, body).Find("#escalated").Length() != 0 {
		t.Error("a unit head sees the escalation list")
	}
	_, track := e.Browser().Get(link.Track(late))
	if !strings.Contains(track, "diteruskan kepada pimpinan daerah") {
		t.Error("the resident is not told of the escalation")
	}
	tally, _ := e.Store.Tally(context.Background(), "2026-S2")
	if sla := tally.SLA(e.Now); sla.Overdue != 1 || sla.Open != 2 || sla.Decided != 1 || sla.InTimePercent != 0 {
		t.Errorf("SLA %+v", sla)
	}
}

func TestCaseSLAFigures(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	ctx := context.Background()
	t0 := e.Now
	var codes []string
	for _, text := range []string{"Satu", "Dua", "Tiga"} {
		codes = append(codes, e.Browser().FileComplaint("dpmptsp", text))
	}
	e.Browser().FileComplaint("rsud-blambangan", "Empat")
	for i, after := range []time.Duration{time.Hour, 5 * time.Hour} {
		ev := survey.CaseEvent{Case: e.FindCase(codes[i]).ID, Unit: "dpmptsp", Type: survey.EventReply, Text: "Dijawab", By: "kepala", At: t0.Add(after)}
		if err := e.Store.RecordCaseEvents(ctx, "2026-S2", []survey.CaseEvent{ev}); err != nil {
			t.Fatal(err)
		}
	}
	e.Now = t0.Add(6 * time.Hour)
	tally, err := e.Store.Tally(ctx, "2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	sla := tally.Unit("dpmptsp").SLA(e.Now)
	if sla.Cases != 3 || sla.InTime != 1 || sla.Overdue != 1 || sla.MedianAnswer != 3*time.Hour || sla.InTimePercent != 33.3 {
		t.Errorf("unit SLA %+v", sla)
	}
	region := survey.DefaultRegion()
	want := "3 pengaduan; 1 dari 3 yang sudah pasti dijawab dalam 4 jam (33,3%); median waktu jawab 3 j; 1 belum dijawab, 1 di antaranya terlambat."
	if got := web.SLASentence(i18n.For(survey.LangID, nil), &region, sla); got != want {
		t.Errorf("summary\n%q\nwant\n%q", got, want)
	}
	all := tally.SLA(e.Now)
	if all.Cases != 4 || all.Overdue != 2 {
		t.Errorf("campaign SLA %+v", all)
	}
	region.OfficeHoursOnly = true
	if got := web.SLASentence(i18n.For(survey.LangEN, nil), &region, analytics.SLA{Cases: 2, Open: 2}); got != "2 complaints, all still within the 4 office hours limit." {
		t.Errorf("pending: %q", got)
	}
	if got := web.SLASentence(i18n.For(survey.LangEN, nil), &region, analytics.SLA{}); got != "No complaint recorded." {
		t.Errorf("none: %q", got)
	}
}

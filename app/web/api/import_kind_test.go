package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

// TestPaperComplaintStartsItsClockAtImport: questionnaires written three weeks before they are
// typed in carry a complaint, a suggestion and praise; the complaint is received, and its clock
// starts, when the file is imported, and it is not overdue an hour later; the suggestion and
// praise have no clock, a month later still.
func TestPaperComplaintStartsItsClockAtImport(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.Now = time.Date(2026, 9, 7, 3, 0, 0, 0, time.UTC)
	file := "tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9,saran,jenis\n" +
		"2026-08-17,2,2,2,2,2,2,2,2,2,Berkas saya hilang di loket,keluhan\n" +
		"2026-08-17,4,4,4,4,4,4,4,4,4,Tambah kursi,saran\n" +
		"2026-08-17,4,4,4,4,4,4,4,4,4,Petugas ramah,pujian\n"
	resp, body := upload(e, e.Token(survey.RoleAdmin), importPath, "text/csv", []byte(file))
	wantStatus(t, "import", resp, body, http.StatusOK)

	tally, err := e.Store.Tally(t.Context(), "2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]*survey.Case{}
	for _, c := range tally.Unit("dpmptsp").Cases {
		kinds[c.Kind] = c
	}
	complaint := kinds[survey.KindComplaint]
	if complaint == nil || !complaint.ReceivedAt.Equal(e.Now) || !complaint.DueAt.Equal(e.Now.Add(4*time.Hour)) ||
		complaint.Overdue(e.Now.Add(time.Hour)) || !complaint.Overdue(e.Now.Add(5*time.Hour)) {
		t.Fatalf("the paper complaint: %+v; want it received at the import, due four hours on", complaint)
	}
	for _, kind := range []string{survey.KindSuggestion, survey.KindPraise} {
		if c := kinds[kind]; c == nil || c.Clocked() || c.Overdue(e.Now.Add(30*24*time.Hour)) {
			t.Errorf("the paper %s: %+v", kind, c)
		}
	}
	if sla := tally.Unit("dpmptsp").SLA(e.Now.Add(5 * time.Hour)); sla.Cases != 1 || sla.Overdue != 1 {
		t.Errorf("the answer figures count %+v; want the one complaint, overdue", sla)
	}
}

package documents_test

import (
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

// TestReportsCountComplaintsOnly: a day after a complaint, two suggestions and praise, the unit
// report and the region report count the one complaint, overdue, in their answer figures.
func TestReportsCountComplaintsOnly(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.SubmitGenerated("dpmptsp", 12)
	for _, kind := range []string{survey.KindComplaint, survey.KindSuggestion, survey.KindSuggestion, survey.KindPraise} {
		e.SubmitMessage("dpmptsp", kind, "Pesan warga: "+kind)
	}
	e.Now = e.Now.Add(24 * time.Hour)
	admin := e.SignedIn("admin", survey.RoleAdmin)
	for path, want := range map[string][]string{
		"/laporan/2026-S2/unit/dpmptsp.pdf": {"unit menerima 1 pengaduan tertulis dari warga (saran dan pujian tidak dihitung); 0 telah dijawab",
			"1 belum dijawab, 1 di antaranya melewati batas waktu"},
		"/laporan/2026-S2/wilayah.pdf": {"Unit-unit menerima 1 pengaduan tertulis (saran dan pujian tidak dihitung)"},
	} {
		resp, pdf := admin.Get(path)
		wantPDF(t, path, resp, pdf)
		text := apptest.PDFText(t, pdf)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not say %q", path, w)
			}
		}
	}
}

package dashboard_test

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

// TestUnitDashboardCountsMessagesByKind: the unit dashboard counts the residents' messages by
// what they are and names each one's kind beside its words, as the responses download does; a
// day after they came, the answer figure beside U8 counts the one complaint, late, and neither
// the suggestions nor the praise.
func TestUnitDashboardCountsMessagesByKind(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.SubmitMessage("dpmptsp", survey.KindComplaint, "Berkas saya hilang di loket.")
	e.SubmitMessage("dpmptsp", survey.KindSuggestion, "Tambah kursi di ruang tunggu.")
	e.SubmitMessage("dpmptsp", survey.KindSuggestion, "Perpanjang jam layanan hari Sabtu.")
	e.SubmitMessage("dpmptsp", survey.KindPraise, "Petugas ramah dan membantu, terima kasih.")
	e.Now = e.Now.Add(24 * time.Hour)

	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	_, body := head.Get("/dasbor/unit/dpmptsp")
	d := apptest.Doc(t, body)
	section := d.Find(`section[aria-labelledby=suggestions]`)
	if !strings.Contains(section.Text(), "Pesan diterima: 4 (pengaduan: 1, saran: 2, pujian: 1).") {
		t.Errorf("the count of messages: %q", section.Find("p").Eq(1).Text())
	}
	kinds := map[string]string{}
	section.Find("ol.suggestions li").Each(func(_ int, li *goquery.Selection) {
		kinds[li.Find(".text").Text()] = li.Find(".meta strong").First().Text()
	})
	for text, want := range map[string]string{"Berkas saya hilang di loket.": "Pengaduan", "Tambah kursi di ruang tunggu.": "Saran",
		"Petugas ramah dan membantu, terima kasih.": "Pujian"} {
		if kinds[text] != want {
			t.Errorf("%q is shown as %q, want %q", text, kinds[text], want)
		}
	}
	if sla := section.Find("p").First().Text(); !strings.HasPrefix(sla, "U8 · 1 pengaduan;") || !strings.Contains(sla, "1 belum dijawab, 1 di antaranya terlambat") {
		t.Errorf("the answer figure counts more than the complaint: %q", sla)
	}
	_, csv := head.Get("/ekspor/2026-S2/unit/dpmptsp/responses.csv")
	rows := readCSV(t, csv)
	saran, jenis := column(t, rows[0], "saran"), column(t, rows[0], "jenis_pesan")
	got := map[string]string{}
	for _, row := range rows[1:] {
		if row[saran] != "" || row[jenis] != "" {
			got[row[saran]] = row[jenis]
		}
	}
	if len(got) != 4 || got["Berkas saya hilang di loket."] != "pengaduan" || got["Tambah kursi di ruang tunggu."] != "saran" ||
		got["Petugas ramah dan membantu, terima kasih."] != "pujian" {
		t.Errorf("the download's messages by type: %v", got)
	}
}

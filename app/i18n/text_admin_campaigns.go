package i18n

import "github.com/skm-engine/skm/survey"

// adminCampaignsText is the wording of the campaigns console, paper questionnaires entered in the
// browser and the final reports, with the domain's errors about them.
var adminCampaignsText = map[string]survey.Text{
	"err.campaign.already":      {ID: "Periode %s sudah berstatus %s.", EN: "Campaign %s is %s already."},
	"err.paper.closed":          {ID: "Periode %s sudah ditutup, sehingga kuesioner kertas tidak dapat ditambahkan lagi. Administrator dapat membukanya kembali bila masih ada kuesioner yang harus dimasukkan.", EN: "Campaign %s is closed, so paper questionnaires can no longer be added. An administrator may reopen it if questionnaires are still to be entered."},
	"err.paper.archived":        {ID: "Periode %s sudah diarsipkan, sehingga kuesioner kertas tidak dapat ditambahkan lagi.", EN: "Campaign %s is archived, so paper questionnaires can no longer be added."},
	"err.paper.published":       {ID: "Hasil periode %s sudah diterbitkan untuk masyarakat, sehingga kuesioner kertas tidak dapat ditambahkan lagi.", EN: "The results of campaign %s have been published to residents, so paper questionnaires can no longer be added."},
	"err.paper.unit":            {ID: "Anda tidak berhak memasukkan kuesioner kertas untuk unit %s.", EN: "You may not enter paper questionnaires for unit %s."},
	"err.paper.heads":           {ID: "Di daerah ini kuesioner kertas dimasukkan oleh administrator; pimpinan unit tidak dapat mengimpornya sendiri.", EN: "In this region, paper questionnaires are entered by the administrators; unit heads cannot import them."},
	"err.paper.notopen":         {ID: "Periode %s berstatus %s: pimpinan unit hanya dapat mengimpor kuesioner kertas selama periode berjalan.", EN: "Campaign %s is %s: unit heads can import paper questionnaires only while a campaign is open."},
	"err.issued.generation":     {ID: "Terbitan ke-%d tidak sah.", EN: "Issue %d is not valid."},
	"err.final.generation":      {ID: "Laporan final dapat diterbitkan ulang paling banyak %d kali.", EN: "A final report can be reissued at most %d times."},
	"err.final.reason":          {ID: "Tuliskan alasan penerbitan ulang.", EN: "Give the reason for reissuing."},
	"err.final.reasonlength":    {ID: "Alasan paling panjang %d karakter.", EN: "The reason may be at most %d characters long."},
	"err.final.file":            {ID: "Berkas %s bukan bagian dari laporan ini.", EN: "File %s is not part of this report."},
	"err.final.bytes":           {ID: "Isi berkas %s tidak cocok dengan catatannya.", EN: "The bytes of file %s do not match its record."},
	"err.final.open":            {ID: "Periode %s berstatus %s: laporan final diterbitkan setelah periode ditutup.", EN: "Campaign %s is %s: final reports are issued after it closes."},
	"err.final.taken":           {ID: "Terbitan ke-%d laporan ini baru saja dibuat oleh %s. Muat ulang halaman untuk melihatnya.", EN: "Issue %d of this report was just made by %s. Reload the page to see it."},
	"err.final.notfound":        {ID: "Laporan final periode %s belum diterbitkan.", EN: "No final report of campaign %s has been issued."},
	"err.final.nofile":          {ID: "Nomor %s bukan laporan final yang tersimpan.", EN: "Number %s is not a stored final report."},
	"err.paper.header.element":  {ID: "baris judul: kolom %s bukan salah satu dari sembilan unsur %s; berkas ini dibuat untuk kuesioner lain", EN: "header: column %s is not one of the nine elements of %s; this file was made for another questionnaire"},
	"err.paper.header.notasked": {ID: "baris judul: kolom %s ditanyakan oleh kuesioner lain, bukan oleh %s; berkas ini dibuat untuk kuesioner lain", EN: "header: column %s is asked by another questionnaire, not by %s; this file was made for another questionnaire"},
	"paper.questionnaire.any":   {ID: "kuesioner periode ini", EN: "this campaign's questionnaire"},
	"paper.questionnaire":       {ID: "kuesioner versi %d periode %s", EN: "questionnaire version %d of campaign %s"},
	"err.import.problems.one":   {ID: "Berkas tidak diimpor: ada %d masalah; tidak ada yang disimpan.", EN: "The file was not imported: it has %d problem; nothing was stored."},
	"err.import.problems.many":  {ID: "Berkas tidak diimpor: ada %d masalah; tidak ada yang disimpan.", EN: "The file was not imported: it has %d problems; nothing was stored."},
}

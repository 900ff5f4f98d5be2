// Package demo seeds the demo region, Kabupaten Banyuwangi with real unit names and invented
// responses, into an empty database.
package demo

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/skm-engine/skm/survey"
)

// demoUnit is a unit of the demo region with how its residents tend to answer: a base mean per
// element and a drift per semester, so indices differ between units and move over time.
type demoUnit struct {
	unit       survey.Unit
	population int64
	base       [9]float64 // mean score per element, 1–4
	drift      float64    // change of every mean per semester
	perTerm    int        // responses per semester
}

func svc(code, id, en string) survey.Service {
	return survey.Service{Code: code, Name: survey.Text{ID: id, EN: en}}
}

// demoUnits are real units of Kabupaten Banyuwangi; their responses are invented.
var demoUnits = []demoUnit{
	{unit: survey.Unit{Slug: "dpmptsp", Name: survey.Text{ID: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", EN: "Investment and One-Stop Integrated Service Office"}, OPD: "DPMPTSP",
		Services: []survey.Service{svc("nib-oss", "Nomor Induk Berusaha (OSS)", "Business identification number (OSS)"), svc("pbg", "Persetujuan Bangunan Gedung", "Building approval"), svc("izin-reklame", "Izin reklame", "Advertising permit"), svc("sip-nakes", "Surat Izin Praktik tenaga kesehatan", "Health worker practice permit")}},
		population: 6200, base: [9]float64{3.3, 3.1, 2.9, 3.8, 3.3, 3.4, 3.5, 3.0, 3.2}, drift: 0.05, perTerm: 220},
	{unit: survey.Unit{Slug: "rsud-blambangan", Name: survey.Text{ID: "RSUD Blambangan", EN: "Blambangan Regional Hospital"}, OPD: "RSUD Blambangan",
		Services: []survey.Service{svc("rawat-jalan", "Rawat jalan", "Outpatient care"), svc("rawat-inap", "Rawat inap", "Inpatient care"), svc("igd", "Instalasi Gawat Darurat", "Emergency department"), svc("laboratorium", "Laboratorium", "Laboratory")}},
		population: 48000, base: [9]float64{3.1, 2.9, 2.5, 3.0, 3.1, 3.3, 3.1, 2.7, 2.9}, drift: 0.08, perTerm: 300},
	{unit: survey.Unit{Slug: "rsud-genteng", Name: survey.Text{ID: "RSUD Genteng", EN: "Genteng Regional Hospital"}, OPD: "RSUD Genteng",
		Services: []survey.Service{svc("rawat-jalan", "Rawat jalan", "Outpatient care"), svc("rawat-inap", "Rawat inap", "Inpatient care"), svc("igd", "Instalasi Gawat Darurat", "Emergency department")}},
		population: 30000, base: [9]float64{3.0, 2.8, 2.6, 3.1, 3.0, 3.2, 3.0, 2.6, 2.8}, drift: -0.04, perTerm: 180},
	{unit: survey.Unit{Slug: "dispendukcapil", Name: survey.Text{ID: "Dinas Kependudukan dan Pencatatan Sipil", EN: "Population and Civil Registration Office"}, OPD: "Dinas Kependudukan dan Pencatatan Sipil",
		Services: []survey.Service{svc("ktp-el", "KTP elektronik", "Electronic identity card"), svc("kartu-keluarga", "Kartu Keluarga", "Family card"), svc("akta-kelahiran", "Akta kelahiran", "Birth certificate"), svc("akta-kematian", "Akta kematian", "Death certificate"), svc("pindah-datang", "Surat pindah datang", "Change of residence")}},
		population: 25000, base: [9]float64{3.4, 3.2, 3.0, 3.9, 3.4, 3.3, 3.4, 3.1, 3.1}, drift: 0.04, perTerm: 260},
	{unit: survey.Unit{Slug: "mal-pelayanan-publik", Name: survey.Text{ID: "Mal Pelayanan Publik Banyuwangi", EN: "Banyuwangi Public Service Mall"}, OPD: "DPMPTSP",
		Services: []survey.Service{svc("paspor", "Paspor (Kantor Imigrasi)", "Passport (Immigration Office)"), svc("sim", "Perpanjangan SIM (Polresta)", "Driving licence renewal (Police)"), svc("samsat", "Pajak kendaraan (Samsat)", "Vehicle tax (Samsat)"), svc("bpjs-kesehatan", "BPJS Kesehatan", "National health insurance"), svc("pdam", "Layanan PDAM", "Water utility"), svc("pajak-daerah", "Pajak daerah (Bapenda)", "Regional tax"), svc("nikah", "Pendaftaran nikah (Kemenag)", "Marriage registration"), svc("adminduk", "Administrasi kependudukan", "Civil registration")}},
		population: 90000, base: [9]float64{3.5, 3.4, 3.3, 3.7, 3.5, 3.5, 3.6, 3.3, 3.6}, drift: 0.03, perTerm: 320},
	{unit: survey.Unit{Slug: "puskesmas-sobo", Name: survey.Text{ID: "Puskesmas Sobo", EN: "Sobo Community Health Centre"}, OPD: "Dinas Kesehatan",
		Services: []survey.Service{svc("poli-umum", "Poli umum", "General clinic"), svc("kia", "Kesehatan ibu dan anak", "Maternal and child health"), svc("imunisasi", "Imunisasi", "Immunisation")}},
		population: 9000, base: [9]float64{3.2, 3.1, 2.8, 3.8, 3.1, 3.0, 3.2, 2.8, 2.9}, drift: 0.06, perTerm: 120},
	{unit: survey.Unit{Slug: "puskesmas-kabat", Name: survey.Text{ID: "Puskesmas Kabat", EN: "Kabat Community Health Centre"}, OPD: "Dinas Kesehatan",
		Services: []survey.Service{svc("poli-umum", "Poli umum", "General clinic"), svc("kia", "Kesehatan ibu dan anak", "Maternal and child health")}},
		population: 7000, base: [9]float64{2.9, 2.8, 2.5, 3.7, 2.9, 2.9, 3.0, 2.4, 2.6}, drift: 0.07, perTerm: 90},
	{unit: survey.Unit{Slug: "puskesmas-rogojampi", Name: survey.Text{ID: "Puskesmas Rogojampi", EN: "Rogojampi Community Health Centre"}, OPD: "Dinas Kesehatan",
		Services: []survey.Service{svc("poli-umum", "Poli umum", "General clinic"), svc("poli-gigi", "Poli gigi", "Dental clinic"), svc("kia", "Kesehatan ibu dan anak", "Maternal and child health")}},
		population: 8000, base: [9]float64{3.3, 3.2, 3.0, 3.8, 3.2, 3.3, 3.4, 3.0, 3.1}, drift: -0.05, perTerm: 110},
	{unit: survey.Unit{Slug: "kecamatan-banyuwangi", Name: survey.Text{ID: "Kecamatan Banyuwangi", EN: "Banyuwangi District Office"}, OPD: "Kecamatan",
		Services: []survey.Service{svc("surat-keterangan", "Surat keterangan", "Certificates"), svc("legalisasi", "Legalisasi dokumen", "Document legalisation")}},
		population: 2500, base: [9]float64{3.2, 3.1, 3.1, 3.9, 3.2, 3.1, 3.3, 2.9, 3.0}, drift: 0.02, perTerm: 80},
	{unit: survey.Unit{Slug: "kecamatan-giri", Name: survey.Text{ID: "Kecamatan Giri", EN: "Giri District Office"}, OPD: "Kecamatan",
		Services: []survey.Service{svc("surat-keterangan", "Surat keterangan", "Certificates")}},
		population: 900, base: [9]float64{3.0, 2.9, 2.8, 3.9, 3.0, 3.0, 3.1, 2.6, 2.7}, drift: 0.09, perTerm: 45},
	{unit: survey.Unit{Slug: "kecamatan-glagah", Name: survey.Text{ID: "Kecamatan Glagah", EN: "Glagah District Office"}, OPD: "Kecamatan",
		Services: []survey.Service{svc("surat-keterangan", "Surat keterangan", "Certificates")}},
		population: 700, base: [9]float64{2.7, 2.6, 2.4, 3.6, 2.7, 2.8, 2.9, 2.3, 2.5}, drift: 0.03, perTerm: 35},
	{unit: survey.Unit{Slug: "kecamatan-kalipuro", Name: survey.Text{ID: "Kecamatan Kalipuro", EN: "Kalipuro District Office"}, OPD: "Kecamatan",
		Services: []survey.Service{svc("surat-keterangan", "Surat keterangan", "Certificates")}},
		population: 1100, base: [9]float64{3.4, 3.3, 3.2, 3.9, 3.4, 3.5, 3.6, 3.2, 3.3}, drift: -0.02, perTerm: 60},
}

// demoMessage is something a resident wrote in the survey, and what they said it is.
type demoMessage struct {
	kind, text string
}

var demoMessages = []demoMessage{
	{survey.KindSuggestion, "Antrean pagi terlalu panjang, mohon loket ditambah."},
	{survey.KindPraise, "Petugas ramah dan membantu, terima kasih."},
	{survey.KindComplaint, "Ruang tunggu panas, kipas angin banyak yang mati."},
	{survey.KindSuggestion, "Informasi persyaratan di website belum lengkap."},
	{survey.KindPraise, "Pelayanan cepat, tidak sampai satu jam sudah selesai."},
	{survey.KindSuggestion, "Tempat parkir sempit dan tidak ada peneduh."},
	{survey.KindSuggestion, "Mohon jam layanan diperpanjang sampai sore."},
	{survey.KindComplaint, "Berkas saya sudah dua minggu belum selesai dan tidak ada kabar."},
	{survey.KindComplaint, "Kotak pengaduan tidak jelas tindak lanjutnya."},
	{survey.KindPraise, "Terima kasih, petugas menjelaskan persyaratan dengan sabar."},
}

// demoReplies are the units' answers to complaints.
var demoReplies = []string{
	"Terima kasih atas laporan Anda. Kami sudah memeriksa dan menindaklanjutinya hari ini.",
	"Mohon maaf atas ketidaknyamanannya. Petugas kami akan menghubungi Anda untuk penyelesaian berkas.",
	"Laporan Anda sudah kami teruskan ke bagian terkait dan perbaikan dijadwalkan minggu ini.",
}

// Seed fills an empty database with the demo region: Kabupaten Banyuwangi's real units, the
// last three semesters as campaigns (the current one open) and invented responses. It reports
// false and changes nothing when the database already has units.
func Seed(ctx context.Context, store survey.Store, log *slog.Logger) (bool, error) {
	existing, err := store.Units(ctx, survey.UnitFilter{})
	if err != nil || len(existing) > 0 {
		return false, err
	}
	region := survey.Region{Name: "Kabupaten Banyuwangi", TimeZone: "Asia/Jakarta", Demo: true,
		Organizer: survey.Text{ID: "Bagian Organisasi Sekretariat Daerah Kabupaten Banyuwangi", EN: "Organisation Bureau, Banyuwangi Regency Secretariat"}}
	if err := store.SaveRegion(ctx, &region); err != nil {
		return false, err
	}
	loc := region.Location()
	for i := range demoUnits {
		u := demoUnits[i].unit
		u.Active = true
		if err := store.CreateUnit(ctx, &u); err != nil {
			return false, err
		}
	}
	q, err := store.EnsureQuestionnaire(ctx, survey.StandardQuestionnaire())
	if err != nil {
		return false, err
	}
	current := survey.SemesterKey(time.Now(), loc)
	first, _ := survey.PreviousSemester(current)
	first, _ = survey.PreviousSemester(first)
	rng := rand.New(rand.NewPCG(2017, 14))
	key := first
	for term := 0; term < 3; term++ {
		c := &survey.Campaign{Key: key, Questionnaire: q.ID}
		c.OpensAt, c.ClosesAt, _ = survey.SemesterBounds(key, loc)
		for _, du := range demoUnits {
			c.Units = append(c.Units, survey.CampaignUnit{Unit: du.unit.Slug, Population: du.population})
		}
		if err := store.CreateCampaign(ctx, c); err != nil {
			return false, err
		}
		if _, err := store.TransitionCampaign(ctx, key, survey.StateOpen, "demo", c.OpensAt); err != nil {
			return false, err
		}
		last := c.ClosesAt
		if now := time.Now(); now.Before(last) {
			last = now
		}
		for _, du := range demoUnits {
			responses := demoResponses(rng, du, c, term, last, &region)
			if _, err := store.SubmitAll(ctx, responses); err != nil {
				return false, fmt.Errorf("seed responses of %s in %s: %w", du.unit.Slug, key, err)
			}
		}
		if err := handleCases(ctx, store, rng, key, last); err != nil {
			return false, fmt.Errorf("seed the answers to cases in %s: %w", key, err)
		}
		if key != current {
			if _, err := store.TransitionCampaign(ctx, key, survey.StateClosed, "demo", c.ClosesAt); err != nil {
				return false, err
			}
		}
		log.Info("demo campaign seeded", "campaign", key)
		key, _ = survey.NextSemester(key)
	}
	return true, nil
}

// demoResponses invents a semester of one unit's responses; the current semester is partly
// through, so it has fewer.
func demoResponses(rng *rand.Rand, du demoUnit, c *survey.Campaign, term int, last time.Time, region *survey.Region) []*survey.Response {
	loc := region.Location()
	span := last.Sub(c.OpensAt)
	n := du.perTerm * int(span/time.Hour) / int(c.ClosesAt.Sub(c.OpensAt)/time.Hour)
	out := make([]*survey.Response, 0, n)
	for i := 0; i < n; i++ {
		day := c.OpensAt.Add(time.Duration(rng.Int64N(int64(span/(24*time.Hour))+1)) * 24 * time.Hour)
		at := time.Date(day.Year(), day.Month(), day.Day(), 8+rng.IntN(7), rng.IntN(60), rng.IntN(60), 0, loc)
		r := &survey.Response{
			Key: fmt.Sprintf("demo-%s-%s-%05d", c.Key, du.unit.Slug, i), Campaign: c.Key, Unit: du.unit.Slug,
			Service: du.unit.Services[rng.IntN(len(du.unit.Services))].Code, Questionnaire: c.Questionnaire,
			Channel:     []string{survey.ChannelWeb, survey.ChannelWeb, survey.ChannelWeb, survey.ChannelKiosk, survey.ChannelPaper}[rng.IntN(5)],
			SubmittedAt: at.UTC(), Day: at.Format(time.DateOnly),
			Profile: survey.Profile{Gender: survey.Genders[rng.IntN(2)], Age: 17 + rng.IntN(55),
				Education: survey.Educations[min(rng.IntN(5)+rng.IntN(3), 6)], Occupation: survey.Occupations[rng.IntN(len(survey.Occupations))]},
		}
		mood := rng.NormFloat64() * 0.35 // a respondent's overall mood moves all answers together
		for e := range r.Answers {
			mean := du.base[e] + du.drift*float64(term) + mood
			v := int8(mean + rng.NormFloat64()*0.45 + 0.5)
			r.Answers[e] = min(max(v, 1), 4)
		}
		if rng.IntN(25) == 0 {
			r.Answers[rng.IntN(9)] = 0
		}
		if r.Answers.StraightLined() {
			r.Flags = append(r.Flags, survey.FlagStraightLined)
		}
		if rng.IntN(8) == 0 {
			m := demoMessages[rng.IntN(len(demoMessages))]
			r.Suggestion, r.CaseKind = m.text, m.kind
			r.OpenCase(region, r.SubmittedAt)
		}
		out = append(out, r)
	}
	return out
}

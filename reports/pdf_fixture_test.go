package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"time"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// The fixtures build report data the way the app does, from tallies of generated responses, with
// a fixed seed so that golden files stay put.

var fixtureClock = time.Date(2026, 8, 17, 17, 0, 0, 0, time.FixedZone("WIB", 7*3600))

var fixtureRegion = survey.Region{Name: "Kabupaten Banyuwangi", TimeZone: "Asia/Jakarta",
	Organizer: survey.Text{ID: "Bagian Organisasi Sekretariat Daerah Kabupaten Banyuwangi", EN: "Organisation Bureau, Banyuwangi Regency Secretariat"}}

// fixtureCounts tallies n generated responses whose answers centre on the means per element.
func fixtureCounts(seed uint64, n int, means [9]float64, campaign string) survey.Counts {
	rng := rand.New(rand.NewPCG(seed, 7))
	t := survey.NewCampaignTally(campaign)
	start, _, _ := survey.SemesterBounds(campaign, time.UTC)
	for i := range n {
		rec := survey.Record{Key: fmt.Sprint(i), Unit: "u", Channel: []string{"web", "web", "kiosk", "paper"}[rng.IntN(4)],
			Day:    start.AddDate(0, 0, rng.IntN(40)).Format(time.DateOnly),
			Gender: []string{"L", "P"}[rng.IntN(2)], AgeBand: analytics.AgeBand(18 + rng.IntN(50)),
			Education: analytics.Educations[min(rng.IntN(5)+rng.IntN(3), 6)], Occupation: analytics.Occupations[rng.IntN(6)]}
		mood := rng.NormFloat64() * 0.35
		for e := range rec.Answers {
			v := int8(means[e] + mood + rng.NormFloat64()*0.45 + 0.5)
			rec.Answers[e] = min(max(v, 1), 4)
		}
		if rng.IntN(30) == 0 {
			rec.Answers[rng.IntN(9)] = 0
		}
		t.Add(&rec)
	}
	return t.Unit("u").Total().All
}

var fixtureMeans = [9]float64{3.3, 3.1, 2.8, 3.8, 3.3, 3.4, 3.5, 2.9, 3.2}

func fixtureQuestionnaire() survey.Questionnaire {
	q := survey.StandardQuestionnaire()
	q.ID, q.Version = "v1", 1
	return *q
}

// fixtureUnitData is a unit report of DPMPTSP with three semesters of history.
func fixtureUnitData(lang string) UnitReportData {
	campaigns := []string{"2025-S2", "2026-S1", "2026-S2"}
	var trend []analytics.Point
	var counts survey.Counts
	for i, key := range campaigns {
		means := fixtureMeans
		for e := range means {
			means[e] += 0.06 * float64(i-2)
		}
		counts = fixtureCounts(uint64(i+1), 180+30*i, means, key)
		res := analytics.Compute(counts.Tally)
		trend = append(trend, analytics.Point{Campaign: key, Result: res, Interval: analytics.ScoreInterval(counts.Tally, 6200)})
	}
	res := analytics.Compute(counts.Tally)
	opens, closes, _ := survey.SemesterBounds("2026-S2", fixtureClock.Location())
	return UnitReportData{
		Issue:  Issue{Number: survey.ReportNumber(survey.ReportUnit, "2026-S2", "dpmptsp", lang, fixtureClock), Generated: fixtureClock, BaseURL: "https://skm.banyuwangikab.go.id"},
		Words:  fixtureWords(lang),
		Region: fixtureRegion,
		Unit: survey.Unit{Slug: "dpmptsp", OPD: "DPMPTSP",
			Name: survey.Text{ID: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", EN: "Investment and One-Stop Integrated Service Office"}},
		Campaign:      survey.Campaign{Key: "2026-S2", Questionnaire: "v1", State: survey.StateOpen, OpensAt: opens, ClosesAt: closes},
		Questionnaire: fixtureQuestionnaire(),
		Counts:        counts,
		Result:        res,
		Interval:      analytics.ScoreInterval(counts.Tally, 6200),
		Adequacy:      analytics.SampleAdequacy(6200, counts.Respondents),
		Flagged:       3,
		Services: []ServiceResult{
			{Name: survey.Text{ID: "Nomor Induk Berusaha (OSS)", EN: "Business identification number (OSS)"}, Result: analytics.Compute(fixtureCounts(11, 120, fixtureMeans, "2026-S2").Tally)},
			{Name: survey.Text{ID: "Persetujuan Bangunan Gedung", EN: "Building approval"}, Result: analytics.Compute(fixtureCounts(12, 96, fixtureMeans, "2026-S2").Tally)},
			{Name: survey.Text{ID: "Izin reklame", EN: "Advertising permit"}, Result: analytics.Compute(fixtureCounts(13, 3, fixtureMeans, "2026-S2").Tally)},
		},
		Priorities: analytics.Priorities(res),
		Trend:      trend,
		CaseSLA:    &analytics.SLA{Cases: 12, Answered: 10, InTime: 8, Open: 2, Overdue: 1, Decided: 11, InTimePercent: 72.7, MedianAnswer: 2*time.Hour + 15*time.Minute},
		CaseRule:   map[string]string{survey.LangID: "4 jam sejak diterima", survey.LangEN: "4 hours of receipt"}[lang],
		Signer:     Signer{Name: "Ir. Agus Siswanto, M.T.", NIP: "19700512 199703 1 004"},
		Logo:       fixtureLogo(),
		PreviousFollowUp: []FollowUpItem{
			{Element: "U3", Activity: "Penambahan loket antrean pagi dan layanan daring OSS", Timing: "Juli–September 2026", Responsible: "Kepala Bidang Pelayanan", Status: map[string]string{survey.LangID: "Selesai. Loket ke-5 dibuka 1 Agustus 2026.", survey.LangEN: "Done. Loket ke-5 dibuka 1 Agustus 2026."}[lang]},
			{Element: "U8", Activity: "Kanal pengaduan WhatsApp dengan batas waktu jawaban 3 hari kerja", Timing: "Agustus 2026", Responsible: "Sekretaris Dinas", Status: map[string]string{survey.LangID: "Berjalan.", survey.LangEN: "In progress."}[lang]},
		},
	}
}

// fixtureEmptyUnitData is a draft unit report of a campaign without responses, with nobody yet to
// sign it and no logo.
func fixtureEmptyUnitData(lang string) UnitReportData {
	d := fixtureUnitData(lang)
	d.Issue.Number, d.Issue.Draft = "", true
	d.Signer, d.Logo = Signer{}, nil
	d.Counts = survey.Counts{}
	d.Result = analytics.Compute(analytics.Tally{})
	d.Interval = analytics.ScoreInterval(analytics.Tally{}, 0)
	d.Adequacy = analytics.SampleAdequacy(0, 0)
	d.Flagged = 0
	d.Services = nil
	d.Priorities = nil
	d.Trend = []analytics.Point{{Campaign: "2026-S2", Result: d.Result, Interval: d.Interval}}
	d.PreviousFollowUp = nil
	d.CaseSLA = &analytics.SLA{}
	return d
}

var fixtureUnitNames = []survey.Text{
	{ID: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", EN: "Investment and One-Stop Integrated Service Office"},
	{ID: "RSUD Blambangan", EN: "Blambangan Regional Hospital"},
	{ID: "RSUD Genteng", EN: "Genteng Regional Hospital"},
	{ID: "Dinas Kependudukan dan Pencatatan Sipil", EN: "Population and Civil Registration Office"},
	{ID: "Mal Pelayanan Publik Banyuwangi", EN: "Banyuwangi Public Service Mall"},
	{ID: "Puskesmas Sobo", EN: "Sobo Community Health Centre"},
	{ID: "Puskesmas Kabat", EN: "Kabat Community Health Centre"},
	{ID: "Puskesmas Rogojampi", EN: "Rogojampi Community Health Centre"},
	{ID: "Kecamatan Banyuwangi", EN: "Banyuwangi District Office"},
	{ID: "Kecamatan Giri", EN: "Giri District Office"},
	{ID: "Kecamatan Glagah", EN: "Glagah District Office"},
	{ID: "Kecamatan Kalipuro", EN: "Kalipuro District Office"},
}

// fixtureRegionData is a regional report over n units (names repeat with a number beyond the
// twelve real ones); the last unit has no responses and the first no previous result.
func fixtureRegionData(lang string, n int) RegionReportData {
	var units, previous []analytics.Unit
	info := map[string]RegionUnit{}
	for i := range n {
		slug := fmt.Sprintf("unit-%03d", i)
		name := fixtureUnitNames[i%len(fixtureUnitNames)]
		if i >= len(fixtureUnitNames) {
			name.ID, name.EN = fmt.Sprintf("%s %d", name.ID, i/len(fixtureUnitNames)+1), fmt.Sprintf("%s %d", name.EN, i/len(fixtureUnitNames)+1)
		}
		means := fixtureMeans
		shift := float64(i%7)*0.09 - 0.3
		for e := range means {
			means[e] += shift + float64((i*7+e*3)%5)*0.05 - 0.1
		}
		population := int64([]int{6200, 48000, 900, 25000, 0, 9000}[i%6])
		respondents := 40 + (i*37)%260
		if i == n-1 {
			respondents = 0
		}
		cur := fixtureCounts(uint64(100+i), respondents, means, "2026-S2")
		units = append(units, analytics.Unit{ID: slug, Name: name.ID, Tally: cur.Tally, Population: population})
		prevMeans := means
		for e := range prevMeans {
			prevMeans[e] -= float64((i%5)-2) * 0.05
		}
		prev := fixtureCounts(uint64(500+i), 60+(i*53)%200, prevMeans, "2026-S1")
		previous = append(previous, analytics.Unit{ID: slug, Name: name.ID, Tally: prev.Tally, Population: population})
		ru := RegionUnit{Name: name, OPD: "OPD " + name.ID, Flagged: int64(i % 4)}
		if i%3 == 0 {
			ru.CaseSLA = analytics.SLA{Cases: int64(2 + i%5), Answered: int64(1 + i%5), InTime: int64(1 + i%3), Decided: int64(2 + i%5),
				InTimePercent: 50, Overdue: 1, Open: 1, MedianAnswer: time.Duration(90+i) * time.Minute}
		}
		if i > 0 {
			ru.Previous = &analytics.Point{Campaign: "2026-S1", Result: analytics.Compute(prev.Tally), Interval: analytics.ScoreInterval(prev.Tally, population)}
		}
		info[slug] = ru
	}
	sum := analytics.Rollup(units)
	prevSum := analytics.Rollup(previous)
	var pooledPrev, pooledCur analytics.Tally
	for _, u := range previous {
		pooledPrev.Add(u.Tally)
	}
	for _, u := range units {
		pooledCur.Add(u.Tally)
	}
	opens, closes, _ := survey.SemesterBounds("2026-S2", fixtureClock.Location())
	return RegionReportData{
		Issue: Issue{Number: survey.FinalNumber(survey.ReportRegion, "2026-S2", "", lang, 2, fixtureClock), Generated: fixtureClock, BaseURL: "https://skm.banyuwangikab.go.id",
			Replaces: survey.FinalNumber(survey.ReportRegion, "2026-S2", "", lang, 1, fixtureClock.Add(-72*time.Hour)), Reason: "kuesioner kertas Kecamatan Giri tertinggal"},
		Signer:   Signer{Name: "Dr. H. Mujiono, M.Si.", Title: "Sekretaris Daerah Kabupaten Banyuwangi", NIP: "19680323 199203 1 007"},
		Logo:     fixtureLogo(),
		Words:    fixtureWords(lang),
		Region:   fixtureRegion,
		Campaign: survey.Campaign{Key: "2026-S2", Questionnaire: "v1", State: survey.StateOpen, OpensAt: opens, ClosesAt: closes},
		Summary:  sum,
		Units:    info,
		Previous: "2026-S1",
		CaseSLA:  &analytics.SLA{Cases: 40, Answered: 31, InTime: 25, Open: 9, Overdue: 4, Decided: 35, InTimePercent: 71.4, MedianAnswer: 3*time.Hour + 5*time.Minute},
		CaseRule: map[string]string{survey.LangID: "4 jam sejak diterima", survey.LangEN: "4 hours of receipt"}[lang],
		Trend: []analytics.Point{
			{Campaign: "2026-S1", Result: prevSum.Pooled, Interval: analytics.ScoreInterval(pooledPrev, 0)},
			{Campaign: "2026-S2", Result: sum.Pooled, Interval: analytics.ScoreInterval(pooledCur, 0)},
		},
	}
}

func fixturePosterData() PosterData {
	u := fixtureUnitData("id")
	return PosterData{
		Issue:     Issue{Number: survey.ReportNumber(survey.ReportPoster, "2026-S2", "dpmptsp", "id", fixtureClock), Generated: fixtureClock, BaseURL: "https://skm.banyuwangikab.go.id"},
		Words:     fixtureWords(survey.LangID),
		Second:    fixtureWords(survey.LangEN),
		Region:    fixtureRegion,
		Unit:      u.Unit,
		Campaign:  u.Campaign,
		SurveyURL: "https://skm.banyuwangikab.go.id/s/dpmptsp",
		Logo:      fixtureLogo(),
	}
}

// fixtureLogo is a region's logo as an administrator uploads one: a PNG of a green shield with a
// gold ring, drawn here so that no image file is needed.
func fixtureLogo() []byte {
	const size = 160
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	green, gold := color.NRGBA{0, 104, 55, 255}, color.NRGBA{230, 180, 30, 255}
	for y := range size {
		for x := range size {
			dx, dy := float64(x-size/2), float64(y-size/2)
			r := math.Hypot(dx, dy)
			switch {
			case r < 52:
				img.Set(x, y, green)
			case r < 66:
				img.Set(x, y, gold)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

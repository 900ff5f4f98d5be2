package dashboard

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// benchUnitCount is the size of the region the benchmarks render.
const benchUnitCount = 200

// benchTemplates is how many distinct unit tallies a benchmark region is made of: the 200 units
// share them round-robin, which keeps building 200 × 100,000 responses' tallies within seconds
// while the pages still rank units of different quality.
const benchTemplates = 8

func benchRegion() ([]*survey.Unit, []survey.CampaignUnit) {
	units := make([]*survey.Unit, benchUnitCount)
	cus := make([]survey.CampaignUnit, benchUnitCount)
	for i := range units {
		slug := fmt.Sprintf("unit-%03d", i)
		units[i] = &survey.Unit{Slug: slug, Name: survey.Text{ID: fmt.Sprintf("Unit Layanan Nomor %d Kabupaten", i), EN: fmt.Sprintf("Service unit %d", i)},
			OPD: fmt.Sprintf("OPD %d", i%20), Active: true,
			Services: []survey.Service{{Code: "satu", Name: survey.Text{ID: "Layanan satu"}}, {Code: "dua", Name: survey.Text{ID: "Layanan dua"}}}}
		cus[i] = survey.CampaignUnit{Unit: slug, Population: 5000 + int64(i)*100}
	}
	return units, cus
}

// benchUnitTallies counts perUnit synthetic responses for each template unit: answers around a
// quality level, profiles, 180 days, a flagged response in 50 and a suggestion in 10.
func benchUnitTallies(campaign string, perUnit int) []*survey.UnitTally {
	out := make([]*survey.UnitTally, benchTemplates)
	start := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
	for k := range out {
		t := survey.NewCampaignTally(campaign)
		rng := rand.New(rand.NewPCG(uint64(k), uint64(perUnit)))
		for i := range perUnit {
			at := start.Add(time.Duration(i%180)*24*time.Hour + time.Duration(i%600)*time.Minute)
			rec := survey.Record{Key: fmt.Sprintf("k%d-%d", k, i), Unit: "template", Service: []string{"satu", "dua"}[i%2],
				Gender: analytics.Genders[i%2], AgeBand: analytics.AgeBands[i%6], Education: analytics.Educations[i%7],
				Occupation: analytics.Occupations[i%6], Channel: analytics.Channels[i%3], Day: at.Format(time.DateOnly), At: at,
				Flagged: i%50 == 0}
			for e := range rec.Answers {
				rec.Answers[e] = int8(min(4, max(1, int(2.2+0.2*float64(k)+rng.NormFloat64()*0.6+0.5))))
			}
			if i%10 == 0 {
				rec.Case, rec.Due = fmt.Sprintf("CASE-%d-%d", k, i), at.Add(4*time.Hour)
			}
			t.Add(&rec)
		}
		out[k] = t.Units["template"]
	}
	return out
}

// benchCampaigns returns six semesters up to 2026-S2, newest first, each with the region's units
// counted from the template tallies.
func benchCampaigns(perUnit int) ([]*survey.Unit, []campaignTally) {
	units, cus := benchRegion()
	templates := benchUnitTallies("2026-S2", perUnit)
	var history []campaignTally
	key := "2024-S1"
	for range 6 {
		t := survey.NewCampaignTally(key)
		for i, u := range units {
			t.Units[u.Slug] = templates[(i+len(history))%benchTemplates]
		}
		camp := &survey.Campaign{Key: key, Questionnaire: "q1", Units: cus, State: survey.StateClosed}
		history = append(history, campaignTally{Campaign: camp, Tally: t})
		key, _ = survey.NextSemester(key)
	}
	history[len(history)-1].Campaign.State = survey.StateOpen
	return units, history
}

// benchServer is a kernel with the dashboard's views, for rendering without a store.
func benchServer(b *testing.B) *web.Server {
	b.Helper()
	s, err := web.NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	if err := s.AddViews(views); err != nil {
		b.Fatal(err)
	}
	return s
}

func benchPage(title string) web.Page {
	region := survey.Region{Name: "Kabupaten Banyuwangi", TimeZone: "Asia/Jakarta"}
	return web.Page{Printer: i18n.For(survey.LangID, region.Location()), Lang: survey.LangID, Title: title, Path: "/dasbor",
		OtherLang: survey.LangEN, CSRF: "token", User: &survey.Principal{Name: "admin", Role: survey.RoleAdmin}, Region: &region}
}

func renderView(b *testing.B, s *web.Server, page string, data any) int {
	var buf bytes.Buffer
	if err := s.RenderTo(&buf, page, data); err != nil {
		b.Fatal(err)
	}
	return buf.Len()
}

// BenchmarkUnitDashboard renders a unit's dashboard (its figures, tables and page) from tallies in
// memory, at 1,000 and 100,000 responses per unit in a 200-unit region: the work depends on the
// number of elements, days and categories, not on the responses.
func BenchmarkUnitDashboard(b *testing.B) {
	s := benchServer(b)
	for _, n := range []int{1_000, 100_000} {
		units, history := benchCampaigns(n)
		campaigns := make([]*survey.Campaign, len(history))
		for i, h := range history {
			campaigns[len(history)-1-i] = h.Campaign
		}
		cur := history[len(history)-1]
		in := unitInput{Unit: units[0], Campaign: cur.Campaign, Campaigns: campaigns, Questionnaire: survey.StandardQuestionnaire(),
			Tally: cur.Tally, History: history, ShowText: true, Location: time.UTC}
		b.Run(fmt.Sprintf("responses=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC() // the setup's garbage is not the page's
			size, cpu := 0, processCPU()
			for b.Loop() {
				d, err := buildUnitDashboard(benchPage(units[0].Name.ID), in)
				if err != nil {
					b.Fatal(err)
				}
				size = renderView(b, s, "dashboard_unit", d)
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(size)/1024, "page-KiB")
		})
	}
}

// BenchmarkRegionDashboard renders the region's dashboard of 200 units from tallies in memory, at
// 1,000 and 100,000 responses per unit.
func BenchmarkRegionDashboard(b *testing.B) {
	s := benchServer(b)
	for _, n := range []int{1_000, 100_000} {
		units, history := benchCampaigns(n)
		byslug := make(map[string]*survey.Unit, len(units))
		for _, u := range units {
			byslug[u.Slug] = u
		}
		cur, prev := history[len(history)-1], history[len(history)-2]
		in := regionInput{Campaign: cur.Campaign, Campaigns: []*survey.Campaign{cur.Campaign, prev.Campaign}, Tally: cur.Tally, Units: byslug,
			Previous: &prev, RawExport: true}
		b.Run(fmt.Sprintf("units=%d/responses=%d", benchUnitCount, n), func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC() // the setup's garbage is not the page's
			size, cpu := 0, processCPU()
			for b.Loop() {
				d, err := buildRegionDashboard(benchPage("Dasbor wilayah"), in)
				if err != nil {
					b.Fatal(err)
				}
				size = renderView(b, s, "dashboard_region", d)
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(size)/1024, "page-KiB")
		})
	}
}

package dashboard_test

import (
	"context"
	"encoding/json"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/i18n"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// chartOptions parses the page and returns each chart's option, by figure id, after checking that
// every chart div has its data block.
func chartOptions(t *testing.T, body string) (*goquery.Document, map[string]map[string]any) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	doc.Find(".chart[data-chart]").Each(func(_ int, el *goquery.Selection) {
		id, _ := el.Attr("data-chart")
		block := doc.Find(`script[type="application/json"]#` + id)
		if block.Length() != 1 {
			t.Errorf("chart %s has no data block", id)
			return
		}
		var o map[string]any
		if err := json.Unmarshal([]byte(block.Text()), &o); err != nil {
			t.Errorf("chart %s: %v", id, err)
			return
		}
		// An option with media rules has its series and axes in its base option.
		if base, ok := o["baseOption"].(map[string]any); ok {
			o = base
		}
		out[strings.TrimPrefix(id, "chart-data-")] = o
	})
	return doc, out
}

// at walks a decoded option by keys and indexes.
func at(t *testing.T, v any, steps ...any) any {
	t.Helper()
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %q: not an object: %v", k, v)
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("at [%d]: not a long enough list: %v", k, v)
			}
			v = a[k]
		}
	}
	return v
}

func number(t *testing.T, v any) float64 {
	t.Helper()
	f, ok := v.(float64)
	if !ok {
		t.Fatalf("%v is not a number", v)
	}
	return f
}

// unitResult recomputes a unit's result from the store's tallies, as the page should have.
func unitResult(e *apptest.Env, campaign, unit, service string) (survey.ServiceTally, analytics.Result) {
	e.T.Helper()
	tally, err := e.Store.Tally(context.Background(), campaign)
	if err != nil {
		e.T.Fatal(err)
	}
	st := tally.Unit(unit).Total()
	if service != "" {
		st = tally.Unit(unit).Service(service)
	}
	return st, analytics.Compute(st.All.Tally)
}

func TestUnitDashboardChartsMatchAnalytics(t *testing.T) {
	e := apptest.New(t)
	seedDashboard(e)
	b := e.SignedIn("admin1", survey.RoleAdmin)
	for _, service := range []string{"", "izin-usaha"} {
		path := "/dasbor/unit/dpmptsp"
		if service != "" {
			path += "?layanan=" + service
		}
		resp, body := b.Get(path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", path, resp.StatusCode, body)
		}
		doc, charts := chartOptions(t, body)
		for _, id := range []string{"elements", "distribution", "radar", "trend", "daily", "profile-gender", "profile-age", "profile-education", "profile-occupation", "profile-channel"} {
			if charts[id] == nil {
				t.Fatalf("%s: no chart %s", path, id)
			}
		}
		st, r := unitResult(e, "2026-S2", "dpmptsp", service)
		if r.Empty || r.Respondents == 0 {
			t.Fatal("seed left the unit without answers")
		}
		for i, el := range r.Elements {
			if v := number(t, at(t, charts["elements"], "series", 0, "data", i, "value")); v != el.Score {
				t.Errorf("%s elements %s: %v, analytics %v", path, el.Code, v, el.Score)
			}
			d := st.All.Elements[i]
			for s := range 4 {
				v := number(t, at(t, charts["distribution"], "series", s, "data", i, "value"))
				if want := float64(d[s]) * 100 / float64(d.Answered()); math.Abs(v-want) > 0.051 {
					t.Errorf("%s distribution %s score %d: %v%%, tally %v%%", path, el.Code, s+1, v, want)
				}
			}
			if v := number(t, at(t, charts["radar"], "series", 0, "data", 0, "value", i)); v != el.Score {
				t.Errorf("%s radar %s: %v, analytics %v", path, el.Code, v, el.Score)
			}
		}
		if v := number(t, at(t, charts["elements"], "series", 0, "markLine", "data", 0, "yAxis")); v != r.Score {
			t.Errorf("%s: score line at %v, analytics %v", path, v, r.Score)
		}
		if got := strings.TrimSpace(doc.Find(".stat-big .num").First().Text()); got != strings.Replace(strconv.FormatFloat(r.Score, 'f', 2, 64), ".", ",", 1) {
			t.Errorf("%s: headline score %q, analytics %v", path, got, r.Score)
		}

		// The radar's second series is the region: every unit of the campaign pooled.
		tally, _ := e.Store.Tally(context.Background(), "2026-S2")
		var pooled analytics.Tally
		for _, u := range []string{"dpmptsp", "rsud-blambangan"} {
			pooled.Add(tally.Unit(u).Total().All.Tally)
		}
		region := analytics.Compute(pooled)
		for i, el := range region.Elements {
			if v := number(t, at(t, charts["radar"], "series", 1, "data", 0, "value", i)); v != el.Score {
				t.Errorf("%s radar region %s: %v, analytics %v", path, el.Code, v, el.Score)
			}
		}

		// The trend has both semesters, oldest first, each the unit's score then.
		_, prev := unitResult(e, "2026-S1", "dpmptsp", service)
		keys := at(t, charts["trend"], "xAxis", 0, "data").([]any)
		if len(keys) != 2 || keys[0] != "Semester I 2026" || keys[1] != "Semester II 2026" {
			t.Errorf("%s: trend semesters %v", path, keys)
		}
		for i, want := range []float64{prev.Score, r.Score} {
			if v := number(t, at(t, charts["trend"], "series", 0, "data", i, "value")); v != want {
				t.Errorf("%s: trend point %d %v, analytics %v", path, i, v, want)
			}
		}

		// Responses per day add up to the respondents, day by day from the first to the last.
		var total float64
		first, _ := time.Parse(time.DateOnly, slices.Min(slices.Collect(maps.Keys(st.All.Days))))
		for i, label := range at(t, charts["daily"], "xAxis", 0, "data").([]any) {
			day := first.AddDate(0, 0, i).Format(time.DateOnly)
			v := number(t, at(t, charts["daily"], "series", 0, "data", i, "value"))
			if label != i18n.For(i18n.ID, nil).Day(day) || int64(v) != st.All.Days[day] {
				t.Errorf("%s: %s (%s) drawn %v, tally %d", path, label, day, v, st.All.Days[day])
			}
			total += v
		}
		if int64(total) != r.Respondents {
			t.Errorf("%s: days add up to %v, respondents %d", path, total, r.Respondents)
		}

		// Profile bars are the breakdown's cells, suppressed ones left out.
		cells := analytics.Breakdown(st.All.Gender, analytics.Genders)
		for i, c := range cells {
			v := at(t, charts["profile-gender"], "series", 0, "data", i, "value")
			if c.Suppressed && v != nil || !c.Suppressed && number(t, v) != float64(c.Count) {
				t.Errorf("%s: gender %s drawn %v, breakdown %+v", path, c.Key, v, c)
			}
		}
	}
}

// TestDashboardsLinkTheReports checks the dashboards offer the PDF reports, the poster and the
// QR codes, and that the links work for the people who see the page.
func TestDashboardsLinkTheReports(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	head := e.SignedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	_, body := head.Get("/dasbor/unit/dpmptsp")
	links := apptest.Doc(t, body).Find("#reports").Parent().Find("a")
	if links.Length() != 5 {
		t.Fatalf("%d report links on the unit dashboard, want 5", links.Length())
	}
	links.Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		if resp, _ := head.Get(href); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", href, resp.StatusCode)
		}
	})
	admin := e.SignedIn("admin", survey.RoleAdmin)
	_, body = admin.Get("/dasbor")
	href := apptest.Doc(t, body).Find("#reports").Parent().Find("a").First().AttrOr("href", "")
	if resp, body := admin.Get(href); resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("region report link %q: %d", href, resp.StatusCode)
	}
}

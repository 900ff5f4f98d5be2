package dashboard_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

func TestRegionDashboardChartsMatchAnalytics(t *testing.T) {
	e := apptest.New(t)
	seedDashboard(e)
	b := e.SignedIn("inspektorat", survey.RoleViewer)
	resp, body := b.Get("/dasbor")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d\n%s", resp.StatusCode, body)
	}
	doc, charts := chartOptions(t, body)
	ctx := context.Background()
	tally, _ := e.Store.Tally(ctx, "2026-S2")
	camp, _ := e.Store.Campaign(ctx, "2026-S2")
	var units []analytics.Unit
	for _, cu := range camp.Units {
		units = append(units, analytics.Unit{ID: cu.Unit, Name: cu.Unit, Tally: tally.Unit(cu.Unit).Total().All.Tally, Population: cu.Population})
	}
	sum := analytics.Rollup(units)
	for i, r := range sum.Ranking {
		if v := number(t, at(t, charts["ranking"], "series", 0, "data", i, "value")); v != r.Result.Score {
			t.Errorf("ranking %d (%s): %v, analytics %v", i, r.Unit.ID, v, r.Result.Score)
		}
	}
	cells := at(t, charts["heatmap"], "series", 0, "data").([]any)
	if len(cells) != 2*9 {
		t.Errorf("%d heat map cells", len(cells))
	}
	for _, c := range cells {
		xyz := at(t, c, "value").([]any)
		x, y := int(number(t, xyz[0])), int(number(t, xyz[1]))
		if v, want := number(t, xyz[2]), sum.Ranking[y].Result.Elements[x].Score; v != want {
			t.Errorf("heat map %s %s: %v, analytics %v", sum.Ranking[y].Unit.ID, analytics.ElementCodes[x], v, want)
		}
	}
	for i, g := range analytics.Grades {
		if v := number(t, at(t, charts["grades"], "series", 0, "data", i, "value")); int(v) != sum.Grades[g] {
			t.Errorf("grade %s: %v units, analytics %d", g, v, sum.Grades[g])
		}
	}
	if got := strings.TrimSpace(doc.Find(".stat-big .num").First().Text()); got != strings.Replace(strconv.FormatFloat(sum.Pooled.Score, 'f', 2, 64), ".", ",", 1) {
		t.Errorf("pooled score %q, analytics %v", got, sum.Pooled.Score)
	}
	// Each unit links to its dashboard, and both units moved since 2026-S1.
	for _, u := range []string{"dpmptsp", "rsud-blambangan"} {
		if doc.Find(`#fig-ranking a[href="/dasbor/unit/`+u+`?kampanye=2026-S2"]`).Length() != 1 {
			t.Errorf("ranking does not link %s", u)
		}
	}
	if n := doc.Find(`section[aria-labelledby="moves"] tbody tr`).Length(); n != 2 {
		t.Errorf("%d units in rises and falls, want both", n)
	}
	if !strings.Contains(body, "/ekspor/2026-S2/ranking.csv") || strings.Contains(body, "/ekspor/2026-S2/responses.csv") {
		t.Error("a viewer gets the ranking download and not the responses")
	}
}

func TestDashboardAccessByRole(t *testing.T) {
	e := apptest.New(t)
	seedDashboard(e)
	head := e.SignedIn("kepala-dpm", survey.RoleUnitHead, "dpmptsp")
	viewer := e.SignedIn("inspektorat", survey.RoleViewer)
	both := e.SignedIn("kepala-dua", survey.RoleUnitHead, "dpmptsp", "rsud-blambangan")
	anonymous := e.Browser()

	resp, _ := head.Get("/dasbor?kampanye=2026-S1")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/dasbor/unit/dpmptsp?kampanye=2026-S1" {
		t.Errorf("unit head of one unit: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, c := range []struct {
		who  *apptest.Browser
		name string
		path string
		want int
	}{
		{head, "head", "/dasbor/unit/dpmptsp", http.StatusOK},
		{head, "head", "/dasbor/unit/rsud-blambangan", http.StatusForbidden},
		{head, "head", "/ekspor/2026-S2/unit/dpmptsp/elements.csv", http.StatusOK},
		{head, "head", "/ekspor/2026-S2/unit/dpmptsp/responses.xlsx", http.StatusOK},
		{head, "head", "/ekspor/2026-S2/unit/rsud-blambangan/elements.csv", http.StatusForbidden},
		{head, "head", "/ekspor/2026-S2/unit/rsud-blambangan/profile.xlsx", http.StatusForbidden},
		{head, "head", "/ekspor/2026-S2/unit/rsud-blambangan/responses.csv", http.StatusForbidden},
		{head, "head", "/ekspor/2026-S2/ranking.csv", http.StatusForbidden},
		{head, "head", "/ekspor/2026-S2/responses.csv", http.StatusForbidden},
		{viewer, "viewer", "/dasbor/unit/rsud-blambangan", http.StatusOK},
		{viewer, "viewer", "/ekspor/2026-S2/unit/dpmptsp/distribution.csv", http.StatusOK},
		{viewer, "viewer", "/ekspor/2026-S2/unit/dpmptsp/responses.csv", http.StatusForbidden},
		{viewer, "viewer", "/ekspor/2026-S2/ranking.xlsx", http.StatusOK},
		{viewer, "viewer", "/ekspor/2026-S2/responses.csv", http.StatusForbidden},
		{both, "head of two", "/dasbor", http.StatusOK},
		{both, "head of two", "/dasbor/unit/rsud-blambangan", http.StatusOK},
	} {
		if resp, _ := c.who.Get(c.path); resp.StatusCode != c.want {
			t.Errorf("%s GET %s: %d, want %d", c.name, c.path, resp.StatusCode, c.want)
		}
	}
	// Someone not signed in is sent to sign in (or refused), never served.
	for _, path := range []string{"/dasbor", "/dasbor/unit/dpmptsp", "/ekspor/2026-S2/unit/dpmptsp/elements.csv"} {
		resp, body := anonymous.Get(path)
		signIn := resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/masuk")
		if !signIn && resp.StatusCode != http.StatusUnauthorized || strings.Contains(body, "chart-data") {
			t.Errorf("anonymous GET %s: %d to %q", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	_, body := both.Get("/dasbor")
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
	var links []string
	doc.Find(".unit-list a").Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
	slices.Sort(links)
	if !slices.Equal(links, []string{"/dasbor/unit/dpmptsp?kampanye=2026-S2", "/dasbor/unit/rsud-blambangan?kampanye=2026-S2"}) {
		t.Errorf("unit list links %v", links)
	}
}

func TestOnlyAdminsAndUnitHeadsReadFreeText(t *testing.T) {
	e := apptest.New(t)
	seedDashboard(e)
	_, viewerPage := e.SignedIn("inspektorat", survey.RoleViewer).Get("/dasbor/unit/dpmptsp")
	for _, text := range []string{plainSuggestion, "HYPERLINK", "antrean lama", "/responses.csv", "/poster/"} {
		if strings.Contains(viewerPage, text) {
			t.Errorf("a viewer sees %q", text)
		}
	}
	if !strings.Contains(viewerPage, "hanya dapat dibaca administrator dan pimpinan unit") {
		t.Error("the viewer is not told why the text is hidden")
	}
	for _, who := range []*apptest.Browser{e.SignedIn("kepala-dpm", survey.RoleUnitHead, "dpmptsp"), e.SignedIn("admin1", survey.RoleAdmin)} {
		_, page := who.Get("/dasbor/unit/dpmptsp")
		if !strings.Contains(page, plainSuggestion) || !strings.Contains(page, "/ekspor/2026-S2/unit/dpmptsp/responses.csv") {
			t.Error("a unit head or administrator does not see the suggestions")
		}
		if !strings.Contains(page, "/poster/dpmptsp.pdf") {
			t.Error("a unit head or administrator is not offered the unit's poster")
		}
		if strings.Contains(page, "<script>alert(1)") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Error("a suggestion's markup is not escaped")
		}
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(page))
		var times []string
		doc.Find(".suggestions time").Each(func(_ int, s *goquery.Selection) { times = append(times, s.Text()) })
		if len(times) < 2 || !slices.IsSortedFunc(times, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("suggestions not newest first: %v", times)
		}
	}
}

func TestDashboardSpeaksEnglishOnRequest(t *testing.T) {
	e := apptest.New(t)
	seedDashboard(e)
	b := e.SignedIn("admin1", survey.RoleAdmin)
	_, body := b.Get("/dasbor/unit/dpmptsp?lang=en")
	_, charts := chartOptions(t, body)
	if at(t, charts["elements"], "title", "text") != "Score per element" || !strings.Contains(body, "Sample adequacy") {
		t.Error("English was asked for")
	}
	_, body = b.Get("/dasbor")
	if !strings.Contains(body, "Region dashboard") {
		t.Error("the language choice is not remembered")
	}
}

func TestDashboardWithoutCampaignsOrWithBadInput(t *testing.T) {
	e := apptest.New(t)
	b := e.SignedIn("admin1", survey.RoleAdmin)
	if resp, body := b.Get("/dasbor"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Belum ada survei") {
		t.Errorf("empty region: %d", resp.StatusCode)
	}
	seedDashboard(e)
	for path, want := range map[string]int{
		"/dasbor/unit/tidak-ada":                            http.StatusNotFound,
		"/dasbor/unit/dpmptsp?kampanye=2030-S1":             http.StatusNotFound,
		"/dasbor/unit/dpmptsp?kampanye=kemarin":             http.StatusBadRequest,
		"/dasbor/unit/dpmptsp?layanan=rawat-jalan":          http.StatusBadRequest,
		"/ekspor/2026-S2/unit/dpmptsp/elements.pdf":         http.StatusBadRequest,
		"/ekspor/2026-S2/unit/dpmptsp/keuangan.csv":         http.StatusNotFound,
		"/ekspor/2030-S1/unit/dpmptsp/elements.csv":         http.StatusNotFound,
		"/ekspor/2026-S2/unit/tidak-ada/responses.csv":      http.StatusNotFound,
		"/ekspor/2026-S2/heatmap.csv":                       http.StatusNotFound,
		"/dasbor/unit/rsud-blambangan?kampanye=2026-S1":     http.StatusOK,
		"/dasbor/unit/dpmptsp?layanan=pbg&kampanye=2026-S1": http.StatusOK,
	} {
		if resp, body := b.Get(path); resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d\n%.300s", path, resp.StatusCode, want, body)
		}
	}
}

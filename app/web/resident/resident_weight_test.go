package resident_test

import (
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/PuerkitoBio/goquery"
)

// TestSurveyPageWeight measures what a phone downloads on its first visit to a survey page: the
// page and every asset it references (and the service worker its script registers), as the
// server sends them to a client that accepts gzip. Everything must come from the engine itself.
func TestSurveyPageWeight(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	for _, page := range []string{"/s/dpmptsp", "/s/dpmptsp?lang=en", "/s/dpmptsp/kios", "/s/dpmptsp/terima-kasih"} {
		b := e.Browser()
		html, total := b.Weigh(page)
		d := apptest.Doc(t, string(html))
		refs := []string{"/s/sw.js"}
		d.Find("link[href], script[src], img[src], source[src], iframe[src]").Each(func(_ int, s *goquery.Selection) {
			ref := s.AttrOr("href", s.AttrOr("src", ""))
			if strings.HasPrefix(ref, "data:") {
				return
			}
			refs = append(refs, ref)
		})
		parts := []string{page}
		for _, ref := range refs {
			if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
				t.Errorf("%s references %q on another host", page, ref)
				continue
			}
			body, n := b.Weigh(ref)
			if strings.Contains(string(body), "url(http") || strings.Contains(string(body), "url(//") || strings.Contains(string(body), "@import") {
				t.Errorf("%s pulls in something from elsewhere", ref)
			}
			total += n
			parts = append(parts, ref)
		}
		t.Logf("%s: %d bytes compressed on first load (%s); limit %d", page, total, strings.Join(parts, " + "), apptest.MaxPageWeight)
		if total > apptest.MaxPageWeight {
			t.Errorf("%s weighs %d bytes compressed, more than %d", page, total, apptest.MaxPageWeight)
		}
	}
}

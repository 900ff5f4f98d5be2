package app

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// maxPageWeight is the most a survey page may cost a phone on first load: the HTML with its CSS,
// scripts and fonts, compressed as sent.
const maxPageWeight = 30 * 1024

// TestSurveyPageWeight measures what a phone downloads on its first visit to a survey page: the
// page and every asset it references (and the service worker its script registers), as the
// server sends them to a client that accepts gzip. Everything must come from the engine itself.
func TestSurveyPageWeight(t *testing.T) {
	e := newTestEnv(t)
	e.seed()
	for _, page := range []string{"/s/dpmptsp", "/s/dpmptsp?lang=en", "/s/dpmptsp/kios", "/s/dpmptsp/terima-kasih"} {
		b := e.browser()
		html, total := weigh(t, b, page)
		d := doc(t, string(html))
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
			body, n := weigh(t, b, ref)
			if strings.Contains(string(body), "url(http") || strings.Contains(string(body), "url(//") || strings.Contains(string(body), "@import") {
				t.Errorf("%s pulls in something from elsewhere", ref)
			}
			total += n
			parts = append(parts, ref)
		}
		t.Logf("%s: %d bytes compressed on first load (%s); limit %d", page, total, strings.Join(parts, " + "), maxPageWeight)
		if total > maxPageWeight {
			t.Errorf("%s weighs %d bytes compressed, more than %d", page, total, maxPageWeight)
		}
	}
}

// weigh fetches a path as a browser accepting gzip does and returns the decoded body and the
// number of bytes that crossed the network.
func weigh(t *testing.T, b *browser, path string) ([]byte, int) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, body := b.send(req)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", path, resp.StatusCode)
	}
	if resp.Header.Get("Content-Encoding") != "gzip" {
		return []byte(body), len(body)
	}
	zr, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var plain bytes.Buffer
	if _, err := plain.ReadFrom(zr); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return plain.Bytes(), len(body)
}

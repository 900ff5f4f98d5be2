package apptest

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// MaxPageWeight is the most a resident's page may cost a phone on first load: the HTML with its
// CSS, scripts and fonts, compressed as sent.
const MaxPageWeight = 30 * 1024

// Weigh fetches a path as a browser accepting gzip does and returns the decoded body and the
// number of bytes that crossed the network.
func (b *Browser) Weigh(path string) ([]byte, int) {
	t := b.Env.T
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, body := b.Send(req)
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

// FirstVisitWeight fetches a page and every asset it references, as a fresh browser accepting
// gzip does, and returns the bytes that crossed the network and what was fetched. Everything must
// come from the engine itself: a reference to another host fails the test.
func (e *Env) FirstVisitWeight(path string) (int, []string) {
	t := e.T
	t.Helper()
	b := e.Browser()
	html, total := b.Weigh(path)
	parts := []string{path}
	var refs []string
	Doc(t, string(html)).Find("link[href], script[src], img[src], source[src], iframe[src]").Each(func(_ int, s *goquery.Selection) {
		if ref := s.AttrOr("href", s.AttrOr("src", "")); !strings.HasPrefix(ref, "data:") {
			refs = append(refs, ref)
		}
	})
	if strings.Contains(string(html), `src="/static/js/survey.`) {
		// The survey script registers the resident pages' service worker.
		refs = append(refs, "/s/sw.js")
	}
	for _, ref := range refs {
		if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
			t.Errorf("%s references %q on another host", path, ref)
			continue
		}
		body, n := b.Weigh(ref)
		if bytes.Contains(body, []byte("url(http")) || bytes.Contains(body, []byte("url(//")) || bytes.Contains(body, []byte("@import")) {
			t.Errorf("%s pulls in something from elsewhere", ref)
		}
		total += n
		parts = append(parts, ref)
	}
	return total, parts
}

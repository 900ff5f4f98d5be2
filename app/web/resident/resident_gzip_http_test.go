package resident_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"
)

// A phone that accepts gzip (and brotli, as phones do) gets the form gzipped from the stretches
// compressed once; unzipped, it is the page a browser without gzip gets, but for its own values.
func TestSurveyFormIsSentGzipped(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	req := httptest.NewRequest("GET", "/s/dpmptsp", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	resp, zipped := e.Do(req)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("status %d, Content-Encoding %q, Vary %q; want 200, gzip, Accept-Encoding", resp.StatusCode,
			resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	r, err := gzip.NewReader(strings.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("unzip: %v", err)
	}
	_, plain := e.Do(httptest.NewRequest("GET", "/s/dpmptsp", nil))
	blank := func(page string) string {
		doc := apptest.Doc(t, page)
		for _, name := range []string{"key", "t", web.CSRFField} {
			v := doc.Find(`input[name=`+name+`]`).AttrOr("value", "")
			if v == "" || strings.Contains(v, "__skm_") {
				t.Fatalf("the page's %s is %q", name, v)
			}
			page = strings.Replace(page, `value="`+v+`"`, `value=""`, 1)
		}
		return page
	}
	if !bytes.Equal([]byte(blank(string(unzipped))), []byte(blank(plain))) {
		t.Error("the unzipped form differs from the plain one in more than its values")
	}
}

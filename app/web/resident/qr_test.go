package resident_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"

	qrcode "github.com/skip2/go-qrcode"
)

func TestQRCodePNG(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	for _, tc := range []struct {
		query string
		size  int
	}{{"", 512}, {"?size=256", 256}, {"?size=1024", 1024}} {
		resp, body := e.Do(httptest.NewRequest(http.MethodGet, "/qr/dpmptsp.png"+tc.query, nil))
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("%s: status %d type %q", tc.query, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=") {
			t.Errorf("Cache-Control %q", cc)
		}
		img, err := png.Decode(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", tc.query, err)
		}
		if b := img.Bounds(); b.Dx() != tc.size || b.Dy() != tc.size {
			t.Errorf("%s: %dx%d, want %dx%d", tc.query, b.Dx(), b.Dy(), tc.size, tc.size)
		}
	}
	for path, status := range map[string]int{"/qr/tidak-ada.png": 404, "/qr/dpmptsp.png?size=12": 400, "/qr/dpmptsp.png?size=x": 400} {
		if resp, _ := e.Do(httptest.NewRequest(http.MethodGet, path, nil)); resp.StatusCode != status {
			t.Errorf("%s: status %d, want %d", path, resp.StatusCode, status)
		}
	}
}

// The SVG draws exactly the modules of the code for the unit's survey address.
func TestQRCodeSVG(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	resp, body := e.Do(httptest.NewRequest(http.MethodGet, "/qr/rsud-blambangan.svg", nil))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("status %d type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var svg struct {
		XMLName xml.Name `xml:"http://www.w3.org/2000/svg svg"`
		ViewBox string   `xml:"viewBox,attr"`
		Title   string   `xml:"title"`
		Paths   []struct {
			D string `xml:"d,attr"`
		} `xml:"path"`
	}
	dec := xml.NewDecoder(strings.NewReader(body))
	if err := dec.Decode(&svg); err != nil {
		t.Fatalf("SVG not well-formed: %v", err)
	}
	const url = "http://skm.test/s/rsud-blambangan"
	if svg.Title != url || len(svg.Paths) != 1 {
		t.Fatalf("title %q, %d paths", svg.Title, len(svg.Paths))
	}
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	want := q.Bitmap()
	if svg.ViewBox != fmt.Sprintf("0 0 %d %d", len(want), len(want)) {
		t.Errorf("viewBox %q for %d modules", svg.ViewBox, len(want))
	}
	got := make([][]bool, len(want))
	for y := range got {
		got[y] = make([]bool, len(want))
	}
	for _, m := range regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`).FindAllStringSubmatch(svg.Paths[0].D, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		for i := x; i < x+w; i++ {
			got[y][i] = true
		}
	}
	for y := range want {
		if !bytes.Equal(boolRow(got[y]), boolRow(want[y])) {
			t.Fatalf("row %d differs from the code's modules", y)
		}
	}
}

func boolRow(r []bool) []byte {
	b := make([]byte, len(r))
	for i, v := range r {
		if v {
			b[i] = 1
		}
	}
	return b
}

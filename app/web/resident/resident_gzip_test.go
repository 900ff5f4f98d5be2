package resident

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// A zipped page, filled, unzips with the standard reader (which checks the gzip trailer's
// checksum and length) to the page with its placeholders replaced, whatever the values and
// wherever the placeholders stand.
func TestZippedPageUnzipsToTheFilledPage(t *testing.T) {
	body := strings.Repeat(`<p class="lede">Survei Kepuasan Masyarakat</p>`, 200)
	pages := map[string]string{
		"in order":     `<form>` + csrfPlaceholder + body + keyPlaceholder + `<i>` + stampPlaceholder + `</form>`,
		"out of order": stampPlaceholder + body + csrfPlaceholder + keyPlaceholder,
		"at the ends":  keyPlaceholder + body + csrfPlaceholder + body + stampPlaceholder,
		"none":         body,
		"empty":        ``,
	}
	values := [][3]string{
		{"tok-1", "key-1", "1796251162964.sig"},
		{"", "", ""},
		{strings.Repeat("c", 70_000), "k", strings.Repeat("s", 65_535)}, // past one stored block
	}
	for name, page := range pages {
		z := zipPage([]byte(page), csrfPlaceholder, keyPlaceholder, stampPlaceholder)
		for _, v := range values {
			want := strings.NewReplacer(csrfPlaceholder, v[0], keyPlaceholder, v[1], stampPlaceholder, v[2]).Replace(page)
			if got := string(z.plain(v[0], v[1], v[2])); got != want {
				t.Fatalf("%s: plain page differs from the filled page", name)
			}
			r, err := gzip.NewReader(bytes.NewReader(z.gzip(v[0], v[1], v[2])))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("%s: unzip: %v", name, err)
			}
			if string(got) != want {
				t.Fatalf("%s: unzipped %d bytes, want the filled page of %d", name, len(got), len(want))
			}
		}
	}
}

// The fixed stretches are compressed once, so a filled page is far smaller than the page.
func TestZippedPageIsCompressed(t *testing.T) {
	page := strings.Repeat(`<label><input type="radio" name="U1" value="4">Sangat baik</label>`, 150) + keyPlaceholder
	z := zipPage([]byte(page), csrfPlaceholder, keyPlaceholder, stampPlaceholder)
	if n := len(z.gzip("", "a-key", "")); n*5 > len(page) {
		t.Errorf("gzip of %d bytes is %d bytes", len(page), n)
	}
}

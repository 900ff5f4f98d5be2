package apptest

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Doc parses a page for goquery selectors.
func Doc(t testing.TB, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Filled returns the form's hidden fields with a complete set of answers: every question scored
// by its position in answers (cycled), the first service, and a profile.
func Filled(t testing.TB, body string, answers ...string) url.Values {
	t.Helper()
	d := Doc(t, body)
	f := url.Values{}
	d.Find(`#survey input[type=hidden]`).Each(func(_ int, s *goquery.Selection) {
		f.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	if len(answers) == 0 {
		answers = []string{"3", "4", "2", "4", "3", "3", "4", "2", "3"}
	}
	d.Find(`fieldset.q`).Each(func(i int, s *goquery.Selection) {
		f.Set(strings.TrimPrefix(s.AttrOr("id", ""), "q-"), answers[i%len(answers)])
	})
	if v, ok := d.Find(`#service option[value!=""]`).First().Attr("value"); ok {
		f.Set("service", v)
	}
	f.Set("gender", "P")
	f.Set("age", "34")
	f.Set("education", "S1")
	f.Set("occupation", "Wirausaha")
	f.Set("suggestion", "Antrean pagi panjang.")
	return f
}

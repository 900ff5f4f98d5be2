package app_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
)

// TestStaffPagesSpeakOneVocabulary reads every staff page in both languages: a campaign is named
// by its period (Semester II 2026, Semester 2, 2026), never by its key, which stays in addresses;
// the region is Banyuwangi Regency in English; and the English pages say nothing in Indonesian
// that the glossary translates.
func TestStaffPagesSpeakOneVocabulary(t *testing.T) {
	e := apptest.New(t)
	seedStaffDay(e)
	ctx := context.Background()
	region, err := e.Store.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	region.Name = "Kabupaten Banyuwangi"
	if err := e.Store.SaveRegion(ctx, region); err != nil {
		t.Fatal(err)
	}
	e.Restart()
	key := regexp.MustCompile(`\b20\d\d-S[12]\b`)
	regionName := map[string]string{"id": "Kabupaten Banyuwangi", "en": "Banyuwangi Regency"}
	period := map[string]*regexp.Regexp{"id": regexp.MustCompile(`Semester I{1,2} 2026`), "en": regexp.MustCompile(`Semester [12], 2026`)}
	indonesian := []string{"Kabupaten", "Laki-laki", "Pegawai swasta", "Formulir daring", "Belum dijawab", "berjalan", "ditutup"}
	for _, who := range staffPages {
		b := e.Browser()
		if who.who != "" {
			b = e.SignedIn(who.who+"-words", who.role, who.units...)
		}
		for _, path := range append(who.paths, "/dasbor/unit/dpmptsp") {
			for _, lang := range []string{"id", "en"} {
				resp, body := b.Get(withLang(path, lang))
				if resp.StatusCode == http.StatusSeeOther {
					resp, body = b.Get(withLang(resp.Header.Get("Location"), lang))
				}
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s %s: status %d", path, lang, resp.StatusCode)
				}
				d := apptest.Doc(t, body)
				d.Find("script").Remove()
				text := d.Find("body").Text()
				name := who.who + " " + path + " " + lang
				if k := key.FindString(text); k != "" {
					t.Errorf("%s names a campaign by its key %s", name, k)
				}
				if !strings.Contains(text, regionName[lang]) {
					t.Errorf("%s does not name the region %q", name, regionName[lang])
				}
				if strings.Contains(path, "2026-S") && !period[lang].MatchString(text) {
					t.Errorf("%s names no period as %s does", name, period[lang])
				}
				for _, word := range indonesian {
					if lang == "en" && strings.Contains(text, word) {
						t.Errorf("%s says %q in English", name, word)
					}
				}
			}
		}
	}
}

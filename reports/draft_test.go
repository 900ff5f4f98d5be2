package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/skm-engine/skm/survey"
)

// A draft says so on every page, in the header and across the page, carries no number, and tells
// the reader it cannot be verified; the final report carries its number and its signer instead.
func TestDraftAndFinalReports(t *testing.T) {
	for _, lang := range []string{survey.LangID, survey.LangEN} {
		draft := fixtureUnitData(lang)
		number := draft.Number
		draft.Number, draft.Draft = "", true
		text := pdfText(t, renderUnit(t, draft))
		word := draft.Words.T("pdf.common.draft")
		pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
		for i, page := range pages {
			if i > 0 && !strings.Contains(page, word) {
				t.Errorf("%s: page %d of the draft does not say %s", lang, i+1, word)
			}
		}
		if strings.Contains(text, "SKM/2026-S2/") || strings.Contains(text, "verifikasi?no=") {
			t.Errorf("%s: the draft shows a number or a verification address", lang)
		}
		if !strings.Contains(strings.Join(strings.Fields(text), " "), draft.Words.T("pdf.common.draft.authenticity")) {
			t.Errorf("%s: the draft does not say it cannot be verified", lang)
		}

		final := pdfText(t, renderUnit(t, fixtureUnitData(lang)))
		for _, want := range []string{number, "Ir. Agus Siswanto, M.T.", "NIP. 19700512 199703 1 004"} {
			if !strings.Contains(final, want) {
				t.Errorf("%s: the final report lacks %q", lang, want)
			}
		}
		if strings.Contains(final, word+"\n") {
			t.Errorf("%s: the final report says %s", lang, word)
		}
	}

	region := fixtureRegionData(survey.LangID, 4)
	text := pdfText(t, renderRegion(t, region))
	for _, want := range []string{"Sekretaris Daerah Kabupaten", "Dr. H. Mujiono, M.Si.", "NIP. 19680323 199203 1 007",
		"menggantikan laporan nomor " + region.Replaces, "kuesioner kertas Kecamatan Giri"} {
		if !strings.Contains(text, want) {
			t.Errorf("the corrected regional report lacks %q", want)
		}
	}
	region.Signer = Signer{}
	if text := pdfText(t, renderRegion(t, region)); !strings.Contains(text, "Bupati Banyuwangi") || strings.Contains(text, "NIP.") {
		t.Error("without a signer, the regional report is not left for the regent to sign")
	}

	for name, spoil := range map[string]func(*Issue){
		"a draft with a number":     func(i *Issue) { i.Draft = true },
		"a draft correcting":        func(i *Issue) { i.Number, i.Draft, i.Replaces = "", true, i.Number },
		"a final without a number":  func(i *Issue) { i.Number = "" },
		"correcting a false number": func(i *Issue) { i.Replaces = "SKM/X" },
	} {
		d := fixtureUnitData(survey.LangID)
		spoil(&d.Issue)
		var buf bytes.Buffer
		if err := UnitReport(&buf, d); survey.ErrorCode(err) != survey.EINVALID || buf.Len() != 0 {
			t.Errorf("%s: got %v and %d bytes, want invalid and nothing written", name, err, buf.Len())
		}
	}
}

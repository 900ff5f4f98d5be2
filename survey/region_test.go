package survey_test

import (
	"strings"
	"testing"

	"github.com/skm-engine/skm/survey"
)

func TestSignerReadsTheNIPAsPeopleTypeIt(t *testing.T) {
	s := survey.NewSigner(" Dr. Ir. Mujiono, M.Si ", " Sekretaris Daerah ", "19700101 199503.1-001")
	if s.Name != "Dr. Ir. Mujiono, M.Si" || s.Title != "Sekretaris Daerah" || s.NIP != "197001011995031001" {
		t.Fatalf("signer %+v", s)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := s.FormattedNIP(); got != "19700101 199503 1 001" {
		t.Errorf("printed NIP %q", got)
	}
	for _, tc := range []struct {
		signer survey.Signer
		key    string
	}{
		{survey.NewSigner("", "", ""), ""},
		{survey.NewSigner("Budi", "", ""), ""},
		{survey.NewSigner("", "Kepala Dinas", ""), "err.signer.name"},
		{survey.NewSigner("", "", "197001011995031001"), "err.signer.name"},
		{survey.NewSigner("Budi", "", "1970010119950310"), "err.signer.nip"},
		{survey.NewSigner("Budi", "", "19700101199503100A"), "err.signer.nip"},
		{survey.NewSigner(strings.Repeat("a", 151), "", ""), "err.signer.length"},
	} {
		err := tc.signer.Validate()
		if got := survey.ErrorMessage(err).Key; (err == nil) != (tc.key == "") || (err != nil && got != tc.key) {
			t.Errorf("%+v: %v, want %q", tc.signer, err, tc.key)
		}
	}
}

func TestRegionKnowsItsOPDs(t *testing.T) {
	r := survey.DefaultRegion()
	if got, err := r.OPD(" Dinas Kesehatan "); err != nil || got != "Dinas Kesehatan" {
		t.Errorf("a region without a list takes any OPD as typed: %q, %v", got, err)
	}
	r.OPDs = []string{"DPMPTSP", "Dinas Kesehatan"}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if got, err := r.OPD("dinas kesehatan"); err != nil || got != "Dinas Kesehatan" {
		t.Errorf("matched without regard to case, in the region's spelling: %q, %v", got, err)
	}
	if _, err := r.OPD("Dinas Pendidikan"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("an OPD not listed: %v", err)
	}
	for _, opds := range [][]string{{"DPMPTSP", "dpmptsp"}, {""}, {" Dinkes"}} {
		r.OPDs = opds
		if err := r.Validate(); survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("OPD list %q: %v", opds, err)
		}
	}
}

func TestRegionIsSavedOnceItHasATime(t *testing.T) {
	r := survey.DefaultRegion()
	if r.Saved() {
		t.Error("the default region counts as set up")
	}
}

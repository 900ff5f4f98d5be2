package survey_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/skm-engine/skm/survey"
)

func TestParseServicesMakesUniqueCodes(t *testing.T) {
	got, err := survey.ParseServices([]string{
		"izin-usaha;Izin usaha;Business permit",
		"Perekaman KTP-el",
		"Perekaman KTP el",
		"; Akta kelahiran ; Birth certificate",
		"pbg\tPersetujuan bangunan gedung\tBuilding approval",
		"Izin Usaha",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []survey.Service{
		{Code: "izin-usaha", Name: survey.Text{ID: "Izin usaha", EN: "Business permit"}},
		{Code: "perekaman-ktp-el", Name: survey.Text{ID: "Perekaman KTP-el"}},
		{Code: "perekaman-ktp-el-2", Name: survey.Text{ID: "Perekaman KTP el"}},
		{Code: "akta-kelahiran", Name: survey.Text{ID: "Akta kelahiran", EN: "Birth certificate"}},
		{Code: "pbg", Name: survey.Text{ID: "Persetujuan bangunan gedung", EN: "Building approval"}},
		// A made code never takes one given on a later line.
		{Code: "izin-usaha-2", Name: survey.Text{ID: "Izin Usaha"}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("services\n got %v\nwant %v", got, want)
	}
	u := survey.Unit{Slug: "mpp", Name: survey.Text{ID: "MPP"}, Services: got}
	again, err := survey.ParseServices(strings.Split(strings.TrimSpace(u.ServiceLines()), "\n"))
	if err != nil || fmt.Sprint(again) != fmt.Sprint(got) {
		t.Errorf("the lines of a unit's services read back as %v, %v", again, err)
	}
}

func TestParseServicesListsEveryBadItem(t *testing.T) {
	_, err := survey.ParseServices([]string{"Izin usaha", "Bad Code;Nama", "pbg;", "pbg;PBG", "pbg;PBG lagi", strings.Repeat("x", 201)})
	if survey.ErrorCode(err) != survey.EINVALID {
		t.Fatalf("bad services: %v", err)
	}
	details := survey.ErrorDetails(err)
	var items []any
	for _, d := range details {
		items = append(items, d.Args[0])
	}
	if fmt.Sprint(items) != "[2 3 5 6]" {
		t.Errorf("bad items %v, want 2 3 5 6: %v", items, details)
	}
}

func TestManyServicesAtOnce(t *testing.T) {
	var lines []string
	for i := range 202 {
		lines = append(lines, fmt.Sprintf("Layanan perizinan nomor %d", i%101))
	}
	got, err := survey.ParseServices(lines)
	if err != nil || len(got) != 202 {
		t.Fatalf("%d services, %v", len(got), err)
	}
	u := survey.Unit{Slug: "mal-pelayanan-publik", Name: survey.Text{ID: "Mal Pelayanan Publik"}, Services: got}
	if err := u.Validate(); err != nil {
		t.Errorf("202 services: %v", err)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Izin Usaha Mikro & Kecil":      "izin-usaha-mikro-kecil",
		"  --Rawat   jalan--":           "rawat-jalan",
		"Pelayanan Kesehatan Ibu (KIA)": "pelayanan-kesehatan-ibu-kia",
		"é":                             "layanan",
		strings.Repeat("ab ", 40):       strings.TrimRight(strings.Repeat("ab-", 21), "-"),
	} {
		if got := survey.Slugify(in); got != want || !survey.ValidSlug(got) {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParsePopulation(t *testing.T) {
	for in, want := range map[string]int64{"": 0, "1200": 1200, "12.500": 12500, "1,250,000": 1250000, "12 500": 12500, " 7 ": 7} {
		if got, err := survey.ParsePopulation(in); err != nil || got != want {
			t.Errorf("ParsePopulation(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"-5", "1.5", "12.50", "banyak", "200000000", "1e6"} {
		if _, err := survey.ParsePopulation(in); survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("ParsePopulation(%q): %v", in, err)
		}
	}
}

func TestUnitValidatesItsHeadAndPopulation(t *testing.T) {
	u := survey.Unit{Slug: "dpmptsp", Name: survey.Text{ID: "DPMPTSP"}, Head: survey.NewSigner("", "Kepala", ""), Population: 10}
	if err := u.Validate(); survey.ErrorMessage(err).Key != "err.signer.name" {
		t.Errorf("a head with a title but no name: %v", err)
	}
	u.Head, u.Population = survey.NewSigner("Budi", "Kepala", ""), -1
	if err := u.Validate(); survey.ErrorMessage(err).Key != "err.unit.population" {
		t.Errorf("a negative population: %v", err)
	}
}

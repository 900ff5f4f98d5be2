package i18n

import "testing"

// A region's name as its administrator types it says, in either language, the region, its
// government, where documents are signed and who signs the regional report.
func TestRegionNames(t *testing.T) {
	id, en := For(ID, nil), For(EN, nil)
	for region, want := range map[string][7]string{
		"Kabupaten Banyuwangi": {"Banyuwangi Regency", "Pemerintah Kabupaten Banyuwangi", "Banyuwangi Regency Government",
			"Banyuwangi", "Bupati Banyuwangi", "Regent of Banyuwangi", "the Banyuwangi Regency Government"},
		"Pemerintah Kota Surabaya": {"Surabaya City Government", "Pemerintah Kota Surabaya", "Surabaya City Government",
			"Surabaya", "Wali Kota Surabaya", "Mayor of Surabaya", "the Surabaya City Government"},
		"Provinsi Jawa Timur": {"Jawa Timur Province", "Pemerintah Provinsi Jawa Timur", "Jawa Timur Province Government",
			"Jawa Timur", "Gubernur Jawa Timur", "Governor of Jawa Timur", "the Jawa Timur Province Government"},
		"Kota Batu":         {"Batu City", "Pemerintah Kota Batu", "Batu City Government", "Batu", "Wali Kota Batu", "Mayor of Batu", "the Batu City Government"},
		"Pemerintah Batam":  {"Batam Government", "Pemerintah Batam", "Batam Government", "Batam", "Kepala Daerah Batam", "Head of Batam", "the Batam Government"},
		"Pemerintah Daerah": {"Regional Government", "Pemerintah Daerah", "Regional Government", "", "Kepala Daerah", "Head of the Region", "the Regional Government"},
	} {
		got := [7]string{en.RegionName(region), id.Government(region), en.Government(region), id.Place(region),
			id.RegionHead(region), en.RegionHead(region), en.Institution(en.Government(region))}
		if got != want {
			t.Errorf("%s:\n got %q\nwant %q", region, got, want)
		}
		if id.RegionName(region) != region || id.Institution(region) != region {
			t.Errorf("%s: Indonesian says %q, %q", region, id.RegionName(region), id.Institution(region))
		}
	}
	if got := en.Institution("The Hague Office"); got != "The Hague Office" {
		t.Errorf("a name with its article got %q", got)
	}
}

package i18n

import "strings"

// A region's name is typed by its administrator in Indonesian: "Kabupaten Banyuwangi",
// "Pemerintah Kota Surabaya", "Provinsi Jawa Timur", or the default "Pemerintah Daerah". The
// printer reads the kind of region from it to say the name in English ("Banyuwangi Regency"),
// to name the region's government, the place its documents are signed and the office of its head.

// regionKind is a kind of region: the word its name starts with, and the catalogue's wording of
// such a region's name and of its head's office, each taking the place.
type regionKind struct{ prefix, name, head string }

var regionKinds = []regionKind{
	{"Kabupaten ", "region.kabupaten", "region.head.kabupaten"},
	{"Kota ", "region.kota", "region.head.kota"},
	{"Provinsi ", "region.provinsi", "region.head.provinsi"},
}

// regionName is a region's name read: whether it names the government ("Pemerintah …"), its
// kind (nil when the name does not say) and the place it names ("" for "Pemerintah Daerah").
type regionName struct {
	government bool
	kind       *regionKind
	place      string
}

func parseRegion(name string) regionName {
	rest, government := strings.CutPrefix(strings.TrimSpace(name), "Pemerintah ")
	for i := range regionKinds {
		if place, ok := strings.CutPrefix(rest, regionKinds[i].prefix); ok && place != "" {
			return regionName{government, &regionKinds[i], place}
		}
	}
	if government && rest == "Daerah" {
		return regionName{government: true}
	}
	return regionName{government, nil, rest}
}

// area names the region itself, without its government: Kabupaten Banyuwangi, or Banyuwangi
// Regency; "" for "Pemerintah Daerah".
func (p Printer) area(r regionName) string {
	if r.kind != nil {
		return p.T(r.kind.name, r.place)
	}
	return r.place
}

// RegionName says a region's name in the printer's language: as typed in Indonesian, and in
// English with the kind of region after the place, as English names it ("Kabupaten Banyuwangi"
// is "Banyuwangi Regency", "Kota Surabaya" "Surabaya City", "Pemerintah Kota Surabaya" "Surabaya
// City Government").
func (p Printer) RegionName(name string) string {
	if p.Lang() != EN {
		return name
	}
	r := parseRegion(name)
	if r.government {
		return p.Government(name)
	}
	return p.area(r)
}

// Government names the region's government: Pemerintah Kabupaten Banyuwangi, or Banyuwangi
// Regency Government.
func (p Printer) Government(name string) string {
	r := parseRegion(name)
	switch {
	case r.place == "":
		return p.T("region.regional")
	case r.government && p.Lang() != EN:
		return strings.TrimSpace(name)
	}
	return p.T("region.government", p.area(r))
}

// Place is where the region's documents are signed: Kabupaten Banyuwangi signs at Banyuwangi;
// "" for "Pemerintah Daerah".
func (p Printer) Place(name string) string { return parseRegion(name).place }

// RegionHead names the office of the region's head, who signs the regional report: Bupati
// Banyuwangi, or Regent of Banyuwangi.
func (p Printer) RegionHead(name string) string {
	r := parseRegion(name)
	switch {
	case r.kind != nil:
		return p.T(r.kind.head, r.place)
	case r.place != "":
		return p.T("region.head.place", r.place)
	}
	return p.T("region.head")
}

// Institution says an institution's name as it stands inside a sentence: in English with the
// article ("the Investment and One-Stop Integrated Service Office"), in Indonesian as it is.
func (p Printer) Institution(name string) string {
	if p.Lang() != EN || name == "" || strings.HasPrefix(name, "the ") || strings.HasPrefix(name, "The ") {
		return name
	}
	return "the " + name
}

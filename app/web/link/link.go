// Package link builds the engine's addresses, so that a page can point to another feature's page
// without importing it, and an address is written in one place.
package link

import (
	"net/url"
	"strings"
)

// Survey is a unit's survey, where QR codes point; the kiosk variant is beneath it.
func Survey(unit string) string { return "/s/" + url.PathEscape(unit) }

// Kiosk is a unit's survey on a counter tablet.
func Kiosk(unit string) string { return Survey(unit) + "/kios" }

// Complaint is a unit's complaint form.
func Complaint(unit string) string { return Survey(unit) + "/pengaduan" }

// Track is a resident's tracking page of a case.
func Track(code string) string { return "/lacak/" + url.PathEscape(code) }

// Desk is the staff's list of cases.
func Desk() string { return "/pengaduan" }

// Case is the staff page of a case.
func Case(code string) string { return "/pengaduan/" + url.PathEscape(code) }

// Plan is a unit's follow-up plan for a campaign.
func Plan(campaign, unit string) string {
	return "/rencana/" + url.PathEscape(campaign) + "/unit/" + url.PathEscape(unit)
}

// UnitDashboard is a unit's dashboard, for a campaign or the newest when campaign is "".
func UnitDashboard(unit, campaign string) string {
	u := "/dasbor/unit/" + url.PathEscape(unit)
	if campaign != "" {
		u += "?kampanye=" + url.QueryEscape(campaign)
	}
	return u
}

// Export is a download of a unit's tables or responses, name such as "elements.csv".
func Export(campaign, unit, name string) string {
	return "/ekspor/" + url.PathEscape(campaign) + "/unit/" + url.PathEscape(unit) + "/" + name
}

// RegionExport is a download of the region's tables or responses, name such as "ranking.csv".
func RegionExport(campaign, name string) string {
	return "/ekspor/" + url.PathEscape(campaign) + "/" + name
}

// UnitReport is a unit's PDF evaluation report.
func UnitReport(campaign, unit string) string {
	return "/laporan/" + url.PathEscape(campaign) + "/unit/" + url.PathEscape(unit) + ".pdf"
}

// RegionReport is the region's consolidated PDF report.
func RegionReport(campaign string) string {
	return "/laporan/" + url.PathEscape(campaign) + "/wilayah.pdf"
}

// Poster is a unit's printable counter poster.
func Poster(unit string) string { return "/poster/" + url.PathEscape(unit) + ".pdf" }

// QR is a unit's QR code image, ext "png" or "svg".
func QR(unit, ext string) string { return "/qr/" + url.PathEscape(unit) + "." + ext }

// Results is a campaign's published results.
func Results(campaign string) string { return "/hasil/" + url.PathEscape(campaign) }

// UnitResults is a unit's published results in a campaign.
func UnitResults(campaign, unit string) string {
	return Results(campaign) + "/unit/" + url.PathEscape(unit)
}

// IssueReport is the page that issues the final report of a unit in a campaign, or the region's
// when unit is "".
func IssueReport(campaign, unit string) string {
	u := "/laporan/" + url.PathEscape(campaign) + "/terbitkan"
	if unit != "" {
		u += "?unit=" + url.QueryEscape(unit)
	}
	return u
}

// Verify is the verification page of a report number, whose slashes stay readable as printed.
func Verify(number string) string {
	return "/verifikasi?no=" + strings.ReplaceAll(url.QueryEscape(number), "%2F", "/")
}

// Campaign is the administrators' page of a campaign.
func Campaign(campaign string) string { return "/admin/kampanye/" + url.PathEscape(campaign) }

// PaperImport is the page that imports a unit's paper questionnaires into a campaign.
func PaperImport(campaign, unit string) string {
	return Campaign(campaign) + "/unit/" + url.PathEscape(unit) + "/impor"
}

// RegionSetup is the region's profile as the first run opens it, with a welcome.
func RegionSetup() string { return "/admin/wilayah?mulai=1" }

// Logo is the region's logo at icon size, by its ID.
func Logo(id string) string { return "/logo/" + url.PathEscape(id) + ".png" }

// Package documents serves the engine's PDF documents: the unit and regional evaluation reports,
// drafts until an administrator issues the final report (numbered, rendered once and kept, its
// SHA-256 recorded; a correction issues a new one that replaces it), and the counter poster; and
// the public verification page that tells a genuine, unchanged file from any other and says
// whether a report is final or replaced. The report assembly here is shared with skm report.
package documents

import (
	"embed"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

//go:embed views
var views embed.FS

// handler serves the documents and the verification page.
type handler struct {
	*web.Server
}

// Register adds the downloads, their API twins and the verification page to the server.
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.Handle(fiber.MethodGet, "/laporan/:key/unit/:unit.pdf", web.UnitRead, h.handleUnitReport)
	s.Handle(fiber.MethodGet, "/laporan/:key/wilayah.pdf", web.RegionRead, h.handleRegionReport)
	s.Handle(fiber.MethodGet, "/poster/:unit.pdf", web.UnitOwn, h.handlePoster)
	s.HandleAPI(fiber.MethodGet, "/campaigns/:key/units/:unit/report.pdf", web.UnitRead, h.handleUnitReport)
	s.HandleAPI(fiber.MethodGet, "/campaigns/:key/report.pdf", web.RegionRead, h.handleRegionReport)
	s.Handle(fiber.MethodGet, "/laporan/:key/terbitkan", web.AdminOnly, h.handleIssuePage)
	s.Handle(fiber.MethodPost, "/laporan/:key/terbitkan", web.AdminOnly, h.handleIssue)
	s.Handle(fiber.MethodGet, "/verifikasi", web.Public, h.handleVerify)
	s.HandleUpload("/verifikasi", web.Public, s.Config.BodyLimit, h.handleVerifyUpload)
	return s.AddViews(views)
}

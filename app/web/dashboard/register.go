// Package dashboard serves the staff's dashboards, the region's and each unit's, and their
// downloads: the tables as CSV or XLSX and, for those who may read residents' words, the raw
// responses.
package dashboard

import (
	"embed"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

//go:embed views
var views embed.FS

// handler serves the dashboards and downloads.
type handler struct {
	*web.Server
}

// Register adds the dashboards and downloads to the server. Every role may open /dasbor:
// administrators and viewers get the region, unit heads their own units, so the handler rather
// than the rule tells them apart.
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.Handle(fiber.MethodGet, "/dasbor", web.AnyRole, h.handleDashboard)
	s.Handle(fiber.MethodGet, "/dasbor/unit/:unit", web.UnitRead, h.handleUnitDashboard)
	s.Handle(fiber.MethodGet, "/ekspor/:key/unit/:unit/responses.:ext", web.UnitOwn, h.handleExportUnitResponses)
	s.Handle(fiber.MethodGet, "/ekspor/:key/unit/:unit/:table.:ext", web.UnitRead, h.handleExportUnitTable)
	s.Handle(fiber.MethodGet, "/ekspor/:key/responses.:ext", web.AdminOnly, h.handleExportResponses)
	s.Handle(fiber.MethodGet, "/ekspor/:key/:table.:ext", web.RegionRead, h.handleExportRegionTable)
	return s.AddViews(views)
}

// Package desk is the staff's complaint desk: the cases residents opened with a complaint or a
// suggestion, each to be answered within the region's limit, their replies and publication, and
// the region's rules for answering them.
package desk

import (
	"embed"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

//go:embed views
var views embed.FS

// handler serves the desk.
type handler struct {
	*web.Server
}

// Register adds the desk to the server. Its pages are open to every signed-in role; on top of the
// rule, a case's page checks that the case's unit is the caller's (its code carries no :unit).
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.Handle(fiber.MethodGet, "/pengaduan", web.AnyRole, h.handleCases)
	s.Handle(fiber.MethodGet, "/pengaduan/:code", web.AnyRole, h.handleCase)
	s.Handle(fiber.MethodPost, "/pengaduan/:code/balas", web.AnyRole, h.handleCaseReply)
	s.Handle(fiber.MethodPost, "/pengaduan/:code/terbitkan", web.AnyRole, h.handleCasePublish)
	s.Handle(fiber.MethodGet, "/admin/pengaduan", web.AdminOnly, h.handleCaseSettings)
	s.Handle(fiber.MethodPost, "/admin/pengaduan", web.AdminOnly, h.handleCaseSettingsSave)
	return s.AddViews(views)
}

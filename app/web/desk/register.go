// Package desk is the staff's desk for residents' messages: complaints, each to be answered within
// the region's limit, with their replies and publication; suggestions and praise, to be read; the
// reclassification of a message whose resident chose the wrong kind; and the region's rules for
// answering complaints.
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
// rule, a case's page and every change check that the case's unit is the caller's (its ID
// carries no :unit).
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.Handle(fiber.MethodGet, "/pengaduan", web.AnyRole, h.handleCases)
	s.Handle(fiber.MethodPost, "/pengaduan/dibaca", web.AnyRole, h.handleMarkRead)
	s.Handle(fiber.MethodGet, "/pengaduan/:code", web.AnyRole, h.handleCase)
	s.Handle(fiber.MethodPost, "/pengaduan/:code/balas", web.AnyRole, h.handleCaseReply)
	s.Handle(fiber.MethodPost, "/pengaduan/:code/terbitkan", web.AnyRole, h.handleCasePublish)
	s.Handle(fiber.MethodPost, "/pengaduan/:code/jenis", web.AnyRole, h.handleCaseReclassify)
	s.Handle(fiber.MethodPost, "/pengaduan/:code/dibaca", web.AnyRole, h.handleCaseRead)
	s.Handle(fiber.MethodGet, "/admin/pengaduan", web.AdminOnly, h.handleCaseSettings)
	s.Handle(fiber.MethodPost, "/admin/pengaduan", web.AdminOnly, h.handleCaseSettingsSave)
	return s.AddViews(views)
}

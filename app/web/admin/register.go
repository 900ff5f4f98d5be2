// Package admin serves the region's administrators: their overview, the people who sign in, API
// tokens, the audit log, and the campaigns console with the import of paper questionnaires, which
// a unit's heads may use for their own unit where the region allows it.
package admin

import (
	"embed"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

//go:embed views
var views embed.FS

// handler serves the administrators' pages.
type handler struct {
	*web.Server
}

// Register adds the administrators' pages to the server.
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.Handle(fiber.MethodGet, "/admin", web.AdminOnly, h.handleAdmin)
	s.Handle(fiber.MethodGet, "/admin/pengguna", web.AdminOnly, h.handleAdminUsers)
	s.Handle(fiber.MethodPost, "/admin/pengguna", web.AdminOnly, h.handleAdminUserCreate)
	s.Handle(fiber.MethodPost, "/admin/pengguna/:username", web.AdminOnly, h.handleAdminUserUpdate)
	s.Handle(fiber.MethodPost, "/admin/pengguna/:username/sandi", web.AdminOnly, h.handleAdminPasswordReset)
	s.Handle(fiber.MethodGet, "/admin/token", web.AdminOnly, h.handleAdminTokens)
	s.Handle(fiber.MethodPost, "/admin/token", web.AdminOnly, h.handleAdminTokenCreate)
	s.Handle(fiber.MethodPost, "/admin/token/:id/cabut", web.AdminOnly, h.handleAdminTokenRevoke)
	s.Handle(fiber.MethodGet, "/admin/audit", web.AdminOnly, h.handleAdminAudit)
	h.registerSetup(s)
	s.Handle(fiber.MethodGet, "/admin/kampanye", web.AdminOnly, h.handleCampaignsAdmin)
	s.Handle(fiber.MethodPost, "/admin/kampanye", web.AdminOnly, h.handleCampaignCreate)
	s.Handle(fiber.MethodGet, "/admin/kampanye/:key", web.AdminOnly, h.handleCampaign)
	s.Handle(fiber.MethodPost, "/admin/kampanye/:key", web.AdminOnly, h.handleCampaignSchedule)
	s.Handle(fiber.MethodPost, "/admin/kampanye/:key/terbitkan", web.AdminOnly, h.handleCampaignPublish)
	s.Handle(fiber.MethodGet, "/admin/kampanye/:key/status", web.AdminOnly, h.handleTransitionConfirm)
	s.Handle(fiber.MethodPost, "/admin/kampanye/:key/status", web.AdminOnly, h.handleTransition)
	s.Handle(fiber.MethodPost, "/admin/kampanye/:key/populasi", web.AdminOnly, h.handleCampaignPopulations)
	s.Handle(fiber.MethodGet, "/admin/kampanye/:key/populasi.csv", web.AdminOnly, h.handlePopulationTemplate)
	s.Handle(fiber.MethodPost, "/admin/kampanye/:key/populasi/impor", web.AdminOnly, h.handlePopulationImport)
	s.Handle(fiber.MethodGet, "/admin/kampanye/:key/unit/:unit/impor", web.UnitOwn, h.handlePaperImport)
	s.HandleUpload("/admin/kampanye/:key/unit/:unit/impor", web.UnitOwn, maxPaperFile, h.handlePaperUpload)
	s.Handle(fiber.MethodPost, "/admin/kampanye/:key/unit/:unit/impor/konfirmasi", web.UnitOwn, h.handlePaperConfirm)
	s.Handle(fiber.MethodGet, "/admin/kampanye/:key/unit/:unit/impor/templat.:ext", web.UnitOwn, h.handlePaperTemplate)
	return s.AddViews(views)
}

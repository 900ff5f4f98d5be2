package admin

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

// registerSetup adds the pages that set a region up: its profile (where the first run leads),
// its units and their import, and questionnaire versions. Fixed paths come before the
// parameters they would otherwise match.
func (h *handler) registerSetup(s *web.Server) {
	s.Handle(fiber.MethodGet, "/admin/wilayah", web.AdminOnly, h.handleRegion)
	s.HandleUpload("/admin/wilayah", web.AdminOnly, maxLogoUpload, h.handleRegionSave)
	s.Handle(fiber.MethodPost, "/admin/wilayah/lewati", web.AdminOnly, h.handleRegionSkip)
	s.Handle(fiber.MethodGet, "/logo/:id.png", web.Public, h.handleLogo)

	s.Handle(fiber.MethodGet, "/admin/unit", web.AdminOnly, h.handleUnits)
	s.Handle(fiber.MethodPost, "/admin/unit", web.AdminOnly, h.handleUnitCreate)
	s.Handle(fiber.MethodGet, "/admin/unit/impor", web.AdminOnly, h.handleUnitImport)
	s.Handle(fiber.MethodGet, "/admin/unit/impor/templat.:ext", web.AdminOnly, h.handleUnitImportTemplate)
	s.HandleUpload("/admin/unit/impor", web.AdminOnly, maxUnitFile, h.handleUnitImportUpload)
	s.Handle(fiber.MethodPost, "/admin/unit/impor/:id", web.AdminOnly, h.handleUnitImportConfirm)
	s.Handle(fiber.MethodPost, "/admin/unit/impor/:id/batal", web.AdminOnly, h.handleUnitImportCancel)
	s.Handle(fiber.MethodGet, "/admin/unit/:slug", web.AdminOnly, h.handleUnit)
	s.Handle(fiber.MethodPost, "/admin/unit/:slug", web.AdminOnly, h.handleUnitSave)
	s.Handle(fiber.MethodPost, "/admin/unit/:slug/aktif", web.AdminOnly, h.handleUnitActive)
	s.Handle(fiber.MethodPost, "/admin/unit/:slug/kepala", web.AdminOnly, h.handleUnitHeadAdd)
	s.Handle(fiber.MethodPost, "/admin/unit/:slug/kepala/baru", web.AdminOnly, h.handleUnitHeadCreate)
	s.Handle(fiber.MethodPost, "/admin/unit/:slug/kepala/:username/lepas", web.AdminOnly, h.handleUnitHeadRemove)

	s.Handle(fiber.MethodGet, "/admin/kuesioner", web.AdminOnly, h.handleQuestionnaires)
	s.Handle(fiber.MethodPost, "/admin/kuesioner", web.AdminOnly, h.handleQuestionnaireCreate)
	s.Handle(fiber.MethodGet, "/admin/kuesioner/baru", web.AdminOnly, h.handleQuestionnaireNew)
	s.Handle(fiber.MethodGet, "/admin/kuesioner/banding", web.AdminOnly, h.handleQuestionnaireCompare)
	s.Handle(fiber.MethodGet, "/admin/kuesioner/:id", web.AdminOnly, h.handleQuestionnaire)
	s.Handle(fiber.MethodPost, "/admin/kuesioner/:id", web.AdminOnly, h.handleQuestionnaireSave)
	s.Handle(fiber.MethodGet, "/admin/kuesioner/:id/pratinjau", web.AdminOnly, h.handleQuestionnairePreview)
}

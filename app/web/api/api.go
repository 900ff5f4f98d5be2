package api

import (
	"github.com/gofiber/fiber/v2"
	"github.com/skm-engine/skm/app/web"
)

// apiRoutes registers the JSON API under /api/v1; requireToken has already authenticated the
// caller, and each route's rule says who may use it.
// handler serves the JSON API.
type handler struct {
	*web.Server
}

// Register adds the JSON API to the server, and its description at /api/openapi.yaml.
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.HandleAPI(fiber.MethodGet, "/units", web.AnyRole, h.handleAPIUnits)
	s.HandleAPI(fiber.MethodPost, "/units", web.AdminOnly, h.handleAPIUnitCreate)
	s.HandleAPI(fiber.MethodGet, "/units/:unit", web.UnitRead, h.handleAPIUnit)
	s.HandleAPI(fiber.MethodPatch, "/units/:unit", web.AdminOnly, h.handleAPIUnitUpdate)

	s.HandleAPI(fiber.MethodGet, "/questionnaires", web.AnyRole, h.handleAPIQuestionnaires)
	s.HandleAPI(fiber.MethodPost, "/questionnaires", web.AdminOnly, h.handleAPIQuestionnaireCreate)
	s.HandleAPI(fiber.MethodGet, "/questionnaires/:id", web.AnyRole, h.handleAPIQuestionnaire)
	s.HandleAPI(fiber.MethodPut, "/questionnaires/:id", web.AdminOnly, h.handleAPIQuestionnaireUpdate)

	s.HandleAPI(fiber.MethodGet, "/campaigns", web.AnyRole, h.handleAPICampaigns)
	s.HandleAPI(fiber.MethodPost, "/campaigns", web.AdminOnly, h.handleAPICampaignCreate)
	s.HandleAPI(fiber.MethodGet, "/campaigns/:key", web.AnyRole, h.handleAPICampaign)
	s.HandleAPI(fiber.MethodPatch, "/campaigns/:key", web.AdminOnly, h.handleAPICampaignUpdate)
	s.HandleAPI(fiber.MethodPost, "/campaigns/:key/transitions", web.AdminOnly, h.handleAPICampaignTransition)
	s.HandleAPI(fiber.MethodGet, "/campaigns/:key/results", web.RegionRead, h.handleAPIRegionResults)
	s.HandleAPI(fiber.MethodGet, "/campaigns/:key/verify", web.AdminOnly, h.handleAPIVerify)
	s.HandleAPI(fiber.MethodGet, "/campaigns/:key/units/:unit/results", web.UnitRead, h.handleAPIUnitResults)
	s.HandleAPI(fiber.MethodGet, "/campaigns/:key/units/:unit/responses", web.UnitOwn, h.handleAPIResponses)
	s.HandleAPIUpload(fiber.MethodPost, "/campaigns/:key/units/:unit/import", web.UnitOwn, s.Config.BodyLimit, h.handleAPIImport)

	s.HandleAPI(fiber.MethodGet, "/tokens", web.AdminOnly, h.handleAPITokens)
	s.HandleAPI(fiber.MethodPost, "/tokens", web.AdminOnly, h.handleAPITokenCreate)
	s.HandleAPI(fiber.MethodDelete, "/tokens/:id", web.AdminOnly, h.handleAPITokenRevoke)
	s.Handle(fiber.MethodGet, "/api/openapi.yaml", web.Public, h.handleOpenAPI)
	return nil
}

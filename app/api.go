package app

import (
	"github.com/gofiber/fiber/v2"
)

// apiRoutes registers the JSON API under /api/v1; requireToken has already authenticated the
// caller, and each route's rule says who may use it.
func (s *Server) apiRoutes(api fiber.Router) {
	s.handle(api, fiber.MethodGet, "/units", anyRole, s.handleAPIUnits)
	s.handle(api, fiber.MethodPost, "/units", adminOnly, s.handleAPIUnitCreate)
	s.handle(api, fiber.MethodGet, "/units/:unit", unitRead, s.handleAPIUnit)
	s.handle(api, fiber.MethodPatch, "/units/:unit", adminOnly, s.handleAPIUnitUpdate)

	s.handle(api, fiber.MethodGet, "/questionnaires", anyRole, s.handleAPIQuestionnaires)
	s.handle(api, fiber.MethodPost, "/questionnaires", adminOnly, s.handleAPIQuestionnaireCreate)
	s.handle(api, fiber.MethodGet, "/questionnaires/:id", anyRole, s.handleAPIQuestionnaire)
	s.handle(api, fiber.MethodPut, "/questionnaires/:id", adminOnly, s.handleAPIQuestionnaireUpdate)

	s.handle(api, fiber.MethodGet, "/campaigns", anyRole, s.handleAPICampaigns)
	s.handle(api, fiber.MethodPost, "/campaigns", adminOnly, s.handleAPICampaignCreate)
	s.handle(api, fiber.MethodGet, "/campaigns/:key", anyRole, s.handleAPICampaign)
	s.handle(api, fiber.MethodPatch, "/campaigns/:key", adminOnly, s.handleAPICampaignUpdate)
	s.handle(api, fiber.MethodPost, "/campaigns/:key/transitions", adminOnly, s.handleAPICampaignTransition)
	s.handle(api, fiber.MethodGet, "/campaigns/:key/results", regionRead, s.handleAPIRegionResults)
	s.handle(api, fiber.MethodGet, "/campaigns/:key/units/:unit/results", unitRead, s.handleAPIUnitResults)
	s.handle(api, fiber.MethodGet, "/campaigns/:key/units/:unit/responses", unitOwn, s.handleAPIResponses)
	s.handle(api, fiber.MethodPost, "/campaigns/:key/units/:unit/import", unitOwn, s.handleAPIImport)

	s.handle(api, fiber.MethodGet, "/tokens", adminOnly, s.handleAPITokens)
	s.handle(api, fiber.MethodPost, "/tokens", adminOnly, s.handleAPITokenCreate)
	s.handle(api, fiber.MethodDelete, "/tokens/:id", adminOnly, s.handleAPITokenRevoke)
}

// Package results serves the region's published results: the campaigns an administrator made
// public after they closed, each unit's index, its trend and its follow-up plan. The pages are
// public and small; residents' free text never appears on them.
package results

import (
	"embed"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

//go:embed views
var views embed.FS

// handler serves the published results.
type handler struct {
	*web.Server
	results resultsCache
}

// Register adds the published results to the server.
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.Handle(fiber.MethodGet, "/hasil", web.Public, h.handleResults)
	s.Handle(fiber.MethodGet, "/hasil/:key", web.Public, h.handleCampaignResults)
	s.Handle(fiber.MethodGet, "/hasil/:key/unit/:unit", web.Public, h.handleUnitResults)
	return s.AddViews(views)
}

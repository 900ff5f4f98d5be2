// Package plans serves the units' follow-up plans (rencana tindak lanjut): after a campaign
// closes, the actions a unit takes on its weakest elements, and, while the next campaign runs,
// what became of them.
package plans

import (
	"embed"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

//go:embed views
var views embed.FS

// handler serves the plan pages.
type handler struct {
	*web.Server
}

// Register adds the plan pages to the server: every reader of a unit sees its plan; only those
// who act for the unit change it.
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.Handle(fiber.MethodGet, "/rencana/:key/unit/:unit", web.UnitRead, h.handlePlan)
	s.Handle(fiber.MethodPost, "/rencana/:key/unit/:unit", web.UnitOwn, h.handlePlanSave)
	return s.AddViews(views)
}

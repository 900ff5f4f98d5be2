// Package resident serves what residents see: the open campaign's units, a unit's survey (on a
// phone or a counter tablet), its thank-you page and QR codes, the complaint form, and the
// tracking page of a complaint or suggestion. Residents never sign in: every route is public.
package resident

import (
	"embed"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

//go:embed views
var views embed.FS

// handler serves the residents' pages.
type handler struct {
	*web.Server
	targets *targetCache
	bursts  *bursts
}

// Register adds the residents' pages to the server.
func Register(s *web.Server) error {
	h := &handler{Server: s, targets: newTargetCache(s.Store), bursts: newBursts()}
	s.App().Use(h.submitLimiter())
	s.Handle(fiber.MethodGet, "/", web.Public, h.handleHome)
	s.Handle(fiber.MethodGet, "/s/sw.js", web.Public, h.handleServiceWorker)
	s.Handle(fiber.MethodGet, "/s/:unit/pengaduan", web.Public, h.handleComplaintForm)
	s.Handle(fiber.MethodPost, "/s/:unit/pengaduan", web.Public, h.handleComplaintSubmit)
	for _, prefix := range []string{"/s/:unit", "/s/:unit/kios"} {
		s.Handle(fiber.MethodGet, prefix, web.Public, h.handleSurvey)
		s.Handle(fiber.MethodPost, prefix, web.Public, h.handleSubmit)
		s.Handle(fiber.MethodGet, prefix+"/terima-kasih", web.Public, h.handleThanks)
	}
	s.Handle(fiber.MethodGet, "/qr/:unit.png", web.Public, h.handleQRPNG)
	s.Handle(fiber.MethodGet, "/qr/:unit.svg", web.Public, h.handleQRSVG)
	s.Handle(fiber.MethodGet, "/lacak", web.Public, h.handleTrackForm)
	s.Handle(fiber.MethodGet, "/lacak/:code", web.Public, h.handleTrack)
	return s.AddViews(views)
}

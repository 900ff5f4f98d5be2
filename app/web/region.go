package web

import (
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// regionCache keeps the region's settings for a short while: every page shows them, and they
// change a few times a year. Another instance's change shows within regionTTL.
type regionCache struct {
	mu     sync.Mutex
	region *survey.Region
	at     time.Time
}

const regionTTL = 30 * time.Second

// Region returns the region's settings, or the defaults when the store cannot be read (a page
// must still render to say the store is down).
func (s *Server) Region(c *fiber.Ctx) *survey.Region {
	s.regionCache.mu.Lock()
	defer s.regionCache.mu.Unlock()
	if s.regionCache.region != nil && time.Since(s.regionCache.at) < regionTTL {
		return s.regionCache.region
	}
	r, err := s.Store.Region(c.UserContext())
	if err != nil {
		d := survey.DefaultRegion()
		return &d
	}
	s.regionCache.region, s.regionCache.at = r, time.Now()
	return r
}

// RegionChanged forgets the kept settings, after this instance saved new ones: its own pages show
// them at once, other instances' within regionTTL.
func (s *Server) RegionChanged() {
	s.regionCache.mu.Lock()
	defer s.regionCache.mu.Unlock()
	s.regionCache.region = nil
}

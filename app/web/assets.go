package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/skm-engine/skm/static"
)

// handleStatic serves GET /static/*: embedded assets under content-hashed names, cached for a
// year, gzip-compressed when the client accepts it.
func (s *Server) handleStatic(c *fiber.Ctx) error {
	asset, ok := s.assets.Lookup(c.Params("*"))
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderContentType, asset.ContentType)
	if asset.Name == "js/sw.js" {
		c.Set(fiber.HeaderCacheControl, "no-cache")
	} else {
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	}
	c.Vary(fiber.HeaderAcceptEncoding)
	if asset.Gzip != nil && strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(asset.Gzip)
	}
	return c.Send(asset.Body)
}

// Asset returns an embedded asset by its name, such as "js/sw.js".
func (s *Server) Asset(name string) (*static.Asset, bool) { return s.assets.Get(name) }

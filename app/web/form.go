package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// FormText returns a form field, trimmed and copied: a value read from the request is only valid
// while the handler runs.
func FormText(c *fiber.Ctx, name string) string {
	return strings.Clone(strings.TrimSpace(c.FormValue(name)))
}

// NoStore keeps a response out of shared and browser caches: it carries a one-time key or what a
// resident wrote.
func NoStore(c *fiber.Ctx) { c.Set(fiber.HeaderCacheControl, "no-store") }

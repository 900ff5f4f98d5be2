package web

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// handleHealthz serves GET /healthz: the process is up.
func (s *Server) handleHealthz(c *fiber.Ctx) error {
	return c.SendString("ok\n")
}

// handleReadyz serves GET /readyz: the store answers, so requests can be served.
func (s *Server) handleReadyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := s.Store.Ping(ctx); err != nil {
		c.Set(fiber.HeaderRetryAfter, "5")
		return c.Status(fiber.StatusServiceUnavailable).SendString("store unreachable\n")
	}
	return c.SendString("ready\n")
}

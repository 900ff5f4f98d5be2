package web

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
)

const localRequestID = "requestid"

// requestContext gives every request an id, logs one line when it ends and counts it.
func (s *Server) requestContext(c *fiber.Ctx) error {
	start := time.Now()
	id := newRequestID()
	c.Locals(localRequestID, id)
	c.Set("X-Request-Id", id)
	err := c.Next()
	if err != nil {
		if herr := s.handleError(c, err); herr != nil {
			_ = c.SendStatus(fiber.StatusInternalServerError)
		}
	}
	s.guardRedirect(c)
	closeUnreadBody(c)
	status := c.Response().StatusCode()
	elapsed := time.Since(start)
	s.metrics.observe(c, status, elapsed)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelWarn
	}
	s.Log.LogAttrs(c.UserContext(), level, "request",
		slog.String("id", id), slog.String("client", s.ClientHash(c, "log")), slog.String("method", c.Method()), slog.String("path", c.Path()),
		slog.Int("status", status), slog.Duration("duration", elapsed), slog.Int("bytes", len(c.Response().Body())))
	return nil
}

func (s *Server) logPanic(c *fiber.Ctx, e any) {
	s.Log.Error("panic", "id", RequestID(c), "panic", fmt.Sprint(e))
}

// RequestID returns the id of the request, which logs and error pages show.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(localRequestID).(string)
	return id
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// AtoiDefault parses s, or returns def when s is empty.
func AtoiDefault(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(s)
}

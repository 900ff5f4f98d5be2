package cli

import (
	"io"
	"log/slog"

	"github.com/skm-engine/skm/app/config"
)

// newLogger returns the structured logger the configuration asks for.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// Package app is the engine's composition root: it opens the database and builds the web
// application from the kernel (app/web) and one package per feature, the same way for the skm
// command and the tests.
package app

import (
	"context"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/account"
	"github.com/skm-engine/skm/app/web/admin"
	"github.com/skm-engine/skm/app/web/api"
	"github.com/skm-engine/skm/app/web/dashboard"
	"github.com/skm-engine/skm/app/web/desk"
	"github.com/skm-engine/skm/app/web/documents"
	"github.com/skm-engine/skm/app/web/plans"
	"github.com/skm-engine/skm/app/web/resident"
	"github.com/skm-engine/skm/app/web/results"
	"github.com/skm-engine/skm/survey"
)

// Deps are what the web application works with.
type Deps = web.Deps

// Features are the engine's features, each registering its routes and pages on the kernel.
var Features = []func(*web.Server) error{
	resident.Register,
	account.Register,
	dashboard.Register,
	desk.Register,
	plans.Register,
	results.Register,
	documents.Register,
	admin.Register,
	api.Register,
}

// New builds the web application. It fails when a template or asset is broken, so a bad build
// stops at start-up rather than on a resident's phone.
func New(ctx context.Context, cfg config.Config, deps Deps) (*fiber.App, error) {
	s, err := Kernel(ctx, cfg, deps)
	if err != nil {
		return nil, err
	}
	return s.App(), nil
}

// Kernel builds the web application and returns its kernel, whose access table tests read.
func Kernel(ctx context.Context, cfg config.Config, deps Deps) (*web.Server, error) {
	s, err := web.New(ctx, cfg, deps)
	if err != nil {
		return nil, err
	}
	// The regulation's standard questionnaire is there from the first run.
	if _, err := deps.Store.EnsureQuestionnaire(ctx, survey.StandardQuestionnaire()); err != nil {
		return nil, fmt.Errorf("ensure the standard questionnaire: %w", err)
	}
	for _, register := range Features {
		if err := register(s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

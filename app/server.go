// Package app is the engine's composition root and its web: configuration, the Fiber server,
// routes, handlers, middleware, sessions and roles, views, and the skm command's subcommands.
package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/skm-engine/skm/static"
	"github.com/skm-engine/skm/survey"
)

// Deps are what the web application works with; main and the tests fill them the same way.
type Deps struct {
	Store    survey.Store
	Accounts survey.AccountStore
	Logger   *slog.Logger
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Server holds the handlers' dependencies.
type Server struct {
	cfg      Config
	store    survey.Store
	accounts survey.AccountStore
	log      *slog.Logger
	now      func() time.Time
	assets   *static.Assets
	views    *views
	metrics  *metrics
	secret   []byte // signs cookies and keys client hashes; shared by every instance

	regionCache regionCache
}

// New builds the web application. It fails when a template or asset is broken, so a bad build
// stops at start-up rather than on a resident's phone.
func New(ctx context.Context, cfg Config, deps Deps) (*fiber.App, error) {
	s := &Server{cfg: cfg, store: deps.Store, accounts: deps.Accounts, log: deps.Logger, now: deps.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	var err error
	if s.assets, err = static.Load(); err != nil {
		return nil, err
	}
	if s.views, err = loadViews(s.assets); err != nil {
		return nil, err
	}
	if s.secret, err = deps.Accounts.Secret(ctx, "cookies", 32); err != nil {
		return nil, err
	}
	s.metrics = newMetrics()

	app := fiber.New(fiber.Config{
		AppName:               "skm",
		ErrorHandler:          s.handleError,
		BodyLimit:             cfg.BodyLimit,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           90 * time.Second,
		DisableStartupMessage: true,
		StrictRouting:         false,
		// Behind a load balancer, the client is the address it reports, and only when it is one
		// of the trusted proxies.
		EnableTrustedProxyCheck: len(cfg.Proxies) > 0,
		TrustedProxies:          cfg.Proxies,
		ProxyHeader:             proxyHeader(cfg),
	})
	app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.logPanic}))
	app.Use(s.requestContext)
	app.Use(s.securityHeaders)
	app.Use(compress.New(compress.Config{Level: compress.LevelBestSpeed}))
	app.Use(s.checkCSRF)
	app.Use(s.loadSession)
	s.routes(app)
	return app, nil
}

// routes registers every route. Each route's access rule is declared where it is registered.
func (s *Server) routes(app *fiber.App) {
	app.Get("/healthz", s.handleHealthz)
	app.Get("/readyz", s.handleReadyz)
	app.Get("/metrics", s.handleMetrics)
	app.Get("/static/*", s.handleStatic)
	s.accountRoutes(app)
	s.residentRoutes(app)
	s.caseRoutes(app)
	s.dashboardRoutes(app)

	api := app.Group("/api/v1", s.requireToken)
	s.apiRoutes(api)
	s.reportRoutes(app, api)
	app.Get("/api/openapi.yaml", s.handleOpenAPI)
}

func proxyHeader(cfg Config) string {
	if len(cfg.Proxies) == 0 {
		return ""
	}
	return fiber.HeaderXForwardedFor
}

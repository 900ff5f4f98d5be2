// Package web is the engine's web kernel: the Fiber server and its middleware, the access table
// every route is registered through, the one error handler, page rendering, sessions, CSRF
// protection, API tokens and the audit log. Each feature is a package beside it that imports it
// and registers its own routes and views; no feature imports another.
package web

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/static"
	"github.com/skm-engine/skm/survey"
)

// Deps are what the web application works with; main and the tests fill them the same way.
type Deps struct {
	Store    survey.Store
	Accounts survey.AccountStore
	Logger   *slog.Logger
	// Key signs cookies and forms and keys client hashes (app.LoadKey); every instance of one
	// store has the same.
	Key []byte
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Server is the kernel the features are built on: their dependencies and the shared machinery.
type Server struct {
	Config   config.Config
	Store    survey.Store
	Accounts survey.AccountStore
	Log      *slog.Logger

	now     func() time.Time
	app     *fiber.App
	api     fiber.Router
	assets  *static.Assets
	views   *views
	metrics *metrics
	secret  []byte // signs cookies and forms and keys client hashes; shared by every instance
	proxies proxies
	routes  []Route

	regionCache regionCache
}

// New builds the kernel: the Fiber application with its middleware, the kernel's own routes
// (health, metrics, static assets) and the /api/v1 group. Features then register theirs.
func New(ctx context.Context, cfg config.Config, deps Deps) (*Server, error) {
	s := &Server{Config: cfg, Store: deps.Store, Accounts: deps.Accounts, Log: deps.Logger, now: deps.Now, proxies: newProxies(cfg.Proxies)}
	if s.now == nil {
		s.now = time.Now
	}
	if s.Log == nil {
		s.Log = slog.Default()
	}
	var err error
	if s.assets, err = static.Load(); err != nil {
		return nil, err
	}
	if s.views, err = loadLayouts(s.assets); err != nil {
		return nil, err
	}
	if len(deps.Key) < 32 {
		return nil, errors.New("the signing key is missing or shorter than 32 bytes")
	}
	s.secret = deps.Key
	s.metrics = newMetrics()

	s.app = fiber.New(fiber.Config{
		AppName:      "skm",
		ErrorHandler: s.handleError,
		// Bodies are streamed and each route reads its own (readBody), so the server never holds
		// more of a body than the route's limit, and nothing of it before the route's rule passed.
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		BodyLimit:                    FormLimit,
		ReadTimeout:                  readTimeout,
		WriteTimeout:                 60 * time.Second,
		IdleTimeout:                  90 * time.Second,
		DisableStartupMessage:        true,
		StrictRouting:                false,
		// Behind a load balancer, the scheme is the one it reports, and only when it is one of
		// the trusted proxies. The client's address is clientIP's to say.
		EnableTrustedProxyCheck: len(cfg.Proxies) > 0,
		TrustedProxies:          cfg.Proxies,
	})
	// What fasthttp could not read is logged without the request's bytes, which hold cookies.
	s.app.Server().SecureErrorLogMessage = true
	s.answerUnknownMethods()
	if cfg.ClientConns > 0 {
		s.app.Server().ConnState = newConnCap(cfg.ClientConns, s.proxies).track
	}
	s.app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.logPanic}))
	s.app.Use(s.requestContext)
	s.app.Use(s.securityHeaders)
	s.app.Use(compress.New(compress.Config{Level: compress.LevelBestSpeed}))
	s.app.Use(s.loadSession)

	s.app.Get("/healthz", markRoute("/healthz"), s.handleHealthz)
	s.app.Get("/readyz", markRoute("/readyz"), s.handleReadyz)
	s.app.Get("/metrics", markRoute("/metrics"), s.handleMetrics)
	s.app.Get("/static/*", markRoute("/static/*"), s.handleStatic)
	s.api = s.app.Group("/api/v1", s.requireToken)
	return s, nil
}

// App returns the Fiber application, to serve or to test.
func (s *Server) App() *fiber.App { return s.app }

// Now returns the current time by the server's clock.
func (s *Server) Now() time.Time { return s.now() }

// URL returns the public address of a path on this engine, as QR codes and documents print it.
func (s *Server) URL(path string) string { return s.Config.BaseURL + path }

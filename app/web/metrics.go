package web

import (
	"crypto/subtle"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the engine's Prometheus metrics, in a registry of their own so that several
// servers in one test process do not collide.
type metrics struct {
	registry    *prometheus.Registry
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	submissions *prometheus.CounterVec
	handler     fiber.Handler
}

func newMetrics() *metrics {
	m := &metrics{registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "skm_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"method", "route", "status"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "skm_http_request_duration_seconds", Help: "HTTP request duration by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"method", "route"})
	m.submissions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "skm_submissions_total", Help: "Survey submissions by channel and outcome.",
	}, []string{"channel", "outcome"})
	m.registry.MustRegister(m.requests, m.duration, m.submissions,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.handler = adaptor.HTTPHandler(promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}))
	return m
}

// observe counts a request. Prometheus keeps its label values for good, so each is a string the
// engine owns: a method from knownMethods, a route as registered (markRoute), never a value Fiber
// lends from the request's buffer, which the next request overwrites.
func (m *metrics) observe(c *fiber.Ctx, status int, d time.Duration) {
	method := methodLabel[c.Method()]
	route, ok := c.Locals(localRoute).(string)
	if !ok {
		route = "unmatched"
	}
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(d.Seconds())
}

// methodLabel gives each method the router serves as a string of the engine's own.
var methodLabel = func() map[string]string {
	m := map[string]string{}
	for _, method := range fiber.DefaultMethods {
		m[method] = method
	}
	return m
}()

const localRoute = "route"

// markRoute records which route serves the request, as registered, for the metrics.
func markRoute(path string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Locals(localRoute, path)
		return c.Next()
	}
}

// handleMetrics serves GET /metrics in the Prometheus text format to a scraper that presents
// SKM_METRICS_TOKEN as its bearer token; without a token configured the metrics are not served.
// They show how the engine is used and abused, which is no visitor's business.
func (s *Server) handleMetrics(c *fiber.Ctx) error {
	if s.Config.MetricsToken == "" {
		return fiber.ErrNotFound
	}
	sent, _ := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(sent), []byte(s.Config.MetricsToken)) != 1 {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="skm-metrics"`)
		return fiber.ErrUnauthorized
	}
	return s.metrics.handler(c)
}

// CountSubmission counts a survey submission by its channel and outcome.
func (s *Server) CountSubmission(channel, outcome string) {
	s.metrics.submissions.WithLabelValues(channel, outcome).Inc()
}

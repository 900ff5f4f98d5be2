package web

import (
	"strconv"
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

func (m *metrics) observe(method, route string, status int, d time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(d.Seconds())
}

// handleMetrics serves GET /metrics in the Prometheus text format.
func (s *Server) handleMetrics(c *fiber.Ctx) error {
	return s.metrics.handler(c)
}

// CountSubmission counts a survey submission by its channel and outcome.
func (s *Server) CountSubmission(channel, outcome string) {
	s.metrics.submissions.WithLabelValues(channel, outcome).Inc()
}

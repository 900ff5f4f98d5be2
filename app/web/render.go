package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"path"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/static"
	"github.com/skm-engine/skm/survey"
)

//go:embed views
var kernelViews embed.FS

// views are the parsed page templates. Each page is parsed with the layouts and partials, so a
// page defines its blocks and picks its layout; features add their pages with AddViews.
type views struct {
	funcs   template.FuncMap
	layouts []string // the layouts' sources, parsed into every page
	pages   map[string]*template.Template
}

func loadLayouts(assets *static.Assets) (*views, error) {
	v := &views{funcs: templateFuncs(assets), pages: map[string]*template.Template{}}
	files, err := fs.Glob(kernelViews, "views/layout/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := fs.ReadFile(kernelViews, f)
		if err != nil {
			return nil, err
		}
		v.layouts = append(v.layouts, string(b))
	}
	if err := v.add(kernelViews); err != nil {
		return nil, err
	}
	return v, nil
}

// AddViews parses a feature's pages, the files views/*.html of fsys. A broken template or a page
// name another feature took fails here, so a bad build stops at start-up rather than on a
// resident's phone.
func (s *Server) AddViews(fsys fs.FS) error { return s.views.add(fsys) }

func (v *views) add(fsys fs.FS) error {
	pages, err := fs.Glob(fsys, "views/*.html")
	if err != nil {
		return err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if _, dup := v.pages[name]; dup {
			return fmt.Errorf("view %s is defined twice", name)
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		t := template.New(name).Funcs(v.funcs)
		for _, l := range append([]string{string(src)}, v.layouts...) {
			if t, err = t.Parse(l); err != nil {
				return fmt.Errorf("parse view %s: %w", name, err)
			}
		}
		v.pages[name] = t
	}
	return nil
}

// Render writes the page with the data, as HTML with the given status.
func (s *Server) Render(c *fiber.Ctx, status int, page string, data any) error {
	t, ok := s.views.pages[page]
	if !ok {
		return fmt.Errorf("no view %q", page)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(buf.Bytes())
}

// RenderTo writes the page with the data to buf: for pages a feature caches.
func (s *Server) RenderTo(buf *bytes.Buffer, page string, data any) error {
	t, ok := s.views.pages[page]
	if !ok {
		return fmt.Errorf("no view %q", page)
	}
	if err := t.Execute(buf, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	return nil
}

// errorPage is the data of the error page.
type errorPage struct {
	Page
	Status  int
	Code    string
	Message string
	Details []string
	// Lead says in the page's language what happened and what to do; Message is the engine's own
	// wording of the cause.
	Lead string
}

// errorLeads are the error page's opening sentences by status.
var errorLeads = map[int]string{
	400: "error.400", 401: "error.401", 403: "error.403", 404: "error.404", 408: "error.408", 409: "error.409",
	413: "error.413", 415: "error.415", 429: "error.429", 431: "error.431", 500: "error.500", 503: "error.503",
}

func (s *Server) renderError(c *fiber.Ctx, status int, err error, msg string, details []string) error {
	p := errorPage{Page: s.Page(c, ""), Status: status, Code: survey.ErrorCode(err), Message: msg, Details: details}
	p.Title = p.T("error.title")
	if survey.ErrorMessage(err).Key == errCSRF.Key {
		p.Lead = p.T("error.csrf")
	} else if lead, ok := errorLeads[status]; ok {
		p.Lead = p.T(lead)
	}
	return s.Render(c, status, "error", p)
}

func templateFuncs(assets *static.Assets) template.FuncMap {
	return template.FuncMap{
		"asset":   assets.URL,
		"sprintf": fmt.Sprintf,
		"roles":   func() []survey.Role { return survey.Roles },
		"has":     hasString,
		// Addresses of other features' pages, written once in package link.
		"unitReportPath":   link.UnitReport,
		"regionReportPath": link.RegionReport,
		"posterPath":       link.Poster,
		"qrPath":           link.QR,
		"resultsPath":      link.Results,
		"unitResultsPath":  link.UnitResults,
		"logoPath":         link.Logo,
	}
}

func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Lines splits a resident's or a unit's free text into its non-blank lines, which pages show as
// paragraphs.
func Lines(text string) []string {
	var out []string
	for _, ln := range strings.Split(text, "\n") {
		if ln = strings.TrimSpace(ln); ln != "" {
			out = append(out, ln)
		}
	}
	return out
}

// NewRenderer returns a kernel that renders pages and nothing else: no store, no routes. The
// features' benchmarks use it to measure building and rendering a page apart from the store.
func NewRenderer() (*Server, error) {
	s := &Server{now: time.Now, Log: slog.Default()}
	var err error
	if s.assets, err = static.Load(); err != nil {
		return nil, err
	}
	s.views, err = loadLayouts(s.assets)
	return s, err
}

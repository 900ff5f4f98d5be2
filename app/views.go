package app

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/static"
)

//go:embed views
var viewFiles embed.FS

// views are the parsed page templates: each page is parsed with the layouts and partials, so a
// page defines its blocks and picks its layout.
type views struct {
	pages map[string]*template.Template
}

func loadViews(assets *static.Assets) (*views, error) {
	funcs := templateFuncs(assets)
	shared, err := fs.Glob(viewFiles, "views/layout/*.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(viewFiles, "views/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(viewFiles, append([]string{p}, shared...)...)
		if err != nil {
			return nil, fmt.Errorf("parse view %s: %w", name, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// render writes the page with the data, as HTML with the given status.
func (s *Server) render(c *fiber.Ctx, status int, page string, data any) error {
	t, ok := s.views.pages[page]
	if !ok {
		return fmt.Errorf("no view %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, page+".html", data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(buf.Bytes())
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

func (s *Server) renderError(c *fiber.Ctx, status int, code, msg string, details []string) error {
	p := errorPage{Page: s.page(c, ""), Status: status, Code: code, Message: msg, Details: details}
	p.Title = p.T("error.title")
	lead := fmt.Sprintf("error.%d", status)
	if msg == i18n.For(c.Query("lang"), nil).Error(errCSRF) || msg == i18n.For(i18n.EN, nil).Error(errCSRF) {
		lead = "error.csrf"
	}
	if i18n.Has(lead) {
		p.Lead = p.T(lead)
	}
	return s.render(c, status, "error", p)
}

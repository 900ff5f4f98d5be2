package app

import (
	"fmt"
	"html/template"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/static"
	"github.com/skm-engine/skm/survey"
)

// langCookie remembers the language a visitor chose.
const langCookie = "lang"

// language returns the visitor's language: ?lang= (remembered in a cookie), the cookie, or
// Indonesian.
func language(c *fiber.Ctx) string {
	switch q := c.Query("lang"); q {
	case survey.LangID, survey.LangEN:
		c.Cookie(&fiber.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: "Lax", HTTPOnly: true})
		return q
	}
	if c.Cookies(langCookie) == survey.LangEN {
		return survey.LangEN
	}
	return survey.LangID
}

// Page is what every page template receives: the language and its translator, the request, who
// is signed in, the CSRF token every form must carry, and the region.
type Page struct {
	i18n.Printer
	Lang      string
	Title     string
	RequestID string
	Path      string
	// OtherLang is the language the switch offers.
	OtherLang string
	// User is the signed-in person, nil for a resident.
	User *survey.Principal
	// CSRF goes into every form as the hidden field _csrf (and into scripts' X-CSRF-Token header).
	CSRF   string
	Region *survey.Region
}

func (s *Server) page(c *fiber.Ctx, title string) Page {
	lang := language(c)
	other := survey.LangEN
	if lang == survey.LangEN {
		other = survey.LangID
	}
	region := s.region(c)
	return Page{Printer: i18n.For(lang, region.Location()), Lang: lang, Title: title, RequestID: requestID(c), Path: c.Path(), OtherLang: other,
		User: principal(c), CSRF: s.csrfToken(c), Region: region}
}

func templateFuncs(assets *static.Assets) template.FuncMap {
	return template.FuncMap{
		"asset":        assets.URL,
		"sprintf":      fmt.Sprintf,
		"roles":        func() []survey.Role { return survey.Roles },
		"has":          slices.Contains[[]string],
		"auditActions": func() []string { return auditActions },
	}
}

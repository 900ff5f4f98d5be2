package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
)

// langCookie remembers the language a visitor chose.
const langCookie = "lang"

// Language returns the visitor's language: ?lang= (remembered in a cookie), the cookie, or
// Indonesian. The JSON API speaks English to programs unless a request asks for Indonesian
// (Accept-Language: id).
func Language(c *fiber.Ctx) string {
	if strings.HasPrefix(c.Path(), "/api/") {
		if strings.HasPrefix(strings.ToLower(c.Get(fiber.HeaderAcceptLanguage)), survey.LangID) {
			return survey.LangID
		}
		return survey.LangEN
	}
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

// Page is what every page template receives: the printer of the visitor's language in the
// region's time zone, the request, who is signed in, the CSRF token every form must carry, and
// the region.
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

// Page returns what every page of the request shows.
func (s *Server) Page(c *fiber.Ctx, title string) Page {
	lang := Language(c)
	other := survey.LangEN
	if lang == survey.LangEN {
		other = survey.LangID
	}
	region := s.Region(c)
	return Page{Printer: i18n.For(lang, region.Location()), Lang: lang, Title: title, RequestID: RequestID(c), Path: c.Path(),
		OtherLang: other, User: Principal(c), CSRF: s.csrfToken(c), Region: region}
}

// Printer returns the printer of the visitor's language in the region's time zone, for words
// that are not on a page: a JSON message, a file's name.
func (s *Server) Printer(c *fiber.Ctx) i18n.Printer {
	return i18n.For(Language(c), s.Region(c).Location())
}

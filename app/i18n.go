package app

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/static"
	"github.com/skm-engine/skm/survey"
)

// messages is the interface text in Indonesian and English, by key.
var messages = map[string]survey.Text{
	"app.name":      {ID: "Survei Kepuasan Masyarakat", EN: "Public Satisfaction Survey"},
	"error.title":   {ID: "Terjadi kendala", EN: "Something went wrong"},
	"error.home":    {ID: "Kembali ke beranda", EN: "Back to the home page"},
	"error.request": {ID: "Kode permintaan", EN: "Request code"},
	"lang.switch":   {ID: "English", EN: "Bahasa Indonesia"},
}

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

// Page is what every page template receives: the language, the translator and the request.
type Page struct {
	Lang      string
	Title     string
	RequestID string
	Path      string
	// OtherLang is the language the switch offers.
	OtherLang string
}

func (s *Server) page(c *fiber.Ctx, title string) Page {
	lang := language(c)
	other := survey.LangEN
	if lang == survey.LangEN {
		other = survey.LangID
	}
	return Page{Lang: lang, Title: title, RequestID: requestID(c), Path: c.Path(), OtherLang: other}
}

// T returns the message with the key in the page's language.
func (p Page) T(key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	return m.In(p.Lang)
}

// In returns the wording in the page's language.
func (p Page) In(t survey.Text) string { return t.In(p.Lang) }

func templateFuncs(assets *static.Assets) template.FuncMap {
	return template.FuncMap{
		"asset": assets.URL,
	}
}

package app

import (
	"fmt"
	"html/template"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/static"
	"github.com/skm-engine/skm/survey"
)

// messages is the interface text in Indonesian and English, by key. Each feature keeps its own
// messages beside its handlers and adds them with addMessages.
var messages = map[string]survey.Text{}

// addMessages adds a feature's messages; a key defined twice is a programming error.
func addMessages(m map[string]survey.Text) {
	for k, v := range m {
		if _, dup := messages[k]; dup {
			panic("app: message " + k + " defined twice")
		}
		messages[k] = v
	}
}

func init() {
	addMessages(map[string]survey.Text{
		"app.name":      {ID: "Survei Kepuasan Masyarakat", EN: "Public Satisfaction Survey"},
		"error.title":   {ID: "Terjadi kendala", EN: "Something went wrong"},
		"error.home":    {ID: "Kembali ke beranda", EN: "Back to the home page"},
		"error.request": {ID: "Kode permintaan", EN: "Request code"},
		"error.400":     {ID: "Isian tidak dapat diterima. Periksa kembali lalu coba lagi.", EN: "The input cannot be accepted. Check it and try again."},
		"error.401":     {ID: "Silakan masuk terlebih dahulu.", EN: "Please sign in first."},
		"error.403":     {ID: "Anda tidak berhak membuka atau mengubah ini.", EN: "You may not see or change this."},
		"error.404":     {ID: "Halaman atau data yang dicari tidak ada.", EN: "The page or record does not exist."},
		"error.409":     {ID: "Permintaan ini bertentangan dengan keadaan saat ini. Muat ulang halaman lalu coba lagi.", EN: "This clashes with the current state. Reload the page and try again."},
		"error.413":     {ID: "Berkas atau isian terlalu besar.", EN: "The file or input is too large."},
		"error.415":     {ID: "Jenis isian tidak dikenali.", EN: "The kind of input is not recognised."},
		"error.429":     {ID: "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.", EN: "Too many requests. Wait a moment and try again."},
		"error.500":     {ID: "Terjadi kesalahan pada sistem. Petugas dapat melacaknya dengan kode permintaan di bawah.", EN: "Something failed in the system. Staff can trace it with the request code below."},
		"error.503":     {ID: "Sistem sedang tidak dapat menyimpan data. Coba lagi beberapa saat lagi; tidak ada yang hilang.", EN: "The system cannot store data right now. Try again shortly; nothing was lost."},
		"error.csrf":    {ID: "Formulir ini sudah kedaluwarsa. Muat ulang halaman lalu kirim lagi.", EN: "This form has expired. Reload the page and send it again."},
		"lang.switch":   {ID: "English", EN: "Bahasa Indonesia"},
		"nav.skip":      {ID: "Langsung ke isi", EN: "Skip to content"},
		"nav.label":     {ID: "Menu utama", EN: "Main menu"},
		"nav.dashboard": {ID: "Dasbor", EN: "Dashboard"},
		"nav.admin":     {ID: "Administrasi", EN: "Administration"},
		"nav.cases":     {ID: "Pengaduan", EN: "Complaints"},
		"nav.signin":    {ID: "Masuk", EN: "Sign in"},
		"nav.signout":   {ID: "Keluar", EN: "Sign out"},
		"demo.banner":   {ID: "Data contoh: jawaban di sini dibuat untuk demonstrasi, bukan hasil survei sungguhan.", EN: "Demo data: the answers here are invented for demonstration, not real survey results."},
	})
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

// Page is what every page template receives: the language and its translator, the request, who
// is signed in, the CSRF token every form must carry, and the region.
type Page struct {
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
	return Page{Lang: lang, Title: title, RequestID: requestID(c), Path: c.Path(), OtherLang: other,
		User: principal(c), CSRF: s.csrfToken(c), Region: s.region(c)}
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
		"asset":        assets.URL,
		"sprintf":      fmt.Sprintf,
		"roles":        func() []survey.Role { return survey.Roles },
		"has":          slices.Contains[[]string],
		"auditActions": func() []string { return auditActions },
	}
}

package desk_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/skm-engine/skm/survey"
)

// TestDeskOnAPhone opens the desk's pages on a 360×740 phone in both languages as the unit head
// and as an administrator, four and a half hours into a busy day: no page is wider than the screen, every
// control can be tapped, axe-core finds no serious violation, the list shows one page of cases
// as cards and no tracking code; then each types a code a resident read out and lands on its case.
func TestDeskOnAPhone(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	code := workingDay(e)
	id := e.FindCase(code).ID
	e.Now = e.Now.Add(4*time.Hour + 30*time.Minute)
	p := apptest.NewPhoneOn(t, e)
	for _, who := range []struct {
		name  string
		role  survey.Role
		units []string
		paths []string
	}{
		{"kepala", survey.RoleUnitHead, []string{"dpmptsp"}, []string{"/pengaduan", "/pengaduan?status=all&hal=2", "/pengaduan?jenis=praise", link.Case(id)}},
		{"admin", survey.RoleAdmin, nil, []string{"/pengaduan", "/pengaduan?tenggat=overdue", link.Case(id), "/admin/pengaduan"}},
	} {
		p.SignOut()
		p.SignInAs(who.name, who.role, who.units...)
		for _, path := range who.paths {
			for _, lang := range []string{"id", "en"} {
				name := who.name + " " + path + " " + lang
				p.OpenPage(withLang(path, lang))
				p.FitsScreen(name)
				p.Axe(name)
				p.Shot(name)
				if n := apptest.Eval[int](p, `document.querySelectorAll('#cases tbody tr').length`); n > 25 {
					t.Errorf("%s lists %d cases, more than a page", name, n)
				}
				if tables := apptest.Eval[int](p, `[...document.querySelectorAll('#cases tbody tr')].filter(tr => getComputedStyle(tr).display == 'table-row').length`); tables > 0 {
					t.Errorf("%s shows %d cases as table rows, not cards", name, tables)
				}
				if strings.Contains(apptest.Eval[string](p, `document.body.innerText`), code) {
					t.Errorf("%s shows the resident's tracking code", name)
				}
			}
		}
		p.OpenPage("/pengaduan")
		p.Do(chromedp.SendKeys(chromedp.ID("cari"), strings.ToLower(code)), chromedp.Submit(chromedp.ID("cari")))
		p.Wait(who.name+" finds the case by its code", `location.pathname == '`+link.Case(id)+`'`)
	}
}

// withLang adds the language to a path's query.
func withLang(path, lang string) string {
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}

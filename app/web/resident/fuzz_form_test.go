package resident_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/survey"
)

// FuzzSurveyForm posts arbitrary form bodies to a unit's survey, with a valid CSRF token so they
// reach the handler: the answer is never a server error, and a response is stored only when the
// resident is sent to the thank-you page.
//
//	go test -run x -fuzz FuzzSurveyForm -fuzztime 2m ./app/
func FuzzSurveyForm(f *testing.F) {
	for _, seed := range []string{
		"key=AAAAAAAAAAAAAAAAAAAAAA&U1=4&U2=3&U3=2&U4=4&U5=3&U6=3&U7=4&U8=2&U9=3&service=izin-usaha",
		"key=AAAAAAAAAAAAAAAAAAAAAB&U1=9&U10=4&gender=X&age=-1",
		"key=short&U1=%00&suggestion=%3Cscript%3E", "U1=4&U1=3&key=AAAAAAAAAAAAAAAAAAAAAC", "website=bot", "t=garbage&age=99999999999999999999",
		"", "%zz", "key=" + strings.Repeat("A", 5000),
	} {
		f.Add(seed)
	}
	e := apptest.New(f)
	e.Seed()
	f.Fuzz(func(t *testing.T, body string) {
		e.T = t
		b := e.Browser()
		b.Get("/s/dpmptsp")
		before := respondents(t, e)
		req := httptest.NewRequest(http.MethodPost, "/s/dpmptsp", strings.NewReader(web.CSRFField+"="+url.QueryEscape(b.CSRF)+"&"+body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, _ := b.Send(req)
		if resp.StatusCode >= 500 {
			t.Fatalf("body %q: status %d", body, resp.StatusCode)
		}
		if after := respondents(t, e); after != before && resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("body %q: status %d but the respondents went from %d to %d", body, resp.StatusCode, before, after)
		}
	})
}

func respondents(t *testing.T, e *apptest.Env) int64 {
	tally, err := e.Store.Tally(context.Background(), "2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	return tally.Unit("dpmptsp").Total().All.Respondents
}

// FuzzQueryParameters sends arbitrary query strings and path parameters to the pages that read
// them, signed in as an administrator: a bad value is a 4xx with a message, never a server error.
//
//	go test -run x -fuzz FuzzQueryParameters -fuzztime 2m ./app/
func FuzzQueryParameters(f *testing.F) {
	for _, seed := range []string{"kampanye=2026-S2&layanan=pbg", "kampanye=2026-S9", "layanan=%00", "since=2026-13-45&until=x",
		"lang=xx", "kode=k7qx2m4p9t", "unit=../../etc", "after=%ff&limit=-5", "ext=pdf"} {
		f.Add(seed, "x")
	}
	e := apptest.New(f)
	e.Seed()
	admin := e.SignedIn("admin", survey.RoleAdmin)
	token := e.Token(survey.RoleAdmin)
	f.Fuzz(func(t *testing.T, query, segment string) {
		e.T = t
		seg := url.PathEscape(segment)
		for _, path := range []string{
			"/dasbor/unit/dpmptsp?" + query, "/dasbor?" + query, "/admin/audit?" + query, "/pengaduan?" + query,
			"/lacak/" + seg, "/ekspor/2026-S2/unit/dpmptsp/" + seg + ".csv", "/rencana/" + seg + "/unit/dpmptsp",
			"/laporan/2026-S2/unit/" + seg + ".pdf", "/hasil/" + seg + "?" + query, "/s/" + seg + "?" + query,
		} {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL, _ = url.Parse(path)
			if req.URL == nil {
				continue
			}
			req.RequestURI = req.URL.RequestURI()
			if resp, _ := admin.Send(req); resp.StatusCode >= 500 {
				t.Fatalf("GET %s: status %d", path, resp.StatusCode)
			}
		}
		if resp, _ := e.API(http.MethodGet, "/api/v1/campaigns/2026-S2/units/dpmptsp/responses?"+query, token, ""); resp.StatusCode >= 500 {
			t.Fatalf("API query %q: status %d", query, resp.StatusCode)
		}
	})
}

package resident_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey/mongo"

	"github.com/skm-engine/skm/app/web/resident"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

func TestSurveyFormStructure(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	resp, body := e.Browser().Get("/s/dpmptsp")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store: the page carries a one-time key", cc)
	}
	d := apptest.Doc(t, body)
	if lang := d.Find("html").AttrOr("lang", ""); lang != "id" {
		t.Errorf("html lang %q, want id by default", lang)
	}
	form := d.Find("form#survey")
	if form.AttrOr("method", "") != "post" || form.AttrOr("action", "") != "/s/dpmptsp" {
		t.Errorf("form method/action %q %q", form.AttrOr("method", ""), form.AttrOr("action", ""))
	}
	for _, name := range []string{"_csrf", "key", "t"} {
		if v := form.Find(`input[type=hidden][name=`+name+`]`).AttrOr("value", ""); v == "" {
			t.Errorf("hidden field %s missing", name)
		}
	}
	if key := form.Find(`input[name=key]`).AttrOr("value", ""); !survey.ValidKey(key) {
		t.Errorf("submission key %q is not valid", key)
	}
	text := d.Find("main").Text()
	for _, want := range []string{"Bagian Organisasi Sekretariat Daerah", "anonim", "Dinas Penanaman Modal dan PTSP"} {
		if !strings.Contains(text, want) {
			t.Errorf("page does not say %q", want)
		}
	}
	if hp := form.Find(`.hp[aria-hidden=true] input[name=website][tabindex="-1"]`); hp.Length() != 1 {
		t.Error("honeypot field missing or reachable")
	}

	// Every visible control has a label: a wrapping label or one naming its id.
	form.Find("input:not([type=hidden]), select, textarea").Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("id", "")
		if s.ParentsFiltered("label").Length() == 0 && d.Find(`label[for="`+id+`"]`).Length() == 0 {
			t.Errorf("control %s (%s) has no label", id, s.AttrOr("name", ""))
		}
	})

	// The service is picked from the unit's services.
	var services []string
	form.Find(`#service option[value!=""]`).Each(func(_ int, s *goquery.Selection) { services = append(services, s.AttrOr("value", "")) })
	if !slices.Equal(services, []string{"izin-usaha", "pbg"}) {
		t.Errorf("services %v", services)
	}
	// The profile of docs/METHOD.md.
	for sel, n := range map[string]int{`input[name=gender]`: 2, `#education option[value!=""]`: 7, `#occupation option[value!=""]`: 6, `input[name=age][type=number]`: 1} {
		if got := form.Find(sel).Length(); got != n {
			t.Errorf("%s: %d controls, want %d", sel, got, n)
		}
	}

	// Nine questions in the version's order, each a fieldset with a legend and its own four
	// answer words, scored 1 to 4 from first to last.
	questions := form.Find("fieldset.q")
	if questions.Length() != 9 {
		t.Fatalf("%d questions, want 9", questions.Length())
	}
	questions.Each(func(i int, fs *goquery.Selection) {
		want := survey.StandardQuestions[i]
		if id := fs.AttrOr("id", ""); id != "q-"+want.Element {
			t.Errorf("question %d is %s, want %s (the version's order)", i+1, id, want.Element)
		}
		if legend := fs.Find("legend").Text(); !strings.Contains(legend, want.Text.ID) {
			t.Errorf("question %d legend %q lacks %q", i+1, legend, want.Text.ID)
		}
		fs.Find("label.opt").Each(func(j int, l *goquery.Selection) {
			in := l.Find("input[type=radio]")
			if in.AttrOr("name", "") != want.Element || in.AttrOr("value", "") != fmt.Sprint(j+1) {
				t.Errorf("%s answer %d: name %q value %q", want.Element, j+1, in.AttrOr("name", ""), in.AttrOr("value", ""))
			}
			if _, req := in.Attr("required"); !req {
				t.Errorf("%s answer %d not required", want.Element, j+1)
			}
			if got := strings.TrimSpace(l.Text()); got != want.Answers[j].ID {
				t.Errorf("%s answer %d reads %q, want %q", want.Element, j+1, got, want.Answers[j].ID)
			}
		})
	})
	if d.Find(`textarea[name=suggestion][maxlength="2000"]`).Length() != 1 {
		t.Error("suggestion text area missing")
	}
	if d.Find(`a[href="?lang=en"][lang=en]`).Length() != 1 {
		t.Error("visible switch to English missing")
	}
	if strings.Contains(body, "style=") || strings.Contains(body, "<script>") {
		t.Error("inline style or script: the CSP forbids them")
	}
}

// The empty form is rendered once per unit and language; each request gets its own key, its own
// render time and its browser's CSRF token.
func TestSurveyFormValuesPerRequest(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	b := e.Browser()
	_, first := b.Get("/s/dpmptsp")
	e.Now = e.Now.Add(time.Minute)
	_, second := b.Get("/s/dpmptsp")
	_, other := e.Browser().Get("/s/dpmptsp")
	value := func(body, name string) string {
		return apptest.Doc(t, body).Find(`input[name=`+name+`]`).AttrOr("value", "")
	}
	for _, body := range []string{first, second, other} {
		if strings.Contains(body, "__skm_") {
			t.Fatal("a placeholder was left in the page")
		}
	}
	if value(first, "key") == value(second, "key") || value(second, "key") == value(other, "key") {
		t.Error("two page views share a submission key")
	}
	if value(first, web.CSRFField) != value(second, web.CSRFField) || value(first, web.CSRFField) == value(other, web.CSRFField) {
		t.Error("the CSRF token is not the browser's own")
	}
	if value(first, "t") == value(second, "t") {
		t.Error("the render time did not change")
	}
	if strings.Replace(first, value(first, "key"), "", 1) == strings.Replace(second, value(second, "key"), "", 1) {
		t.Error("the pages differ in nothing but the key: the render time is missing")
	}
}

func TestSurveyLanguageSwitchIsRemembered(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp?lang=en")
	d := apptest.Doc(t, body)
	if d.Find("html").AttrOr("lang", "") != "en" {
		t.Fatal("?lang=en did not switch to English")
	}
	if got := strings.TrimSpace(d.Find("#q-U4 label.opt").Last().Text()); got != "Free" {
		t.Errorf("U4's fourth answer in English %q, want Free", got)
	}
	if got := d.Find(`a[lang=id]`).Text(); got != "Bahasa Indonesia" {
		t.Errorf("switch back reads %q", got)
	}
	_, body = b.Get("/s/dpmptsp")
	if apptest.Doc(t, body).Find("html").AttrOr("lang", "") != "en" {
		t.Error("English not remembered on the next visit")
	}
}

func TestSurveySubmitStoresResponse(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	f := apptest.Filled(t, body)
	f.Set("kind", survey.KindComplaint)
	e.Now = e.Now.Add(3 * time.Minute)
	resp, _ := b.Post("/s/dpmptsp", f)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/s/dpmptsp/terima-kasih" {
		t.Fatalf("status %d location %q, want 303 to the thank-you page", resp.StatusCode, resp.Header.Get("Location"))
	}
	rs := e.Responses(c.Key)
	if len(rs) != 1 {
		t.Fatalf("%d responses stored, want 1", len(rs))
	}
	r := rs[0]
	if r.Key != f.Get("key") || r.Channel != survey.ChannelWeb || r.Questionnaire != c.Questionnaire || r.Unit != "dpmptsp" || r.Service != "izin-usaha" {
		t.Errorf("response %+v", r)
	}
	// Answers are keyed by element: the form asks U9 eighth and U8 ninth.
	want := survey.Answers{3, 4, 2, 4, 3, 3, 4, 3, 2}
	if r.Answers != want {
		t.Errorf("answers %v, want %v", r.Answers, want)
	}
	if r.Profile != (survey.Profile{Gender: "P", Age: 34, Education: "S1", Occupation: "Wirausaha"}) {
		t.Errorf("profile %+v", r.Profile)
	}
	if r.Day != "2026-08-17" || r.Suggestion != "Antrean pagi panjang." || r.CaseKind != survey.KindComplaint || len(r.Flags) != 0 {
		t.Errorf("day %q message %q (%s) flags %v", r.Day, r.Suggestion, r.CaseKind, r.Flags)
	}
	// The complaint opened a case, due by the region's rule; its code is shown once, on the
	// thank-you page, and leads to its tracking page.
	if survey.NormalizeCaseCode(r.CaseCode) != r.CaseCode || r.CaseCode == "" || !r.CaseDue.Equal(r.SubmittedAt.Add(4*time.Hour)) {
		t.Errorf("case of the complaint: %q due %v", r.CaseCode, r.CaseDue)
	}
	resp, body = b.Get("/s/dpmptsp/terima-kasih")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Terima kasih") {
		t.Errorf("thank-you page: %d", resp.StatusCode)
	}
	if got := apptest.Doc(t, body).Find(".case-code .code").Text(); got != r.CaseCode {
		t.Errorf("thank-you page shows case code %q, want %q", got, r.CaseCode)
	}
	if resp, body := b.Get("/lacak/" + r.CaseCode); resp.StatusCode != http.StatusOK || !strings.Contains(body, r.CaseCode) {
		t.Errorf("tracking page of the code: %d", resp.StatusCode)
	}
	if _, body := b.Get("/s/dpmptsp/terima-kasih"); strings.Contains(body, r.CaseCode) {
		t.Error("the code is shown again on a later visit")
	}
}

// TestSurveyMessageKinds: the form asks what the resident's message is, a suggestion unless
// they choose otherwise; only a complaint gets a tracking code and a due time, and only its
// thank-you page shows a code. A message without text keeps no kind, and a form from before the
// choice existed sends a suggestion.
func TestSurveyMessageKinds(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	_, body := e.Browser().Get("/s/dpmptsp")
	d := apptest.Doc(t, body)
	if kinds := d.Find(`fieldset.kinds input[name=kind]`); kinds.Length() != 3 || d.Find(`#kind-suggestion`).AttrOr("checked", "no") == "no" ||
		!strings.Contains(d.Find(`fieldset.kinds`).Text(), "unit wajib menjawab dalam 4 jam") {
		t.Fatalf("the kinds offered: %q", d.Find("fieldset.kinds").Text())
	}
	for i, send := range []struct{ kind, text, want string }{
		{survey.KindSuggestion, "Tambah kursi.", survey.KindSuggestion},
		{survey.KindPraise, "Petugas ramah dan membantu, terima kasih.", survey.KindPraise},
		{survey.KindComplaint, "Berkas saya hilang di loket.", survey.KindComplaint},
		{"", "Dari formulir lama.", survey.KindSuggestion},
		{survey.KindComplaint, "", ""},
	} {
		b := e.Browser()
		_, page := b.Get("/s/dpmptsp")
		f := apptest.Filled(t, page)
		f.Set("suggestion", send.text)
		if send.kind != "" {
			f.Set("kind", send.kind)
		}
		e.Now = e.Now.Add(3 * time.Minute)
		if resp, _ := b.Post("/s/dpmptsp", f); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%d: %d", i, resp.StatusCode)
		}
		_, thanks := b.Get("/s/dpmptsp/terima-kasih")
		shown := apptest.Doc(t, thanks).Find(".case-code .code").Text()
		rs := e.Responses(c.Key)
		var r *survey.Response
		for _, x := range rs {
			if x.Key == f.Get("key") {
				r = x
			}
		}
		if r.CaseKind != send.want || (r.CaseCode != "") != (send.want == survey.KindComplaint) || shown != r.CaseCode {
			t.Errorf("%d (%s): kind %q code %q shown %q", i, send.kind, r.CaseKind, r.CaseCode, shown)
		}
	}
	b := e.Browser()
	_, page := b.Get("/s/dpmptsp")
	f := apptest.Filled(t, page)
	f.Set("kind", "keluhan")
	if resp, again := b.Post("/s/dpmptsp", f); resp.StatusCode != http.StatusBadRequest || !strings.Contains(again, "Pilih jenis pesan Anda") {
		t.Errorf("an unknown kind: %d", resp.StatusCode)
	}
}

func TestSurveyDayIsInRegionTimeZone(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	e.Now = time.Date(2026, 8, 17, 20, 30, 0, 0, time.UTC) // 03:30 on the 18th in Jakarta
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	b.Post("/s/dpmptsp", apptest.Filled(t, body))
	if rs := e.Responses(c.Key); len(rs) != 1 || rs[0].Day != "2026-08-18" {
		t.Fatalf("responses %v: want one on 2026-08-18", rs)
	}
}

func TestSurveyQualityFlags(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	b.Post("/s/dpmptsp", apptest.Filled(t, body, "4")) // at once, and the same answer everywhere
	rs := e.Responses(c.Key)
	if len(rs) != 1 {
		t.Fatalf("%d responses, want the flagged one kept", len(rs))
	}
	if !slices.Equal(rs[0].Flags, []string{survey.FlagTooFast, survey.FlagStraightLined}) {
		t.Errorf("flags %v, want too fast and straight-lined", rs[0].Flags)
	}

	// A forged render time does not make a response look plausible.
	b2 := e.Browser()
	_, body = b2.Get("/s/rsud-blambangan")
	f := apptest.Filled(t, body)
	f.Set("t", "1000.forged")
	e.Now = e.Now.Add(time.Hour)
	b2.Post("/s/rsud-blambangan", f)
	r, err := e.Store.Response(context.Background(), f.Get("key"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Flags, []string{survey.FlagTooFast}) {
		t.Errorf("forged stamp: flags %v, want too fast", r.Flags)
	}
}

func TestSurveyErrorsKeepInput(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	f := apptest.Filled(t, body)
	f.Del("U3")
	f.Set("age", "7")
	f.Set("suggestion", "Tolong <b>perbaiki</b> ruang tunggu")
	resp, body := b.Post("/s/dpmptsp", f)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", resp.StatusCode)
	}
	d := apptest.Doc(t, body)
	summary := d.Find("#errors")
	if summary.Length() != 1 || summary.Find(`a[href="#U3-1"]`).Length() != 1 || summary.Find(`a[href="#age"]`).Length() != 1 {
		t.Fatalf("error summary does not link the unanswered question and the age: %q", summary.Text())
	}
	if !strings.Contains(summary.Text(), "Pertanyaan 3 belum dijawab") {
		t.Errorf("summary %q", summary.Text())
	}
	if d.Find(`#q-U3[aria-describedby="U3-err"] #U3-err`).Length() != 1 {
		t.Error("the question's own message is missing")
	}
	// The input is all there.
	if d.Find(`#U1-3[checked]`).Length() != 1 || d.Find(`#U9-2[checked]`).Length() != 1 {
		t.Error("answers not kept")
	}
	if d.Find(`#service option[value=izin-usaha][selected]`).Length() != 1 || d.Find(`#gender-P[checked]`).Length() != 1 ||
		d.Find(`#education option[value=S1][selected]`).Length() != 1 || d.Find(`#age`).AttrOr("value", "") != "7" {
		t.Error("profile not kept")
	}
	if got := d.Find("#suggestion").Text(); got != "Tolong <b>perbaiki</b> ruang tunggu" {
		t.Errorf("suggestion kept as %q", got)
	}
	if d.Find(`input[name=key]`).AttrOr("value", "") != f.Get("key") {
		t.Error("the submission key changed: a resend of the corrected form must keep it")
	}
	if d.Find(`input[name=t]`).AttrOr("value", "") != f.Get("t") {
		t.Error("the render time changed: a quick correction would be flagged too fast")
	}
	if n := len(e.Responses(c.Key)); n != 0 {
		t.Errorf("%d responses stored from a refused form", n)
	}
}

func TestSurveyRejectsAnswersOutsideTheVersion(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	for name, change := range map[string]func(url.Values){
		"score 5":         func(f url.Values) { f.Set("U2", "5") },
		"score 0":         func(f url.Values) { f.Set("U2", "0") },
		"unknown element": func(f url.Values) { f.Set("U10", "3") },
		"other service":   func(f url.Values) { f.Set("service", "rawat-jalan") },
		"unknown gender":  func(f url.Values) { f.Set("gender", "X") },
		"long suggestion": func(f url.Values) { f.Set("suggestion", strings.Repeat("a", survey.MaxSuggestion+1)) },
	} {
		f := apptest.Filled(t, body)
		change(f)
		resp, page := b.Post("/s/dpmptsp", f)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", name, resp.StatusCode)
			continue
		}
		if msg := apptest.Doc(t, page).Find("#errors li").Text(); msg == "" {
			t.Errorf("%s: no message", name)
		}
	}
	if n := len(e.Responses(c.Key)); n != 0 {
		t.Errorf("%d responses stored", n)
	}
}

func TestSurveyDuplicateSubmitStoresOne(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	f := apptest.Filled(t, body)

	// A double tap: both requests leave before either answer arrives, so neither carries the
	// device cookie.
	var wg sync.WaitGroup
	locations := make([]string, 4)
	for i := range locations {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest(http.MethodPost, "/s/dpmptsp", strings.NewReader(f.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: b.Cookies[web.CSRFCookie]})
			resp, err := e.App.Test(req, 30_000)
			if err != nil {
				t.Error(err)
				return
			}
			locations[i] = fmt.Sprint(resp.StatusCode, " ", resp.Header.Get("Location"))
		}()
	}
	wg.Wait()
	for _, l := range locations {
		if l != "303 /s/dpmptsp/terima-kasih" {
			t.Errorf("a tap got %q, want the same thank-you", l)
		}
	}
	// A retry after the first answer arrived carries the device cookie for that same key.
	b.Post("/s/dpmptsp", f)
	resp, _ := b.Post("/s/dpmptsp", f)
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("retry with the device cookie: status %d, want 303", resp.StatusCode)
	}
	if n := len(e.Responses(c.Key)); n != 1 {
		t.Errorf("%d responses stored, want 1", n)
	}
}

func TestSurveyScriptGetsJSON(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	f := apptest.Filled(t, body)
	f.Set(web.CSRFField, b.CSRF)
	post := func(f url.Values) (*http.Response, string) {
		req := httptest.NewRequest(http.MethodPost, "/s/dpmptsp", strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		return b.Send(req)
	}
	bad := url.Values{}
	for k, v := range f {
		bad[k] = v
	}
	bad.Del("U1")
	resp, out := post(bad)
	var refused web.ErrorBody
	if resp.StatusCode != http.StatusBadRequest || json.Unmarshal([]byte(out), &refused) != nil || refused.Error.Code != survey.EINVALID || len(refused.Error.Details) == 0 {
		t.Errorf("invalid: %d %s", resp.StatusCode, out)
	}
	resp, out = post(f)
	var ok struct{ Next string }
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(out), &ok) != nil || ok.Next != "/s/dpmptsp/terima-kasih" {
		t.Errorf("accepted: %d %s", resp.StatusCode, out)
	}
}

func TestSurveyHoneypotPretendsSuccess(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	f := apptest.Filled(t, body)
	f.Set(resident.HoneypotField, "http://spam.example")
	resp, _ := b.Post("/s/dpmptsp", f)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/s/dpmptsp/terima-kasih" {
		t.Errorf("status %d location %q: a bot must see success", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := len(e.Responses(c.Key)); n != 0 {
		t.Errorf("%d responses stored from a filled honeypot", n)
	}
}

func TestSurveyClosedAndUnknown(t *testing.T) {
	ctx := context.Background()
	e := apptest.New(t)
	c := e.Seed()
	if err := e.Store.CreateUnit(ctx, &survey.Unit{Slug: "kecamatan-giri", Name: survey.Text{ID: "Kecamatan Giri"}, Active: true}); err != nil {
		t.Fatal(err)
	}
	if err := e.Store.CreateUnit(ctx, &survey.Unit{Slug: "kantor-lama", Name: survey.Text{ID: "Kantor Lama"}, Active: false}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path   string
		status int
		title  string
	}{
		{"/s/tidak-ada", 404, "Survei tidak ditemukan"},
		{"/s/Not_A_Slug", 404, "Survei tidak ditemukan"},
		{"/s/kantor-lama", 404, "Survei tidak ditemukan"},
		{"/s/kecamatan-giri", 410, "Survei sedang ditutup"},
		{"/s/kecamatan-giri/kios", 410, "Survei sedang ditutup"},
		{"/s/tidak-ada/terima-kasih", 404, "Survei tidak ditemukan"},
	} {
		resp, body := e.Browser().Get(tc.path)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		d := apptest.Doc(t, body)
		if h := d.Find("h1").Text(); h != tc.title {
			t.Errorf("%s: heading %q, want %q", tc.path, h, tc.title)
		}
		if d.Find("form#survey").Length() != 0 {
			t.Errorf("%s: shows a form", tc.path)
		}
	}

	// The campaign closes: the unit's page and any late submission get 410.
	b := e.Browser()
	_, body := b.Get("/s/rsud-blambangan")
	f := apptest.Filled(t, body)
	if _, err := e.Store.TransitionCampaign(ctx, c.Key, survey.StateClosed, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	closed := apptest.NewOn(t, e.Store) // a fresh server: no cached view of the open campaign
	closed.Key = e.Key                  // an instance of the same store signs with the same key
	closed.Restart()
	cb := closed.Browser()
	cb.Cookies = b.Cookies
	cb.CSRF = b.CSRF
	for _, path := range []string{"/s/dpmptsp", "/s/rsud-blambangan"} {
		resp, body := cb.Get(path)
		if resp.StatusCode != http.StatusGone || !strings.Contains(body, "tidak sedang menjalankan survei") {
			t.Errorf("%s after closing: status %d", path, resp.StatusCode)
		}
	}
	resp, _ := cb.Post("/s/rsud-blambangan", f)
	if resp.StatusCode != http.StatusGone {
		t.Errorf("late submission: status %d, want 410", resp.StatusCode)
	}
	req := httptest.NewRequest(http.MethodGet, "/s/rsud-blambangan", nil)
	req.Header.Set("Accept", "application/json")
	resp, out := cb.Send(req)
	if resp.StatusCode != http.StatusGone || !strings.Contains(out, `"code":"gone"`) {
		t.Errorf("JSON: %d %s", resp.StatusCode, out)
	}
	if n := len(e.Responses(c.Key)); n != 0 {
		t.Errorf("%d responses stored in a closed campaign", n)
	}
}

func TestSurveyRateLimit(t *testing.T) {
	e := apptest.NewWith(t, func(c *config.Config) { c.SubmitLimit = 2 }, mongo.Options{})
	c := e.Seed()
	var last *http.Response
	var lastBody string
	var f url.Values
	for i := 0; i < 3; i++ {
		b := e.Browser() // three devices behind one address
		_, body := b.Get("/s/dpmptsp")
		f = apptest.Filled(t, body)
		last, lastBody = b.Post("/s/dpmptsp", f)
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("third submission in a minute: status %d Retry-After %q, want 429 with Retry-After", last.StatusCode, last.Header.Get("Retry-After"))
	}
	d := apptest.Doc(t, lastBody)
	if !strings.Contains(d.Find("#errors").Text(), "Terlalu banyak") || d.Find(`#U1-3[checked]`).Length() != 1 {
		t.Error("the limited resident does not see why, or lost the input")
	}
	if n := len(e.Responses(c.Key)); n != 2 {
		t.Errorf("%d responses stored, want 2", n)
	}
	if _, err := e.Store.Response(context.Background(), f.Get("key")); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("the limited submission was stored: %v", err)
	}
}

func TestSurveyOnePerDevice(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	b.Post("/s/dpmptsp", apptest.Filled(t, body))

	resp, body := b.Get("/s/dpmptsp")
	d := apptest.Doc(t, body)
	if resp.StatusCode != http.StatusOK || d.Find("form#survey").Length() != 0 || d.Find("h1").Text() != "Anda sudah mengisi survei ini" {
		t.Errorf("second visit: status %d heading %q, want the already-answered page", resp.StatusCode, d.Find("h1").Text())
	}
	// A second, different response from the device (a form built before the first was sent).
	_, body = e.Browser().Get("/s/dpmptsp")
	other := apptest.Filled(t, body)
	other.Set(web.CSRFField, b.CSRF)
	resp, _ = b.Post("/s/dpmptsp", other)
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("second response: status %d, want 409", resp.StatusCode)
	}
	// Other units, and the kiosk, are not affected.
	if resp, _ := b.Get("/s/rsud-blambangan"); resp.StatusCode != http.StatusOK {
		t.Errorf("another unit: status %d", resp.StatusCode)
	}
	if _, body := b.Get("/s/dpmptsp/kios"); apptest.Doc(t, body).Find("form#survey").Length() != 1 {
		t.Error("the kiosk applies the one-per-device rule")
	}
	// A forged cookie does not block anyone.
	forged := e.Browser()
	forged.Cookies[resident.DoneCookie("dpmptsp")] = c.Key + ".AAAAAAAAAAA.forged"
	if _, body := forged.Get("/s/dpmptsp"); apptest.Doc(t, body).Find("form#survey").Length() != 1 {
		t.Error("a forged cookie blocked the form")
	}
	if n := len(e.Responses(c.Key)); n != 1 {
		t.Errorf("%d responses stored, want 1", n)
	}
}

func TestSurveyKiosk(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	b := e.Browser()
	for i := 0; i < 2; i++ {
		_, body := b.Get("/s/dpmptsp/kios")
		d := apptest.Doc(t, body)
		if d.Find(`form#survey[action="/s/dpmptsp/kios"][data-kiosk]`).Length() != 1 {
			t.Fatalf("kiosk form %d missing", i)
		}
		if d.Find(`noscript meta[http-equiv=refresh]`).Length() != 1 && !strings.Contains(body, `<noscript><meta http-equiv="refresh"`) {
			t.Error("the kiosk form has no idle refresh for browsers without script")
		}
		resp, _ := b.Post("/s/dpmptsp/kios", apptest.Filled(t, body))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/s/dpmptsp/kios/terima-kasih" {
			t.Fatalf("kiosk submission %d: %d %q", i, resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, set := b.Cookies[resident.DoneCookie("dpmptsp")]; set {
			t.Fatal("the kiosk set the one-per-device cookie")
		}
	}
	_, body := b.Get("/s/dpmptsp/kios/terima-kasih")
	if !strings.Contains(body, `http-equiv="refresh" content="10;url=/s/dpmptsp/kios"`) {
		t.Errorf("kiosk thank-you page does not return to a fresh form:\n%s", body)
	}
	if apptest.Doc(t, body).Find(`a[href="/s/dpmptsp/kios"]`).Length() != 1 {
		t.Error("no link to a new form")
	}
	rs := e.Responses(c.Key)
	if len(rs) != 2 {
		t.Fatalf("%d responses, want 2 from one kiosk", len(rs))
	}
	for _, r := range rs {
		if r.Channel != survey.ChannelKiosk {
			t.Errorf("channel %q, want kiosk", r.Channel)
		}
	}
}

func TestSurveyStoreUnavailable(t *testing.T) {
	e := apptest.NewWith(t, nil, mongo.Options{FailAt: func(step string) error {
		if step == "claimed" {
			return survey.Errorf(survey.EUNAVAILABLE, "store down for the test")
		}
		return nil
	}})
	e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	f := apptest.Filled(t, body)
	resp, body := b.Post("/s/dpmptsp", f)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d Retry-After %q, want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	d := apptest.Doc(t, body)
	if !strings.Contains(d.Find("#errors").Text(), "belum tersimpan") || d.Find(`#U2-4[checked]`).Length() != 1 || d.Find(`input[name=key]`).AttrOr("value", "") != f.Get("key") {
		t.Error("the page does not keep the answers and the key for a resend")
	}
	req := httptest.NewRequest(http.MethodPost, "/s/dpmptsp", strings.NewReader(f.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, out := b.Send(req)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(out, `"code":"unavailable"`) || resp.Header.Get("Retry-After") == "" {
		t.Errorf("JSON: %d %s", resp.StatusCode, out)
	}
}

// Residents submit at once from many phones; the tallies must count every acknowledged response
// exactly once.
func TestSurveyConcurrentSubmissionsAreCounted(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	const phones = 24
	var wg sync.WaitGroup
	for i := 0; i < phones; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := e.Browser()
			unit := []string{"dpmptsp", "rsud-blambangan"}[i%2]
			_, body := b.Get("/s/" + unit)
			if resp, _ := b.Post("/s/"+unit, apptest.Filled(t, body, fmt.Sprint(1+i%4), "3", "4")); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("phone %d: status %d", i, resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	ctx := context.Background()
	diff, err := e.Store.Verify(ctx, c.Key)
	if err != nil || len(diff) > 0 {
		t.Fatalf("tallies differ from a recount: %v %v", diff, err)
	}
	tally, err := e.Store.Tally(ctx, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, unit := range []string{"dpmptsp", "rsud-blambangan"} {
		n += tally.Unit(unit).Total().All.Respondents
	}
	if n != phones {
		t.Errorf("tallies count %d respondents, want %d", n, phones)
	}
}

func TestServiceWorkerRoute(t *testing.T) {
	e := apptest.New(t)
	resp, body := e.Do(httptest.NewRequest(http.MethodGet, "/s/sw.js", nil))
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") ||
		resp.Header.Get("Cache-Control") != "no-cache" || !strings.Contains(body, "addEventListener('fetch'") {
		t.Errorf("service worker: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
	}
}

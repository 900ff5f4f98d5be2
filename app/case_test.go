package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
)

var trackLocation = regexp.MustCompile(`^/lacak/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})\?baru=1$`)

// fileComplaint sends a complaint through the unit's form as a resident's browser does and
// returns its tracking code.
func fileComplaint(t *testing.T, b *browser, unit, text string) string {
	t.Helper()
	resp, body := b.get("/s/" + unit + "/pengaduan")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("complaint form: status %d", resp.StatusCode)
	}
	key := doc(t, body).Find(`#survey input[name=key]`).AttrOr("value", "")
	resp, _ = b.post("/s/"+unit+"/pengaduan", url.Values{"key": {key}, "text": {text}})
	m := trackLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("complaint: status %d location %q, want 303 to its tracking page", resp.StatusCode, resp.Header.Get("Location"))
	}
	return m[1]
}

func mustFindCase(t *testing.T, e *testEnv, code string) *survey.Case {
	t.Helper()
	cs, _, err := e.store.FindCase(context.Background(), code)
	if err != nil {
		t.Fatalf("find case %s: %v", code, err)
	}
	return cs
}

func TestComplaintOpensACaseWithItsDueTime(t *testing.T) {
	e := newTestEnv(t)
	e.seed()
	// Monday 17 August 2026, 17:00 in Jakarta: an hour after the office closed.
	e.now = time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	b := e.browser()
	code := fileComplaint(t, b, "dpmptsp", "Loket izin tutup lebih awal.\nSaya menunggu dua jam.")
	cs := mustFindCase(t, e, code)
	if cs.Unit != "dpmptsp" || cs.Source != survey.SourceComplaint || cs.State() != survey.CaseOpen || !cs.ReceivedAt.Equal(e.now) {
		t.Fatalf("case %+v", cs)
	}
	// The default clock runs around the clock: four hours later, 21:00 WIB.
	if want := e.now.Add(4 * time.Hour); !cs.DueAt.Equal(want) {
		t.Errorf("due %v, want %v", cs.DueAt, want)
	}
	tally, _ := e.store.Tally(context.Background(), "2026-S2")
	if n := tally.Unit("dpmptsp").Total().All.Respondents; n != 0 {
		t.Errorf("a complaint counted as %d respondents", n)
	}

	// The tracking page it leads to shows the code, the times in WIB and the text, nothing else.
	resp, body := b.get(trackPath(code) + "?baru=1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("tracking page: %d", resp.StatusCode)
	}
	d := doc(t, body)
	if got := d.Find("#code").Text(); got != code {
		t.Errorf("code shown %q, want %q", got, code)
	}
	for _, want := range []string{"17 Agu 2026 17.00 WIB", "17 Agu 2026 21.00 WIB", "Saya menunggu dua jam.", "Dinas Penanaman Modal dan PTSP"} {
		if !strings.Contains(body, want) {
			t.Errorf("tracking page lacks %q", want)
		}
	}
	if resp.Header.Get("Cache-Control") != "no-store" || d.Find(`meta[name=robots][content=noindex]`).Length() != 1 {
		t.Error("the tracking page may be cached or indexed")
	}

	// With office hours on, the same Monday evening waits for Tuesday 07:30: due 11:30 WIB.
	r, _ := e.store.Region(context.Background())
	r.OfficeHoursOnly = true
	if err := e.store.SaveRegion(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	e.restartServer() // a fresh server reads the region afresh
	code = fileComplaint(t, e.browser(), "rsud-blambangan", "Antrean apotek panjang.")
	if due := mustFindCase(t, e, code).DueAt; !due.Equal(time.Date(2026, 8, 18, 4, 30, 0, 0, time.UTC)) {
		t.Errorf("office-hours due %v, want Tuesday 11:30 WIB", due.In(r.Location()))
	}
}

func TestComplaintRetryAndRefusals(t *testing.T) {
	e := newTestEnv(t)
	e.seed()
	b := e.browser()
	_, body := b.get("/s/dpmptsp/pengaduan")
	key := doc(t, body).Find(`#survey input[name=key]`).AttrOr("value", "")
	form := url.Values{"key": {key}, "text": {"AC ruang tunggu mati."}, "service": {"pbg"}}
	first, _ := b.post("/s/dpmptsp/pengaduan", form)
	again, _ := b.post("/s/dpmptsp/pengaduan", form)
	if first.Header.Get("Location") == "" || again.Header.Get("Location") != first.Header.Get("Location") {
		t.Errorf("a retry led elsewhere: %q then %q", first.Header.Get("Location"), again.Header.Get("Location"))
	}
	tally, _ := e.store.Tally(context.Background(), "2026-S2")
	if n := len(tally.Unit("dpmptsp").Cases); n != 1 {
		t.Errorf("%d cases after a retry, want 1", n)
	}

	// The page's script asks for JSON and is told where to go.
	req := formRequest("/s/dpmptsp/pengaduan", url.Values{"key": {newSubmissionKey()}, "text": {"Parkir penuh."}, csrfField: {b.csrf}})
	req.Header.Set("Accept", "application/json")
	resp, js := b.send(req)
	if resp.StatusCode != http.StatusOK || !strings.Contains(js, `"next":"/lacak/`) {
		t.Errorf("JSON submit: %d %s", resp.StatusCode, js)
	}

	// An empty complaint comes back with what to do; a long one keeps the text.
	resp, body = b.post("/s/dpmptsp/pengaduan", url.Values{"key": {newSubmissionKey()}, "text": {"   "}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Tulis pengaduan") {
		t.Errorf("empty complaint: %d", resp.StatusCode)
	}
	long := strings.Repeat("panjang ", 300)
	resp, body = b.post("/s/dpmptsp/pengaduan", url.Values{"key": {newSubmissionKey()}, "text": {long}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, strings.TrimSpace(long)) {
		t.Errorf("long complaint: %d, text kept: %v", resp.StatusCode, strings.Contains(body, strings.TrimSpace(long)))
	}
	resp, _ = b.post("/s/dpmptsp/pengaduan", url.Values{"key": {newSubmissionKey()}, "text": {"x"}, "service": {"rawat-jalan"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("another unit's service: %d", resp.StatusCode)
	}
	// A bot filling the hidden field is told it worked, and nothing is stored.
	resp, _ = b.post("/s/dpmptsp/pengaduan", url.Values{"key": {newSubmissionKey()}, "text": {"spam"}, honeypotField: {"http://spam"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("honeypot: %d", resp.StatusCode)
	}
	// Without the form's token nothing is accepted.
	resp, _ = b.post("/s/dpmptsp/pengaduan", url.Values{"key": {newSubmissionKey()}, "text": {"x"}, csrfField: {"forged"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("forged CSRF token: %d", resp.StatusCode)
	}
	tally, _ = e.store.Tally(context.Background(), "2026-S2")
	if n := len(tally.Unit("dpmptsp").Cases); n != 2 {
		t.Errorf("%d cases, want 2 (the first and the script's)", n)
	}

	if resp, _ := b.get("/s/no-such-unit/pengaduan"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown unit: %d", resp.StatusCode)
	}
	if _, err := e.store.TransitionCampaign(context.Background(), "2026-S2", survey.StateClosed, "test", e.now); err != nil {
		t.Fatal(err)
	}
	e.restartServer() // the target cache would remember the open campaign a few seconds
	if resp, body := e.browser().get("/s/dpmptsp/pengaduan"); resp.StatusCode != http.StatusGone || !strings.Contains(body, "loket") {
		t.Errorf("no open campaign: %d", resp.StatusCode)
	}
}

// restartServer builds a fresh server on the same store and clock, as a restarted instance would
// be: its caches of the region and of open campaigns start empty.
func (e *testEnv) restartServer() {
	e.t.Helper()
	app, err := New(context.Background(), e.cfg, Deps{Store: e.store, Accounts: e.store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return e.now }})
	if err != nil {
		e.t.Fatal(err)
	}
	e.app = app
}

func formRequest(path string, form url.Values) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func TestTrackingCodesCannotBeGuessed(t *testing.T) {
	e := newTestEnv(t)
	e.seed()
	code := fileComplaint(t, e.browser(), "dpmptsp", "Petugas tidak ramah.")
	other := fileComplaint(t, e.browser(), "rsud-blambangan", "Toilet kotor.")

	b := e.browser()
	b.get("/lacak")
	// The form passes the typed code on; lower case without dashes is the same code.
	resp, _ := b.get("/lacak?kode=" + url.QueryEscape(" "+strings.ToLower(strings.ReplaceAll(code, "-", ""))+" "))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("form: %d", resp.StatusCode)
	}
	resp, body := b.get(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Petugas tidak ramah.") || strings.Contains(body, "Toilet kotor.") || strings.Contains(body, other) {
		t.Fatalf("lookup of one code shows: %d\n%s", resp.StatusCode, body)
	}

	// A malformed code and a well-formed unknown one get the same answer, byte for byte.
	resp1, malformed := b.get("/lacak/%3Cscript%3E")
	resp2, unknown := b.get(trackPath(survey.NewCaseCode()))
	if resp1.StatusCode != http.StatusNotFound || resp2.StatusCode != http.StatusNotFound || malformed != unknown {
		t.Errorf("malformed %d and unknown %d codes answer differently", resp1.StatusCode, resp2.StatusCode)
	}
	// Ten wrong codes in a window; then even the right code waits for the next window.
	for range trackMisses - 2 {
		if resp, _ := b.get(trackPath(survey.NewCaseCode())); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("miss: %d", resp.StatusCode)
		}
	}
	resp, _ = b.get(trackPath(code))
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("after %d misses: status %d, Retry-After %q", trackMisses, resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	e.now = e.now.Add(trackWindow)
	if resp, _ := b.get(trackPath(code)); resp.StatusCode != http.StatusOK {
		t.Errorf("in the next window: %d", resp.StatusCode)
	}
	// Nothing in the store keeps the address itself.
	entries, _ := e.store.AuditEntries(context.Background(), survey.AuditFilter{})
	for _, en := range entries {
		if strings.Contains(en.Client, "0.0.0.0") {
			t.Errorf("raw address kept: %+v", en)
		}
	}
}

func TestCaseDeskReplyAndPublish(t *testing.T) {
	e := newTestEnv(t)
	e.seed()
	code := fileComplaint(t, e.browser(), "dpmptsp", "Berkas saya hilang.")
	head := e.signedIn("kepala", survey.RoleUnitHead, "dpmptsp")

	resp, body := head.get("/pengaduan")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %d", resp.StatusCode)
	}
	d := doc(t, body)
	if d.Find(`#open a[href="/pengaduan/`+code+`"]`).Length() != 1 || !strings.Contains(d.Find("#open").Text(), "Berkas saya hilang.") {
		t.Fatal("the head's list lacks the case")
	}
	if d.Find("#escalated").Length() != 0 {
		t.Error("a unit head sees the escalation list")
	}
	if !strings.Contains(d.Find("#open").Text(), "4 j lagi") {
		t.Errorf("time left not shown: %s", d.Find("#open").Text())
	}

	// An empty reply is refused with the form kept.
	head.get(casePath(code))
	if resp, _ := head.post(casePath(code)+"/balas", url.Values{"reply": {"  "}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("empty reply: %d", resp.StatusCode)
	}
	// Publishing before a reply is a conflict.
	if resp, _ := head.post(casePath(code)+"/terbitkan", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("publish before reply: %d", resp.StatusCode)
	}
	e.now = e.now.Add(20 * time.Minute) // within the session's idle time
	reply := "Berkas Anda ditemukan di loket 3.\nSilakan diambil dengan membawa KTP."
	resp, _ = head.post(casePath(code)+"/balas", url.Values{"reply": {reply}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != casePath(code)+"?ok=reply" {
		t.Fatalf("reply: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cs := mustFindCase(t, e, code)
	if cs.State() != survey.CaseAnswered || !cs.AnsweredInTime() || cs.RepliedBy != "kepala" {
		t.Fatalf("after the reply: %+v", cs)
	}
	// Answered but unpublished: the resident sees it is being handled, not the reply.
	_, track := e.browser().get(trackPath(code))
	if strings.Contains(track, "loket 3") || !strings.Contains(track, "Sedang diproses") {
		t.Error("an unpublished reply shows on the tracking page")
	}
	e.now = e.now.Add(time.Minute)
	resp, _ = head.post(casePath(code)+"/terbitkan", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	_, track = e.browser().get(trackPath(code))
	if !strings.Contains(track, "Berkas Anda ditemukan di loket 3.") || !strings.Contains(track, "Silakan diambil") || !strings.Contains(track, "Selesai dijawab") {
		t.Error("the published reply is not on the tracking page")
	}
	if resp, _ := head.post(casePath(code)+"/balas", url.Values{"reply": {"Ralat"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("reply after publication: %d", resp.StatusCode)
	}
	entries, _ := e.store.AuditEntries(context.Background(), survey.AuditFilter{})
	var actions []string
	for _, en := range entries {
		if en.Target == code {
			actions = append(actions, en.Action+" by "+en.Actor)
		}
	}
	if strings.Join(actions, ", ") != "case.publish by kepala, case.reply by kepala" {
		t.Errorf("audit: %v", actions)
	}
	_, body = head.get("/pengaduan")
	if d := doc(t, body); !strings.Contains(d.Find("#closed").Text(), code) || !strings.Contains(d.Find("#sla").Text(), "100,0%") {
		t.Errorf("closed case or SLA missing: %s", d.Find("#sla").Text())
	}
}

func TestCaseAccess(t *testing.T) {
	e := newTestEnv(t)
	e.seed()
	code := fileComplaint(t, e.browser(), "dpmptsp", "Rahasia unit A.")
	headB := e.signedIn("kepala-b", survey.RoleUnitHead, "rsud-blambangan")
	viewer := e.signedIn("inspektorat", survey.RoleViewer)
	admin := e.signedIn("ortala", survey.RoleAdmin)

	// Another unit's head, a viewer and an unknown code all meet the same 404.
	for name, b := range map[string]*browser{"head of B": headB, "viewer": viewer} {
		resp, body := b.get(casePath(code))
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "Rahasia") {
			t.Errorf("%s reads the case: %d", name, resp.StatusCode)
		}
		b.get("/pengaduan")
		for _, path := range []string{casePath(code) + "/balas", casePath(code) + "/terbitkan"} {
			if resp, _ := b.post(path, url.Values{"reply": {"Bukan urusan saya"}}); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s POST %s: %d", name, path, resp.StatusCode)
			}
		}
		_, list := b.get("/pengaduan")
		if strings.Contains(list, "Rahasia") {
			t.Errorf("%s's list shows the text", name)
		}
	}
	if cs := mustFindCase(t, e, code); cs.State() != survey.CaseOpen {
		t.Fatalf("another unit changed the case: %+v", cs)
	}
	_, list := headB.get("/pengaduan")
	if strings.Contains(list, code) {
		t.Error("head of B lists unit A's case")
	}
	// The viewer sees the case's times for oversight, without a link to it.
	_, list = viewer.get("/pengaduan")
	if d := doc(t, list); !strings.Contains(d.Find("#open").Text(), code) || d.Find(`a[href="`+casePath(code)+`"]`).Length() != 0 {
		t.Error("the viewer's list: code missing or linked")
	}
	if resp, body := admin.get(casePath(code)); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Rahasia unit A.") {
		t.Errorf("admin: %d", resp.StatusCode)
	}
	if resp, _ := e.browser().get("/pengaduan"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous: %d", resp.StatusCode)
	}
}

func TestOverdueCasesAreEscalated(t *testing.T) {
	e := newTestEnv(t)
	e.seed()
	late := fileComplaint(t, e.browser(), "dpmptsp", "Sudah seminggu izin belum terbit.")
	e.now = e.now.Add(2 * time.Hour)
	fresh := fileComplaint(t, e.browser(), "rsud-blambangan", "Dokter datang terlambat.")
	e.now = e.now.Add(3 * time.Hour) // the first is an hour overdue, the second has an hour left

	admin := e.signedIn("ortala", survey.RoleAdmin)
	_, body := admin.get("/pengaduan")
	d := doc(t, body)
	esc := d.Find("#escalated tbody tr")
	if esc.Length() != 1 || !strings.Contains(esc.Text(), late) || !strings.Contains(esc.Text(), "lewat 1 j") || !esc.HasClass("overdue") {
		t.Errorf("escalated: %q", esc.Text())
	}
	if open := d.Find("#open").Text(); !strings.Contains(open, fresh) || strings.Contains(open, late) {
		t.Errorf("open: %q", open)
	}
	head := e.signedIn("kepala", survey.RoleUnitHead, "dpmptsp")
	_, body = head.get("/pengaduan")
	if row := doc(t, body).Find("#open tbody tr"); row.Length() != 1 || !row.HasClass("overdue") || !strings.Contains(row.Text(), "Terlambat") {
		t.Errorf("the head's overdue case is not marked: %q", row.Text())
	}
	_, track := e.browser().get(trackPath(late))
	if !strings.Contains(track, "diteruskan kepada pimpinan daerah") {
		t.Error("the resident is not told of the escalation")
	}
	tally, _ := e.store.Tally(context.Background(), "2026-S2")
	if sla := tally.SLA(e.now); sla.Overdue != 1 || sla.Open != 2 || sla.Decided != 1 || sla.InTimePercent != 0 {
		t.Errorf("SLA %+v", sla)
	}
}

func TestOpenCase(t *testing.T) {
	e := newTestEnv(t)
	s := &Server{now: func() time.Time { return e.now }}
	region := survey.DefaultRegion()
	r := &survey.Response{Suggestion: "  ", SubmittedAt: e.now}
	s.openCase(r, &region)
	if r.CaseCode != "" {
		t.Error("blank text opened a case")
	}
	r.Suggestion = "Antre terlalu lama"
	s.openCase(r, &region)
	if survey.NormalizeCaseCode(r.CaseCode) != r.CaseCode || !r.CaseDue.Equal(e.now.Add(4*time.Hour)) {
		t.Errorf("opened %q due %v", r.CaseCode, r.CaseDue)
	}
	code := r.CaseCode
	s.openCase(r, &region)
	if r.CaseCode != code {
		t.Error("a second call changed the code")
	}
}

func TestCaseSLAFigures(t *testing.T) {
	e := newTestEnv(t)
	e.seed()
	ctx := context.Background()
	t0 := e.now
	var codes []string
	for _, text := range []string{"Satu", "Dua", "Tiga"} {
		codes = append(codes, fileComplaint(t, e.browser(), "dpmptsp", text))
	}
	fileComplaint(t, e.browser(), "rsud-blambangan", "Empat")
	for i, after := range []time.Duration{time.Hour, 5 * time.Hour} {
		ev := survey.CaseEvent{Code: codes[i], Unit: "dpmptsp", Type: survey.EventReply, Text: "Dijawab", By: "kepala", At: t0.Add(after)}
		if err := e.store.RecordCaseEvents(ctx, "2026-S2", []survey.CaseEvent{ev}); err != nil {
			t.Fatal(err)
		}
	}
	e.now = t0.Add(6 * time.Hour)
	sla, err := caseSLA(ctx, e.store, "2026-S2", "dpmptsp", e.now)
	if err != nil {
		t.Fatal(err)
	}
	if sla.Cases != 3 || sla.InTime != 1 || sla.Overdue != 1 || sla.MedianAnswer != 3*time.Hour || sla.InTimePercent != 33.3 {
		t.Errorf("unit SLA %+v", sla)
	}
	region := survey.DefaultRegion()
	want := "3 pengaduan dan saran; 1 dari 3 yang sudah pasti dijawab dalam 4 jam (33,3%); median waktu jawab 3 j; 1 masih terbuka, 1 di antaranya terlambat."
	if got := slaSummary(survey.LangID, &region, sla); got != want {
		t.Errorf("summary\n%q\nwant\n%q", got, want)
	}
	all, _ := caseSLA(ctx, e.store, "2026-S2", "", e.now)
	if all.Cases != 4 || all.Overdue != 2 {
		t.Errorf("campaign SLA %+v", all)
	}
	region.OfficeHoursOnly = true
	if got := slaSummary(survey.LangEN, &region, analytics.SLA{Cases: 2, Open: 2}); got != "2 complaints and suggestions, all still within the 4 office hours limit." {
		t.Errorf("pending: %q", got)
	}
	if got := slaSummary(survey.LangEN, &region, analytics.SLA{}); got != "No complaint or suggestion recorded." {
		t.Errorf("none: %q", got)
	}
}

func TestComplaintRateLimit(t *testing.T) {
	e := newResidentEnv(t, func(c *Config) { c.SubmitLimit = 1 }, mongo.Options{})
	e.seed()
	b := e.browser()
	fileComplaint(t, b, "dpmptsp", "Pertama.")
	_, body := b.get("/s/dpmptsp/pengaduan")
	key := doc(t, body).Find(`#survey input[name=key]`).AttrOr("value", "")
	resp, body := b.post("/s/dpmptsp/pengaduan", url.Values{"key": {key}, "text": {"Kedua, terlalu cepat."}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Kedua, terlalu cepat.") {
		t.Errorf("over the limit: %d, text kept %v", resp.StatusCode, strings.Contains(body, "Kedua"))
	}
	tally, _ := e.store.Tally(context.Background(), "2026-S2")
	if n := len(tally.Unit("dpmptsp").Cases); n != 1 {
		t.Errorf("%d cases stored, want 1", n)
	}
}

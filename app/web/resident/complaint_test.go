package resident_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/web/resident"
	"github.com/skm-engine/skm/survey/mongo"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/survey"
)

var trackLocation = regexp.MustCompile(`^/lacak/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})\?baru=1$`)

func TestComplaintOpensACaseWithItsDueTime(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	// Monday 17 August 2026, 17:00 in Jakarta: an hour after the office closed.
	e.Now = time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	b := e.Browser()
	code := b.FileComplaint("dpmptsp", "Loket izin tutup lebih awal.\nSaya menunggu dua jam.")
	cs := e.FindCase(code)
	if cs.Unit != "dpmptsp" || cs.Source != survey.SourceComplaint || cs.State() != survey.CaseOpen || !cs.ReceivedAt.Equal(e.Now) {
		t.Fatalf("case %+v", cs)
	}
	// The default clock runs around the clock: four hours later, 21:00 WIB.
	if want := e.Now.Add(4 * time.Hour); !cs.DueAt.Equal(want) {
		t.Errorf("due %v, want %v", cs.DueAt, want)
	}
	tally, _ := e.Store.Tally(context.Background(), "2026-S2")
	if n := tally.Unit("dpmptsp").Total().All.Respondents; n != 0 {
		t.Errorf("a complaint counted as %d respondents", n)
	}

	// The tracking page it leads to shows the code, the times in WIB and the text, nothing else.
	resp, body := b.Get(link.Track(code) + "?baru=1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("tracking page: %d", resp.StatusCode)
	}
	d := apptest.Doc(t, body)
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
	r, _ := e.Store.Region(context.Background())
	r.OfficeHoursOnly = true
	if err := e.Store.SaveRegion(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	e.Restart() // a fresh server reads the region afresh
	code = e.Browser().FileComplaint("rsud-blambangan", "Antrean apotek panjang.")
	if due := e.FindCase(code).DueAt; !due.Equal(time.Date(2026, 8, 18, 4, 30, 0, 0, time.UTC)) {
		t.Errorf("office-hours due %v, want Tuesday 11:30 WIB", due.In(r.Location()))
	}
}

func TestComplaintRetryAndRefusals(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	b := e.Browser()
	_, body := b.Get("/s/dpmptsp/pengaduan")
	key := apptest.Doc(t, body).Find(`#survey input[name=key]`).AttrOr("value", "")
	form := url.Values{"key": {key}, "text": {"AC ruang tunggu mati."}, "service": {"pbg"}}
	first, _ := b.Post("/s/dpmptsp/pengaduan", form)
	again, _ := b.Post("/s/dpmptsp/pengaduan", form)
	if first.Header.Get("Location") == "" || again.Header.Get("Location") != first.Header.Get("Location") {
		t.Errorf("a retry led elsewhere: %q then %q", first.Header.Get("Location"), again.Header.Get("Location"))
	}
	tally, _ := e.Store.Tally(context.Background(), "2026-S2")
	if n := len(tally.Unit("dpmptsp").Cases); n != 1 {
		t.Errorf("%d cases after a retry, want 1", n)
	}

	// The page's script asks for JSON and is told where to go.
	req := apptest.FormRequest("/s/dpmptsp/pengaduan", url.Values{"key": {resident.NewSubmissionKey()}, "text": {"Parkir penuh."}, web.CSRFField: {b.CSRF}})
	req.Header.Set("Accept", "application/json")
	resp, js := b.Send(req)
	if resp.StatusCode != http.StatusOK || !strings.Contains(js, `"next":"/lacak/`) {
		t.Errorf("JSON submit: %d %s", resp.StatusCode, js)
	}

	// An empty complaint comes back with what to do; a long one keeps the text.
	resp, body = b.Post("/s/dpmptsp/pengaduan", url.Values{"key": {resident.NewSubmissionKey()}, "text": {"   "}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Tulis pengaduan") {
		t.Errorf("empty complaint: %d", resp.StatusCode)
	}
	long := strings.Repeat("panjang ", 300)
	resp, body = b.Post("/s/dpmptsp/pengaduan", url.Values{"key": {resident.NewSubmissionKey()}, "text": {long}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, strings.TrimSpace(long)) {
		t.Errorf("long complaint: %d, text kept: %v", resp.StatusCode, strings.Contains(body, strings.TrimSpace(long)))
	}
	resp, _ = b.Post("/s/dpmptsp/pengaduan", url.Values{"key": {resident.NewSubmissionKey()}, "text": {"x"}, "service": {"rawat-jalan"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("another unit's service: %d", resp.StatusCode)
	}
	// A bot filling the hidden field is told it worked, and nothing is stored.
	resp, _ = b.Post("/s/dpmptsp/pengaduan", url.Values{"key": {resident.NewSubmissionKey()}, "text": {"spam"}, resident.HoneypotField: {"http://spam"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("honeypot: %d", resp.StatusCode)
	}
	// Without the form's token nothing is accepted.
	resp, _ = b.Post("/s/dpmptsp/pengaduan", url.Values{"key": {resident.NewSubmissionKey()}, "text": {"x"}, web.CSRFField: {"forged"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("forged CSRF token: %d", resp.StatusCode)
	}
	tally, _ = e.Store.Tally(context.Background(), "2026-S2")
	if n := len(tally.Unit("dpmptsp").Cases); n != 2 {
		t.Errorf("%d cases, want 2 (the first and the script's)", n)
	}

	if resp, _ := b.Get("/s/no-such-unit/pengaduan"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown unit: %d", resp.StatusCode)
	}
	if _, err := e.Store.TransitionCampaign(context.Background(), "2026-S2", survey.StateClosed, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	e.Restart() // the target cache would remember the open campaign a few seconds
	if resp, body := e.Browser().Get("/s/dpmptsp/pengaduan"); resp.StatusCode != http.StatusGone || !strings.Contains(body, "loket") {
		t.Errorf("no open campaign: %d", resp.StatusCode)
	}
}

func TestTrackingCodesCannotBeGuessed(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	code := e.Browser().FileComplaint("dpmptsp", "Petugas tidak ramah.")
	other := e.Browser().FileComplaint("rsud-blambangan", "Toilet kotor.")

	b := e.Browser()
	b.Get("/lacak")
	// The form passes the typed code on; lower case without dashes is the same code.
	resp, _ := b.Get("/lacak?kode=" + url.QueryEscape(" "+strings.ToLower(strings.ReplaceAll(code, "-", ""))+" "))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("form: %d", resp.StatusCode)
	}
	resp, body := b.Get(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Petugas tidak ramah.") || strings.Contains(body, "Toilet kotor.") || strings.Contains(body, other) {
		t.Fatalf("lookup of one code shows: %d\n%s", resp.StatusCode, body)
	}

	// A malformed code and a well-formed unknown one get the same answer, byte for byte.
	resp1, malformed := b.Get("/lacak/%3Cscript%3E")
	resp2, unknown := b.Get(link.Track(survey.NewCaseCode()))
	if resp1.StatusCode != http.StatusNotFound || resp2.StatusCode != http.StatusNotFound || malformed != unknown {
		t.Errorf("malformed %d and unknown %d codes answer differently", resp1.StatusCode, resp2.StatusCode)
	}
	// Ten wrong codes in a window; then even the right code waits for the next window.
	for range resident.TrackMisses - 2 {
		if resp, _ := b.Get(link.Track(survey.NewCaseCode())); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("miss: %d", resp.StatusCode)
		}
	}
	resp, _ = b.Get(link.Track(code))
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("after %d misses: status %d, Retry-After %q", resident.TrackMisses, resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	e.Now = e.Now.Add(resident.TrackWindow)
	if resp, _ := b.Get(link.Track(code)); resp.StatusCode != http.StatusOK {
		t.Errorf("in the next window: %d", resp.StatusCode)
	}
	// Nothing in the store keeps the address itself.
	entries, _ := e.Store.AuditEntries(context.Background(), survey.AuditFilter{})
	for _, en := range entries {
		if strings.Contains(en.Client, "0.0.0.0") {
			t.Errorf("raw address kept: %+v", en)
		}
	}
}

// TestTrackingLimitCannotBeRaced looks up thirty unknown codes at once from one client: no more
// than the limit are looked up, however the requests interleave; a resident reading their own
// case again and again is never held up.
func TestTrackingLimitCannotBeRaced(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	code := e.Browser().FileComplaint("dpmptsp", "Petugas tidak ramah.")
	for range 3 * resident.TrackMisses {
		if resp, _ := e.Browser().Get(link.Track(code)); resp.StatusCode != http.StatusOK {
			t.Fatalf("reading one's own case again: %d", resp.StatusCode)
		}
	}
	statuses := apptest.AtOnce(30, func() int {
		resp, _ := e.Browser().Get(link.Track(survey.NewCaseCode()))
		return resp.StatusCode
	})
	looked := statuses[http.StatusNotFound]
	if looked == 0 || looked > resident.TrackMisses || looked+statuses[http.StatusTooManyRequests] != 30 {
		t.Errorf("30 parallel unknown codes: %v; want at most %d looked up (404), the rest 429", statuses, resident.TrackMisses)
	}
}

func TestComplaintRateLimit(t *testing.T) {
	e := apptest.NewWith(t, func(c *config.Config) { c.SubmitLimit = 1 }, mongo.Options{})
	e.Seed()
	b := e.Browser()
	b.FileComplaint("dpmptsp", "Pertama.")
	_, body := b.Get("/s/dpmptsp/pengaduan")
	key := apptest.Doc(t, body).Find(`#survey input[name=key]`).AttrOr("value", "")
	resp, body := b.Post("/s/dpmptsp/pengaduan", url.Values{"key": {key}, "text": {"Kedua, terlalu cepat."}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Kedua, terlalu cepat.") {
		t.Errorf("over the limit: %d, text kept %v", resp.StatusCode, strings.Contains(body, "Kedua"))
	}
	tally, _ := e.Store.Tally(context.Background(), "2026-S2")
	if n := len(tally.Unit("dpmptsp").Cases); n != 1 {
		t.Errorf("%d cases stored, want 1", n)
	}
}

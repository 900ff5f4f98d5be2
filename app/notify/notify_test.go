package notify

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey/mongo"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
)

// hookSink is a webhook receiver that fails the next fail requests with HTTP 500.
type hookSink struct {
	srv    *httptest.Server
	mu     sync.Mutex
	fail   int
	tries  []string // the Idempotency-Key of every request
	events []webhookBody
}

func newHookSink(t *testing.T) *hookSink {
	h := &hookSink{}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body webhookBody
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h.mu.Lock()
		defer h.mu.Unlock()
		h.tries = append(h.tries, r.Header.Get("Idempotency-Key"))
		if h.fail > 0 {
			h.fail--
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		h.events = append(h.events, body)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hookSink) state() (tries []string, events []webhookBody) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.tries...), append([]webhookBody(nil), h.events...)
}

// TestNotificationsReachUnitsOnceAndRetry runs two instances' notifiers side by side over one
// database, with a fake clock: a new case is told to its unit once by email and once by webhook
// although both instances see it, failures are retried after their backoff, and a case left
// unanswered past its due time is escalated to the region's administrators.
func TestNotificationsReachUnitsOnceAndRetry(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	storeA := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	storeB := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	e := apptest.NewOn(t, storeA)
	e.Seed()
	ctx := context.Background()
	region, _ := e.Store.Region(ctx)
	region.CaseContacts = map[string][]string{"dpmptsp": {"pengaduan@dpmptsp.go.id"}}
	region.EscalateTo = []string{"ortala@banyuwangikab.go.id"}
	if err := e.Store.SaveRegion(ctx, region); err != nil {
		t.Fatal(err)
	}
	e.Restart()

	mail, hook := apptest.NewMailSink(t), newHookSink(t)
	mail.FailNext(1)
	hook.fail = 1
	cfg := e.Config
	cfg.Notify = config.Notify{SMTPAddr: mail.Addr(), SMTPFrom: "skm@banyuwangikab.go.id", WebhookURL: hook.srv.URL, WebhookSecret: hookSecret}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var instances []*Notifier
	for _, st := range []*mongo.Store{storeA, storeB} {
		n, err := New(cfg, st, quiet, func() time.Time { return e.Now })
		if err != nil {
			t.Fatal(err)
		}
		instances = append(instances, n)
	}
	both := func() {
		t.Helper()
		var wg sync.WaitGroup
		for _, n := range instances {
			wg.Add(1)
			go func(n *Notifier) {
				defer wg.Done()
				if err := n.Sweep(ctx); err != nil {
					t.Error(err)
				}
				if err := n.Deliver(ctx); err != nil {
					t.Error(err)
				}
			}(n)
		}
		wg.Wait()
	}

	tracking := e.Browser().FileComplaint("dpmptsp", "Rahasia: berkas hilang.")
	code := e.FindCase(tracking).ID // notifications name the case's ID, never the resident's code
	answered := e.FindCase(e.Browser().FileComplaint("rsud-blambangan", "Obat habis.")).ID
	both()
	// Each channel's first attempt was made by one instance and failed.
	if got := mail.Mails(); len(got) != 0 {
		t.Fatalf("mail delivered despite the failure: %+v", got)
	}
	tries, _ := hook.state()
	if len(tries) != 2 {
		t.Fatalf("webhook tried %d times, want once for each of the two cases", len(tries))
	}
	// Within the backoff nothing is tried again.
	e.Now = e.Now.Add(30 * time.Second)
	both()
	if tries, _ := hook.state(); len(tries) != 2 || len(mail.Mails()) != 0 {
		t.Fatalf("retried within the backoff: %d webhook tries", len(tries))
	}
	// After it, once more, and this time they get through.
	e.Now = e.Now.Add(time.Minute)
	both()
	both()
	mails := mail.Mails()
	if len(mails) != 1 || strings.Join(mails[0].To, ",") != "pengaduan@dpmptsp.go.id" || mails[0].From != "skm@banyuwangikab.go.id" {
		t.Fatalf("mails %+v", mails)
	}
	if m := mails[0].Data; !strings.Contains(m, code) || !strings.Contains(m, "http://skm.test/pengaduan/"+code) ||
		strings.Contains(m, "Rahasia") || strings.Contains(m, tracking) || !strings.Contains(m, "Message-ID: <case-new."+code+".email@skm.test>") {
		t.Errorf("the mail:\n%s", m)
	}
	tries, events := hook.state()
	if len(tries) != 3 || len(events) != 2 {
		t.Fatalf("webhook: %d tries, %d delivered; want 3 and 2", len(tries), len(events))
	}
	for _, ev := range events {
		if ev.Event != survey.EventCaseNew || ev.Escalated || (ev.Case != code && ev.Case != answered) {
			t.Errorf("webhook event %+v", ev)
		}
	}

	// The hospital answers in time; the licensing office does not.
	reply := survey.CaseEvent{Case: answered, Unit: "rsud-blambangan", Type: survey.EventReply, Text: "Stok datang besok.", By: "kepala", At: e.Now}
	if err := e.Store.RecordCaseEvents(ctx, "2026-S2", []survey.CaseEvent{reply}); err != nil {
		t.Fatal(err)
	}
	e.Now = e.Now.Add(4 * time.Hour)
	both()
	both()
	mails = mail.Mails()
	if len(mails) != 2 {
		t.Fatalf("%d mails after the due time, want one escalation", len(mails))
	}
	if to := strings.Join(mails[1].To, ","); to != "pengaduan@dpmptsp.go.id,ortala@banyuwangikab.go.id" || !strings.Contains(mails[1].Data, "Subject: [SKM] Eskalasi: pengaduan "+code) {
		t.Errorf("escalation mail to %s:\n%s", to, mails[1].Data)
	}
	_, events = hook.state()
	if len(events) != 3 || events[2].Event != survey.EventCaseOverdue || events[2].Case != code || !events[2].Escalated {
		t.Errorf("webhook events %+v", events)
	}
	// A week later nothing more is sent, whatever the instances sweep.
	e.Now = e.Now.Add(8 * 24 * time.Hour)
	both()
	if len(mail.Mails()) != 2 {
		t.Error("sent again")
	}
}

// webhookNotifier returns a notifier on the environment's clock that sends only to a webhook
// sink, and the sink.
func webhookNotifier(t *testing.T, e *apptest.Env) (*Notifier, *hookSink) {
	t.Helper()
	hook := newHookSink(t)
	cfg := e.Config
	cfg.Notify = config.Notify{WebhookURL: hook.srv.URL, WebhookSecret: hookSecret}
	n, err := New(cfg, e.Store, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return e.Now })
	if err != nil {
		t.Fatal(err)
	}
	return n, hook
}

// TestNotificationTakenOverAfterASenderStops: an instance that claimed an attempt and died does
// not block the message; after the lease another records the attempt as interrupted and sends.
func TestNotificationTakenOverAfterASenderStops(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	n, hook := webhookNotifier(t, e)
	ctx := context.Background()
	code := e.FindCase(e.Browser().FileComplaint("dpmptsp", "Loket tutup.")).ID
	if err := n.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	id := survey.NotificationID(survey.EventCaseNew, code, survey.ViaWebhook)
	if ok, _, err := e.Store.ClaimAttempt(ctx, id, 1, "a sender that died", e.Now); !ok || err != nil {
		t.Fatal("claim", ok, err)
	}
	if err := n.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if tries, _ := hook.state(); len(tries) != 0 {
		t.Fatal("sent while another sender held the attempt")
	}
	e.Now = e.Now.Add(claimLease + time.Second)
	if err := n.Deliver(ctx); err != nil { // records the interrupted attempt
		t.Fatal(err)
	}
	e.Now = e.Now.Add(backoff(1))
	if err := n.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := e.Store.Notification(ctx, id)
	if _, events := hook.state(); len(events) != 1 || got.Pending || got.Attempts != 2 {
		t.Errorf("after the takeover: %d events, %+v", len(events), got)
	}
}

// TestOnlyComplaintsAreNotified: of a complaint, a suggestion and praise left unanswered for a
// day, only the complaint is told to its unit and escalated; a suggestion staff make a complaint
// is told from then on.
func TestOnlyComplaintsAreNotified(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	n, hook := webhookNotifier(t, e)
	ctx := context.Background()
	run := func() {
		t.Helper()
		if err := n.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		if err := n.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
	}
	e.SubmitMessage("dpmptsp", survey.KindComplaint, "Loket tutup.")
	suggestion := e.SubmitMessage("dpmptsp", survey.KindSuggestion, "Tambah kursi.")
	e.SubmitMessage("dpmptsp", survey.KindPraise, "Petugas ramah, terima kasih.")
	run()
	e.Now = e.Now.Add(5 * time.Hour)
	run()
	_, events := hook.state()
	var got []string
	for _, ev := range events {
		got = append(got, ev.Event)
	}
	if want := []string{survey.EventCaseNew, survey.EventCaseOverdue}; strings.Join(got, ", ") != strings.Join(want, ", ") || events[0].Case != events[1].Case {
		t.Fatalf("notified %v, want %v of the one complaint", got, want)
	}
	region, _ := e.Store.Region(ctx)
	made := suggestion.Reclassify(survey.KindComplaint, region, "kepala", e.Now)
	if err := e.Store.RecordCaseEvents(ctx, "2026-S2", []survey.CaseEvent{made}); err != nil {
		t.Fatal(err)
	}
	run()
	if _, events := hook.state(); len(events) != 3 || events[2].Event != survey.EventCaseNew || events[2].Case == events[0].Case {
		t.Errorf("after the suggestion became a complaint: %+v", events)
	}
}

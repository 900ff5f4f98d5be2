package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/skm-engine/skm/survey"
)

// NotifyConfig says where notifications of cases go: email through an SMTP server, a webhook,
// both or neither.
type NotifyConfig struct {
	SMTPAddr     string
	SMTPFrom     string
	SMTPUser     string
	SMTPPassword string
	WebhookURL   string
}

func (n NotifyConfig) email() bool   { return n.SMTPAddr != "" }
func (n NotifyConfig) webhook() bool { return n.WebhookURL != "" }

func readNotifyConfig(values map[string]*string, fail func(string, ...any)) NotifyConfig {
	n := NotifyConfig{SMTPAddr: strings.TrimSpace(*values["smtp-addr"]), SMTPFrom: strings.TrimSpace(*values["smtp-from"]),
		SMTPUser: *values["smtp-user"], SMTPPassword: *values["smtp-password"], WebhookURL: strings.TrimSpace(*values["webhook-url"])}
	if n.SMTPAddr != "" {
		if host, port, err := net.SplitHostPort(n.SMTPAddr); err != nil || host == "" || port == "" {
			fail("SKM_SMTP_ADDR %q must be host:port, such as smtp.banyuwangikab.go.id:587", n.SMTPAddr)
		}
		if !survey.ValidEmail(n.SMTPFrom) {
			fail("SKM_SMTP_FROM %q must be the sender's address, such as skm@banyuwangikab.go.id, when SKM_SMTP_ADDR is set", n.SMTPFrom)
		}
	}
	if (n.SMTPUser == "") != (n.SMTPPassword == "") {
		fail("SKM_SMTP_USER and SKM_SMTP_PASSWORD are set together or not at all")
	}
	if n.WebhookURL != "" {
		if u, err := url.Parse(n.WebhookURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fail("SKM_WEBHOOK_URL %q must be an absolute http(s) URL", n.WebhookURL)
		}
	}
	return n
}

// The notifier's rhythm and memory.
const (
	notifyEvery = 30 * time.Second
	// newCaseWindow is how long after receipt a case is still news: a case imported from an old
	// paper batch tells nobody.
	newCaseWindow = 24 * time.Hour
	// overdueWindow is how long after its due time an unanswered case is still escalated; within
	// it the outbox remembers that it was.
	overdueWindow = 7 * 24 * time.Hour
	// keepFinished is how long delivered and abandoned notifications stay in the outbox: longer
	// than either window, so no event is queued a second time.
	keepFinished = 30 * 24 * time.Hour
	// claimLease is how long a sender may hold an attempt without reporting before another
	// records it as interrupted and tries again.
	claimLease  = 2 * time.Minute
	maxAttempts = 10
	sendTimeout = 10 * time.Second
	deliverMany = 50
)

// backoff is the wait after failed attempt number n: a minute, doubling, at most an hour. Ten
// attempts span about four hours.
func backoff(n int) time.Duration {
	if n < 1 || n > 6 {
		return time.Hour
	}
	return time.Minute << (n - 1)
}

// notifier tells units of new cases, and units and the region's administrators of overdue ones
// (escalation), by email and by webhook. It never runs in a resident's request: every instance
// finds the events in the tallies it folds anyway, queues each message in the outbox under a key
// derived from the event (so the first instance's insert wins), and sends what is due, claiming
// each attempt first (so no two instances send it), retrying failures with backoff.
type notifier struct {
	cfg    NotifyConfig
	base   string
	store  survey.Store
	outbox survey.Outbox
	log    *slog.Logger
	now    func() time.Time
	sender string
	client *http.Client

	mu sync.Mutex
	// queued remembers, until the time, the notifications this instance queued or found queued,
	// so a sweep does not insert them again.
	queued map[string]time.Time
}

func newNotifier(cfg Config, store survey.Store, log *slog.Logger, now func() time.Time) (*notifier, error) {
	outbox, ok := store.(survey.Outbox)
	if !ok {
		return nil, errors.New("the store has no outbox for notifications")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return &notifier{cfg: cfg.Notify, base: cfg.BaseURL, store: store, outbox: outbox, log: log, now: now,
		sender: hex.EncodeToString(b), client: &http.Client{Timeout: sendTimeout}, queued: map[string]time.Time{}}, nil
}

// startNotifier runs the notifier in the engine's jobs when email or a webhook is configured.
func startNotifier(ctx context.Context, j *jobs, cfg Config, store survey.Store, log *slog.Logger) {
	if !cfg.Notify.email() && !cfg.Notify.webhook() {
		return
	}
	n, err := newNotifier(cfg, store, log, time.Now)
	if err != nil {
		log.Warn("case notifications off", "err", err)
		return
	}
	j.every(ctx, notifyEvery, func(ctx context.Context) {
		if err := n.sweep(ctx); err != nil {
			log.Warn("case notifications: find new and overdue cases", "err", err)
		}
		if err := n.deliver(ctx); err != nil {
			log.Warn("case notifications: send", "err", err)
		}
	})
	j.every(ctx, time.Hour, func(ctx context.Context) {
		if _, err := n.outbox.PurgeNotifications(ctx, n.now().Add(-keepFinished)); err != nil {
			log.Warn("case notifications: purge", "err", err)
		}
	})
}

// sweep queues a notification for every case that arrived within newCaseWindow and for every
// case that passed its due time unanswered within overdueWindow, on each configured channel.
func (n *notifier) sweep(ctx context.Context) error {
	now := n.now()
	region, err := n.store.Region(ctx)
	if err != nil {
		return err
	}
	campaigns, err := n.store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return err
	}
	n.forgetBefore(now)
	for _, camp := range campaigns {
		if camp.State != survey.StateOpen && camp.State != survey.StateClosed {
			continue
		}
		t, err := n.store.Tally(ctx, camp.Key)
		if err != nil {
			return err
		}
		for _, u := range t.Units {
			for _, cs := range u.Cases {
				if cs.Code == "" {
					continue
				}
				if age := now.Sub(cs.ReceivedAt); age <= newCaseWindow {
					if err := n.queue(ctx, survey.EventCaseNew, camp.Key, cs, region, now); err != nil {
						return err
					}
				}
				if cs.Overdue(now) && now.Sub(cs.DueAt) <= overdueWindow {
					if err := n.queue(ctx, survey.EventCaseOverdue, camp.Key, cs, region, now); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func (n *notifier) queue(ctx context.Context, event, campaign string, cs *survey.Case, region *survey.Region, now time.Time) error {
	var channels []string
	if n.cfg.email() {
		channels = append(channels, survey.ViaEmail)
	}
	if n.cfg.webhook() {
		channels = append(channels, survey.ViaWebhook)
	}
	for _, via := range channels {
		id := survey.NotificationID(event, cs.Code, via)
		if n.remembered(id) {
			continue
		}
		nt := &survey.Notification{ID: id, Event: event, Via: via, Campaign: campaign, Unit: cs.Unit, Code: cs.Code,
			ReceivedAt: cs.ReceivedAt, DueAt: cs.DueAt, CreatedAt: now}
		if via == survey.ViaEmail {
			nt.To = region.CaseRecipients(cs.Unit, event == survey.EventCaseOverdue)
			if len(nt.To) == 0 {
				// Nobody to write to yet; addresses added later are used while the event is news.
				continue
			}
		}
		if _, err := n.outbox.Enqueue(ctx, nt); err != nil {
			return err
		}
		n.remember(id, now.Add(overdueWindow+newCaseWindow))
	}
	return nil
}

func (n *notifier) remembered(id string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	_, ok := n.queued[id]
	return ok
}

func (n *notifier) remember(id string, until time.Time) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.queued[id] = until
}

func (n *notifier) forgetBefore(now time.Time) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for id, until := range n.queued {
		if now.After(until) {
			delete(n.queued, id)
		}
	}
}

// errPermanent marks a failure that retrying cannot mend, such as a channel no longer configured.
var errPermanent = errors.New("permanent")

// deliver sends the notifications that are due, one claimed attempt each. It stops claiming when
// the job's time is nearly up, so no claim is left hanging by its own deadline.
func (n *notifier) deliver(ctx context.Context) error {
	now := n.now()
	due, err := n.outbox.DueNotifications(ctx, now, deliverMany)
	if err != nil || len(due) == 0 {
		return err
	}
	region, err := n.store.Region(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, nt := range due {
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < sendTimeout+2*time.Second {
			return nil
		}
		attempt := nt.Attempts + 1
		claimed, since, err := n.outbox.ClaimAttempt(ctx, nt.ID, attempt, n.sender, now)
		if err != nil {
			return err
		}
		if !claimed {
			if now.Sub(since) > claimLease {
				n.record(ctx, nt, attempt, since.Add(claimLease), errors.New("interrupted: the sender stopped before reporting"))
			}
			continue
		}
		if _, ok := names[nt.Unit]; !ok {
			names[nt.Unit] = nt.Unit
			if u, err := n.store.Unit(ctx, nt.Unit); err == nil {
				names[nt.Unit] = u.Name.ID
			}
		}
		sendCtx, cancel := context.WithTimeout(ctx, sendTimeout)
		err = n.send(sendCtx, nt, region, names[nt.Unit])
		cancel()
		n.record(ctx, nt, attempt, n.now(), err)
	}
	return nil
}

// record writes how an attempt went: a failure is retried after its backoff, up to maxAttempts,
// unless it is permanent.
func (n *notifier) record(ctx context.Context, nt *survey.Notification, attempt int, at time.Time, sendErr error) {
	a := survey.Attempt{N: attempt, At: at}
	if sendErr != nil {
		a.Err = sendErr.Error()
		if len(a.Err) > 300 {
			a.Err = a.Err[:300]
		}
		if attempt < maxAttempts && !errors.Is(sendErr, errPermanent) {
			a.NextAt = at.Add(backoff(attempt))
		}
		n.log.Warn("case notification not delivered", "id", nt.ID, "attempt", attempt, "retry", !a.NextAt.IsZero(), "err", sendErr)
	}
	if err := n.outbox.RecordAttempt(ctx, nt.ID, a); err != nil {
		n.log.Warn("case notification attempt not recorded", "id", nt.ID, "attempt", attempt, "err", err)
	}
}

func (n *notifier) send(ctx context.Context, nt *survey.Notification, region *survey.Region, unitName string) error {
	switch nt.Via {
	case survey.ViaEmail:
		if !n.cfg.email() {
			return fmt.Errorf("email is no longer configured: %w", errPermanent)
		}
		return n.sendMail(ctx, nt.To, n.mailMessage(nt, region, unitName))
	case survey.ViaWebhook:
		if !n.cfg.webhook() {
			return fmt.Errorf("the webhook is no longer configured: %w", errPermanent)
		}
		return n.postWebhook(ctx, nt, unitName)
	}
	return fmt.Errorf("unknown channel %q: %w", nt.Via, errPermanent)
}

// caseURL is the staff page of the case, where the unit reads and answers it after signing in.
func (n *notifier) caseURL(code string) string { return n.base + casePath(code) }

// Package notify tells units of new complaints, and units and the region's administrators of
// overdue ones, by email and by webhook, through the store's exactly-once outbox. Suggestions and
// praise ask for no answer: they are read on the dashboard and the desk, and never notified.
package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/survey"
)

// The notifier's rhythm and memory.
const (
	// Every is how often the notifier looks for news and sends what is due.
	Every = 30 * time.Second
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

// Notifier tells units of new cases, and units and the region's administrators of overdue ones
// (escalation), by email and by webhook. It never runs in a resident's request: every instance
// finds the events in the tallies it folds anyway, queues each message in the outbox under a key
// derived from the event (so the first instance's insert wins), and sends what is due, claiming
// each attempt first (so no two instances send it), retrying failures with backoff.
type Notifier struct {
	cfg    config.Notify
	base   string
	store  survey.Store
	log    *slog.Logger
	now    func() time.Time
	sender string
	client *http.Client

	mu sync.Mutex
	// queued remembers, until the time, the notifications this instance queued or found queued,
	// so a sweep does not insert them again.
	queued map[string]time.Time
}

// New returns the notifier of the configured channels.
func New(cfg config.Config, store survey.Store, log *slog.Logger, now func() time.Time) (*Notifier, error) {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return &Notifier{cfg: cfg.Notify, base: cfg.BaseURL, store: store, log: log, now: now,
		sender: hex.EncodeToString(b), client: &http.Client{Timeout: sendTimeout}, queued: map[string]time.Time{}}, nil
}

// Purge deletes the notifications that finished long enough ago that no event can queue them
// again.
func (n *Notifier) Purge(ctx context.Context) error {
	_, err := n.store.PurgeNotifications(ctx, n.now().Add(-keepFinished))
	return err
}

// Sweep queues a notification for every complaint whose clock started within newCaseWindow
// (its receipt, or its reclassification as a complaint) and for every complaint that passed its
// due time unanswered within overdueWindow, on each configured channel.
func (n *Notifier) Sweep(ctx context.Context) error {
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
				if !cs.Clocked() {
					continue
				}
				if age := now.Sub(cs.ClockStart()); age <= newCaseWindow {
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

func (n *Notifier) queue(ctx context.Context, event, campaign string, cs *survey.Case, region *survey.Region, now time.Time) error {
	var channels []string
	if n.cfg.Email() {
		channels = append(channels, survey.ViaEmail)
	}
	if n.cfg.Webhook() {
		channels = append(channels, survey.ViaWebhook)
	}
	for _, via := range channels {
		id := survey.NotificationID(event, cs.ID, via)
		if n.remembered(id) {
			continue
		}
		nt := &survey.Notification{ID: id, Event: event, Via: via, Campaign: campaign, Unit: cs.Unit, Case: cs.ID,
			ReceivedAt: cs.ReceivedAt, DueAt: cs.DueAt, CreatedAt: now}
		if via == survey.ViaEmail {
			nt.To = region.CaseRecipients(cs.Unit, event == survey.EventCaseOverdue)
			if len(nt.To) == 0 {
				// Nobody to write to yet; addresses added later are used while the event is news.
				continue
			}
		}
		if _, err := n.store.Enqueue(ctx, nt); err != nil {
			return err
		}
		n.remember(id, now.Add(overdueWindow+newCaseWindow))
	}
	return nil
}

func (n *Notifier) remembered(id string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	_, ok := n.queued[id]
	return ok
}

func (n *Notifier) remember(id string, until time.Time) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.queued[id] = until
}

func (n *Notifier) forgetBefore(now time.Time) {
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

// Deliver sends the notifications that are due, one claimed attempt each. It stops claiming when
// the job's time is nearly up, so no claim is left hanging by its own deadline.
func (n *Notifier) Deliver(ctx context.Context) error {
	now := n.now()
	due, err := n.store.DueNotifications(ctx, now, deliverMany)
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
		claimed, since, err := n.store.ClaimAttempt(ctx, nt.ID, attempt, n.sender, now)
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
func (n *Notifier) record(ctx context.Context, nt *survey.Notification, attempt int, at time.Time, sendErr error) {
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
	if err := n.store.RecordAttempt(ctx, nt.ID, a); err != nil {
		n.log.Warn("case notification attempt not recorded", "id", nt.ID, "attempt", attempt, "err", err)
	}
}

func (n *Notifier) send(ctx context.Context, nt *survey.Notification, region *survey.Region, unitName string) error {
	switch nt.Via {
	case survey.ViaEmail:
		if !n.cfg.Email() {
			return fmt.Errorf("email is no longer configured: %w", errPermanent)
		}
		return n.sendMail(ctx, nt.To, n.mailMessage(nt, region, unitName))
	case survey.ViaWebhook:
		if !n.cfg.Webhook() {
			return fmt.Errorf("the webhook is no longer configured: %w", errPermanent)
		}
		return n.postWebhook(ctx, nt, unitName)
	}
	return fmt.Errorf("unknown channel %q: %w", nt.Via, errPermanent)
}

// caseURL is the staff page of the case, where the unit reads and answers it after signing in.
func (n *Notifier) caseURL(id string) string { return n.base + link.Case(id) }

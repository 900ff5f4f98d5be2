// Package jobs runs the engine's periodic work: opening and closing campaigns on schedule,
// expiring sessions and attempt counters (the embedded store has no TTL indexes), the retention
// of raw responses, and case notifications. Every instance runs them; each step is idempotent,
// so two instances doing it at once agree.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/notify"
	"github.com/skm-engine/skm/survey"
)

// Jobs are the running periodic work of one instance.
type Jobs struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Start runs the periodic work until Stop.
func Start(cfg config.Config, store survey.Store, accounts survey.AccountStore, log *slog.Logger) *Jobs {
	ctx, cancel := context.WithCancel(context.Background())
	j := &Jobs{cancel: cancel}
	j.every(ctx, 30*time.Second, func(ctx context.Context) {
		if err := runSchedule(ctx, store, time.Now()); err != nil {
			log.Warn("campaign schedule", "err", err)
		}
	})
	j.every(ctx, 10*time.Minute, func(ctx context.Context) {
		now := time.Now()
		if _, err := accounts.DeleteSessions(ctx, "", now.Add(-survey.SessionIdle), now.Add(-survey.SessionMax)); err != nil {
			log.Warn("expire sessions", "err", err)
		}
		if err := accounts.PurgeAttempts(ctx, now.Add(-24*time.Hour)); err != nil {
			log.Warn("purge attempts", "err", err)
		}
	})
	j.notify(ctx, cfg, store, log)
	if cfg.Retention > 0 {
		j.every(ctx, time.Hour, func(ctx context.Context) {
			if err := runRetention(ctx, store, accounts, cfg.Retention, time.Now(), log); err != nil {
				log.Warn("retention", "err", err)
			}
		})
	}
	return j
}

func (j *Jobs) every(ctx context.Context, d time.Duration, fn func(context.Context)) {
	j.wg.Add(1)
	go func() {
		defer j.wg.Done()
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			step, cancel := context.WithTimeout(ctx, d)
			fn(step)
			cancel()
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Stop ends the periodic work and waits for a step under way.
func (j *Jobs) Stop() {
	j.cancel()
	j.wg.Wait()
}

// runSchedule closes open campaigns whose time is up, then opens draft campaigns whose time has
// come, so one semester hands over to the next in a single pass.
func runSchedule(ctx context.Context, store survey.Store, now time.Time) error {
	campaigns, err := store.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return err
	}
	for _, closing := range []bool{true, false} {
		for _, c := range campaigns {
			to, ok := c.ScheduledMove(now)
			if !ok || (to == survey.StateClosed) != closing {
				continue
			}
			if _, err := store.TransitionCampaign(ctx, c.Key, to, "schedule", now); err != nil && survey.ErrorCode(err) != survey.ECONFLICT {
				return err
			}
		}
	}
	return nil
}

// runRetention deletes the raw responses of campaigns archived more than months ago; their
// tallies and reports remain.
func runRetention(ctx context.Context, store survey.Store, accounts survey.AccountStore, months int, now time.Time, log *slog.Logger) error {
	archived, err := store.Campaigns(ctx, survey.CampaignFilter{State: survey.StateArchived})
	if err != nil {
		return err
	}
	for _, c := range archived {
		if now.Before(c.ArchivedAt().AddDate(0, months, 0)) {
			continue
		}
		n, err := store.PurgeResponses(ctx, c.Key, now)
		if err != nil {
			return err
		}
		if n > 0 {
			log.Info("retention: raw responses deleted", "campaign", c.Key, "responses", n)
			_ = accounts.Audit(ctx, &survey.AuditEntry{At: now, Actor: "retention", Action: "retention.purge", Target: c.Key,
				Detail: fmt.Sprintf("%d responses deleted after %d months", n, months)})
		}
	}
	return nil
}

// notify tells units and administrators of new and overdue cases, when email or a webhook is set.
func (j *Jobs) notify(ctx context.Context, cfg config.Config, store survey.Store, log *slog.Logger) {
	if !cfg.Notify.Email() && !cfg.Notify.Webhook() {
		return
	}
	n, err := notify.New(cfg, store, log, time.Now)
	if err != nil {
		log.Warn("case notifications off", "err", err)
		return
	}
	j.every(ctx, notify.Every, func(ctx context.Context) {
		if err := n.Sweep(ctx); err != nil {
			log.Warn("case notifications: find new and overdue cases", "err", err)
		}
		if err := n.Deliver(ctx); err != nil {
			log.Warn("case notifications: send", "err", err)
		}
	})
	j.every(ctx, time.Hour, func(ctx context.Context) {
		if err := n.Purge(ctx); err != nil {
			log.Warn("case notifications: purge", "err", err)
		}
	})
}

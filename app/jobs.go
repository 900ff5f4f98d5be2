package app

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/skm-engine/skm/survey"
)

// jobs are the engine's periodic work: opening and closing campaigns on schedule, and expiring
// sessions and attempt counters (the embedded store has no TTL indexes). Every instance runs
// them; each step is idempotent, so two instances doing it at once agree.
type jobs struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func startJobs(cfg Config, store survey.Store, accounts survey.AccountStore, log *slog.Logger) *jobs {
	ctx, cancel := context.WithCancel(context.Background())
	j := &jobs{cancel: cancel}
	j.every(ctx, 30*time.Second, func(ctx context.Context) {
		if err := runSchedule(ctx, store, time.Now()); err != nil {
			log.Warn("campaign schedule", "err", err)
		}
	})
	j.every(ctx, 10*time.Minute, func(ctx context.Context) {
		now := time.Now()
		if _, err := accounts.DeleteSessions(ctx, "", now.Add(-sessionIdle), now.Add(-sessionMax)); err != nil {
			log.Warn("expire sessions", "err", err)
		}
		if err := accounts.PurgeAttempts(ctx, now.Add(-24*time.Hour)); err != nil {
			log.Warn("purge attempts", "err", err)
		}
	})
	startNotifier(ctx, j, cfg, store, log)
	if cfg.Retention > 0 {
		j.every(ctx, time.Hour, func(ctx context.Context) {
			if err := runRetention(ctx, store, accounts, cfg.Retention, time.Now(), log); err != nil {
				log.Warn("retention", "err", err)
			}
		})
	}
	return j
}

func (j *jobs) every(ctx context.Context, d time.Duration, fn func(context.Context)) {
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

func (j *jobs) stop() {
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
	for _, c := range campaigns {
		if c.State == survey.StateOpen && !c.ClosesAt.IsZero() && !now.Before(c.ClosesAt) {
			if _, err := store.TransitionCampaign(ctx, c.Key, survey.StateClosed, "schedule", now); err != nil && survey.ErrorCode(err) != survey.ECONFLICT {
				return err
			}
		}
	}
	for _, c := range campaigns {
		inWindow := !c.OpensAt.IsZero() && !now.Before(c.OpensAt) && (c.ClosesAt.IsZero() || now.Before(c.ClosesAt))
		if c.State == survey.StateDraft && inWindow {
			if _, err := store.TransitionCampaign(ctx, c.Key, survey.StateOpen, "schedule", now); err != nil && survey.ErrorCode(err) != survey.ECONFLICT {
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

package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

func TestRetentionPurgesOnlyDueCampaigns(t *testing.T) {
	e := newTestEnv(t)
	c := e.seed()
	ctx := context.Background()
	for i := 0; i < 6; i++ {
		r := &survey.Response{Key: fmt.Sprintf("retention-test-key-%04d", i), Campaign: c.Key, Unit: "dpmptsp", Questionnaire: c.Questionnaire,
			Channel: survey.ChannelWeb, SubmittedAt: e.now, Day: "2026-08-17", Suggestion: "Antrean panjang", Answers: survey.Answers{4, 3, 3, 4, 3, 3, 4, 3, 3}}
		if _, err := e.store.Submit(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	archived := time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)
	for _, to := range []survey.State{survey.StateClosed, survey.StateArchived} {
		if _, err := e.store.TransitionCampaign(ctx, c.Key, to, "admin", archived); err != nil {
			t.Fatal(err)
		}
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := runRetention(ctx, e.store, e.store, 24, archived.AddDate(0, 23, 0), quiet); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.Response(ctx, "retention-test-key-0001"); err != nil {
		t.Fatalf("purged before the retention period ended: %v", err)
	}
	if err := runRetention(ctx, e.store, e.store, 24, archived.AddDate(0, 24, 1), quiet); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.Response(ctx, "retention-test-key-0001"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("raw response kept past retention: %v", err)
	}
	tally, _ := e.store.Tally(ctx, c.Key)
	if got := tally.Unit("dpmptsp").Total().All.Respondents; got != 6 {
		t.Errorf("tallies after the purge count %d respondents, want 6", got)
	}
	entries, _ := e.store.AuditEntries(ctx, survey.AuditFilter{Action: "retention.purge"})
	if len(entries) != 1 || entries[0].Target != c.Key {
		t.Errorf("audit of the purge: %+v", entries)
	}
}

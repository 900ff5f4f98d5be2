package jobs

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

func TestRetentionPurgesOnlyDueCampaigns(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	ctx := context.Background()
	for i := 0; i < 6; i++ {
		r := &survey.Response{Key: fmt.Sprintf("retention-test-key-%04d", i), Campaign: c.Key, Unit: "dpmptsp", Questionnaire: c.Questionnaire,
			Channel: survey.ChannelWeb, SubmittedAt: e.Now, Day: "2026-08-17", Suggestion: "Antrean panjang", Answers: survey.Answers{4, 3, 3, 4, 3, 3, 4, 3, 3}}
		if _, err := e.Store.Submit(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	archived := time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)
	for _, to := range []survey.State{survey.StateClosed, survey.StateArchived} {
		if _, err := e.Store.TransitionCampaign(ctx, c.Key, to, "admin", archived); err != nil {
			t.Fatal(err)
		}
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := runRetention(ctx, e.Store, e.Store, 24, archived.AddDate(0, 23, 0), quiet); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.Response(ctx, "retention-test-key-0001"); err != nil {
		t.Fatalf("purged before the retention period ended: %v", err)
	}
	if err := runRetention(ctx, e.Store, e.Store, 24, archived.AddDate(0, 24, 1), quiet); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.Response(ctx, "retention-test-key-0001"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("raw response kept past retention: %v", err)
	}
	tally, _ := e.Store.Tally(ctx, c.Key)
	if got := tally.Unit("dpmptsp").Total().All.Respondents; got != 6 {
		t.Errorf("tallies after the purge count %d respondents, want 6", got)
	}
	entries, _ := e.Store.AuditEntries(ctx, survey.AuditFilter{Action: "retention.purge"})
	if len(entries) != 1 || entries[0].Target != c.Key {
		t.Errorf("audit of the purge: %+v", entries)
	}
}

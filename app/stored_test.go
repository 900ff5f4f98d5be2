package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/survey"
)

// checkAcknowledged opens the store at uri and checks, in the stored documents, that every
// acknowledged submission is there and counted by the commit of its tally-log entry. It returns
// the open campaign's key.
func checkAcknowledged(t *testing.T, cfg config.Config, acked []string) string {
	t.Helper()
	ctx := context.Background()
	db, err := app.OpenDatabase(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lost := 0
	for _, key := range acked {
		var d struct {
			Campaign string `bson:"campaign"`
			Seq      int64  `bson:"seq"`
		}
		if err := db.Raw().Collection("responses").FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&d); err != nil {
			lost++
			t.Errorf("acknowledged response %s is not stored: %v", key, err)
			continue
		}
		var c struct {
			Excluded []string `bson:"excluded"`
		}
		err := db.Raw().Collection("tally_commits").FindOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprintf("%s/%d", d.Campaign, d.Seq)}}).Decode(&c)
		if err != nil || strings.Contains(" "+strings.Join(c.Excluded, " ")+" ", " "+key+" ") {
			lost++
			t.Errorf("acknowledged response %s is not counted by its entry %d: %v", key, d.Seq, err)
		}
	}
	open, err := db.Store.Campaigns(ctx, survey.CampaignFilter{State: survey.StateOpen})
	if err != nil || len(open) != 1 {
		t.Fatalf("open campaign: %v %v", open, err)
	}
	t.Logf("%d acknowledged submissions, %d lost", len(acked), lost)
	return open[0].Key
}

// adminToken creates an administrator's API token in the store at uri.
func adminToken(t *testing.T, uri string) string {
	t.Helper()
	out, code := execSKM(t, "token", "create", "--mongodb-uri", uri, "--name", "verify", "--role", "admin")
	if code != 0 {
		t.Fatalf("skm token create: exit %d\n%s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

// verifyEach asks every instance to recount the campaign against the tallies it holds.
func verifyEach(t *testing.T, token, campaign string, instances ...*process) {
	t.Helper()
	for _, p := range instances {
		out, code := execSKM(t, "verify", "--url", p.base, "--token", token, campaign)
		if code != 0 {
			t.Errorf("skm verify --url %s: exit %d\n%s", p.base, code, out)
		} else {
			t.Log(strings.TrimSpace(out))
		}
	}
}

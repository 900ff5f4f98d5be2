package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

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
		err := db.Raw().Collection("responses").FindOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprintf("%s/%d/commit", d.Campaign, d.Seq)}}).Decode(&c)
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

// counted asks an instance, through the API, how many responses of the unit its tallies hold.
func counted(t *testing.T, base, token, campaign, unit string) int64 {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/campaigns/"+campaign+"/units/"+unit+"/results", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("results at %s: %v", base, err)
	}
	defer resp.Body.Close()
	var res struct {
		Respondents int64 `json:"respondents"`
		Flagged     int64 `json:"flagged"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("results at %s: %d %v", base, resp.StatusCode, err)
	}
	// A load test's answers come faster than residents give them: most are flagged, stored and
	// left out of the index, and stored is what is checked here.
	return res.Respondents + res.Flagged
}

// waitCounted waits until every instance counts at least want respondents of the unit: an
// instance that died left its last claims open, and the others recover them once they have
// watched them for the store's stale-claim time.
func waitCounted(t *testing.T, token, campaign, unit string, want int64, instances ...*process) {
	t.Helper()
	for _, p := range instances {
		start := time.Now()
		for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(500 * time.Millisecond) {
			n := counted(t, p.base, token, campaign, unit)
			if n >= want {
				t.Logf("%s counts every acknowledged submission after %v more", p.base, time.Since(start).Round(time.Second))
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s counts %d respondents, want at least %d", p.base, n, want)
			}
		}
	}
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

package dashboard_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/dashboard"
	"github.com/skm-engine/skm/survey"
)

// BenchmarkUnitDashboardFromStore serves GET /dasbor/unit/:unit through the whole server on the
// embedded store, whose responses are counted once into tallies: at 1,000 and 10,000 responses
// the request reads the same tallies, so it takes about as long.
func BenchmarkUnitDashboardFromStore(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("responses=%d", n), func(b *testing.B) {
			ctx := context.Background()
			e := apptest.New(b)
			store, now := e.Store, e.Now
			unit := &survey.Unit{Slug: "dpmptsp", Name: survey.Text{ID: "DPMPTSP"}, Active: true, Services: []survey.Service{{Code: "pbg", Name: survey.Text{ID: "PBG"}}}}
			q := survey.StandardQuestionnaire()
			camp := &survey.Campaign{Key: "2026-S2", Questionnaire: "", Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 50000}}}
			if err := store.CreateUnit(ctx, unit); err != nil {
				b.Fatal(err)
			}
			if err := store.CreateQuestionnaire(ctx, q); err != nil {
				b.Fatal(err)
			}
			camp.Questionnaire = q.ID
			if err := store.CreateCampaign(ctx, camp); err != nil {
				b.Fatal(err)
			}
			if _, err := store.TransitionCampaign(ctx, camp.Key, survey.StateOpen, "bench", now); err != nil {
				b.Fatal(err)
			}
			for done := 0; done < n; done += 1000 {
				batch := make([]*survey.Response, 0, 1000)
				for i := done; i < done+1000; i++ {
					at := now.Add(-time.Duration(i) * time.Minute)
					r := &survey.Response{Key: fmt.Sprintf("bench-response-%08d", i), Campaign: camp.Key, Unit: "dpmptsp", Service: "pbg",
						Questionnaire: q.ID, Channel: survey.ChannelWeb, SubmittedAt: at, Day: at.Format(time.DateOnly),
						Profile: survey.Profile{Gender: "L", Age: 20 + i%40, Education: "SMA", Occupation: "Swasta"}}
					for e := range r.Answers {
						r.Answers[e] = int8(1 + (i*7+e)%4)
					}
					batch = append(batch, r)
				}
				if _, err := store.SubmitAll(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			hash, _ := web.HashPassword(apptest.Password)
			if err := store.CreateUser(ctx, &survey.User{Username: "admin1", Name: "Admin", Role: survey.RoleAdmin, PasswordHash: hash}); err != nil {
				b.Fatal(err)
			}
			session := "bench-session-value-0123456789abcdef"
			if err := store.CreateSession(ctx, &survey.Session{Hash: web.HashSecret(session), Username: "admin1", CreatedAt: now, SeenAt: now}); err != nil {
				b.Fatal(err)
			}
			get := func() {
				req := httptest.NewRequest(http.MethodGet, "/dasbor/unit/dpmptsp", nil)
				req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: session})
				resp, err := e.App.Test(req, 30_000)
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("GET: %v %v", resp, err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			get()
			cpu := dashboard.ProcessCPU()
			for b.Loop() {
				get()
			}
			b.ReportMetric(float64(dashboard.ProcessCPU()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

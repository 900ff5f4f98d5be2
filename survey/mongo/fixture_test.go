package mongo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

var ctx = context.Background()

// mustSeed creates two units, the standard questionnaire and an open campaign 2026-S2.
func mustSeed(tb testing.TB, s survey.Store) *survey.Campaign {
	tb.Helper()
	for _, u := range []*survey.Unit{
		{Slug: "dpmptsp", Name: survey.Text{ID: "Dinas Penanaman Modal dan PTSP", EN: "Investment and One-Stop Service Office"}, OPD: "DPMPTSP", Active: true,
			Services: []survey.Service{{Code: "izin-usaha", Name: survey.Text{ID: "Izin usaha"}}, {Code: "pbg", Name: survey.Text{ID: "Persetujuan bangunan gedung"}}}},
		{Slug: "rsud-blambangan", Name: survey.Text{ID: "RSUD Blambangan"}, OPD: "Dinas Kesehatan", Active: true},
	} {
		if err := s.CreateUnit(ctx, u); err != nil {
			tb.Fatalf("create unit: %v", err)
		}
	}
	q := survey.StandardQuestionnaire()
	if err := s.CreateQuestionnaire(ctx, q); err != nil {
		tb.Fatalf("create questionnaire: %v", err)
	}
	c := &survey.Campaign{Key: "2026-S2", Questionnaire: q.ID, Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 1000}, {Unit: "rsud-blambangan"}}}
	if err := s.CreateCampaign(ctx, c); err != nil {
		tb.Fatalf("create campaign: %v", err)
	}
	c, err := s.TransitionCampaign(ctx, c.Key, survey.StateOpen, "test", time.Now())
	if err != nil {
		tb.Fatalf("open campaign: %v", err)
	}
	return c
}

// response returns a valid response number i for the unit, with answers varying by i.
func response(campaign, unit string, i int) *survey.Response {
	r := &survey.Response{
		Key: fmt.Sprintf("key-%s-%08d", unit, i), Campaign: campaign, Unit: unit, Questionnaire: "v1",
		Channel: survey.ChannelWeb, SubmittedAt: time.Date(2026, 8, 1+i%28, 9, 0, 0, 0, time.UTC),
		Profile: survey.Profile{Gender: survey.Genders[i%2], Age: 18 + i%60, Education: survey.Educations[i%7], Occupation: survey.Occupations[i%6]},
	}
	r.Day = r.SubmittedAt.Format(time.DateOnly)
	for e := range r.Answers {
		r.Answers[e] = int8(1 + (i+e)%4)
	}
	if i%10 == 3 {
		r.Answers[2] = 0 // a blank answer now and then
	}
	if unit == "dpmptsp" {
		r.Service = []string{"izin-usaha", "pbg", ""}[i%3]
	}
	if i%7 == 0 {
		r.Suggestion = fmt.Sprintf("Saran nomor %d", i)
		r.CaseCode, r.CaseDue = survey.NewCaseCode(), r.SubmittedAt.Add(4*time.Hour)
	}
	return r
}

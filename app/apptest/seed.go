package apptest

import (
	"context"
	"fmt"
	"time"

	"github.com/skm-engine/skm/survey"
)

// SeedTwoSemesters gives the environment a closed 2026-S1, in which DPMPTSP's U3 scored 50.00 (all
// else 75.00), and the open 2026-S2, in which U3 came up to 75.00. A suggestion in S1 holds
// SecretText, which no public page may show.
func (e *Env) SeedTwoSemesters() {
	t := e.T
	t.Helper()
	ctx := context.Background()
	s2 := e.Seed()
	if _, err := e.Store.TransitionCampaign(ctx, s2.Key, survey.StateClosed, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	s1 := &survey.Campaign{Key: "2026-S1", Questionnaire: s2.Questionnaire, Units: s2.Units}
	if err := e.Store.CreateCampaign(ctx, s1); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.TransitionCampaign(ctx, s1.Key, survey.StateOpen, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	weak := survey.Answers{3, 3, 2, 3, 3, 3, 3, 3, 3}
	e.SubmitAnswers("2026-S1", "dpmptsp", 12, weak, SecretText)
	e.SubmitAnswers("2026-S1", "rsud-blambangan", 6, survey.Answers{4, 4, 4, 4, 4, 4, 4, 3, 4}, "")
	for _, step := range []struct {
		key string
		to  survey.State
	}{{"2026-S1", survey.StateClosed}, {"2026-S2", survey.StateOpen}} {
		if _, err := e.Store.TransitionCampaign(ctx, step.key, step.to, "test", e.Now); err != nil {
			t.Fatal(err)
		}
	}
	e.SubmitAnswers("2026-S2", "dpmptsp", 12, survey.Answers{3, 3, 3, 3, 3, 3, 3, 3, 3}, "")
}

// SecretText is a resident's suggestion that no public page may show.
const SecretText = "RAHASIA-TEKS-WARGA"

// SubmitAnswers stores n responses with the answers to the unit, the first with the suggestion.
func (e *Env) SubmitAnswers(campaign, unit string, n int, a survey.Answers, suggestion string) {
	t := e.T
	t.Helper()
	var rs []*survey.Response
	for i := range n {
		r := &survey.Response{Key: fmt.Sprintf("seed-%s-%s-%04d", campaign, unit, i), Campaign: campaign, Unit: unit, Questionnaire: "v1",
			Answers: a, Channel: survey.ChannelWeb, SubmittedAt: e.Now, Day: "2026-08-17"}
		if i == 0 && suggestion != "" {
			r.Suggestion, r.CaseKind = suggestion, survey.KindSuggestion
		}
		rs = append(rs, r)
	}
	if _, err := e.Store.SubmitAll(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
}

// SubmitGenerated stores n generated web responses for the unit in campaign 2026-S2, the service
// izin-usaha, with profiles, a minute apart from the environment's clock; their days are counted
// in the region's time zone, as the survey form counts them.
func (e *Env) SubmitGenerated(unit string, n int) {
	t, now := e.T, e.Now
	t.Helper()
	region, err := e.Store.Region(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var rs []*survey.Response
	for i := range n {
		at := now.Add(time.Duration(i) * time.Minute)
		r := &survey.Response{Key: fmt.Sprintf("report-%s-%04d", unit, i), Campaign: "2026-S2", Unit: unit, Questionnaire: "v1",
			Service: "izin-usaha", Channel: survey.ChannelWeb, SubmittedAt: at, Day: at.In(region.Location()).Format(time.DateOnly),
			Profile: survey.Profile{Gender: survey.Genders[i%2], Age: 20 + i, Education: "SMA", Occupation: "Swasta"}}
		for e := range r.Answers {
			r.Answers[e] = int8(2 + (i+e)%3)
		}
		rs = append(rs, r)
	}
	if _, err := e.Store.SubmitAll(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
}

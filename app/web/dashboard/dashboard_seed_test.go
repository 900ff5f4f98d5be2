package dashboard_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

// Free text the dashboard tests look for: a formula a spreadsheet would run, and markup a page
// must escape.
const (
	formulaSuggestion = `=HYPERLINK("http://evil.test","klik")`
	markupSuggestion  = `<script>alert(1)</script> antrean lama`
	plainSuggestion   = "Petugas ramah, ruang tunggu panas."
)

// seedDashboard seeds two semesters: 2026-S1 (closed) and 2026-S2 (open, as e.seed leaves it),
// with responses to both units whose answers, profiles, days, flags and suggestions vary by a
// fixed rule, so the tests can recompute every figure from the store's tallies.
func seedDashboard(e *apptest.Env) {
	e.T.Helper()
	ctx := context.Background()
	cur := e.Seed()
	prev := &survey.Campaign{Key: "2026-S1", Questionnaire: cur.Questionnaire, Units: cur.Units}
	if err := e.Store.CreateCampaign(ctx, prev); err != nil {
		e.T.Fatal(err)
	}
	transition := func(key string, to survey.State) {
		if _, err := e.Store.TransitionCampaign(ctx, key, to, "test", e.Now); err != nil {
			e.T.Fatalf("%s to %s: %v", key, to, err)
		}
	}
	transition(cur.Key, survey.StateClosed)
	transition(prev.Key, survey.StateOpen)
	dashSubmit(e, prev, "dpmptsp", 30, 0, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	dashSubmit(e, prev, "rsud-blambangan", 12, 1, time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC))
	transition(prev.Key, survey.StateClosed)
	transition(cur.Key, survey.StateOpen)
	dashSubmit(e, cur, "dpmptsp", 40, 1, time.Date(2026, 8, 10, 8, 0, 0, 0, time.UTC))
	dashSubmit(e, cur, "rsud-blambangan", 20, 2, time.Date(2026, 8, 12, 8, 0, 0, 0, time.UTC))
}

// dashSubmit stores n responses to a unit from a seeded generator. lift raises the answers, so
// semesters and units differ.
func dashSubmit(e *apptest.Env, camp *survey.Campaign, unit string, n, lift int, start time.Time) {
	e.T.Helper()
	u, err := e.Store.Unit(context.Background(), unit)
	if err != nil {
		e.T.Fatal(err)
	}
	suggestions := []string{formulaSuggestion, markupSuggestion, plainSuggestion}
	rng := rand.New(rand.NewPCG(uint64(n), uint64(lift)))
	var rs []*survey.Response
	for i := range n {
		at := start.Add(time.Duration(i%5)*24*time.Hour + time.Duration(i)*time.Minute)
		r := &survey.Response{
			Key:      fmt.Sprintf("%s-%s-%04d-abcdefgh", camp.Key, unit, i),
			Campaign: camp.Key, Unit: unit, Service: u.Services[i%len(u.Services)].Code, Questionnaire: camp.Questionnaire,
			Channel:     survey.Channels[i%3],
			SubmittedAt: at, Day: at.In(time.FixedZone("WIB", 7*3600)).Format(time.DateOnly),
			Profile: survey.Profile{Age: 18 + i*7%50, Education: survey.Educations[i%len(survey.Educations)],
				Occupation: survey.Occupations[i%len(survey.Occupations)]},
		}
		switch {
		case i%8 < 5:
			r.Profile.Gender = "L"
		case i%8 < 7:
			r.Profile.Gender = "P"
		}
		mood := rng.NormFloat64() * 0.4
		for el := range r.Answers {
			v := 2.6 + 0.25*float64(lift) + float64(el%4)*0.2 - float64(el%3)*0.15 + mood + rng.NormFloat64()*0.5
			r.Answers[el] = int8(min(4, max(1, int(v+0.5))))
		}
		if i%11 == 0 {
			r.Answers[7] = 0
		}
		if i%9 == 4 {
			r.Answers = survey.Answers{3, 3, 3, 3, 3, 3, 3, 3, 3}
			r.Flags = []string{survey.FlagStraightLined}
		}
		if i%7 == 3 {
			r.Suggestion = suggestions[(i/7)%len(suggestions)]
			r.CaseCode, r.CaseDue = survey.NewCaseCode(), at.Add(4*time.Hour)
		}
		rs = append(rs, r)
	}
	if _, err := e.Store.SubmitAll(context.Background(), rs); err != nil {
		e.T.Fatal(err)
	}
}

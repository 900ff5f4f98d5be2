package app_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// TestFlaggedResponsesAreLeftOutOfTheIndex has three residents answer 4 to every question, each
// taking their time (the same answer everywhere is noted but counted: a satisfied resident gives
// it), and two answer 1 everywhere at once (too fast): the index the API gives for the unit and
// for the region counts the three alone, and says the two were flagged.
func TestFlaggedResponsesAreLeftOutOfTheIndex(t *testing.T) {
	e := apptest.New(t)
	c := e.Seed()
	var slow []*apptest.Browser
	var slowForms []string
	for range 3 {
		b := e.Browser()
		_, body := b.Get("/s/dpmptsp")
		slow, slowForms = append(slow, b), append(slowForms, body)
	}
	for range 2 {
		b := e.Browser()
		_, body := b.Get("/s/dpmptsp")
		if resp, _ := b.Post("/s/dpmptsp", apptest.Filled(t, body, "1")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a fast answer: %d", resp.StatusCode)
		}
	}
	e.Now = e.Now.Add(2 * time.Minute)
	for i, b := range slow {
		if resp, _ := b.Post("/s/dpmptsp", apptest.Filled(t, slowForms[i], "4")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a considered answer: %d", resp.StatusCode)
		}
	}
	token := e.Token(survey.RoleAdmin)
	_, body := e.API(http.MethodGet, "/api/v1/campaigns/"+c.Key+"/units/dpmptsp/results", token, "")
	var unit struct {
		Respondents int64    `json:"respondents"`
		Score       *float64 `json:"score"`
		Flagged     int64    `json:"flagged"`
	}
	if err := json.Unmarshal([]byte(body), &unit); err != nil {
		t.Fatal(err)
	}
	if unit.Score == nil || *unit.Score != 100 || unit.Respondents != 3 || unit.Flagged != 2 {
		t.Errorf("the unit's index: %s; want 100 from the 3 considered answers, 2 flagged", body)
	}
	_, body = e.API(http.MethodGet, "/api/v1/campaigns/"+c.Key+"/results", token, "")
	var region struct {
		Pooled struct {
			Respondents int64    `json:"respondents"`
			Score       *float64 `json:"score"`
		} `json:"pooled"`
	}
	if err := json.Unmarshal([]byte(body), &region); err != nil {
		t.Fatal(err)
	}
	if region.Pooled.Score == nil || *region.Pooled.Score != 100 || region.Pooled.Respondents != 3 {
		t.Errorf("the region's pooled index: %s; want 100 from 3", body)
	}
}

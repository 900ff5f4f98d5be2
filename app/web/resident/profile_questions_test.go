package resident_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// TestSurveyAsksOnlyTheVersionsProfileQuestions opens a campaign whose questionnaire version
// leaves out the service and gender questions: the form does not ask them, a response without a
// service is stored, and a gender sent anyway is not kept.
func TestSurveyAsksOnlyTheVersionsProfileQuestions(t *testing.T) {
	e := apptest.New(t)
	ctx := context.Background()
	unit := &survey.Unit{Slug: "dpmptsp", Name: survey.Text{ID: "DPMPTSP"}, Active: true,
		Services: []survey.Service{{Code: "izin-usaha", Name: survey.Text{ID: "Izin usaha"}}, {Code: "pbg", Name: survey.Text{ID: "PBG"}}}}
	if err := e.Store.CreateUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
	q := survey.StandardQuestionnaire()
	q.Omit = []string{survey.AskService, survey.AskGender}
	if err := e.Store.CreateQuestionnaire(ctx, q); err != nil {
		t.Fatal(err)
	}
	c := &survey.Campaign{Key: "2026-S2", Questionnaire: q.ID, Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 100}}}
	if err := e.Store.CreateCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.TransitionCampaign(ctx, c.Key, survey.StateOpen, "test", e.Now); err != nil {
		t.Fatal(err)
	}

	b := e.Browser()
	_, body := b.Get("/s/dpmptsp")
	d := apptest.Doc(t, body)
	for sel, want := range map[string]int{"#service": 0, "input[name=gender]": 0, "#age": 1, "#education": 1, "#occupation": 1, "fieldset.q": 9} {
		if got := d.Find(sel).Length(); got != want {
			t.Errorf("%s: %d on the form, want %d", sel, got, want)
		}
	}
	if steps := d.Find("progress").AttrOr("max", ""); steps != "11" {
		t.Errorf("%s steps, want 11: the profile, nine questions and the suggestion", steps)
	}
	form := apptest.Filled(t, body)
	form.Set("gender", "L")
	resp, body := b.Post("/s/dpmptsp", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit without a service: %d %s", resp.StatusCode, body)
	}
	rs := e.Responses("2026-S2")
	if len(rs) != 1 || rs[0].Service != "" || rs[0].Profile.Gender != "" || rs[0].Profile.Age != 34 {
		t.Fatalf("stored %+v", rs)
	}

	// A version that asks nothing of the resident has no profile step at all.
	none := survey.StandardQuestionnaire()
	none.Omit = append([]string(nil), survey.ProfileQuestions...)
	if err := e.Store.CreateQuestionnaire(ctx, none); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.TransitionCampaign(ctx, c.Key, survey.StateClosed, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	next := &survey.Campaign{Key: "2027-S1", Questionnaire: none.ID, Units: []survey.CampaignUnit{{Unit: "dpmptsp"}}}
	if err := e.Store.CreateCampaign(ctx, next); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.TransitionCampaign(ctx, next.Key, survey.StateOpen, "test", e.Now); err != nil {
		t.Fatal(err)
	}
	e.Restart()
	_, body = e.Browser().Get("/s/dpmptsp")
	d = apptest.Doc(t, body)
	if d.Find("#about").Length() != 0 || d.Find("progress").AttrOr("max", "") != "10" {
		t.Errorf("a version without profile questions still has a profile step")
	}
}

package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// formValues returns a form's fields as the browser would send them: inputs, text areas and
// ticked boxes.
func formValues(d *goquery.Document, sel string) url.Values {
	v := url.Values{}
	form := d.Find(sel)
	form.Find("input[name], textarea[name]").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		switch {
		case goquery.NodeName(s) == "textarea":
			v.Add(name, s.Text())
		case s.AttrOr("type", "") == "checkbox":
			if _, on := s.Attr("checked"); on {
				v.Add(name, s.AttrOr("value", "on"))
			}
		default:
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

// TestStandardQuestionnaireFromTheFirstRun finds the regulation's version on a new engine.
func TestStandardQuestionnaireFromTheFirstRun(t *testing.T) {
	e := apptest.New(t)
	b := e.SignedIn("admin", survey.RoleAdmin)
	_, body := b.Get("/admin/kuesioner")
	d := apptest.Doc(t, body)
	if rows := d.Find("tbody tr"); rows.Length() != 1 || !strings.Contains(rows.Text(), "v1") || !strings.Contains(rows.Text(), "5/5") {
		t.Fatalf("versions on a new engine: %q", rows.Text())
	}
	_, body = b.Get("/admin/kuesioner/v1")
	if n := apptest.Doc(t, body).Find("fieldset.q-edit").Length(); n != 9 {
		t.Errorf("the standard version's form has %d elements", n)
	}
}

// TestNewVersionCompareAndLock makes a version from the standard one with new wording and
// without the age question, compares the two side by side, then locks the new one in a campaign:
// it is shown read-only and an edit is refused with the way to a new version.
func TestNewVersionCompareAndLock(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	b := e.SignedIn("admin", survey.RoleAdmin)
	_, body := b.Get("/admin/kuesioner/baru?dari=v1")
	d := apptest.Doc(t, body)
	form := formValues(d, "form.setup")
	if form.Get("base") != "v1" || form.Get("U4.a4.id") != "Gratis" || len(form["ask"]) != 5 {
		t.Fatalf("the new version's form: base %q, U4 answer 4 %q, asks %v", form.Get("base"), form.Get("U4.a4.id"), form["ask"])
	}
	form.Set("U4.a4.id", "Tidak dipungut biaya")
	form.Set("U4.a4.en", "No charge")
	form.Set("title.en", "Public Satisfaction Survey 2027")
	form["ask"] = []string{"service", "gender", "education", "occupation"}
	resp, _ := b.Post("/admin/kuesioner", form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/kuesioner/v2?ok=baru" {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	v2, err := e.Store.Questionnaire(ctx, "v2")
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := v2.Question("U4"); q.Answers[3].ID != "Tidak dipungut biaya" || v2.Base != "v1" || v2.Asks(survey.AskAge) || !v2.Asks(survey.AskGender) {
		t.Fatalf("v2: %+v", v2)
	}
	if v1, _ := e.Store.Questionnaire(ctx, "v1"); v1.Questions[3].Answers[3].ID != "Gratis" {
		t.Error("making a new version changed the old one")
	}

	_, body = b.Get("/admin/kuesioner/banding?a=v1&b=v2")
	d = apptest.Doc(t, body)
	if n := d.Find("td.changed").Length(); n != 6 {
		t.Errorf("%d changed cells, want 6: the title, answer 4 of U4 and the age question, each in both columns", n)
	}
	if !strings.Contains(d.Find("p[role=status]").Text(), "3 perbedaan") {
		t.Errorf("summary %q", d.Find("p[role=status]").Text())
	}

	c := &survey.Campaign{Key: "2027-S1", Questionnaire: "v2", Units: []survey.CampaignUnit{{Unit: "dpmptsp"}}}
	if err := e.Store.CreateCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	_, body = b.Get("/admin/kuesioner/v2")
	d = apptest.Doc(t, body)
	if d.Find("form.setup textarea, form.setup input[type!=hidden]").Length() != 0 || !strings.Contains(d.Text(), "Semester I 2027") {
		t.Error("a locked version is shown as a form, or without its campaign")
	}
	if d.Find("a[href='/admin/kuesioner/baru?dari=v2']").Length() == 0 {
		t.Error("a locked version offers no new version based on it")
	}
	resp, body = b.Post("/admin/kuesioner/v2", form)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "buatlah versi baru berdasarkan kuesioner ini") {
		t.Errorf("editing a locked version: %d", resp.StatusCode)
	}
	if n := len(auditActions(t, e, "questionnaire.create")); n != 1 {
		t.Errorf("%d questionnaire.create audit entries", n)
	}
}

// TestQuestionnaireEditShowsEachProblem blanks two wordings of an unlocked version: each is
// named next to its field, and the version keeps its wording.
func TestQuestionnaireEditShowsEachProblem(t *testing.T) {
	e := apptest.New(t)
	b := e.SignedIn("admin", survey.RoleAdmin)
	_, body := b.Get("/admin/kuesioner/v1?lang=en")
	form := formValues(apptest.Doc(t, body), "form.setup")
	form.Set("U2.text.id", " ")
	form.Set("U9.a3.id", "")
	form.Set("U1.text.en", "How well do the requirements fit?")
	resp, body := b.Post("/admin/kuesioner/v1", form)
	d := apptest.Doc(t, body)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, id := range []string{"U2-text-id", "U9-a3-id"} {
		if msg := fieldError(t, d, id); msg != "The Indonesian wording is required." {
			t.Errorf("%s: %q", id, msg)
		}
	}
	if d.Find("#U1-text-en").Text() != "How well do the requirements fit?" {
		t.Error("what was typed is not shown again")
	}
	if v1, _ := e.Store.Questionnaire(ctx, "v1"); v1.Questions[0].Text.EN == "How well do the requirements fit?" {
		t.Error("a refused edit was saved")
	}
	form.Set("U2.text.id", "Bagaimana kemudahan prosedurnya?")
	form.Set("U9.a3.id", "Baik")
	if resp, _ := b.Post("/admin/kuesioner/v1", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good edit: %d", resp.StatusCode)
	}
	if v1, _ := e.Store.Questionnaire(ctx, "v1"); v1.Questions[1].Text.ID != "Bagaimana kemudahan prosedurnya?" || len(auditActions(t, e, "questionnaire.update")) != 1 {
		t.Error("the edit is not saved or not audited")
	}
}

// TestQuestionnairePreview shows a version inside a phone-sized frame as the resident survey
// renders it, for the unit chosen, asking only the version's profile questions, and unable to
// send.
func TestQuestionnairePreview(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	q := survey.StandardQuestionnaire()
	q.Omit = []string{survey.AskAge}
	if err := e.Store.CreateQuestionnaire(ctx, q); err != nil {
		t.Fatal(err)
	}
	b := e.SignedIn("admin", survey.RoleAdmin)
	_, body := b.Get("/admin/kuesioner/" + q.ID + "/pratinjau?unit=rsud-blambangan")
	d := apptest.Doc(t, body)
	form := d.Find(".phone form#survey")
	if form.Length() != 1 || form.Find("fieldset.q").Length() != 9 || form.Find("#age").Length() != 0 || form.Find("input[name=gender]").Length() != 2 {
		t.Fatalf("the preview's form: %d forms, %d questions", form.Length(), form.Find("fieldset.q").Length())
	}
	if _, disabled := form.Find("button.send").Attr("disabled"); !disabled {
		t.Error("the preview can be sent")
	}
	if !strings.Contains(d.Find("h1").Text(), "RSUD Blambangan") || form.Find("#service option[value=rawat-jalan]").Length() != 1 {
		t.Error("the preview is not for the unit chosen")
	}
	if d.Find("link[href*='survey.']").Length() != 1 {
		t.Error("the preview does not use the residents' stylesheet")
	}
}

package admin

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// previewPage is a version's questionnaire exactly as residents see it, for the unit chosen,
// inside a phone-sized frame of the residents' own layout.
type previewPage struct {
	web.Page
	web.SurveyForm
	Version string
	Units   []web.Option
}

// handleQuestionnairePreview serves GET /admin/kuesioner/:id/pratinjau?unit=SLUG: the version
// rendered by the resident survey's own form for a unit (the first active one unless another is
// chosen, or a sample unit when there is none), in a 360-pixel frame. Its send button is
// disabled: nothing can be submitted.
func (h *handler) handleQuestionnairePreview(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q, err := h.Store.Questionnaire(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	units, err := h.Store.Units(ctx, survey.UnitFilter{ActiveOnly: true})
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	unit := &survey.Unit{Slug: "contoh", Name: survey.Text{ID: p.T("preview.unit"), EN: p.T("preview.unit")}}
	want := c.Query("unit")
	var options []web.Option
	for i, u := range units {
		if u.Slug == want || (want == "" && i == 0) {
			unit = u
		}
		options = append(options, web.Option{Value: u.Slug, Label: u.Name.In(p.Lang), Selected: u == unit})
	}
	form := web.NewSurveyForm(p, unit, q, web.SurveyInput{Answers: map[string]string{}}, nil)
	form.Action, form.Campaign, form.Preview = questionnairePath(q.ID)+"/pratinjau", "preview-"+q.ID, true
	pp := previewPage{Page: p, SurveyForm: form, Version: q.ID, Units: options}
	pp.Title = p.T("preview.title", q.ID)
	return h.Render(c, fiber.StatusOK, "admin_questionnaire_preview", pp)
}

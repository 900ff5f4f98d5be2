package api

import (
	"github.com/gofiber/fiber/v2"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/survey"
)

// handleAPIUnits serves GET /api/v1/units: every unit the caller may see.
func (h *handler) handleAPIUnits(c *fiber.Ctx) error {
	units, err := h.Store.Units(c.UserContext(), survey.UnitFilter{OPD: c.Query("opd"), ActiveOnly: c.QueryBool("active")})
	if err != nil {
		return err
	}
	p := web.Principal(c)
	visible := []*survey.Unit{}
	for _, u := range units {
		if p.CanSeeUnit(u.Slug) {
			visible = append(visible, u)
		}
	}
	return c.JSON(web.ListOf(visible, ""))
}

// handleAPIUnitCreate serves POST /api/v1/units.
func (h *handler) handleAPIUnitCreate(c *fiber.Ctx) error {
	var u survey.Unit
	if err := web.DecodeJSON(c, &u); err != nil {
		return err
	}
	if err := h.Store.CreateUnit(c.UserContext(), &u); err != nil {
		return err
	}
	h.Audit(c, "unit.create", u.Slug, "")
	return c.Status(fiber.StatusCreated).JSON(u)
}

// handleAPIUnit serves GET /api/v1/units/:unit.
func (h *handler) handleAPIUnit(c *fiber.Ctx) error {
	u, err := h.Store.Unit(c.UserContext(), c.Params("unit"))
	if err != nil {
		return err
	}
	return c.JSON(u)
}

// handleAPIUnitUpdate serves PATCH /api/v1/units/:unit.
func (h *handler) handleAPIUnitUpdate(c *fiber.Ctx) error {
	var upd survey.UnitUpdate
	if err := web.DecodeJSON(c, &upd); err != nil {
		return err
	}
	u, err := h.Store.UpdateUnit(c.UserContext(), c.Params("unit"), upd)
	if err != nil {
		return err
	}
	h.Audit(c, "unit.update", u.Slug, "")
	return c.JSON(u)
}

// handleAPIQuestionnaires serves GET /api/v1/questionnaires.
func (h *handler) handleAPIQuestionnaires(c *fiber.Ctx) error {
	qs, err := h.Store.Questionnaires(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(web.ListOf(qs, ""))
}

// questionnaireForm creates a version: the standard template, a copy of a base version, or the
// given wording.
type questionnaireForm struct {
	Base      string         `json:"base"`
	Title     *survey.Text   `json:"title"`
	Questions []questionJSON `json:"questions"`
}

// questionJSON reads a question strictly: decoding into survey.Question's [4]Text would drop a
// fifth answer silently, while a question offers exactly the four answers scored 1 to 4.
type questionJSON struct {
	Element string        `json:"element"`
	Text    survey.Text   `json:"text"`
	Answers []survey.Text `json:"answers"`
}

// questionsOf returns the questions, nil when none were sent.
func questionsOf(qs []questionJSON) ([]survey.Question, error) {
	if qs == nil {
		return nil, nil
	}
	out := make([]survey.Question, len(qs))
	for i, q := range qs {
		if len(q.Answers) != 4 {
			return nil, survey.Errorf(survey.EINVALID, "err.api.answers", i+1, len(q.Answers))
		}
		out[i] = survey.Question{Element: q.Element, Text: q.Text}
		copy(out[i].Answers[:], q.Answers)
	}
	return out, nil
}

// handleAPIQuestionnaireCreate serves POST /api/v1/questionnaires.
func (h *handler) handleAPIQuestionnaireCreate(c *fiber.Ctx) error {
	var f questionnaireForm
	if err := web.DecodeJSON(c, &f); err != nil {
		return err
	}
	q := survey.StandardQuestionnaire()
	if f.Base != "" {
		base, err := h.Store.Questionnaire(c.UserContext(), f.Base)
		if err != nil {
			return err
		}
		q.Title, q.Questions, q.Base = base.Title, base.Questions, base.ID
	}
	if f.Title != nil {
		q.Title = *f.Title
	}
	questions, err := questionsOf(f.Questions)
	if err != nil {
		return err
	}
	if questions != nil {
		q.Questions = questions
	}
	if err := h.Store.CreateQuestionnaire(c.UserContext(), q); err != nil {
		return err
	}
	h.Audit(c, "questionnaire.create", q.ID, "base "+q.Base)
	return c.Status(fiber.StatusCreated).JSON(q)
}

// handleAPIQuestionnaire serves GET /api/v1/questionnaires/:id.
func (h *handler) handleAPIQuestionnaire(c *fiber.Ctx) error {
	q, err := h.Store.Questionnaire(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(q)
}

// questionnaireEditForm is an edit of a version's wording.
type questionnaireEditForm struct {
	Title     *survey.Text   `json:"title"`
	Questions []questionJSON `json:"questions"`
}

// handleAPIQuestionnaireUpdate serves PUT /api/v1/questionnaires/:id: only a version no campaign
// uses may change.
func (h *handler) handleAPIQuestionnaireUpdate(c *fiber.Ctx) error {
	var f questionnaireEditForm
	if err := web.DecodeJSON(c, &f); err != nil {
		return err
	}
	questions, err := questionsOf(f.Questions)
	if err != nil {
		return err
	}
	q, err := h.Store.UpdateQuestionnaire(c.UserContext(), c.Params("id"), survey.QuestionnaireUpdate{Title: f.Title, Questions: questions})
	if err != nil {
		return err
	}
	h.Audit(c, "questionnaire.update", q.ID, "")
	return c.JSON(q)
}

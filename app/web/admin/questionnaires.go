package admin

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// versionRow is one questionnaire version in the list.
type versionRow struct {
	ID        string
	Title     string
	Created   string
	Base      string
	Locked    bool
	Campaigns []string
	Asked     int
}

type questionnairesPage struct {
	web.Page
	Versions []versionRow
	// A and B are the versions the comparison form proposes: the two newest.
	A, B string
}

// handleQuestionnaires serves GET /admin/kuesioner: every version, newest first, with the
// campaigns that use it; new versions are made from any of them.
func (h *handler) handleQuestionnaires(c *fiber.Ctx) error {
	ctx := c.UserContext()
	qs, err := h.Store.Questionnaires(ctx)
	if err != nil {
		return err
	}
	used, err := h.campaignsByVersion(c)
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	qp := questionnairesPage{Page: p}
	qp.Title = p.T("questionnaires.title")
	for _, q := range qs {
		row := versionRow{ID: q.ID, Title: q.Title.In(p.Lang), Created: p.Date(q.CreatedAt), Base: q.Base, Locked: q.Locked, Campaigns: used[q.ID]}
		for _, pq := range survey.ProfileQuestions {
			if q.Asks(pq) {
				row.Asked++
			}
		}
		qp.Versions = append(qp.Versions, row)
	}
	if len(qs) > 1 {
		qp.A, qp.B = qs[1].ID, qs[0].ID
	}
	return h.Render(c, fiber.StatusOK, "admin_questionnaires", qp)
}

// campaignsByVersion returns the periods of the campaigns that use each version, as people read
// them (Semester II 2026).
func (h *handler) campaignsByVersion(c *fiber.Ctx) (map[string][]string, error) {
	p := h.Printer(c)
	campaigns, err := h.Store.Campaigns(c.UserContext(), survey.CampaignFilter{})
	if err != nil {
		return nil, err
	}
	used := map[string][]string{}
	for _, camp := range campaigns {
		used[camp.Questionnaire] = append(used[camp.Questionnaire], p.Semester(camp.Key))
	}
	return used, nil
}

// questionForm is one element's wording as the form shows and sends it.
type questionForm struct {
	Element string
	// Name is the element's name in the regulation, in the page's language.
	Name    string
	Text    survey.Text
	Answers [4]survey.Text
}

// numberedAnswer is an answer with its score, 1 to 4.
type numberedAnswer struct {
	N    int
	Text survey.Text
}

// Numbered returns the question's answers with their scores.
func (q questionForm) Numbered() []numberedAnswer {
	out := make([]numberedAnswer, len(q.Answers))
	for i, a := range q.Answers {
		out[i] = numberedAnswer{N: i + 1, Text: a}
	}
	return out
}

// askOption is a profile question the version may ask.
type askOption struct {
	Value   string
	Label   string
	Checked bool
}

// questionnaireForm is a version's wording and profile questions as the form shows and sends
// them. Fields are named by element code: U1.text.id, U1.a1.en, and so on.
type questionnaireForm struct {
	Title     survey.Text
	Questions []questionForm
	Omit      []string
}

func questionnaireFormOf(q *survey.Questionnaire, p web.Page) questionnaireForm {
	f := questionnaireForm{Title: q.Title, Omit: slices.Clone(q.Omit)}
	for _, qu := range q.Questions {
		f.Questions = append(f.Questions, questionForm{Element: qu.Element, Name: p.In(survey.ElementName(qu.Element)), Text: qu.Text, Answers: qu.Answers})
	}
	return f
}

// readQuestionnaireForm reads the wording of the base version's questions, in its order.
func readQuestionnaireForm(c *fiber.Ctx, base *survey.Questionnaire, p web.Page) questionnaireForm {
	text := func(name string) survey.Text {
		return survey.Text{ID: web.FormText(c, name+".id"), EN: web.FormText(c, name+".en")}
	}
	f := questionnaireForm{Title: text("title")}
	for _, qu := range base.Questions {
		qf := questionForm{Element: qu.Element, Name: p.In(survey.ElementName(qu.Element)), Text: text(qu.Element + ".text")}
		for i := range qf.Answers {
			qf.Answers[i] = text(qu.Element + ".a" + strconv.Itoa(i+1))
		}
		f.Questions = append(f.Questions, qf)
	}
	asked := map[string]bool{}
	for _, v := range c.Request().PostArgs().PeekMulti("ask") {
		asked[string(v)] = true
	}
	for _, pq := range survey.ProfileQuestions {
		if !asked[pq] {
			f.Omit = append(f.Omit, pq)
		}
	}
	return f
}

// check records every wording that cannot be saved against its field.
func (f questionnaireForm) check(ps *problems) {
	ps.add("title-id", survey.CheckWording(f.Title))
	for _, q := range f.Questions {
		ps.add(q.Element+"-text-id", survey.CheckWording(q.Text))
		for i, a := range q.Answers {
			ps.add(q.Element+"-a"+strconv.Itoa(i+1)+"-id", survey.CheckWording(a))
		}
	}
}

// questions returns the form's questions as a version holds them.
func (f questionnaireForm) questions() []survey.Question {
	out := make([]survey.Question, len(f.Questions))
	for i, q := range f.Questions {
		out[i] = survey.Question{Element: q.Element, Text: q.Text, Answers: q.Answers}
	}
	return out
}

// AskOptions lists the profile questions with whether the form asks each.
func (f questionnaireForm) AskOptions(p web.Page) []askOption {
	var out []askOption
	for _, pq := range survey.ProfileQuestions {
		out = append(out, askOption{Value: pq, Label: p.T(profileQuestionLabels[pq]), Checked: !slices.Contains(f.Omit, pq)})
	}
	return out
}

// profileQuestionLabels are the catalogue's names of the profile questions.
var profileQuestionLabels = map[string]string{
	survey.AskService: "resident.service", survey.AskGender: "resident.gender", survey.AskAge: "resident.age",
	survey.AskEducation: "resident.education", survey.AskOccupation: "resident.occupation",
}

type questionnairePage struct {
	web.Page
	Version *survey.Questionnaire
	// Campaigns lists the periods of the campaigns that use the version.
	Campaigns string
	// New is set on the form of a new version based on Version.
	New      bool
	Form     questionnaireForm
	Asks     []askOption
	Problems *problems
	Flash    string
}

func (h *handler) renderQuestionnaire(c *fiber.Ctx, status int, q *survey.Questionnaire, isNew bool, f questionnaireForm, ps *problems) error {
	used, err := h.campaignsByVersion(c)
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	qp := questionnairePage{Page: p, Version: q, Campaigns: strings.Join(used[q.ID], ", "), New: isNew, Form: f, Asks: f.AskOptions(p), Problems: ps}
	if isNew {
		qp.Title = p.T("questionnaire.new", q.ID)
	} else {
		qp.Title = p.T("questionnaire.version", q.ID)
	}
	switch c.Query("ok") {
	case "1":
		qp.Flash = p.T("questionnaire.saved")
	case "baru":
		qp.Flash = p.T("questionnaire.created", q.ID)
	}
	return h.Render(c, status, "admin_questionnaire", qp)
}

// handleQuestionnaire serves GET /admin/kuesioner/:id: a version no campaign uses yet as a form
// that edits it; a version in use, read-only, with the way to a new version based on it.
func (h *handler) handleQuestionnaire(c *fiber.Ctx) error {
	q, err := h.Store.Questionnaire(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	return h.renderQuestionnaire(c, fiber.StatusOK, q, false, questionnaireFormOf(q, p), newProblems(p.Printer))
}

// handleQuestionnaireNew serves GET /admin/kuesioner/baru?dari=ID: the form of a new version,
// filled with the wording of the version it is based on (the newest when none is named).
func (h *handler) handleQuestionnaireNew(c *fiber.Ctx) error {
	base, err := h.baseVersion(c, c.Query("dari"))
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	return h.renderQuestionnaire(c, fiber.StatusOK, base, true, questionnaireFormOf(base, p), newProblems(p.Printer))
}

// baseVersion returns the version named, or the newest.
func (h *handler) baseVersion(c *fiber.Ctx, id string) (*survey.Questionnaire, error) {
	if id != "" {
		return h.Store.Questionnaire(c.UserContext(), id)
	}
	qs, err := h.Store.Questionnaires(c.UserContext())
	if err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.questionnaire.notfound", "")
	}
	return qs[0], nil
}

// handleQuestionnaireCreate serves POST /admin/kuesioner: a new version based on the version in
// the field base, with the form's wording and profile questions.
func (h *handler) handleQuestionnaireCreate(c *fiber.Ctx) error {
	base, err := h.Store.Questionnaire(c.UserContext(), web.FormText(c, "base"))
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	f := readQuestionnaireForm(c, base, p)
	ps := newProblems(p.Printer)
	f.check(ps)
	q := &survey.Questionnaire{Title: f.Title, Questions: f.questions(), Omit: f.Omit, Base: base.ID}
	if !ps.Any() {
		if err := h.Store.CreateQuestionnaire(c.UserContext(), q); survey.ErrorCode(err) == survey.EINVALID {
			ps.add("title-id", err)
		} else if err != nil {
			return err
		}
	}
	if ps.Any() {
		return h.renderQuestionnaire(c, fiber.StatusBadRequest, base, true, f, ps)
	}
	h.Audit(c, "questionnaire.create", q.ID, "base "+base.ID)
	return c.Redirect(questionnairePath(q.ID)+"?ok=baru", fiber.StatusSeeOther)
}

// handleQuestionnaireSave serves POST /admin/kuesioner/:id: edits a version no campaign uses.
// One a campaign has locked meanwhile is refused with the way to a new version.
func (h *handler) handleQuestionnaireSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q, err := h.Store.Questionnaire(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	f := readQuestionnaireForm(c, q, p)
	ps := newProblems(p.Printer)
	f.check(ps)
	if !ps.Any() {
		_, err := h.Store.UpdateQuestionnaire(ctx, q.ID, survey.QuestionnaireUpdate{Title: &f.Title, Questions: f.questions(), Omit: &f.Omit})
		switch survey.ErrorCode(err) {
		case "":
		case survey.ECONFLICT:
			if q, err = h.Store.Questionnaire(ctx, q.ID); err != nil {
				return err
			}
			ps.add("locked", survey.Errorf(survey.ECONFLICT, "err.questionnaire.locked", q.ID))
			return h.renderQuestionnaire(c, fiber.StatusConflict, q, false, questionnaireFormOf(q, p), ps)
		case survey.EINVALID:
			ps.add("title-id", err)
		default:
			return err
		}
	}
	if ps.Any() {
		return h.renderQuestionnaire(c, fiber.StatusBadRequest, q, false, f, ps)
	}
	h.Audit(c, "questionnaire.update", q.ID, "")
	return c.Redirect(questionnairePath(q.ID)+"?ok=1", fiber.StatusSeeOther)
}

// questionnairePath is a version's page.
func questionnairePath(id string) string { return "/admin/kuesioner/" + url.PathEscape(id) }

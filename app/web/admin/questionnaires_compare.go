package admin

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// compareRow is one piece of wording of two versions side by side.
type compareRow struct {
	// Heading starts an element's rows; Part names the piece (the question, answer n).
	Heading string
	Part    string
	A, B    survey.Text
	Changed bool
}

type comparePage struct {
	web.Page
	A, B    *survey.Questionnaire
	Rows    []compareRow
	Changes int
}

// handleQuestionnaireCompare serves GET /admin/kuesioner/banding?a=ID&b=ID: the wording of two
// versions side by side, element by element, each difference marked.
func (h *handler) handleQuestionnaireCompare(c *fiber.Ctx) error {
	ctx := c.UserContext()
	a, err := h.Store.Questionnaire(ctx, c.Query("a"))
	if err != nil {
		return err
	}
	b, err := h.Store.Questionnaire(ctx, c.Query("b"))
	if err != nil {
		return err
	}
	p := h.Page(c, "")
	cp := comparePage{Page: p, A: a, B: b}
	cp.Title = p.T("compare.title", a.ID, b.ID)
	for _, pair := range survey.CompareWording(a, b) {
		row := compareRow{A: pair.A, B: pair.B, Changed: pair.Changed()}
		switch {
		case pair.Element == "":
			row.Heading, row.Part = p.T("questionnaire.titles"), p.T("questionnaire.titles")
		case pair.Part == 0:
			row.Heading, row.Part = pair.Element+" · "+p.In(survey.ElementName(pair.Element)), p.T("compare.question")
		default:
			row.Part = p.T("compare.answer", pair.Part)
		}
		cp.Rows = append(cp.Rows, row)
	}
	for _, pq := range survey.ProfileQuestions {
		row := compareRow{Part: p.T(profileQuestionLabels[pq]), A: askedText(p, a.Asks(pq)), B: askedText(p, b.Asks(pq))}
		row.Changed = row.A != row.B
		if pq == survey.ProfileQuestions[0] {
			row.Heading = p.T("questionnaire.profile")
		}
		cp.Rows = append(cp.Rows, row)
	}
	for _, r := range cp.Rows {
		if r.Changed {
			cp.Changes++
		}
	}
	return h.Render(c, fiber.StatusOK, "admin_questionnaire_compare", cp)
}

// askedText says in the page's language whether a version asks a profile question.
func askedText(p web.Page, asked bool) survey.Text {
	if asked {
		return survey.Text{ID: p.T("compare.asked")}
	}
	return survey.Text{ID: p.T("compare.notasked")}
}

package web

import (
	"strconv"

	"github.com/skm-engine/skm/survey"
)

// SurveyForm is a questionnaire version as a resident sees it for a unit: the resident survey
// renders it, and the administrators' preview of a version renders the same, so that the preview
// is exactly what residents will see. Its template is "survey.form" (views/layout).
type SurveyForm struct {
	UnitName  string
	Organizer string
	Campaign  string
	Action    string
	Kiosk     bool
	// Preview shows the form without letting it be sent.
	Preview bool
	Key     string
	Stamp   string
	// Services, Genders, Educations and Jobs are the choices of the profile questions the
	// version asks; an empty list is a question not asked. AskAge says whether age is.
	Services   []Option
	Genders    []Option
	Educations []Option
	Jobs       []Option
	AskAge     bool
	Age        string
	Questions  []QuestionView
	// Kinds are the kinds of message the resident may say they write, one of them chosen.
	Kinds      []Option
	Suggestion string
	// Notice explains why the form came back (busy server, rate limit, expired form).
	Notice string
	Errors []FieldError
	// FieldErrors holds each field's message by control id.
	FieldErrors map[string]string
	Steps       int
}

// SurveyInput is what a resident chose and typed, shown again when a form comes back.
type SurveyInput struct {
	Key        string
	Stamp      string
	Service    string
	Gender     string
	Age        string
	Education  string
	Occupation string
	// Answers holds the posted score of each element code, as text.
	Answers    map[string]string
	Suggestion string
	// Kind is what the resident says their message is (survey.KindComplaint and so on).
	Kind string
}

// FieldError is a problem with one field: the id of the control to fix and what to do.
type FieldError struct {
	Field   string
	Message string
}

// Phrase is wording shown to a resident; Lang is set when it is not in the page's language (a
// custom question with no English wording), so screen readers pronounce it right.
type Phrase struct {
	Text string
	Lang string
}

// PhraseOf returns the wording in the page's language.
func PhraseOf(p Page, t survey.Text) Phrase {
	if p.Lang == survey.LangEN && t.EN == "" {
		return Phrase{Text: t.ID, Lang: survey.LangID}
	}
	return Phrase{Text: t.In(p.Lang), Lang: ""}
}

// Option is one choice of a select or a group of radio buttons.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

// AnswerView is one of a question's four answers.
type AnswerView struct {
	ID      string
	Value   int
	Label   Phrase
	Checked bool
}

// QuestionView is one element's question.
type QuestionView struct {
	N       int
	Element string
	Text    Phrase
	Answers []AnswerView
	Error   string
}

// NewSurveyForm builds the form of the questionnaire version for the unit in the page's
// language, with what the resident chose and what they must fix.
func NewSurveyForm(p Page, u *survey.Unit, q *survey.Questionnaire, in SurveyInput, errs []FieldError) SurveyForm {
	f := SurveyForm{UnitName: u.Name.In(p.Lang), Organizer: p.Region.Organizer.In(p.Lang), Key: in.Key, Stamp: in.Stamp,
		Age: in.Age, Suggestion: in.Suggestion, Errors: errs, FieldErrors: map[string]string{}, AskAge: q.Asks(survey.AskAge),
		Steps: len(q.Questions) + 1}
	for _, e := range errs {
		if _, seen := f.FieldErrors[e.Field]; !seen {
			f.FieldErrors[e.Field] = e.Message
		}
	}
	if q.Asks(survey.AskService) {
		for _, sv := range u.Services {
			f.Services = append(f.Services, Option{Value: sv.Code, Label: sv.Name.In(p.Lang), Selected: sv.Code == in.Service || len(u.Services) == 1})
		}
	}
	choices := func(question, dim string, codes []string, chosen string) []Option {
		if !q.Asks(question) {
			return nil
		}
		out := make([]Option, 0, len(codes))
		for _, code := range codes {
			out = append(out, Option{Value: code, Label: p.Category(dim, code), Selected: code == chosen})
		}
		return out
	}
	f.Kinds = messageKinds(p, in.Kind)
	f.Genders = choices(survey.AskGender, "gender", survey.Genders, in.Gender)
	f.Educations = choices(survey.AskEducation, "education", survey.Educations, in.Education)
	f.Jobs = choices(survey.AskOccupation, "occupation", survey.Occupations, in.Occupation)
	if f.AsksProfile() {
		f.Steps++
	}
	for i, qu := range q.Questions {
		qv := QuestionView{N: i + 1, Element: qu.Element, Text: PhraseOf(p, qu.Text), Error: f.FieldErrors[qu.Element+"-1"]}
		for j, a := range qu.Answers {
			v := strconv.Itoa(j + 1)
			qv.Answers = append(qv.Answers, AnswerView{ID: qu.Element + "-" + v, Value: j + 1, Label: PhraseOf(p, a), Checked: in.Answers[qu.Element] == v})
		}
		f.Questions = append(f.Questions, qv)
	}
	return f
}

// AsksProfile reports whether the form asks anything about the resident before the questions.
func (f SurveyForm) AsksProfile() bool {
	return len(f.Services) > 0 || len(f.Genders) > 0 || f.AskAge || len(f.Educations) > 0 || len(f.Jobs) > 0
}

// messageKinds are the kinds of message a resident may choose, a suggestion first and chosen
// unless they chose another: most of what residents write is, and only a complaint they mean as
// one should start the unit's clock.
func messageKinds(p Page, chosen string) []Option {
	if !survey.ValidCaseKind(chosen) {
		chosen = survey.KindSuggestion
	}
	return []Option{
		{Value: survey.KindSuggestion, Label: p.T("resident.kind.suggestion"), Selected: chosen == survey.KindSuggestion},
		{Value: survey.KindPraise, Label: p.T("resident.kind.praise"), Selected: chosen == survey.KindPraise},
		{Value: survey.KindComplaint, Label: p.T("resident.kind.complaint", CaseRule(p.Printer, p.Region)), Selected: chosen == survey.KindComplaint},
	}
}

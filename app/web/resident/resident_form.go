package resident

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// surveyForm is what a resident sent, as typed, so that a refused form shows it again unchanged.
type surveyForm struct {
	web.SurveyInput
	Honeypot string
	// Strays are posted element codes the questionnaire version does not ask.
	Strays []string
}

var elementField = regexp.MustCompile(`^U[0-9]+$`)

// readSurveyForm reads the posted form. Fiber's values point into a request buffer it reuses
// once the handler returns, and the response outlives the handler (the store's tallies keep its
// service and profile strings), so every value is copied.
func readSurveyForm(c *fiber.Ctx, q *survey.Questionnaire) surveyForm {
	value := func(name string) string { return strings.Clone(c.FormValue(name)) }
	// A profile question the version does not ask is not read: a form cached before the
	// version changed may still send it.
	asked := func(question, name string) string {
		if !q.Asks(question) {
			return ""
		}
		return value(name)
	}
	f := surveyForm{SurveyInput: web.SurveyInput{
		Key: value("key"), Stamp: value("t"),
		Service: asked(survey.AskService, "service"), Gender: asked(survey.AskGender, "gender"), Age: strings.TrimSpace(asked(survey.AskAge, "age")),
		Education: asked(survey.AskEducation, "education"), Occupation: asked(survey.AskOccupation, "occupation"),
		Suggestion: strings.TrimSpace(value("suggestion")), Kind: value("kind"), Answers: map[string]string{},
	}, Honeypot: value(honeypotField)}
	for _, qu := range q.Questions {
		f.Answers[qu.Element] = value(qu.Element)
	}
	c.Request().PostArgs().VisitAll(func(k, _ []byte) {
		code := string(k)
		if _, asked := f.Answers[code]; elementField.MatchString(code) && !asked {
			f.Strays = append(f.Strays, code)
		}
	})
	return f
}

// response builds the response the form describes, or lists what the resident must fix, in the
// page's language. Every question is required on the web form: a blank there is a missed tap
// the resident can still correct (paper and imports may carry blanks; the index excludes them).
func (f surveyForm) response(p web.Page, t *surveyTarget) (*survey.Response, []web.FieldError) {
	var errs []web.FieldError
	r := &survey.Response{Key: f.Key, Campaign: t.campaign.Key, Unit: t.unit.Slug, Questionnaire: t.questionnaire.ID,
		Service: f.Service, Suggestion: f.Suggestion,
		Profile: survey.Profile{Gender: f.Gender, Education: f.Education, Occupation: f.Occupation}}
	if len(t.unit.Services) > 0 && t.questionnaire.Asks(survey.AskService) {
		if _, ok := t.unit.Service(f.Service); !ok {
			errs = append(errs, web.FieldError{Field: "service", Message: p.T("resident.err.service")})
		}
	} else if f.Service != "" {
		errs = append(errs, web.FieldError{Field: "service", Message: fmt.Sprintf(p.T("resident.err.choice"), p.T("resident.service"))})
	}
	for _, c := range []struct {
		value, label, field string
		set                 []string
	}{
		{f.Gender, "resident.gender", "gender-L", survey.Genders},
		{f.Education, "resident.education", "education", survey.Educations},
		{f.Occupation, "resident.occupation", "occupation", survey.Occupations},
	} {
		if c.value != "" && !oneOfStrings(c.value, c.set) {
			errs = append(errs, web.FieldError{Field: c.field, Message: fmt.Sprintf(p.T("resident.err.choice"), p.T(c.label))})
		}
	}
	if f.Age != "" {
		age, err := strconv.Atoi(f.Age)
		if err != nil || age < 10 || age > 120 {
			errs = append(errs, web.FieldError{Field: "age", Message: p.T("resident.err.age")})
		}
		r.Profile.Age = age
	}
	for i, qu := range t.questionnaire.Questions {
		idx, _ := survey.ElementIndex(qu.Element)
		switch v := f.Answers[qu.Element]; v {
		case "":
			errs = append(errs, web.FieldError{Field: qu.Element + "-1", Message: fmt.Sprintf(p.T("resident.err.answerOf"), i+1)})
		case "1", "2", "3", "4":
			r.Answers[idx] = int8(v[0] - '0')
		default:
			errs = append(errs, web.FieldError{Field: qu.Element + "-1", Message: fmt.Sprintf(p.T("resident.err.badAnswer"), i+1)})
		}
	}
	for _, code := range f.Strays {
		errs = append(errs, web.FieldError{Field: "", Message: fmt.Sprintf(p.T("resident.err.unknownQ"), code)})
	}
	if utf8.RuneCountInString(f.Suggestion) > survey.MaxSuggestion || !utf8.ValidString(f.Suggestion) {
		errs = append(errs, web.FieldError{Field: "suggestion", Message: p.T("resident.err.suggestion")})
	}
	// A form from before residents chose a kind (cached, or kept offline) sends none: its
	// message is a suggestion, as every survey message was then.
	switch {
	case survey.ValidCaseKind(f.Kind):
		r.CaseKind = f.Kind
	case f.Kind != "":
		errs = append(errs, web.FieldError{Field: "kind-suggestion", Message: p.T("resident.err.kind")})
	}
	return r, errs
}

func oneOfStrings(s string, set []string) bool {
	for _, v := range set {
		if v == s {
			return true
		}
	}
	return false
}

// surveyPage is the data of the questionnaire page.
type surveyPage struct {
	web.Page
	web.SurveyForm
}

func (h *handler) surveyPage(p web.Page, t *surveyTarget, kiosk bool, f surveyForm, errs []web.FieldError, notice string) surveyPage {
	sp := surveyPage{Page: p, SurveyForm: web.NewSurveyForm(p, t.unit, t.questionnaire, f.SurveyInput, errs)}
	sp.Campaign, sp.Action, sp.Kiosk, sp.Notice = t.campaign.Key, surveyPath(t.unit.Slug, kiosk), kiosk, notice
	sp.Title = sp.UnitName
	// A form that comes back keeps the time it was first built: the resident's time to answer
	// runs from there, not from the correction.
	if _, ok := h.stampTime(t.unit.Slug, f.Key, f.Stamp); !ok {
		sp.Stamp = h.renderStamp(t.unit.Slug, f.Key, h.Now())
	}
	return sp
}

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
	Key        string
	Stamp      string
	Honeypot   string
	Service    string
	Gender     string
	Age        string
	Education  string
	Occupation string
	// Answers holds the posted score of each element code, as text.
	Answers    map[string]string
	Suggestion string
	// Strays are posted element codes the questionnaire version does not ask.
	Strays []string
}

// fieldError is a problem with one field: the id of the control to fix and what to do.
type fieldError struct {
	Field   string
	Message string
}

var elementField = regexp.MustCompile(`^U[0-9]+$`)

// readSurveyForm reads the posted form. Fiber's values point into a request buffer it reuses
// once the handler returns, and the response outlives the handler (the store's tallies keep its
// service and profile strings), so every value is copied.
func readSurveyForm(c *fiber.Ctx, q *survey.Questionnaire) surveyForm {
	value := func(name string) string { return strings.Clone(c.FormValue(name)) }
	f := surveyForm{
		Key: value("key"), Stamp: value("t"), Honeypot: value(honeypotField),
		Service: value("service"), Gender: value("gender"), Age: strings.TrimSpace(value("age")),
		Education: value("education"), Occupation: value("occupation"),
		Suggestion: strings.TrimSpace(value("suggestion")), Answers: map[string]string{},
	}
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
func (f surveyForm) response(p web.Page, t *surveyTarget) (*survey.Response, []fieldError) {
	var errs []fieldError
	r := &survey.Response{Key: f.Key, Campaign: t.campaign.Key, Unit: t.unit.Slug, Questionnaire: t.questionnaire.ID,
		Service: f.Service, Suggestion: f.Suggestion,
		Profile: survey.Profile{Gender: f.Gender, Education: f.Education, Occupation: f.Occupation}}
	if len(t.unit.Services) > 0 {
		if _, ok := t.unit.Service(f.Service); !ok {
			errs = append(errs, fieldError{"service", p.T("resident.err.service")})
		}
	} else if f.Service != "" {
		errs = append(errs, fieldError{"service", fmt.Sprintf(p.T("resident.err.choice"), p.T("resident.service"))})
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
			errs = append(errs, fieldError{c.field, fmt.Sprintf(p.T("resident.err.choice"), p.T(c.label))})
		}
	}
	if f.Age != "" {
		age, err := strconv.Atoi(f.Age)
		if err != nil || age < 10 || age > 120 {
			errs = append(errs, fieldError{"age", p.T("resident.err.age")})
		}
		r.Profile.Age = age
	}
	for i, qu := range t.questionnaire.Questions {
		idx, _ := survey.ElementIndex(qu.Element)
		switch v := f.Answers[qu.Element]; v {
		case "":
			errs = append(errs, fieldError{qu.Element + "-1", fmt.Sprintf(p.T("resident.err.answerOf"), i+1)})
		case "1", "2", "3", "4":
			r.Answers[idx] = int8(v[0] - '0')
		default:
			errs = append(errs, fieldError{qu.Element + "-1", fmt.Sprintf(p.T("resident.err.badAnswer"), i+1)})
		}
	}
	for _, code := range f.Strays {
		errs = append(errs, fieldError{"", fmt.Sprintf(p.T("resident.err.unknownQ"), code)})
	}
	if utf8.RuneCountInString(f.Suggestion) > survey.MaxSuggestion || !utf8.ValidString(f.Suggestion) {
		errs = append(errs, fieldError{"suggestion", p.T("resident.err.suggestion")})
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

// phrase is wording shown to the resident; Lang is set when it is not in the page's language
// (a custom question with no English wording), so screen readers pronounce it right.
type phrase struct {
	Text string
	Lang string
}

func phraseOf(p web.Page, t survey.Text) phrase {
	if p.Lang == survey.LangEN && t.EN == "" {
		return phrase{t.ID, survey.LangID}
	}
	return phrase{t.In(p.Lang), ""}
}

type option struct {
	Value    string
	Label    string
	Selected bool
}

type answerView struct {
	ID      string
	Value   int
	Label   phrase
	Checked bool
}

type questionView struct {
	N       int
	Element string
	Text    phrase
	Answers []answerView
	Error   string
}

// surveyPage is the data of the questionnaire page.
type surveyPage struct {
	web.Page
	UnitName   string
	Organizer  string
	Campaign   string
	Action     string
	Kiosk      bool
	Key        string
	Stamp      string
	Services   []option
	Genders    []option
	Educations []option
	Jobs       []option
	Age        string
	Questions  []questionView
	Suggestion string
	// Notice explains why the form came back (busy server, rate limit, expired form).
	Notice string
	Errors []fieldError
	// FieldErrors holds each field's message by control id.
	FieldErrors map[string]string
	Steps       int
}

func (h *handler) surveyPage(p web.Page, t *surveyTarget, kiosk bool, f surveyForm, errs []fieldError, notice string) surveyPage {
	sp := surveyPage{Page: p, UnitName: t.unit.Name.In(p.Lang), Organizer: p.Region.Organizer.In(p.Lang),
		Campaign: t.campaign.Key, Action: surveyPath(t.unit.Slug, kiosk), Kiosk: kiosk, Key: f.Key,
		Stamp: f.Stamp, Age: f.Age, Suggestion: f.Suggestion, Notice: notice, Errors: errs,
		FieldErrors: map[string]string{}, Steps: len(t.questionnaire.Questions) + 2}
	sp.Title = sp.UnitName
	// A form that comes back keeps the time it was first built: the resident's time to answer
	// runs from there, not from the correction.
	if _, ok := h.stampTime(t.unit.Slug, f.Key, f.Stamp); !ok {
		sp.Stamp = h.renderStamp(t.unit.Slug, f.Key, h.Now())
	}
	for _, e := range errs {
		if _, seen := sp.FieldErrors[e.Field]; !seen {
			sp.FieldErrors[e.Field] = e.Message
		}
	}
	for _, sv := range t.unit.Services {
		sp.Services = append(sp.Services, option{sv.Code, sv.Name.In(p.Lang), sv.Code == f.Service || len(t.unit.Services) == 1})
	}
	for _, g := range survey.Genders {
		sp.Genders = append(sp.Genders, option{g, p.Category("gender", g), g == f.Gender})
	}
	for _, e := range survey.Educations {
		sp.Educations = append(sp.Educations, option{e, p.Category("education", e), e == f.Education})
	}
	for _, o := range survey.Occupations {
		sp.Jobs = append(sp.Jobs, option{o, p.Category("occupation", o), o == f.Occupation})
	}
	for i, qu := range t.questionnaire.Questions {
		qv := questionView{N: i + 1, Element: qu.Element, Text: phraseOf(p, qu.Text), Error: sp.FieldErrors[qu.Element+"-1"]}
		for j, a := range qu.Answers {
			v := strconv.Itoa(j + 1)
			qv.Answers = append(qv.Answers, answerView{ID: qu.Element + "-" + v, Value: j + 1, Label: phraseOf(p, a), Checked: f.Answers[qu.Element] == v})
		}
		sp.Questions = append(sp.Questions, qv)
	}
	return sp
}

package survey_test

import (
	"testing"

	"github.com/skm-engine/skm/survey"
)

func TestQuestionnaireAsksEveryProfileQuestionUnlessOmitted(t *testing.T) {
	q := survey.StandardQuestionnaire()
	for _, pq := range survey.ProfileQuestions {
		if !q.Asks(pq) {
			t.Errorf("the standard version does not ask %s", pq)
		}
	}
	q.Omit = []string{survey.AskAge, survey.AskOccupation}
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	if q.Asks(survey.AskAge) || !q.Asks(survey.AskGender) {
		t.Errorf("omitting age and occupation: asks age %v, gender %v", q.Asks(survey.AskAge), q.Asks(survey.AskGender))
	}
	for _, omit := range [][]string{{"religion"}, {survey.AskAge, survey.AskAge}} {
		q.Omit = omit
		if err := q.Validate(); survey.ErrorMessage(err).Key != "err.questionnaire.omit" {
			t.Errorf("omit %v: %v", omit, err)
		}
	}
}

func TestCompareWordingMatchesElementsByCode(t *testing.T) {
	a := survey.StandardQuestionnaire()
	b := survey.StandardQuestionnaire()
	b.Questions = append([]survey.Question(nil), b.Questions...)
	b.Questions[0], b.Questions[1] = b.Questions[1], b.Questions[0]
	b.Questions[0].Answers[3] = survey.Text{ID: "Sangat mudah sekali", EN: "Very easy"}
	b.Title.EN = "Satisfaction Survey"
	pairs := survey.CompareWording(a, b)
	if len(pairs) != 1+9*5 {
		t.Fatalf("%d pairs", len(pairs))
	}
	var changed []survey.WordingPair
	for _, p := range pairs {
		if p.Changed() {
			changed = append(changed, p)
		}
	}
	if len(changed) != 2 || changed[0].Element != "" || changed[1].Element != "U2" || changed[1].Part != 4 || changed[1].A.ID != "Sangat mudah" {
		t.Errorf("changes %+v", changed)
	}
	if pairs[1].Element != "U2" || pairs[6].Element != "U1" {
		t.Errorf("pairs follow the newer version's order: %s, %s", pairs[1].Element, pairs[6].Element)
	}
}

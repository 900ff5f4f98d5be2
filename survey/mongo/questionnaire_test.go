package mongo_test

import (
	"sync"
	"testing"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestEnsureQuestionnaireOnce starts eight instances at once on an empty store: one standard
// version is stored, and a later start adds none.
func TestEnsureQuestionnaireOnce(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	var wg sync.WaitGroup
	for range 8 {
		s := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			if q, err := s.EnsureQuestionnaire(ctx, survey.StandardQuestionnaire()); err != nil || q.ID != "v1" {
				t.Error(q, err)
			}
		}()
	}
	wg.Wait()
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	if _, err := s.EnsureQuestionnaire(ctx, survey.StandardQuestionnaire()); err != nil {
		t.Fatal(err)
	}
	all, err := s.Questionnaires(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].ID != "v1" || all[0].Locked || len(all[0].Questions) != 9 {
		t.Fatalf("versions after eight starts: %+v", all)
	}
	next := survey.StandardQuestionnaire()
	if err := s.CreateQuestionnaire(ctx, next); err != nil || next.ID != "v2" {
		t.Fatalf("the next version: %s, %v", next.ID, err)
	}
}

// TestQuestionnaireOmitsProfileQuestions keeps which profile questions a version leaves out,
// through creation and an edit.
func TestQuestionnaireOmitsProfileQuestions(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	q := survey.StandardQuestionnaire()
	q.Omit = []string{survey.AskOccupation}
	if err := s.CreateQuestionnaire(ctx, q); err != nil {
		t.Fatal(err)
	}
	got, err := s.Questionnaire(ctx, q.ID)
	if err != nil || got.Asks(survey.AskOccupation) || !got.Asks(survey.AskAge) {
		t.Fatalf("read back omitting %v, %v", got.Omit, err)
	}
	none := []string{}
	edited, err := s.UpdateQuestionnaire(ctx, q.ID, survey.QuestionnaireUpdate{Omit: &none})
	if err != nil || !edited.Asks(survey.AskOccupation) {
		t.Fatalf("edited to ask everything: %v, %v", edited.Omit, err)
	}
	got, err = s.Questionnaire(ctx, q.ID)
	if err != nil || !got.Asks(survey.AskOccupation) {
		t.Errorf("stored edit omits %v, %v", got.Omit, err)
	}
}

package mongo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey"
)

type questionnaireDoc struct {
	ID        string        `bson:"_id"`
	Version   int           `bson:"version"`
	Title     survey.Text   `bson:"title"`
	Questions []questionDoc `bson:"questions"`
	Omit      []string      `bson:"omit,omitempty"`
	Base      string        `bson:"base,omitempty"`
	Locked    bool          `bson:"locked"`
	CreatedAt time.Time     `bson:"createdAt"`
}

type questionDoc struct {
	Element string        `bson:"element"`
	Text    survey.Text   `bson:"text"`
	Answers []survey.Text `bson:"answers"`
}

func toQuestionnaireDoc(q *survey.Questionnaire) questionnaireDoc {
	d := questionnaireDoc{ID: q.ID, Version: q.Version, Title: q.Title, Omit: q.Omit, Base: q.Base, Locked: q.Locked, CreatedAt: q.CreatedAt}
	for _, qu := range q.Questions {
		d.Questions = append(d.Questions, questionDoc{Element: qu.Element, Text: qu.Text, Answers: qu.Answers[:]})
	}
	return d
}

func (d *questionnaireDoc) questionnaire() *survey.Questionnaire {
	q := &survey.Questionnaire{ID: d.ID, Version: d.Version, Title: d.Title, Omit: d.Omit, Base: d.Base, Locked: d.Locked, CreatedAt: d.CreatedAt}
	for _, qd := range d.Questions {
		qu := survey.Question{Element: qd.Element, Text: qd.Text}
		copy(qu.Answers[:], qd.Answers)
		q.Questions = append(q.Questions, qu)
	}
	return q
}

// CreateQuestionnaire saves a new version. Version numbers are claimed by inserting under a unique
// _id, so two administrators saving at once get two versions, never one overwritten.
func (s *Store) CreateQuestionnaire(ctx context.Context, q *survey.Questionnaire) error {
	if err := q.Validate(); err != nil {
		return err
	}
	if q.Base != "" {
		if _, err := s.Questionnaire(ctx, q.Base); err != nil {
			return err
		}
	}
	all, err := s.Questionnaires(ctx)
	if err != nil {
		return err
	}
	next := 1
	if len(all) > 0 {
		next = all[0].Version + 1
	}
	q.Locked, q.CreatedAt = false, s.now()
	for attempt := 0; attempt < 100; attempt++ {
		q.Version, q.ID = next+attempt, survey.VersionID(next+attempt)
		_, err := s.db.Collection(colQuestionnaires).InsertOne(ctx, toQuestionnaireDoc(q))
		if driver.IsDuplicateKeyError(err) {
			continue
		}
		return storeErr(err)
	}
	return survey.Errorf(survey.ECONFLICT, "err.questionnaire.version")
}

// EnsureQuestionnaire saves q as v1 unless a version exists. Two instances that both find none
// both insert _id v1, and the unique _id lets one of them store it.
func (s *Store) EnsureQuestionnaire(ctx context.Context, q *survey.Questionnaire) (*survey.Questionnaire, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	first := survey.VersionID(1)
	err := s.db.Collection(colQuestionnaires).FindOne(ctx, bson.D{}).Err()
	if err == driver.ErrNoDocuments {
		q.Version, q.ID, q.Base, q.Locked, q.CreatedAt = 1, first, "", false, s.now()
		_, err = s.db.Collection(colQuestionnaires).InsertOne(ctx, toQuestionnaireDoc(q))
		if err != nil && !driver.IsDuplicateKeyError(err) {
			return nil, storeErr(fmt.Errorf("insert the first questionnaire: %w", err))
		}
	} else if err != nil {
		return nil, storeErr(fmt.Errorf("find a questionnaire: %w", err))
	}
	return s.Questionnaire(ctx, first)
}

// Questionnaire returns a version.
func (s *Store) Questionnaire(ctx context.Context, id string) (*survey.Questionnaire, error) {
	var d questionnaireDoc
	if err := s.findByID(ctx, colQuestionnaires, id, &d, survey.Msg("err.questionnaire.notfound", id)); err != nil {
		return nil, err
	}
	return d.questionnaire(), nil
}

// Questionnaires returns every version, newest first.
func (s *Store) Questionnaires(ctx context.Context) ([]*survey.Questionnaire, error) {
	var docs []questionnaireDoc
	if err := s.findAll(ctx, colQuestionnaires, bson.D{}, &docs); err != nil {
		return nil, err
	}
	out := make([]*survey.Questionnaire, len(docs))
	for i := range docs {
		out[i] = docs[i].questionnaire()
	}
	slices.SortFunc(out, func(a, b *survey.Questionnaire) int { return b.Version - a.Version })
	return out, nil
}

// UpdateQuestionnaire edits a version no campaign uses yet.
func (s *Store) UpdateQuestionnaire(ctx context.Context, id string, upd survey.QuestionnaireUpdate) (*survey.Questionnaire, error) {
	q, err := s.Questionnaire(ctx, id)
	if err != nil {
		return nil, err
	}
	if q.Locked {
		return nil, survey.Errorf(survey.ECONFLICT, "err.questionnaire.locked", id)
	}
	if upd.Title != nil {
		q.Title = *upd.Title
	}
	if upd.Questions != nil {
		q.Questions = upd.Questions
	}
	if upd.Omit != nil {
		q.Omit = *upd.Omit
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	res, err := s.db.Collection(colQuestionnaires).ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "locked", Value: false}}, toQuestionnaireDoc(q))
	if err != nil {
		return nil, storeErr(fmt.Errorf("replace questionnaire: %w", err))
	} else if res.MatchedCount == 0 {
		return nil, survey.Errorf(survey.ECONFLICT, "err.questionnaire.lockedmeanwhile", id)
	}
	return q, nil
}

func (s *Store) lockQuestionnaire(ctx context.Context, id string) error {
	_, err := s.db.Collection(colQuestionnaires).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "locked", Value: true}}}})
	return storeErr(err)
}

func upsert() *options.ReplaceOptionsBuilder { return options.Replace().SetUpsert(true) }

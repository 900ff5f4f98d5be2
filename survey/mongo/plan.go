package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
)

const colPlans = "plans"

type planDoc struct {
	ID        string          `bson:"_id"`
	Campaign  string          `bson:"campaign"`
	Unit      string          `bson:"unit"`
	Items     []planItemDoc   `bson:"items"`
	Review    []planReviewDoc `bson:"review"`
	UpdatedAt time.Time       `bson:"updatedAt"`
	UpdatedBy string          `bson:"updatedBy"`
}

type planItemDoc struct {
	Element     string `bson:"element"`
	Activity    string `bson:"activity"`
	Timing      string `bson:"timing"`
	Responsible string `bson:"responsible"`
}

type planReviewDoc struct {
	Item   int    `bson:"item"`
	Status string `bson:"status"`
	Note   string `bson:"note,omitempty"`
}

func toPlanDoc(p *survey.Plan) planDoc {
	d := planDoc{ID: survey.PlanID(p.Campaign, p.Unit), Campaign: p.Campaign, Unit: p.Unit, UpdatedAt: p.UpdatedAt.UTC(), UpdatedBy: p.UpdatedBy,
		Items: []planItemDoc{}, Review: []planReviewDoc{}}
	for _, it := range p.Items {
		d.Items = append(d.Items, planItemDoc(it))
	}
	for _, r := range p.Review {
		d.Review = append(d.Review, planReviewDoc(r))
	}
	return d
}

func (d *planDoc) plan() *survey.Plan {
	p := &survey.Plan{Campaign: d.Campaign, Unit: d.Unit, UpdatedAt: d.UpdatedAt, UpdatedBy: d.UpdatedBy, Items: []survey.PlanItem{}, Review: []survey.PlanReview{}}
	for _, it := range d.Items {
		p.Items = append(p.Items, survey.PlanItem(it))
	}
	for _, r := range d.Review {
		p.Review = append(p.Review, survey.PlanReview(r))
	}
	return p
}

// Plan returns the unit's plan for the campaign: one read by _id.
func (s *Store) Plan(ctx context.Context, campaign, unit string) (*survey.Plan, error) {
	var d planDoc
	err := s.db.Collection(colPlans).FindOne(ctx, bson.D{{Key: "_id", Value: survey.PlanID(campaign, unit)}}).Decode(&d)
	if err == driver.ErrNoDocuments {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.plan.notfound", unit, campaign)
	} else if err != nil {
		return nil, storeErr(fmt.Errorf("find plan: %w", err))
	}
	return d.plan(), nil
}

// SavePlan replaces the unit's plan. A plan is a form people edit now and then, so two saves at
// once end with one of them whole (the last), never a mix: a replace writes the whole document.
func (s *Store) SavePlan(ctx context.Context, p *survey.Plan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	d := toPlanDoc(p)
	filter := bson.D{{Key: "_id", Value: d.ID}}
	_, err := s.db.Collection(colPlans).ReplaceOne(ctx, filter, d, upsert())
	if driver.IsDuplicateKeyError(err) {
		// Two first saves raced to insert; the document exists now, so replace it.
		_, err = s.db.Collection(colPlans).ReplaceOne(ctx, filter, d, upsert())
	}
	if err != nil {
		return storeErr(fmt.Errorf("save plan: %w", err))
	}
	return nil
}

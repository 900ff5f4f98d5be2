package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
)

type regionDoc struct {
	ID            string `bson:"_id"`
	survey.Region `bson:"inline"`
}

// Region returns the region's settings (DefaultRegion until some are saved).
func (s *Store) Region(ctx context.Context) (*survey.Region, error) {
	var d regionDoc
	err := s.db.Collection(colSettings).FindOne(ctx, bson.D{{Key: "_id", Value: "region"}}).Decode(&d)
	if err == driver.ErrNoDocuments {
		r := survey.DefaultRegion()
		return &r, nil
	} else if err != nil {
		return nil, storeErr(fmt.Errorf("find region: %w", err))
	}
	return &d.Region, nil
}

// SaveRegion replaces the region's settings.
func (s *Store) SaveRegion(ctx context.Context, r *survey.Region) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.UpdatedAt = s.now().Truncate(time.Millisecond) // the precision the store keeps
	_, err := s.db.Collection(colSettings).ReplaceOne(ctx, bson.D{{Key: "_id", Value: "region"}}, regionDoc{ID: "region", Region: *r}, upsert())
	return storeErr(err)
}

type logoDoc struct {
	ID         string `bson:"_id"`
	PNG        []byte `bson:"png"`
	Width      int    `bson:"width"`
	Height     int    `bson:"height"`
	Icon       []byte `bson:"icon"`
	IconWidth  int    `bson:"iconWidth"`
	IconHeight int    `bson:"iconHeight"`
}

// Logo returns the logo with the ID.
func (s *Store) Logo(ctx context.Context, id string) (*survey.Logo, error) {
	var d logoDoc
	if err := s.findByID(ctx, colLogos, id, &d, survey.Msg("err.logo.notfound")); err != nil {
		return nil, err
	}
	l := survey.Logo(d)
	return &l, nil
}

// SaveLogo keeps a logo under its ID. The ID names the content, so saving the same logo twice
// keeps one.
func (s *Store) SaveLogo(ctx context.Context, l *survey.Logo) error {
	if err := l.Validate(); err != nil {
		return err
	}
	_, err := s.db.Collection(colLogos).ReplaceOne(ctx, bson.D{{Key: "_id", Value: l.ID}}, logoDoc(*l), upsert())
	return storeErr(err)
}

// PruneLogos forgets every logo but the region's.
func (s *Store) PruneLogos(ctx context.Context) error {
	r, err := s.Region(ctx)
	if err != nil {
		return err
	}
	_, err = s.db.Collection(colLogos).DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$ne", Value: r.Logo}}}})
	return storeErr(err)
}

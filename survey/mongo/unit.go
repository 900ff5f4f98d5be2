package mongo

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	_, err := s.db.Collection(colSettings).ReplaceOne(ctx, bson.D{{Key: "_id", Value: "region"}}, regionDoc{ID: "region", Region: *r}, upsert())
	return storeErr(err)
}

type unitDoc struct {
	Slug      string       `bson:"_id"`
	Name      survey.Text  `bson:"name"`
	OPD       string       `bson:"opd"`
	Services  []serviceDoc `bson:"services"`
	Active    bool         `bson:"active"`
	CreatedAt time.Time    `bson:"createdAt"`
	UpdatedAt time.Time    `bson:"updatedAt"`
}

type serviceDoc struct {
	Code string      `bson:"code"`
	Name survey.Text `bson:"name"`
}

func toUnitDoc(u *survey.Unit) unitDoc {
	d := unitDoc{Slug: u.Slug, Name: u.Name, OPD: u.OPD, Active: u.Active, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, Services: []serviceDoc{}}
	for _, sv := range u.Services {
		d.Services = append(d.Services, serviceDoc(sv))
	}
	return d
}

func (d *unitDoc) unit() *survey.Unit {
	u := &survey.Unit{Slug: d.Slug, Name: d.Name, OPD: d.OPD, Active: d.Active, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt, Services: []survey.Service{}}
	for _, sv := range d.Services {
		u.Services = append(u.Services, survey.Service(sv))
	}
	return u
}

// CreateUnit saves a new unit.
func (s *Store) CreateUnit(ctx context.Context, u *survey.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.CreatedAt, u.UpdatedAt = s.now(), s.now()
	_, err := s.db.Collection(colUnits).InsertOne(ctx, toUnitDoc(u))
	if driver.IsDuplicateKeyError(err) {
		return survey.Errorf(survey.ECONFLICT, "err.unit.exists", u.Slug)
	}
	return storeErr(err)
}

// Unit returns the unit with the slug.
func (s *Store) Unit(ctx context.Context, slug string) (*survey.Unit, error) {
	var d unitDoc
	if err := s.findByID(ctx, colUnits, slug, &d, survey.Msg("err.unit.notfound", slug)); err != nil {
		return nil, err
	}
	return d.unit(), nil
}

// Units returns the units matching the filter, ordered by slug. The unit list of a region is small
// (hundreds), so it is read whole and filtered here.
func (s *Store) Units(ctx context.Context, f survey.UnitFilter) ([]*survey.Unit, error) {
	var docs []unitDoc
	if err := s.findAll(ctx, colUnits, bson.D{}, &docs); err != nil {
		return nil, err
	}
	var out []*survey.Unit
	for i := range docs {
		u := docs[i].unit()
		if (f.OPD != "" && u.OPD != f.OPD) || (f.ActiveOnly && !u.Active) || (f.Slugs != nil && !slices.Contains(f.Slugs, u.Slug)) {
			continue
		}
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b *survey.Unit) int { return strings.Compare(a.Slug, b.Slug) })
	return out, nil
}

// UpdateUnit changes a unit and returns it. Units are edited by administrators one at a time; the
// last edit wins.
func (s *Store) UpdateUnit(ctx context.Context, slug string, upd survey.UnitUpdate) (*survey.Unit, error) {
	u, err := s.Unit(ctx, slug)
	if err != nil {
		return nil, err
	}
	next := upd.Apply(*u)
	if err := next.Validate(); err != nil {
		return nil, err
	}
	next.UpdatedAt = s.now()
	if _, err := s.db.Collection(colUnits).ReplaceOne(ctx, bson.D{{Key: "_id", Value: slug}}, toUnitDoc(&next)); err != nil {
		return nil, storeErr(fmt.Errorf("replace unit: %w", err))
	}
	return &next, nil
}

package mongo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

type campaignDoc struct {
	Key           string            `bson:"_id"`
	Questionnaire string            `bson:"questionnaire"`
	Units         []campaignUnitDoc `bson:"units"`
	State         survey.State      `bson:"state"`
	OpensAt       time.Time         `bson:"opensAt"`
	ClosesAt      time.Time         `bson:"closesAt"`
	History       []transitionDoc   `bson:"history"`
	CreatedAt     time.Time         `bson:"createdAt"`
	PublishedAt   time.Time         `bson:"publishedAt"`
	PurgedAt      time.Time         `bson:"purgedAt"`
}

type campaignUnitDoc struct {
	Unit       string `bson:"unit"`
	Population int64  `bson:"population"`
	Target     int64  `bson:"target"`
}

type transitionDoc struct {
	From survey.State `bson:"from"`
	To   survey.State `bson:"to"`
	At   time.Time    `bson:"at"`
	By   string       `bson:"by"`
}

func toCampaignDoc(c *survey.Campaign) campaignDoc {
	d := campaignDoc{Key: c.Key, Questionnaire: c.Questionnaire, State: c.State, OpensAt: c.OpensAt, ClosesAt: c.ClosesAt,
		CreatedAt: c.CreatedAt, PublishedAt: c.PublishedAt, PurgedAt: c.PurgedAt, Units: []campaignUnitDoc{}, History: []transitionDoc{}}
	for _, u := range c.Units {
		d.Units = append(d.Units, campaignUnitDoc(u))
	}
	for _, t := range c.History {
		d.History = append(d.History, transitionDoc(t))
	}
	return d
}

func (d *campaignDoc) campaign() *survey.Campaign {
	c := &survey.Campaign{Key: d.Key, Questionnaire: d.Questionnaire, State: d.State, OpensAt: d.OpensAt, ClosesAt: d.ClosesAt,
		CreatedAt: d.CreatedAt, PublishedAt: d.PublishedAt, PurgedAt: d.PurgedAt, Units: []survey.CampaignUnit{}, History: []survey.Transition{}}
	for _, u := range d.Units {
		c.Units = append(c.Units, survey.CampaignUnit(u))
	}
	for _, t := range d.History {
		c.History = append(c.History, survey.Transition(t))
	}
	return c
}

// withTargets sets each unit's Krejcie–Morgan target from its population.
func withTargets(units []survey.CampaignUnit) []survey.CampaignUnit {
	out := slices.Clone(units)
	for i := range out {
		out[i].Target = 0
		if out[i].Population > 0 {
			out[i].Target = analytics.KrejcieMorgan(out[i].Population)
		}
	}
	return out
}

// CreateCampaign saves a new campaign in state draft and locks its questionnaire version.
func (s *Store) CreateCampaign(ctx context.Context, c *survey.Campaign) error {
	c.State, c.History, c.CreatedAt = survey.StateDraft, nil, s.now()
	c.Units = withTargets(c.Units)
	if err := c.Validate(); err != nil {
		return err
	}
	if err := s.checkReferences(ctx, c); err != nil {
		return err
	}
	// Lock before inserting: a version locked for a campaign that then fails to save is merely
	// frozen, while the other order could leave a campaign on a version still being edited.
	if err := s.lockQuestionnaire(ctx, c.Questionnaire); err != nil {
		return err
	}
	_, err := s.db.Collection(colCampaigns).InsertOne(ctx, toCampaignDoc(c))
	if driver.IsDuplicateKeyError(err) {
		return survey.Errorf(survey.ECONFLICT, "err.campaign.exists", c.Key)
	}
	return storeErr(err)
}

func (s *Store) checkReferences(ctx context.Context, c *survey.Campaign) error {
	if _, err := s.Questionnaire(ctx, c.Questionnaire); err != nil {
		return err
	}
	units, err := s.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, u := range units {
		known[u.Slug] = true
	}
	var missing []string
	for _, u := range c.Units {
		if !known[u.Unit] {
			missing = append(missing, u.Unit)
		}
	}
	if len(missing) > 0 {
		return survey.Errorf(survey.ENOTFOUND, "err.campaign.units", c.Key, strings.Join(missing, ", "))
	}
	return nil
}

// Campaign returns the campaign with the key.
func (s *Store) Campaign(ctx context.Context, key string) (*survey.Campaign, error) {
	var d campaignDoc
	if err := s.findByID(ctx, colCampaigns, key, &d, survey.Msg("err.campaign.notfound", key)); err != nil {
		return nil, err
	}
	return d.campaign(), nil
}

// Campaigns returns the campaigns matching the filter, newest semester first. A region has two
// campaigns a year, so the list is read whole.
func (s *Store) Campaigns(ctx context.Context, f survey.CampaignFilter) ([]*survey.Campaign, error) {
	var docs []campaignDoc
	if err := s.findAll(ctx, colCampaigns, bson.D{}, &docs); err != nil {
		return nil, err
	}
	var out []*survey.Campaign
	for i := range docs {
		if f.State != "" && docs[i].State != f.State {
			continue
		}
		out = append(out, docs[i].campaign())
	}
	slices.SortFunc(out, func(a, b *survey.Campaign) int { return strings.Compare(b.Key, a.Key) })
	return out, nil
}

// UpdateCampaign changes a campaign. The questionnaire and schedule change only while it is a
// draft; units and populations also later, because a unit's population is often known only when
// the semester ends.
func (s *Store) UpdateCampaign(ctx context.Context, key string, upd survey.CampaignUpdate) (*survey.Campaign, error) {
	c, err := s.Campaign(ctx, key)
	if err != nil {
		return nil, err
	}
	if c.State == survey.StateArchived {
		return nil, survey.Errorf(survey.ECONFLICT, "err.campaign.archived", key)
	}
	if c.State != survey.StateDraft && (upd.Questionnaire != nil || upd.OpensAt != nil) {
		return nil, survey.Errorf(survey.ECONFLICT, "err.campaign.fixed", key, c.State.Message())
	}
	if upd.Questionnaire != nil {
		c.Questionnaire = *upd.Questionnaire
	}
	if upd.Units != nil {
		c.Units = withTargets(*upd.Units)
	}
	if upd.OpensAt != nil {
		c.OpensAt = *upd.OpensAt
	}
	if upd.ClosesAt != nil {
		c.ClosesAt = *upd.ClosesAt
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := s.checkReferences(ctx, c); err != nil {
		return nil, err
	}
	if upd.Questionnaire != nil {
		if err := s.lockQuestionnaire(ctx, c.Questionnaire); err != nil {
			return nil, err
		}
	}
	if err := s.replaceCampaign(ctx, c, c.State); err != nil {
		return nil, err
	}
	return c, nil
}

// replaceCampaign writes c if the stored campaign is still in state from.
func (s *Store) replaceCampaign(ctx context.Context, c *survey.Campaign, from survey.State) error {
	res, err := s.db.Collection(colCampaigns).ReplaceOne(ctx, bson.D{{Key: "_id", Value: c.Key}, {Key: "state", Value: from}}, toCampaignDoc(c))
	if err != nil {
		return storeErr(fmt.Errorf("replace campaign: %w", err))
	} else if res.MatchedCount == 0 {
		return survey.Errorf(survey.ECONFLICT, "err.campaign.changed", c.Key)
	}
	return nil
}

// TransitionCampaign moves a campaign to another state. At most one campaign is open at a time, so
// the resident's page always knows which questionnaire to show. A move to the state the campaign is
// in is a conflict, so that a second click on "close" says the campaign is closed already.
func (s *Store) TransitionCampaign(ctx context.Context, key string, to survey.State, by string, at time.Time) (*survey.Campaign, error) {
	c, err := s.Campaign(ctx, key)
	if err != nil {
		return nil, err
	}
	from := c.State
	if from == to {
		return nil, survey.Errorf(survey.ECONFLICT, "err.campaign.already", key, to.Message())
	}
	if !survey.CanTransition(from, to) {
		return nil, survey.Errorf(survey.ECONFLICT, "err.campaign.transition", key, from.Message(), to.Message())
	}
	if to == survey.StateOpen {
		open, err := s.Campaigns(ctx, survey.CampaignFilter{State: survey.StateOpen})
		if err != nil {
			return nil, err
		}
		if len(open) > 0 {
			return nil, survey.Errorf(survey.ECONFLICT, "err.campaign.open", open[0].Key, key)
		}
	}
	c.State = to
	c.History = append(c.History, survey.Transition{From: from, To: to, At: at.UTC(), By: by})
	if err := s.replaceCampaign(ctx, c, from); err != nil {
		return nil, err
	}
	return c, nil
}

// PublishCampaign marks a closed or archived campaign's results public.
func (s *Store) PublishCampaign(ctx context.Context, key string, at time.Time) (*survey.Campaign, error) {
	c, err := s.Campaign(ctx, key)
	if err != nil {
		return nil, err
	}
	if err := c.Publishable(); err != nil {
		return nil, err
	}
	c.PublishedAt = at.UTC()
	if err := s.replaceCampaign(ctx, c, c.State); err != nil {
		return nil, err
	}
	return c, nil
}

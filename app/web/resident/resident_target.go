package resident

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/skm-engine/skm/survey"
)

// targetState says whether a unit's survey can be answered.
type targetState int

const (
	// targetOpen: the unit is active and in the open campaign.
	targetOpen targetState = iota
	// targetUnknown: no such unit, or it is no longer active (404).
	targetUnknown
	// targetClosed: the unit exists but no open campaign surveys it (410).
	targetClosed
)

// surveyTarget is what a resident's page needs: the unit, the open campaign that surveys it and
// the questionnaire version that campaign pins.
type surveyTarget struct {
	state         targetState
	unit          *survey.Unit
	campaign      *survey.Campaign
	questionnaire *survey.Questionnaire
	// pages keeps the target's pages as rendered (see renderedPage); they live as long as the
	// target, so a change to the unit or campaign renders them afresh.
	pages sync.Map
}

// targetTTL is how long a resolved target is reused. Every phone's page view and submission needs
// one, and the embedded store reads only a few thousand documents a second; a campaign opened,
// closed or a unit changed shows on residents' pages within this time.
const targetTTL = 5 * time.Second

// maxCachedTargets bounds the cache against requests for made-up slugs.
const maxCachedTargets = 10_000

// targetCache resolves and keeps survey targets. The questionnaire versions it keeps never
// change once a campaign pins them, so they are kept for good.
type targetCache struct {
	store survey.Store

	mu             sync.Mutex
	targets        map[string]*cachedTarget
	campaigns      []*survey.Campaign
	campaignsAt    time.Time
	campaignLoad   sync.Mutex
	questionnaires map[string]*survey.Questionnaire
}

type cachedTarget struct {
	load   sync.Mutex // one resolution at a time per unit; the others wait for its result
	target *surveyTarget
	at     time.Time
}

func newTargetCache(store survey.Store) *targetCache {
	return &targetCache{store: store, targets: map[string]*cachedTarget{}, questionnaires: map[string]*survey.Questionnaire{}}
}

// get returns the unit's target. A store failure is returned as the error (EUNAVAILABLE when the
// store cannot be reached) and never cached.
func (tc *targetCache) get(ctx context.Context, slug string) (*surveyTarget, error) {
	if !survey.ValidSlug(slug) {
		return &surveyTarget{state: targetUnknown}, nil
	}
	slug = strings.Clone(slug) // a route parameter points into a buffer Fiber reuses
	tc.mu.Lock()
	e := tc.targets[slug]
	if e == nil {
		if len(tc.targets) >= maxCachedTargets {
			tc.targets = map[string]*cachedTarget{}
		}
		e = &cachedTarget{}
		tc.targets[slug] = e
	}
	tc.mu.Unlock()

	e.load.Lock()
	defer e.load.Unlock()
	if e.target != nil && time.Since(e.at) < targetTTL {
		return e.target, nil
	}
	t, err := tc.resolve(ctx, slug)
	if err != nil {
		return nil, err
	}
	e.target, e.at = t, time.Now()
	return t, nil
}

func (tc *targetCache) resolve(ctx context.Context, slug string) (*surveyTarget, error) {
	u, err := tc.store.Unit(ctx, slug)
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		return &surveyTarget{state: targetUnknown}, nil
	} else if err != nil {
		return nil, err
	}
	if !u.Active {
		return &surveyTarget{state: targetUnknown, unit: u}, nil
	}
	campaigns, err := tc.openCampaigns(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range campaigns {
		if _, ok := c.Unit(slug); !ok || !c.Accepts() {
			continue
		}
		q, err := tc.questionnaire(ctx, c.Questionnaire)
		if err != nil {
			return nil, err
		}
		return &surveyTarget{state: targetOpen, unit: u, campaign: c, questionnaire: q}, nil
	}
	return &surveyTarget{state: targetClosed, unit: u}, nil
}

// openCampaigns returns the open campaigns, read at most once per targetTTL for all units.
func (tc *targetCache) openCampaigns(ctx context.Context) ([]*survey.Campaign, error) {
	tc.campaignLoad.Lock()
	defer tc.campaignLoad.Unlock()
	if tc.campaignsAt.IsZero() || time.Since(tc.campaignsAt) >= targetTTL {
		cs, err := tc.store.Campaigns(ctx, survey.CampaignFilter{State: survey.StateOpen})
		if err != nil {
			return nil, err
		}
		tc.campaigns, tc.campaignsAt = cs, time.Now()
	}
	return tc.campaigns, nil
}

func (tc *targetCache) questionnaire(ctx context.Context, id string) (*survey.Questionnaire, error) {
	tc.mu.Lock()
	q := tc.questionnaires[id]
	tc.mu.Unlock()
	if q != nil {
		return q, nil
	}
	q, err := tc.store.Questionnaire(ctx, id)
	if err != nil {
		return nil, err
	}
	if q.Locked {
		tc.mu.Lock()
		tc.questionnaires[id] = q
		tc.mu.Unlock()
	}
	return q, nil
}

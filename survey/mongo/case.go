package mongo

import (
	"context"
	"fmt"

	"github.com/skm-engine/skm/survey"
)

// RecordCaseEvents appends replies and publications to the campaign's tally log, where every
// instance folds them into its cases: an event is an insert, like everything that can race.
// EINVALID or ECONFLICT when an event does not fit its case; ENOTFOUND for an unknown case.
func (s *Store) RecordCaseEvents(ctx context.Context, campaign string, events []survey.CaseEvent) error {
	// Another instance folds an event only after the entry that opened its case: write that
	// entry's commit first if it is still pending here.
	if err := s.Flush(ctx); err != nil {
		return err
	}
	t, err := s.freshTally(ctx, campaign)
	if err != nil {
		return err
	}
	for i := range events {
		c, ok := t.Unit(events[i].Unit).Case(events[i].Code)
		if !ok {
			return survey.Errorf(survey.ENOTFOUND, "err.case.notinunit", events[i].Code, events[i].Unit)
		}
		if err := events[i].Validate(c); err != nil {
			return err
		}
		events[i].At = events[i].At.UTC()
	}
	seq, err := s.tallies.claim(ctx, campaign, kindEvents, events)
	if err != nil {
		return err
	}
	if err := s.tallies.commit(ctx, campaign, seq, []int{}); err != nil {
		return err
	}
	_, err = s.freshTally(ctx, campaign)
	return err
}

// FindCase looks a tracking code up in every campaign, newest first, and returns the case with its
// campaign. The code is the only key: ENOTFOUND for any code not issued.
func (s *Store) FindCase(ctx context.Context, code string) (*survey.Case, string, error) {
	code = survey.NormalizeCaseCode(code)
	if code == "" {
		return nil, "", survey.Errorf(survey.ENOTFOUND, "err.case.notfound")
	}
	campaigns, err := s.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, "", err
	}
	for _, c := range campaigns {
		t, err := s.Tally(ctx, c.Key)
		if err != nil {
			return nil, "", fmt.Errorf("read cases of %s: %w", c.Key, err)
		}
		for _, u := range t.Units {
			if found, ok := u.Case(code); ok {
				cc := *found
				return &cc, c.Key, nil
			}
		}
	}
	return nil, "", survey.Errorf(survey.ENOTFOUND, "err.case.notfound")
}

// carryCaseStates copies the replies and publications of the cases in from onto the same cases in
// to: a recount rebuilds cases from the responses, which do not hold the unit's replies.
func carryCaseStates(to, from *survey.CampaignTally) {
	for slug, u := range to.Units {
		for _, c := range u.Cases {
			if old, ok := from.Unit(slug).Case(c.Code); ok {
				c.Reply, c.RepliedAt, c.RepliedBy, c.PublishedAt = old.Reply, old.RepliedAt, old.RepliedBy, old.PublishedAt
			}
		}
	}
}

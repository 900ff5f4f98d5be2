package mongo

import (
	"context"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
)

// The words of cases live apart from the tallies, in the cases collection: one document per case,
// keyed by its internal ID, written beside the response that opens it, and one per reply, keyed
// "{case}/{entry}" by the tally-log entry of the reply event. Every document is an insert, so
// two people replying at once on two instances cannot mix one's text with the other's time:
// the case's summary names the entry of the reply in force.

type caseDoc struct {
	ID       string `bson:"_id"`
	Campaign string `bson:"campaign"`
	Unit     string `bson:"unit"`
	Key      string `bson:"key"` // the response that opened the case
	Text     string `bson:"text"`
}

type replyDoc struct {
	ID       string `bson:"_id"`
	Campaign string `bson:"campaign"`
	Case     string `bson:"case"`
	Reply    string `bson:"reply"`
	By       string `bson:"by"`
}

func replyID(caseID string, entry int64) string { return fmt.Sprintf("%s/%d", caseID, entry) }

// maxEvents bounds the case events of one call, and so of one tally-log entry.
const maxEvents = 100

// caseIDOf returns the internal ID of the case a response opens: from its tracking code, or for a
// suggestion kept from before cases were tracked, from its submission key; "" when it opens none.
func (s *Store) caseIDOf(opens bool, code, key string) string {
	switch {
	case !opens:
		return ""
	case code != "":
		return survey.CaseID(s.caseSecret, code)
	}
	return survey.CaseID(s.caseSecret, "response "+key)
}

// RecordCaseEvents appends replies, publications, reclassifications and reads to the campaign's tally log, where every
// instance folds them into its cases, and stores each reply's text under its entry. EINVALID or
// ECONFLICT when an event does not fit its case; ENOTFOUND for an unknown case.
func (s *Store) RecordCaseEvents(ctx context.Context, campaign string, events []survey.CaseEvent) error {
	if len(events) > maxEvents {
		return survey.Errorf(survey.EINVALID, "err.case.events", maxEvents)
	}
	// Another instance folds an event only after the entry that opened its case: settle this
	// instance's own batches first.
	if err := s.Flush(ctx); err != nil {
		return err
	}
	t, err := s.freshTally(ctx, campaign)
	if err != nil {
		return err
	}
	logged := make([]survey.CaseEvent, len(events))
	for i := range events {
		c, ok := t.Unit(events[i].Unit).Case(events[i].Case)
		if !ok {
			return survey.Errorf(survey.ENOTFOUND, "err.case.notinunit", events[i].Case, events[i].Unit)
		}
		if err := events[i].Validate(c); err != nil {
			return err
		}
		events[i].At = events[i].At.UTC()
		logged[i] = events[i]
		logged[i].Text = ""
	}
	seq, err := s.tallies.claim(ctx, campaign, kindEvents, logged)
	if err != nil {
		return err
	}
	var replies []any
	for _, e := range events {
		if e.Type == survey.EventReply {
			replies = append(replies, replyDoc{ID: replyID(e.Case, seq), Campaign: campaign, Case: e.Case, Reply: strings.TrimSpace(e.Text), By: e.By})
		}
	}
	if len(replies) > 0 {
		if _, err := s.insertMany(ctx, StepCases, colCases, replies); err != nil {
			s.log.Warn("unknown whether the replies were stored; deciding the entry by what is there", "campaign", campaign, "err", err)
		}
	}
	claim, found := claimDoc{}, false
	if found, err = s.findDoc(ctx, colTallyLog, logID(campaign, seq), &claim); err != nil {
		return err
	} else if !found {
		return errNotStored
	}
	commit, err := s.tallies.settle(ctx, &claim, false)
	if err != nil {
		return err
	}
	if len(commit.Excluded) > 0 {
		return errNotStored
	}
	_, err = s.freshTally(ctx, campaign)
	return err
}

// Case returns the summary of the case with the internal ID and its campaign.
func (s *Store) Case(ctx context.Context, id string) (*survey.Case, string, error) {
	var d caseDoc
	found, err := s.findDoc(ctx, colCases, id, &d)
	if err != nil {
		return nil, "", err
	}
	if found {
		for _, read := range []func(context.Context, string) (*survey.CampaignTally, error){s.Tally, s.freshTally} {
			t, err := read(ctx, d.Campaign)
			if err != nil {
				return nil, "", err
			}
			if c, ok := t.Unit(d.Unit).Case(id); ok {
				cc := *c
				return &cc, d.Campaign, nil
			}
		}
		return nil, "", survey.Errorf(survey.ENOTFOUND, "err.case.notfound")
	}
	// The retention policy deleted the words of a purged campaign's cases; their summaries stay.
	campaigns, err := s.Campaigns(ctx, survey.CampaignFilter{})
	if err != nil {
		return nil, "", err
	}
	for _, c := range campaigns {
		if c.PurgedAt.IsZero() {
			continue
		}
		t, err := s.Tally(ctx, c.Key)
		if err != nil {
			return nil, "", fmt.Errorf("read cases of %s: %w", c.Key, err)
		}
		for _, u := range t.Units {
			if found, ok := u.Case(id); ok {
				cc := *found
				return &cc, c.Key, nil
			}
		}
	}
	return nil, "", survey.Errorf(survey.ENOTFOUND, "err.case.notfound")
}

// FindCase returns the case with a tracking code, as a resident types it, and its campaign.
func (s *Store) FindCase(ctx context.Context, code string) (*survey.Case, string, error) {
	code = survey.NormalizeCaseCode(code)
	if code == "" {
		return nil, "", survey.Errorf(survey.ENOTFOUND, "err.case.notfound")
	}
	return s.Case(ctx, survey.CaseID(s.caseSecret, code))
}

// CaseText returns the words of the case with the ID: what the resident wrote and the reply in
// force.
func (s *Store) CaseText(ctx context.Context, id string) (*survey.CaseText, error) {
	c, _, err := s.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	var d caseDoc
	if _, err := s.findDoc(ctx, colCases, id, &d); err != nil {
		return nil, err
	}
	out := &survey.CaseText{Text: d.Text}
	if c.ReplyEntry > 0 {
		var r replyDoc
		if _, err := s.findDoc(ctx, colCases, replyID(id, c.ReplyEntry), &r); err != nil {
			return nil, err
		}
		out.Reply, out.RepliedBy = r.Reply, r.By
	}
	return out, nil
}

// CaseWords returns what residents wrote in the cases with the IDs, by ID, in one read of the
// cases collection by _id; an ID whose words are gone (purged) or never were is absent.
// EINVALID for more than survey.MaxCaseWords IDs.
func (s *Store) CaseWords(ctx context.Context, ids []string) (map[string]string, error) {
	if len(ids) > survey.MaxCaseWords {
		return nil, survey.Errorf(survey.EINVALID, "err.case.words", survey.MaxCaseWords)
	}
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var docs []caseDoc
	if err := s.findAll(ctx, colCases, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}}, &docs); err != nil {
		return nil, err
	}
	for _, d := range docs {
		out[d.ID] = d.Text
	}
	return out, nil
}

package mongo

import (
	"context"
	"fmt"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey"
)

type responseDoc struct {
	Key           string           `bson:"_id"`
	Campaign      string           `bson:"campaign"`
	Unit          string           `bson:"unit"`
	Service       string           `bson:"service,omitempty"`
	Questionnaire string           `bson:"questionnaire"`
	Answers       map[string]int32 `bson:"answers"`
	Gender        string           `bson:"gender,omitempty"`
	Age           int              `bson:"age,omitempty"`
	Education     string           `bson:"education,omitempty"`
	Occupation    string           `bson:"occupation,omitempty"`
	Channel       string           `bson:"channel"`
	// Case is set when the response opened a case; its words are in the cases collection.
	Case        bool      `bson:"case,omitempty"`
	Flags       []string  `bson:"flags,omitempty"`
	SubmittedAt time.Time `bson:"submittedAt"`
	Day         string    `bson:"day"`
	Kind        string    `bson:"kind,omitempty"`
	CaseKind    string    `bson:"caseKind,omitempty"`
	CaseCode    string    `bson:"caseCode,omitempty"`
	CaseDue     time.Time `bson:"caseDue,omitempty"`
	ReceivedAt  time.Time `bson:"receivedAt,omitempty"`
	// Seq is the tally-log entry that counts the response.
	Seq int64 `bson:"seq"`
}

func toResponseDoc(r *survey.Response, seq int64) responseDoc {
	d := responseDoc{Key: r.Key, Campaign: r.Campaign, Unit: r.Unit, Service: r.Service, Questionnaire: r.Questionnaire,
		Answers: map[string]int32{}, Gender: r.Profile.Gender, Age: r.Profile.Age, Education: r.Profile.Education,
		Occupation: r.Profile.Occupation, Channel: r.Channel, Case: r.Suggestion != "", Flags: r.Flags,
		SubmittedAt: r.SubmittedAt.UTC(), Day: r.Day, Kind: r.Kind, CaseKind: r.CaseKind, CaseCode: r.CaseCode, CaseDue: r.CaseDue.UTC(),
		ReceivedAt: r.ReceivedAt.UTC(), Seq: seq}
	for i, v := range r.Answers {
		if v != 0 {
			d.Answers[survey.ElementCodes[i]] = int32(v)
		}
	}
	return d
}

// response returns the stored response without the words of its case, which words adds.
func (d *responseDoc) response() *survey.Response {
	r := &survey.Response{Key: d.Key, Campaign: d.Campaign, Unit: d.Unit, Service: d.Service, Questionnaire: d.Questionnaire,
		Profile: survey.Profile{Gender: d.Gender, Age: d.Age, Education: d.Education, Occupation: d.Occupation},
		Channel: d.Channel, Flags: d.Flags, SubmittedAt: d.SubmittedAt, Day: d.Day,
		Kind: d.Kind, CaseKind: d.CaseKind, CaseCode: d.CaseCode, CaseDue: d.CaseDue, ReceivedAt: d.ReceivedAt}
	for code, v := range d.Answers {
		if i, ok := survey.ElementIndex(code); ok && v >= 1 && v <= 4 {
			r.Answers[i] = int8(v)
		}
	}
	return r
}

// Submit stores a response once and counts it.
func (s *Store) Submit(ctx context.Context, r *survey.Response) (*survey.Receipt, error) {
	rs, err := s.commits.submit(ctx, []*survey.Response{r})
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// SubmitAll stores many responses in one batch: one tally-log entry counts them all.
func (s *Store) SubmitAll(ctx context.Context, rs []*survey.Response) ([]*survey.Receipt, error) {
	if len(rs) == 0 {
		return nil, nil
	}
	return s.commits.submit(ctx, rs)
}

// Response returns the response with the submission key.
func (s *Store) Response(ctx context.Context, key string) (*survey.Response, error) {
	if !survey.ValidKey(key) { // nor, then, a tally-log entry's _id beside the responses
		return nil, survey.Errorf(survey.ENOTFOUND, "err.response.notfound")
	}
	d, err := s.responseDoc(ctx, key)
	if err != nil {
		return nil, err
	}
	return s.withWords(ctx, d)
}

// withWords returns the stored response with the words of the case it opened.
func (s *Store) withWords(ctx context.Context, d *responseDoc) (*survey.Response, error) {
	r := d.response()
	if !d.Case {
		return r, nil
	}
	var c caseDoc
	if _, err := s.findDoc(ctx, colCases, s.caseIDOf(true, d.CaseCode, d.Key), &c); err != nil {
		return nil, err
	}
	r.Suggestion = c.Text
	return r, nil
}

func (s *Store) responseDoc(ctx context.Context, key string) (*responseDoc, error) {
	var d responseDoc
	if err := s.findByID(ctx, colResponses, key, &d, survey.Msg("err.response.notfound")); err != nil {
		return nil, err
	}
	return &d, nil
}

const maxPage = 500

// Responses returns a page of a campaign's responses in key order. Listing is an administrator's
// occasional read; on MongoDB the campaign/unit index serves it.
func (s *Store) Responses(ctx context.Context, f survey.ResponseFilter) ([]*survey.Response, string, error) {
	if f.Campaign == "" {
		return nil, "", survey.Errorf(survey.EINVALID, "err.responses.campaign")
	}
	if f.Limit <= 0 || f.Limit > maxPage {
		f.Limit = 100
	}
	filter := responseFilter(f.Campaign, f.Unit)
	if f.After != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$gt", Value: f.After}}})
	}
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(f.Limit) + 1)
	cur, err := s.db.Collection(colResponses).Find(ctx, filter, opts)
	if err != nil {
		return nil, "", storeErr(fmt.Errorf("find responses: %w", err))
	}
	var docs []responseDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, "", storeErr(fmt.Errorf("read responses: %w", err))
	}
	next := ""
	if len(docs) > f.Limit {
		docs = docs[:f.Limit]
		next = docs[len(docs)-1].Key
	}
	out := make([]*survey.Response, len(docs))
	for i := range docs {
		if out[i], err = s.withWords(ctx, &docs[i]); err != nil {
			return nil, "", err
		}
	}
	return out, next, nil
}

func responseFilter(campaign, unit string) bson.D {
	f := bson.D{{Key: "campaign", Value: campaign}}
	if unit != "" {
		f = append(f, bson.E{Key: "unit", Value: unit})
	}
	return f
}

// EachResponse streams a campaign's responses to fn in constant memory.
// The words of cases come from a second scan walking beside the first (see wordStream); a case it
// does not reach is looked up by ID, several at once, a chunk of responses at a time.
func (s *Store) EachResponse(ctx context.Context, campaign, unit string, fn func(*survey.Response) error) error {
	const chunk = 256
	words := s.streamWords(ctx, campaign, unit)
	defer words.close()
	var docs []*responseDoc
	send := func() error {
		rs := make([]*survey.Response, len(docs))
		var missing []int
		for i, d := range docs {
			rs[i] = d.response()
			if !d.Case {
				continue
			}
			text, found, err := words.words(s.caseIDOf(true, d.CaseCode, d.Key))
			if err != nil {
				return err
			}
			if !found {
				missing = append(missing, i)
			}
			rs[i].Suggestion = text
		}
		if err := s.lookUpWords(ctx, docs, rs, missing); err != nil {
			return err
		}
		for _, r := range rs {
			if err := fn(r); err != nil {
				return err
			}
		}
		docs = docs[:0]
		return nil
	}
	err := s.eachResponseDoc(ctx, responseFilter(campaign, unit), func(d *responseDoc) error {
		docs = append(docs, d)
		if len(docs) < chunk {
			return nil
		}
		return send()
	})
	if err != nil {
		return err
	}
	return send()
}

// lookUpWords reads by ID, eight at a time, the words of the responses at the indexes missing.
func (s *Store) lookUpWords(ctx context.Context, docs []*responseDoc, rs []*survey.Response, missing []int) error {
	errs := make([]error, len(missing))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for j, i := range missing {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			var r *survey.Response
			if r, errs[j] = s.withWords(ctx, docs[i]); errs[j] == nil {
				rs[i] = r
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) eachResponseDoc(ctx context.Context, filter bson.D, fn func(*responseDoc) error) error {
	cur, err := s.db.Collection(colResponses).Find(ctx, filter, options.Find().SetBatchSize(500))
	if err != nil {
		return storeErr(fmt.Errorf("find responses: %w", err))
	}
	defer cur.Close(context.WithoutCancel(ctx))
	for cur.Next(ctx) {
		var d responseDoc
		if err := cur.Decode(&d); err != nil {
			return storeErr(fmt.Errorf("decode response: %w", err))
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
	return storeErr(cur.Err())
}

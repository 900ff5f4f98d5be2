package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey"
)

// The outbox holds one document per notification, keyed by its deterministic ID, and a claim per
// delivery attempt keyed "{id}#{n}". Only the holder of an attempt's claim sends it and records
// its outcome, so the notification document is never updated by two writers at once (which the
// embedded store would not make atomic). Finished notifications are purged after a while, which
// keeps the scan for pending ones short on the embedded store.
const (
	colOutbox       = "outbox"
	colOutboxClaims = "outbox_claims"
)

// The outbox's indexes join the store's list. One per collection: the embedded store drops the
// connection when a second start-up creates two indexes of one collection that already exist.
func init() {
	indexes[colOutbox] = []driver.IndexModel{
		{Keys: bson.D{{Key: "pending", Value: 1}, {Key: "nextAt", Value: 1}}, Options: options.Index().SetName("outbox_pending")},
	}
	indexes[colOutboxClaims] = []driver.IndexModel{
		{Keys: bson.D{{Key: "at", Value: 1}}, Options: options.Index().SetName("outbox_claims_at")},
	}
}

type notificationDoc struct {
	ID         string    `bson:"_id"`
	Event      string    `bson:"event"`
	Via        string    `bson:"via"`
	Campaign   string    `bson:"campaign"`
	Unit       string    `bson:"unit"`
	Case       string    `bson:"case"`
	ReceivedAt time.Time `bson:"receivedAt"`
	DueAt      time.Time `bson:"dueAt"`
	To         []string  `bson:"to"`
	CreatedAt  time.Time `bson:"createdAt"`
	Attempts   int       `bson:"attempts"`
	Pending    bool      `bson:"pending"`
	NextAt     time.Time `bson:"nextAt"`
	SentAt     time.Time `bson:"sentAt"`
	FinishedAt time.Time `bson:"finishedAt"`
	LastError  string    `bson:"lastError"`
}

type claimAttemptDoc struct {
	ID string    `bson:"_id"`
	By string    `bson:"by"`
	At time.Time `bson:"at"`
}

// Enqueue inserts the notification as pending, due at once.
func (s *Store) Enqueue(ctx context.Context, n *survey.Notification) (bool, error) {
	if n.ID == "" || n.Event == "" || n.Via == "" {
		return false, survey.Errorf(survey.EINVALID, "err.outbox.incomplete")
	}
	d := notificationDoc{ID: n.ID, Event: n.Event, Via: n.Via, Campaign: n.Campaign, Unit: n.Unit, Case: n.Case,
		ReceivedAt: n.ReceivedAt.UTC(), DueAt: n.DueAt.UTC(), To: n.To, CreatedAt: n.CreatedAt.UTC(),
		Pending: true, NextAt: n.CreatedAt.UTC()}
	if d.To == nil {
		d.To = []string{}
	}
	_, err := s.db.Collection(colOutbox).InsertOne(ctx, d)
	if driver.IsDuplicateKeyError(err) {
		return false, nil
	} else if err != nil {
		return false, storeErr(fmt.Errorf("enqueue notification: %w", err))
	}
	return true, nil
}

// DueNotifications returns pending notifications due at now.
func (s *Store) DueNotifications(ctx context.Context, now time.Time, limit int) ([]*survey.Notification, error) {
	filter := bson.D{{Key: "pending", Value: true}, {Key: "nextAt", Value: bson.D{{Key: "$lte", Value: now.UTC()}}}}
	opts := options.Find().SetSort(bson.D{{Key: "nextAt", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(limit))
	cur, err := s.db.Collection(colOutbox).Find(ctx, filter, opts)
	if err != nil {
		return nil, storeErr(fmt.Errorf("find due notifications: %w", err))
	}
	var docs []notificationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, storeErr(fmt.Errorf("read due notifications: %w", err))
	}
	out := make([]*survey.Notification, len(docs))
	for i := range docs {
		out[i] = docs[i].notification()
	}
	return out, nil
}

func (d *notificationDoc) notification() *survey.Notification {
	n := survey.Notification(*d)
	return &n
}

// Notification returns the notification with the ID.
func (s *Store) Notification(ctx context.Context, id string) (*survey.Notification, error) {
	var d notificationDoc
	err := s.db.Collection(colOutbox).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d)
	if err == driver.ErrNoDocuments {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.outbox.notfound", id)
	} else if err != nil {
		return nil, storeErr(fmt.Errorf("find notification: %w", err))
	}
	return d.notification(), nil
}

func attemptClaimID(id string, n int) string { return fmt.Sprintf("%s#%d", id, n) }

// ClaimAttempt inserts the attempt's claim; the unique key lets exactly one sender have it.
func (s *Store) ClaimAttempt(ctx context.Context, id string, n int, by string, at time.Time) (bool, time.Time, error) {
	claim := claimAttemptDoc{ID: attemptClaimID(id, n), By: by, At: at.UTC()}
	_, err := s.db.Collection(colOutboxClaims).InsertOne(ctx, claim)
	if err == nil {
		return true, claim.At, nil
	} else if !driver.IsDuplicateKeyError(err) {
		return false, time.Time{}, storeErr(fmt.Errorf("claim notification attempt: %w", err))
	}
	var held claimAttemptDoc
	if err := s.db.Collection(colOutboxClaims).FindOne(ctx, bson.D{{Key: "_id", Value: claim.ID}}).Decode(&held); err != nil {
		return false, time.Time{}, storeErr(fmt.Errorf("read notification claim: %w", err))
	}
	return false, held.At, nil
}

// RecordAttempt moves the notification from attempt a.N-1 to a.N; the condition on the attempt
// count makes a second recording of the same attempt a no-op.
func (s *Store) RecordAttempt(ctx context.Context, id string, a survey.Attempt) error {
	set := bson.D{{Key: "attempts", Value: a.N}, {Key: "lastError", Value: a.Err}}
	switch {
	case a.Err == "":
		set = append(set, bson.E{Key: "pending", Value: false}, bson.E{Key: "sentAt", Value: a.At.UTC()}, bson.E{Key: "finishedAt", Value: a.At.UTC()})
	case a.NextAt.IsZero():
		set = append(set, bson.E{Key: "pending", Value: false}, bson.E{Key: "finishedAt", Value: a.At.UTC()})
	default:
		set = append(set, bson.E{Key: "nextAt", Value: a.NextAt.UTC()})
	}
	res, err := s.db.Collection(colOutbox).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "attempts", Value: a.N - 1}},
		bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return storeErr(fmt.Errorf("record notification attempt: %w", err))
	}
	if res.MatchedCount == 0 {
		if _, err := s.Notification(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// PurgeNotifications deletes finished notifications and the claims of their time.
func (s *Store) PurgeNotifications(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.Collection(colOutbox).DeleteMany(ctx, bson.D{{Key: "pending", Value: false}, {Key: "finishedAt", Value: bson.D{{Key: "$lt", Value: before.UTC()}}}})
	if err != nil {
		return 0, storeErr(fmt.Errorf("purge notifications: %w", err))
	}
	if _, err := s.db.Collection(colOutboxClaims).DeleteMany(ctx, bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: before.UTC()}}}}); err != nil {
		return 0, storeErr(fmt.Errorf("purge notification claims: %w", err))
	}
	return res.DeletedCount, nil
}

package mongo

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// legacyTallyLog is where the tally log lived before it moved beside the responses.
const legacyTallyLog = "tally_log"

// moveLegacyLog moves the entries of a store written before the tally log moved beside the
// responses, renaming their "campaign" to "log", then drops the old collection. Each entry is
// inserted under its own _id, so a move interrupted and run again completes it. Every instance
// of the old version must be stopped first: one still running would write to the old place.
func (s *Store) moveLegacyLog(ctx context.Context) error {
	old := s.db.Collection(legacyTallyLog)
	cur, err := old.Find(ctx, bson.D{})
	if err != nil {
		return storeErr(fmt.Errorf("read the old tally log: %w", err))
	}
	defer cur.Close(context.WithoutCancel(ctx))
	moved := 0
	var batch []any
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := s.db.Collection(colTallyLog).InsertMany(ctx, batch, options.InsertMany().SetOrdered(false))
		refused, err := insertOutcome(err)
		for i, we := range refused {
			if err == nil && driver.IsDuplicateKeyError(we) {
				err = s.movedBefore(ctx, batch[i].(bson.D))
			} else if err == nil {
				err = we
			}
		}
		if err != nil {
			return storeErr(fmt.Errorf("move the old tally log: %w", err))
		}
		moved += len(batch)
		batch = batch[:0]
		return nil
	}
	for cur.Next(ctx) {
		var d bson.D
		if err := cur.Decode(&d); err != nil {
			return storeErr(fmt.Errorf("read the old tally log: %w", err))
		}
		for i := range d {
			if d[i].Key == "campaign" {
				d[i].Key = "log"
			}
		}
		if batch = append(batch, d); len(batch) == 50 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := cur.Err(); err != nil {
		return storeErr(fmt.Errorf("read the old tally log: %w", err))
	}
	if err := flush(); err != nil {
		return err
	}
	var ce driver.CommandError
	if err := old.Drop(ctx); err != nil && !(errors.As(err, &ce) && ce.Code == namespaceNotFound) {
		return storeErr(fmt.Errorf("drop the old tally log: %w", err))
	}
	if moved > 0 {
		s.log.Info("moved the tally log beside the responses", "entries", moved)
	}
	return nil
}

// movedBefore accepts an entry already beside the responses only if it is the same entry, moved by
// an earlier start; an entry that differs under the same _id stops the move rather than be lost.
func (s *Store) movedBefore(ctx context.Context, d bson.D) error {
	var id any
	for _, e := range d {
		if e.Key == "_id" {
			id = e.Value
		}
	}
	there, err := s.db.Collection(colTallyLog).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Raw()
	if err != nil {
		return err
	}
	mine, err := bson.Marshal(d)
	if err != nil {
		return err
	}
	if !bytes.Equal(there, mine) {
		return fmt.Errorf("entry %v is already beside the responses with other contents", id)
	}
	return nil
}

// namespaceNotFound is the server's error code for a collection that does not exist.
const namespaceNotFound = 26

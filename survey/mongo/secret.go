package mongo

import (
	"context"
	"crypto/rand"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
)

// colSecrets holds the store's own random secrets. The one it keeps keys the derivation of a
// case's internal ID from its tracking code, so that an ID, which staff see, cannot be turned
// back into the code by trying codes. It signs nothing: whoever reads this collection can read
// the cases themselves, so it may live next to them, unlike the engine's signing key.
const colSecrets = "secrets"

// secret returns the named random secret shared by every instance. The first instance to need
// it inserts one; an insert that loses the race reads the winner's.
func (s *Store) secret(ctx context.Context, name string, size int) ([]byte, error) {
	b := make([]byte, size)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	_, err := s.db.Collection(colSecrets).InsertOne(ctx, bson.D{{Key: "_id", Value: name}, {Key: "value", Value: b}})
	if err != nil && !driver.IsDuplicateKeyError(err) {
		return nil, storeErr(fmt.Errorf("create secret: %w", err))
	}
	var d struct {
		Value []byte `bson:"value"`
	}
	if err := s.db.Collection(colSecrets).FindOne(ctx, bson.D{{Key: "_id", Value: name}}).Decode(&d); err != nil {
		return nil, storeErr(fmt.Errorf("read secret: %w", err))
	}
	return d.Value, nil
}

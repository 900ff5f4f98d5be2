package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// isReplicated asks the server whether it is a member of a replica set or a router of a sharded
// cluster; a single server (the embedded store, FerretDB on PostgreSQL, a standalone mongod)
// acknowledges a write once it is durable there, with no write concern left to fail.
func (s *Store) isReplicated(ctx context.Context) (bool, error) {
	var hello struct {
		SetName string `bson:"setName"`
		Msg     string `bson:"msg"`
	}
	if err := s.db.RunCommand(ctx, bson.D{{Key: "hello", Value: 1}}).Decode(&hello); err != nil {
		return false, storeErr(fmt.Errorf("hello: %w", err))
	}
	return hello.SetName != "" || hello.Msg == "isdbgrid", nil
}

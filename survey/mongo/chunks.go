package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
)

// A file's bytes are kept in chunks of at most chunkBytes, each its own document, so that no
// document nears the 1 MiB bound whatever the file's size: uploads awaiting confirmation and the
// final reports' PDFs.
const chunkBytes = 512 << 10

// fileChunk is one piece of a file; its owner names the upload or issued file it belongs to, and
// its expiry lets an abandoned piece be found without its head.
type fileChunk struct {
	ID        string    `bson:"_id"`
	Owner     string    `bson:"owner"`
	Data      []byte    `bson:"data"`
	ExpiresAt time.Time `bson:"expiresAt,omitzero"`
}

func chunkKey(owner string, n int) string { return fmt.Sprintf("%s/%04d", owner, n) }

// writeChunks stores data in pieces under the owner's name; pieces already stored are kept, so a
// retry completes an interrupted write.
func (s *Store) writeChunks(ctx context.Context, col, owner string, data []byte, expires time.Time) (int, error) {
	n := 0
	for start := 0; start < len(data); start += chunkBytes {
		doc := fileChunk{ID: chunkKey(owner, n), Owner: owner, Data: data[start:min(start+chunkBytes, len(data))], ExpiresAt: expires}
		if _, err := s.db.Collection(col).InsertOne(ctx, doc); err != nil && !driver.IsDuplicateKeyError(err) {
			return 0, storeErr(fmt.Errorf("write chunk %s: %w", doc.ID, err))
		}
		n++
	}
	return n, nil
}

// readChunks returns the owner's n pieces joined, each read by _id. ENOTFOUND when one is missing.
func (s *Store) readChunks(ctx context.Context, col, owner string, n int, size int64) ([]byte, error) {
	data := make([]byte, 0, size)
	for i := range n {
		var c fileChunk
		if err := s.findByID(ctx, col, chunkKey(owner, i), &c, survey.Msg("err.store.chunk", owner)); err != nil {
			return nil, err
		}
		data = append(data, c.Data...)
	}
	if int64(len(data)) != size {
		return nil, survey.Errorf(survey.EINTERNAL, "err.store.chunk", owner)
	}
	return data, nil
}

func (s *Store) deleteChunks(ctx context.Context, col, owner string, n int) error {
	for i := range n {
		if _, err := s.db.Collection(col).DeleteOne(ctx, bson.D{{Key: "_id", Value: chunkKey(owner, i)}}); err != nil {
			return storeErr(fmt.Errorf("delete chunk: %w", err))
		}
	}
	return nil
}

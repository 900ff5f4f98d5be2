package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
)

// An upload is kept as a head document and its bytes in chunks of at most chunkBytes, each its
// own document, so that no document nears the 1 MiB bound whatever the file's size. The head is
// written last and deleted first: an upload without its head does not exist.
const (
	colUploads      = "uploads"
	colUploadChunks = "upload_chunks"
	chunkBytes      = 512 << 10
)

type uploadDoc struct {
	ID        string    `bson:"_id"`
	Purpose   string    `bson:"purpose"`
	Owner     string    `bson:"owner"`
	Target    string    `bson:"target"`
	Name      string    `bson:"name"`
	Bytes     int64     `bson:"bytes"`
	Chunks    int       `bson:"chunks"`
	CreatedAt time.Time `bson:"createdAt"`
	ExpiresAt time.Time `bson:"expiresAt"`
}

// chunkDoc is one piece of a file; its owner names the upload or issued file it belongs to, and
// its expiry lets an abandoned piece be found without its head.
type chunkDoc struct {
	ID        string    `bson:"_id"`
	Owner     string    `bson:"owner"`
	Data      []byte    `bson:"data"`
	ExpiresAt time.Time `bson:"expiresAt,omitzero"`
}

func chunkID(owner string, n int) string { return fmt.Sprintf("%s/%04d", owner, n) }

// writeChunks stores data in pieces under the owner's name; pieces already stored are kept, so a
// retry completes an interrupted write.
func (s *Store) writeChunks(ctx context.Context, col, owner string, data []byte, expires time.Time) (int, error) {
	n := 0
	for start := 0; start < len(data); start += chunkBytes {
		doc := chunkDoc{ID: chunkID(owner, n), Owner: owner, Data: data[start:min(start+chunkBytes, len(data))], ExpiresAt: expires}
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
		var c chunkDoc
		if err := s.findByID(ctx, col, chunkID(owner, i), &c, survey.Msg("err.store.chunk", owner)); err != nil {
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
		if _, err := s.db.Collection(col).DeleteOne(ctx, bson.D{{Key: "_id", Value: chunkID(owner, i)}}); err != nil {
			return storeErr(fmt.Errorf("delete chunk: %w", err))
		}
	}
	return nil
}

// SaveUpload keeps the upload: its chunks, then its head.
func (s *Store) SaveUpload(ctx context.Context, u *survey.Upload) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if err := s.forgetExpiredUploads(ctx, u.CreatedAt); err != nil {
		return err
	}
	n, err := s.writeChunks(ctx, colUploadChunks, u.ID, u.Data, u.ExpiresAt.UTC())
	if err != nil {
		return err
	}
	head := uploadDoc{ID: u.ID, Purpose: u.Purpose, Owner: u.Owner, Target: u.Target, Name: u.Name, Bytes: int64(len(u.Data)), Chunks: n,
		CreatedAt: u.CreatedAt.UTC(), ExpiresAt: u.ExpiresAt.UTC()}
	if _, err := s.db.Collection(colUploads).InsertOne(ctx, head); err != nil {
		return storeErr(fmt.Errorf("save upload: %w", err))
	}
	return nil
}

// forgetExpiredUploads deletes the heads that expired before now, then every chunk that did,
// including those of an upload whose head was never written. The embedded store has no TTL
// index; the collections hold only the few files awaiting confirmation, so the scan is short.
func (s *Store) forgetExpiredUploads(ctx context.Context, now time.Time) error {
	expired := bson.D{{Key: "expiresAt", Value: bson.D{{Key: "$lt", Value: now.UTC()}}}}
	if _, err := s.db.Collection(colUploads).DeleteMany(ctx, expired); err != nil {
		return storeErr(fmt.Errorf("forget expired uploads: %w", err))
	}
	if _, err := s.db.Collection(colUploadChunks).DeleteMany(ctx, expired); err != nil {
		return storeErr(fmt.Errorf("forget expired upload chunks: %w", err))
	}
	return nil
}

// Upload returns the upload with the ID unless it expired before now.
func (s *Store) Upload(ctx context.Context, id string, now time.Time) (*survey.Upload, error) {
	notFound := survey.Msg("err.upload.notfound")
	if !survey.ValidUploadID(id) {
		return nil, &survey.Error{Code: survey.ENOTFOUND, Message: notFound}
	}
	var d uploadDoc
	if err := s.findByID(ctx, colUploads, id, &d, notFound); err != nil {
		return nil, err
	}
	if !now.Before(d.ExpiresAt) {
		return nil, &survey.Error{Code: survey.ENOTFOUND, Message: notFound}
	}
	data, err := s.readChunks(ctx, colUploadChunks, id, d.Chunks, d.Bytes)
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		return nil, &survey.Error{Code: survey.ENOTFOUND, Message: notFound}
	} else if err != nil {
		return nil, err
	}
	return &survey.Upload{ID: d.ID, Purpose: d.Purpose, Owner: d.Owner, Target: d.Target, Name: d.Name, Data: data,
		CreatedAt: d.CreatedAt, ExpiresAt: d.ExpiresAt}, nil
}

// DeleteUpload forgets the upload: its head first, so that it is gone at once, then its chunks.
func (s *Store) DeleteUpload(ctx context.Context, id string) error {
	var d uploadDoc
	err := s.findByID(ctx, colUploads, id, &d, survey.Msg("err.upload.notfound"))
	if survey.ErrorCode(err) == survey.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	if _, err := s.db.Collection(colUploads).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
		return storeErr(fmt.Errorf("delete upload: %w", err))
	}
	return s.deleteChunks(ctx, colUploadChunks, id, d.Chunks)
}

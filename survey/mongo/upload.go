package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
)

// An upload is kept as a head document and its bytes in chunks (chunks.go). The head is written
// last and deleted first: an upload without its head does not exist.
const (
	colUploads      = "uploads"
	colUploadChunks = "upload_chunks"
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

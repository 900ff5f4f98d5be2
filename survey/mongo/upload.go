package mongo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
)

// An upload is kept as a header document under its ID and its bytes in chunks of uploadChunk
// under ID#n, so that no document nears the store's limit whatever the file's size. The header
// is written last and removed first: a header always has its chunks.
const uploadChunk = 512 << 10

type uploadDoc struct {
	ID        string    `bson:"_id"`
	Kind      string    `bson:"kind"`
	By        string    `bson:"by"`
	Name      string    `bson:"name"`
	Size      int       `bson:"size"`
	Chunks    int       `bson:"chunks"`
	Sum       string    `bson:"sum"`
	CreatedAt time.Time `bson:"createdAt"`
	ExpiresAt time.Time `bson:"expiresAt"`
}

type uploadChunkDoc struct {
	ID        string    `bson:"_id"`
	Upload    string    `bson:"upload"`
	Data      []byte    `bson:"data"`
	ExpiresAt time.Time `bson:"expiresAt"`
}

func uploadChunkID(upload string, n int) string { return upload + "#" + strconv.Itoa(n) }

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SaveUpload keeps a file in chunks under a new random ID. Expired uploads are deleted first;
// each chunk carries its upload's expiry, so one query finds headers and chunks alike.
func (s *Store) SaveUpload(ctx context.Context, u *survey.Upload) error {
	if err := u.Validate(); err != nil {
		return err
	}
	col := s.db.Collection(colUploads)
	if _, err := col.DeleteMany(ctx, bson.D{{Key: "expiresAt", Value: bson.D{{Key: "$lt", Value: u.CreatedAt}}}}); err != nil {
		return storeErr(fmt.Errorf("delete expired uploads: %w", err))
	}
	u.ID = randomHex(16)
	var chunks []any
	for off := 0; off < len(u.Data); off += uploadChunk {
		end := min(off+uploadChunk, len(u.Data))
		chunks = append(chunks, uploadChunkDoc{ID: uploadChunkID(u.ID, len(chunks)), Upload: u.ID, Data: u.Data[off:end], ExpiresAt: u.ExpiresAt})
	}
	if len(chunks) > 0 {
		if _, err := col.InsertMany(ctx, chunks); err != nil {
			return storeErr(fmt.Errorf("insert upload chunks: %w", err))
		}
	}
	head := uploadDoc{ID: u.ID, Kind: u.Kind, By: u.By, Name: u.Name, Size: len(u.Data), Chunks: len(chunks), Sum: digest(u.Data),
		CreatedAt: u.CreatedAt, ExpiresAt: u.ExpiresAt}
	if _, err := col.InsertOne(ctx, head); err != nil {
		return storeErr(fmt.Errorf("insert upload: %w", err))
	}
	return nil
}

// Upload returns a kept file, its chunks read by _id and checked against the header's digest.
func (s *Store) Upload(ctx context.Context, id string, now time.Time) (*survey.Upload, error) {
	notFound := survey.Msg("err.upload.gone")
	var head uploadDoc
	if err := s.findByID(ctx, colUploads, id, &head, notFound); err != nil {
		return nil, err
	}
	if !now.Before(head.ExpiresAt) {
		return nil, &survey.Error{Code: survey.ENOTFOUND, Message: notFound}
	}
	var data bytes.Buffer
	data.Grow(head.Size)
	for n := range head.Chunks {
		var c uploadChunkDoc
		if err := s.findByID(ctx, colUploads, uploadChunkID(id, n), &c, notFound); err != nil {
			return nil, err
		}
		data.Write(c.Data)
	}
	if data.Len() != head.Size || digest(data.Bytes()) != head.Sum {
		return nil, storeErr(fmt.Errorf("upload %s: the stored chunks do not match their header", id))
	}
	return &survey.Upload{ID: head.ID, Kind: head.Kind, By: head.By, Name: head.Name, Data: data.Bytes(),
		CreatedAt: head.CreatedAt, ExpiresAt: head.ExpiresAt}, nil
}

// DeleteUpload forgets a kept file, its header first.
func (s *Store) DeleteUpload(ctx context.Context, id string) error {
	col := s.db.Collection(colUploads)
	if _, err := col.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
		return storeErr(fmt.Errorf("delete upload: %w", err))
	}
	_, err := col.DeleteMany(ctx, bson.D{{Key: "upload", Value: id}})
	return storeErr(err)
}

package mongo_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

func newUpload(at time.Time, size int) *survey.Upload {
	data := make([]byte, size)
	rng := rand.New(rand.NewPCG(uint64(size), 7))
	for i := range data {
		data[i] = byte(rng.UintN(256))
	}
	return &survey.Upload{ID: survey.NewUploadID(), Purpose: "paper", Owner: "admin", Target: "2026-S2/dpmptsp", Name: "kertas.xlsx",
		Data: data, CreatedAt: at, ExpiresAt: at.Add(time.Hour)}
}

// An upload saved by one instance is read whole by another, from pieces no larger than 512 KiB,
// until it expires or is deleted.
func TestUploadKeptInChunksAcrossInstances(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	one := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	other := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	at := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	u := newUpload(at, 1_300_000)
	if err := one.SaveUpload(ctx, u); err != nil {
		t.Fatal(err)
	}

	got, err := other.Upload(ctx, u.ID, at.Add(59*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Data, u.Data) || got.Owner != "admin" || got.Purpose != "paper" || got.Target != u.Target || got.Name != u.Name {
		t.Fatalf("read back %d bytes, owner %q purpose %q target %q name %q", len(got.Data), got.Owner, got.Purpose, got.Target, got.Name)
	}
	cur, err := db.Collection("upload_chunks").Find(ctx, bson.D{{Key: "owner", Value: u.ID}})
	if err != nil {
		t.Fatal(err)
	}
	var chunks []struct {
		Data []byte `bson:"data"`
	}
	if err := cur.All(ctx, &chunks); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range chunks {
		if len(c.Data) > 512<<10 {
			t.Errorf("a chunk holds %d bytes, more than 512 KiB", len(c.Data))
		}
		total += len(c.Data)
	}
	if len(chunks) != 3 || total != len(u.Data) {
		t.Errorf("%d chunks of %d bytes in all, want 3 of %d", len(chunks), total, len(u.Data))
	}

	if _, err := other.Upload(ctx, u.ID, at.Add(time.Hour)); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("read at its expiry: got %v, want not_found", err)
	}
	if _, err := other.Upload(ctx, "../"+u.ID, at); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("forged ID: got %v, want not_found", err)
	}
	if err := other.DeleteUpload(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := one.Upload(ctx, u.ID, at); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("read after delete: got %v, want not_found", err)
	}
	if err := one.DeleteUpload(ctx, u.ID); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
	if n, _ := db.Collection("upload_chunks").CountDocuments(ctx, bson.D{}); n != 0 {
		t.Errorf("%d chunks left after delete", n)
	}
}

// A new upload sweeps away those that expired unconfirmed, head and chunks alike.
func TestExpiredUploadsAreForgotten(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	at := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	old := newUpload(at, 600_000)
	if err := s.SaveUpload(ctx, old); err != nil {
		t.Fatal(err)
	}
	fresh := newUpload(at.Add(2*time.Hour), 10)
	if err := s.SaveUpload(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]int64{"uploads": 1, "upload_chunks": 1} {
		if n, err := db.Collection(col).CountDocuments(ctx, bson.D{}); err != nil || n != want {
			t.Errorf("%s: %d documents (%v), want %d", col, n, err, want)
		}
	}
	if _, err := s.Upload(ctx, fresh.ID, fresh.CreatedAt); err != nil {
		t.Errorf("the fresh upload: %v", err)
	}

	bad := newUpload(at, 10)
	bad.ExpiresAt = at
	if err := s.SaveUpload(ctx, bad); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("an upload expiring when made: got %v, want invalid", err)
	}
	bad = newUpload(at, 0)
	if err := s.SaveUpload(ctx, bad); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("an empty upload: got %v, want invalid", err)
	}
}

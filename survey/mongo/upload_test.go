package mongo_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestUploadKeptInChunks keeps a file larger than the store's document limit, reads it back
// whole through another instance, and forgets it on deletion and after its expiry.
func TestUploadKeptInChunks(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	a := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	b := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	now := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	data := make([]byte, 3<<20+12345)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(rng.UintN(256))
	}
	u := &survey.Upload{Kind: "units", By: "admin", Name: "unit.xlsx", Data: data, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := a.SaveUpload(ctx, u); err != nil {
		t.Fatal(err)
	}
	if len(u.ID) < 16 {
		t.Fatalf("upload ID %q", u.ID)
	}
	got, err := b.Upload(ctx, u.ID, now.Add(59*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Data, data) || got.Kind != "units" || got.By != "admin" || got.Name != "unit.xlsx" {
		t.Errorf("read back %d bytes of %s by %s", len(got.Data), got.Kind, got.By)
	}
	if _, err := b.Upload(ctx, u.ID, now.Add(time.Hour)); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("an expired upload: %v", err)
	}
	if err := b.DeleteUpload(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.DeleteUpload(ctx, u.ID); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
	if _, err := a.Upload(ctx, u.ID, now); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("a deleted upload: %v", err)
	}
	n, err := db.Collection("uploads").CountDocuments(ctx, map[string]any{})
	if err != nil || n != 0 {
		t.Errorf("%d documents left after deletion, %v", n, err)
	}

	old := &survey.Upload{Kind: "units", By: "admin", Data: data[:10], CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := a.SaveUpload(ctx, old); err != nil {
		t.Fatal(err)
	}
	later := &survey.Upload{Kind: "units", By: "admin", Data: data[:10], CreatedAt: now.Add(2 * time.Hour), ExpiresAt: now.Add(3 * time.Hour)}
	if err := a.SaveUpload(ctx, later); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Collection("uploads").CountDocuments(ctx, map[string]any{}); err != nil || n != 2 {
		t.Errorf("%d documents after an expired upload was purged, want the new header and chunk; %v", n, err)
	}
}

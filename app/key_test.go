package app_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/config"
)

// TestSigningKeyLivesInAKeyFile starts the engine on a fresh data directory: the key that signs
// its cookies and forms is created in a file only its owner may read, read back the same on the
// next start, and kept nowhere in the database beside the data it protects.
func TestSigningKeyLivesInAKeyFile(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Config{DataDir: dir, Database: "skm", BaseURL: "http://skm.test", BodyLimit: 1 << 20}
	key, err := app.LoadKey(cfg)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "skm.key"))
	if err != nil || fi.Mode().Perm() != 0o600 || len(key) < 32 {
		t.Fatalf("the key file: %v %v, %d bytes", fi.Mode(), err, len(key))
	}
	if again, err := app.LoadKey(cfg); err != nil || !bytes.Equal(again, key) {
		t.Errorf("the next start read another key (%v)", err)
	}
	db, err := app.OpenDatabase(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := app.New(context.Background(), cfg, app.Deps{Store: db.Store, Accounts: db.Store, Key: key}); err != nil {
		t.Fatal(err)
	}
	names, err := db.Raw().ListCollectionNames(context.Background(), bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		n, _ := db.Raw().Collection(name).CountDocuments(context.Background(), bson.D{{Key: "value", Value: key}})
		if n > 0 {
			t.Errorf("the database holds the signing key (collection %s)", name)
		}
	}
}

// TestSigningKeyRefusals shows what the engine refuses to sign with, and that several instances
// on one MongoDB must be given their shared key.
func TestSigningKeyRefusals(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte, mode os.FileMode) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, mode); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := bytes.Repeat([]byte{7}, 32)
	for _, tc := range []struct {
		name string
		cfg  config.Config
		says string
	}{
		{"a MongoDB without a key file", config.Config{MongoURI: "mongodb://db:27017", DataDir: dir}, "SKM_KEY_FILE is required with SKM_MONGODB_URI"},
		{"a key others may read", config.Config{KeyFile: write("open.key", good, 0o644)}, "chmod 600"},
		{"a short key", config.Config{KeyFile: write("short.key", good[:16], 0o600)}, "fewer than 32"},
		{"a missing key file", config.Config{KeyFile: filepath.Join(dir, "none.key")}, "none.key"},
	} {
		if _, err := app.LoadKey(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v, want it to say %q", tc.name, err, tc.says)
		}
	}
	shared := write("shared.key", good, 0o600)
	if key, err := app.LoadKey(config.Config{MongoURI: "mongodb://db:27017", KeyFile: shared}); err != nil || !bytes.Equal(key, good) {
		t.Errorf("the shared key file: %v", err)
	}
}

package embedded_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/skm-engine/skm/survey/embedded"
)

// TestStoreListensOnAPrivateSocket starts the embedded store: it has no authentication, so it
// listens on no network address, only on a Unix socket that the owner alone may reach, at the
// address SocketURI gives for the data directory.
func TestStoreListensOnAPrivateSocket(t *testing.T) {
	dir := t.TempDir()
	s, err := embedded.Start(dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want, err := embedded.SocketURI(dir)
	if err != nil || s.URI() != want || !strings.HasPrefix(want, "mongodb://%2F") {
		t.Fatalf("the store's address %q, the data directory's %q (%v): want one Unix socket", s.URI(), want, err)
	}
	sockDir := filepath.Join(dir, "socket")
	for path, mode := range map[string]os.FileMode{sockDir: 0o700, filepath.Join(sockDir, "store.sock"): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v", path, fi.Mode().Perm(), mode)
		}
	}
	client, err := driver.Connect(options.Client().ApplyURI(s.URI()))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(context.Background())
	if err := client.Ping(context.Background(), nil); err != nil {
		t.Errorf("ping through the socket: %v", err)
	}
}

// TestStoreSurvivesItsOldSocket starts a store where a process that died left its socket: the
// new one takes its place.
func TestStoreSurvivesItsOldSocket(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := os.MkdirAll(filepath.Join(dir, "socket"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "socket", "store.sock"), nil, 0o666); err != nil {
		t.Fatal(err)
	}
	s, err := embedded.Start(dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if fi, err := os.Stat(filepath.Join(dir, "socket")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the socket directory after a restart: %v %v", fi.Mode(), err)
	}
}

// Package embedded runs the MongoDB-compatible store inside the process: FerretDB with its SQLite
// backend, listening on loopback and reached through the ordinary MongoDB driver, so the engine
// needs nothing installed but Go.
package embedded

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Server is a running embedded store.
type Server struct {
	dir    string // the SQLite files, one per database
	uri    string
	cancel context.CancelFunc
	done   chan struct{}
	lock   *os.File
}

// Start runs the store on the SQLite files under dir, listening on addr (such as "127.0.0.1:0").
// Only one process may open dir at a time: a second gets an error saying so.
func Start(dir, addr string, logger *slog.Logger) (*Server, error) {
	dbDir := filepath.Join(dir, "ferretdb")
	if err := os.MkdirAll(dbDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Opaque: filepath.ToSlash(dbDir) + "/"}).String(),
		Logger:    logger,
	})
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("start embedded store: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{dir: dbDir, cancel: cancel, done: make(chan struct{}), lock: lock}
	go func() {
		defer close(s.done)
		_ = f.Run(ctx)
	}()
	s.uri = f.MongoDBURI()
	return s, nil
}

// URI returns the MongoDB connection string of the store.
func (s *Server) URI() string { return s.uri }

// Close stops the store and releases the data directory.
func (s *Server) Close() {
	s.cancel()
	<-s.done
	s.lock.Close()
}

// lockDir takes an exclusive lock on dir/LOCK: SQLite files must not be opened by two embedded
// stores at once. The lock goes with the process, so a crash never leaves the directory locked.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "LOCK"), os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("data directory %s is in use by another skm process: stop it first, or reach its store through SKM_MONGODB_URI", dir)
		}
		return nil, fmt.Errorf("lock data directory: %w", err)
	}
	return f, nil
}

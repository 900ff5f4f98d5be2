// Package embedded runs the MongoDB-compatible store inside the process: FerretDB with its SQLite
// backend, listening on a Unix socket in the data directory and reached through the ordinary
// MongoDB driver, so the engine needs nothing installed but Go.
package embedded

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
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

// The store has no users and no passwords, so it listens on no network address: only on a Unix
// socket in a directory of the data directory that only the owner may enter (0700), the socket
// itself readable and writable by the owner alone (0600). Another process of the same user, such
// as skm verify, reaches it through SocketURI.
const (
	socketDir  = "socket"
	socketName = "store.sock"
	// maxSocketPath is what a Unix socket's path may hold (sun_path, less its terminator).
	maxSocketPath = 107
)

// SocketURI returns the connection string of the store that runs, or would run, on the data
// directory dir.
func SocketURI(dir string) (string, error) {
	path, err := filepath.Abs(filepath.Join(dir, socketDir, socketName))
	if err != nil {
		return "", err
	}
	if len(path) > maxSocketPath {
		return "", fmt.Errorf("the data directory %s is too deep for the embedded store's socket (%d characters, at most %d): choose a shorter SKM_DATA_DIR", dir, len(path), maxSocketPath)
	}
	return "mongodb://" + strings.ReplaceAll(url.PathEscape(path), "/", "%2F") + "/", nil
}

// IsSocketURI reports whether uri reaches an embedded store: the socket SocketURI gives for some
// data directory, whichever process serves it.
func IsSocketURI(uri string) bool {
	host, ok := strings.CutPrefix(uri, "mongodb://")
	if !ok {
		return false
	}
	if end := strings.IndexAny(host, "/?"); end >= 0 {
		host = host[:end]
	}
	path, err := url.PathUnescape(host)
	return err == nil && strings.HasSuffix(path, "/"+socketDir+"/"+socketName)
}

// Start runs the store on the SQLite files under dir, listening on the socket under dir. Only one
// process may open dir at a time: a second gets an error saying so.
func Start(dir string, logger *slog.Logger) (*Server, error) {
	dbDir := filepath.Join(dir, "ferretdb")
	if err := os.MkdirAll(dbDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	uri, err := SocketURI(dir)
	if err != nil {
		return nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	sock, err := privateSocket(dir)
	if err != nil {
		lock.Close()
		return nil, err
	}
	// SQLite's temporary files are kept in memory. FerretDB runs each insert in a transaction,
	// so SQLite keeps a statement journal of every page a multi-document insert touches; past
	// 64 KiB that journal went to a temporary file, created and deleted by each batch of the tally
	// log (a tenth of the server's CPU under 8 phones). It only serves to undo a statement inside
	// its transaction, so memory loses nothing durable. The other temporary files SQLite makes are
	// the sorts of an index build and of an ORDER BY without an index: the engine builds no index
	// here but the _id lookups (IndexIDs), and FerretDB sorts in Go.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: sock},
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Opaque: filepath.ToSlash(dbDir) + "/", RawQuery: "_pragma=temp_store(memory)"}).String(),
		Logger:    logger,
	})
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("start embedded store: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{dir: dbDir, uri: uri, cancel: cancel, done: make(chan struct{}), lock: lock}
	go func() {
		defer close(s.done)
		_ = f.Run(ctx)
	}()
	// MongoDBURI returns once the store listens, so the socket exists; until it is restricted,
	// its directory keeps everyone else out.
	f.MongoDBURI()
	if err := os.Chmod(sock, 0o600); err != nil {
		s.Close()
		return nil, fmt.Errorf("restrict the store's socket: %w", err)
	}
	return s, nil
}

// privateSocket prepares the socket's directory, owner-only, and returns the socket's path. A
// socket left by a process that died is removed: holding the lock, this process is the only one.
func privateSocket(dir string) (string, error) {
	sockDir := filepath.Join(dir, socketDir)
	if err := os.MkdirAll(sockDir, 0o700); err != nil {
		return "", fmt.Errorf("create the store's socket directory: %w", err)
	}
	if err := os.Chmod(sockDir, 0o700); err != nil {
		return "", fmt.Errorf("restrict the store's socket directory: %w", err)
	}
	sock := filepath.Join(sockDir, socketName)
	if err := os.Remove(sock); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("remove the old socket: %w", err)
	}
	return sock, nil
}

// URI returns the MongoDB connection string of the store.
func (s *Server) URI() string { return s.uri }

// Close stops the store and releases the data directory.
func (s *Server) Close() {
	s.cancel()
	<-s.done
	s.lock.Close()
}

// ErrInUse is the error of Start when another process runs the store on the data directory; its
// store is reached at SocketURI.
var ErrInUse = errors.New("in use by another skm process: stop it first, or reach its store through SKM_MONGODB_URI")

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
			return nil, fmt.Errorf("data directory %s: %w", dir, ErrInUse)
		}
		return nil, fmt.Errorf("lock data directory: %w", err)
	}
	return f, nil
}

package app

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/skm-engine/skm/app/config"
)

// keyFileName is the signing key's file in the data directory.
const keyFileName = "skm.key"

// keySize is the signing key's length in bytes; a key file may hold more.
const keySize = 32

// LoadKey returns the key that signs the engine's cookies and forms and keys its client hashes.
// It lives in a file only its owner may read, never in the database beside the data it protects:
// SKM_KEY_FILE, or skm.key in the data directory, created on first start. With SKM_MONGODB_URI
// several instances may share the store and must share the key, so the engine does not make
// one up: SKM_KEY_FILE is required.
func LoadKey(cfg config.Config) ([]byte, error) {
	path := cfg.KeyFile
	switch {
	case path == "" && cfg.MongoURI != "":
		return nil, errors.New("SKM_KEY_FILE is required with SKM_MONGODB_URI: every instance on the store must sign with the same key. Create one with: head -c 32 /dev/urandom > skm.key && chmod 600 skm.key")
	case path == "":
		path = filepath.Join(cfg.DataDir, keyFileName)
		if err := createKey(path); err != nil {
			return nil, err
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("the signing key: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("the signing key %s may be read by others (mode %v): chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	key, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("the signing key: %w", err)
	}
	if len(key) < keySize {
		return nil, fmt.Errorf("the signing key %s holds %d bytes, fewer than %d: create it with head -c 32 /dev/urandom", path, len(key), keySize)
	}
	return key, nil
}

// createKey writes a new random key to path unless a file is there already.
func createKey(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("create the signing key: %w", err)
	}
	key := make([]byte, keySize)
	_, _ = rand.Read(key)
	if _, err := f.Write(key); err != nil {
		f.Close()
		return fmt.Errorf("write the signing key: %w", err)
	}
	return f.Close()
}

// Package static holds the engine's embedded assets and serves them under content-hashed names,
// so browsers may cache them for a year and never see a stale one.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"
	"sync"
)

//go:embed css js vendor
var files embed.FS

// Asset is one embedded file, with its gzip-compressed form when that is smaller.
type Asset struct {
	Name        string // hashed name, such as "css/app.1a2b3c4d.css"
	ContentType string
	Body        []byte
	Gzip        []byte
}

// Assets is the set of embedded files.
type Assets struct {
	byHashed map[string]*Asset
	hashed   map[string]string
}

var (
	loadOnce sync.Once
	loaded   *Assets
	loadErr  error
)

// Load reads and hashes every embedded file, once per process: the files never change, and
// compressing the vendored chart library takes a noticeable moment at every start of a server.
func Load() (*Assets, error) {
	loadOnce.Do(func() { loaded, loadErr = load(files) })
	return loaded, loadErr
}

func load(fsys fs.FS) (*Assets, error) {
	a := &Assets{byHashed: map[string]*Asset{}, hashed: map[string]string{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		if fixedName(name) {
			hashed = name
		}
		asset := &Asset{Name: hashed, ContentType: contentType(ext), Body: body}
		if compressible(ext) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = zw.Write(body)
			_ = zw.Close()
			if buf.Len() < len(body) {
				asset.Gzip = buf.Bytes()
			}
		}
		a.byHashed[hashed] = asset
		a.hashed[name] = hashed
		return nil
	})
	return a, err
}

// fixedName reports whether a file must keep its name: a service worker's scope comes from its
// URL, so it cannot move with every change.
func fixedName(name string) bool { return name == "js/sw.js" }

// URL returns the path under which the named file is served, such as
// "/static/css/app.1a2b3c4d.css". It panics on an unknown name, so a typo fails at start-up.
func (a *Assets) URL(name string) string {
	h, ok := a.hashed[name]
	if !ok {
		panic("static: no asset " + name)
	}
	return "/static/" + h
}

// Lookup returns the asset served under the hashed name (without "/static/").
func (a *Assets) Lookup(hashed string) (*Asset, bool) {
	asset, ok := a.byHashed[hashed]
	return asset, ok
}

// Get returns the asset with the unhashed name.
func (a *Assets) Get(name string) (*Asset, bool) {
	h, ok := a.hashed[name]
	if !ok {
		return nil, false
	}
	return a.byHashed[h], true
}

func contentType(ext string) string {
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(ext string) bool {
	switch ext {
	case ".css", ".js", ".svg", ".json", ".txt", ".webmanifest":
		return true
	}
	return false
}

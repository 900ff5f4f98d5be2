package app_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/skm-engine/skm/"

// imports returns, for each package directory of the module, what its non-test files import.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || (strings.HasPrefix(d.Name(), ".") && path != "..")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		dir = strings.TrimPrefix(strings.TrimPrefix(dir, ".."), "/")
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[dir] = append(out[dir], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestShape keeps the engine's shape (DESIGN.md): no feature imports a sibling feature, the
// domain imports no driver and no file format, only the store and the database bootstrap import
// the MongoDB driver, and only app imports Fiber.
func TestShape(t *testing.T) {
	for dir, list := range imports(t) {
		feature := strings.HasPrefix(dir, "app/web/") && dir != "app/web/link"
		for _, p := range list {
			local := strings.TrimPrefix(p, module)
			switch {
			case feature && strings.HasPrefix(local, "app/web/") && local != "app/web/link":
				t.Errorf("feature %s imports the feature %s: move what both need into the kernel or the domain", dir, local)
			case dir == "survey" && (strings.HasPrefix(p, "go.mongodb.org/") || strings.Contains(p, "excelize")):
				t.Errorf("the domain imports %s", p)
			case strings.HasPrefix(p, "go.mongodb.org/") && !strings.HasPrefix(dir, "survey/") && dir != "app":
				t.Errorf("%s imports the MongoDB driver; only the store and the database bootstrap may", dir)
			case strings.HasPrefix(p, "github.com/gofiber/") && !strings.HasPrefix(dir, "app"):
				t.Errorf("%s imports Fiber; only app may", dir)
			case strings.HasPrefix(local, "app") && (strings.HasPrefix(dir, "survey") || dir == "analytics" || dir == "reports" || dir == "static"):
				t.Errorf("%s imports %s: imports point from app down, never back", dir, local)
			}
		}
	}
}

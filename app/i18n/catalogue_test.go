package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/i18n"
)

// The catalogue test reads the whole engine's source: Go code (but tests) and page templates.
// Wording is named by a key at a call (T, Msg, Errorf) or in a template ({{.T "key"}}); a key
// must be written out, so that this reading finds it: a key built by joining strings would hide
// from it, and is refused.

// keyArg gives, for each function that takes a key, the position of the key among its arguments.
var keyArg = map[string]int{"T": 0, "Msg": 0, "Errorf": 1}

// templateKey finds the keys a template names, and templateBuilt a key a template builds.
var (
	templateKey   = regexp.MustCompile(`\bT "([^"]+)"`)
	templateBuilt = regexp.MustCompile(`\bT [($.]`)
)

// sourceUse is what the engine's source says of the catalogue.
type sourceUse struct {
	called   map[string][]string // key → where a call or template names it
	literals map[string]bool     // every string literal in the code and templates
	built    []string            // calls whose key is built rather than written
}

func readSource(t *testing.T) sourceUse {
	t.Helper()
	u := sourceUse{called: map[string][]string{}, literals: map[string]bool{}}
	root := "../.."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || name == "node_modules" || (strings.HasPrefix(name, ".") && path != root) {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(path, "_test.go"), strings.Contains(path, "app/apptest/"):
			return nil
		case strings.HasSuffix(path, ".go"):
			u.readGo(t, path)
		case strings.HasSuffix(path, ".html"):
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if templateBuilt.Match(src) {
				u.built = append(u.built, path)
			}
			for _, m := range templateKey.FindAllStringSubmatch(string(src), -1) {
				u.called[m[1]] = append(u.called[m[1]], path)
				u.literals[m[1]] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (u *sourceUse) readGo(t *testing.T, path string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	isText := strings.Contains(path, "app/i18n/text_")
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec:
			return false
		case *ast.BasicLit:
			if s, err := strconv.Unquote(n.Value); err == nil && n.Kind == token.STRING && !isText {
				u.literals[s] = true
			}
		case *ast.CallExpr:
			name := ""
			switch fn := n.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			pos, ok := keyArg[name]
			if !ok || len(n.Args) <= pos {
				return true
			}
			where := fset.Position(n.Pos()).String()
			switch arg := n.Args[pos].(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(arg.Value); err == nil && arg.Kind == token.STRING {
					u.called[s] = append(u.called[s], where)
				}
			case *ast.BinaryExpr:
				u.built = append(u.built, where)
			case *ast.CallExpr:
				if sel, ok := arg.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" {
					u.built = append(u.built, where)
				}
			}
		}
		return true
	})
}

// TestCatalogueHasEveryKeyUsed fails for a key that code or a template names and the catalogue
// lacks, and for a key built by joining strings.
func TestCatalogueHasEveryKeyUsed(t *testing.T) {
	u := readSource(t)
	var missing []string
	for key, where := range u.called {
		if !i18n.Has(key) {
			missing = append(missing, key+" (at "+where[0]+")")
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("not in the catalogue: %s", m)
	}
	for _, where := range u.built {
		t.Errorf("%s: the key is built; write it out (a map or switch of literal keys) so it can be checked", where)
	}
}

// TestCatalogueHasNoUnusedKey fails for an entry nothing names.
func TestCatalogueHasNoUnusedKey(t *testing.T) {
	u := readSource(t)
	var unused []string
	for _, key := range i18n.Keys() {
		if !u.literals[key] {
			unused = append(unused, key)
		}
	}
	sort.Strings(unused)
	for _, key := range unused {
		t.Errorf("unused catalogue entry: %s", key)
	}
}

// fmtVerb finds a formatting verb, with an explicit argument index when it has one.
var fmtVerb = regexp.MustCompile(`%(\[[0-9]+\])?[-+#0]*[0-9]*(\.[0-9]+)?[vTtbcdoOqxXUeEfFgGsp%]`)

// TestCatalogueInBothLanguages fails for an entry worded in one language only, or whose two
// wordings take different arguments.
func TestCatalogueInBothLanguages(t *testing.T) {
	keys := i18n.Keys()
	slices.Sort(keys)
	for _, key := range keys {
		text, _ := i18n.Lookup(key)
		if strings.TrimSpace(text.ID) == "" || strings.TrimSpace(text.EN) == "" {
			t.Errorf("%s: worded in one language only: %+v", key, text)
		}
		if strings.Contains(text.ID+text.EN, "%[") {
			continue // explicit argument indexes: each language picks the arguments its grammar needs
		}
		id, en := fmtVerb.FindAllString(text.ID, -1), fmtVerb.FindAllString(text.EN, -1)
		slices.Sort(id)
		slices.Sort(en)
		if !slices.Equal(id, en) {
			t.Errorf("%s: Indonesian takes %v, English %v", key, id, en)
		}
	}
}

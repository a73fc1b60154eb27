package dialect_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// dialectNames are the names no code outside the dialect subpackages may compare with.
var dialectNames = map[string]bool{"sqlite": true, "postgresql": true, "postgres": true, "mysql": true, "mariadb": true}

// TestNoDialectNameComparisons keeps database differences in the dialect subpackages:
// no Go file elsewhere (tests included) compares a value with a dialect name (==, !=,
// case). Ask the Dialect, or one of its capabilities, instead; test data keyed by
// dialect name (golden maps) is fine.
func TestNoDialectNameComparisons(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if e.IsDir() {
			// the dialect subpackages; hidden and testdata folders hold no package code
			if filepath.Dir(rel) == "dialect" || strings.HasPrefix(e.Name(), ".") || e.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || rel == filepath.Join("dialect", "registry.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var lits []ast.Expr
			switch n := n.(type) {
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					lits = []ast.Expr{n.X, n.Y}
				}
			case *ast.CaseClause:
				lits = n.List
			}
			for _, x := range lits {
				if lit, ok := x.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && dialectNames[s] {
						t.Errorf("%s: compares with dialect name %q: ask the dialect instead", fset.Position(lit.Pos()), s)
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

package runner

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	_ "github.com/retort-dev/retort/dialect/all"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/sqlscript"
)

// chain is the revision chain in testdata/revisions, oldest first.
type chainRev struct {
	id, down, doc string
	transactional bool
}

func loadChain(t testing.TB) []chainRev {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "revisions", "graph.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []chainRev
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		fs := strings.SplitN(line, " ", 4)
		down := fs[1]
		if down == "-" {
			down = ""
		}
		out = append(out, chainRev{id: fs[0], down: down, transactional: fs[2] == "true", doc: fs[3]})
	}
	return out
}

// fileStatements loads a body file lazily, as the CLI does.
func fileStatements(path string) func(context.Context, dialect.Dialect, dialect.Querier) ([]sqlscript.Statement, error) {
	return func(context.Context, dialect.Dialect, dialect.Querier) ([]sqlscript.Statement, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return sqlscript.Split(string(b), 1)
	}
}

func ids(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// upMigration and downMigration build a linear chain's steps with the row ops
// graph.Map.Apply gives for them (INSERT at a root, DELETE back to base, else UPDATE).
func upMigration(r chainRev) Migration {
	op := graph.VersionOp{Kind: graph.Update, From: r.down, To: r.id}
	if r.down == "" {
		op = graph.VersionOp{Kind: graph.Insert, To: r.id}
	}
	path := filepath.Join("testdata", "revisions", r.id+".up.sql")
	return Migration{
		Step: graph.Step{Revision: r.id, Up: true, From: ids(r.down), To: ids(r.id)},
		Doc:  r.doc, Path: path, Transactional: r.transactional,
		Statements: fileStatements(path), Ops: []graph.VersionOp{op},
	}
}

func downMigration(r chainRev) Migration {
	op := graph.VersionOp{Kind: graph.Update, From: r.id, To: r.down}
	if r.down == "" {
		op = graph.VersionOp{Kind: graph.Delete, From: r.id}
	}
	path := filepath.Join("testdata", "revisions", r.id+".down.sql")
	return Migration{
		Step: graph.Step{Revision: r.id, From: ids(r.id), To: ids(r.down)},
		Doc:  r.doc, Path: path, Transactional: r.transactional,
		Statements: fileStatements(path), Ops: []graph.VersionOp{op},
	}
}

// chainPlan plans "upgrade head" on a linear chain from whatever row is current.
func chainPlan(chain []chainRev) PlanFunc {
	return func(rows []string) ([]Migration, error) {
		start := 0
		if len(rows) == 1 {
			for i, r := range chain {
				if r.id == rows[0] {
					start = i + 1
				}
			}
		}
		var out []Migration
		for _, r := range chain[start:] {
			out = append(out, upMigration(r))
		}
		return out, nil
	}
}

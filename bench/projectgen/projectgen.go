// Package projectgen writes synthetic migration projects for benchmarks: an alembic.ini and
// N revision files forming a mostly linear history with a short side branch and a merge in
// every hundred revisions, as .sql files (retort) or .py files (Alembic).
package projectgen

import (
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
)

// Format selects the revision file kind.
type Format string

const (
	SQL    Format = "sql"
	Python Format = "py"
)

// Ini is the alembic.ini written at the project root.
const Ini = "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite:///%(here)s/app.db\n"

// Revision is one generated revision.
type Revision struct {
	ID   string
	Down []string
	Seq  int // position in creation order
}

// Graph returns n revisions in creation order. Within every block of 100, revisions 50-52
// form a side branch off the trunk and revision 57 merges it back, so the graph has a
// branch point and a merge point per hundred and ends with a single head when n is a
// multiple of 100. Ids are deterministic hashes, so name order differs from creation order.
func Graph(n int) []Revision {
	revs := make([]Revision, 0, n)
	var tip, side string
	for i := range n {
		id := revID(i)
		var down []string
		switch pos := i % 100; {
		case pos == 50 && tip != "":
			down, side = []string{tip}, id
		case (pos == 51 || pos == 52) && side != "":
			down, side = []string{side}, id
		case pos == 57 && side != "":
			down, tip, side = []string{tip, side}, id, ""
		default:
			if tip != "" {
				down = []string{tip}
			}
			tip = id
		}
		revs = append(revs, Revision{ID: id, Down: down, Seq: i})
	}
	return revs
}

func revID(i int) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "rev-%d", i)
	return fmt.Sprintf("%012x", h.Sum64()&0xffffffffffff)
}

// Write creates dir/alembic.ini and dir/migrations/versions holding the n revisions of
// Graph(n) in the given format.
func Write(dir string, n int, format Format) error {
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "alembic.ini"), []byte(Ini), 0o644); err != nil {
		return err
	}
	for _, r := range Graph(n) {
		name := fmt.Sprintf("%s_revision_%d.%s", r.ID, r.Seq, format)
		if err := os.WriteFile(filepath.Join(versions, name), render(r, format), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func render(r Revision, format Format) []byte {
	msg := fmt.Sprintf("revision %d", r.Seq)
	const date = "2026-11-21 10:00:00.000001"
	if format == Python {
		down := "None"
		switch len(r.Down) {
		case 1:
			down = "'" + r.Down[0] + "'"
		case 2:
			down = "('" + strings.Join(r.Down, "', '") + "')"
		}
		return fmt.Appendf(nil, `"""%s

Revision ID: %s
Revises: %s
Create Date: %s

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '%s'
down_revision = %s
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE t_%s (id INTEGER PRIMARY KEY)")


def downgrade() -> None:
    op.execute("DROP TABLE t_%s")
`, msg, r.ID, strings.Join(r.Down, ", "), date, r.ID, down, r.ID, r.ID)
	}
	return fmt.Appendf(nil, `-- %s
--
-- revision: %s
-- down_revision: %s
-- branch_labels:
-- depends_on:
-- create_date: %s

-- +upgrade
CREATE TABLE t_%s (id INTEGER PRIMARY KEY);

-- +downgrade
DROP TABLE t_%s;
`, msg, r.ID, strings.Join(r.Down, ", "), date, r.ID, r.ID)
}

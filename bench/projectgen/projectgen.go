// Package projectgen writes synthetic migration projects for benchmarks: an alembic.ini and
// the revisions of graph.Synthetic (mostly linear, with side branches, merges, depends_on
// and a branch label) as .sql files (retort) or .py files (Alembic).
package projectgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/retort-dev/retort/graph"
)

// Format selects the revision file kind.
type Format string

const (
	SQL    Format = "sql"
	Python Format = "py"
)

// Ini is the alembic.ini written at the project root.
const Ini = "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite:///%(here)s/app.db\n"

// Write creates dir/alembic.ini and dir/migrations/versions holding graph.Synthetic(n) in
// the given format, one file per revision named <id>_revision_<seq>.
func Write(dir string, n int, format Format) error {
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "alembic.ini"), []byte(Ini), 0o644); err != nil {
		return err
	}
	for seq, r := range graph.Synthetic(n) {
		name := fmt.Sprintf("%s_revision_%d.%s", r.ID, seq, format)
		if err := os.WriteFile(filepath.Join(versions, name), render(r, seq, format), 0o644); err != nil {
			return err
		}
	}
	return nil
}

const createDate = "2026-11-21 10:00:00.000001"

func render(r graph.Revision, seq int, format Format) []byte {
	msg := fmt.Sprintf("revision %d", seq)
	if format == Python {
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
branch_labels = %s
depends_on = %s


def upgrade() -> None:
    op.execute("CREATE TABLE t_%s (id INTEGER PRIMARY KEY)")


def downgrade() -> None:
    op.execute("DROP TABLE t_%s")
`, msg, r.ID, strings.Join(r.Down, ", "), createDate, r.ID,
			pyRepr(r.Down, false), pyRepr(r.BranchLabels, true), pyRepr(r.DependsOn, false), r.ID, r.ID)
	}
	return fmt.Appendf(nil, `-- %s
--
-- revision: %s
-- down_revision: %s
-- branch_labels: %s
-- depends_on: %s
-- create_date: %s

-- +upgrade
CREATE TABLE t_%s (id INTEGER PRIMARY KEY);

-- +downgrade
DROP TABLE t_%s;
`, msg, r.ID, strings.Join(r.Down, ", "), strings.Join(r.BranchLabels, ", "), strings.Join(r.DependsOn, ", "),
		createDate, r.ID, r.ID)
}

// pyRepr writes a list as Alembic's template does: None, a bare string, or a tuple
// (always a tuple for branch labels).
func pyRepr(vals []string, tuple bool) string {
	switch {
	case len(vals) == 0:
		return "None"
	case len(vals) == 1 && !tuple:
		return "'" + vals[0] + "'"
	case len(vals) == 1:
		return "('" + vals[0] + "',)"
	}
	return "('" + strings.Join(vals, "', '") + "')"
}

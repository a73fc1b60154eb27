#!/usr/bin/env bash
# Times `upgrade head` of an Alembic project of N revisions (default 100) in which every
# fifth body needs Python (queries on op.get_bind() in a loop) and the others are op.*
# calls retort runs natively: retort (native bodies in Go, the Python ones through one
# helper process) against Alembic on the same project, and the floor: the same SQL
# (retort's --sql output, the Python steps rendered by Alembic's offline mode) run in one
# go by sqlite3 / psql. Prints a Markdown table of wall times and the load average.
#
#   bench/python.sh                 # N=100, RUNS=5
#   N=200 RUNS=3 bench/python.sh
#   PGURL=postgres://user@host:5432/postgres bench/python.sh   # admin URL of the server
set -euo pipefail
cd "$(dirname "$0")/.."

n=${N:-100}
runs=${RUNS:-5}
pgadmin=${PGURL:-postgres://postgres@127.0.0.1:5432/postgres}
work=$(mktemp -d)
pgdb=retort_pybench_$$
cleanup() {
  psql -q "$pgadmin" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v alembic >/dev/null 2>&1; then
  echo "alembic is not installed: nothing to compare with" >&2
  exit 1
fi
python=$(head -1 "$(command -v alembic)" | sed 's/^#! *//; s/ .*//')
go build -o "$work/retort" .

# The project: alembic init, then N revisions.
(cd "$work" && alembic init migrations >/dev/null)
for i in $(seq 1 "$n"); do
  id=$(printf 'b%04d' "$i")
  down=$( [ "$i" -gt 1 ] && printf "'b%04d'" $((i - 1)) || echo None)
  if (( i % 5 == 0 )); then
    cat >"$work/migrations/versions/${id}_python.py" <<PY
"""revision $id: a data migration"""
from alembic import op
import sqlalchemy as sa

revision = '$id'
down_revision = $down


def upgrade():
    op.create_table('t$id', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('v', sa.String(20)))
    conn = op.get_bind()
    for k in range(1, 11):
        conn.execute(sa.text("INSERT INTO t$id (id, v) VALUES (%d, 'row')" % k))


def downgrade():
    op.drop_table('t$id')
PY
  else
    cat >"$work/migrations/versions/${id}_native.py" <<PY
"""revision $id"""
from alembic import op
import sqlalchemy as sa

revision = '$id'
down_revision = $down


def upgrade():
    op.create_table(
        't$id',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=50), nullable=False),
        sa.Column('created', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_t${id}_name', 't$id', ['name'], unique=False)


def downgrade():
    op.drop_index('ix_t${id}_name', table_name='t$id')
    op.drop_table('t$id')
PY
  fi
done

. bench/lib.sh
# a failed run stops the benchmark (a timing of an error is no timing)
timed() {
  local t0 t1
  t0=$(now_us)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  t1=$(now_us)
  echo $(( t1 - t0 ))
}

echo "machine: $(nproc) CPUs, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "N = $n revisions ($(( n / 5 )) need Python), upgrade head on an empty database, median of $runs runs"
echo "$("$python" -c 'import sys, alembic, sqlalchemy; print("Python", sys.version.split()[0], "Alembic", alembic.__version__, "SQLAlchemy", sqlalchemy.__version__)')"
echo
echo "| dialect | retort ms | alembic ms | retort / alembic | floor ms |"
echo "|---|---:|---:|---:|---:|"

ini="$work/alembic.ini"
cp "$ini" "$ini.orig"
for dialect in sqlite postgresql; do
  if ! bench_db "$dialect"; then
    echo "| $dialect | (no server at $pgadmin) | | | |"
    continue
  fi
  sed "s#^sqlalchemy.url = .*#sqlalchemy.url = $url\npython = $python#" "$ini.orig" >"$ini"
  (cd "$work" && ./retort upgrade head --sql >"$work/floor.sql" 2>/dev/null)
  r=() a=() f=()
  for _ in $(seq "$runs"); do
    reset; r+=("$(cd "$work" && timed ./retort upgrade head)")
    reset; a+=("$(cd "$work" && timed alembic upgrade head)")
    reset; f+=("$(timed floor "$work/floor.sql")")
  done
  rm=$(printf '%s\n' "${r[@]}" | median_ms)
  am=$(printf '%s\n' "${a[@]}" | median_ms)
  fm=$(printf '%s\n' "${f[@]}" | median_ms)
  echo "| $dialect | $rm | $am | $(awk -v r="$rm" -v a="$am" 'BEGIN {printf "%.2f", r/a}') | $fm |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

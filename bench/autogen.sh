#!/usr/bin/env bash
# Times `retort revision --autogenerate` against a PostgreSQL database holding a schema of
# N tables (default 1,000; each with a primary key, a foreign key, an index, a unique and a
# check constraint, an enum column and a comment; see bench/autogenschema) whose desired
# schema adds one column, and, where alembic is installed, Alembic's autogenerate on the
# same pair, twice: env.py's target_metadata is a MetaData reflected from a second database
# holding the desired schema, then SQLAlchemy models generated for it (Alembic then only
# reflects the live database). Also runs the Go benchmark of reflecting 1,000 tables.
# retort runs three ways: without the desired-schema cache (autogenerate_cache = false),
# with an empty cache each run (cold), and with a cache kept from the previous run while
# one table (t0700's comment) changes before every run (warm).
# Prints a Markdown table of wall times; every run's file is checked to hold the one change.
#
#   bench/autogen.sh                 # N=1000 RUNS=5 ALEMBIC_RUNS=3
#   RETORT_TEST_POSTGRES_URL=postgres://user@host:5432/postgres bench/autogen.sh
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."

n=${N:-1000}
runs=${RUNS:-5}
alruns=${ALEMBIC_RUNS:-3}
admin=${RETORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
server=${admin%/*} # the URL without its database (no query parameters supported)
live=retort_bench_live_$$
desired=retort_bench_desired_$$
work=$(mktemp -d)

cleanup() {
  for db in "$live" "$desired"; do
    psql -qX "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/retort" .
go run ./bench/autogenschema -n "$n" >"$work/schema.sql"
go run ./bench/autogenschema -n "$n" -change >"$work/desired.sql"
for db in "$live" "$desired"; do
  psql -qX "$admin" -c "CREATE DATABASE $db" >/dev/null
done
psql -qX -v ON_ERROR_STOP=1 "$server/$live" -f "$work/schema.sql" >/dev/null
psql -qX -v ON_ERROR_STOP=1 "$server/$desired" -f "$work/desired.sql" >/dev/null
live_url="postgresql://${server#*://}/$live"

# median_min MS... : prints "median min" of the given millisecond figures.
median_min() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.0f %.0f\n", a[int((NR+1)/2)], a[1]}'
}

# timed_autogen DIR EXPECT CMD... : runs the autogenerate command CMD in DIR, checks that
# the one new file in DIR/versions contains EXPECT, removes it, and prints the wall time in
# milliseconds.
timed_autogen() {
  local dir=$1 expect=$2; shift 2
  local t0 t1
  t0=$(date +%s%N)
  (cd "$dir" && "$@" >/dev/null 2>"$work/stderr") || { tail -n 5 "$work/stderr" >&2; exit 1; }
  t1=$(date +%s%N)
  local files=("$dir"/versions/*.sql "$dir"/versions/*.py)
  if [[ ${#files[@]} -ne 1 ]] || ! grep -qF "$expect" "${files[0]}"; then
    echo "autogenerate in $dir did not write one file containing: $expect" >&2
    exit 1
  fi
  rm -f "${files[@]}"
  echo $(( (t1 - t0) / 1000000 ))
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "schema: $n tables; desired schema: one column added"
echo

# retort_project uses the cache, retort_nocache does not
for proj in retort_project retort_nocache; do
  mkdir -p "$work/$proj/versions"
  cat >"$work/$proj/alembic.ini" <<EOF
[alembic]
script_location = %(here)s
sqlalchemy.url = $live_url
target_metadata = $work/desired_now.sql
EOF
done
echo "autogenerate_cache = false" >>"$work/retort_nocache/alembic.ini"
cp "$work/desired.sql" "$work/desired_now.sql"
expect="ALTER TABLE t0500 ADD COLUMN extra text;"
retort=("$work/retort" revision --autogenerate -m change)
# Cache off and cold runs alternate: each scratch build leaves dead catalog rows behind,
# which slows the next ones until autovacuum runs, so back-to-back series would drift.
retort_times=()
cold_times=()
timed_autogen "$work/retort_nocache" "$expect" "${retort[@]}" >/dev/null # warm-up
for i in $(seq "$runs"); do
  retort_times+=("$(timed_autogen "$work/retort_nocache" "$expect" "${retort[@]}")")
  cold_times+=("$(timed_autogen "$work/retort_project" "$expect" env RETORT_CACHE_DIR="$work/cache_cold_$i" "${retort[@]}")")
done
read -r rmed rmin < <(median_min "${retort_times[@]}")
read -r cmed cmin < <(median_min "${cold_times[@]}")

warm_times=()
timed_autogen "$work/retort_project" "$expect" env RETORT_CACHE_DIR="$work/cache" "${retort[@]}" >/dev/null # fills the cache
for i in $(seq "$runs"); do
  sed "s/^COMMENT ON TABLE t0700 IS 'table 700';/COMMENT ON TABLE t0700 IS 'table 700, run $i';/" "$work/desired.sql" >"$work/desired_now.sql"
  warm_times+=("$(timed_autogen "$work/retort_project" "$expect" env RETORT_CACHE_DIR="$work/cache" "${retort[@]}")")
done
read -r wmed wmin < <(median_min "${warm_times[@]}")

reflect=$(RETORT_TEST_POSTGRES_URL=$admin go test -run '^$' -bench '^BenchmarkPostgresInspect1000$' -benchtime 5x ./dialect/ |
  awk '/^BenchmarkPostgresInspect1000/ {printf "%.0f", $3 / 1e6}')

echo "| tool | operation | tables | runs | median ms | min ms |"
echo "|---|---|---:|---:|---:|---:|"
echo "| retort | revision --autogenerate, cache off | $n | $runs | $rmed | $rmin |"
echo "| retort | revision --autogenerate, cold cache (empty) | $n | $runs | $cmed | $cmin |"
echo "| retort | revision --autogenerate, warm cache, one table changed since the previous run | $n | $runs | $wmed | $wmin |"
echo "| retort | reflection only (BenchmarkPostgresInspect1000) | 1000 | 5 | $reflect | |"

if command -v alembic >/dev/null 2>&1; then
  go run ./bench/autogenschema -n "$n" -change -format py >"$work/bench_models.py"
  # alembic_autogen NAME METADATA_EXPR: an Alembic project whose env.py's target_metadata
  # is METADATA_EXPR, timed like retort; prints "median min".
  alembic_autogen() {
    local proj=$work/$1
    (cd "$work" && alembic init "$1" >/dev/null && mv alembic.ini "$1/")
    sed -i "s|^sqlalchemy.url = .*|sqlalchemy.url = postgresql+psycopg2://${server#*://}/$live|" "$proj/alembic.ini"
    sed -i "s|^script_location = .*|script_location = %(here)s|" "$proj/alembic.ini"
    cat >"$proj/env.py" <<EOF
import sys
from alembic import context
from sqlalchemy import MetaData, create_engine

sys.path.insert(0, "$work")
target_metadata = $2

with create_engine(context.config.get_main_option("sqlalchemy.url")).connect() as connection:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
EOF
    local times=()
    for _ in $(seq "$alruns"); do
      times+=("$(timed_autogen "$proj" "op.add_column('t0500'" alembic revision --autogenerate -m change)")
    done
    median_min "${times[@]}"
  }
  version=$(alembic --version | awk '{print $2}')
  read -r amed amin < <(alembic_autogen reflected "MetaData(); target_metadata.reflect(bind=create_engine(\"postgresql+psycopg2://${server#*://}/$desired\"))")
  echo "| alembic $version | revision --autogenerate, target_metadata reflected from a database | $n | $alruns | $amed | $amin |"
  read -r mmed mmin < <(alembic_autogen models "__import__(\"bench_models\").metadata")
  echo "| alembic $version | revision --autogenerate, target_metadata from SQLAlchemy models | $n | $alruns | $mmed | $mmin |"
  echo
  awk -v a="$amed" -v m="$mmed" -v r="$rmed" -v w="$wmed" 'BEGIN {printf "retort (cache off) is %.1fx faster than Alembic with reflected metadata, %.1fx with models; with a warm cache %.1fx and %.1fx (medians)\n", a / r, m / r, a / w, m / w}'
fi

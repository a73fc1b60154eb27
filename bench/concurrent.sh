#!/usr/bin/env bash
# Times 8 simultaneous `retort upgrade head` on one fresh database (a deploy started on
# every host at once) against a single run: the figure is how long until the last of the
# 8 finishes. The waiters poll the migration lock with jittered backoff; the target is a
# ratio under 1.5. The floor is 8 simultaneous runs on a database already at head (no
# lock to wait for): what 8 processes cost on this machine by themselves. Prints a
# Markdown table; PostgreSQL and SQLite.
#
#   bench/concurrent.sh                 # N=200 revisions, PROCS=8, RUNS=5
#   N=500 RUNS=3 bench/concurrent.sh
#   PGURL=postgres://user@host:5432/postgres bench/concurrent.sh   # admin URL of the server
set -euo pipefail
cd "$(dirname "$0")/.."

n=${N:-200}
procs=${PROCS:-8}
runs=${RUNS:-5}
pgadmin=${PGURL:-postgres://postgres@127.0.0.1:5432/postgres}
work=$(mktemp -d)
pgdb=retort_bench_conc_$$
cleanup() {
  psql -q "$pgadmin" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/retort" .
go build -o "$work/genproject" ./bench/genproject
"$work/genproject" -n "$n" -format sql "$work/sql"

now_us() { echo $(( $(date +%s%N) / 1000 )); }
median_ms() { sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1000}'; }

# last_of K: starts K upgrades at once and prints the wall time until the last one ends
# (microseconds); fails when any of them fails.
last_of() {
  local t0 pids=() fail=0
  t0=$(now_us)
  for _ in $(seq "$1"); do
    (cd "$work/sql" && exec "$work/retort" upgrade head >/dev/null 2>"$work/err.$BASHPID") &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || fail=1; done
  local t1; t1=$(now_us)
  if [ $fail = 1 ]; then cat "$work"/err.* >&2; exit 1; fi
  rm -f "$work"/err.*
  echo $(( t1 - t0 ))
}

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "N = $n revisions, median of $runs runs"
echo
echo "| dialect | 1 run ms | last of $procs ms | ratio | floor: $procs at head ms |"
echo "|---|---:|---:|---:|---:|"
for dialect in postgresql sqlite; do
  case $dialect in
  sqlite)
    url="sqlite:///$work/bench.db"
    reset() { rm -f "$work/bench.db" "$work/bench.db.retort-lock"; }
    ;;
  postgresql)
    if ! psql -q "$pgadmin" -c "SELECT 1" >/dev/null 2>&1; then
      echo "| postgresql | (no server at $pgadmin) | | | |"
      continue
    fi
    url="postgresql://${pgadmin#*://}"
    url="${url%/*}/$pgdb"
    reset() { psql -q "$pgadmin" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" -c "CREATE DATABASE $pgdb" >/dev/null 2>&1; }
    ;;
  esac
  export DATABASE_URL=$url
  one=() many=() floor=()
  for _ in $(seq "$runs"); do
    reset; one+=("$(last_of 1)")
    reset; many+=("$(last_of "$procs")")
    floor+=("$(last_of "$procs")")
  done
  o=$(printf '%s\n' "${one[@]}" | median_ms)
  m=$(printf '%s\n' "${many[@]}" | median_ms)
  f=$(printf '%s\n' "${floor[@]}" | median_ms)
  echo "| $dialect | $o | $m | $(awk -v a="$m" -v b="$o" 'BEGIN {printf "%.2f", a/b}') | $f |"
done

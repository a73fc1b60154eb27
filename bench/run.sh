#!/usr/bin/env bash
# Times the built retort binary on generated projects (heads, history, branches at
# N = 1,000 and 10,000 revisions) and, where alembic is installed, `alembic heads` etc. at
# N = 1,000 on the same graph written as .py files. Prints a Markdown table of wall times.
#
#   bench/run.sh            # RUNS=20 by default
#   RUNS=50 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/retort" .
go build -o "$work/genproject" ./bench/genproject

# wall_ms DIR CMD... : runs CMD in DIR $runs times (after one warm-up) and prints
# "median min" in milliseconds.
wall_ms() {
  local dir=$1; shift
  (cd "$dir" && "$@" >/dev/null)
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    (cd "$dir" && "$@" >/dev/null)
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f %.1f\n", a[int((NR+1)/2)]/1000, a[1]/1000}'
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| tool | command | N | median ms | min ms |"
echo "|---|---|---:|---:|---:|"
for n in 1000 10000; do
  "$work/genproject" -n "$n" -format sql "$work/sql$n"
  for cmd in heads history branches; do
    read -r med min < <(wall_ms "$work/sql$n" "$work/retort" "$cmd")
    echo "| retort | $cmd | $n | $med | $min |"
  done
done

if command -v alembic >/dev/null 2>&1; then
  "$work/genproject" -n 1000 -format py "$work/py1000"
  # Alembic compiles every revision on first load; time the warm (cached bytecode) runs.
  alruns=$(( runs < 5 ? runs : 5 ))
  for cmd in heads history branches; do
    read -r med min < <(runs=$alruns wall_ms "$work/py1000" alembic "$cmd")
    echo "| alembic 1.8.1 | $cmd | 1000 | $med | $min |"
  done
  read -r med min < <(wall_ms "$work/py1000" "$work/retort" heads)
  echo "| retort (.py files) | heads | 1000 | $med | $min |"
fi

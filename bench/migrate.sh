#!/usr/bin/env bash
# Times `retort upgrade head` and `retort downgrade base` of N revisions (each creating
# one table; the graph.Synthetic shape with branches and merges) on SQLite, PostgreSQL
# and MySQL/MariaDB, against the floor -- the same SQL (retort's own --sql output) run
# in one go by `sqlite3` / `psql -1` / `mariadb` -- and, where installed, Alembic on the
# same graph as .py files. Also times an up-to-date `upgrade head`. Prints a Markdown
# table of wall times.
#
#   bench/migrate.sh                 # N=1000, RUNS=5, every dialect
#   N=200 RUNS=3 DIALECTS=mysql bench/migrate.sh
#   PGURL=postgres://user@host:5432/postgres bench/migrate.sh   # admin URL of the server
#   MYSQL="-uroot -h127.0.0.1 -P3306" bench/migrate.sh          # mariadb client options
set -euo pipefail
cd "$(dirname "$0")/.."

n=${N:-1000}
runs=${RUNS:-5}
dialects=${DIALECTS:-sqlite postgresql mysql}
pgadmin=${PGURL:-postgres://postgres@127.0.0.1:5432/postgres}
read -r -a myopts <<<"${MYSQL:--uroot -h127.0.0.1 -P3306}"
work=$(mktemp -d)
pgdb=retort_bench_$$
mydb=retort_bench_$$
cleanup() {
  psql -q "$pgadmin" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 || true
  mariadb "${myopts[@]}" -e "DROP DATABASE IF EXISTS $mydb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/retort" .
go build -o "$work/genproject" ./bench/genproject
"$work/genproject" -n "$n" -format sql "$work/sql"
have_alembic=0
if command -v alembic >/dev/null 2>&1; then
  have_alembic=1
  "$work/genproject" -n "$n" -format py "$work/py"
  # genproject writes no env.py: take Alembic's generic template (and its ini, whose
  # logging sections that env.py needs).
  (cd "$work" && alembic init tmpl >/dev/null)
  cp "$work/tmpl/env.py" "$work/py/migrations/env.py"
  sed 's#^script_location = .*#script_location = %(here)s/migrations#' "$work/alembic.ini" >"$work/py/alembic.ini"
fi

now_us() { echo $(( $(date +%s%N) / 1000 )); }

# median of the numbers on stdin (microseconds), printed in milliseconds
median_ms() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
min_ms() { sort -n | awk 'NR == 1 {printf "%.1f", $1/1000}'; }

# timed CMD... : runs CMD once (output discarded) and prints its wall time in microseconds.
timed() {
  local t0 t1
  t0=$(now_us)
  "$@" >/dev/null 2>&1
  t1=$(now_us)
  echo $(( t1 - t0 ))
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "N = $n revisions, median of $runs runs (Alembic: of $(( runs < 2 ? runs : 2 )))"
echo
echo "| dialect | command | retort ms | floor ms | retort / floor | alembic ms |"
echo "|---|---|---:|---:|---:|---:|"

for dialect in $dialects; do
  case $dialect in
  sqlite)
    db="$work/bench.db"
    url="sqlite:///$db"
    reset() { rm -f "$db" "$db.retort-lock"; }
    floor() { { echo "BEGIN;"; cat "$1"; echo "COMMIT;"; } | sqlite3 "$db"; }
    ;;
  postgresql)
    if ! psql -q "$pgadmin" -c "SELECT 1" >/dev/null 2>&1; then
      echo "| postgresql | (no server at $pgadmin) | | | | |"
      continue
    fi
    url="postgresql://${pgadmin#*://}"
    url="${url%/*}/$pgdb"
    reset() {
      psql -q "$pgadmin" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" -c "CREATE DATABASE $pgdb" >/dev/null 2>&1
    }
    # retort's --sql output is already one BEGIN ... COMMIT; psql -1 would nest it.
    floor() { grep -v -e '^BEGIN;$' -e '^COMMIT;$' "$1" | psql -q -1 -v ON_ERROR_STOP=1 "${pgadmin%/*}/$pgdb" >/dev/null; }
    ;;
  mysql)
    if ! mariadb "${myopts[@]}" -e "SELECT 1" >/dev/null 2>&1; then
      echo "| mysql | (no server for mariadb ${myopts[*]}) | | | | |"
      continue
    fi
    # The URL from the client options: user, host and port (no password option).
    myuser=root myhost=127.0.0.1 myport=3306
    for o in "${myopts[@]}"; do
      case $o in -u*) myuser=${o#-u} ;; -h*) myhost=${o#-h} ;; -P*) myport=${o#-P} ;; esac
    done
    url="mysql+pymysql://$myuser@$myhost:$myport/$mydb"
    reset() { mariadb "${myopts[@]}" -e "DROP DATABASE IF EXISTS $mydb; CREATE DATABASE $mydb"; }
    # MySQL DDL commits itself: the script runs as it is, one statement after another.
    floor() { mariadb "${myopts[@]}" "$mydb" <"$1"; }
    ;;
  esac
  export DATABASE_URL=$url
  r() { (cd "$work/sql" && "$work/retort" "$@"); }
  r upgrade head --sql >"$work/up.sql" 2>/dev/null
  r downgrade head:base --sql >"$work/down.sql" 2>/dev/null

  up=() down=() fup=() fdown=() noop=()
  for _ in $(seq "$runs"); do
    reset
    up+=("$(timed r upgrade head)")
    for _ in 1 2 3 4; do noop+=("$(timed r upgrade head)"); done
    down+=("$(timed r downgrade base)")
    reset
    fup+=("$(timed floor "$work/up.sql")")
    fdown+=("$(timed floor "$work/down.sql")")
  done

  aup=- adown=-
  if [ $have_alembic = 1 ]; then
    # Alembic's URL: the SQLAlchemy spelling with psycopg2 for PostgreSQL (pymysql is in
    # the MySQL URL already).
    aurl=$url
    [ $dialect = postgresql ] && aurl="postgresql+psycopg2://${url#postgresql://}"
    sed -i "s#^sqlalchemy.url = .*#sqlalchemy.url = $aurl#" "$work/py/alembic.ini"
    a() { (cd "$work/py" && env -u DATABASE_URL alembic "$@"); }
    au=() ad=()
    for _ in $(seq $(( runs < 2 ? runs : 2 ))); do
      reset
      au+=("$(timed a upgrade head)")
      ad+=("$(timed a downgrade base)")
    done
    aup=$(printf '%s\n' "${au[@]}" | median_ms)
    adown=$(printf '%s\n' "${ad[@]}" | median_ms)
  fi

  for what in up down; do
    if [ $what = up ]; then
      rt=$(printf '%s\n' "${up[@]}" | median_ms); fl=$(printf '%s\n' "${fup[@]}" | median_ms); al=$aup; cmd="upgrade head"
    else
      rt=$(printf '%s\n' "${down[@]}" | median_ms); fl=$(printf '%s\n' "${fdown[@]}" | median_ms); al=$adown; cmd="downgrade base"
    fi
    echo "| $dialect | $cmd | $rt | $fl | $(awk -v a="$rt" -v b="$fl" 'BEGIN {printf "%.2fx", a/b}') | $al |"
  done
  echo "| $dialect | upgrade head (up to date) | $(printf '%s\n' "${noop[@]}" | median_ms) (min $(printf '%s\n' "${noop[@]}" | min_ms)) | | | |"
  unset DATABASE_URL
done

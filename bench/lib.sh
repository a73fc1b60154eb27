# Shared by bench scripts (sourced; bench/python.sh uses it): timing, medians, and the databases each
# script runs on. Expects $work (a scratch folder) and $pgadmin (the server's admin URL).

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

# bench_db DIALECT: sets url (a new database's SQLAlchemy URL) and defines reset (empty
# it) and floor FILE (run a SQL script in one transaction). Fails for PostgreSQL without
# a server at $pgadmin.
bench_db() {
  case $1 in
  sqlite)
    db="$work/bench.db"
    url="sqlite:///$db"
    reset() { rm -f "$db" "$db.retort-lock"; }
    floor() { { echo "BEGIN;"; cat "$1"; echo "COMMIT;"; } | sqlite3 "$db"; }
    ;;
  postgresql)
    psql -q "$pgadmin" -c "SELECT 1" >/dev/null 2>&1 || return 1
    pgdb=${pgdb:-retort_bench_$$}
    url="postgresql://${pgadmin#*://}"
    url="${url%/*}/$pgdb"
    reset() {
      psql -q "$pgadmin" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" -c "CREATE DATABASE $pgdb" >/dev/null 2>&1
    }
    # retort's --sql output is already one BEGIN ... COMMIT; psql -1 would nest it.
    floor() { grep -v -e '^BEGIN;$' -e '^COMMIT;$' "$1" | psql -q -1 -v ON_ERROR_STOP=1 "${pgadmin%/*}/$pgdb" >/dev/null; }
    ;;
  esac
}

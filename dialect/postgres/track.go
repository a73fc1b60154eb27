package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// A replay (verify) reflects its scratch database twice per revision, and a whole
// reflection costs what the schema holds. Event triggers make the database itself record
// what each DDL command acts on (for a dropped object, its table), in a table written in
// the command's own transaction, so a rolled-back step leaves no record of what it undid.
// When reflecting, one query (trackChanges) reads and clears the record and works out
// which tables that can have changed: the objects' tables, and the tables of what depends
// on them (a foreign key to a renamed column, a column of a renamed type, a default that
// calls a renamed function). Only those are reflected again, by the statements of a whole
// reflection limited by the transaction-local setting retort.scope (pgInScope), so their
// plans stay cached. What cannot be placed (a schema, an extension, a partitioned table,
// an object kind not known here, a changed search path) means: reflect everything.
// Creating event triggers needs a superuser; without one, Track says no and the replay
// reflects whole.

const trackSchema = "retort_track"

var trackSetup = []string{
	`CREATE SCHEMA retort_track`,
	// what changed: a command's object (cls, obj, kind), a dropped object's table (rel),
	// a dropped index by name, or rel 0 (everything)
	`CREATE TABLE retort_track.changed (cls oid, obj oid, kind text, rel bigint, idx_schema text, idx_name text)`,

	// The triggers only write down what the commands name, for as little cost per DDL
	// statement as can be (a replay runs many more statements than it reflects); what
	// that can change is worked out when reflecting (trackChanges).
	`CREATE FUNCTION retort_track.on_end() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  n int;
BEGIN
  INSERT INTO retort_track.changed (cls, obj, kind)
    SELECT classid, objid, object_type FROM pg_event_trigger_ddl_commands();
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n = 0 AND tg_tag NOT LIKE 'DROP %' THEN
    INSERT INTO retort_track.changed (rel) VALUES (0);
  END IF;
END
$$`,

	// Dropped objects are gone from the catalogs: their table is named by their address,
	// and an index's (by name) is found in the reflection that had it.
	`CREATE FUNCTION retort_track.on_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO retort_track.changed (rel, idx_schema, idx_name)
  SELECT CASE
      WHEN d.object_type IN ('table column', 'table constraint', 'default value', 'trigger', 'rule', 'policy')
        THEN COALESCE(to_regclass(format('%I.%I', d.address_names[1], d.address_names[2]))::oid, d.objid)
      ELSE d.objid END,
    CASE WHEN d.object_type = 'index' THEN d.address_names[1] END,
    CASE WHEN d.object_type = 'index' THEN d.address_names[2] END
  FROM pg_event_trigger_dropped_objects() d;
END
$$`,
	`CREATE EVENT TRIGGER retort_track_end ON ddl_command_end EXECUTE PROCEDURE retort_track.on_end()`,
	`CREATE EVENT TRIGGER retort_track_drop ON sql_drop EXECUTE PROCEDURE retort_track.on_drop()`,
	// also under session_replication_role = replica, which data migrations set to skip
	// triggers
	`ALTER EVENT TRIGGER retort_track_end ENABLE ALWAYS`,
	`ALTER EVENT TRIGGER retort_track_drop ENABLE ALWAYS`,
}

// trackOwner is the table a catalog object (cls, obj) belongs to: an index's, a
// default's, a constraint's, a trigger's, an owned sequence's, a table itself; NULL for
// others.
const trackOwner = `CASE %[1]s
    WHEN 'pg_class'::regclass THEN (
      SELECT CASE WHEN c.relkind IN ('i', 'I') THEN (SELECT indrelid FROM pg_index WHERE indexrelid = c.oid)
                  WHEN c.relkind = 'S' THEN (SELECT d.refobjid FROM pg_depend d
                                             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                               AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1)
                  ELSE c.oid END
      FROM pg_class c WHERE c.oid = %[2]s)
    WHEN 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = %[2]s)
    WHEN 'pg_constraint'::regclass THEN (SELECT NULLIF(conrelid, 0) FROM pg_constraint WHERE oid = %[2]s)
    WHEN 'pg_trigger'::regclass THEN (SELECT tgrelid FROM pg_trigger WHERE oid = %[2]s)
  END`

// trackChanges reads and clears the record, and says which tables to reflect again (0:
// everything), with the dropped indexes by schema and name. What a command's object
// can change the reflection of: the object itself (a table, or a mark that something
// changed), its owner, and the owners of what depends on it or on its row or array type
// (a foreign key to a renamed column, a column of a renamed type, a default that calls a
// renamed function). A kind of object not known here, or a partitioned table (attaching
// and detaching change other tables), means everything.
var trackChanges = `WITH c AS (DELETE FROM retort_track.changed RETURNING *),
cmd AS (SELECT DISTINCT cls, obj, kind IN ('table', 'table column', 'index', 'index column', 'table constraint',
                                           'default value', 'sequence', 'sequence column', 'type', 'domain',
                                           'composite type', 'view', 'view column', 'materialized view', 'function',
                                           'procedure', 'trigger', 'rule')
                                 AND NOT EXISTS (SELECT 1 FROM pg_class p WHERE p.oid = obj AND cls = 'pg_class'::regclass
                                                 AND p.relkind = 'p') AS known
        FROM c WHERE kind IS NOT NULL)
SELECT rel, COALESCE(idx_schema, ''), COALESCE(idx_name, '') FROM c WHERE rel IS NOT NULL
UNION ALL SELECT 0, '', '' FROM cmd WHERE NOT known
UNION ALL SELECT a, '', '' FROM cmd, LATERAL (
    SELECT obj::bigint
    UNION SELECT (` + fmt.Sprintf(trackOwner, "cmd.cls", "cmd.obj") + `)::bigint
    UNION SELECT (` + fmt.Sprintf(trackOwner, "d.classid", "d.objid") + `)::bigint FROM pg_depend d
      WHERE d.refclassid = cmd.cls AND d.refobjid = cmd.obj
    UNION SELECT (` + fmt.Sprintf(trackOwner, "d.classid", "d.objid") + `)::bigint FROM pg_class t JOIN pg_depend d
        ON d.refclassid = 'pg_type'::regclass AND d.refobjid = t.reltype
      WHERE cmd.cls = 'pg_class'::regclass AND t.oid = cmd.obj
    UNION SELECT (` + fmt.Sprintf(trackOwner, "d.classid", "d.objid") + `)::bigint FROM pg_type t JOIN pg_depend d
        ON d.refclassid = 'pg_type'::regclass AND d.refobjid = t.typarray
      WHERE cmd.cls = 'pg_type'::regclass AND t.oid = cmd.obj
  ) x(a)
  WHERE known AND a IS NOT NULL`

// Track implements dialect.ChangeTracker. It creates the schema retort_track and two
// event triggers in db, which must be a database the run owns and drops.
func (Dialect) Track(ctx context.Context, db *sql.DB, opts dialect.InspectOptions) (dialect.TrackedInspector, bool, error) {
	if slices.Contains(opts.Schemas, trackSchema) {
		return nil, false, nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, err
	}
	defer tx.Rollback()
	for _, s := range trackSetup {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == "42501" { // event triggers need a superuser
				return nil, false, nil
			}
			return nil, false, fmt.Errorf("track changes: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, false, fmt.Errorf("track changes: %w", err)
	}
	return &tracker{db: db, opts: opts, model: map[int64]trackedTable{}, all: true}, true, nil
}

// tracker is a reflection kept up to date from the record of changes.
type tracker struct {
	db   *sql.DB
	opts dialect.InspectOptions
	// model is the last reflection's tables by oid (before the filter), enums and the
	// objects autogenerate does not manage are reflected whole each time (few, cheap)
	model       map[int64]trackedTable
	enums       []*schema.Enum
	unsupported []*schema.Object
	// path is the search path and current schema the model was read with: they decide
	// how names print
	path string
	// all: the next Inspect reflects everything
	all bool
	// whole and scoped count the reflections of each kind (tests, benchmarks)
	whole, scoped int
}

type trackedTable struct {
	nsp string
	t   *schema.Table
}

// Forget implements dialect.TrackedInspector.
func (t *tracker) Forget() { t.all = true }

// Inspect implements dialect.TrackedInspector. The record is read, cleared and acted on
// in one transaction: a reflection that fails leaves it as it was.
func (t *tracker) Inspect(ctx context.Context) (s *schema.Schema, err error) {
	defer func() {
		if err != nil {
			t.all = true
		}
	}()
	tx, err := t.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// jit off: the record's query is estimated dear enough to be compiled, which took
	// 120 ms each time, a hundred times its run
	var path, current string
	err = dialect.QueryScalar(ctx, tx, "SELECT set_config('jit', 'off', true), current_setting('search_path'), COALESCE(current_schema(), 'public')",
		nil, new(string), &path, &current)
	if err != nil {
		return nil, fmt.Errorf("reflect: current schema: %w", err)
	}
	all := t.all || path+"\x00"+current != t.path
	scope := map[int64]bool{}
	err = dialect.QueryEach(ctx, tx, trackChanges, nil, func(scan func(...any) error) error {
		var rel int64
		var nsp, index string
		if err := scan(&rel, &nsp, &index); err != nil {
			return err
		}
		all = all || rel == 0
		scope[rel] = true
		if index != "" {
			for oid, e := range t.model {
				if e.nsp == nsp && slices.ContainsFunc(e.t.Indexes, func(ix *schema.Index) bool { return ix.Name == index }) {
					scope[oid] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect: read the record of changes: %w", err)
	}
	if !all && len(scope) > 0 {
		oids := make([]string, 0, len(scope))
		for oid := range scope {
			oids = append(oids, strconv.FormatInt(oid, 10))
		}
		if _, err := tx.ExecContext(ctx, "SELECT set_config('retort.scope', $1, true)", "{"+strings.Join(oids, ",")+"}"); err != nil {
			return nil, fmt.Errorf("reflect: %w", err)
		}
	}
	if all || len(scope) > 0 {
		r, err := pgReflect(ctx, tx, t.opts, current, current)
		if err != nil {
			return nil, err
		}
		if all {
			t.model = map[int64]trackedTable{}
			t.path = path + "\x00" + current
			t.whole++
		} else {
			for oid := range scope {
				delete(t.model, oid)
			}
			t.scoped++
		}
		t.keep(r)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	t.all = false
	return t.schema(), nil
}

// keep puts r's tables, enums and other objects in the model.
func (t *tracker) keep(r *pgReflection) {
	for _, tb := range r.s.Tables {
		t.model[r.oid[tb]] = trackedTable{nsp: r.nsp[tb], t: tb}
	}
	t.enums, t.unsupported = r.s.Enums, r.s.Unsupported
}

// schema assembles the model as Inspect returns a schema: tables in schema and name
// order, filtered. The tables are shared with earlier results and never changed.
func (t *tracker) schema() *schema.Schema {
	entries := make([]trackedTable, 0, len(t.model))
	for _, e := range t.model {
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b trackedTable) int {
		if c := strings.Compare(a.nsp, b.nsp); c != 0 {
			return c
		}
		return strings.Compare(a.t.Name, b.t.Name)
	})
	s := &schema.Schema{Enums: t.enums, Unsupported: slices.Clone(t.unsupported)}
	for _, e := range entries {
		s.Tables = append(s.Tables, e.t)
	}
	dialect.FilterTables(s, t.opts)
	return s
}

var _ dialect.ChangeTracker = Dialect{}

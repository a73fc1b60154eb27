package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// PostgreSQL reflection reads pg_catalog with one query per object kind for all reflected
// schemas together, so the number of round trips does not grow with the table count.
// Names, types and expressions are taken as the server prints them (format_type,
// pg_get_expr, pg_get_constraintdef, pg_get_indexdef): the desired schema goes through the
// same server, so equal definitions print equally.
//
// Speed matters (verify reflects twice per revision): the printing functions are called
// once per object and never in a subquery per row; comments are joined, not looked up
// with col_description; and joins are written so that a bad plan stays cheap, since a
// database that just had its schema made has stale catalog statistics (a join with a
// subquery estimated at one row was planned as a nested loop over all sequences: the
// owned sequence of a column with a default is now looked up by index, per column).

const pgNotExtension = `NOT EXISTS (SELECT 1 FROM pg_depend dep
	WHERE dep.classid = %s AND dep.objid = %s AND dep.deptype = 'e')`

// pgReflected is the condition on a pg_class row (alias c) and its namespace (alias n)
// for a table that is reflected.
func pgReflected(c, n string) string {
	return fmt.Sprintf("%[1]s.relkind IN ('r', 'p') AND NOT %[1]s.relispartition AND %[2]s.nspname = ANY(@schemas)\n  AND ", c, n) +
		fmt.Sprintf(pgNotExtension, "'pg_class'::regclass", c+".oid")
}

// pgInScope is the condition on a pg_class row (alias c) for a table in the scope of a
// tracked reflection (see track.go): the transaction-local setting retort.scope lists the
// oids to reflect; unset, every table is. A setting, not a parameter or literal, so the
// statement text stays the same and its plan cached.
func pgInScope(c string) string {
	// (the cast is written so that it cannot fail: SQL need not evaluate OR left first)
	return fmt.Sprintf("(NULLIF(current_setting('retort.scope', true), '') IS NULL OR "+
		"%[1]s.oid = ANY (COALESCE(NULLIF(current_setting('retort.scope', true), ''), '{}')::oid[]))", c)
}

var pgQueries = struct {
	tables, columns, constraints, indexes, enums, unsupported string
}{
	tables: `SELECT n.nspname, c.relname, COALESCE(ds.description, ''), c.oid::bigint
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
WHERE ` + pgReflected("c", "n") + ` AND ` + pgInScope("c") + `
ORDER BY 1, 2`,

	columns: `SELECT n.nspname, c.relname, a.attnum, a.attname, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),
  a.attnotnull, COALESCE(pg_get_expr(ad.adbin, ad.adrelid), ''), a.attidentity::text,
  a.attgenerated::text, COALESCE(ds.description, ''),
  CASE WHEN ad.adbin IS NOT NULL THEN COALESCE((SELECT d.objid::regclass::text
    FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
    WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid AND d.refobjsubid = a.attnum
      AND d.classid = 'pg_class'::regclass AND s.relkind = 'S' AND d.deptype = 'a' ORDER BY 1 LIMIT 1), '') ELSE '' END,
  CASE WHEN a.attcollation <> ty.typcollation THEN COALESCE(quote_ident(co.collname), '') ELSE '' END
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname = ANY(@schemas) AND ` + pgInScope("c") + `
ORDER BY 1, 2, a.attnum`,

	// Key columns come as attribute numbers, named from the columns query: a subquery per
	// constraint naming them costs more than the rest of the query. Only a foreign key to
	// a table that is not reflected gets its referenced columns named here.
	constraints: `SELECT n.nspname, c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid),
  COALESCE(con.conkey::text, '{}'), COALESCE(rn.nspname, ''), COALESCE(rc.relname, ''), COALESCE(con.confkey::text, '{}'),
  CASE WHEN rc.oid IS NOT NULL AND NOT (` + pgReflected("rc", "rn") + ` AND ` + pgInScope("rc") + `) THEN
    (SELECT json_agg(a.attname ORDER BY k.o) FROM unnest(con.confkey) WITH ORDINALITY k(num, o)
     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num)::text END,
  con.confdeltype::text, con.confupdtype::text
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p')
  AND ` + pgInScope("c") + `
ORDER BY 1, 2, 3`,

	// Key columns as attribute numbers too; an index with expression parts gets its parts
	// printed by the server.
	indexes: `SELECT n.nspname, c.relname, i.relname, ix.indisunique, pg_get_indexdef(ix.indexrelid),
  COALESCE(pg_get_expr(ix.indpred, ix.indrelid), ''), (ix.indkey::int2[])[0:ix.indnkeyatts-1]::text,
  CASE WHEN 0 = ANY ((ix.indkey::int2[])[0:ix.indnkeyatts-1]) THEN
    (SELECT json_agg(pg_get_indexdef(ix.indexrelid, k, true) ORDER BY k)
     FROM generate_series(1, ix.indnkeyatts) k)::text END
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class c ON c.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p') AND ` + pgInScope("c") + `
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
ORDER BY 1, 2, 3`,

	enums: `SELECT n.nspname, t.typname, json_agg(e.enumlabel ORDER BY e.enumsortorder)::text
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY(@schemas) AND ` + fmt.Sprintf(pgNotExtension, "'pg_type'::regclass", "t.oid") + `
GROUP BY 1, 2
ORDER BY 1, 2`,

	// Views, sequences not owned by a serial or identity column, functions and triggers:
	// autogenerate does not manage them but says when they differ.
	unsupported: `SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'sequence' END,
  n.nspname, c.relname, '',
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid)
       ELSE (SELECT format('%s start %s increment %s min %s max %s cache %s cycle %s', format_type(s.seqtypid, NULL),
                    s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
             FROM pg_sequence s WHERE s.seqrelid = c.oid) END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm', 'S') AND n.nspname = ANY(@schemas)
  AND ` + fmt.Sprintf(pgNotExtension, "'pg_class'::regclass", "c.oid") + `
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                  AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, n.nspname,
  p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', '', pg_get_functiondef(p.oid)
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY(@schemas)
  AND ` + fmt.Sprintf(pgNotExtension, "'pg_proc'::regclass", "p.oid") + `
UNION ALL
SELECT 'trigger', n.nspname, t.tgname, c.relname, pg_get_triggerdef(t.oid)
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND n.nspname = ANY(@schemas)
ORDER BY 1, 2, 3`,
}

var pgActions = map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

// Inspect implements dialect.Inspector.
func (Dialect) Inspect(ctx context.Context, q dialect.Querier, opts dialect.InspectOptions) (*schema.Schema, error) {
	var current string
	if err := dialect.QueryScalar(ctx, q, "SELECT COALESCE(current_schema(), 'public')", nil, &current); err != nil {
		return nil, fmt.Errorf("reflect: current schema: %w", err)
	}
	return pgInspect(ctx, q, opts, current, current)
}

// pgInspect reflects opts.Schemas (default: current). Objects of schema `home` are reported
// as belonging to `as` ("" for the current schema, so it renders unqualified).
func pgInspect(ctx context.Context, q dialect.Querier, opts dialect.InspectOptions, home, current string) (*schema.Schema, error) {
	r, err := pgReflect(ctx, q, opts, home, current)
	if err != nil {
		return nil, err
	}
	dialect.FilterTables(r.s, opts)
	return r.s, nil
}

// pgReflection is a reflection before the tables are filtered, with what a tracked
// reflection (track.go) keeps besides: each table's oid and schema.
type pgReflection struct {
	s   *schema.Schema
	oid map[*schema.Table]int64
	nsp map[*schema.Table]string
}

// pgReflect is pgInspect but for the filter, of the tables in scope (pgInScope).
func pgReflect(ctx context.Context, q dialect.Querier, opts dialect.InspectOptions, home, current string) (*pgReflection, error) {
	schemas := opts.Schemas
	if len(schemas) == 0 {
		schemas = []string{home}
	}
	label := func(nsp string) string {
		if nsp == home || nsp == current {
			return ""
		}
		return nsp
	}
	// The schemas are written into the queries rather than bound: a statement without
	// parameters is planned once per connection, while a bound one was planned again on
	// every run (custom plans), which cost more than running it on a small schema.
	list := make([]string, len(schemas))
	for i, n := range schemas {
		list[i] = "E'" + strings.NewReplacer(`\`, `\\`, "'", "''").Replace(n) + "'"
	}
	in := func(query string) string {
		return strings.ReplaceAll(query, "@schemas", "ARRAY["+strings.Join(list, ", ")+"]::text[]")
	}
	s := &schema.Schema{}
	r := &pgReflection{s: s, oid: map[*schema.Table]int64{}, nsp: map[*schema.Table]string{}}
	tables := map[[2]string]*schema.Table{}
	get := func(nsp, rel string) *schema.Table { return tables[[2]string{nsp, rel}] }
	// the columns of each table by attribute number: name and quoted name
	attrs := map[*schema.Table]map[int][2]string{}

	err := dialect.QueryEach(ctx, q, in(pgQueries.tables), nil, func(scan func(...any) error) error {
		var nsp string
		var oid int64
		t := &schema.Table{}
		if err := scan(&nsp, &t.Name, &t.Comment, &oid); err != nil {
			return err
		}
		t.Schema = label(nsp)
		r.oid[t], r.nsp[t] = oid, nsp
		tables[[2]string{nsp, t.Name}] = t
		s.Tables = append(s.Tables, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect tables: %w", err)
	}

	err = dialect.QueryEach(ctx, q, in(pgQueries.columns), nil, func(scan func(...any) error) error {
		var nsp, rel, quoted, identity, generated, ownedSeq string
		var num int
		c := &schema.Column{}
		if err := scan(&nsp, &rel, &num, &c.Name, &quoted, &c.Type, &c.NotNull, &c.Default, &identity, &generated, &c.Comment, &ownedSeq, &c.Collation); err != nil {
			return err
		}
		t := get(nsp, rel)
		if t == nil {
			return nil
		}
		if attrs[t] == nil {
			attrs[t] = map[int][2]string{}
		}
		attrs[t][num] = [2]string{c.Name, quoted}
		switch identity {
		case "a":
			c.Identity = "ALWAYS"
		case "d":
			c.Identity = "BY DEFAULT"
		}
		if generated == "s" {
			c.Generated, c.GeneratedStored, c.Default = c.Default, true, ""
		}
		// SERIAL is a default of nextval() on a sequence the column owns; the sequence's
		// generated name is an implementation detail, so only the fact is kept.
		if ownedSeq != "" && c.Default == "nextval('"+ownedSeq+"'::regclass)" {
			c.Serial, c.Default = true, ""
		}
		t.Columns = append(t.Columns, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect columns: %w", err)
	}

	err = dialect.QueryEach(ctx, q, in(pgQueries.constraints), nil, func(scan func(...any) error) error {
		var nsp, rel, kind, keys, refNsp, refKeys, onDel, onUpd string
		var refNames sql.NullString
		k := schema.Constraint{}
		fk := &schema.ForeignKey{}
		if err := scan(&nsp, &rel, &k.Name, &kind, &k.Def, &keys, &refNsp, &fk.RefTable, &refKeys, &refNames, &onDel, &onUpd); err != nil {
			return err
		}
		t := get(nsp, rel)
		if t == nil {
			return nil
		}
		var err error
		if k.Columns, err = pgAttNames(keys, attrs[t], 0); err != nil {
			return fmt.Errorf("%s.%s: %w", rel, k.Name, err)
		}
		k.AutoName = pgIsAutoName(rel, k.Name)
		switch kind {
		case "p":
			t.PrimaryKey = &k
		case "u":
			t.Uniques = append(t.Uniques, &k)
		case "c", "x":
			t.Checks = append(t.Checks, &k)
		case "f":
			if refNames.Valid {
				err = json.Unmarshal([]byte(refNames.String), &fk.RefColumns)
			} else if rt := get(refNsp, fk.RefTable); rt != nil {
				fk.RefColumns, err = pgAttNames(refKeys, attrs[rt], 0)
			} else {
				err = fmt.Errorf("references %s.%s, which was not reflected", refNsp, fk.RefTable)
			}
			if err != nil {
				return fmt.Errorf("%s.%s: %w", rel, k.Name, err)
			}
			fk.Constraint = k
			fk.RefSchema = label(refNsp)
			fk.OnDelete, fk.OnUpdate = pgActions[onDel], pgActions[onUpd]
			t.ForeignKeys = append(t.ForeignKeys, fk)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect constraints: %w", err)
	}

	err = dialect.QueryEach(ctx, q, in(pgQueries.indexes), nil, func(scan func(...any) error) error {
		var nsp, rel, def, keys string
		var parts sql.NullString
		ix := &schema.Index{}
		if err := scan(&nsp, &rel, &ix.Name, &ix.Unique, &def, &ix.Where, &keys, &parts); err != nil {
			return err
		}
		t := get(nsp, rel)
		if t == nil {
			return nil
		}
		var err error
		if parts.Valid {
			err = json.Unmarshal([]byte(parts.String), &ix.Columns)
		} else {
			ix.Columns, err = pgAttNames(keys, attrs[t], 1)
		}
		if err != nil {
			return fmt.Errorf("%s.%s: %w", rel, ix.Name, err)
		}
		// "CREATE INDEX name ON schema.table USING btree (col)": keep what follows the
		// table, which does not depend on where the table lives.
		if i := strings.Index(def, " USING "); i >= 0 {
			ix.Def = def[i+1:]
		} else {
			ix.Def = def
		}
		ix.AutoName = pgIsAutoName(rel, ix.Name)
		t.Indexes = append(t.Indexes, ix)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect indexes: %w", err)
	}

	err = dialect.QueryEach(ctx, q, in(pgQueries.enums), nil, func(scan func(...any) error) error {
		var nsp, vals string
		e := &schema.Enum{}
		if err := scan(&nsp, &e.Name, &vals); err != nil {
			return err
		}
		e.Schema = label(nsp)
		s.Enums = append(s.Enums, e)
		return json.Unmarshal([]byte(vals), &e.Values)
	})
	if err != nil {
		return nil, fmt.Errorf("reflect enums: %w", err)
	}

	err = dialect.QueryEach(ctx, q, in(pgQueries.unsupported), nil, func(scan func(...any) error) error {
		var nsp string
		o := &schema.Object{}
		if err := scan(&o.Kind, &nsp, &o.Name, &o.Table, &o.Definition); err != nil {
			return err
		}
		o.Schema = label(nsp)
		if home != current {
			// function and trigger definitions name their schema: the scratch schema
			// stands for the live one
			o.Definition = strings.ReplaceAll(o.Definition, home+".", current+".")
		}
		s.Unsupported = append(s.Unsupported, o)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect views, sequences, functions and triggers: %w", err)
	}
	return r, nil
}

// pgAttNames names the attribute numbers of an int2[] printed as text ("{1,3}"), as
// (0) the column name or (1) quoted as the server quotes it. Numbers of no column
// (expressions) are left out.
func pgAttNames(nums string, cols map[int][2]string, form int) ([]string, error) {
	names := []string{}
	for _, f := range strings.Split(strings.Trim(nums, "{}"), ",") {
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("attribute numbers %q: %w", nums, err)
		}
		if c, ok := cols[n]; ok {
			names = append(names, c[form])
		}
	}
	return names, nil
}

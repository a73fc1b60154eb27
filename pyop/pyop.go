// Package pyop runs the bodies of Alembic .py revisions without Python: it turns the
// op.* calls that autogenerate writes (revision.Call) into the SQL statements Alembic and
// SQLAlchemy would emit for a database. The SQL itself is rendered by package dialect
// (dialect.AlembicDDL); this package knows what the Python calls and their arguments mean.
//
// Batch blocks (`with op.batch_alter_table(...)`) run their operations as plain ALTERs
// where the database can. Where it cannot (SQLite: column type, nullability, default,
// constraints, dropped columns), the table is rebuilt, as Alembic's batch mode does, from
// its live definition (Options.Live), so such blocks need the database: in offline --sql
// mode they are errors. Outside batch blocks such changes are errors naming the call.
//
// Deliberate differences from Alembic 1.8.1: comments are dropped on SQLite (Alembic
// prints COMMENT ON, which SQLite rejects); SQLite changes without an ALTER form are
// errors outside batch blocks (Alembic prints ALTERs SQLite rejects, or raises); the
// rebuild is retort's (dialect's SQLite rebuild, columns re-rendered from reflection),
// not Alembic's move-and-copy; a rebuilt block's statements carry the line of its with
// statement; op.add_column does not create an enum type, as in Alembic.
package pyop

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/pyop/sa"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
)

// Options carries what some operations need besides the calls.
type Options struct {
	// Live returns a table as the database has it before the body runs (schemaName ""
	// for the default schema; nil, nil when there is no such table). Batch blocks that
	// rebuild the table (SQLite) need it; without it (offline --sql mode) they are errors.
	// Reflector makes one.
	Live func(schemaName, table string) (*schema.Table, error)
}

// Reflector returns an Options.Live that reflects the database through q with d's
// Inspect the first time a table is asked for, and remembers the result. Call it anew for
// each revision body: the reflection must see what the previous revisions did.
func Reflector(ctx context.Context, d dialect.Dialect, q dialect.Querier) func(schemaName, table string) (*schema.Table, error) {
	cache := map[string]*schema.Schema{}
	return func(schemaName, table string) (*schema.Table, error) {
		s, ok := cache[schemaName]
		if !ok {
			var opts dialect.InspectOptions
			if schemaName != "" {
				opts.Schemas = []string{schemaName}
			}
			ins, ok := d.(dialect.Inspector)
			if !ok {
				return nil, fmt.Errorf("reflect table %s: %s databases cannot be reflected by retort", table, d.Name())
			}
			var err error
			if s, err = ins.Inspect(ctx, q, opts); err != nil {
				return nil, fmt.Errorf("reflect table %s: %w", table, err)
			}
			cache[schemaName] = s
		}
		return s.Table(schemaName, table), nil
	}
}

// Statements returns the SQL of calls (from (*revision.File).Calls) for d, each statement
// carrying its call's line (a batch block's statements carry the line of its with
// statement). An unknown operation or argument, or a change the database cannot make, is
// an error "<file>:<line>: ..." naming the operation.
func Statements(d dialect.Dialect, calls []revision.Call, opts Options) ([]sqlscript.Statement, error) {
	ddl, err := dialect.AlembicDDLFor(d)
	if err != nil {
		return nil, err
	}
	var out []sqlscript.Statement
	touched := map[string]bool{} // tables earlier operations of this body changed
	for i := 0; i < len(calls); {
		// one call, or the consecutive calls of one batch block
		j := i + 1
		if block := calls[i].Batch; block != nil {
			for j < len(calls) && calls[j].Batch == block {
				j++
			}
		}
		group := calls[i:j]
		ops := make([]sa.Op, len(group))
		extras := make([][]sa.Op, len(group)) // indexes and constraints of unique=/index= columns
		for k, c := range group {
			if ops[k], extras[k], err = evaluate(c); err != nil {
				return nil, callError(c, err)
			}
			ops[k] = forDialect(ops[k], d.Name())
		}
		if block := group[0].Batch; block != nil {
			all := slices.Clone(ops)
			for _, x := range extras {
				all = append(all, x...)
			}
			stmts, rebuilt, err := rebuild(ddl, *block, all, opts, touched)
			var np *revision.NeedsPython
			if errors.As(err, &np) {
				np.Path = group[0].File
				return nil, np
			}
			if err != nil {
				return nil, callError(revision.Call{Expr: *block, File: group[0].File}, err)
			}
			for _, s := range stmts {
				out = append(out, sqlscript.Statement{SQL: s, Line: block.Line})
			}
			if rebuilt {
				group = nil
			}
		}
		for k, c := range group {
			for _, op := range append([]sa.Op{ops[k]}, extras[k]...) {
				stmts, err := ddl.Render(op)
				if err != nil {
					return nil, callError(c, err)
				}
				for _, s := range stmts {
					if s != "" {
						out = append(out, sqlscript.Statement{SQL: s, Line: c.Line})
					}
				}
			}
		}
		for _, op := range ops {
			touch(touched, op)
		}
		i = j
	}
	return out, nil
}

// Check reads calls as operations without rendering them: nil when retort runs them
// natively, else a *revision.NeedsPython naming the first call it does not read (an
// operation added by a plugin, an argument or type it does not know).
func Check(calls []revision.Call) error {
	for _, c := range calls {
		if _, _, err := evaluate(c); err != nil {
			line := c.Line
			var ae *argError
			if errors.As(err, &ae) && ae.line > 0 {
				line = ae.line
			}
			return &revision.NeedsPython{Path: c.File, Line: line, What: c.Value + "(...): " + err.Error()}
		}
	}
	return nil
}

// CheckFor is Check for the database d, before the body runs: also a
// *revision.NeedsPython for a batch block that would rebuild a table an earlier
// operation of the body changed. Other rendering errors are left for Statements (a
// rebuild needs the live table, which is not read here).
func CheckFor(d dialect.Dialect, calls []revision.Call) error {
	_, err := Statements(d, calls, Options{})
	var np *revision.NeedsPython
	if errors.As(err, &np) {
		return np
	}
	return nil
}

// touch records the tables op changes.
func touch(touched map[string]bool, op sa.Op) {
	switch op.Kind {
	case sa.OpCreateTable:
		touched[tableKey(op.CreateTable.Schema, op.CreateTable.Name)] = true
	case sa.OpRenameTable:
		touched[tableKey(op.Schema, op.Name)] = true
	}
	if op.Table != "" {
		touched[tableKey(op.Schema, op.Table)] = true
	}
}

func tableKey(schemaName, table string) string { return strings.ToLower(schemaName + "." + table) }

// rebuild renders a batch block as a table rebuild when the dialect rebuilds it (rebuilt
// true); otherwise the caller renders its operations one by one.
func rebuild(ddl *dialect.AlembicDDL, block revision.Expr, ops []sa.Op, opts Options, touched map[string]bool) (stmts []string, rebuilt bool, err error) {
	b, err := bind(block, batchSig)
	if err != nil {
		return nil, false, err
	}
	v, err := b.strs("table_name", "schema")
	if err != nil {
		return nil, false, err
	}
	recreate := "auto"
	if r, ok := b.args["recreate"]; ok {
		if r.Kind != revision.ExprString || r.Value != "auto" && r.Value != "always" && r.Value != "never" {
			return nil, false, b.errf("recreate", "must be 'auto', 'always' or 'never'")
		}
		recreate = r.Value
	}
	if !ddl.Rebuilds(ops, recreate) {
		return nil, false, nil
	}
	if touched[tableKey(v[1], v[0])] {
		// The rebuild must start from the table as the earlier operations leave it,
		// which only Alembic's batch mode (reflecting mid-body) knows.
		return nil, true, &revision.NeedsPython{Line: block.Line,
			What: fmt.Sprintf("op.batch_alter_table(%q) rebuilds a table an earlier operation of this revision changed", v[0])}
	}
	var live dialect.LiveTable
	if opts.Live != nil {
		live = func() (*schema.Table, error) { return opts.Live(v[1], v[0]) }
	}
	stmts, err = ddl.Rebuild(ops, live)
	return stmts, true, err
}

// batchSig is op.batch_alter_table's; the options about reflection and ordering change
// nothing retort renders.
var batchSig = signature{params: []string{"table_name", "schema", "recreate"}, required: 1,
	ignored: []string{"partial_reordering", "copy_from", "table_args", "table_kwargs", "reflect_args", "reflect_kwargs", "naming_convention"}}

// callError puts the file, line and operation in front of err.
func callError(c revision.Call, err error) error {
	line := c.Line
	var ae *argError
	if errors.As(err, &ae) && ae.line > 0 {
		line = ae.line
	}
	msg := err.Error()
	var ca *dialect.CannotAlterError
	switch {
	case errors.As(err, &ca):
		msg += "; put it in a `with op.batch_alter_table(...)` block (Alembic's batch mode, which rebuilds the table) or write this step as SQL"
	case errors.Is(err, dialect.ErrNeedsLiveTable):
		msg += "; write this step as SQL to get --sql output"
	}
	return fmt.Errorf("%s:%d: %s(...): %s", c.File, line, c.Value, msg)
}

// operations maps each supported operation to its signature (outside a batch block) and
// the parameters a batch block fills in (the table, and the schema).
var operations = map[string]struct {
	sig        signature
	batchTable string // parameter a batch block supplies; "" means not allowed in a batch
	run        func(b *bound) (sa.Op, error)
}{
	"execute":      {sig: signature{params: []string{"sqltext"}, required: 1, ignored: []string{"execution_options"}}, run: execute},
	"create_table": {sig: signature{params: []string{"table_name"}, required: 1, keywords: []string{"schema", "comment"}, varargs: "items", tableOptions: true}, run: createTable},
	"drop_table":   {sig: signature{params: []string{"table_name"}, required: 1, keywords: []string{"schema"}}, run: dropTable},
	"rename_table": {sig: signature{params: []string{"old_table_name", "new_table_name"}, required: 2, keywords: []string{"schema"}}, run: renameTable},
	"add_column": {sig: signature{params: []string{"table_name", "column"}, required: 2, keywords: []string{"schema"}, ignored: []string{"insert_before", "insert_after"}},
		batchTable: "table_name", run: addColumn},
	"drop_column": {sig: signature{params: []string{"table_name", "column_name"}, required: 2, keywords: []string{"schema"}, ignored: []string{"mssql_drop_check", "mssql_drop_default", "mssql_drop_foreign_key"}},
		batchTable: "table_name", run: dropColumn},
	"alter_column": {sig: signature{params: []string{"table_name", "column_name"}, required: 2,
		keywords: []string{"nullable", "comment", "server_default", "new_column_name", "type_", "schema", "postgresql_using",
			"existing_type", "existing_server_default", "existing_nullable", "existing_comment", "autoincrement", "existing_autoincrement"},
		ignored: []string{"insert_before", "insert_after"}},
		batchTable: "table_name", run: alterColumn},
	"create_index": {sig: signature{params: []string{"index_name", "table_name", "columns"}, required: 3, keywords: []string{"schema", "unique"}, dialect: true},
		batchTable: "table_name", run: createIndex},
	"drop_index": {sig: signature{params: []string{"index_name", "table_name"}, required: 1, keywords: []string{"schema"}, dialect: true},
		batchTable: "table_name", run: dropIndex},
	"create_unique_constraint": {sig: signature{params: []string{"constraint_name", "table_name", "columns"}, required: 3, keywords: []string{"schema", "deferrable", "initially"}},
		batchTable: "table_name", run: createUnique},
	"create_primary_key": {sig: signature{params: []string{"constraint_name", "table_name", "columns"}, required: 3, keywords: []string{"schema"}},
		batchTable: "table_name", run: createPrimaryKey},
	"create_check_constraint": {sig: signature{params: []string{"constraint_name", "table_name", "condition"}, required: 3, keywords: []string{"schema"}},
		batchTable: "table_name", run: createCheck},
	"create_foreign_key": {sig: signature{params: []string{"constraint_name", "source_table", "referent_table", "local_cols", "remote_cols"}, required: 5,
		keywords: []string{"onupdate", "ondelete", "deferrable", "initially", "source_schema", "referent_schema"}},
		batchTable: "source_table", run: createForeignKey},
	"drop_constraint": {sig: signature{params: []string{"constraint_name", "table_name", "type_"}, required: 2, keywords: []string{"schema"}},
		batchTable: "table_name", run: dropConstraint},
	"create_table_comment": {sig: signature{params: []string{"table_name", "comment"}, required: 2, keywords: []string{"schema"}, ignored: []string{"existing_comment"}},
		batchTable: "table_name", run: tableComment},
	"drop_table_comment": {sig: signature{params: []string{"table_name"}, required: 1, keywords: []string{"schema"}, ignored: []string{"existing_comment"}},
		batchTable: "table_name", run: tableComment},
}

// evaluate reads one call as an operation; inside a batch block the table (and schema)
// come from the block. extras are what the columns' unique= and index= add after it.
func evaluate(c revision.Call) (op sa.Op, extras []sa.Op, err error) {
	spec, ok := operations[c.Op]
	if !ok || c.Batch != nil && spec.batchTable == "" {
		return op, nil, fmt.Errorf("unsupported operation (write this step as SQL with op.execute)")
	}
	sig := spec.sig
	var block *bound
	if c.Batch != nil {
		if block, err = bind(*c.Batch, batchSig); err != nil {
			return op, nil, err
		}
		// batch_op.x(...) is op.x(...) without the table
		sig.params = removeString(sig.params, spec.batchTable)
		sig.required--
	}
	b, err := bind(c.Expr, sig)
	if err != nil {
		return op, nil, err
	}
	if block != nil {
		b.args[spec.batchTable] = block.args["table_name"]
		schemaKw := "schema"
		if spec.batchTable == "source_table" {
			schemaKw = "source_schema"
		}
		if s, ok := block.args["schema"]; ok {
			b.args[schemaKw] = s
		}
	}
	if op, err = spec.run(b); err != nil {
		return op, nil, err
	}
	switch op.Kind {
	case sa.OpCreateTable:
		extras, err = columnExtras(op.CreateTable.Schema, op.CreateTable.Name, b.rest, false)
	case sa.OpAddColumn:
		extras, err = columnExtras(op.Schema, op.Table, []revision.Expr{b.args["column"]}, true)
	}
	return op, extras, err
}

// columnExtras are the operations SQLAlchemy adds for the columns among items (other
// items are skipped) with index=True (CREATE INDEX ix_<table>_<column>, unique with
// unique=True) and, for a column added to an existing table (added), unique=True alone
// (an unnamed unique constraint; in CREATE TABLE createTable writes it).
func columnExtras(schemaName, table string, items []revision.Expr, added bool) ([]sa.Op, error) {
	var out []sa.Op
	for _, e := range items {
		if _, cls := splitModule(e.Value); e.Kind != revision.ExprCall || cls != "Column" {
			continue
		}
		name, unique, index, err := columnFlags(e)
		if err != nil {
			return nil, err
		}
		switch {
		case index:
			out = append(out, sa.Op{Kind: sa.OpCreateIndex, Schema: schemaName, Table: table, Index: sa.Index{
				Schema: schemaName, Table: table, Name: "ix_" + table + "_" + name, Columns: []string{name}, Expressions: []bool{false}, Unique: unique}})
		case unique && added:
			out = append(out, sa.Op{Kind: sa.OpAddConstraint, Schema: schemaName, Table: table,
				Constraint: sa.Constraint{Kind: sa.UniqueConstraint, Columns: []string{name}}})
		}
	}
	return out, nil
}

// columnFlags reads the name, unique= and index= of a sa.Column(...) call.
func columnFlags(e revision.Expr) (name string, unique, index bool, err error) {
	b, err := bind(e, columnSig)
	if err == nil {
		name, err = b.str("name")
	}
	if err == nil {
		unique, _, err = b.boolean("unique")
	}
	if err == nil {
		index, _, err = b.boolean("index")
	}
	return name, unique, index, err
}

func removeString(list []string, s string) []string {
	out := make([]string, 0, len(list))
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// strs reads several string arguments at once.
func (b *bound) strs(names ...string) ([]string, error) {
	out := make([]string, len(names))
	for i, n := range names {
		var err error
		if out[i], err = b.str(n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func execute(b *bound) (sa.Op, error) {
	sql, err := sqlText(b.args["sqltext"])
	if err != nil {
		return sa.Op{}, b.errf("sqltext", "%v", err)
	}
	return sa.Op{Kind: sa.OpExecute, SQL: strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(sql), ";"))}, nil
}

func createTable(b *bound) (sa.Op, error) {
	v, err := b.strs("table_name", "schema", "comment")
	if err != nil {
		return sa.Op{}, err
	}
	t := sa.Table{Name: v[0], Schema: v[1], Comment: v[2], Options: b.options}
	var colUniques []sa.Constraint
	for _, item := range b.rest {
		if item.Kind != revision.ExprCall {
			return sa.Op{}, errAt(item.Line, "create_table() takes sa.Column and constraints, not %s", item)
		}
		_, cls := splitModule(item.Value)
		if cls == "Column" {
			col, err := column(item)
			if err != nil {
				return sa.Op{}, err
			}
			t.Columns = append(t.Columns, col)
			if _, unique, index, err := columnFlags(item); err != nil {
				return sa.Op{}, err
			} else if unique && !index {
				// made when the column joins the table: after the constraints given as
				// arguments, as SQLAlchemy orders them by creation
				colUniques = append(colUniques, sa.Constraint{Kind: sa.UniqueConstraint, Columns: []string{col.Name}})
			}
			continue
		}
		k, err := constraint(item)
		if err != nil {
			return sa.Op{}, err
		}
		t.Constraints = append(t.Constraints, k)
	}
	t.Constraints = append(t.Constraints, colUniques...)
	return sa.Op{Kind: sa.OpCreateTable, CreateTable: t}, nil
}

func dropTable(b *bound) (sa.Op, error) {
	v, err := b.strs("table_name", "schema")
	if err != nil {
		return sa.Op{}, err
	}
	return sa.Op{Kind: sa.OpDropTable, Schema: v[1], Table: v[0]}, nil
}

func renameTable(b *bound) (sa.Op, error) {
	v, err := b.strs("old_table_name", "new_table_name", "schema")
	if err != nil {
		return sa.Op{}, err
	}
	return sa.Op{Kind: sa.OpRenameTable, Schema: v[2], Table: v[0], Name: v[1]}, nil
}

var columnSig = signature{params: []string{"name", "type_"}, required: 2, varargs: "extra",
	keywords: []string{"nullable", "server_default", "autoincrement", "comment", "primary_key", "unique", "index"},
	ignored:  []string{"default", "onupdate", "doc", "key", "quote", "system"}}

// column reads sa.Column(name, type, ...); unique= and index= are read by
// columnExtras. Arguments that would add other constraints (sa.ForeignKey, sa.Computed)
// are errors.
func column(e revision.Expr) (sa.Column, error) {
	_, cls := splitModule(e.Value)
	if cls != "Column" || !sqlalchemyModules[moduleOf(e.Value)] {
		return sa.Column{}, errAt(e.Line, "a sa.Column(...) expected, not %s", e)
	}
	b, err := bind(e, columnSig)
	if err != nil {
		return sa.Column{}, err
	}
	c := sa.Column{Autoincrement: "auto"}
	for _, x := range b.rest {
		_, cls := splitModule(x.Value)
		switch {
		case x.Kind != revision.ExprCall || !sqlalchemyModules[moduleOf(x.Value)]:
		case cls == "Identity" && c.Identity == nil:
			if c.Identity, err = identity(x); err != nil {
				return c, err
			}
			continue
		case cls == "Computed" && c.Computed == nil:
			if c.Computed, err = computed(x); err != nil {
				return c, err
			}
			continue
		}
		return c, errAt(x.Line, "unsupported sa.Column() argument %s (write this step as SQL with op.execute)", x)
	}
	if c.Name, err = b.str("name"); err != nil {
		return c, err
	}
	if c.Type, err = columnType(b.args["type_"]); err != nil {
		return c, err
	}
	if c.PrimaryKey, _, err = b.boolean("primary_key"); err != nil {
		return c, err
	}
	nullable, given, err := b.boolean("nullable")
	if err != nil {
		return c, err
	}
	// SQLAlchemy makes primary-key and identity columns NOT NULL unless told otherwise.
	c.Nullable = nullable || !given && !c.PrimaryKey && c.Identity == nil
	if c.Comment, err = b.str("comment"); err != nil {
		return c, err
	}
	if e, ok := b.args["autoincrement"]; ok {
		switch {
		case e.Kind == revision.ExprString && e.Value == "auto":
		case e.Kind == revision.ExprBool:
			c.Autoincrement = strings.ToLower(e.Value)
		default:
			return c, b.errf("autoincrement", "must be True, False or 'auto'")
		}
	}
	if b.has("server_default") {
		d, err := serverDefault(b.args["server_default"])
		if err != nil {
			return c, b.errf("server_default", "%v", err)
		}
		c.Default = d
	}
	return c, nil
}

var computedSig = signature{params: []string{"sqltext", "persisted"}, required: 1}

// computed reads sa.Computed(sqltext, persisted=...).
func computed(e revision.Expr) (*sa.Computed, error) {
	b, err := bind(e, computedSig)
	if err != nil {
		return nil, err
	}
	sql, err := sqlText(b.args["sqltext"])
	if err != nil {
		return nil, b.errf("sqltext", "%v", err)
	}
	k := &sa.Computed{SQL: sql}
	if v, ok, err := b.boolean("persisted"); err != nil {
		return nil, err
	} else if ok {
		k.Persisted = &v
	}
	return k, nil
}

var identitySig = signature{keywords: []string{"always", "start", "increment", "minvalue", "maxvalue",
	"nominvalue", "nomaxvalue", "cycle", "cache", "order"}, ignored: []string{"on_null"}}

// identity reads sa.Identity(...) as Alembic's autogenerate writes it, into the options
// clause SQLAlchemy renders, in its order.
func identity(e revision.Expr) (*sa.Identity, error) {
	b, err := bind(e, identitySig)
	if err != nil {
		return nil, err
	}
	id := &sa.Identity{}
	if id.Always, _, err = b.boolean("always"); err != nil {
		return nil, err
	}
	var opts []string
	for _, n := range []struct{ arg, sql string }{
		{"increment", "INCREMENT BY"}, {"start", "START WITH"}, {"minvalue", "MINVALUE"}, {"maxvalue", "MAXVALUE"},
	} {
		if b.has(n.arg) {
			v, err := b.integer(n.arg, 0)
			if err != nil {
				return nil, err
			}
			opts = append(opts, fmt.Sprintf("%s %d", n.sql, v))
		}
	}
	// SQLAlchemy 1.4 writes NO MINVALUE / NO MAXVALUE whenever the argument is given.
	for _, n := range []struct{ arg, sql string }{{"nominvalue", "NO MINVALUE"}, {"nomaxvalue", "NO MAXVALUE"}} {
		if _, given, err := b.boolean(n.arg); err != nil {
			return nil, err
		} else if given {
			opts = append(opts, n.sql)
		}
	}
	if b.has("cache") {
		v, err := b.integer("cache", 0)
		if err != nil {
			return nil, err
		}
		opts = append(opts, fmt.Sprintf("CACHE %d", v))
	}
	if v, given, err := b.boolean("order"); err != nil {
		return nil, err
	} else if given && v {
		opts = append(opts, "ORDER")
	}
	if v, given, err := b.boolean("cycle"); err != nil {
		return nil, err
	} else if given {
		opts = append(opts, map[bool]string{true: "CYCLE", false: "NO CYCLE"}[v])
	}
	id.Options = strings.Join(opts, " ")
	return id, nil
}

// serverDefault reads a server default: a string literal, or SQL as sa.text(...).
func serverDefault(e revision.Expr) (*sa.Default, error) {
	if e.Kind == revision.ExprString {
		return &sa.Default{SQL: e.Value, Literal: true}, nil
	}
	// sa.false(), sa.sql.expression.true(), sa.func.now(): constructs each database spells
	if e.Kind == revision.ExprCall && e.Recv == nil && len(e.Args) == 0 && len(e.Kwargs) == 0 {
		mod, fn := splitModule(e.Value)
		switch {
		case (fn == "false" || fn == "true") && sqlExpressionModules[mod]:
			return &sa.Default{Func: fn}, nil
		case strings.HasSuffix(mod, "func") && sqlalchemyModules[strings.TrimSuffix(strings.TrimSuffix(mod, "func"), ".")]:
			return &sa.Default{Func: strings.ToLower(fn)}, nil
		}
	}
	sql, err := sqlText(e)
	if err != nil {
		return nil, err
	}
	return &sa.Default{SQL: sql}, nil
}

var (
	pkSig     = signature{keywords: []string{"name"}, varargs: "columns"}
	uniqueSig = signature{keywords: []string{"name", "deferrable", "initially"}, varargs: "columns"}
	checkSig  = signature{params: []string{"sqltext", "name"}, required: 1}
	fkSig     = signature{params: []string{"columns", "refcolumns", "name", "onupdate", "ondelete", "deferrable", "initially"}, required: 2}
)

// constraint reads sa.PrimaryKeyConstraint, sa.UniqueConstraint, sa.CheckConstraint or
// sa.ForeignKeyConstraint of a create_table.
func constraint(e revision.Expr) (sa.Constraint, error) {
	_, cls := splitModule(e.Value)
	var k sa.Constraint
	sigs := map[string]signature{"PrimaryKeyConstraint": pkSig, "UniqueConstraint": uniqueSig, "CheckConstraint": checkSig, "ForeignKeyConstraint": fkSig}
	sig, ok := sigs[cls]
	if !ok || !sqlalchemyModules[moduleOf(e.Value)] {
		return k, errAt(e.Line, "unsupported create_table() item %s (write this step as SQL with op.execute)", e.Value)
	}
	b, err := bind(e, sig)
	if err != nil {
		return k, err
	}
	if k.Name, err = b.name("name"); err != nil {
		return k, err
	}
	for _, c := range b.rest {
		if c.Kind != revision.ExprString {
			return k, errAt(c.Line, "%s(): column names must be strings, not %s", e.Value, c)
		}
		k.Columns = append(k.Columns, c.Value)
	}
	switch cls {
	case "PrimaryKeyConstraint":
		k.Kind = sa.PrimaryKeyConstraint
	case "UniqueConstraint":
		k.Kind = sa.UniqueConstraint
		err = deferrable(b, &k)
	case "CheckConstraint":
		k.Kind = sa.CheckConstraint
		k.Check, err = sqlText(b.args["sqltext"])
		if err != nil {
			err = b.errf("sqltext", "%v", err)
		}
	case "ForeignKeyConstraint":
		k.Kind = sa.ForeignKeyConstraint
		if k.Columns, err = b.strings("columns"); err != nil {
			return k, err
		}
		refs, err := b.strings("refcolumns")
		if err != nil {
			return k, err
		}
		for _, r := range refs {
			// "table.col" or "schema.table.col"
			i := strings.LastIndexByte(r, '.')
			if i < 0 {
				return k, b.errf("refcolumns", "%q is not table.column", r)
			}
			table := r[:i]
			schemaName, tbl := splitModule(table)
			if k.RefTable != "" && (k.RefTable != tbl || k.RefSchema != schemaName) {
				return k, b.errf("refcolumns", "all columns must be of one table")
			}
			k.RefSchema, k.RefTable = schemaName, tbl
			k.RefColumns = append(k.RefColumns, r[i+1:])
		}
		return k, fkActions(b, &k)
	}
	return k, err
}

func deferrable(b *bound, k *sa.Constraint) error {
	v, ok, err := b.boolean("deferrable")
	if err != nil {
		return err
	}
	if ok {
		k.Deferrable = &v
	}
	k.Initially, err = b.str("initially")
	return err
}

func fkActions(b *bound, k *sa.Constraint) error {
	var err error
	if k.OnDelete, err = b.str("ondelete"); err != nil {
		return err
	}
	if k.OnUpdate, err = b.str("onupdate"); err != nil {
		return err
	}
	return deferrable(b, k)
}

func addColumn(b *bound) (sa.Op, error) {
	v, err := b.strs("table_name", "schema")
	if err != nil {
		return sa.Op{}, err
	}
	c, err := column(b.args["column"])
	if err != nil {
		return sa.Op{}, err
	}
	return sa.Op{Kind: sa.OpAddColumn, Schema: v[1], Table: v[0], Column: c}, nil
}

func dropColumn(b *bound) (sa.Op, error) {
	v, err := b.strs("table_name", "column_name", "schema")
	if err != nil {
		return sa.Op{}, err
	}
	return sa.Op{Kind: sa.OpDropColumn, Schema: v[2], Table: v[0], Name: v[1]}, nil
}

func alterColumn(b *bound) (sa.Op, error) {
	v, err := b.strs("table_name", "column_name", "schema", "new_column_name", "postgresql_using")
	if err != nil {
		return sa.Op{}, err
	}
	a := sa.AlterColumn{Table: v[0], Column: v[1], Schema: v[2], NewName: v[3], Using: v[4]}
	if n, ok, err := b.boolean("nullable"); err != nil {
		return sa.Op{}, err
	} else if ok {
		a.Nullable = &n
	}
	if e, ok := b.args["type_"]; ok && e.Kind != revision.ExprNone {
		t, err := columnType(e)
		if err != nil {
			return sa.Op{}, err
		}
		a.Type = &t
	}
	// server_default=False (Alembic's "unchanged") and absent are the same; None drops it
	if e, ok := b.args["server_default"]; ok && !(e.Kind == revision.ExprBool && e.Value == "False") {
		var d *sa.Default
		if e.Kind != revision.ExprNone {
			if d, err = serverDefault(e); err != nil {
				return sa.Op{}, b.errf("server_default", "%v", err)
			}
		}
		a.Default = &d
	}
	if e, ok := b.args["comment"]; ok && !(e.Kind == revision.ExprBool && e.Value == "False") {
		s, err := b.str("comment")
		if err != nil {
			return sa.Op{}, err
		}
		a.Comment = &s
	}
	if err := existing(b, &a); err != nil {
		return sa.Op{}, err
	}
	return sa.Op{Kind: sa.OpAlterColumn, Schema: a.Schema, Table: a.Table, Alter: a}, nil
}

// existing reads alter_column's description of the column as it is (existing_type,
// existing_nullable, existing_server_default, existing_comment) and autoincrement.
func existing(b *bound, a *sa.AlterColumn) error {
	if b.has("existing_type") {
		t, err := columnType(b.args["existing_type"])
		if err != nil {
			return err
		}
		a.ExistingType = &t
	}
	for _, f := range []struct {
		arg string
		dst **bool
	}{{"existing_nullable", &a.ExistingNullable}, {"autoincrement", &a.Autoincrement}, {"existing_autoincrement", &a.ExistingAutoincrement}} {
		if v, ok, err := b.boolean(f.arg); err != nil {
			return err
		} else if ok {
			*f.dst = &v
		}
	}
	if b.has("existing_server_default") {
		e := b.args["existing_server_default"]
		if !(e.Kind == revision.ExprBool && e.Value == "False") {
			d, err := serverDefault(e)
			if err != nil {
				return b.errf("existing_server_default", "%v", err)
			}
			a.ExistingDefault = d
		}
	}
	if b.has("existing_comment") {
		s, err := b.str("existing_comment")
		if err != nil {
			return err
		}
		a.ExistingComment = &s
	}
	return nil
}

func createIndex(b *bound) (sa.Op, error) {
	name, err := b.name("index_name")
	if err != nil {
		return sa.Op{}, err
	}
	v, err := b.strs("table_name", "schema")
	if err != nil {
		return sa.Op{}, err
	}
	ix := sa.Index{Name: name, Table: v[0], Schema: v[1], DialectOptions: b.dialect}
	if ix.Unique, _, err = b.boolean("unique"); err != nil {
		return sa.Op{}, err
	}
	cols := b.args["columns"]
	items := cols.Args
	if cols.Kind != revision.ExprList && cols.Kind != revision.ExprTuple {
		items = []revision.Expr{cols}
	}
	for _, c := range items {
		switch {
		case c.Kind == revision.ExprString:
			ix.Columns = append(ix.Columns, c.Value)
			ix.Expressions = append(ix.Expressions, false)
		case c.Kind == revision.ExprCall && isSQLFunc(c.Value):
			sql, err := sqlText(c)
			if err != nil {
				return sa.Op{}, errAt(c.Line, "%v", err)
			}
			ix.Columns = append(ix.Columns, sql)
			ix.Expressions = append(ix.Expressions, true)
		default:
			return sa.Op{}, b.errf("columns", "must be column names or sa.text(...) expressions, not %s", c)
		}
	}
	if name == "" {
		return sa.Op{}, b.errf("index_name", "an index needs a name")
	}
	return sa.Op{Kind: sa.OpCreateIndex, Schema: ix.Schema, Table: ix.Table, Index: ix}, nil
}

func dropIndex(b *bound) (sa.Op, error) {
	name, err := b.name("index_name")
	if err != nil {
		return sa.Op{}, err
	}
	v, err := b.strs("schema", "table_name")
	if err != nil {
		return sa.Op{}, err
	}
	return sa.Op{Kind: sa.OpDropIndex, Schema: v[0], Table: v[1], Name: name}, nil
}

func createUnique(b *bound) (sa.Op, error) {
	return addConstraint(b, sa.UniqueConstraint)
}

func createPrimaryKey(b *bound) (sa.Op, error) {
	return addConstraint(b, sa.PrimaryKeyConstraint)
}

func createCheck(b *bound) (sa.Op, error) {
	return addConstraint(b, sa.CheckConstraint)
}

func createForeignKey(b *bound) (sa.Op, error) {
	return addConstraint(b, sa.ForeignKeyConstraint)
}

// addConstraint reads the op.create_* constraint operations.
func addConstraint(b *bound, kind sa.ConstraintKind) (sa.Op, error) {
	k := sa.Constraint{Kind: kind}
	var err error
	if k.Name, err = b.name("constraint_name"); err != nil {
		return sa.Op{}, err
	}
	tableArg, schemaArg := "table_name", "schema"
	switch kind {
	case sa.CheckConstraint:
		if k.Check, err = sqlText(b.args["condition"]); err != nil {
			return sa.Op{}, b.errf("condition", "%v", err)
		}
	case sa.ForeignKeyConstraint:
		tableArg, schemaArg = "source_table", "source_schema"
		if k.Columns, err = b.strings("local_cols"); err != nil {
			return sa.Op{}, err
		}
		if k.RefColumns, err = b.strings("remote_cols"); err != nil {
			return sa.Op{}, err
		}
		if k.RefTable, err = b.str("referent_table"); err != nil {
			return sa.Op{}, err
		}
		if k.RefSchema, err = b.str("referent_schema"); err != nil {
			return sa.Op{}, err
		}
		err = fkActions(b, &k)
	default:
		if k.Columns, err = b.strings("columns"); err != nil {
			return sa.Op{}, err
		}
		if kind == sa.UniqueConstraint {
			err = deferrable(b, &k)
		}
	}
	if err != nil {
		return sa.Op{}, err
	}
	v, err := b.strs(tableArg, schemaArg)
	if err != nil {
		return sa.Op{}, err
	}
	return sa.Op{Kind: sa.OpAddConstraint, Schema: v[1], Table: v[0], Constraint: k}, nil
}

func dropConstraint(b *bound) (sa.Op, error) {
	name, err := b.name("constraint_name")
	if err != nil {
		return sa.Op{}, err
	}
	v, err := b.strs("table_name", "schema", "type_")
	if err != nil {
		return sa.Op{}, err
	}
	switch v[2] {
	case "", "foreignkey", "unique", "check", "primary":
	default:
		return sa.Op{}, b.errf("type_", "must be 'foreignkey', 'unique', 'check' or 'primary', not %q", v[2])
	}
	return sa.Op{Kind: sa.OpDropConstraint, Schema: v[1], Table: v[0], Name: name, Constraint: sa.Constraint{Kind: sa.ConstraintKind(v[2])}}, nil
}

func tableComment(b *bound) (sa.Op, error) {
	v, err := b.strs("table_name", "schema", "comment")
	if err != nil {
		return sa.Op{}, err
	}
	return sa.Op{Kind: sa.OpTableComment, Schema: v[1], Table: v[0], Comment: v[2]}, nil
}

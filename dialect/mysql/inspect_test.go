package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
)

// everything is a table with most of what reflection reads, in the spellings a user writes.
var everything = []string{
	`CREATE TABLE parent (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code VARCHAR(10) UNIQUE,
    z INT(5) UNSIGNED ZEROFILL,
    flag BOOLEAN DEFAULT false,
    doc JSON,
    status ENUM('a', 'b''c') NOT NULL DEFAULT 'a',
    touched TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    created DATETIME(6) DEFAULT NOW(6),
    label VARCHAR(20) DEFAULT 'x''y' COMMENT 'a comment',
    amount DECIMAL(10,2) DEFAULT 1.5 CHECK (amount < 100),
    twice INT AS (z * 2) VIRTUAL,
    plus INT AS (z + 1) STORED,
    body TEXT,
    tag VARCHAR(10) COLLATE utf8mb4_bin,
    ratio FLOAT DEFAULT NULL,
    token CHAR(36) DEFAULT (uuid()),
    big BIGINT(20) NOT NULL DEFAULT 0,
    CHECK (z > 0),
    CONSTRAINT ck_amount CHECK (amount >= 0),
    FULLTEXT INDEX ft_body (body),
    INDEX ix_label_code (label(5), code DESC)
) ENGINE=InnoDB COMMENT='parent table'`,
	`CREATE TABLE child (
    id INT NOT NULL PRIMARY KEY,
    parent_id INT UNSIGNED,
    other_id INT UNSIGNED REFERENCES parent (id),
    CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL
) ENGINE=MyISAM DEFAULT CHARSET=latin1`,
	`CREATE TABLE child2 (
    id INT NOT NULL PRIMARY KEY,
    parent_id INT UNSIGNED NOT NULL,
    FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE RESTRICT
)`,
	`CREATE INDEX ix_child2_parent ON child2 (parent_id)`,
	`CREATE VIEW v_parent AS SELECT id, code FROM parent`,
}

func TestInspect(t *testing.T) {
	db := openTestDB(t)
	execAll(t, db, everything...)
	s, err := Dialect{}.Inspect(context.Background(), db, dialect.InspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Table("", "parent")
	if p == nil || len(s.Tables) != 3 {
		t.Fatalf("tables: %+v", s.Tables)
	}
	col := func(name string) schema.Column {
		c := p.Column(name)
		if c == nil {
			t.Fatalf("no column %s", name)
		}
		return *c
	}
	for _, c := range []struct {
		name string
		want schema.Column
	}{
		{"id", schema.Column{Name: "id", Type: "int unsigned", NotNull: true, AutoIncrement: true}},
		{"code", schema.Column{Name: "code", Type: "varchar(10)"}},
		{"z", schema.Column{Name: "z", Type: "int(5) unsigned zerofill"}},
		{"flag", schema.Column{Name: "flag", Type: "tinyint(1)", Default: "0"}},
		{"doc", schema.Column{Name: "doc", Type: "json"}},
		{"status", schema.Column{Name: "status", Type: "enum('a','b''c')", NotNull: true, Default: "'a'"}},
		{"touched", schema.Column{Name: "touched", Type: "timestamp", NotNull: true, Default: "CURRENT_TIMESTAMP", OnUpdate: "CURRENT_TIMESTAMP"}},
		{"created", schema.Column{Name: "created", Type: "datetime(6)", Default: "CURRENT_TIMESTAMP(6)"}},
		{"label", schema.Column{Name: "label", Type: "varchar(20)", Default: "'x''y'", Comment: "a comment"}},
		{"amount", schema.Column{Name: "amount", Type: "decimal(10,2)", Default: "1.50"}},
		{"twice", schema.Column{Name: "twice", Type: "int", Generated: "`z` * 2"}},
		{"plus", schema.Column{Name: "plus", Type: "int", Generated: "`z` + 1", GeneratedStored: true}},
		{"tag", schema.Column{Name: "tag", Type: "varchar(10)", Collation: "utf8mb4_bin"}},
		{"ratio", schema.Column{Name: "ratio", Type: "float"}},
		{"token", schema.Column{Name: "token", Type: "char(36)", Default: "uuid()"}},
		{"big", schema.Column{Name: "big", Type: "bigint", NotNull: true, Default: "0"}},
	} {
		if got := col(c.name); got != c.want {
			t.Errorf("column %s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
	if p.Comment != "parent table" || p.Options != "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci" {
		t.Errorf("parent: comment %q options %q", p.Comment, p.Options)
	}
	if got := describeKeys(p); got != strings.Join([]string{
		"pk PRIMARY PRIMARY KEY (`id`) auto",
		"check amount CHECK (`amount` < 100) auto",
		"check ck_amount CHECK (`amount` >= 0)",
		"check CONSTRAINT_1 CHECK (`z` > 0) auto",
		"index code unique (`code`) auto",
		"index ft_body FULLTEXT (`body`)",
		"index ix_label_code (`label`(5), `code` DESC)",
	}, "\n") {
		t.Errorf("parent keys:\n%s", got)
	}
	c := s.Table("", "child")
	if c.Options != "ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci" {
		t.Errorf("child options %q", c.Options)
	}
	// MyISAM keeps no foreign keys
	if len(c.ForeignKeys) != 0 {
		t.Errorf("child (MyISAM) foreign keys: %+v", c.ForeignKeys)
	}
	c2 := s.Table("", "child2")
	if got := describeKeys(c2); got != strings.Join([]string{
		"pk PRIMARY PRIMARY KEY (`id`) auto",
		"fk child2_ibfk_1 FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`) auto",
		"index ix_child2_parent (`parent_id`)",
	}, "\n") {
		t.Errorf("child2 keys:\n%s", got)
	}
	if len(s.Unsupported) != 1 || s.Unsupported[0].Kind != "view" || s.Unsupported[0].Name != "v_parent" {
		t.Errorf("unsupported: %+v", s.Unsupported)
	}
}

func describeKeys(t *schema.Table) string {
	var out []string
	auto := func(b bool) string {
		if b {
			return " auto"
		}
		return ""
	}
	if k := t.PrimaryKey; k != nil {
		out = append(out, "pk "+k.Name+" "+k.Def+auto(k.AutoName))
	}
	for _, k := range t.Checks {
		out = append(out, "check "+k.Name+" "+k.Def+auto(k.AutoName))
	}
	for _, k := range t.ForeignKeys {
		out = append(out, "fk "+k.Name+" "+k.Def+auto(k.AutoName))
	}
	for _, ix := range t.Indexes {
		u := ""
		if ix.Unique {
			u = "unique "
		}
		out = append(out, "index "+ix.Name+" "+u+ix.Def+auto(ix.AutoName))
	}
	return strings.Join(out, "\n")
}

// TestRoundTrip: DDL executed -> inspected -> rendered -> executed in a fresh database ->
// inspected equal.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	a, b := openTestDB(t), openTestDB(t)
	execAll(t, a, everything[:4]...)
	first, err := Dialect{}.Inspect(ctx, a, dialect.InspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ops []schema.Op
	for _, name := range []string{"parent", "child", "child2"} {
		ops = append(ops, schema.Op{Kind: schema.CreateTable, Table: first.Table("", name)})
	}
	ddl := Dialect{}.Render(ops)
	if err := dialect.RunScripts(ctx, b, sqlscript.MySQL, []dialect.Script{{Name: "rendered", SQL: ddl}}); err != nil {
		t.Fatalf("%v\n%s", err, ddl)
	}
	second, err := Dialect{}.Inspect(ctx, b, dialect.InspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ops := range [][]schema.Op{autogen.Diff(first, second, true), autogen.Diff(second, first, true)} {
		for _, o := range ops {
			t.Errorf("rendered DDL reflects differently: %s\n%s", strings.Join(o.Lines(), "; "), ddl)
		}
	}
}

// countingQuerier counts the queries reflection sends.
type countingQuerier struct {
	dialect.Querier
	n atomic.Int64
}

func (c *countingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.Querier.QueryContext(ctx, query, args...)
}

// manyTables creates n tables like an application's: a primary key, a foreign key to the
// previous table, an index, a unique and a check constraint, an enum and a comment.
func manyTables(t testing.TB, db *sql.DB, n int) {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		fk := ""
		if i > 0 {
			fk = fmt.Sprintf(",\n  CONSTRAINT fk_t%d FOREIGN KEY (prev_id) REFERENCES t%d (id) ON DELETE CASCADE", i, i-1)
		}
		fmt.Fprintf(&b, `CREATE TABLE t%d (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  prev_id INT,
  name VARCHAR(50) NOT NULL COMMENT 'the name',
  state ENUM('new', 'done') NOT NULL DEFAULT 'new',
  qty INT NOT NULL DEFAULT 0 CHECK (qty >= 0),
  UNIQUE KEY uq_t%d_name (name),
  KEY ix_t%d_state (state)%s
) COMMENT 'table %d';
`, i, i, i, fk, i)
	}
	if err := dialect.RunScripts(context.Background(), db, sqlscript.MySQL, []dialect.Script{{Name: "tables", SQL: b.String()}}); err != nil {
		t.Fatal(err)
	}
}

// TestInspectQueryCount: reflection sends the same number of queries for 10 tables and
// for 1,000.
func TestInspectQueryCount(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 1,010 tables")
	}
	counts := map[int]int64{}
	for _, n := range []int{10, 1000} {
		db := openTestDB(t)
		manyTables(t, db, n)
		q := &countingQuerier{Querier: db}
		s, err := Dialect{}.Inspect(context.Background(), q, dialect.InspectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Tables) != n || len(s.Tables[n-1].Columns) != 5 || len(s.Tables[n-1].Checks) != 1 || len(s.Tables[n-1].Indexes) < 2 {
			t.Fatalf("%d tables: reflected %d, last %+v", n, len(s.Tables), s.Tables[n-1])
		}
		counts[n] = q.n.Load()
	}
	if counts[10] != counts[1000] || counts[10] > 9 {
		t.Errorf("queries: %d for 10 tables, %d for 1,000", counts[10], counts[1000])
	}
	t.Logf("queries per reflection: %d", counts[10])
}

// BenchmarkInspect1000 reflects 1,000 tables (see manyTables).
func BenchmarkInspect1000(b *testing.B) {
	db := openTestDB(b)
	manyTables(b, db, 1000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := (Dialect{}).Inspect(ctx, db, dialect.InspectOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

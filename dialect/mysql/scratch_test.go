package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
)

// leftovers lists the databases whose name starts with prefix.
func leftovers(t *testing.T, db *sql.DB, prefix string) []string {
	t.Helper()
	var out []string
	rows, err := db.Query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?", prefix+"%")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

// withPrefix gives this test's scratch databases a name of their own.
func withPrefix(t *testing.T) string {
	old := scratchPrefix
	scratchPrefix = fmt.Sprintf("retort_scratch_t%d_", os.Getpid())
	t.Cleanup(func() { scratchPrefix = old })
	return scratchPrefix
}

func TestScratch(t *testing.T) {
	prefix := withPrefix(t)
	db := openTestDB(t)
	ctx := context.Background()
	var live string
	db.QueryRow("SELECT DATABASE()").Scan(&live)

	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, host := range []dialect.TxBeginner{db, conn} {
		s, err := Dialect{}.Scratch(ctx, host, []dialect.Script{{Name: "models.sql", SQL: everything[0] + ";\n" + everything[2]}}, dialect.ScratchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Tables) != 2 || s.Table("", "child2") == nil || s.Table("", "child2").ForeignKeys[0].RefSchema != "" {
			t.Errorf("scratch schema: %+v", s.Tables)
		}
		if left := leftovers(t, db, prefix); len(left) > 0 {
			t.Errorf("left behind: %v", left)
		}
	}
	var current string
	conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&current)
	if current != live {
		t.Errorf("connection left in %q, want %q", current, live)
	}
	// the live database was not touched
	if s, _ := (Dialect{}).Inspect(ctx, db, dialect.InspectOptions{}); len(s.Tables) != 0 {
		t.Errorf("live database has tables: %+v", s.Tables)
	}
}

func TestScratchErrors(t *testing.T) {
	prefix := withPrefix(t)
	db := openTestDB(t)
	var live string
	db.QueryRow("SELECT DATABASE()").Scan(&live)
	ctx := context.Background()

	t.Run("failing statement", func(t *testing.T) {
		_, err := Dialect{}.Scratch(ctx, db, []dialect.Script{{Name: "models.sql", SQL: "CREATE TABLE a (id INT PRIMARY KEY);\n\nCREATE TABLE a (id INT);\n"}}, dialect.ScratchOptions{})
		var se *dialect.ScriptError
		if !errors.As(err, &se) || se.Line != 3 || se.Script != "models.sql" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("qualified name", func(t *testing.T) {
		for _, ddl := range []string{
			"CREATE TABLE " + live + ".intruder (id INT PRIMARY KEY)",
			"CREATE TABLE t (id INT PRIMARY KEY);\nDROP TABLE `" + live + "` . `t`",
		} {
			_, err := Dialect{}.Scratch(ctx, db, []dialect.Script{{Name: "models.sql", SQL: ddl}}, dialect.ScratchOptions{})
			if err == nil || !strings.Contains(err.Error(), "names database "+live) {
				t.Errorf("%s: got %v", ddl, err)
			}
		}
		var n int
		db.QueryRow("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()").Scan(&n)
		if n != 0 {
			t.Errorf("live database has %d tables", n)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := Dialect{}.Scratch(ctx, db, []dialect.Script{{Name: "models.sql", SQL: "CREATE TABLE a (id INT PRIMARY KEY);\nDO SLEEP(3);\nCREATE TABLE b (id INT)"}}, dialect.ScratchOptions{})
		if err == nil || time.Since(start) > 2500*time.Millisecond {
			t.Fatalf("after %v: %v", time.Since(start), err)
		}
	})
	if left := leftovers(t, db, prefix); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestQualifiers(t *testing.T) {
	got := qualifiers("CREATE TABLE app.users (id INT, note VARCHAR(9) DEFAULT 'x.y'); -- other.db\n# third.x\nSELECT `we``ird` . t, 1.5, /* c.d */ u.v FROM x")
	want := []string{"app", "we`ird", "u"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

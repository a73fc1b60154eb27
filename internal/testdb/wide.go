package testdb

import (
	"fmt"
	"strings"
)

// WideSchema is PostgreSQL DDL for n tables t0000..., each with a serial primary key, a
// unique column, a check, an enum column (type status), a foreign key to the previous
// table, an index and a comment: the shape of reflection benchmarks.
func WideSchema(n int) string {
	var b strings.Builder
	b.WriteString("CREATE TYPE status AS ENUM ('new', 'active', 'closed');\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "CREATE TABLE t%04d (id SERIAL PRIMARY KEY, code VARCHAR(20) NOT NULL UNIQUE, qty INTEGER CHECK (qty >= 0), st status NOT NULL DEFAULT 'new', prev_id INTEGER", i)
		if i > 0 {
			fmt.Fprintf(&b, " REFERENCES t%04d (id) ON DELETE CASCADE", i-1)
		}
		fmt.Fprintf(&b, ");\nCREATE INDEX ix_t%04d_prev ON t%04d (prev_id);\nCOMMENT ON TABLE t%04d IS 'table %d';\n", i, i, i, i)
	}
	return b.String()
}

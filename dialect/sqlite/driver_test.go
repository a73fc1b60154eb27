package sqlite

import (
	"testing"

	"github.com/retort-dev/retort/dialect"
)

func TestParseURLToDSN(t *testing.T) {
	tests := []struct {
		url, dialect, dsn string
	}{
		{"sqlite:///relative.db", "sqlite", "file:relative.db?_busy_timeout=30000&_txlock=immediate"},
		{"sqlite:///sub/dir/app.db?mode=ro&check_same_thread=false", "sqlite",
			"file:sub/dir/app.db?_busy_timeout=30000&_txlock=immediate&mode=ro"},
		{"sqlite:////abs/path/app.db", "sqlite", "file:/abs/path/app.db?_busy_timeout=30000&_txlock=immediate"},
		{"sqlite+pysqlite:////tmp/a#b%.db", "sqlite", "file:/tmp/a%23b%25.db?_busy_timeout=30000&_txlock=immediate"},
		{"sqlite:////tmp/what?.db", "sqlite", "file:/tmp/what?_busy_timeout=30000&_txlock=immediate"}, // SQLAlchemy: the query starts at '?'
		{"sqlite://", "sqlite", "file::memory:?_busy_timeout=30000&_txlock=immediate"},
		{"sqlite:///:memory:", "sqlite", "file::memory:?_busy_timeout=30000&_txlock=immediate"},
	}
	for _, tt := range tests {
		u, err := dialect.ParseURL(tt.url)
		if err != nil {
			t.Errorf("dialect.ParseURL(%q): %v", tt.url, err)
			continue
		}
		dsn, _ := sqliteDSN(u, busyMillis)
		if u.Dialect != tt.dialect || dsn != tt.dsn {
			t.Errorf("dialect.ParseURL(%q) = %s %q, want %s %q", tt.url, u.Dialect, dsn, tt.dialect, tt.dsn)
		}
	}
}

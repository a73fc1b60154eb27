package dialect

// sqliteDialect is SQLite through github.com/mattn/go-sqlite3.
type sqliteDialect struct{}

func (sqliteDialect) Name() string { return "sqlite" }

package dialect

// postgresDialect is PostgreSQL through github.com/jackc/pgx/v5.
type postgresDialect struct{}

func (postgresDialect) Name() string { return "postgresql" }

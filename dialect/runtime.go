package dialect

// Runtime is what the runner and the version table need from a database.
type Runtime interface {
	// Name is the SQLAlchemy dialect name: "sqlite" or "postgresql".
	Name() string
}

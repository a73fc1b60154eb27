// Package dialect holds everything that differs between databases: opening a connection
// from a SQLAlchemy URL, quoting, locking, transactional DDL, offline SQL rendering, and
// (for autogenerate) schema reflection and DDL rendering. Each database is one file set
// (sqlite*.go, postgres*.go); nothing outside this package asks which database it has.
package dialect

// Dialect is one database's behaviour: Runtime for applying revisions, Inspector for
// autogenerate.
type Dialect interface {
	Runtime
	Inspector
}

package sqlscript

// Options are the lexical rules of one database's SQL, as far as telling statements,
// comments, quotes and identifiers apart needs them. The zero value knows '...' strings,
// "..." identifiers, -- and /* */ comments, and ';'.
type Options struct {
	// DollarQuotes: $tag$ ... $tag$ strings (PostgreSQL). Without them '$' starts a
	// word: SQLite's $name parameters, MySQL's identifiers.
	DollarQuotes bool
	// EStrings: E'...' strings, in which a backslash escapes the next character (PostgreSQL).
	EStrings bool
	// BackslashEscapes: a backslash escapes the next character in every string (MySQL).
	BackslashEscapes bool
	// DoubleQuoteStrings: "..." is a string, not an identifier (MySQL without ANSI_QUOTES).
	DoubleQuoteStrings bool
	// HashComments: '#' starts a comment to the end of the line (MySQL).
	HashComments bool
	// DashCommentNeedsSpace: "--" starts a comment only when a space, a control character
	// or the end of the text follows it (MySQL); "1--1" is then an expression.
	DashCommentNeedsSpace bool
	// Backticks: `identifier` (MySQL, SQLite).
	Backticks bool
	// Brackets: [identifier] (SQLite).
	Brackets bool
	// NestedComments: /* /* */ */ is one comment (PostgreSQL); otherwise the first */ ends it.
	NestedComments bool
	// ServerComments: /*!...*/ and /*+...*/ are text the server reads (MySQL's versioned
	// comments and optimizer hints), kept in the statement like any other token.
	ServerComments bool
	// TriggerBodies: CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN ... END is one statement
	// (SQLite); CASE ... END pairs inside the body are counted.
	TriggerBodies bool
	// RoutineBodies: CREATE [OR REPLACE] [DEFINER = user] {PROCEDURE|FUNCTION|TRIGGER|EVENT}
	// ... BEGIN ... END is one statement, with MySQL's compound statements inside: nested
	// BEGIN ... END and CASE ... END [CASE] are counted; END IF, END LOOP, END WHILE and
	// END REPEAT close nothing that was counted.
	RoutineBodies bool
	// BeginAtomic: BEGIN ATOMIC ... END is one body (PostgreSQL's SQL-standard function bodies).
	BeginAtomic bool
	// Delimiter: the mysql client's DELIMITER directive. At the start of a statement,
	// "DELIMITER $$" makes $$ end statements (';' is then ordinary text) until
	// "DELIMITER ;"; the directive itself is no statement.
	Delimiter bool
}

// The option sets of the databases retort knows; each dialect returns its own. Treat them
// as constants.
var (
	// Generic is what Split has always used for every database: PostgreSQL's rules, with
	// backticks and SQLite's trigger bodies.
	Generic = Options{DollarQuotes: true, EStrings: true, Backticks: true, NestedComments: true, TriggerBodies: true, BeginAtomic: true}
	// SQLite: comments do not nest, and neither $tag$ nor E'' quoting exists.
	SQLite = Options{Backticks: true, Brackets: true, TriggerBodies: true}
	// PostgreSQL has no backtick identifiers and no trigger bodies (a trigger calls a function).
	PostgreSQL = Options{DollarQuotes: true, EStrings: true, NestedComments: true, BeginAtomic: true}
	// MySQL and MariaDB with the default sql_mode, as the mysql client reads a script.
	MySQL = Options{BackslashEscapes: true, DoubleQuoteStrings: true, HashComments: true, DashCommentNeedsSpace: true,
		Backticks: true, ServerComments: true, RoutineBodies: true, Delimiter: true}
)

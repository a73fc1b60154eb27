// Package all registers every dialect retort ships: import it for its side effect
// (import _ ".../dialect/all") wherever a dialect is looked up by name or URL.
package all

import (
	_ "github.com/retort-dev/retort/dialect/mysql"    // registers "mysql" and "mariadb"
	_ "github.com/retort-dev/retort/dialect/postgres" // registers "postgresql"
	_ "github.com/retort-dev/retort/dialect/sqlite"   // registers "sqlite"
)

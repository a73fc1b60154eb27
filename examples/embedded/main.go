// Command embedded shows retort as a library: migrations compiled into the program with
// embed.FS, applied at start-up to a database the program opened itself.
//
//	go run ./examples/embedded                   # a SQLite file in a temporary directory
//	go run ./examples/embedded postgres://...    # or a PostgreSQL database (pgx URL)
package main

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"log"
	"os"
	"path/filepath"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3"

	"github.com/retort-dev/retort/command"
)

//go:embed migrations/*.sql
var migrations embed.FS

func main() {
	ctx := context.Background()
	db, err := open()
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	p, err := command.LoadFS(migrations, "migrations")
	if err != nil {
		log.Fatal(err)
	}
	// Log gets Alembic's lines ("INFO  [alembic.runtime.migration] Running upgrade ...").
	m := &command.Migrator{Project: p, DB: db, Log: os.Stderr}
	if err := m.Upgrade(ctx, "head"); err != nil {
		log.Fatal(err)
	}
	current, err := m.Current(ctx)
	if err != nil {
		log.Fatal(err)
	}
	var email string
	if err := db.QueryRowContext(ctx, "SELECT email FROM account WHERE id = 1").Scan(&email); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("database at %v; account 1 has email %s\n", current, email)

	// Running it again is a no-op: the database is at head already.
	if err := m.Upgrade(ctx, "head"); err != nil {
		log.Fatal(err)
	}
	if err := m.Downgrade(ctx, "-1"); err != nil {
		log.Fatal(err)
	}
	rows, err := m.Rows(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("after downgrade -1: %v\n", rows)
}

// open connects to the database named on the command line, else a new SQLite file.
func open() (*sql.DB, error) {
	if len(os.Args) > 1 {
		return sql.Open("pgx", os.Args[1])
	}
	dir, err := os.MkdirTemp("", "retort-example-")
	if err != nil {
		return nil, err
	}
	return sql.Open("sqlite3", filepath.Join(dir, "app.db"))
}

package command_test

import (
	"context"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"testing"

	"github.com/retort-dev/retort/bench/projectgen"
	"github.com/retort-dev/retort/command"
)

// BenchmarkMigrateSQLite times the database commands on a generated project of 1,000
// revisions (one table each) and a SQLite file, as the CLI calls them (a context that
// Ctrl-C cancels): upgrade head then downgrade base, and upgrade head when up to date.
// bench/migrate.sh compares the same with the floor and Alembic, process start included.
func BenchmarkMigrateSQLite(b *testing.B) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir := b.TempDir()
	if err := projectgen.Write(dir, 1000, projectgen.SQL); err != nil {
		b.Fatal(err)
	}
	g := command.Global{Config: filepath.Join(dir, "alembic.ini")}
	upgrade := func() error {
		return command.Upgrade(ctx, command.UpgradeOptions{Global: g, Revision: "head"}, io.Discard, io.Discard)
	}
	downgrade := func() error {
		return command.Downgrade(ctx, command.DowngradeOptions{Global: g, Revision: "base"}, io.Discard, io.Discard)
	}
	b.Run("upgrade+downgrade/N=1000", func(b *testing.B) {
		for b.Loop() {
			if err := upgrade(); err != nil {
				b.Fatal(err)
			}
			if err := downgrade(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("up-to-date/N=1000", func(b *testing.B) {
		if err := upgrade(); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := upgrade(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package command_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/retort-dev/retort/bench/projectgen"
	"github.com/retort-dev/retort/command"
)

// BenchmarkReadCommands times heads, history and branches on generated projects of 1,000
// and 10,000 revisions: the whole command, from reading the ini to printing.
func BenchmarkReadCommands(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10000} {
		dir := b.TempDir()
		if err := projectgen.Write(dir, n, projectgen.SQL); err != nil {
			b.Fatal(err)
		}
		g := command.Global{Config: filepath.Join(dir, "alembic.ini")}
		cmds := []struct {
			name string
			run  func() error
		}{
			{"heads", func() error { return command.Heads(ctx, command.HeadsOptions{Global: g}, io.Discard, io.Discard) }},
			{"history", func() error { return command.History(ctx, command.HistoryOptions{Global: g}, io.Discard, io.Discard) }},
			{"branches", func() error { return command.Branches(ctx, command.BranchesOptions{Global: g}, io.Discard, io.Discard) }},
		}
		for _, c := range cmds {
			b.Run(fmt.Sprintf("%s/N=%d", c.name, n), func(b *testing.B) {
				for b.Loop() {
					if err := c.run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

package command

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/testdb"
	"github.com/retort-dev/retort/verify"
)

// BenchmarkVerify300 verifies a 300-revision history (replay, downgrade check and
// upgrade again per revision) on SQLite, PostgreSQL and MySQL (MariaDB here), and reports
// where the time goes; "replay-only" (--no-downgrade) is the floor any replay-based check
// pays.
func BenchmarkVerify300(b *testing.B) {
	for _, dn := range []string{"sqlite", "postgresql", "mysql"} {
		dir := b.TempDir()
		writeHistory(b, dir, verifyURLFor(b, dn, dir), 300)
		for _, mode := range []string{"verify", "replay-only"} {
			b.Run(dn+"/"+mode, func(b *testing.B) {
				benchVerify(b, dir, VerifyOptions{NoDowngrade: mode == "replay-only"}, 300, nil)
			})
		}
	}
}

// BenchmarkVerifyLargeSchema verifies, on PostgreSQL, 100 everyday revisions on top of a
// first one that creates 500 tables (keys, foreign keys, checks, an enum, comments):
// reflecting only what changed (tracked) against reflecting whole.
func BenchmarkVerifyLargeSchema(b *testing.B) {
	dir := b.TempDir()
	writeHistory(b, dir, verifyURLFor(b, "postgresql", dir), 100)
	// the first revision creates the large schema before its own table
	first := filepath.Join(dir, "versions", "r0001_rev.sql")
	data, err := os.ReadFile(first)
	if err != nil {
		b.Fatal(err)
	}
	names := make([]string, 500)
	for i := range names {
		names[i] = fmt.Sprintf("t%04d", i)
	}
	body := strings.Replace(string(data), "-- +upgrade\n", "-- +upgrade\n"+testdb.WideSchema(500)+"\n", 1)
	body = strings.Replace(body, "-- +downgrade\n", "-- +downgrade\nDROP TABLE "+strings.Join(names, ", ")+";\nDROP TYPE status;\n", 1)
	if err := os.WriteFile(first, []byte(body), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"tracked", "whole"} {
		b.Run(mode, func(b *testing.B) {
			rep := benchVerify(b, dir, VerifyOptions{}, 100, func(cfg *verify.Config) { cfg.WholeReflections = mode == "whole" })
			if rep.Tracked != (mode == "tracked") {
				b.Fatalf("tracked: %v", rep.Tracked)
			}
		})
	}
}

// benchVerify verifies the project in dir once per iteration (tune, when set, adjusts
// the configuration), requires each run to pass having replayed n revisions, reports
// where the time went, and returns the last report.
func benchVerify(b *testing.B, dir string, o VerifyOptions, n int, tune func(*verify.Config)) *verify.Report {
	ctx := context.Background()
	var sum verify.Timing
	var rep *verify.Report
	runs := 0
	for b.Loop() {
		p, err := Load(Global{Config: filepath.Join(dir, "alembic.ini")})
		if err != nil {
			b.Fatal(err)
		}
		cfg, err := p.VerifyConfig(ctx, o)
		if err != nil {
			b.Fatal(err)
		}
		if tune != nil {
			tune(&cfg)
		}
		if rep, err = verify.Run(ctx, cfg); err != nil || !rep.OK() || rep.Replayed != n {
			b.Fatalf("%v %+v", err, rep)
		}
		sum.Apply += rep.Timing.Apply
		sum.Reflect += rep.Timing.Reflect
		sum.Compare += rep.Timing.Compare
		sum.Scratch += rep.Timing.Scratch
		runs++
	}
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(runs) }
	b.ReportMetric(ms(sum.Apply), "apply-ms/op")
	b.ReportMetric(ms(sum.Reflect), "reflect-ms/op")
	b.ReportMetric(ms(sum.Compare), "compare-ms/op")
	b.ReportMetric(ms(sum.Scratch), "scratch-ms/op")
	return rep
}

package command

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/retort-dev/retort/verify"
)

// BenchmarkVerify300 verifies a 300-revision history (replay, downgrade check and
// upgrade again per revision) on SQLite, PostgreSQL and MySQL (MariaDB here), and reports
// where the time goes;
// "replay-only" (--no-downgrade) is the floor any replay-based check pays.
func BenchmarkVerify300(b *testing.B) {
	for _, dn := range []string{"sqlite", "postgresql", "mysql"} {
		dir := b.TempDir()
		url := verifyURLFor(b, dn, dir)
		writeHistory(b, dir, url, 300)
		for _, mode := range []string{"verify", "replay-only"} {
			b.Run(dn+"/"+mode, func(b *testing.B) {
				ctx := context.Background()
				var sum verify.Timing
				runs := 0
				for b.Loop() {
					p, err := Load(Global{Config: filepath.Join(dir, "alembic.ini")})
					if err != nil {
						b.Fatal(err)
					}
					cfg, err := p.VerifyConfig(ctx, VerifyOptions{NoDowngrade: mode == "replay-only"})
					if err != nil {
						b.Fatal(err)
					}
					rep, err := verify.Run(ctx, cfg)
					if err != nil || !rep.OK() || rep.Replayed != 300 {
						b.Fatalf("%v %+v", err, rep)
					}
					sum.Apply += rep.Timing.Apply
					sum.Reflect += rep.Timing.Reflect
					sum.Compare += rep.Timing.Compare
					sum.Scratch += rep.Timing.Scratch
					runs++
				}
				ms := func(d interface{ Seconds() float64 }) float64 { return d.Seconds() * 1000 / float64(runs) }
				b.ReportMetric(ms(sum.Apply), "apply-ms/op")
				b.ReportMetric(ms(sum.Reflect), "reflect-ms/op")
				b.ReportMetric(ms(sum.Compare), "compare-ms/op")
				b.ReportMetric(ms(sum.Scratch), "scratch-ms/op")
			})
		}
	}
}

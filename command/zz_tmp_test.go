package command

import (
	"context"
	"io"
	"os"
	"os/signal"
	"testing"
	"time"
)

func TestZZCLI(t *testing.T) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if os.Getenv("ZZBG") != "" {
		ctx = context.WithoutCancel(ctx)
	}
	defer stop()
	os.Setenv("DATABASE_URL", "sqlite:////tmp/b1k/zz.db")
	for i := 0; i < 8; i++ {
		os.Remove("/tmp/b1k/zz.db")
		t0 := time.Now()
		if err := Upgrade(ctx, UpgradeOptions{Global: Global{Config: "/tmp/b1k/alembic.ini"}, Revision: "head"}, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
		t.Logf("up %v", time.Since(t0))
	}
}

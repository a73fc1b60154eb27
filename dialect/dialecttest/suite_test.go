package dialecttest_test

import (
	"testing"

	"github.com/retort-dev/retort/dialect"
	_ "github.com/retort-dev/retort/dialect/all"
	"github.com/retort-dev/retort/dialect/dialecttest"
)

// TestConformance runs the suite for every registered dialect.
func TestConformance(t *testing.T) {
	names := dialect.Names()
	if len(names) == 0 {
		t.Fatal("no dialect registered")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) { dialecttest.Run(t, name) })
	}
}

func TestLockHelperProcess(t *testing.T) { dialecttest.HelperProcess(t) }

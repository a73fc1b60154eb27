// Package e2e runs the built retort binary the way users do: real directories, real
// arguments, exact stdout/stderr and exit status. Where the real Alembic is installed the
// same scenario is replayed against it and compared line for line, and retort also reads
// the .py project Alembic wrote; the golden files under testdata/ hold Alembic's output so
// the comparison also runs without it.
package e2e

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the real Alembic")

// bin is the retort binary built once by TestMain.
var bin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "retort-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "retort")
	// autogenerate's schema cache goes with the run, not into the user's cache directory
	os.Setenv("RETORT_CACHE_DIR", filepath.Join(dir, "schema-cache"))
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building retort:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of a program produced.
type result struct {
	stdout, stderr string
	code           int
}

// runIn runs prog with args in dir, with a clean environment (no ALEMBIC_CONFIG, no
// DATABASE_URL, no terminal).
func runIn(t *testing.T, dir string, prog string, args ...string) result {
	t.Helper()
	return runEnv(t, dir, nil, prog, args...)
}

// runEnv is runIn with extra environment variables ("K=V").
func runEnv(t *testing.T, dir string, extra []string, prog string, args ...string) result {
	t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), extra...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s %v: %v", prog, args, err)
	}
	return result{out.String(), errb.String(), code}
}

// retort runs the binary in dir.
func retort(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return runIn(t, dir, bin, args...)
}

// mustRetort runs the binary and fails the test unless it exits 0 with an empty stderr.
func mustRetort(t *testing.T, dir string, args ...string) string {
	t.Helper()
	r := retort(t, dir, args...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("retort %v: exit %d\nstdout:\n%s\nstderr:\n%s", args, r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "ALEMBIC_CONFIG", "DATABASE_URL", "EDITOR", "VISUAL":
			continue
		}
		env = append(env, kv)
	}
	return env
}

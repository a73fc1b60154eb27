package e2e

import (
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAutogenerateScratchDroppedOnInterrupt: on MySQL the desired schema is built in a
// throwaway database; Ctrl-C while it is being built still drops it, and the run fails
// with one line.
func TestAutogenerateScratchDroppedOnInterrupt(t *testing.T) {
	d := dbNew(t, "mysql")
	dir := agInit(t, d)
	agSetIni(t, dir, "target_metadata", "schema.sql")
	// the sleep holds the build in the scratch database long enough to interrupt it there
	writeFile(t, dir, "schema.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\nDO SLEEP(30);\n")
	scratches := func() []string {
		return dbStrings(t, d, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'retort\\_scratch\\_%'")
	}
	before := scratches()
	cmd := exec.Command(bin, "revision", "--autogenerate", "-m", "x")
	cmd.Dir, cmd.Env = dir, cleanEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ours []string
	for deadline := time.Now().Add(20 * time.Second); len(ours) == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no scratch database appeared; stderr:\n%s", stderr.String())
		}
		for _, s := range scratches() {
			if !slices.Contains(before, s) {
				ours = append(ours, s)
			}
		}
	}
	// the table is created before the sleep: wait for it, so the interrupt lands in the build
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if n := dbStrings(t, d, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", ours[0]); len(n) == 1 || time.Now().After(deadline) {
			break
		}
	}
	start := time.Now()
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit: %v; stderr:\n%s", err, stderr.String())
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %v to stop after Ctrl-C", took)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "FAILED: ") {
		t.Errorf("last line %q", last)
	}
	t.Logf("scratch %v; stderr:\n%s", ours, stderr.String())
	for _, s := range scratches() {
		if slices.Contains(ours, s) {
			t.Errorf("scratch database %s left behind", s)
		}
	}
	if got := agVersions(t, dir); len(got) != 0 {
		t.Errorf("revision written: %v", got)
	}
}

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompletion runs the bash completion script retort prints, in bash, against the
// built binary: command names, then a command's flags.
func TestCompletion(t *testing.T) {
	dir := t.TempDir()
	// the script calls "retort" by the name the user typed: put the binary on PATH
	if err := os.Symlink(bin, filepath.Join(dir, "retort")); err != nil {
		t.Fatal(err)
	}
	for words, want := range map[string]string{
		"retort upg":           "upgrade",
		"retort hi":            "history",
		"retort downgrade --s": "--sql",
		"retort history --ver": "--verbose",
		"retort -c x.ini curr": "current",
		"retort completion ":   "", // no candidates: nothing is printed
	} {
		script := `source <(retort completion bash)
COMP_WORDS=(` + words + `)
[[ "` + words + `" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_retort_complete
echo "${COMPREPLY[*]}"`
		cmd := exec.Command("bash", "-c", script)
		cmd.Dir = dir
		cmd.Env = append(cleanEnv(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != want {
			t.Errorf("completing %q: %v, got %q, want %q", words, err, strings.TrimSpace(string(out)), want)
		}
	}
}

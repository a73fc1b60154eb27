package config

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/retort-dev/retort/internal/proc"
)

// Hook is one [post_write_hooks] entry.
type Hook struct {
	Name       string
	Type       string // exec or console_scripts
	Executable string // exec: .executable; console_scripts: .entrypoint
	Options    []string
	Cwd        string
}

// RevisionScriptToken is replaced in hook options by the path of the new file.
const RevisionScriptToken = "REVISION_SCRIPT_FILENAME"

// PostWriteHooks returns the hooks of [post_write_hooks] in declared order. Options are
// split shell-style, with RevisionScriptToken put first when the options lack it.
func (c *Config) PostWriteHooks() ([]Hook, error) {
	names, _ := c.GetIn(hooksSection, "hooks") // validated by Load
	var hooks []Hook
	for _, name := range legacySplit.Split(names, -1) {
		if name == "" {
			continue
		}
		opt := func(k string) (string, bool) { return c.GetIn(hooksSection, name+"."+k) }
		h := Hook{Name: name}
		var ok bool
		if h.Type, ok = opt("type"); !ok {
			return nil, fmt.Errorf("Key %s.type is required for post write hook '%s'", name, name)
		}
		var exeKey string
		switch h.Type {
		case "exec":
			exeKey = "executable"
		case "console_scripts":
			exeKey = "entrypoint"
		default:
			return nil, fmt.Errorf("No formatter with name '%s' registered", h.Type)
		}
		if h.Executable, ok = opt(exeKey); !ok {
			return nil, fmt.Errorf("Key %s.%s is required for post write hook '%s'", name, exeKey, name)
		}
		h.Cwd, _ = opt("cwd")
		options, _ := opt("options")
		if !strings.Contains(options, RevisionScriptToken) {
			options = RevisionScriptToken + " " + options
		}
		var err error
		if h.Options, err = shellSplit(options); err != nil {
			return nil, fmt.Errorf("%s: %s.options: %w", c.Path, name, err)
		}
		hooks = append(hooks, h)
	}
	return hooks, nil
}

// RunHooks runs hooks on the file at path, printing Alembic's status lines on stdout
// (`Running post write hook "<name>" ...` then `  done`, or `  FAILED`). The hook's own
// output goes to stdout and os.Stderr. Unlike Alembic, a hook exiting non-zero is an
// error; each hook runs in its own process group, killed after timeout (<= 0: no limit)
// or when ctx ends.
func RunHooks(ctx context.Context, hooks []Hook, path string, timeout time.Duration, stdout io.Writer) error {
	for _, h := range hooks {
		fmt.Fprintf(stdout, "Running post write hook \"%s\" ...\n", h.Name)
		if err := runHook(ctx, h, path, timeout, stdout); err != nil {
			fmt.Fprintln(stdout, "  FAILED")
			return err
		}
		fmt.Fprintln(stdout, "  done")
	}
	return nil
}

func runHook(ctx context.Context, h Hook, path string, timeout time.Duration, stdout io.Writer) error {
	exe := h.Executable
	if h.Type == "console_scripts" {
		// No Python here: an entry point is run as the command it installs.
		p, err := exec.LookPath(exe)
		if err != nil {
			return fmt.Errorf("Could not find entrypoint console_scripts.%s", exe)
		}
		exe = p
	}
	args := make([]string, len(h.Options))
	for i, o := range h.Options {
		args[i] = strings.ReplaceAll(o, RevisionScriptToken, path)
	}
	return proc.Run(ctx, proc.Cmd{
		Label: fmt.Sprintf("post write hook '%s' (%s)", h.Name, h.Executable),
		Path:  exe, Args: args, Dir: h.Cwd, Stdout: stdout, Stderr: os.Stderr, Timeout: timeout,
	})
}

// shellSplit splits s like Python's shlex.split in POSIX mode (no comments): whitespace
// separates words, '...' is literal, "..." allows \" and \\, a backslash outside quotes
// escapes the next character, and "" makes an empty word.
func shellSplit(s string) ([]string, error) {
	var (
		words  []string
		cur    strings.Builder
		inWord bool
		quote  rune
		escape bool
	)
	for _, r := range s {
		switch {
		case escape:
			if quote == '"' && r != '"' && r != '\\' {
				cur.WriteRune('\\')
			}
			cur.WriteRune(r)
			escape = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case quote == '"':
			switch r {
			case '"':
				quote = 0
			case '\\':
				escape = true
			default:
				cur.WriteRune(r)
			}
		case r == '\\':
			escape, inWord = true, true
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	switch {
	case quote != 0:
		return nil, errors.New("No closing quotation")
	case escape:
		return nil, errors.New("No escaped character")
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

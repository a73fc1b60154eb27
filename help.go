package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// completeFlag is the flag urfave/cli's completion protocol appends to the words typed
// so far: the program then prints the candidates for the next word.
const completeFlag = "--generate-bash-completion"

// completing reports a completion request, whose words must reach urfave/cli unchanged.
func completing(args []string) bool {
	return len(args) > 1 && args[len(args)-1] == completeFlag
}

// unknownCommand is the usage error for a command name that does not exist: the closest
// command when one is near enough to be a typo, and the list to choose from.
func unknownCommand(app *cli.App, name string) error {
	var names []string
	best, bestDist := "", 0
	for _, c := range app.VisibleCommands() {
		names = append(names, c.Name)
		if d := editDistance(strings.ToLower(name), c.Name); best == "" || d < bestDist {
			best, bestDist = c.Name, d
		}
	}
	msg := fmt.Sprintf("invalid choice: '%s'", name)
	// a typo: a couple of edits, and fewer than half the name
	if best != "" && bestDist <= 2 && 2*bestDist < len(best) {
		msg += fmt.Sprintf(" (did you mean '%s'?)", best)
	}
	// one line, as every usage error: the commands, and where the help is
	return errors.New(msg + "; commands: " + strings.Join(names, ", ") + " (retort help <command>)")
}

// editDistance counts the insertions, deletions, substitutions and swaps of adjacent
// letters that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// examples is a command's help section of example command lines, each with what it does.
func examples(pairs ...string) string {
	width := 0
	for i := 0; i < len(pairs); i += 2 {
		width = max(width, len(pairs[i]))
	}
	var b strings.Builder
	b.WriteString("Examples:")
	for i := 0; i+1 < len(pairs); i += 2 {
		fmt.Fprintf(&b, "\n  %-*s  # %s", width, pairs[i], pairs[i+1])
	}
	return b.String()
}

// completionScripts are the shell functions `retort completion SHELL` prints. Both ask
// retort for the candidates with urfave/cli's protocol (the words so far, then
// --generate-bash-completion), so they follow the commands and flags of the binary.
var completionScripts = map[string]string{
	"bash": `# retort completion for bash. Load it with: source <(retort completion bash)
_retort_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  local words=("${COMP_WORDS[@]:1:COMP_CWORD-1}")
  if [[ "$cur" == -* ]]; then words+=("$cur"); fi
  COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "${words[@]}" ` + completeFlag + ` 2>/dev/null)" -- "$cur"))
}
complete -o default -F _retort_complete retort
`,
	"zsh": `#compdef retort
# retort completion for zsh. Load it with: source <(retort completion zsh)
_retort() {
  local cur="${words[CURRENT]}"
  local -a prev candidates
  prev=("${(@)words[2,CURRENT-1]}")
  if [[ "$cur" == -* ]]; then prev+=("$cur"); fi
  candidates=("${(@f)$("${words[1]}" "${prev[@]}" ` + completeFlag + ` 2>/dev/null)}")
  if [[ -n "${candidates[1]}" ]]; then compadd -a candidates; else _files; fi
}
compdef _retort retort
`,
}

// completionCommand prints a completion script for bash, zsh or fish.
func completionCommand() *cli.Command {
	return &cli.Command{
		Name: "completion", Usage: "print a shell completion script (bash, zsh or fish)", ArgsUsage: "SHELL",
		Description: examples(
			"source <(retort completion bash)", "completion in this bash session (put it in ~/.bashrc to keep it)",
			"retort completion fish > ~/.config/fish/completions/retort.fish", "install for fish",
		),
		Action: action(nargs{names: "shell", min: 1, max: 1}, func(e env, a []string) error {
			switch a[0] {
			case "fish":
				script, err := e.c.App.ToFishCompletion()
				if err != nil {
					return err
				}
				_, err = fmt.Fprint(e.stdout, script)
				return err
			default:
				script, ok := completionScripts[a[0]]
				if !ok {
					return usageError{fmt.Errorf("completion: unknown shell '%s' (choose from bash, zsh, fish)", a[0])}
				}
				_, err := fmt.Fprint(e.stdout, script)
				return err
			}
		}),
	}
}

// helpCommand is `retort help [COMMAND]`.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name: "help", Usage: "show the commands, or one command's help", ArgsUsage: "[COMMAND]",
		Description: examples("retort help upgrade", "upgrade's options and examples"),
		Action: action(nargs{names: "command", max: 1}, func(e env, a []string) error {
			if len(a) == 0 {
				return cli.ShowAppHelp(e.c)
			}
			if e.c.App.Command(a[0]) == nil {
				return usageError{unknownCommand(e.c.App, a[0])}
			}
			return cli.ShowCommandHelp(e.c, a[0])
		}),
	}
}

// Command retort is Alembic's revision workflow as one fast Go binary: the command line
// (flags, help, exit status) on top of the command package.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"unicode"

	"github.com/urfave/cli/v2"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/console"
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); otherwise the module
// version recorded by `go install`, else "dev".
var version = ""

func main() {
	// A command is short-lived and its heap small (tens of MB for 10,000 revisions):
	// collecting only past a generous limit saves ~10% of a large project's `heads`.
	// GOGC/GOMEMLIMIT in the environment still win.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(512 << 20)
	}
	// SIGINT and SIGTERM cancel the command's context: a migration rolls back, and child
	// processes (target_metadata_cmd, hooks, the Python bridge) have their groups killed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is a command line mistake (unknown flag, missing argument): argparse's exit 2.
type usageError struct{ error }

// run executes the command line args and returns the exit status: 0, 1 for a failed
// command (one "FAILED: <message>" line on stderr) or 2 for a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	if !completing(args) {
		args = normalizeArgs(app, args)
	}
	err := app.RunContext(ctx, args)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "retort: error: %s\n", ue.Error())
		return 2
	default:
		fmt.Fprintf(stderr, "FAILED: %s\n", lineBreaks.Replace(err.Error()))
		return 1
	}
}

// lineBreaks escapes the line breaks a message may carry (an identifier or file name
// given with one, a driver's multi-line error), so a failure is always one line.
var lineBreaks = strings.NewReplacer("\r\n", `\r\n`, "\n", `\n`, "\r", `\r`, "\v", `\v`, "\f", `\f`,
	"\u0085", `\u0085`, "\u2028", `\u2028`, "\u2029", `\u2029`)

func programVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newApp(stdout, stderr io.Writer) *cli.App {
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version and exit"}
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintf(c.App.Writer, "retort %s\n", c.App.Version) }
	app := &cli.App{
		Name:                      "retort",
		Usage:                     "Alembic's revision workflow for plain SQL revisions",
		Version:                   programVersion(),
		Writer:                    stdout,
		ErrWriter:                 stderr,
		HideHelpCommand:           true, // our own, below: urfave/cli's is a shared global it mutates
		DisableSliceFlagSeparator: true,
		EnableBashCompletion:      true,
		ExitErrHandler:            func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "alternate config `FILE` (default $ALEMBIC_CONFIG, else alembic.ini)"},
			&cli.StringFlag{Name: "name", Aliases: []string{"n"}, Value: "alembic", Usage: "name of the main section in the config file"},
			&cli.StringSliceFlag{Name: "x", Usage: "additional `ARG`ument (repeatable), e.g. -x url=sqlite:///other.db"},
			&cli.BoolFlag{Name: "raiseerr", Usage: "accepted for Alembic compatibility (errors are always one line)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "quiet: no output on stdout (but --json documents) and only warnings and errors on stderr"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError{unknownCommand(c.App, c.Args().First())}
			}
			cli.HelpPrinter(c.App.ErrWriter, cli.AppHelpTemplate, c.App)
			return usageError{errors.New("too few arguments")}
		},
		Commands: commands(),
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = app.OnUsageError
		cmd.HideHelpCommand = true // `retort help upgrade`, not `retort upgrade help`
	}
	return app
}

// env gathers what every command action needs from the context.
type env struct {
	c              *cli.Context
	ctx            context.Context
	g              command.Global
	stdout, stderr io.Writer
	json           bool // --json: the result is one JSON document on stdout
}

// newEnv prepares a command's output: stdout (discarded with -q, except a --json
// document) and stderr, where log lines are shown by the ini's logging levels (only
// warnings and errors with -q) and, on a terminal, a progress line.
func newEnv(c *cli.Context) (env, *console.Console, error) {
	g := command.Global{Config: c.String("config"), Name: c.String("name"), XArgs: c.StringSlice("x")}
	logging := config.DefaultLogging()
	if cfg, err := command.LoadConfig(g); err == nil { // else the command reports it
		if logging, err = cfg.Logging(); err != nil {
			return env{}, nil, err
		}
	}
	quiet := c.Bool("quiet")
	enabled := func(logger string, level int) bool {
		return (!quiet || level >= config.LevelWarning) && logging.Enabled(logger, level)
	}
	errw := console.New(c.App.ErrWriter, enabled, isTerminal(c.App.ErrWriter))
	e := env{c: c, ctx: c.Context, g: g, stdout: c.App.Writer, stderr: errw, json: c.Bool("json")}
	if quiet && !e.json {
		e.stdout = io.Discard
	}
	return e, errw, nil
}

// isTerminal reports whether w is a terminal (a character device), where a progress
// line can be redrawn in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// nargs declares how many positional arguments a command takes.
type nargs struct {
	names    string // shown in the error, e.g. "revision"
	min, max int    // max < 0: unbounded
}

// action wraps a command body with the positional-argument check.
func action(n nargs, body func(e env, args []string) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		args := c.Args().Slice()
		switch {
		case len(args) < n.min:
			return usageError{fmt.Errorf("%s: the following arguments are required: %s", c.Command.Name, n.names)}
		case n.max >= 0 && len(args) > n.max:
			return usageError{fmt.Errorf("%s: unrecognized arguments: %s", c.Command.Name, strings.Join(args[n.max:], " "))}
		}
		e, errw, err := newEnv(c)
		if err != nil {
			return err
		}
		err = body(e, args)
		if ferr := errw.Flush(); err == nil {
			err = ferr
		}
		return err
	}
}

var (
	noArgs = nargs{}
	oneRev = nargs{names: "revision", min: 1, max: 1}
)

func boolFlag(name, alias, usage string) *cli.BoolFlag {
	f := &cli.BoolFlag{Name: name, Usage: usage}
	if alias != "" {
		f.Aliases = []string{alias}
	}
	return f
}

var (
	verboseFlag = boolFlag("verbose", "v", "use more verbose output")
	sqlFlag     = boolFlag("sql", "", "don't emit SQL to the database - dump to standard output instead")
	tagFlag     = &cli.StringFlag{Name: "tag", Usage: "arbitrary 'tag' name (accepted for Alembic compatibility)"}
	messageFlag = &cli.StringFlag{Name: "message", Aliases: []string{"m"}, Usage: "message string to use with 'revision'"}
	labelFlag   = &cli.StringFlag{Name: "branch-label", Usage: "specify a branch label to apply to the new revision"}
	revIDFlag   = &cli.StringFlag{Name: "rev-id", Usage: "specify a hardcoded revision id instead of generating one"}
	lockFlag    = &cli.DurationFlag{Name: "lock-timeout", Usage: "give up after waiting this long (e.g. 30s) for a lock another migration or session holds; default: wait"}
	jsonFlag    = boolFlag("json", "", "print the result as one JSON document on stdout (fields: docs/json.md)")
	dryRunFlag  = boolFlag("dry-run", "", "print the plan from the database's version rows; change nothing")
)

func commands() []*cli.Command {
	return []*cli.Command{
		{
			Name: "init", Usage: "initialize a new scripts directory", ArgsUsage: "DIRECTORY",
			Description: examples(
				"retort init migrations", "alembic.ini (SQLite app.db) and migrations/",
				"retort init migrations --target-metadata %(here)s/schema.sql", "autogenerate from schema.sql",
				"retort -c db/alembic.ini init db/migrations", "the ini elsewhere",
			),
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "template", Aliases: []string{"t"}, Value: "generic", Usage: "setup template for use with 'init'"},
				boolFlag("package", "", "accepted for Alembic compatibility (no __init__.py is written)"),
				&cli.StringFlag{Name: "target-metadata", Usage: "write target_metadata = `VALUE` (the desired schema's .sql file or folder) in the new ini"},
				&cli.StringFlag{Name: "target-metadata-cmd", Usage: "write target_metadata_cmd = `VALUE` (a command printing the desired schema's DDL) in the new ini"},
			},
			Action: action(nargs{names: "directory", min: 1, max: 1}, func(e env, a []string) error {
				return command.Init(e.ctx, command.InitOptions{Global: e.g, Directory: a[0], Template: e.c.String("template"), Package: e.c.Bool("package"),
					TargetMetadata: e.c.String("target-metadata"), TargetMetadataCmd: e.c.String("target-metadata-cmd")}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "list_templates", Usage: "list available templates",
			Description: examples("retort list_templates", "the templates init -t takes"),
			Action: action(noArgs, func(e env, _ []string) error {
				return command.ListTemplates(e.ctx, command.ListTemplatesOptions{Global: e.g}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "revision", Usage: "create a new revision file",
			Description: examples(
				`retort revision -m "create account table"`, "an empty revision after the head",
				`retort revision --autogenerate -m "add nickname"`, "the SQL that makes the database match target_metadata",
			),
			Flags: []cli.Flag{
				messageFlag,
				boolFlag("autogenerate", "", "populate the revision from the desired schema compared to the database"),
				boolFlag("from-scripts", "", "with --autogenerate: compare with the schema the existing revisions build, not the database"),
				sqlFlag,
				&cli.StringFlag{Name: "head", Value: "head", Usage: "specify head revision or <branchname>@head to base new revision on"},
				boolFlag("splice", "", "allow a non-head revision as the 'head' to splice onto"),
				labelFlag,
				&cli.StringFlag{Name: "version-path", Usage: "specify specific path from config for version file"},
				revIDFlag,
				&cli.StringSliceFlag{Name: "depends-on", Usage: "specify one or more revision identifiers which this revision should depend on"},
			},
			Action: action(noArgs, func(e env, _ []string) error {
				return command.Revision(e.ctx, command.RevisionOptions{
					Global: e.g, Message: e.c.String("message"), Autogenerate: e.c.Bool("autogenerate"),
					FromScripts: e.c.Bool("from-scripts"), SQL: e.c.Bool("sql"),
					Head: e.c.String("head"), Splice: e.c.Bool("splice"),
					BranchLabel: e.c.String("branch-label"), VersionPath: e.c.String("version-path"),
					RevID: e.c.String("rev-id"), DependsOn: e.c.StringSlice("depends-on"),
				}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "merge", Usage: "merge two revisions together; creates a new migration file", ArgsUsage: "REVISIONS...",
			Description: examples(`retort merge heads -m "merge branches"`, "one revision whose parents are all the heads"),
			Flags:       []cli.Flag{messageFlag, labelFlag, revIDFlag},
			Action: action(nargs{names: "revisions", min: 1, max: -1}, func(e env, a []string) error {
				return command.Merge(e.ctx, command.MergeOptions{
					Global: e.g, Revisions: a, Message: e.c.String("message"),
					BranchLabel: e.c.String("branch-label"), RevID: e.c.String("rev-id"),
				}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "upgrade", Usage: "upgrade to a later version", ArgsUsage: "REVISION",
			Description: examples(
				"retort upgrade head", "apply every pending revision",
				"retort upgrade +1", "apply the next one",
				"retort upgrade head --dry-run --json", "the plan as JSON; change nothing",
			),
			Flags: []cli.Flag{sqlFlag, tagFlag, lockFlag, dryRunFlag, jsonFlag},
			Action: action(oneRev, func(e env, a []string) error {
				return command.Upgrade(e.ctx, migrateOptions(e, a[0]), e.stdout, e.stderr)
			}),
		},
		{
			Name: "downgrade", Usage: "revert to a previous version", ArgsUsage: "REVISION",
			Description: examples(
				"retort downgrade -1", "undo the last revision",
				"retort downgrade head:base --sql", "print the SQL that would undo everything",
			),
			Flags: []cli.Flag{sqlFlag, tagFlag, lockFlag, dryRunFlag, jsonFlag},
			Action: action(oneRev, func(e env, a []string) error {
				return command.Downgrade(e.ctx, command.DowngradeOptions(migrateOptions(e, a[0])), e.stdout, e.stderr)
			}),
		},
		{
			Name: "stamp", Usage: "'stamp' the revision table with the given revision; don't run any migrations", ArgsUsage: "REVISIONS...",
			Description: examples("retort stamp head", "mark the database as up to date without running anything"),
			Flags:       []cli.Flag{sqlFlag, tagFlag, boolFlag("purge", "", "unconditionally erase the version table before stamping"), lockFlag},
			Action: action(nargs{names: "revisions", min: 1, max: -1}, func(e env, a []string) error {
				return command.Stamp(e.ctx, command.StampOptions{Global: e.g, Revisions: a, SQL: e.c.Bool("sql"), Purge: e.c.Bool("purge"), LockTimeout: e.c.Duration("lock-timeout")}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "current", Usage: "display the current revision for a database",
			Description: examples("retort current", "the database's revisions", "retort current --json", "the same, with its version rows, as JSON",
				"retort current --lock-timeout 5s", "give up after 5s when another session holds the version table locked"),
			Flags: []cli.Flag{verboseFlag, jsonFlag, lockFlag},
			Action: action(noArgs, func(e env, _ []string) error {
				return command.Current(e.ctx, command.CurrentOptions{Global: e.g, Verbose: e.c.Bool("verbose"), JSON: e.json, LockTimeout: e.c.Duration("lock-timeout")}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "ensure_version", Usage: "create the version table if it doesn't exist",
			Description: examples("retort ensure_version", "create alembic_version"),
			Flags:       []cli.Flag{sqlFlag, lockFlag},
			Action: action(noArgs, func(e env, _ []string) error {
				return command.EnsureVersion(e.ctx, command.EnsureVersionOptions{Global: e.g, SQL: e.c.Bool("sql"), LockTimeout: e.c.Duration("lock-timeout")}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "check", Usage: "check if revision command with autogenerate has pending upgrade ops",
			Description: examples("retort check", "exit 1 listing the changes when the database differs from target_metadata", "retort check --json", "the same as JSON, for CI"),
			Flags:       []cli.Flag{jsonFlag},
			Action: action(noArgs, func(e env, _ []string) error {
				return command.Check(e.ctx, command.CheckOptions{Global: e.g, JSON: e.json}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "verify", Usage: "replay the history in a scratch database: check every downgrade, the heads against the desired schema, and drift",
			Description: examples("retort verify", "every revision up, down and up again in a scratch database", "retort verify --drift --json", "also the live database against the replay, as JSON"),
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "rev-range", Aliases: []string{"r"}, Usage: "verify only `START:END` (revisions up to START are just replayed)"},
				boolFlag("no-downgrade", "", "only replay the upgrades"),
				boolFlag("drift", "", "also compare the live database with the replay at its current revisions"),
				jsonFlag,
			},
			Action: action(noArgs, func(e env, _ []string) error {
				return command.Verify(e.ctx, command.VerifyOptions{Global: e.g, Range: e.c.String("rev-range"), NoDowngrade: e.c.Bool("no-downgrade"), Drift: e.c.Bool("drift"), JSON: e.json}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "lint", Usage: "report statements that take long locks or lose data (default: revisions not yet applied)", ArgsUsage: "[REVISION...]",
			Description: examples("retort lint", "the revisions the database has not applied yet", "retort lint --all --json", "every revision, as JSON"),
			Flags: []cli.Flag{
				boolFlag("all", "", "lint every revision (no database needed)"),
				jsonFlag,
				boolFlag("rules", "", "list the rules of the configured database and exit"),
			},
			Action: action(nargs{min: 0, max: -1}, func(e env, a []string) error {
				return command.Lint(e.ctx, command.LintOptions{Global: e.g, Revisions: a, All: e.c.Bool("all"), JSON: e.json, Rules: e.c.Bool("rules")}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "squash", Usage: "replace the revisions from base to REVISION by one .sql baseline with REVISION's id", ArgsUsage: "REVISION",
			Description: examples(
				"retort squash 3f2a9c1b7d10", "replace base..3f2a9c1b7d10 by one .sql baseline (schema from a scratch database)",
				"retort squash 3f2a9c1b7d10 --from-url postgresql://...", "take the schema from a database at that revision",
			),
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "from-url", Usage: "a database at REVISION to take the schema from (default: the history run in a scratch database)"},
				&cli.StringFlag{Name: "dir", Usage: "where the replaced files go (default: squashed/ in their version location)"},
			},
			Action: action(oneRev, func(e env, a []string) error {
				return command.Squash(e.ctx, command.SquashOptions{Global: e.g, Revision: a[0], FromURL: e.c.String("from-url"), Dir: e.c.String("dir")}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "heads", Usage: "show current available heads in the script directory",
			Description: examples("retort heads", "one line per head", "retort heads --json", "as JSON"),
			Flags:       []cli.Flag{verboseFlag, boolFlag("resolve-dependencies", "", "treat dependency versions as down revisions"), jsonFlag},
			Action: action(noArgs, func(e env, _ []string) error {
				return command.Heads(e.ctx, command.HeadsOptions{Global: e.g, Verbose: e.c.Bool("verbose"), ResolveDependencies: e.c.Bool("resolve-dependencies"), JSON: e.json}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "branches", Usage: "show current branch points",
			Description: examples("retort branches -v", "each branch point with its children"),
			Flags:       []cli.Flag{verboseFlag},
			Action: action(noArgs, func(e env, _ []string) error {
				return command.Branches(e.ctx, command.BranchesOptions{Global: e.g, Verbose: e.c.Bool("verbose")}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "history", Usage: "list changeset scripts in chronological order",
			Description: examples("retort history -i", "newest first, marking the database's revisions", "retort history -r=-3: --json", "the last three as JSON"),
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "rev-range", Aliases: []string{"r"}, Usage: "specify a revision range; format is [start]:[end]"},
				verboseFlag,
				boolFlag("indicate-current", "i", "indicate the current revision"),
				jsonFlag,
			},
			Action: action(noArgs, func(e env, _ []string) error {
				return command.History(e.ctx, command.HistoryOptions{Global: e.g, Range: e.c.String("rev-range"), Verbose: e.c.Bool("verbose"), IndicateCurrent: e.c.Bool("indicate-current"), JSON: e.json}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "show", Usage: "show the revision(s) denoted by the given symbol", ArgsUsage: "REV",
			Description: examples("retort show head", "the head's details", "retort show current --json", "the database's revisions as JSON"),
			Flags:       []cli.Flag{jsonFlag},
			Action: action(nargs{names: "rev", min: 1, max: 1}, func(e env, a []string) error {
				return command.Show(e.ctx, command.ShowOptions{Global: e.g, Revision: a[0], JSON: e.json}, e.stdout, e.stderr)
			}),
		},
		{
			Name: "edit", Usage: "edit revision script(s) using $EDITOR", ArgsUsage: "REV",
			Description: examples("retort edit head", "open the newest revision in $EDITOR"),
			Action: action(nargs{names: "rev", min: 1, max: 1}, func(e env, a []string) error {
				return command.Edit(e.ctx, command.EditOptions{Global: e.g, Revision: a[0]}, e.stdout, e.stderr)
			}),
		},
		helpCommand(),
		completionCommand(),
	}
}

// migrateOptions are the options of upgrade and downgrade.
func migrateOptions(e env, target string) command.UpgradeOptions {
	return command.UpgradeOptions{Global: e.g, Revision: target, SQL: e.c.Bool("sql"),
		LockTimeout: e.c.Duration("lock-timeout"), DryRun: e.c.Bool("dry-run"), JSON: e.json}
}

// normalizeArgs rewrites a command line so that urfave/cli parses it as argparse would:
// options may follow positional arguments (`downgrade base --sql`), and a positional that
// looks like a negative number (`downgrade -1`) is an argument, not an unknown flag. The
// sub-command's options are moved before its positionals, which follow a "--".
func normalizeArgs(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	i := 1
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		out = append(out, a)
		if f := findFlag(app.Flags, a); f != nil && takesValue(f) && !strings.Contains(a, "=") && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
	}
	if i >= len(args) || args[i] == "--" {
		return append(out, args[i:]...)
	}
	cmd := app.Command(args[i])
	out = append(out, args[i])
	if cmd == nil {
		return append(out, args[i+1:]...)
	}
	var flags, positional []string
	for i++; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case !strings.HasPrefix(a, "-") || a == "-":
			positional = append(positional, a)
		default:
			f := findFlag(cmd.Flags, a)
			if f == nil && looksNegative(a) {
				positional = append(positional, a)
				continue
			}
			flags = append(flags, a)
			if f != nil && takesValue(f) && !strings.Contains(a, "=") && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	out = append(out, flags...)
	if len(positional) > 0 {
		out = append(append(out, "--"), positional...)
	}
	return out
}

// findFlag returns the flag an argument such as "-r", "--rev-range=x" names, or nil.
func findFlag(flags []cli.Flag, arg string) cli.Flag {
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

func takesValue(f cli.Flag) bool {
	d, ok := f.(cli.DocGenerationFlag)
	return ok && d.TakesValue()
}

// looksNegative reports a "-" followed by a digit: a relative revision such as -1 or -2:c.
func looksNegative(a string) bool {
	return len(a) > 1 && a[0] == '-' && unicode.IsDigit(rune(a[1]))
}

package config

import (
	"strings"
	"testing"
)

// initLogging is the logging part of the ini `retort init` writes (and Alembic's generic
// template), with the alembic logger's level to fill in.
const initLogging = `[alembic]
[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = %s
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic
`

func TestLoggingEnabled(t *testing.T) {
	type check struct {
		logger string
		level  int
		want   bool
	}
	tests := []struct {
		name   string
		ini    string
		checks []check
	}{
		{"init's sections", strings.Replace(initLogging, "%s", "INFO", 1), []check{
			{"alembic.runtime.migration", LevelInfo, true},
			{"alembic.autogenerate.compare", LevelDebug, false},
			{"retort", LevelInfo, true}, // follows alembic
			{"sqlalchemy.engine", LevelInfo, false},
			{"other", LevelWarning, true},
			{"other", LevelInfo, false},
		}},
		{"alembic at WARN hides INFO", strings.Replace(initLogging, "%s", "WARN", 1), []check{
			{"alembic.runtime.migration", LevelInfo, false},
			{"alembic.runtime.migration", LevelWarning, true},
			{"retort", LevelInfo, false},
			{"retort", LevelWarning, true},
		}},
		{"a retort logger of its own", strings.Replace(initLogging, "%s", "WARN", 1) +
			"[logger_retort]\nlevel = INFO\nhandlers =\nqualname = retort\n",
			[]check{{"retort", LevelInfo, false}}, // not in [loggers] keys: not configured
		},
		{"retort listed", strings.Replace(strings.Replace(initLogging, "%s", "WARN", 1), "root,sqlalchemy,alembic", "root,sqlalchemy,alembic,retort", 1) +
			"[logger_retort]\nlevel = INFO\nhandlers =\nqualname = retort\n", []check{
			{"retort", LevelInfo, true},
			{"alembic.runtime.migration", LevelInfo, false},
		}},
		{"handler level", strings.Replace(strings.Replace(initLogging, "%s", "DEBUG", 1), "level = NOTSET", "level = ERROR", 1), []check{
			{"alembic.runtime.migration", LevelWarning, false},
			{"alembic.runtime.migration", LevelError, true},
		}},
		{"no handler: last resort", "[alembic]\n[loggers]\nkeys = root,alembic\n[logger_root]\nlevel = DEBUG\n[logger_alembic]\nlevel = INFO\nqualname = alembic\n", []check{
			{"alembic.runtime.migration", LevelInfo, false},
			{"alembic.runtime.migration", LevelWarning, true},
		}},
		{"propagate 0 without handlers", "[alembic]\n[loggers]\nkeys = root,alembic\n[handlers]\nkeys = console\n[handler_console]\nlevel = NOTSET\n[logger_root]\nlevel = INFO\nhandlers = console\n[logger_alembic]\nlevel = INFO\npropagate = 0\nqualname = alembic\n", []check{
			{"alembic.runtime.migration", LevelInfo, false},
			{"other", LevelInfo, true},
		}},
		{"no logging sections", "[alembic]\n", []check{
			{"alembic.runtime.migration", LevelInfo, true},
			{"retort", LevelInfo, true},
			{"x", LevelInfo, false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := load(t, tt.ini).Logging()
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range tt.checks {
				if got := l.Enabled(c.logger, c.level); got != c.want {
					t.Errorf("Enabled(%q, %d) = %v, want %v", c.logger, c.level, got, c.want)
				}
			}
		})
	}
}

func TestLoggingErrors(t *testing.T) {
	for ini, want := range map[string]string{
		strings.Replace(initLogging, "%s", "LOUD", 1):                     "[logger_alembic] level: 'LOUD' is not a logging level",
		"[alembic]\n[loggers]\nkeys = root,x\n[logger_x]\nlevel = INFO\n": "[logger_x] has no qualname",
	} {
		c := load(t, ini)
		if _, err := c.Logging(); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), c.Path) {
			t.Errorf("error = %v, want one naming the file and %q", err, want)
		}
	}
}

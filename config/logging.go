package config

import (
	"fmt"
	"strings"
)

// Log levels, as Python's logging numbers them.
const (
	LevelNotSet   = 0
	LevelDebug    = 10
	LevelInfo     = 20
	LevelWarning  = 30
	LevelError    = 40
	LevelCritical = 50
)

var levelNames = map[string]int{
	"NOTSET": LevelNotSet, "DEBUG": LevelDebug, "INFO": LevelInfo, "WARN": LevelWarning,
	"WARNING": LevelWarning, "ERROR": LevelError, "CRITICAL": LevelCritical, "FATAL": LevelCritical,
}

// ParseLevel reads a level name (INFO, WARN, ...; any case) as logging.config reads it.
func ParseLevel(s string) (int, bool) {
	n, ok := levelNames[strings.ToUpper(strings.TrimSpace(s))]
	return n, ok
}

// Logging is the logging configuration of an ini file, reduced to what decides whether a
// log line is shown, as Python's logging.config.fileConfig sets it up for Alembic: each
// configured logger's level, handlers and propagation, and each handler's level.
type Logging struct {
	loggers  map[string]logger // by qualname; "" is the root logger
	handlers map[string]int    // handler name -> level
}

type logger struct {
	level     int
	handlers  []string
	propagate bool
}

// DefaultLogging is what an ini without logging sections gets: the sections `init` writes
// (root at WARN, alembic at INFO, one console handler).
func DefaultLogging() *Logging {
	return &Logging{
		loggers: map[string]logger{
			"":        {level: LevelWarning, handlers: []string{"console"}},
			"alembic": {level: LevelInfo, propagate: true},
		},
		handlers: map[string]int{"console": LevelNotSet},
	}
}

// Logging reads [loggers], [logger_*], [handlers] and [handler_*]; without a [loggers]
// section it is DefaultLogging. A level that is not a level name is an error naming the
// section.
func (c *Config) Logging() (*Logging, error) {
	keys, ok, err := c.LookupIn("loggers", "keys")
	if err != nil {
		return nil, err
	}
	if !ok {
		return DefaultLogging(), nil
	}
	l := &Logging{loggers: map[string]logger{}, handlers: map[string]int{}}
	level := func(section string) (int, error) {
		v, ok, err := c.LookupIn(section, "level")
		if err != nil || !ok {
			return LevelNotSet, err
		}
		n, known := ParseLevel(v)
		if !known {
			return 0, fmt.Errorf("%s: [%s] level: '%s' is not a logging level (DEBUG, INFO, WARN, ERROR, CRITICAL, NOTSET)", c.Path, section, v)
		}
		return n, nil
	}
	hkeys, _, err := c.LookupIn("handlers", "keys")
	if err != nil {
		return nil, err
	}
	for _, h := range splitKeys(hkeys) {
		n, err := level("handler_" + h)
		if err != nil {
			return nil, err
		}
		l.handlers[h] = n
	}
	for _, k := range splitKeys(keys) {
		section := "logger_" + k
		lg := logger{propagate: true}
		if lg.level, err = level(section); err != nil {
			return nil, err
		}
		hs, _, err := c.LookupIn(section, "handlers")
		if err != nil {
			return nil, err
		}
		lg.handlers = splitKeys(hs)
		if p, ok, err := c.LookupIn(section, "propagate"); err != nil {
			return nil, err
		} else if ok && strings.TrimSpace(p) == "0" {
			lg.propagate = false
		}
		name := ""
		if k != "root" {
			if name, ok, err = c.LookupIn(section, "qualname"); err != nil {
				return nil, err
			} else if !ok {
				return nil, fmt.Errorf("%s: [%s] has no qualname", c.Path, section)
			}
			name = strings.TrimSpace(name)
		}
		l.loggers[name] = lg
	}
	if _, ok := l.loggers[""]; !ok {
		l.loggers[""] = logger{level: LevelWarning}
	}
	return l, nil
}

func splitKeys(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// Enabled reports whether a record of level from the logger called name is written, as
// Python's logging decides it: the level must reach the first level set along the dotted
// name (then the root's), and a handler on the way up (while loggers propagate) must take
// it; with no handler at all, Python's last resort prints WARNING and above.
//
// retort's own lines use the logger "retort". An Alembic ini does not configure it, so
// until one does ([logger_retort] with qualname = retort), it follows the alembic logger:
// whoever quiets Alembic quiets retort's lines too.
func (l *Logging) Enabled(name string, level int) bool {
	if name == "retort" || strings.HasPrefix(name, "retort.") {
		if !l.configured("retort") {
			name = "alembic" + strings.TrimPrefix(name, "retort")
		}
	}
	chain := ancestry(name)
	effective := LevelNotSet
	for _, n := range chain {
		if lg, ok := l.loggers[n]; ok && lg.level != LevelNotSet {
			effective = lg.level
			break
		}
	}
	if level < effective {
		return false
	}
	sawHandler := false
	for _, n := range chain {
		lg, ok := l.loggers[n]
		if !ok {
			continue
		}
		for _, h := range lg.handlers {
			sawHandler = true
			if level >= l.handlers[h] {
				return true
			}
		}
		if !lg.propagate {
			break
		}
	}
	return !sawHandler && level >= LevelWarning
}

// configured reports whether name or one of its descendants has a logger section.
func (l *Logging) configured(name string) bool {
	for n := range l.loggers {
		if n == name || strings.HasPrefix(n, name+".") {
			return true
		}
	}
	return false
}

// ancestry is name, its dotted parents, and the root "".
func ancestry(name string) []string {
	var out []string
	for name != "" {
		out = append(out, name)
		i := strings.LastIndexByte(name, '.')
		if i < 0 {
			break
		}
		name = name[:i]
	}
	return append(out, "")
}

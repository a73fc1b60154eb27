// Package console is the command line's standard error: it shows or hides log lines by
// the logging levels of alembic.ini (and -q), and on a terminal keeps a transient status
// line (the progress of a long run) below them.
//
// Every log line retort writes has Alembic's format, "LEVEL [logger] message" (one
// writer, runner.LogLine, makes them), so deciding on the written lines decides them all
// in one place, after the fact, as Python's logging handlers do for Alembic; the code that
// logs needs no logging configuration.
package console

import (
	"io"
	"strings"
	"sync"
	"time"

	"github.com/retort-dev/retort/config"
)

// Enabled decides whether a record of level from logger is shown.
type Enabled func(logger string, level int) bool

// Console filters log lines written to it and shows a status line on a terminal.
type Console struct {
	mu      sync.Mutex
	w       io.Writer
	enabled Enabled
	tty     bool
	partial []byte // an unfinished line
	shown   bool   // whether the last log line was shown (its indented continuation lines follow it)
	status  func() string
	drawn   bool // a status line is on screen
	stop    chan struct{}
}

// New returns a Console writing to w. tty turns on the status line.
func New(w io.Writer, enabled Enabled, tty bool) *Console {
	return &Console{w: w, enabled: enabled, tty: tty, shown: true}
}

// Write shows each complete line that is not a log line of a hidden level.
func (c *Console) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.partial = append(c.partial, p...)
	var out []byte
	for {
		i := strings.IndexByte(string(c.partial), '\n')
		if i < 0 {
			break
		}
		line := c.partial[:i+1]
		if c.show(string(line)) {
			out = append(out, line...)
		}
		c.partial = c.partial[i+1:]
	}
	if len(out) > 0 {
		if err := c.print(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// show decides one line: a log line by its logger and level, an indented line as the log
// line before it (the rest of a multi-line message), any other line is shown.
func (c *Console) show(line string) bool {
	if logger, level, ok := ParseLine(line); ok {
		c.shown = c.enabled(logger, level)
		return c.shown
	}
	if line != "" && (line[0] == ' ' || line[0] == '\t') {
		return c.shown
	}
	c.shown = true
	return true
}

// print writes text above the status line.
func (c *Console) print(text []byte) error {
	c.clear()
	_, err := c.w.Write(text)
	c.draw()
	return err
}

// Flush writes an unfinished last line and removes the status line.
func (c *Console) Flush() error {
	c.StopStatus()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.partial) == 0 {
		return nil
	}
	text := c.partial
	c.partial = nil
	if !c.show(string(text)) {
		return nil
	}
	_, err := c.w.Write(text)
	return err
}

// Status shows the line status() returns below the log, redrawn every refresh, until
// StopStatus; a no-op off a terminal.
func (c *Console) Status(status func() string, refresh time.Duration) {
	if !c.tty {
		return
	}
	c.StopStatus()
	c.mu.Lock()
	c.status = status
	c.stop = make(chan struct{})
	stop := c.stop
	c.draw()
	c.mu.Unlock()
	go func() {
		t := time.NewTicker(refresh)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				c.mu.Lock()
				c.draw()
				c.mu.Unlock()
			}
		}
	}()
}

// Redraw shows the status line again at once.
func (c *Console) Redraw() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.draw()
}

// StopStatus removes the status line.
func (c *Console) StopStatus() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stop != nil {
		close(c.stop)
		c.stop = nil
	}
	c.clear()
	c.status = nil
}

// clear erases the status line (carriage return, erase to end of line).
func (c *Console) clear() {
	if c.drawn {
		io.WriteString(c.w, "\r\x1b[K")
		c.drawn = false
	}
}

func (c *Console) draw() {
	if c.status == nil {
		return
	}
	c.clear()
	io.WriteString(c.w, c.status())
	c.drawn = true
}

// levels maps the level field of Alembic's format ("%(levelname)-5.5s") to the level.
var levels = map[string]int{
	"DEBUG": config.LevelDebug, "INFO ": config.LevelInfo, "WARNI": config.LevelWarning,
	"ERROR": config.LevelError, "CRITI": config.LevelCritical,
}

// ParseLine reads a log line "LEVEL [logger] message": ok is false for other text.
func ParseLine(line string) (logger string, level int, ok bool) {
	if len(line) < 8 || line[5] != ' ' || line[6] != '[' {
		return "", 0, false
	}
	level, ok = levels[line[:5]]
	if !ok {
		return "", 0, false
	}
	end := strings.IndexByte(line[7:], ']')
	if end < 0 {
		return "", 0, false
	}
	return line[7 : 7+end], level, true
}

package console

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/config"
)

func infoAndUp(logger string, level int) bool { return level >= config.LevelInfo }

func TestFilter(t *testing.T) {
	var out bytes.Buffer
	c := New(&out, func(logger string, level int) bool {
		return logger != "alembic.runtime.migration" || level >= config.LevelWarning
	}, false)
	for _, chunk := range []string{
		"INFO  [alembic.runtime.migration] Context impl SQLiteImpl.\n",
		"INFO  [retort] Database x (from y)\nWARNI [alembic.runtime.migration] careful\n  second line of the warning\n",
		"INFO  [alembic.runtime.migration] Running upgrade\n  hidden continuation\n",
		"not a log line\n",
		"INFO  [retort] unfin", "ished\n",
		"trailing",
	} {
		c.Write([]byte(chunk))
	}
	c.Flush()
	want := "INFO  [retort] Database x (from y)\nWARNI [alembic.runtime.migration] careful\n  second line of the warning\nnot a log line\nINFO  [retort] unfinished\ntrailing"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
}

func TestParseLine(t *testing.T) {
	for line, want := range map[string]string{
		"INFO  [alembic.runtime.migration] x\n": "alembic.runtime.migration 20",
		"WARNI [retort] x\n":                    "retort 30",
		"ERROR [a.b] x":                         "a.b 40",
		"DEBUG [a] ":                            "a 10",
		"INFO x":                                "",
		"FAILED: x":                             "",
		"INFO  [unclosed":                       "",
	} {
		logger, level, ok := ParseLine(line)
		got := ""
		if ok {
			got = logger + " " + map[int]string{10: "10", 20: "20", 30: "30", 40: "40"}[level]
		}
		if got != want {
			t.Errorf("ParseLine(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestStatus: on a terminal the status line is drawn below the log, erased before each
// log line and redrawn after it, and removed at the end; off a terminal nothing is drawn.
func TestStatus(t *testing.T) {
	var out bytes.Buffer
	c := New(&out, infoAndUp, true)
	n := 0
	c.Status(func() string { n++; return "upgrade: revision 1 of 2, 0.01s" }, time.Hour)
	c.Write([]byte("INFO  [alembic.runtime.migration] Running upgrade a -> b\n"))
	c.StopStatus()
	want := "upgrade: revision 1 of 2, 0.01s" + "\r\x1b[K" + "INFO  [alembic.runtime.migration] Running upgrade a -> b\n" +
		"upgrade: revision 1 of 2, 0.01s" + "\r\x1b[K"
	if out.String() != want {
		t.Errorf("terminal output\n%q\nwant\n%q", out.String(), want)
	}

	out.Reset()
	c = New(&out, infoAndUp, false)
	c.Status(func() string { return "status" }, time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	c.Write([]byte("INFO  [x] y\n"))
	c.Flush()
	if strings.Contains(out.String(), "status") || out.String() != "INFO  [x] y\n" {
		t.Errorf("off a terminal: %q", out.String())
	}
}

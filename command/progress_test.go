package command

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// statusLog is a StatusWriter recording the log and every status line drawn.
type statusLog struct {
	bytes.Buffer
	mu     sync.Mutex
	status func() string
	drawn  []string
}

func (s *statusLog) Status(status func() string, _ time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status = status
}

func (s *statusLog) StopStatus() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status = nil
}

func (s *statusLog) Redraw() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drawn = append(s.drawn, s.status())
}

// Write draws the status after each log line, as a terminal's console does.
func (s *statusLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.Buffer.Write(p)
	if s.status != nil {
		s.drawn = append(s.drawn, s.status())
	}
	return n, err
}

// TestProgress: on a terminal the status line counts the revisions (k of n) and the run
// ends with one summary line; an up-to-date run says 0 revisions.
func TestProgress(t *testing.T) {
	m, _ := libMigrator(t)
	log := &statusLog{}
	m.Log = log
	if err := applyRun(m, "upgrade", log, func() error { return m.Upgrade(context.Background(), "cccc") }); err != nil {
		t.Fatal(err)
	}
	// redrawn as each revision starts, and after each log line
	want := []string{"upgrade: planning", "upgrade: planning", "upgrade: planning", "upgrade: revision 1 of 3",
		"upgrade: revision 1 of 3", "upgrade: revision 2 of 3", "upgrade: revision 2 of 3", "upgrade: revision 3 of 3"}
	var got []string
	for _, d := range log.drawn {
		got = append(got, regexp.MustCompile(`, \d+\.\d\ds$`).ReplaceAllString(d, ""))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("status lines %q, want %q", got, want)
	}
	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	if last := lines[len(lines)-1]; !regexp.MustCompile(`^INFO  \[retort\] upgrade: 3 revisions applied in \d+\.\d\ds$`).MatchString(last) {
		t.Errorf("last line %q, want the summary", last)
	}
	if log.status != nil {
		t.Error("status line left on screen")
	}

	log.Reset()
	if err := applyRun(m, "upgrade", log, func() error { return m.Upgrade(context.Background(), "cccc") }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "INFO  [retort] upgrade: 0 revisions applied in ") {
		t.Errorf("up-to-date run: %q", log.String())
	}
}

func TestElapsed(t *testing.T) {
	for d, want := range map[time.Duration]string{
		420 * time.Millisecond: "0.42s", 12300 * time.Millisecond: "12.3s", 125 * time.Second: "2m05s",
	} {
		if got := elapsed(d); got != want {
			t.Errorf("elapsed(%v) = %q, want %q", d, got, want)
		}
	}
}

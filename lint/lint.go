// Package lint reports the statements of revisions that take long locks or lose data on
// tables that existed before the revision: CREATE INDEX without CONCURRENTLY, constraints
// added without NOT VALID, column type changes that rewrite a table, dropped tables and
// columns, SQLite table rebuilds, and so on. Each database has its own rule set (see
// postgres.go, sqlite.go, mysql.go), chosen by the dialect's name through a registry.
//
// Lint is pure: revisions (their upgrade statements, in upgrade order) in, findings out.
// What a table looked like before a revision is learnt from the statements of the
// revisions before it (or seeded from a reflected schema), so no database is needed.
// A finding can be waived in the revision's header with "-- lint: ignore RULE reason"
// ("# lint: ignore RULE reason" in a .py revision).
package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
)

// Severity is how bad a finding is; `retort lint` fails on errors.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Rule is one check.
type Rule struct {
	ID       string
	Severity Severity
	// Summary says in a line what the rule finds (for documentation and --rules).
	Summary string
	// Remedy is the one-line fix printed under each finding.
	Remedy string
	// LargeRows, when set, makes a warning of this rule an error on a table with at least
	// that many rows, when the caller knows the row counts (see Sized).
	LargeRows int64
	check     func(sc *scope, s *stmt) []hit
}

// hit is a rule firing on a statement; severity "" means the rule's.
type hit struct {
	line     int
	msg      string
	severity Severity
	table    string // the table it is about, when one
}

// RuleSet is a database's rules.
type RuleSet struct {
	Dialect string
	Rules   []*Rule
	// Lex are the database's lexical rules, for reading statements; For takes them from
	// the dialect, these are for callers that only have a name.
	Lex sqlscript.Options
}

var registry = map[string]*RuleSet{}

// register adds a dialect's rule set; each rule set file calls it from init.
func register(rs *RuleSet) { registry[rs.Dialect] = rs }

// Namer is the part of a dialect lint needs: its SQLAlchemy name.
type Namer interface{ Name() string }

// For returns the rule set of a dialect, reading statements with the dialect's lexical
// options when it has them (every dialect.Dialect does).
func For(d Namer) (*RuleSet, error) {
	rs, ok := registry[d.Name()]
	if !ok {
		return nil, fmt.Errorf("lint: no rules for %s databases", d.Name())
	}
	if l, ok := d.(interface{ SQLOptions() sqlscript.Options }); ok {
		c := *rs
		c.Lex = l.SQLOptions()
		return &c, nil
	}
	return rs, nil
}

// Rule returns the rule with the given id, or nil.
func (rs *RuleSet) Rule(id string) *Rule {
	for _, r := range rs.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Revision is one revision to lint, or only to learn the schema from (Report false).
type Revision struct {
	ID   string
	Path string
	// Transactional is false for "-- transactional: false" revisions.
	Transactional bool
	// Statements are the upgrade section's statements (for .py revisions, their SQL
	// as rendered for the database).
	Statements []sqlscript.Statement
	// Waivers are the "lint: ignore" lines of the header (see ParseWaivers).
	Waivers []Waiver
	// Report asks for findings; revisions before the ones linted only feed the model.
	Report bool
	// Unread, when set, is why the body could not be read for lint (e.g. a .py batch
	// block that needs the live table); it is reported as a not-linted warning.
	Unread error
}

// Finding is one rule firing on one statement.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Revision string   `json:"revision"`
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Table    string   `json:"table,omitempty"`
	Remedy   string   `json:"remedy,omitempty"`
	Waived   bool     `json:"waived"`
	Reason   string   `json:"waiver_reason,omitempty"`
}

// String is "file:line: RULE message" with the severity (and waiver) in brackets.
func (f Finding) String() string {
	tag := string(f.Severity)
	if f.Waived {
		tag = "waived: " + f.Reason
	}
	return fmt.Sprintf("%s:%d: %s %s [%s]", f.File, f.Line, f.Rule, f.Message, tag)
}

// Counts tallies findings that are not waived, by severity, and the waived ones.
func Counts(fs []Finding) (errors, warnings, waived int) {
	for _, f := range fs {
		switch {
		case f.Waived:
			waived++
		case f.Severity == Error:
			errors++
		default:
			warnings++
		}
	}
	return
}

// Rule ids of lint's own findings (not rules of a set).
const (
	RuleWaiver    = "lint-waiver"
	RuleNotLinted = "not-linted"
)

// Check lints revs, given in upgrade order (each after the revisions it depends on).
// known, when not nil, is the schema before the first revision (autogenerate passes
// the live one); otherwise the model starts empty and learns from every revision.
func (rs *RuleSet) Check(revs []Revision, known *schema.Schema) []Finding {
	m := newModel()
	m.seed(known, rs.Lex)
	var out []Finding
	for i := range revs {
		out = append(out, rs.revision(&revs[i], m)...)
	}
	return out
}

// scope is what a rule sees of the revision around a statement.
type scope struct {
	rs      *RuleSet
	rev     *Revision
	m       *model          // the schema before the statement
	created map[string]bool // tables created earlier in this revision
	// createdAny are the tables any statement of this revision creates.
	createdAny map[string]bool
	stmts      []*stmt
	idx        int
	// notValid are constraints this revision added NOT VALID (by name).
	notValid map[string]bool
}

// existing reports whether table existed before the revision.
func (sc *scope) existing(table string) bool { return table != "" && !sc.created[table] }

func (rs *RuleSet) revision(rev *Revision, m *model) []Finding {
	stmts := make([]*stmt, len(rev.Statements))
	createdAny := map[string]bool{}
	for i, st := range rev.Statements {
		stmts[i] = parse(st.SQL, st.Line, rs.Lex)
		if stmts[i].kind == sCreateTable {
			createdAny[stmts[i].table()] = true
		}
	}
	sc := &scope{rs: rs, rev: rev, m: m, created: map[string]bool{}, createdAny: createdAny,
		stmts: stmts, notValid: map[string]bool{}}
	var hits []Finding
	for i, s := range stmts {
		sc.idx = i
		if rev.Report {
			for _, r := range rs.Rules {
				for _, h := range r.check(sc, s) {
					sev := h.severity
					if sev == "" {
						sev = r.Severity
					}
					hits = append(hits, Finding{File: rev.Path, Line: h.line, Revision: rev.ID, Rule: r.ID,
						Severity: sev, Message: h.msg, Remedy: r.Remedy, Table: h.table})
				}
			}
		}
		sc.learn(s)
	}
	if !rev.Report {
		return nil
	}
	if rev.Unread != nil {
		hits = append(hits, Finding{File: rev.Path, Line: 1, Revision: rev.ID, Rule: RuleNotLinted, Severity: Warning,
			Message: "the upgrade could not be read for lint: " + rev.Unread.Error(),
			Remedy:  "review this revision by hand"})
	}
	return rs.waive(rev, hits)
}

// learn updates the model and the revision's bookkeeping after s.
func (sc *scope) learn(s *stmt) {
	switch s.kind {
	case sCreateTable:
		sc.created[s.table()] = true
	case sAlterTable:
		for _, a := range s.actions {
			switch {
			case a.kind == aRenameTable && sc.created[s.table()]:
				sc.created[a.to] = true
			case a.kind == aAddConstraint && a.notValid && a.conName != "":
				sc.notValid[a.conName] = true
			}
		}
	}
	sc.m.apply(s)
}

// waive marks the findings the revision's waivers cover and reports waivers without a
// reason, for unknown rules, or that cover nothing.
func (rs *RuleSet) waive(rev *Revision, hits []Finding) []Finding {
	used := make([]bool, len(rev.Waivers))
	for i := range hits {
		for k, w := range rev.Waivers {
			if w.Rule == hits[i].Rule && w.Reason != "" {
				hits[i].Waived, hits[i].Reason = true, w.Reason
				used[k] = true
				break
			}
		}
	}
	for k, w := range rev.Waivers {
		f := Finding{File: rev.Path, Line: w.Line, Revision: rev.ID, Rule: RuleWaiver}
		switch {
		case w.Rule == "":
			f.Severity, f.Message, f.Remedy = Error, "a lint waiver names no rule", "write '-- lint: ignore RULE-ID reason'"
		case w.Reason == "":
			f.Severity, f.Message, f.Remedy = Error, fmt.Sprintf("the waiver of %s gives no reason", w.Rule), "say why after the rule id: '-- lint: ignore "+w.Rule+" <reason>'"
		case rs.Rule(w.Rule) == nil:
			f.Severity, f.Message, f.Remedy = Warning, fmt.Sprintf("the waiver names %s, which is not a %s lint rule", w.Rule, rs.Dialect), "check the rule id (retort lint --rules lists them)"
		case !used[k]:
			f.Severity, f.Message, f.Remedy = Warning, fmt.Sprintf("the waiver of %s matches no finding", w.Rule), "remove the waiver"
		default:
			continue
		}
		hits = append(hits, f)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Line < hits[j].Line })
	return hits
}

// Waiver is a "lint: ignore RULE reason" header line.
type Waiver struct {
	Line   int
	Rule   string
	Reason string
}

// ParseWaivers reads the waivers of a revision file: "-- lint: ignore RULE reason" lines
// among the leading comment lines of a .sql file, or "# lint: ignore RULE reason" lines
// before the first def of a .py file.
func ParseWaivers(data []byte, python bool) []Waiver {
	var out []Waiver
	started := false
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		var text string
		switch {
		case python && strings.HasPrefix(t, "def "):
			return out
		case python && strings.HasPrefix(t, "#"):
			text = strings.TrimSpace(t[1:])
		case python:
			continue
		case strings.HasPrefix(t, "--"):
			started = true
			text = strings.TrimSpace(t[2:])
			if text == "+upgrade" || text == "+downgrade" {
				return out
			}
		case t == "" && !started:
			continue
		default:
			return out
		}
		rest, ok := strings.CutPrefix(text, "lint:")
		if !ok {
			continue
		}
		w := Waiver{Line: i + 1}
		if f := strings.Fields(rest); len(f) > 1 && f[0] == "ignore" {
			w.Rule = f[1]
			w.Reason = strings.Join(f[2:], " ")
		}
		out = append(out, w)
	}
	return out
}

// Sized completes findings of rules that depend on a table's size (LargeRows) with the
// table's row count, from rows (ok false: unknown, e.g. a table a pending revision
// creates): the count is added to the message, and a warning on a table of LargeRows
// rows or more becomes an error.
func (rs *RuleSet) Sized(fs []Finding, rows func(table string) (n int64, ok bool)) []Finding {
	for i := range fs {
		f := &fs[i]
		r := rs.Rule(f.Rule)
		if r == nil || r.LargeRows == 0 || f.Table == "" {
			continue
		}
		n, ok := rows(f.Table)
		if !ok {
			continue
		}
		f.Message += fmt.Sprintf(" (%d rows now)", n)
		if n >= r.LargeRows && f.Severity == Warning {
			f.Severity = Error
		}
	}
	return fs
}

// SizedRules reports whether any rule of the set depends on table sizes.
func (rs *RuleSet) SizedRules() bool {
	for _, r := range rs.Rules {
		if r.LargeRows > 0 {
			return true
		}
	}
	return false
}

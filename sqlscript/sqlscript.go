// Package sqlscript reads SQL text: a token stream (Lexer) under per-database lexical
// Options, and statement splitting on it (Split). Its users are the revision runner, the
// autogenerate cache's statement attribution and the SQLite DDL reader, so they all agree
// on what is a quote, a comment or an identifier. Split knows trigger bodies (BEGIN ...
// END;), BEGIN ATOMIC, MySQL routine bodies and the DELIMITER directive, so functions,
// DO blocks, triggers and procedures need no markers.
package sqlscript

import (
	"fmt"
	"strings"
)

// Statement is one statement of a script, without its terminating semicolon.
type Statement struct {
	SQL  string
	Line int // 1-based line of the statement's first character in the file
}

// SyntaxError is an unterminated construct, or a malformed DELIMITER directive; Line is
// where it starts. Callers prefix the file name.
type SyntaxError struct {
	Line   int
	What   string // e.g. "quoted string", "$body$ string", "block comment"
	Reason string // instead of "unterminated What", when set
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Problem())
}

// Problem is the error without its line, e.g. "unterminated quoted string".
func (e *SyntaxError) Problem() string {
	if e.Reason != "" {
		return e.Reason
	}
	return "unterminated " + e.What
}

// Split splits src, whose first line is line firstLine of its file, into statements
// under the Generic options.
func Split(src string, firstLine int) ([]Statement, error) {
	return Generic.Split(src, firstLine)
}

// Split splits src, whose first line is line firstLine of its file, into statements.
// An unterminated quote, dollar body or comment is an error naming the line it starts on.
// Statements made only of whitespace and comments are dropped; comments before a
// statement are not part of it.
func (o Options) Split(src string, firstLine int) ([]Statement, error) {
	spans, err := o.split(src)
	if err != nil {
		err.Line += firstLine - 1
		return nil, err
	}
	out := make([]Statement, 0, len(spans))
	line, pos := firstLine, 0
	for _, sp := range spans {
		line += strings.Count(src[pos:sp.start], "\n")
		pos = sp.start
		out = append(out, Statement{SQL: src[sp.start:sp.end], Line: line})
	}
	return out, nil
}

// span is a statement's byte range in the source, without the terminator and
// without trailing whitespace.
type span struct{ start, end int }

// split splits src under the Generic options.
func split(src string) ([]span, error) {
	spans, err := Generic.split(src)
	if err != nil {
		return nil, err
	}
	return spans, nil
}

func (o Options) split(src string) ([]span, *SyntaxError) {
	s := &splitter{lx: Lexer{src: src, opts: o, atStart: true}, start: -1}
	for {
		t := s.lx.Next()
		switch t.Kind {
		case EOF:
			s.finish()
			return s.spans, nil
		case Error:
			return nil, s.lx.err
		case End:
			if s.pendingEnd {
				s.closeBlock()
			}
			// ';' inside parentheses or a body continues the statement; a delimiter set
			// by DELIMITER always ends it
			if (s.depth > 0 || s.parens > 0) && t.End-t.Start == 1 && src[t.Start] == ';' {
				s.token(t)
				continue
			}
			s.finish()
		case Directive:
			s.finish()
		default:
			s.next(t)
		}
	}
}

// splitter groups the token stream into statements. A ';' ends a statement unless it
// is inside parentheses or a block body (a trigger's or routine's BEGIN ... END, a BEGIN
// ATOMIC ... END), where CASE ... END pairs are counted so their END does not close the body.
type splitter struct {
	lx    Lexer
	spans []span
	start int // start of the current statement, -1 before its first token
	end   int // end of its last token

	nwords     int  // words read in the statement, up to 4
	first      kw   // its first words, for CREATE [TEMP] TRIGGER
	second     kw   //
	depth      int  // open BEGIN/CASE blocks inside a block body
	parens     int  // open parentheses: like psql, ';' inside them does not end a statement
	afterBeg   bool // previous word was BEGIN (waiting for ATOMIC)
	isBody     bool // BEGIN opens a body: a trigger (TriggerBodies) or routine (RoutineBodies)
	routine    routineState
	pendingEnd bool // RoutineBodies: an END inside a body, closing unless IF, LOOP, ... follows
}

func (s *splitter) token(t Token) {
	if s.start < 0 {
		s.start = t.Start
	}
	s.end = t.End
}

func (s *splitter) next(t Token) {
	s.token(t)
	w := kwNone
	if t.Kind == Word {
		w = keyword(s.lx.src[t.Start:t.End])
	}
	if s.pendingEnd {
		s.pendingEnd = false
		switch w {
		case kwIf, kwLoop, kwWhile, kwRepeat:
			return // END IF: the IF was not counted
		case kwCase:
			s.depth-- // END CASE closes the CASE
			return
		}
		s.closeBlock()
	}
	if s.lx.opts.RoutineBodies && s.routine < routineDone {
		s.routineWord(t, w)
	}
	switch t.Kind {
	case Word:
		s.word(w)
	case Quoted, String, Server:
		s.afterBeg = false
	case Op:
		switch s.lx.src[t.Start] {
		case '(':
			s.parens++
		case ')':
			if s.parens > 0 {
				s.parens--
			}
		}
	}
}

// word tracks the keywords that open and close block bodies.
func (s *splitter) word(w kw) {
	if s.nwords < 4 {
		switch s.nwords {
		case 0:
			s.first = w
		case 1:
			s.second = w
		}
		s.nwords++
		// CREATE TRIGGER, CREATE TEMP TRIGGER, CREATE TEMPORARY TRIGGER
		if s.lx.opts.TriggerBodies && s.first == kwCreate && w == kwTrigger &&
			(s.nwords == 2 || s.nwords == 3 && (s.second == kwTemp || s.second == kwTemporary)) {
			s.isBody = true
		}
	}
	atomic := s.afterBeg && w == kwAtomic
	s.afterBeg = false
	switch {
	case atomic:
		s.depth++
	case w == kwBegin:
		if s.isBody {
			s.depth++
		} else if s.lx.opts.BeginAtomic {
			s.afterBeg = true
		}
	case w == kwCase && s.depth > 0:
		s.depth++
	case w == kwEnd && s.depth > 0:
		if s.lx.opts.RoutineBodies {
			s.pendingEnd = true
		} else {
			s.depth--
		}
	}
}

func (s *splitter) closeBlock() {
	s.pendingEnd = false
	if s.depth > 0 {
		s.depth--
	}
}

// routineState follows the head of a MySQL statement, CREATE [OR REPLACE]
// [DEFINER = user[@host] | CURRENT_USER[()]] [AGGREGATE] {PROCEDURE|FUNCTION|TRIGGER|EVENT},
// to tell whether a BEGIN opens the routine's body.
type routineState uint8

const (
	routineStart    routineState = iota // expecting CREATE
	routineHead                         // after CREATE: OR REPLACE, DEFINER, AGGREGATE or the kind
	routineDefEq                        // after DEFINER: '='
	routineDefUser                      // the user
	routineDefAfter                     // after the user: '@host', '()' or back to the head
	routineDefHost                      // after '@': the host
	routineDefParen                     // after CURRENT_USER(: ')'
	routineDone                         // decided
)

func (s *splitter) routineWord(t Token, w kw) {
	op := byte(0)
	if t.Kind == Op {
		op = s.lx.src[t.Start]
	}
	switch s.routine {
	case routineStart:
		s.routine = routineDone
		if w == kwCreate {
			s.routine = routineHead
		}
		return
	case routineDefEq:
		s.routine = routineDone
		if op == '=' {
			s.routine = routineDefUser
		}
		return
	case routineDefUser:
		s.routine = routineDefAfter
		return
	case routineDefHost:
		s.routine = routineHead
		return
	case routineDefParen:
		s.routine = routineDone
		if op == ')' {
			s.routine = routineHead
		}
		return
	case routineDefAfter:
		switch op {
		case '@':
			s.routine = routineDefHost
			return
		case '(':
			s.routine = routineDefParen
			return
		}
	}
	// routineHead
	switch w {
	case kwOr, kwReplace, kwAggregate:
		s.routine = routineHead
	case kwDefiner:
		s.routine = routineDefEq
	case kwProcedure, kwFunction, kwTrigger, kwEvent:
		s.routine = routineDone
		s.isBody = true
	default:
		s.routine = routineDone
	}
}

func (s *splitter) finish() {
	if s.start >= 0 {
		s.spans = append(s.spans, span{s.start, s.end})
	}
	s.start, s.end = -1, 0
	s.nwords, s.first, s.second, s.depth, s.parens = 0, kwNone, kwNone, 0, 0
	s.afterBeg, s.isBody, s.routine, s.pendingEnd = false, false, routineStart, false
}

// kw is a keyword the splitter acts on.
type kw uint8

const (
	kwNone kw = iota
	kwAggregate
	kwAtomic
	kwBegin
	kwCase
	kwCreate
	kwDefiner
	kwEnd
	kwEvent
	kwFunction
	kwIf
	kwLoop
	kwOr
	kwProcedure
	kwRepeat
	kwReplace
	kwTemp
	kwTemporary
	kwTrigger
	kwWhile
)

var keywords = [...]string{
	kwAggregate: "AGGREGATE", kwAtomic: "ATOMIC", kwBegin: "BEGIN", kwCase: "CASE", kwCreate: "CREATE",
	kwDefiner: "DEFINER", kwEnd: "END", kwEvent: "EVENT", kwFunction: "FUNCTION", kwIf: "IF", kwLoop: "LOOP",
	kwOr: "OR", kwProcedure: "PROCEDURE", kwRepeat: "REPEAT", kwReplace: "REPLACE", kwTemp: "TEMP",
	kwTemporary: "TEMPORARY", kwTrigger: "TRIGGER", kwWhile: "WHILE",
}

// byLength lists the keywords of each length, so most words are ruled out by length alone.
var byLength = func() (m [10][]kw) {
	for k := kwNone + 1; int(k) < len(keywords); k++ {
		m[len(keywords[k])] = append(m[len(keywords[k])], k)
	}
	return m
}()

// keyword returns the keyword w spells in any case, or kwNone.
func keyword(w string) kw {
	if len(w) >= len(byLength) {
		return kwNone
	}
	for _, k := range byLength[len(w)] {
		if equalUpper(w, keywords[k]) {
			return k
		}
	}
	return kwNone
}

// equalUpper reports whether w is upper, ignoring ASCII case.
func equalUpper(w, upper string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}

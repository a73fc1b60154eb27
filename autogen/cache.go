package autogen

// The desired schema is normalised by running its DDL in a scratch database, which on a
// server costs seconds for a thousand tables. Developers re-plan while changing a few
// tables, so each table's reflected form is cached under a key covering everything that
// can shape it, and only the tables whose key changed are built again. The cache is only
// an accelerator: whenever a statement cannot be attributed to one table with certainty,
// or the partial build looks in any way unlike what a full build would give, the full
// build runs as before.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
)

// cacheFormat changes whenever what an entry holds or how keys are made changes.
const cacheFormat = "retort-schema-cache-1"

// errNoCache means this run cannot use the cache; the full build runs instead.
var errNoCache = errors.New("not cacheable")

// statement is one desired statement, run alone so groups can be picked apart.
type statement struct {
	script dialect.Script // the statement as a one-statement script, at its file and line
	group  int            // index into grouping.groups; -1 for a type statement
	epoch  int            // how many type statements precede it
}

// tableGroup is a table's CREATE TABLE and the statements that target it.
type tableGroup struct {
	schema, name string // as written (schema "" when unqualified), identifiers folded
	stmts        []int
	refs         []int // groups whose names its statements mention (foreign keys, types)
	key          string
}

// grouping is the desired statements split into type statements and table groups.
type grouping struct {
	stmts     []statement
	digests   [][]byte // per statement: its group, type epoch and text, hashed
	groups    []*tableGroup
	typeNames []string // names of the types and domains created
}

// closure is g and every group it references, transitively.
func (gr *grouping) closure(g int) map[int]bool {
	seen := map[int]bool{}
	var walk func(int)
	walk = func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		for _, r := range gr.groups[i].refs {
			walk(r)
		}
	}
	walk(g)
	return seen
}

// groupStatements splits scripts into groups. It returns errNoCache for any statement it
// cannot attribute to the types or to exactly one table, and for any name it cannot map
// to a table with certainty. qualified tells whether schema-qualified names may be used
// (a dev database); currentSchema is where unqualified names land.
func groupStatements(scripts []dialect.Script, qualified bool, currentSchema string) (*grouping, error) {
	gr := &grouping{}
	byName := map[[2]string]int{}
	byBare := map[string][]int{}
	type pending struct {
		idx  int
		toks []token
	}
	var tableStmts []pending
	epoch := 0
	for _, sc := range scripts {
		first := sc.FirstLine
		if first == 0 {
			first = 1
		}
		stmts, err := sqlscript.Split(sc.SQL, first)
		if err != nil {
			return nil, errNoCache // the full build reports it
		}
		for _, st := range stmts {
			if strings.TrimSpace(st.SQL) == "" {
				continue
			}
			toks, ok := tokenize(st.SQL)
			if !ok {
				return nil, errNoCache
			}
			kind, target, ok := classify(toks)
			if !ok {
				return nil, errNoCache
			}
			for _, part := range target {
				if len(part) > 63 {
					return nil, errNoCache // truncated by the server
				}
			}
			if len(target) > 2 || len(target) == 2 && target[0] == currentSchema {
				// a database name, or a second spelling of an unqualified name
				return nil, errNoCache
			}
			if len(target) == 2 && !qualified {
				return nil, errNoCache // refused by the scratch schema: the full build says why
			}
			s := statement{script: dialect.Script{Name: sc.Name, SQL: st.SQL, FirstLine: st.Line}, group: -1, epoch: epoch}
			name := qualName(target)
			switch kind {
			case kindType:
				epoch++
				if target != nil {
					gr.typeNames = append(gr.typeNames, name[1])
				}
			case kindCreateTable:
				if _, dup := byName[name]; dup {
					return nil, errNoCache
				}
				byName[name] = len(gr.groups)
				byBare[name[1]] = append(byBare[name[1]], len(gr.groups))
				gr.groups = append(gr.groups, &tableGroup{schema: name[0], name: name[1]})
				fallthrough
			case kindTable:
				g, ok := byName[name]
				if !ok {
					return nil, errNoCache // a table not created by the desired schema
				}
				s.group = g
				gr.groups[g].stmts = append(gr.groups[g].stmts, len(gr.stmts))
				tableStmts = append(tableStmts, pending{len(gr.stmts), toks})
			}
			gr.stmts = append(gr.stmts, s)
		}
	}
	for _, p := range tableStmts {
		g := gr.groups[gr.stmts[p.idx].group]
		// A foreign key must point at a desired table: one living elsewhere could change
		// (or vanish) without changing any key.
		for i, t := range p.toks {
			if t.kind != tokWord || t.text != "references" {
				continue
			}
			pp := &parser{toks: p.toks, i: i + 1}
			ref, ok := pp.name()
			if _, known := byName[qualName(ref)]; !ok || len(ref) > 2 || !known {
				return nil, errNoCache
			}
		}
		// Any identifier naming another table makes that table a dependency: REFERENCES
		// targets, and the rare column typed by a table's row type. Over-approximating
		// only costs speed.
		for _, t := range p.toks {
			if t.kind != tokWord && t.kind != tokQuoted {
				continue
			}
			for _, r := range byBare[t.text] {
				if r != gr.stmts[p.idx].group && !slices.Contains(g.refs, r) {
					g.refs = append(g.refs, r)
				}
			}
		}
	}
	return gr, nil
}

func qualName(parts []string) [2]string {
	switch len(parts) {
	case 1:
		return [2]string{"", parts[0]}
	case 2:
		return [2]string{parts[0], parts[1]}
	}
	return [2]string{}
}

type stmtKind int

const (
	kindType        stmtKind = iota // CREATE/ALTER/COMMENT ON TYPE or DOMAIN, CREATE SCHEMA
	kindCreateTable                 // CREATE TABLE name (...)
	kindTable                       // a statement that targets one table
)

// Words that make a table statement depend on something outside its table: LIKE
// clauses (LIKE is reserved, so a bare one is the clause or the operator) and sequences
// named in defaults.
var uncacheableWords = map[string]bool{
	"like": true, "ilike": true, "similar": true, "select": true,
	"nextval": true, "currval": true, "setval": true, "lastval": true, "regclass": true,
}

// Words that make an ALTER TABLE reach beyond its table (inheritance, partitions,
// triggers) or move it (RENAME, SET SCHEMA).
var uncacheableAlterWords = map[string]bool{
	"inherit": true, "attach": true, "detach": true, "rename": true, "schema": true,
	"of": true, "trigger": true, "rule": true, "all": true,
}

var droppableWords = map[string]bool{"default": true, "not": true, "expression": true, "identity": true}

// classify tells what a statement does and which object it targets (one or two name
// parts; nil for type statements, whose names need no attribution). ok is false when
// the statement cannot be attributed with certainty.
func classify(toks []token) (kind stmtKind, target []string, ok bool) {
	p := &parser{toks: toks}
	switch {
	case p.words("create", "type"), p.words("create", "domain"):
		name, ok := p.name()
		return kindType, name, ok
	case p.words("create", "schema"):
		// a bare namespace (dev database); schema elements would need attributing
		p.words("if", "not", "exists")
		if _, ok := p.name(); !ok {
			return 0, nil, false
		}
		if p.words("authorization") {
			p.name()
		}
		return kindType, nil, p.done()
	case p.words("alter", "type"), p.words("alter", "domain"),
		p.words("comment", "on", "type"), p.words("comment", "on", "domain"):
		return kindType, nil, true
	}
	for i, t := range toks {
		if t.kind == tokWord && uncacheableWords[t.text] {
			return 0, nil, false
		}
		// an identity's explicitly named sequence could clash with another table's names
		if t.kind == tokWord && t.text == "sequence" && i+1 < len(toks) && toks[i+1].kind == tokWord && toks[i+1].text == "name" {
			return 0, nil, false
		}
	}
	switch {
	case p.words("create", "table"):
		// a second CREATE TABLE of the same name disables the cache anyway
		p.words("if", "not", "exists")
		name, ok := p.name()
		if !ok || !p.punct("(") || !p.skipParens() || !p.end() && !p.words("with") {
			return 0, nil, false // CREATE TABLE ... AS, OF, PARTITION OF, options
		}
		return kindCreateTable, name, true
	case p.words("create", "index"), p.words("create", "unique", "index"):
		for !p.done() && !p.words("on") {
			p.i++
		}
		p.words("only")
		name, ok := p.name()
		return kindTable, name, ok
	case p.words("alter", "table"):
		p.words("if", "exists")
		p.words("only")
		name, ok := p.name()
		for i, t := range toks {
			if t.kind == tokWord && uncacheableAlterWords[t.text] {
				return 0, nil, false
			}
			// Dropping a column or constraint may drop a name that generated names
			// elsewhere had to avoid; DROP DEFAULT, NOT NULL, EXPRESSION and IDENTITY drop
			// no name.
			if t.kind == tokWord && t.text == "drop" {
				if i+1 >= len(toks) || !droppableWords[toks[i+1].text] || toks[i+1].kind != tokWord {
					return 0, nil, false
				}
			}
		}
		return kindTable, name, ok && !p.done()
	case p.words("comment", "on", "table"):
		name, ok := p.name()
		return kindTable, name, ok && p.words("is")
	case p.words("comment", "on", "column"):
		name, ok := p.name()
		if !ok || len(name) < 2 || !p.words("is") {
			return 0, nil, false
		}
		return kindTable, name[:len(name)-1], true
	case p.words("comment", "on", "constraint"):
		if _, ok := p.name(); !ok || !p.words("on") {
			return 0, nil, false
		}
		name, ok := p.name()
		return kindTable, name, ok && p.words("is")
	}
	return 0, nil, false
}

// parser walks a statement's tokens.
type parser struct {
	toks []token
	i    int
}

func (p *parser) done() bool { return p.i >= len(p.toks) }

// words consumes the given unquoted words if they come next.
func (p *parser) words(ws ...string) bool {
	if p.i+len(ws) > len(p.toks) {
		return false
	}
	for k, w := range ws {
		if t := p.toks[p.i+k]; t.kind != tokWord || t.text != w {
			return false
		}
	}
	p.i += len(ws)
	return true
}

func (p *parser) punct(c string) bool {
	if !p.done() && p.toks[p.i].kind == tokPunct && p.toks[p.i].text == c {
		p.i++
		return true
	}
	return false
}

// end reports whether nothing follows.
func (p *parser) end() bool { return p.done() }

// name consumes a possibly qualified name of up to three parts.
func (p *parser) name() ([]string, bool) {
	var parts []string
	for {
		if p.done() || (p.toks[p.i].kind != tokWord && p.toks[p.i].kind != tokQuoted) {
			return nil, false
		}
		parts = append(parts, p.toks[p.i].text)
		p.i++
		if !p.punct(".") {
			break
		}
	}
	return parts, len(parts) <= 3
}

// skipParens consumes tokens up to the parenthesis closing one just consumed.
func (p *parser) skipParens() bool {
	for depth := 1; !p.done(); p.i++ {
		switch t := p.toks[p.i]; {
		case t.kind == tokPunct && t.text == "(":
			depth++
		case t.kind == tokPunct && t.text == ")":
			depth--
			if depth == 0 {
				p.i++
				return true
			}
		}
	}
	return false
}

type tokKind int

const (
	tokWord   tokKind = iota // unquoted identifier or keyword, folded to lower case
	tokQuoted                // "quoted identifier", verbatim
	tokString                // string literal of any kind
	tokOther                 // number or operator
	tokPunct                 // ( ) , . ;
)

type token struct {
	kind tokKind
	text string
}

// tokenize splits a statement into tokens, dropping comments. ok is false for anything
// it does not understand (e.g. U&"..." identifiers).
func tokenize(s string) ([]token, bool) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return out, true
			}
			i += j + 1
		case strings.HasPrefix(s[i:], "/*"):
			depth := 0
			for ; i < len(s); i++ {
				if strings.HasPrefix(s[i:], "/*") {
					depth++
					i++
				} else if strings.HasPrefix(s[i:], "*/") {
					depth--
					i++
					if depth == 0 {
						i++
						break
					}
				}
			}
			if depth != 0 {
				return nil, false
			}
		case c == '"':
			var b strings.Builder
			j := i + 1
			for ; ; j++ {
				if j >= len(s) {
					return nil, false
				}
				if s[j] == '"' {
					if j+1 < len(s) && s[j+1] == '"' {
						b.WriteByte('"')
						j++
						continue
					}
					break
				}
				b.WriteByte(s[j])
			}
			out = append(out, token{tokQuoted, b.String()})
			i = j + 1
		case c == '\'':
			j, ok := skipString(s, i, false)
			if !ok {
				return nil, false
			}
			out = append(out, token{tokString, s[i:j]})
			i = j
		case c == '$' && i+1 < len(s) && (s[i+1] == '$' || isIdentStart(s[i+1])):
			end := strings.IndexByte(s[i+1:], '$')
			if end < 0 {
				return nil, false
			}
			tag := s[i : i+end+2]
			close := strings.Index(s[i+len(tag):], tag)
			if close < 0 {
				return nil, false
			}
			j := i + len(tag) + close + len(tag)
			out = append(out, token{tokString, s[i:j]})
			i = j
		case isIdentStart(c):
			j := i
			for j < len(s) && isIdentPart(s[j]) {
				j++
			}
			w := strings.ToLower(s[i:j])
			if j < len(s) && (s[j] == '\'' || s[j] == '&') {
				if w != "e" && w != "x" && w != "b" && w != "n" {
					return nil, false // U&'...' and friends
				}
				k, ok := skipString(s, j, w == "e")
				if !ok {
					return nil, false
				}
				out = append(out, token{tokString, s[i:k]})
				i = k
				continue
			}
			out = append(out, token{tokWord, w})
			i = j
		case strings.IndexByte("(),.;", c) >= 0:
			out = append(out, token{tokPunct, string(c)})
			i++
		case c >= 0x80:
			return nil, false // non-ASCII outside quotes: folding rules differ
		default:
			j := i + 1
			for j < len(s) && !isIdentStart(s[j]) && strings.IndexByte("(),.;\"' \t\n\r$", s[j]) < 0 && s[j] < 0x80 {
				j++
			}
			out = append(out, token{tokOther, s[i:j]})
			i = j
		}
	}
	return out, true
}

// skipString returns the index after the string literal starting at s[i] == '\”.
func skipString(s string, i int, backslash bool) (int, bool) {
	if i >= len(s) || s[i] != '\'' {
		return 0, false
	}
	for j := i + 1; j < len(s); j++ {
		switch {
		case backslash && s[j] == '\\':
			j++
		case s[j] == '\'':
			if j+1 < len(s) && s[j+1] == '\'' {
				j++
				continue
			}
			return j + 1, true
		}
	}
	return 0, false
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdentPart(c byte) bool { return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$' }

// cacheEntry is one table as stored; Table is nil when reflection leaves it out
// (excluded, or in a schema not reflected).
type cacheEntry struct {
	Format string
	Schema string
	Name   string
	Table  *schema.Table
}

// cachedScratch builds the desired schema like scratch, running only the table groups
// whose cache entry is missing (with the groups they reference and the type statements).
// Any doubt falls back to the full build; stats tells which happened, for tests.
func cachedScratch(ctx context.Context, d dialect.Inspector, host DB, scripts []dialect.Script, opts Options) (*schema.Schema, cacheStats, error) {
	s, st, err := partialScratch(ctx, d, host, scripts, opts)
	if err == nil {
		return s, st, nil
	}
	s, err = scratch(ctx, d, host, scripts, opts)
	return s, cacheStats{}, err
}

// cacheStats counts table groups found in and added to the cache.
type cacheStats struct {
	used         bool
	hits, misses int
}

func partialScratch(ctx context.Context, d dialect.Inspector, host DB, scripts []dialect.Script, opts Options) (*schema.Schema, cacheStats, error) {
	var st cacheStats
	if opts.CacheDir == "" || !d.ScratchNeedsServer() {
		return nil, st, errNoCache
	}
	var q dialect.Querier = host
	if opts.DevDB != nil {
		q = opts.DevDB
	}
	if q == nil {
		return nil, st, errNoCache
	}
	env, current, err := scratchEnv(ctx, d, q, opts)
	if err != nil {
		return nil, st, errNoCache
	}
	gr, err := groupStatements(scripts, opts.DevDB != nil, current)
	if err != nil || len(gr.groups) == 0 {
		return nil, st, errNoCache
	}

	h := sha256.New()
	writeField(h, env)
	for _, s := range gr.stmts {
		if s.group < 0 {
			writeField(h, s.script.SQL)
		}
	}
	base := h.Sum(nil)
	for _, s := range gr.stmts {
		var d []byte
		if s.group >= 0 {
			tg := gr.groups[s.group]
			sh := sha256.New()
			writeField(sh, tg.schema)
			writeField(sh, tg.name)
			writeField(sh, fmt.Sprint(s.epoch))
			writeField(sh, s.script.SQL)
			d = sh.Sum(nil)
		}
		gr.digests = append(gr.digests, d)
	}
	for g := range gr.groups {
		gr.groups[g].key = groupKey(gr, base, g)
	}

	cached := map[int]*cacheEntry{}
	run := map[int]bool{}
	var missed []int
	for g, tg := range gr.groups {
		if e := loadEntry(opts.CacheDir, tg); e != nil {
			cached[g] = e
			continue
		}
		missed = append(missed, g)
		for r := range gr.closure(g) {
			run[r] = true
		}
	}
	st.hits, st.misses = len(cached), len(missed)

	var todo []dialect.Script
	for _, s := range gr.stmts {
		if s.group < 0 || run[s.group] {
			todo = append(todo, s.script)
		}
	}
	fresh, err := scratch(ctx, d, host, todo, opts)
	if err != nil {
		return nil, st, err // the full build reports the error as it would
	}
	if len(fresh.Unsupported) > 0 {
		return nil, st, errNoCache
	}
	reflected := map[[2]string]*schema.Table{}
	for _, t := range fresh.Tables {
		reflected[[2]string{t.Schema, t.Name}] = t
	}
	want := &schema.Schema{Enums: fresh.Enums, Unsupported: fresh.Unsupported}
	entries := map[int]*cacheEntry{}
	for g := range run {
		tg := gr.groups[g]
		k := [2]string{labelOf(tg.schema, current), tg.name}
		t := reflected[k]
		delete(reflected, k)
		e := &cacheEntry{Format: cacheFormat, Schema: tg.schema, Name: tg.name, Table: t}
		if c, hit := cached[g]; hit && !sameEntry(c, e) {
			return nil, st, errNoCache // a cached table built differently: trust nothing
		}
		entries[g] = e
	}
	if len(reflected) > 0 {
		return nil, st, errNoCache // a table no group accounts for
	}
	for g := range gr.groups {
		e := cached[g]
		if e == nil {
			e = entries[g]
		}
		if e.Table != nil {
			want.Tables = append(want.Tables, e.Table)
		}
	}
	if !namesAsBuilt(want, gr.typeNames) {
		return nil, st, errNoCache
	}
	for _, g := range missed {
		storeEntry(opts.CacheDir, gr.groups[g], entries[g])
	}
	sort.Slice(want.Tables, func(i, j int) bool {
		a, b := want.Tables[i], want.Tables[j]
		return a.Schema < b.Schema || a.Schema == b.Schema && a.Name < b.Name
	})
	st.used = true
	return want, st, nil
}

// scratchEnv describes what besides the statements shapes the scratch build: the
// dialect, the server's version, where the scratch lives and the reflection options.
// current is the schema unqualified names land in.
func scratchEnv(ctx context.Context, d dialect.Inspector, q dialect.Querier, opts Options) (env, current string, err error) {
	identity, current, err := d.ScratchIdentity(ctx, q)
	if err != nil {
		return "", "", err
	}
	name := fmt.Sprintf("%T", d)
	if n, ok := d.(interface{ Name() string }); ok {
		name = n.Name()
	}
	b, err := json.Marshal(struct {
		Format, Dialect, Server, Current string
		DevDatabase                      bool
		Inspect                          dialect.InspectOptions
	}{cacheFormat, name, identity, current, opts.DevDB != nil, opts.Inspect})
	return string(b), current, err
}

// groupKey hashes the environment and type statements (base) with the statements of g
// and of every group it references, in their original order, each with its group and
// the number of type statements before it: a change in a referenced table, or in the
// order of statements, gives g a new key.
func groupKey(gr *grouping, base []byte, g int) string {
	cl := gr.closure(g)
	h := sha256.New()
	h.Write(base)
	// the groups of a foreign key cycle share their closure
	writeField(h, gr.groups[g].schema)
	writeField(h, gr.groups[g].name)
	for i, s := range gr.stmts {
		if s.group >= 0 && cl[s.group] {
			h.Write(gr.digests[i])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeField(h interface{ Write([]byte) (int, error) }, s string) {
	fmt.Fprintf(h, "%d:%s\n", len(s), s)
}

// labelOf is how reflection names the schema of a table created as schemaName.
func labelOf(schemaName, current string) string {
	if schemaName == current {
		return ""
	}
	return schemaName
}

func entryPath(dir string, tg *tableGroup) string { return filepath.Join(dir, tg.key+".json") }

// loadEntry returns the cached entry of tg, or nil for a miss (absent, unreadable,
// corrupt, or for another table).
func loadEntry(dir string, tg *tableGroup) *cacheEntry {
	b, err := os.ReadFile(entryPath(dir, tg))
	if err != nil {
		return nil
	}
	var e cacheEntry
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if dec.Decode(&e) != nil || dec.More() || e.Format != cacheFormat || e.Schema != tg.schema || e.Name != tg.name {
		return nil
	}
	if e.Table != nil && e.Table.Name != tg.name {
		return nil
	}
	return &e
}

// storeEntry writes e atomically (a temporary file renamed into place). Failures are
// ignored: the next run misses again.
func storeEntry(dir string, tg *tableGroup, e *cacheEntry) {
	b, err := json.Marshal(e)
	if err != nil || os.MkdirAll(dir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := f.Write(b)
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(f.Name(), entryPath(dir, tg)) != nil {
		os.Remove(f.Name())
	}
}

func sameEntry(a, b *cacheEntry) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// digitSuffixed matches a generated name the server numbered to avoid a clash.
var digitSuffixed = regexp.MustCompile(`_(pkey|key|fkey|check|excl|idx)[0-9]+$`)

// namesAsBuilt reports whether s shows no sign that names chosen by the server depend
// on other tables: the server picks generated names (constraints, indexes, sequences)
// so they clash with nothing in the schema, so a table built alone could get another
// name than in the full build. Duplicate relation names (an error in a full build) count
// as such a sign too.
func namesAsBuilt(s *schema.Schema, typeNames []string) bool {
	relations := map[[2]string]int{} // tables, indexes, types: one namespace per schema
	all := map[[2]string]int{}       // those and every constraint name
	// generated names, with how often each counts itself in all
	type generated struct {
		key  [2]string
		self int
	}
	var gen []generated
	add := func(sch, name string, relation, auto bool) {
		if name == "" {
			return
		}
		k := [2]string{sch, name}
		all[k]++
		if relation {
			relations[k]++
		}
		if auto {
			gen = append(gen, generated{k, 1})
		}
	}
	types := map[[2]string]bool{}
	for _, n := range typeNames {
		types[[2]string{"", n}] = true
	}
	for _, e := range s.Enums {
		types[[2]string{e.Schema, e.Name}] = true
	}
	for k := range types {
		add(k[0], k[1], true, false)
	}
	for _, t := range s.Tables {
		add(t.Schema, t.Name, true, false)
		if t.PrimaryKey != nil {
			add(t.Schema, t.PrimaryKey.Name, true, t.PrimaryKey.AutoName)
		}
		for _, u := range t.Uniques {
			add(t.Schema, u.Name, true, u.AutoName)
		}
		for _, c := range t.Checks {
			add(t.Schema, c.Name, strings.HasPrefix(c.Def, "EXCLUDE"), c.AutoName)
		}
		for _, fk := range t.ForeignKeys {
			add(t.Schema, fk.Name, false, fk.AutoName)
		}
		for _, ix := range t.Indexes {
			add(t.Schema, ix.Name, true, ix.AutoName)
		}
		for _, c := range t.Columns {
			if c.Serial || c.Identity != "" {
				seq := t.Name + "_" + c.Name + "_seq"
				if len(seq) > 63 {
					return false
				}
				gen = append(gen, generated{[2]string{t.Schema, seq}, 0})
			}
		}
	}
	for _, n := range relations {
		if n > 1 {
			return false
		}
	}
	for _, g := range gen {
		if digitSuffixed.MatchString(g.key[1]) || all[g.key] > g.self {
			return false
		}
	}
	return true
}

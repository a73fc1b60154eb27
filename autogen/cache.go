package autogen

// The desired schema is normalised by running its DDL in a scratch database, which on a
// server costs seconds for a thousand tables. Developers re-plan while changing a few
// tables, so each table's reflected form is cached under a key covering everything that
// can shape it, and only the tables whose key changed are built again. The cache is only
// an accelerator: whenever a statement cannot be attributed to one table with certainty,
// or the partial build looks in any way unlike what a full build would give, the full
// build runs as before.
//
// The cache's jobs live in their own files: cache_attribute.go tells which table each
// statement belongs to, cache_store.go keeps the entries on disk, cache_names.go checks
// that the names the server chose could not differ in a partial build. This file runs them.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// errNoCache means this run cannot use the cache; the full build runs instead.
var errNoCache = errors.New("not cacheable")

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
	// An in-memory scratch is fast without the cache; a server's is cached where the
	// dialect states its naming rules.
	rules, ok := d.(dialect.NameRules)
	if opts.CacheDir == "" || !d.ScratchNeedsServer() || !ok {
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
	if err != nil || len(gr.groups) == 0 || gr.longest > rules.MaxIdentifierLength() {
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
	if !namesAsBuilt(want, gr.typeNames, rules) {
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

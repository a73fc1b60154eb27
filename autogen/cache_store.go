package autogen

// The on-disk store of the schema cache: one JSON file per table group, named by the
// group's key, written atomically; anything unreadable is a miss.

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/retort-dev/retort/schema"
)

// cacheFormat changes whenever what an entry holds or how keys are made changes.
const cacheFormat = "retort-schema-cache-1"

// cacheEntry is one table as stored; Table is nil when reflection leaves it out
// (excluded, or in a schema not reflected).
type cacheEntry struct {
	Format string
	Schema string
	Name   string
	Table  *schema.Table
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

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestJSON runs every command that takes --json, checks that stdout is one document valid
// against docs/json.schema.json, and checks its fields.
func TestJSON(t *testing.T) {
	ini, dir := project(t)
	schema := loadSchema(t)
	doc := func(def string, args ...string) map[string]any {
		t.Helper()
		stdout, stderr, code := retort(t, append([]string{"-c", ini}, args...)...)
		if code != 0 && !(def == "check" && code == 1) {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var v map[string]any
		dec := json.NewDecoder(strings.NewReader(stdout))
		if err := dec.Decode(&v); err != nil || dec.More() {
			t.Fatalf("%v: stdout is not one JSON document (%v):\n%s", args, err, stdout)
		}
		if err := schema.validate(schema.def(def), v, def); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stdout)
		}
		return v
	}
	field := func(v any, path ...any) any {
		for _, p := range path {
			switch k := p.(type) {
			case string:
				v = v.(map[string]any)[k]
			case int:
				v = v.([]any)[k]
			}
		}
		return v
	}
	eq := func(what string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}

	h := doc("heads", "heads", "--json")
	eq("heads", len(field(h, "heads").([]any)), 1)
	eq("heads[0].revision", field(h, "heads", 0, "revision"), "bbb2")
	eq("heads[0].down_revisions", field(h, "heads", 0, "down_revisions"), []any{"aaa1"})
	eq("heads[0].message", field(h, "heads", 0, "message"), "add name")
	eq("heads[0].is_head", field(h, "heads", 0, "is_head"), true)
	eq("heads[0].path", field(h, "heads", 0, "path"), filepath.Join(dir, "migrations", "versions", "bbb2_add_name.sql"))

	l := doc("lint", "lint", "--all", "--json")
	eq("lint revisions", field(l, "revisions"), []any{"aaa1", "bbb2"})
	v := doc("verify", "verify", "--json")
	eq("verify", []any{field(v, "replayed"), field(v, "downgrades"), len(field(v, "problems").([]any))}, []any{2, 2, 0})

	p := doc("plan", "upgrade", "head", "--dry-run", "--json")
	eq("dry-run mode", field(p, "mode"), "dry-run")
	eq("dry-run from", field(p, "from"), []any{})
	eq("dry-run steps", len(field(p, "steps").([]any)), 2)
	eq("step 0", []any{field(p, "steps", 0, "revision"), field(p, "steps", 0, "direction"), field(p, "steps", 0, "from"), field(p, "steps", 0, "to"), field(p, "steps", 0, "message")},
		[]any{"aaa1", "upgrade", []any{}, []any{"aaa1"}, "create account"})
	if _, err := os.Stat(filepath.Join(dir, "app.db")); err == nil {
		if rows := doc("current", "current", "--json")["rows"]; fmt.Sprint(rows) != "[]" {
			t.Errorf("dry run changed the database: rows %v", rows)
		}
	}

	p = doc("plan", "upgrade", "aaa1:head", "--sql", "--json")
	eq("sql mode", field(p, "mode"), "sql")
	eq("sql from", field(p, "from"), []any{"aaa1"})
	eq("sql steps", len(field(p, "steps").([]any)), 1)
	if sql, _ := field(p, "sql").(string); !strings.Contains(sql, "UPDATE alembic_version SET version_num='bbb2' WHERE alembic_version.version_num = 'aaa1';") {
		t.Errorf("sql field:\n%s", sql)
	}

	retort(t, "-c", ini, "upgrade", "head")
	c := doc("current", "current", "--json")
	eq("current.rows", field(c, "rows"), []any{"bbb2"})
	eq("current.current[0].revision", field(c, "current", 0, "revision"), "bbb2")
	eq("current.database", field(c, "database"), "sqlite:///"+dir+"/app.db")

	p = doc("plan", "downgrade", "-1", "--dry-run", "--json")
	eq("downgrade step", []any{field(p, "command"), field(p, "steps", 0, "revision"), field(p, "steps", 0, "direction"), field(p, "steps", 0, "to")},
		[]any{"downgrade", "bbb2", "downgrade", []any{"aaa1"}})

	r := doc("revisions", "history", "-i", "--json")
	eq("history order", []any{field(r, "revisions", 0, "revision"), field(r, "revisions", 1, "revision")}, []any{"bbb2", "aaa1"})
	eq("history is_current", []any{field(r, "revisions", 0, "is_current"), field(r, "revisions", 1, "is_current")}, []any{true, false})
	r = doc("revisions", "show", "aaa1", "--json")
	eq("show", []any{len(field(r, "revisions").([]any)), field(r, "revisions", 0, "message"), field(r, "revisions", 0, "is_head")}, []any{1, "create account", false})
	if _, ok := field(r, "revisions", 0).(map[string]any)["is_current"]; ok {
		t.Error("show: is_current present without reading the database")
	}

	write(t, filepath.Join(dir, "schema.sql"), "CREATE TABLE account (id INTEGER PRIMARY KEY);\n")
	data, _ := os.ReadFile(ini)
	write(t, ini, strings.Replace(string(data), "# target_metadata = %(here)s/schema.sql", "target_metadata = %(here)s/schema.sql", 1))
	k := doc("check", "check", "--json")
	eq("check up to date", []any{field(k, "up_to_date"), field(k, "operations")}, []any{true, []any{}})
	write(t, filepath.Join(dir, "schema.sql"), "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(30));\n")
	k = doc("check", "check", "--json")
	eq("check changes", []any{field(k, "up_to_date"), field(k, "operations")}, []any{false, []any{"add column account.name VARCHAR(30)"}})

	if _, stderr, code := retort(t, "-c", ini, "upgrade", "head", "--json"); code != 1 || !strings.Contains(stderr, "add --sql (offline) or --dry-run") {
		t.Errorf("upgrade --json alone: exit %d, %q", code, stderr)
	}
}

// schema is docs/json.schema.json with a validator for the keywords it uses: type, enum,
// required, properties, additionalProperties: false, items, $ref to $defs.
type schema map[string]any

func loadSchema(t *testing.T) schema {
	data, err := os.ReadFile(filepath.Join("docs", "json.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s schema
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s schema) def(name string) map[string]any {
	return s["$defs"].(map[string]any)[name].(map[string]any)
}

func (s schema) validate(node map[string]any, v any, at string) error {
	if ref, ok := node["$ref"].(string); ok {
		return s.validate(s.def(strings.TrimPrefix(ref, "#/$defs/")), v, at)
	}
	if enum, ok := node["enum"].([]any); ok && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v is not one of %v", at, v, enum)
	}
	typ, _ := node["type"].(string)
	switch typ {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: not an object", at)
		}
		props, _ := node["properties"].(map[string]any)
		for _, r := range node["required"].([]any) {
			if _, ok := obj[r.(string)]; !ok {
				return fmt.Errorf("%s: missing %s", at, r)
			}
		}
		for k, val := range obj {
			p, ok := props[k].(map[string]any)
			if !ok {
				if node["additionalProperties"] == false {
					return fmt.Errorf("%s: field %s is not in the schema", at, k)
				}
				continue
			}
			if err := s.validate(p, val, at+"."+k); err != nil {
				return err
			}
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: not an array (null lists are not allowed)", at)
		}
		for i, e := range arr {
			if err := s.validate(node["items"].(map[string]any), e, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: %v is not a string", at, v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: %v is not a boolean", at, v)
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			return fmt.Errorf("%s: %v is not an integer", at, v)
		}
	}
	return nil
}

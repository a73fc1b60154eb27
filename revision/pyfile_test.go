package revision

import (
	"reflect"
	"strings"
	"testing"
)

func TestParsePythonShapes(t *testing.T) {
	const down = "\ndown_revision = None\n"
	tests := []struct {
		name, src string
		want      File // only ID, Down, BranchLabels, DependsOn, Doc are compared
		wantErr   string
	}{
		{name: "u prefix", src: "revision = u'abc'" + down, want: File{}.with("abc", nil, nil, nil, "")},
		{name: "hash inside string and comment after", src: "revision = 'a#b'  # it's a comment" + down,
			want: File{}.with("a#b", nil, nil, nil, "")},
		{name: "backslash continuation", src: "revision = 'r'\ndown_revision = \\\n    'x'\n", want: File{}.with("r", []string{"x"}, nil, nil, "")},
		{name: "implicit concatenation in parens", src: "revision = ('ab'\n    'c')" + down, want: File{}.with("abc", nil, nil, nil, "")},
		{name: "list with comments and trailing comma", src: "revision = 'r'\ndown_revision = [\n  'a',  # first\n  # between\n  \"b\",\n]\n",
			want: File{}.with("r", []string{"a", "b"}, nil, nil, "")},
		{name: "parenthesised string is not a tuple", src: "revision = 'r'\ndown_revision = None\ndepends_on = ('a')\nbranch_labels = 'x'\n",
			want: File{}.with("r", nil, []string{"x"}, []string{"a"}, "")},
		{name: "empty string and tuple mean none", src: "revision = 'r'\ndown_revision = ''\nbranch_labels = ()\ndepends_on = []\n",
			want: File{}.with("r", nil, nil, nil, "")},
		{name: "last assignment wins", src: "revision = 'x'\nrevision = 'y'" + down, want: File{}.with("y", nil, nil, nil, "")},
		{name: "annotated with nested brackets", src: "revision: Optional[Dict[str, int]] = 'r'\ndown_revision: Union[str, None] = 'p'\n",
			want: File{}.with("r", []string{"p"}, nil, nil, "")},
		{name: "annotation without value is ignored", src: "revision: str\nrevision = 'r'" + down, want: File{}.with("r", nil, nil, nil, "")},
		{name: "docstring escapes", src: "\"\"\"a\\tb \\u00e9\\\n c\n\n more\"\"\"\nrevision = 'r'" + down,
			want: File{}.with("r", nil, nil, nil, "a\tb é c\n\n more")},
		{name: "raw docstring", src: "r'''raw \\d'''\nrevision = 'r'" + down, want: File{}.with("r", nil, nil, nil, "raw \\d")},
		{name: "comment and encoding line before docstring", src: "# -*- coding: utf-8 -*-\n'doc'\nrevision = 'r'" + down,
			want: File{}.with("r", nil, nil, nil, "doc")},
		{name: "other module code ignored", src: "import sqlalchemy as sa\nx = {'revision': 1}\nclass C:\n    revision = 'no'\nrevision = 'r'" + down,
			want: File{}.with("r", nil, nil, nil, "")},
		{name: "f-string", src: "revision = f'abc'" + down, wantErr: "m.py:1: revision: f-strings are not supported"},
		{name: "bytes", src: "revision = b'abc'" + down, wantErr: "m.py:1: revision: bytes literals are not supported"},
		{name: "number", src: "revision = 123" + down, wantErr: "m.py:1: revision: must be a non-empty string literal"},
		{name: "tuple revision", src: "revision = ('a', 'b')" + down, wantErr: "m.py:1: revision: must be a non-empty string literal"},
		{name: "call", src: "revision = 'r'\ndown_revision = os.environ['X']\n", wantErr: "m.py:2: down_revision: must be None, a string, or a tuple or list of strings"},
		{name: "bad id", src: "revision = 'a+b'" + down, wantErr: "m.py:1: Character(s) '+' not allowed in revision identifier 'a+b'"},
		{name: "unterminated string", src: "revision = 'r'\ndown_revision = 'x\n", wantErr: "m.py:2: unterminated string literal"},
		{name: "unterminated bracket", src: "revision = 'r'\ndown_revision = ('x',\n", wantErr: "m.py:2: bracket never closed"},
		{name: "unclosed bracket among closed ones", src: "revision = 'r'\ndown_revision = None\ndef upgrade():\n    op.f(('a')\n    op.g()\n\n\n", wantErr: "m.py:4: bracket never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("dir/m.py", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || strings.TrimPrefix(err.Error(), "dir/") != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := File{}.with(f.ID, f.Down, f.BranchLabels, f.DependsOn, f.Doc)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got.Revision, tt.want.Revision)
			}
			if got.Doc != tt.want.Doc {
				t.Fatalf("doc = %q, want %q", got.Doc, tt.want.Doc)
			}
		})
	}
}

func (File) with(id string, down, labels, deps []string, doc string) File {
	var f File
	f.ID, f.Down, f.BranchLabels, f.DependsOn, f.Doc = id, down, labels, deps, doc
	return f
}

package yamlpos

import (
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// TestValue checks what nodes evaluate to, and that the accounts assign.Reader reads from them
// carry their positions and removal edits.
func TestValue(t *testing.T) {
	text := "flow: [a, 'b', \"c\\u0041\"]\n" +
		"block:\n  - d\n  - e # comment\n" +
		"str: 'f, g'\n" +
		"esc: \"h\\x41, i\"\n" +
		"yes: yes\nt: true\nn: ~\nempty:\n" +
		"map: {k: v}\n"
	sf := checktest.NewFile("x.yml", source.LangYAML, text)
	y, errs := Parse(sf.Text)
	if len(errs) > 0 {
		t.Fatal(errs[0].Message)
	}
	root := y.Docs[0].Content[0]
	get := func(k string) value.Value { return y.Value(y.Lookup(root, k)) }
	accounts := func(k string) string {
		accs, _ := assign.Accounts(sf, get(k))
		return checktest.Render(sf, []assign.Assignment{{Op: assign.Grant, Accounts: accs}})
	}
	for _, tt := range []struct{ key, want string }{
		{"flow", "grant @0:0 [-a@1:8 -b@1:12 -cA@1:17]"},
		{"block", "grant @0:0 [-d@3:5 -e@4:5]"},
		{"str", "grant @0:0 [-f@5:7 -g@5:10]"},
		{"esc", "grant @0:0 [hA@6:7 i@6:14]"}, // escapes: no edit can drop one name
	} {
		if got := accounts(tt.key); !checktest.Matches(got, tt.want) {
			t.Errorf("%s: accounts\n%s\nwant\n%s", tt.key, got, tt.want)
		}
	}
	if v := get("t"); v.Kind != value.Bool || !v.Bool {
		t.Errorf("t: %+v, want the boolean true", v)
	}
	if v := get("yes"); v.Kind != value.Str {
		t.Errorf("yes: kind %v, want a string (YAML 1.2), which value.Truth reads as true", v.Kind)
	} else if b, known := v.Truth(); !b || !known {
		t.Errorf("yes: Truth = %v, %v", b, known)
	}
	for _, k := range []string{"n", "empty", "missing"} {
		if v := get(k); v.Kind != value.Null {
			t.Errorf("%s: kind %v, want Null", k, v.Kind)
		}
	}
	if v, ok := get("map").Get("k", false); !ok || v.Text.S != "v" {
		t.Errorf("map.k = %q, %v", v.Text.S, ok)
	}
}

package batch

import (
	"testing"

	"github.com/privlint/privlint/analyzers/value"
)

// TestEnv checks the variables' scopes and names: SETLOCAL scopes what SET, forget (SET /A, SET
// /P) and a value past a limit do until ENDLOCAL, an ENDLOCAL too many changes nothing, names
// compare case-insensitively (non-ASCII ones as strings.ToLower folds them), and a name forgotten in
// the script's scope is unknown.
func TestEnv(t *testing.T) {
	type op struct {
		do, name, val string // do: set, forget, over, push, pop
	}
	for _, tt := range []struct {
		name string
		ops  []op
		look string
		want string // the value, "?" unknown, "over"
	}{
		{"set", []op{{"set", "A", "x"}}, "a", "x"},
		{"unknown", nil, "A", "?"},
		{"set again", []op{{"set", "A", "x"}, {"set", "a", "y"}}, "A", "y"},
		{"scoped", []op{{"set", "A", "x"}, {"push", "", ""}, {"set", "A", "y"}}, "A", "y"},
		{"restored", []op{{"set", "A", "x"}, {"push", "", ""}, {"set", "A", "y"}, {"set", "A", "z"}, {"pop", "", ""}}, "A", "x"},
		{"set in a scope only", []op{{"push", "", ""}, {"set", "A", "y"}, {"pop", "", ""}}, "A", "?"},
		{"forgotten in a scope", []op{{"set", "A", "x"}, {"push", "", ""}, {"forget", "A", ""}}, "A", "?"},
		{"forgotten in a scope, restored", []op{{"set", "A", "x"}, {"push", "", ""}, {"forget", "A", ""}, {"pop", "", ""}}, "A", "x"},
		{"forgotten in the script's scope", []op{{"set", "A", "x"}, {"forget", "A", ""}, {"push", "", ""}, {"pop", "", ""}}, "A", "?"},
		{"over", []op{{"set", "A", "x"}, {"over", "A", ""}}, "A", "over"},
		{"over in a scope, restored", []op{{"set", "A", "x"}, {"push", "", ""}, {"over", "A", ""}, {"pop", "", ""}}, "A", "x"},
		{"an ENDLOCAL too many", []op{{"set", "A", "x"}, {"pop", "", ""}, {"pop", "", ""}}, "A", "x"},
		{"nested scopes", []op{{"push", "", ""}, {"set", "A", "1"}, {"push", "", ""}, {"set", "A", "2"}, {"push", "", ""}, {"pop", "", ""}, {"pop", "", ""}}, "A", "1"},
		{"a scope opened again", []op{{"push", "", ""}, {"set", "A", "1"}, {"pop", "", ""}, {"push", "", ""}, {"set", "B", "2"}}, "A", "?"},
		{"non-ASCII", []op{{"set", "Ä", "x"}}, "ä", "x"},
		{"dotless i is its own name", []op{{"set", "ı", "x"}}, "I", "?"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv()
			for _, o := range tt.ops {
				switch o.do {
				case "set":
					e.set(o.name, value.Spread(o.val, 0, 1, false), nil)
				case "forget":
					e.forget(o.name)
				case "over":
					e.setOver(o.name)
				case "push":
					e.Push()
				case "pop":
					e.Pop()
				}
			}
			got := "?"
			switch v, _, ok, over := e.lookup(tt.look); {
			case over:
				got = "over"
			case ok:
				got = v.S
			}
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.look, got, tt.want)
			}
		})
	}
}

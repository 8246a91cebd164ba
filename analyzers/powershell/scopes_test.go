package powershell

import (
	"fmt"
	"strings"
	"testing"
)

func TestBindingAdd(t *testing.T) {
	tests := []struct {
		name  string
		adds  []string // name=value
		order string   // the names in the order first added
		want  map[string]string
	}{
		{"few", []string{"a=1", "b=2", "a=3"}, "a b", map[string]string{"a": "3", "b": "2", "c": "-"}},
		{"many", []string{"a=1", "b=2", "c=3", "d=4", "e=5", "f=6", "g=7", "h=8", "i=9", "j=10", "b=x", "j=y", "k=11"},
			"a b c d e f g h i j k", map[string]string{"a": "1", "b": "x", "j": "y", "k": "11", "z": "-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &binding{}
			for _, a := range tt.adds {
				name, val, _ := strings.Cut(a, "=")
				b.add(name, boundArg{v: str(val)})
			}
			var order []string
			for i := range b.named.Len() {
				name, _ := b.named.At(i)
				order = append(order, name)
			}
			if got := strings.Join(order, " "); got != tt.order {
				t.Errorf("order %q, want %q", got, tt.order)
			}
			for name, want := range tt.want {
				got := "-"
				if v, ok := b.get(name); ok {
					got = v.Text.S
				}
				if got != want {
					t.Errorf("%s = %s, want %s", name, got, want)
				}
			}
		})
	}
	var nilBinding *binding
	if _, ok := nilBinding.lookup("a"); ok {
		t.Error("a nil binding binds a")
	}
}

func TestNameCache(t *testing.T) {
	long := "Script:" + strings.Repeat("Long", 20)
	tests := []string{"ComputerName", "script:Acct", "GLOBAL:x", "using:Name", "_", "", long,
		`C:\Tools\NTRights.EXE`, `"Grant-CPrivilege"`, "iex", "%", long + `\Start-Process`}
	var c nameCache
	for range 2 { // the second time from the cache
		for _, name := range tests {
			n, outer := c.varName(name)
			if wn, wouter := varName(name); n != wn || outer != wouter {
				t.Errorf("varName(%q) = %q, %t, want %q, %t", name, n, outer, wn, wouter)
			}
			if k, want := c.commandKey(name), commandKey(name); k != want {
				t.Errorf("commandKey(%q) = %q, want %q", name, k, want)
			}
		}
	}
	if _, ok := c.vars[long]; ok {
		t.Errorf("a name longer than %d is cached", maxCachedName)
	}
	if k, ok := c.cmds["iex"]; !ok || k != "invoke-expression" {
		t.Errorf("iex cached as %q, %t", k, ok)
	}
}

func TestPlace(t *testing.T) {
	spec := func(positions ...int) cmdSpec {
		var s cmdSpec
		for i, p := range positions {
			s = append(s, paramSpec{name: string(rune('a' + i)), position: p})
		}
		return s
	}
	tests := []struct {
		name  string
		spec  cmdSpec
		named []string // bound by name before
		pos   int      // positional arguments 1, 2, ...
		want  string   // parameter=argument in the order bound; rest=the arguments left
	}{
		{"in order", spec(0, 1, 2), nil, 2, "a=1 b=2 rest="},
		{"out of order", spec(2, 0, -1, 1), nil, 3, "b=1 d=2 a=3 rest="},
		{"same position", spec(1, 0, 1), nil, 3, "b=1 a=2 c=3 rest="},
		{"named first", spec(0, 1), []string{"a"}, 2, "a=x b=1 rest=2"},
		{"none positional", spec(-1, -1), nil, 2, "rest=1 2"},
		{"no arguments", spec(1, 0), nil, 0, "rest="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &binding{}
			for _, n := range tt.named {
				b.add(n, boundArg{v: str("x")})
			}
			var pos []boundArg
			for i := range tt.pos {
				pos = append(pos, boundArg{v: str(fmt.Sprint(i + 1))})
			}
			b.place(tt.spec, pos)
			var got []string
			for i := range b.named.Len() {
				name, a := b.named.At(i)
				got = append(got, name+"="+a.v.Text.S)
			}
			var rest []string
			for _, a := range b.pos {
				rest = append(rest, a.v.Text.S)
			}
			got = append(got, "rest="+strings.Join(rest, " "))
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("got %q, want %q", g, tt.want)
			}
		})
	}
}

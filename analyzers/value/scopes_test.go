package value

import (
	"fmt"
	"strings"
	"testing"
)

func TestScopes(t *testing.T) {
	// ops: "push", "pop", "def name=val", "glob name=val", "asg name=val", "forget name"; want: what
	// Get reads of each name after the ops, "-" when none.
	many := func(op string, n int) []string {
		var ops []string
		for i := range n {
			ops = append(ops, fmt.Sprintf("%s v%d=%d", op, i, i))
		}
		return ops
	}
	tests := []struct {
		name string
		ops  []string
		want map[string]string
	}{
		{"define", []string{"def a=1", "def b=2", "def a=3"}, map[string]string{"a": "3", "b": "2", "c": "-"}},
		{"inner hides outer", []string{"def a=1", "push", "def a=2"}, map[string]string{"a": "2"}},
		{"pop forgets", []string{"def a=1", "push", "def a=2", "def b=3", "pop"}, map[string]string{"a": "1", "b": "-"}},
		{"file scope stays", []string{"def a=1", "pop", "pop"}, map[string]string{"a": "1"}},
		{"global from inside", []string{"push", "def a=2", "glob a=1", "glob b=3"}, map[string]string{"a": "2", "b": "3"}},
		{"global after pop", []string{"push", "def a=2", "glob a=1", "pop"}, map[string]string{"a": "1"}},
		{"assign the defining scope", []string{"def a=1", "push", "asg a=2", "pop"}, map[string]string{"a": "2"}},
		{"assign new", []string{"push", "asg a=2"}, map[string]string{"a": "2"}},
		{"assign new forgotten", []string{"push", "asg a=2", "pop"}, map[string]string{"a": "-"}},
		{"reused scope is empty", append(append([]string{"push"}, many("def", 20)...), "pop", "push", "def v3=x"),
			map[string]string{"v0": "-", "v3": "x", "v19": "-"}},
		{"indexed", append(append(many("def", 20), "def v7=x"), many("asg", 3)...),
			map[string]string{"v0": "0", "v2": "2", "v7": "x", "v19": "19", "v20": "-"}},
		{"indexed inner", append(append([]string{"def v1=outer", "push"}, many("def", 12)...), "pop"),
			map[string]string{"v1": "outer", "v11": "-"}},
		{"forget every scope", []string{"def a=1", "def b=2", "push", "def a=3", "forget a"}, map[string]string{"a": "-", "b": "2"}},
		{"forget keeps the others", []string{"def a=1", "def b=2", "def c=3", "forget a", "def a=4"},
			map[string]string{"a": "4", "b": "2", "c": "3"}},
		{"forget indexed", append(append(many("def", 12), "forget v3", "forget v11", "def v12=x"), "asg v10=y"),
			map[string]string{"v3": "-", "v11": "-", "v0": "0", "v10": "y", "v12": "x", "v2": "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewScopes[string]()
			for _, op := range tt.ops {
				verb, arg, _ := strings.Cut(op, " ")
				name, val, _ := strings.Cut(arg, "=")
				switch verb {
				case "push":
					s.Push()
				case "pop":
					s.Pop()
				case "def":
					s.Define(name, val)
				case "glob":
					s.Global(name, val)
				case "asg":
					s.Assign(name, val)
				case "forget":
					s.Forget(name)
				}
			}
			for name, want := range tt.want {
				got := "-"
				if p := s.Get(name); p != nil {
					got = *p
				}
				if got != want {
					t.Errorf("%s = %s, want %s", name, got, want)
				}
			}
		})
	}
}

func TestNamedOrder(t *testing.T) {
	var n Named[int]
	for i := range 12 { // past indexFrom: indexed
		n.Set(fmt.Sprintf("k%d", i), i)
	}
	n.Set("k3", 33)  // keeps its place
	n.Remove("k1")   // the last takes its place
	n.Remove("gone") // nothing
	var got []string
	for i := range n.Len() {
		name, v := n.At(i)
		got = append(got, fmt.Sprintf("%s=%d", name, *v))
	}
	want := "k0=0 k11=11 k2=2 k3=33 k4=4 k5=5 k6=6 k7=7 k8=8 k9=9 k10=10"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("order %s, want %s", s, want)
	}
	if p := n.Get("k11"); p == nil || *p != 11 {
		t.Errorf("k11 after the remove: %v", p)
	}
	if n.Get("k1") != nil {
		t.Errorf("k1 removed, still found")
	}
}

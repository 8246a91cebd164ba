package value

import "testing"

func TestTruth(t *testing.T) {
	for _, c := range []struct {
		text     string
		b, known bool
	}{
		{"true", true, true}, {" TRUE ", true, true}, {"$true", true, true}, {"1", true, true},
		{"yes", true, true}, {"On", true, true},
		{"false", false, true}, {"$False", false, true}, {"0", false, true}, {"no", false, true},
		{"off", false, true}, {"", false, true},
		{"maybe", false, false}, {"2", false, false},
	} {
		v := Value{Kind: Str, Text: Source([]byte(c.text), 0)}
		if b, known := v.Truth(); b != c.b || known != c.known {
			t.Errorf("Truth(%q) = %v, %v; want %v, %v", c.text, b, known, c.b, c.known)
		}
	}
	if _, known := (Value{Kind: Str, Text: Spread("true", 0, 6, true)}).Truth(); known {
		t.Errorf("Truth of a string known only at run time is known")
	}
	if b, known := (Value{Kind: Bool, Bool: true}).Truth(); !b || !known {
		t.Errorf("Truth of a boolean true = %v, %v", b, known)
	}
	if _, known := (Value{Kind: Unknown}).Truth(); known {
		t.Errorf("Truth of an unknown value is known")
	}
}

func TestEnvScopes(t *testing.T) {
	e := NewEnv(true)
	a := String("a", 0, 1, true)
	b := String("b", 2, 3, true)
	e.Define("User", a)
	if v, ok := e.Get("USER"); !ok || v.Text.S != "a" {
		t.Fatalf("Get(USER) after Define(User) = %q, %v; want a (names fold)", v.Text.S, ok)
	}
	e.Push()
	e.Define("user", b)
	if v, _ := e.Get("user"); v.Text.S != "b" {
		t.Errorf("inner Define does not hide the outer variable: %q", v.Text.S)
	}
	e.Pop()
	if v, _ := e.Get("user"); v.Text.S != "a" {
		t.Errorf("Pop does not bring the outer variable back: %q", v.Text.S)
	}
	e.Push()
	e.Assign("user", b)
	e.Pop()
	if v, _ := e.Get("user"); v.Text.S != "b" {
		t.Errorf("Assign in an inner scope does not set the outer variable: %q", v.Text.S)
	}
	e.Push()
	e.Hide("user")
	if _, ok := e.Get("user"); ok {
		t.Errorf("a hidden variable is known")
	}
	e.Pop()
	if _, ok := e.Get("user"); !ok {
		t.Errorf("Hide outlives its scope")
	}
	e.Forget("user")
	if _, ok := e.Get("user"); ok {
		t.Errorf("a forgotten variable is known")
	}
	exact := NewEnv(false)
	exact.Assign("x", a)
	if _, ok := exact.Get("X"); ok {
		t.Errorf("names fold in an environment that does not fold")
	}
}

func TestListSize(t *testing.T) {
	l := NewList(String("ab", 0, 2, true), String("c", 3, 4, true))
	if got, want := l.Size(), 3+2*ItemCost; got != want {
		t.Errorf("Size = %d, want %d", got, want)
	}
	c := l.Clone()
	c.Append(String("d", 5, 6, true))
	if len(l.Elems) != 2 || len(c.Elems) != 3 {
		t.Errorf("appending to a clone changed the original: %d, %d elements", len(l.Elems), len(c.Elems))
	}
	if !l.Known() {
		t.Errorf("a list of literals is not known")
	}
	c.Append(Unresolved("$x", 7, 9))
	if c.Known() {
		t.Errorf("a list holding a run-time value is known")
	}
	var tb Value
	tb.Kind = Table
	tb.Set("Policy", 0, String("p", 0, 1, true), true)
	tb.Set("policy", 0, String("q", 0, 1, true), true)
	if v, _ := tb.Get("POLICY", true); len(tb.Entries) != 1 || v.Text.S != "q" {
		t.Errorf("a folded key set twice: %d entries, value %q", len(tb.Entries), v.Text.S)
	}
}

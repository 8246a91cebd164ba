package chef

import (
	"regexp"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

// Ruby values are read into the shared model (package value): a string or a symbol is a Str, an
// array or a %w[] list a List, a hash a Table, true and false a Bool, nil Null, an integer literal
// the Str of its digits; anything else is Unknown, carrying its text as written. A string with an
// interpolation privlint cannot resolve is a Str whose placeholder bytes are marked unresolved.
//
// A local variable, constant, instance or global variable holds a value known in full (literal);
// one assigned anything else, or whose array or hash is changed in place (h[:k] = v, l << x,
// l.push(x)), is unknown from there on. Variables live in a value.Env without case
// folding: a block opens a scope, its parameters are defined in it, and an assignment sets the
// variable where it is defined (Ruby's block-local variables end with the block).

// unknownVar is what a variable assigned a value privlint cannot follow holds: reading it gives an
// unknown value carrying the variable's name.
var unknownVar = value.Value{Kind: value.Unknown}

// lookup returns the value of the variable name and whether it is known.
func (w *walker) lookup(name string) (value.Value, bool) {
	v, ok := w.env.Get(name)
	return v, ok && v.Kind != value.Unknown
}

// literal reports whether a variable may hold v: a value known in full, or a string known in part
// ("#{node['d']}\\svc" is an account of some domain wherever it is read). A list cut short where it
// is written counts as known as far as it goes: its cut was reported there, and reading it marks
// the accounts truncated.
func literal(v value.Value) bool {
	switch v.Kind {
	case value.List:
		for _, e := range v.Elems {
			if !literal(e) {
				return false
			}
		}
	case value.Table:
		for _, e := range v.Entries {
			if !literal(e.Value) {
				return false
			}
		}
	case value.Str:
		return true // known, or known in part: its run-time bytes stay marked where it is read
	default:
		return v.Known()
	}
	return true
}

// varName returns the variable a node reads or assigns (a bare identifier, a constant, @x, $x),
// or "".
func varName(n Node) string {
	switch n := n.(type) {
	case *Call:
		if n.Bare {
			return n.Name
		}
	case *VarRef:
		return n.Name
	}
	return ""
}

// eval returns what n evaluates to, with the variables known so far.
func (w *walker) eval(n Node) value.Value {
	switch n := n.(type) {
	case *Lit:
		return w.evalLit(n.Tok)
	case *Array:
		v := value.Value{Kind: value.List, Cut: n.More != 0, CutAt: -1}
		starts, ends := make([]int, len(n.Elems)), make([]int, len(n.Elems))
		for i, e := range n.Elems {
			v.Append(w.eval(e))
			starts[i], ends[i] = e.Span()
		}
		removable(&v, w.f.Text, starts, ends)
		return v
	case *Call:
		if n.Bare {
			switch n.Name {
			case "true", "false":
				return value.Value{Kind: value.Bool, Bool: n.Name == "true", Text: value.Empty(n.Start)}
			case "nil":
				return value.Value{Kind: value.Null, Text: value.Empty(n.Start)}
			}
		}
		if v, ok := w.variable(n); ok {
			return v
		}
	case *VarRef:
		if v, ok := w.variable(n); ok {
			return v
		}
	case *Compound:
		switch {
		case n.Kind == "paren" && len(n.Children) == 1:
			return w.eval(n.Children[0])
		case n.Kind == "hash":
			if v, ok := w.hash(n); ok {
				return v
			}
		case n.Kind == "index" && len(n.Children) == 2:
			if v, ok := w.index(n); ok {
				return v
			}
		}
	}
	start, end := n.Span()
	return w.unknown(start, end)
}

// variable returns the value of the variable n reads, relocated to where it is read, when it is
// known; the copy is charged to the file's budget.
func (w *walker) variable(n Node) (value.Value, bool) {
	name := varName(n)
	if name == "" {
		return value.Value{}, false
	}
	v, ok := w.lookup(name)
	start, end := n.Span()
	if !ok || !w.f.Charge(start, v.Size()) {
		return value.Value{}, false
	}
	return v.At(start, end), true
}

// maxEntries bounds the entries of a hash read as a Table: each entry is compared with those before
// it, so a larger hash would cost the square of its size. A larger one is unknown.
const maxEntries = 256

// hash returns the Table a hash literal writes, when each of its entries has a literal key: a
// symbol key (or a label, key:) is held as :key, a string key as the string, since Ruby tells them
// apart.
func (w *walker) hash(n *Compound) (value.Value, bool) {
	if len(n.Children) > maxEntries {
		return value.Value{}, false
	}
	v := value.Value{Kind: value.Table}
	for _, c := range n.Children {
		p, ok := c.(*Pair)
		if !ok {
			return value.Value{}, false
		}
		key, at, ok := w.key(p.Key)
		if !ok {
			return value.Value{}, false
		}
		v.Set(key, at, w.eval(p.Value), false)
	}
	return v, true
}

// key returns a hash key written as a literal, as hash stores it.
func (w *walker) key(n Node) (key string, at int, ok bool) {
	lit, ok := n.(*Lit)
	if !ok || lit.Tok.Kind != Symbol && lit.Tok.Kind != Label && lit.Tok.Kind != String {
		return "", 0, false
	}
	k := w.evalLit(lit.Tok)
	if k.Kind != value.Str || k.Text.AnyUnresolved() {
		return "", 0, false
	}
	if lit.Tok.Kind == String {
		return k.Text.S, lit.Tok.Start, true
	}
	return ":" + k.Text.S, lit.Tok.Start, true
}

// index returns h[key] for a hash h privlint knows and a literal key. A key the hash does not hold
// is unknown rather than nil: the hash may have been filled in a way privlint does not follow.
func (w *walker) index(n *Compound) (value.Value, bool) {
	h, ok := w.table(n.Children[0])
	if !ok {
		return value.Value{}, false
	}
	key, _, ok := w.key(n.Children[1])
	if !ok {
		return value.Value{}, false
	}
	return h.Get(key, false)
}

// mutators are the methods that change the array or hash they are called on.
var mutators = map[string]bool{"store": true, "update": true, "delete": true, "clear": true, "replace": true,
	"push": true, "append": true, "concat": true, "insert": true, "unshift": true, "prepend": true, "delete_if": true,
	"keep_if": true, "fill": true, "pop": true, "shift": true}

// mutated returns the variable whose array or hash n changes in place (h[:k] = v as a target,
// l << x, l.push(x), h.merge!(o)), or "".
func (w *walker) mutated(n Node) string {
	switch n := n.(type) {
	case *Compound:
		switch {
		case n.Kind == "index" && len(n.Children) > 0:
			return varName(n.Children[0])
		case n.Kind == "binary" && len(n.Children) == 2:
			_, a := n.Children[0].Span()
			b, _ := n.Children[1].Span()
			if a <= b && b <= len(w.f.Text) && strings.TrimSpace(string(w.f.Text[a:b])) == "<<" {
				return varName(n.Children[0])
			}
		}
	case *Call:
		if n.Recv != nil && (mutators[n.Name] || strings.HasSuffix(n.Name, "!")) {
			return varName(n.Recv)
		}
	}
	return ""
}

// table returns the hash n evaluates to, when it is one privlint knows: a hash literal, a variable
// holding one, or an entry of one. Anything else is not evaluated, so that a chain of indexes
// (node['a']['b']...) costs nothing here.
func (w *walker) table(n Node) (v value.Value, ok bool) {
	switch n := n.(type) {
	case *Compound:
		switch {
		case n.Kind == "hash":
			v, ok = w.hash(n)
		case n.Kind == "index" && len(n.Children) == 2:
			v, ok = w.index(n)
		case n.Kind == "paren" && len(n.Children) == 1:
			v, ok = w.table(n.Children[0])
		}
	case *Call, *VarRef:
		if t, known := w.lookup(varName(n)); known && t.Kind == value.Table {
			v, ok = w.variable(n)
		}
	}
	return v, ok && v.Kind == value.Table
}

// removable gives each element of the list v, written in place in src at [starts[i], ends[i]),
// the edit that drops it (assign.Removals); a nested list's elements have their own.
func removable(v *value.Value, src []byte, starts, ends []int) {
	for i, rm := range assign.Removals(src, starts, ends) {
		if v.Elems[i].Kind != value.List {
			v.Elems[i].Remove = rm
		}
	}
}

// unknown returns the value of the expression written at [start, end), known only at run time.
func (w *walker) unknown(start, end int) value.Value {
	start = min(max(start, 0), len(w.f.Text))
	end = min(max(end, start), len(w.f.Text))
	return value.Unresolved(strings.TrimSpace(string(w.f.Text[start:end])), start, end)
}

func (w *walker) evalLit(t Token) value.Value {
	switch t.Kind {
	case Symbol, Label:
		if t.Str != nil && !t.Str.Verbatim {
			return w.evalStr(t.Str)
		}
		return value.Value{Kind: value.Str, Text: value.Spread(t.Text, t.Start, t.End, false)}
	case String:
		return w.evalStr(t.Str)
	case Words:
		v := value.Value{Kind: value.List, Cut: t.Str.More != 0, CutAt: -1}
		starts, ends := make([]int, len(t.Str.Words)), make([]int, len(t.Str.Words))
		for i, s := range t.Str.Words {
			v.Append(w.evalStr(s))
			starts[i], ends[i] = s.Start, s.End
		}
		removable(&v, w.f.Text, starts, ends)
		return v
	case Number:
		if s := string(w.f.Text[t.Start:t.End]); isInteger(s) { // a number is known: Force 1 is true
			return value.Value{Kind: value.Str, Text: value.Spread(s, t.Start, t.End, false)}
		}
	}
	return w.unknown(t.Start, t.End)
}

// isInteger reports whether s is a decimal integer literal.
func isInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && len(s) <= 20 && strings.Trim(s, "0123456789_") == ""
}

// clip returns an interpolation's text as written, cut at value.MaxUnresolved bytes.
func clip(b []byte) string {
	if len(b) > value.MaxUnresolved {
		return string(b[:value.MaxUnresolved]) + "..."
	}
	return string(b)
}

// codeText returns the code t, a string handed to another interpreter, with each interpolation
// known only at run time (#{expr}, #@var, #$var) written as a variable of the shells (${expr}),
// mapped where the interpolation is: the interpreter reads an unknown variable there, not a
// comment.
func codeText(t value.Text) value.Text {
	rt := t.Runtime()
	if rt == nil {
		return t
	}
	var b value.Builder
	at := 0
	for _, r := range rt {
		b.Append(t.Slice(at, r.Start))
		inner := t.S[r.Start:r.End]
		switch {
		case strings.HasPrefix(inner, "#{"):
			inner = strings.TrimSuffix(inner[2:], "}")
		case strings.HasPrefix(inner, "#"):
			inner = inner[1:]
		default:
			b.Append(t.Slice(r.Start, r.End))
			at = r.End
			continue
		}
		lo, hi := t.Span(r.Start, r.End)
		b.Append(value.Spread("${"+placeholderUnsafe.ReplaceAllString(inner, "_")+"}", lo, hi, true))
		at = r.End
	}
	b.Append(t.Slice(at, t.Len()))
	return b.Done(t.Offset(t.Len()))
}

// placeholderUnsafe are the characters an unresolved interpolation's placeholder does not keep:
// they mean something to the languages the string may be handed to.
var placeholderUnsafe = regexp.MustCompile(`[^A-Za-z0-9_.:@'\[\]\-]`)

// evalStr builds a string's value. An interpolation of a variable holding a string is substituted;
// any other leaves the placeholder ${expr} in the text, marked unresolved. The value built is
// charged to the file's budget: past its limits no interpolation is substituted.
func (w *walker) evalStr(s *Str) value.Value {
	n, substitutes := 0, false
	for _, p := range s.Parts {
		if !p.Interp {
			n += p.Lit.Len()
		} else if iv, ok := w.interpolated(p); ok {
			n += iv.Text.Len()
			substitutes = true
		}
	}
	resolve := substitutes && w.f.Charge(s.Start, n)
	var b value.Builder
	for _, p := range s.Parts {
		if !p.Interp {
			b.Append(p.Lit)
			continue
		}
		if iv, ok := w.interpolated(p); ok && resolve {
			b.Substitute(iv.Text, p.Start, p.End, false)
			continue
		}
		b.Append(value.Spread(clip(w.f.Text[p.Start:p.End]), p.Start, p.End, true)) // as written: #{expr}
	}
	return value.Value{Kind: value.Str, Text: b.Done(s.End), Editable: s.Verbatim}
}

// interpolated returns the value of an interpolation that names a variable holding a string.
func (w *walker) interpolated(p Part) (value.Value, bool) {
	if len(p.Expr) != 1 || p.Expr[0].Kind != Ident && p.Expr[0].Kind != Var && p.Expr[0].Kind != Const {
		return value.Value{}, false
	}
	v, ok := w.lookup(p.Expr[0].Text)
	return v, ok && v.Kind == value.Str
}

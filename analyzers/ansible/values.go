package ansible

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// args are a module's arguments, in any of the forms a task writes them.
type args struct {
	m     *yaml.Node            // the mapping under the module's name
	kv    map[string]value.Text // or the key=value string
	free  *value.Text           // or the command string of win_shell and win_command
	extra *yaml.Node            // the task's args: mapping, for arguments not given otherwise
	y     *yamlpos.File         // the file the nodes are in
}

// argsOf reads a module's value that is a string: the command of win_shell and win_command,
// key=value arguments for the other modules.
func argsOf(t value.Text, mod string) args {
	if mod == "win_shell" || mod == "win_command" {
		return args{free: &t}
	}
	return args{kv: parseKV(t)}
}

// arg is one argument: a YAML node or a string of the key=value form.
type arg struct {
	node *yaml.Node
	text value.Text
	kv   bool
}

func (a args) get(key string) arg {
	if v := a.y.Lookup(a.m, key); v != nil {
		return arg{node: v}
	}
	if t, ok := a.kv[key]; ok {
		return arg{text: t, kv: true}
	}
	if v := a.y.Lookup(a.extra, key); v != nil {
		return arg{node: v}
	}
	return arg{}
}

// text returns a string argument as written, with its place in the source.
func (x *extractor) text(a arg) (value.Text, bool) {
	if a.kv {
		return a.text, true
	}
	if yamlpos.IsScalar(a.node) {
		return x.y.Scalar(a.node).Text, true
	}
	return value.Text{}, false
}

// word returns a string argument with its variables resolved, trimmed and lower-cased.
func (x *extractor) word(a arg, sc scope) (string, bool) {
	t, ok := x.text(a)
	if !ok {
		return "", false
	}
	e, _ := x.expand(t, sc)
	return strings.ToLower(strings.TrimSpace(e.S)), !e.AnyUnresolved()
}

// expand replaces the Jinja expressions of t that privlint can evaluate to one string by that
// string, every byte of it placed at the expression. The others stay as written and are marked as
// known only at run time. It returns the spans of the source replaced.
func (x *extractor) expand(t value.Text, sc scope) (value.Text, [][2]int) {
	exprs := yamlpos.Expressions(t.S)
	if len(exprs) == 0 {
		return t, nil
	}
	var b value.Builder
	var substituted [][2]int
	last := 0
	for _, e := range exprs {
		b.AppendSlice(t, last, e[0]) // a run at a time: a script is mostly text between expressions
		lo, hi := t.Span(e[0], e[1])
		if v, ok := sc.eval(t.S[e[0]+2:e[1]-2], lo, hi, 0); ok && v.Kind == value.Str {
			b.Substitute(v.Text, lo, hi, false)
			substituted = append(substituted, [2]int{lo, hi})
		} else {
			for i := e[0]; i < e[1]; i++ {
				l, h := t.Span(i, i+1)
				b.Byte(t.S[i], l, h, true)
			}
		}
		last = e[1]
	}
	b.AppendSlice(t, last, t.Len())
	return b.Done(t.Offset(t.Len())), substituted
}

// wholeExpr reports whether t, blanks aside, is one Jinja expression, and returns its text without
// braces and its bounds in t.
func wholeExpr(t value.Text) (expr string, a, b int, ok bool) {
	s := strings.TrimSpace(t.S)
	exprs := yamlpos.Expressions(s)
	if len(exprs) != 1 || exprs[0][0] != 0 || exprs[0][1] != len(s) {
		return "", 0, 0, false
	}
	a = strings.Index(t.S, s)
	return s[2 : len(s)-2], a, a + len(s), true
}

// accounts returns the accounts of a users argument, a list or a string of comma-separated
// accounts (Ansible splits a string given for a list at commas), and whether they were cut at
// assign.MaxAccounts.
func (x *extractor) accounts(a arg, sc scope) ([]assign.Account, bool) {
	r := assign.Reader{F: x.f}
	if a.node != nil && a.node.Kind == yaml.SequenceNode {
		x.y.ReadItems(&r, a.node, func(t value.Text, remove *[2]int) value.Value {
			return x.accountsOf(t, remove, sc, 0)
		})
	} else if t, ok := x.text(a); ok {
		r.Add(x.accountsOf(t, nil, sc, 0))
	}
	return r.Out, r.Truncated
}

// accountsOf returns the accounts the value written as t holds, as assign.Reader reads them: its
// comma-separated names, or when t is one Jinja expression that expression's value, a list or a
// string. Written in this file, each account is where its value is written; otherwise at the
// expression. A value privlint cannot evaluate is one unresolved account. remove, when not nil,
// drops t from its list: a name alone in t, written as it is (not through a variable), carries it.
// The accounts of a variable's value (depth > 0) have no removal edit: the value may be used
// elsewhere too.
func (x *extractor) accountsOf(t value.Text, remove *[2]int, sc scope, depth int) value.Value {
	if expr, a, b, ok := wholeExpr(t); ok && depth < maxEval {
		lo, hi := t.Span(a, b)
		v, ok := sc.eval(expr, lo, hi, 0)
		switch {
		case !ok:
			return value.Value{Kind: value.Unknown, Text: unresolved(t.Slice(a, b))}
		case v.Kind == value.List:
			out := value.NewList()
			for _, e := range v.Elems {
				out.Append(x.accountsOf(e.Text, nil, sc, depth+1))
			}
			return out
		}
		return x.accountsOf(v.Text, nil, sc, depth+1)
	}
	e, substituted := x.expand(t, sc)
	v := assign.Names(e, func(rm [2]int) bool {
		for _, s := range substituted {
			if rm[0] < s[1] && rm[1] > s[0] {
				return false
			}
		}
		return depth == 0
	})
	if v.Kind == value.Str && depth == 0 && len(substituted) == 0 && remove != nil {
		v.Remove = remove
	}
	return v
}

// unresolved returns t with every byte marked as known only at run time.
func unresolved(t value.Text) value.Text {
	var b value.Builder
	for i := 0; i < t.Len(); i++ {
		lo, hi := t.Span(i, i+1)
		b.Byte(t.S[i], lo, hi, true)
	}
	return b.Done(t.Offset(t.Len()))
}

// right returns the right an argument names, its variables resolved, and where it is written: where
// the variable's value is, when this file holds it.
func (x *extractor) right(a arg, sc scope) (name string, lo, hi int, ok bool) {
	t, ok := x.text(a)
	if !ok {
		return "", 0, 0, false
	}
	if expr, a, b, isExpr := wholeExpr(t); isExpr {
		lo, hi := t.Span(a, b)
		if v, ok := sc.eval(expr, lo, hi, 0); ok && v.Kind == value.Str {
			if v.Text.Len() > 0 {
				lo, hi = v.Text.Span(0, v.Text.Len())
			}
			return strings.TrimSpace(v.Text.S), lo, hi, true
		}
	}
	e, _ := x.expand(t, sc)
	lo, hi = e.Span(0, e.Len())
	return strings.TrimSpace(e.S), lo, hi, true
}

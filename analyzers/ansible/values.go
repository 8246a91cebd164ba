package ansible

import (
	"strings"

	vtext "github.com/privlint/privlint/analyzers/value"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/yamlpos"
)

// args are a module's arguments, in any of the forms a task writes them.
type args struct {
	m     *yaml.Node            // the mapping under the module's name
	kv    map[string]vtext.Text // or the key=value string
	free  *vtext.Text           // or the command string of win_shell and win_command
	extra *yaml.Node            // the task's args: mapping, for arguments not given otherwise
	y     *yamlpos.File         // the file the nodes are in
}

// argsOf reads a module's value that is a string: the command of win_shell and win_command,
// key=value arguments for the other modules.
func argsOf(t vtext.Text, mod string) args {
	if mod == "win_shell" || mod == "win_command" {
		return args{free: &t}
	}
	return args{kv: parseKV(t)}
}

// arg is one argument: a YAML node or a string of the key=value form.
type arg struct {
	node *yaml.Node
	text vtext.Text
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
func (x *extractor) text(a arg) (vtext.Text, bool) {
	if a.kv {
		return a.text, true
	}
	if yamlpos.IsScalar(a.node) {
		return x.y.Scalar(a.node).Text, true
	}
	return vtext.Text{}, false
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
func (x *extractor) expand(t vtext.Text, sc scope) (vtext.Text, [][2]int) {
	exprs := yamlpos.Expressions(t.S)
	if len(exprs) == 0 {
		return t, nil
	}
	var b vtext.Builder
	var substituted [][2]int
	last := 0
	for _, e := range exprs {
		for i := last; i < e[0]; i++ {
			b.Copy(t, i)
		}
		lo, hi := t.Span(e[0], e[1])
		if v, ok := sc.eval(t.S[e[0]+2:e[1]-2], lo, 0); ok && !v.list && len(v.items) == 1 {
			b.Substitute(vtext.Spread(v.items[0].s, lo, hi, false), lo, hi, false)
			substituted = append(substituted, [2]int{lo, hi})
		} else {
			for i := e[0]; i < e[1]; i++ {
				l, h := t.Span(i, i+1)
				b.Byte(t.S[i], l, h, true)
			}
		}
		last = e[1]
	}
	for i := last; i < t.Len(); i++ {
		b.Copy(t, i)
	}
	return b.Done(t.Offset(t.Len())), substituted
}

// wholeExpr reports whether t, blanks aside, is one Jinja expression, and returns its text without
// braces and its bounds in t.
func wholeExpr(t vtext.Text) (expr string, a, b int, ok bool) {
	s := strings.TrimSpace(t.S)
	exprs := yamlpos.Expressions(s)
	if len(exprs) != 1 || exprs[0][0] != 0 || exprs[0][1] != len(s) {
		return "", 0, 0, false
	}
	a = strings.Index(t.S, s)
	return s[2 : len(s)-2], a, a + len(s), true
}

// accounts adds to l the accounts of a users argument: a list, or a string of comma-separated
// accounts (Ansible splits a string given for a list at commas).
func (x *extractor) accounts(l *yamlpos.Accounts, a arg, sc scope) {
	if a.node != nil && a.node.Kind == yaml.SequenceNode {
		x.y.EachItem(l, a.node, func(t vtext.Text, remove *[2]int) {
			x.valueAccounts(l, t, remove, sc, false, 0)
		})
		return
	}
	if t, ok := x.text(a); ok {
		x.valueAccounts(l, t, nil, sc, true, 0)
	}
}

// valueAccounts adds to l the accounts one value holds, until l is full: one account, or with
// split a comma-separated list of them. A value that is one Jinja expression has that
// expression's value, a list or a string: written in this file, each account is where its value
// is written; otherwise at the expression. A value privlint cannot evaluate is one unresolved
// account. The accounts of a variable's value (depth > 0) have no removal edit: the value may be
// used elsewhere too.
func (x *extractor) valueAccounts(l *yamlpos.Accounts, t vtext.Text, remove *[2]int, sc scope, split bool, depth int) {
	if expr, a, b, ok := wholeExpr(t); ok && depth < maxEval {
		v, ok := sc.eval(expr, t.Offset(a), 0)
		if !ok {
			l.Add(unresolved(t.Slice(a, b)), nil)
			return
		}
		lo, hi := t.Span(a, b)
		for _, it := range v.items {
			if l.Truncated {
				return
			}
			vt := vtext.Spread(it.s, lo, hi, false)
			if it.node != nil {
				vt = x.y.Scalar(it.node).Text
			}
			x.valueAccounts(l, vt, nil, sc, split && !v.list, depth+1)
		}
		return
	}
	e, substituted := x.expand(t, sc)
	if !split {
		if len(substituted) > 0 {
			remove = nil
		}
		if strings.TrimSpace(e.S) != "" {
			l.Add(e, remove)
		}
		return
	}
	for el := range vtext.Split(e, vtext.Commas) {
		rm := &el.Remove
		for _, s := range substituted {
			if el.Remove[0] < s[1] && el.Remove[1] > s[0] {
				rm = nil
			}
		}
		if depth > 0 {
			rm = nil
		}
		if !l.Add(el.Text, rm) {
			return
		}
	}
}

// unresolved returns t with every byte marked as known only at run time.
func unresolved(t vtext.Text) vtext.Text {
	var b vtext.Builder
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
		if v, ok := sc.eval(expr, t.Offset(a), 0); ok && !v.list && len(v.items) == 1 {
			lo, hi := t.Span(a, b)
			if n := v.items[0].node; n != nil {
				s := x.y.Scalar(n)
				lo, hi = s.Text.Span(0, s.Text.Len())
			}
			return strings.TrimSpace(v.items[0].s), lo, hi, true
		}
	}
	e, _ := x.expand(t, sc)
	lo, hi = e.Span(0, e.Len())
	return strings.TrimSpace(e.S), lo, hi, true
}

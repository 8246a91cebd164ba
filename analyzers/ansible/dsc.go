package ansible

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/forms"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// dsc reads ansible.windows.win_dsc: resource_name names a DSC resource package forms knows
// (UserRightsAssignment, Carbon_Privilege), and the other arguments are its properties, matched
// case-insensitively as win_dsc matches them.
func (x *extractor) dsc(a args, sc scope) {
	name, ok := x.text(a.get("resource_name"))
	if !ok {
		return
	}
	e, _ := x.expand(name, sc)
	if e.AnyUnresolved() || forms.Lookup(e.S) == nil {
		return
	}
	r := &forms.Resource{Name: e.S, At: e.Offset(0), Via: "win_dsc"}
	// Props are read lowest priority first, as args.get prefers them: the task's args:, the
	// key=value string, then the module's mapping, its merged keys before its own.
	add := func(m *yaml.Node) {
		pairs := x.y.Pairs(m)
		slices.Reverse(pairs)
		for _, p := range pairs {
			if yamlpos.IsScalar(p.Key) && !dscArgument(p.Key.Value) {
				r.Props = append(r.Props, forms.Prop{Name: p.Key.Value, At: x.y.Offset(p.Key), Value: x.formNode(p.Value, sc)})
			}
		}
	}
	add(a.extra)
	for k, t := range a.kv {
		if !dscArgument(k) {
			r.Props = append(r.Props, forms.Prop{Name: k, At: t.Offset(0), Value: x.formText(t, sc)})
		}
	}
	add(a.m)
	x.out = append(x.out, forms.Assignments(x.f, r)...)
}

// dscArgument reports whether key is an argument of win_dsc itself rather than a property.
func dscArgument(key string) bool {
	switch strings.ToLower(key) {
	case "resource_name", "module_version":
		return true
	}
	return false
}

// formNode returns the value of node n as package forms reads a property: a sequence's scalar
// items each with the edit that drops it, a scalar as formText reads it.
func (x *extractor) formNode(n *yaml.Node, sc scope) value.Value {
	n = x.y.Deref(n)
	switch {
	case n == nil || yamlpos.IsNull(n):
		return value.Value{Kind: value.Null}
	case yamlpos.IsScalar(n):
		return x.formText(x.y.Scalar(n).Text, sc)
	case n.Kind == yaml.SequenceNode:
		out := value.Value{Kind: value.List}
		for i, it := range x.y.Items(n) {
			if !yamlpos.IsScalar(it) {
				continue
			}
			v := x.formText(x.y.Scalar(it).Text, sc)
			if s, e, ok := x.y.ItemRemoval(n, i); ok && v.Editable {
				v.Remove = &[2]int{s, e}
			}
			out.Append(v)
		}
		if c, ok := x.y.CutOf(n); ok {
			out.Cut, out.CutAt = true, c.Past
		}
		return out
	}
	return value.Value{Kind: value.Null}
}

// formText returns a scalar written as t. A value that is one Jinja expression privlint can
// evaluate has that expression's value, a list or a string, placed where it is written in this
// file or else at the expression; other expressions are substituted when they give one string and
// otherwise stay as written, known only at run time.
func (x *extractor) formText(t value.Text, sc scope) value.Value {
	if expr, a, b, ok := wholeExpr(t); ok {
		lo, hi := t.Span(a, b)
		if v, ok := sc.eval(expr, lo, hi, 0); ok {
			return v
		}
	}
	e, substituted := x.expand(t, sc)
	return value.Value{Kind: value.Str, Text: e, Editable: len(substituted) == 0}
}

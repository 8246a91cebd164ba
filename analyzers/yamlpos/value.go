package yamlpos

import (
	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/value"
)

// maxValueDepth bounds how deep Value reads lists in lists and mappings in mappings; what is
// nested deeper is an unknown value.
const maxValueDepth = 16

// Value returns what the node n says, mapped to the source, as every language's evaluator gives
// its values to assign.Reader and the grant forms:
//
//   - a scalar is a string (a masked Jinja expression in it known only at run time); one tagged
//     !!bool is a boolean, one tagged !!null (~, null, nothing) is Null. A string written so that
//     each of its bytes is a byte of the source (plain or quoted without escapes) is Editable:
//     one of its comma-separated names can be dropped.
//   - a sequence is a list; each scalar item alone on its lines (or in a flow sequence) carries the
//     edit that drops it, and the items the parser left out of a long flow sequence make it Cut.
//   - a mapping is a table of its scalar keys.
//
// Aliases are followed (and charged, see ChargeTo). A nil node is Null.
func (f *File) Value(n *yaml.Node) value.Value { return f.value(n, 0) }

func (f *File) value(n *yaml.Node, depth int) value.Value {
	n = f.Deref(n)
	if n == nil {
		return value.Value{Kind: value.Null}
	}
	if depth > maxValueDepth {
		s := f.Offset(n)
		return value.Unresolved("...", s, s)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return f.scalarValue(n)
	case yaml.SequenceNode:
		v := value.Value{Kind: value.List, CutAt: -1}
		for i, it := range f.Items(n) {
			e := f.value(it, depth+1)
			if s, end, ok := f.ItemRemoval(n, i); ok && e.Kind == value.Str {
				e.Remove = &[2]int{s, end}
			}
			v.Append(e)
		}
		if c, ok := f.CutOf(n); ok {
			v.Cut, v.CutAt = true, c.Past
		}
		return v
	case yaml.MappingNode:
		v := value.Value{Kind: value.Table}
		for _, p := range f.Pairs(n) {
			if k := f.Deref(p.Key); k != nil && k.Kind == yaml.ScalarNode {
				v.Set(k.Value, f.Offset(k), f.value(p.Value, depth+1), false)
			}
		}
		return v
	}
	s := f.Offset(n)
	return value.Unresolved("", s, s)
}

// scalarValue returns the value of the scalar n.
func (f *File) scalarValue(n *yaml.Node) value.Value {
	switch n.Tag {
	case "!!null":
		return value.Value{Kind: value.Null}
	case "!!bool":
		b, known := value.Value{Kind: value.Str, Text: value.Source([]byte(n.Value), 0)}.Truth()
		if known {
			return value.Value{Kind: value.Bool, Bool: b}
		}
	}
	sc := f.Scalar(n)
	v := value.Of(sc.Text)
	if v.Kind == value.Str && sc.Text.Len() > 0 {
		lo, hi := sc.Text.Span(0, sc.Text.Len())
		v.Editable = hi-lo == sc.Text.Len() && lo >= 0 && hi <= len(f.Text) && string(f.Text[lo:hi]) == sc.Text.S
	}
	return v
}

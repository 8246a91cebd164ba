package yamlpos

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// Element is one element of a list written in one string.
type Element struct {
	Text value.Text // the element, blanks around it trimmed
	// Remove is the span of the source to delete to drop the element: the element and the separator
	// after it, or for the last element the separator before it.
	Remove [2]int
}

// Commas reports the length of a comma separator at s[i:].
func Commas(s string, i int) int {
	if s[i] == ',' {
		return 1
	}
	return 0
}

// Split splits t at the separators sep finds (sep returns a separator's length at s[i:], 0 when
// there is none). Bytes known only at run time never separate: a comma inside an unresolved Jinja
// expression belongs to it. Empty elements are dropped.
func Split(t value.Text, sep func(s string, i int) int) []Element {
	type span struct{ a, b int }
	var spans []span
	start := 0
	for i := 0; i <= t.Len(); {
		n := 0
		if i < t.Len() {
			if n = sep(t.S, i); n == 0 || t.Unresolved(i, i+1) {
				n = 0
				i++
				continue
			}
		}
		if a, b := trim(t.S, start, i); a < b {
			spans = append(spans, span{a, b})
		}
		i += max(n, 1)
		start = i
	}
	out := make([]Element, len(spans))
	for k, s := range spans {
		var a, b int
		switch {
		case len(spans) == 1:
			a, b = s.a, s.b
		case k+1 < len(spans):
			a, b = s.a, spans[k+1].a
		default:
			a, b = spans[k-1].b, s.b
		}
		lo, hi := t.Span(a, b)
		out[k] = Element{Text: t.Slice(s.a, s.b), Remove: [2]int{lo, hi}}
	}
	return out
}

// trim narrows s[a:b] to exclude blanks and line breaks around it.
func trim(s string, a, b int) (int, int) {
	isBlank := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	for a < b && isBlank(s[a]) {
		a++
	}
	for b > a && isBlank(s[b-1]) {
		b--
	}
	return a, b
}

// Account returns the account t, written in f, trimmed of blanks; unresolved when any of its bytes
// is known only at run time. remove, when not nil, is the span of f.Text to delete to drop it.
func Account(f *source.File, t value.Text, remove *[2]int) assign.Account {
	a, b := trim(t.S, 0, t.Len())
	t = t.Slice(a, b)
	lo, hi := t.Span(0, t.Len())
	acc := assign.Account{Text: t.S, Pos: f.Pos(lo), End: f.Pos(hi), Unresolved: t.AnyUnresolved()}
	if remove != nil && !acc.Unresolved {
		acc.Remove = []analysis.TextEdit{{Pos: f.Pos(remove[0]), End: f.Pos(remove[1])}}
	}
	return acc
}

// ItemRemoval returns the span of Text to delete to drop the scalar item i of sequence seq: its line
// in a block sequence, the item and a comma in a flow sequence. ok is false when the item is not a
// scalar alone on its lines.
func (f *File) ItemRemoval(seq *yaml.Node, i int) (start, end int, ok bool) {
	start, end, ok = f.itemRemoval(seq, i)
	if !ok || start > end || start < 0 || end > len(f.Text) {
		return 0, 0, false // an item the alignment could not place, such as an empty one with an anchor
	}
	return start, end, true
}

func (f *File) itemRemoval(seq *yaml.Node, i int) (start, end int, ok bool) {
	if seq == nil || seq.Kind != yaml.SequenceNode || i < 0 || i >= len(seq.Content) || seq.Content[i].Kind != yaml.ScalarNode {
		return 0, 0, false
	}
	item := f.Scalar(seq.Content[i])
	if seq.Style&yaml.FlowStyle != 0 {
		switch {
		case len(seq.Content) == 1:
			return f.Offset(seq.Content[i]), item.End, true
		case i+1 < len(seq.Content):
			return f.Offset(seq.Content[i]), f.Offset(seq.Content[i+1]), true
		case seq.Content[i-1].Kind == yaml.ScalarNode:
			return f.Scalar(seq.Content[i-1]).End, item.End, true
		}
		return 0, 0, false
	}
	// A block item: the line must hold only "- item", maybe followed by a comment.
	if f.orig != nil {
		return 0, 0, false
	}
	s := f.srcOffset(seq.Content[i])
	ls := s
	for ls > 0 && f.src[ls-1] != '\n' && f.src[ls-1] != '\r' {
		ls--
	}
	dash := false
	for k := ls; k < s; k++ {
		switch c := f.src[k]; {
		case c == '-' && !dash:
			dash = true
		case c == ' ' || c == '\t':
		default:
			return 0, 0, false
		}
	}
	e := item.End
	if !dash {
		return 0, 0, false
	}
	for e < len(f.src) && breakLen(f.src, e) == 0 {
		if c := f.src[e]; c == '#' {
			for e < len(f.src) && breakLen(f.src, e) == 0 {
				e++
			}
			break
		} else if c != ' ' && c != '\t' {
			return 0, 0, false
		}
		e++
	}
	return ls, e + breakLen(f.src, e), true
}

// ItemAccounts returns the accounts of the scalar items of sequence seq, written in sf, each with
// the edit that drops it from the list when there is one. Empty items and other nodes are left out.
func (f *File) ItemAccounts(sf *source.File, seq *yaml.Node) []assign.Account {
	var out []assign.Account
	for i, it := range f.Items(seq) {
		if !IsScalar(it) {
			continue
		}
		t := f.Scalar(it).Text
		if strings.TrimSpace(t.S) == "" {
			continue
		}
		var remove *[2]int
		if s, e, ok := f.ItemRemoval(seq, i); ok {
			remove = &[2]int{s, e}
		}
		out = append(out, Account(sf, t, remove))
	}
	return out
}

// StringAccounts returns the accounts of a list written in one string, split at the separators sep
// finds (see Split), each with the edit that drops it from the string.
func StringAccounts(sf *source.File, t value.Text, sep func(s string, i int) int) []assign.Account {
	var out []assign.Account
	for _, el := range Split(t, sep) {
		out = append(out, Account(sf, el.Text, &el.Remove))
	}
	return out
}

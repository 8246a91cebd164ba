package yamlpos

import (
	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

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

// ReadItems reads into r the accounts of the scalar items of the sequence seq, elem giving the
// value of each from its text and the edit that drops the item from the list (nil when there is
// none), until r is full; then it records on r the items the parser left out (see CutOf).
func (f *File) ReadItems(r *assign.Reader, seq *yaml.Node, elem func(t value.Text, remove *[2]int) value.Value) {
	for i, it := range f.Items(seq) {
		if !IsScalar(it) {
			continue
		}
		var remove *[2]int
		if s, e, ok := f.ItemRemoval(seq, i); ok {
			remove = &[2]int{s, e}
		}
		if !r.Add(elem(f.Scalar(it).Text, remove)) {
			return
		}
	}
	if c, ok := f.CutOf(seq); ok {
		r.More(c.Past)
	}
}

package yamlpos

import (
	"iter"
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

// Split returns the elements of t, split at the separators sep finds (sep returns a separator's
// length at s[i:], 0 when there is none), in order. Bytes known only at run time never separate: a
// comma inside an unresolved Jinja expression belongs to it. Empty elements are dropped. The
// elements are found as they are asked for: a caller that stops early does not pay for the rest of
// t.
func Split(t value.Text, sep func(s string, i int) int) iter.Seq[Element] {
	return func(yield func(Element) bool) {
		element := func(s [2]int, lo, hi int) Element {
			a, b := t.Span(lo, hi)
			return Element{Text: t.Slice(s[0], s[1]), Remove: [2]int{a, b}}
		}
		// pending is the last element found, yielded once the next one shows whether it is the last;
		// prevEnd is where the element before it ends, or -1 when it is the first.
		var pending [2]int
		found, prevEnd := false, -1
		for s := range spans(t, sep) {
			if found && !yield(element(pending, pending[0], s[0])) {
				return
			}
			if found {
				prevEnd = pending[1]
			}
			pending, found = s, true
		}
		switch {
		case !found:
		case prevEnd < 0: // an element alone
			yield(element(pending, pending[0], pending[1]))
		default: // the last element goes with the separator before it
			yield(element(pending, prevEnd, pending[1]))
		}
	}
}

// spans returns the spans of t's non-empty elements, blanks around them trimmed.
func spans(t value.Text, sep func(s string, i int) int) iter.Seq[[2]int] {
	return func(yield func([2]int) bool) {
		start := 0
		for i := 0; i <= t.Len(); {
			n := 0
			if i < t.Len() {
				if n = sep(t.S, i); n == 0 || t.Unresolved(i, i+1) {
					i++
					continue
				}
			}
			if a, b := trim(t.S, start, i); a < b && !yield([2]int{a, b}) {
				return
			}
			i += max(n, 1)
			start = i
		}
	}
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
	acc := assign.AccountOf(f, t.Slice(a, b))
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

// Accounts gathers the accounts of one list, at most assign.MaxAccounts of them: the first account
// offered past those is reported with assign.TooMany, and the list is Truncated.
type Accounts struct {
	List      []assign.Account
	Truncated bool // the list holds more accounts than List
	f         *source.File
}

// NewAccounts returns an empty list of the accounts of a list written in f.
func NewAccounts(f *source.File) *Accounts { return &Accounts{f: f} }

// Add adds the account t (see Account) while the list holds fewer than assign.MaxAccounts; past
// those it records, the first time, that the list holds more, at t. It returns false when t is not
// added: the caller stops offering accounts.
func (l *Accounts) Add(t value.Text, remove *[2]int) bool {
	if len(l.List) < assign.MaxAccounts {
		l.List = append(l.List, Account(l.f, t, remove))
		return true
	}
	a, _ := trim(t.S, 0, t.Len())
	l.More(t.Offset(a))
	return false
}

// More records that the list goes on at off past what was offered, such as the items the parser
// left out of a long flow sequence (see File.CutOf), unless it is already Truncated.
func (l *Accounts) More(off int) {
	if !l.Truncated {
		l.Truncated = true
		assign.TooMany(l.f, off)
	}
}

// ItemAccounts adds to l the accounts of the scalar items of sequence seq, each with the edit that
// drops it from the list when there is one, until l is full. Empty items and other nodes are left
// out.
func (f *File) ItemAccounts(l *Accounts, seq *yaml.Node) {
	f.EachItem(l, seq, func(t value.Text, remove *[2]int) {
		if strings.TrimSpace(t.S) != "" {
			l.Add(t, remove)
		}
	})
}

// EachItem calls add with the value of each scalar item of sequence seq, and the edit that drops
// the item from the list (nil when there is none), while l is not Truncated; then it records on l
// the items the parser left out (see File.CutOf).
func (f *File) EachItem(l *Accounts, seq *yaml.Node, add func(t value.Text, remove *[2]int)) {
	for i, it := range f.Items(seq) {
		if l.Truncated {
			return
		}
		if !IsScalar(it) {
			continue
		}
		var remove *[2]int
		if s, e, ok := f.ItemRemoval(seq, i); ok {
			remove = &[2]int{s, e}
		}
		add(f.Scalar(it).Text, remove)
	}
	if c, ok := f.CutOf(seq); ok {
		l.More(c.Past)
	}
}

// StringAccounts adds to l the accounts of a list written in one string, split at the separators
// sep finds (see Split), each with the edit that drops it from the string, until l is full.
func StringAccounts(l *Accounts, t value.Text, sep func(s string, i int) int) {
	for el := range Split(t, sep) {
		if !l.Add(el.Text, &el.Remove) {
			return
		}
	}
}

package yamlpos

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// Account returns the account t, written in f, trimmed of blanks; unresolved when any of its bytes
// is known only at run time. remove, when not nil, is the span of f.Text to delete to drop it.
func Account(f *source.File, t value.Text, remove *[2]int) assign.Account {
	a, b := value.TrimBlanks(t.S, 0, t.Len())
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
	a, _ := value.TrimBlanks(t.S, 0, t.Len())
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
	for el := range value.Split(t, sep) {
		if !l.Add(el.Text, &el.Remove) {
			return
		}
	}
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

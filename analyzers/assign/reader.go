package assign

import (
	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// Reader turns values into the accounts they name, for every language alike:
//
//   - a list gives one account per element, nested lists flattened;
//   - a string gives one account per comma-separated name, blanks around it trimmed and empty
//     names skipped (bytes known only at run time never separate);
//   - a value known only at run time is one unresolved account carrying its text;
//   - a name with a byte known only at run time is unresolved, and read by its written part
//     (AccountOf).
//
// An element or a name carries the edit that drops it when the evaluator gave one (value.Value's
// Remove and Editable) and the name is resolved. At most MaxAccounts accounts are read: the first
// one past them is reported once and Truncated is set.
type Reader struct {
	F *source.File
	// TooMany reports that the accounts go on past MaxAccounts at the offset off; nil reports with
	// TooMany. An evaluator that may read one list more than once passes a function that reports
	// each offset once.
	TooMany   func(off int)
	Out       []Account
	Truncated bool
	reported  bool // the first account past MaxAccounts is reported
}

// Accounts returns the accounts v names in f, and whether the list was cut at MaxAccounts.
func Accounts(f *source.File, v value.Value) ([]Account, bool) {
	r := Reader{F: f}
	r.Add(v)
	return r.Out, r.Truncated
}

// More records that the accounts go on past what is read, at off: the items a parser left out of a
// long list. Reported once.
func (r *Reader) More(off int) {
	r.Truncated = true
	if r.reported {
		return
	}
	r.reported = true
	if r.TooMany != nil {
		r.TooMany(off)
	} else {
		TooMany(r.F, off)
	}
}

// account adds the account t[a:b], with the edit rm drops it with (nil: none); false once the list
// is full.
func (r *Reader) account(t value.Text, a, b int, rm *[2]int, origin string) bool {
	s, _ := t.Span(a, b)
	if len(r.Out) >= MaxAccounts {
		r.More(s)
		return false
	}
	acc := AccountOf(r.F, t.Slice(a, b))
	if rm != nil && !acc.Unresolved {
		acc.Remove = []analysis.TextEdit{{Pos: r.F.Pos(rm[0]), End: r.F.Pos(rm[1])}}
	}
	if origin != "" && acc.Unresolved && acc.Origin == "" {
		acc.Origin = origin
	}
	r.Out = append(r.Out, acc)
	return true
}

// Cut records that the list v was cut short where it is written: its accounts past those read are
// reported at CutAt (or were already, when CutAt is negative), and the list is Truncated.
func (r *Reader) Cut(v value.Value) {
	if v.CutAt < 0 {
		r.Truncated = true
	} else {
		r.More(v.CutAt)
	}
}

// Add appends the accounts v names; false once the list is full.
func (r *Reader) Add(v value.Value) bool {
	switch v.Kind {
	case value.List:
		for _, e := range v.Elems {
			if len(v.Elems) < 2 {
				e.Remove = nil // dropping the only element leaves an empty list, which means something else
			}
			if !r.Add(e) {
				return false
			}
		}
		if v.Cut {
			r.Cut(v)
			return false
		}
	case value.Unknown:
		lo, hi := value.TrimBlanks(v.Text.S, 0, v.Text.Len())
		if lo == hi {
			return true
		}
		t := v.Text.Slice(lo, hi)
		if !t.AnyUnresolved() { // unknown, whatever the evaluator marked
			s, e := v.Text.Span(lo, hi)
			t = value.Spread(t.S, s, e, true)
		}
		if !r.account(t, 0, t.Len(), v.Remove, v.Origin) {
			return false
		}
		if acc := &r.Out[len(r.Out)-1]; v.Param != nil && acc.Param == nil && len(acc.Runtime) <= 1 {
			acc.Param = &Param{Param: *v.Param, Span: value.Span{Start: 0, End: len(acc.Text)}}
		}
		return true
	case value.Str:
		// The names are split off as they are taken: a string of a million names costs what the
		// first MaxAccounts of them cost. A name carries the edit that drops it from the string when
		// the string is Editable and holds more than one, the value's own edit when it is alone.
		var prev value.Element
		n := 0
		for el := range value.Split(v.Text, value.Commas) {
			if n > 0 && !r.account(prev.Text, 0, prev.Text.Len(), r.nameEdit(v, prev), v.Origin) {
				return false
			}
			prev = el
			n++
		}
		switch {
		case n == 1:
			if !r.account(prev.Text, 0, prev.Text.Len(), v.Remove, v.Origin) {
				return false
			}
			if acc := &r.Out[len(r.Out)-1]; v.Param != nil && acc.Param == nil {
				acc.Param = &Param{Param: *v.Param, Span: value.Span{Start: 0, End: len(acc.Text)}} // a default the callers may replace
			}
			return true
		case n > 1:
			return r.account(prev.Text, 0, prev.Text.Len(), r.nameEdit(v, prev), v.Origin)
		}
	}
	return true
}

// Names returns the names written in the string t as a list of strings, cut at MaxAccounts, each
// carrying the edit that drops it (with the comma beside it; alone, the name itself) when keep
// accepts that span; one name alone is returned as a string, so that its edit is kept (Reader
// drops the edit of a list's only element). An evaluator that decides which names of a string may
// be dropped (not the last one of a set, say) builds the value with it; Reader splits any other
// string alike.
func Names(t value.Text, keep func(rm [2]int) bool) value.Value {
	list := value.NewList()
	for e := range value.Split(t, value.Commas) {
		if len(list.Elems) == MaxAccounts {
			list.Cut, list.CutAt = true, e.Text.Offset(0)
			break
		}
		n := value.Value{Kind: value.Str, Text: e.Text}
		if keep(e.Remove) {
			n.Remove = &e.Remove
		}
		list.Append(n)
	}
	if len(list.Elems) == 1 && !list.Cut {
		return list.Elems[0]
	}
	return list
}

// nameEdit returns the edit that drops the name el from the string v holds with others: the
// name and the comma beside it, when v is Editable.
func (r *Reader) nameEdit(v value.Value, el value.Element) *[2]int {
	if !v.Editable {
		return nil
	}
	rm := el.Remove
	return &rm
}

// Removals returns, for the elements of a list written in place in src at the spans [starts[i],
// ends[i]) (each element as written, quotes included), the span of src that drops each one with
// the separator beside it (see ListRemoval). An element alone in its list has none (the list
// would be left empty, which changes what a set means), nor one whose deletion would take anything
// but commas and blanks besides the element: a comment, a bracket of a nested list.
func Removals(src []byte, starts, ends []int) []*[2]int {
	out := make([]*[2]int, len(starts))
	if len(starts) < 2 {
		return out
	}
	for i := range starts {
		s, e := ListRemoval(starts, ends, i)
		if s < 0 || e > len(src) || s > starts[i] || e < ends[i] ||
			!separators(src[s:starts[i]]) || !separators(src[ends[i]:e]) {
			continue
		}
		out[i] = &[2]int{s, e}
	}
	return out
}

// separators reports whether b holds only commas and blanks.
func separators(b []byte) bool {
	for _, c := range b {
		switch c {
		case ',', ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return true
}

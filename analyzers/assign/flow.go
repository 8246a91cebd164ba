package assign

import (
	"slices"
	"sort"

	"github.com/privlint/privlint/analyzers/source"
)

// Flows notes where in a file's text an evaluator substituted values that came through calls (a
// batch label's %1, a shell function's $1, or a variable set from one), each with its flow, so that
// the accounts found there carry it (Apply) and the arguments of a further call pass it on (Of).
// The spans noted are those of the references, in the offsets of the text evaluated; they do not
// overlap. The zero value is ready to use.
type Flows struct {
	spans []flowSpan // sorted by lo
}

type flowSpan struct {
	lo, hi int
	flow   []Step
}

// Note records that the reference at [lo, hi) holds a value whose flow is flow; a nil flow forgets
// what was noted there (the reference, read again, holds a value that came through no call).
func (fl *Flows) Note(lo, hi int, flow []Step) {
	n := len(fl.spans)
	if n == 0 || fl.spans[n-1].lo < lo {
		if flow != nil {
			fl.spans = append(fl.spans, flowSpan{lo, hi, flow})
		}
		return
	}
	i := sort.Search(n, func(k int) bool { return fl.spans[k].lo >= lo })
	switch {
	case i < n && fl.spans[i].lo == lo && flow == nil:
		fl.spans = slices.Delete(fl.spans, i, i+1)
	case i < n && fl.spans[i].lo == lo:
		fl.spans[i] = flowSpan{lo, hi, flow}
	case flow != nil:
		fl.spans = slices.Insert(fl.spans, i, flowSpan{lo, hi, flow})
	}
}

// Of returns the flow of a value written at the source span [lo, hi): the flow noted on a
// reference it overlaps (or starts at, when empty), or nil.
func (fl *Flows) Of(lo, hi int) []Step {
	i := sort.Search(len(fl.spans), func(k int) bool { return fl.spans[k].hi > lo })
	if i < len(fl.spans) && (fl.spans[i].lo < hi || fl.spans[i].lo == lo) {
		return fl.spans[i].flow
	}
	return nil
}

// Reset forgets every span noted.
func (fl *Flows) Reset() { fl.spans = fl.spans[:0] }

// Empty reports whether nothing is noted.
func (fl *Flows) Empty() bool { return len(fl.spans) == 0 }

// Apply sets the Flow of each account of as that has none and is written over a noted reference of
// f's text.
func (fl *Flows) Apply(f *source.File, as []Assignment) {
	if len(fl.spans) == 0 {
		return
	}
	for i := range as {
		for k := range as[i].Accounts {
			acc := &as[i].Accounts[k]
			if acc.Flow != nil {
				continue
			}
			// Positions are those of the outermost file; the spans, offsets of f's text, are mapped
			// to them as they are looked at (f.Pos keeps the order of the offsets).
			j := sort.Search(len(fl.spans), func(k int) bool { return f.Pos(fl.spans[k].hi) > acc.Pos })
			if j < len(fl.spans) && (f.Pos(fl.spans[j].lo) < acc.End || f.Pos(fl.spans[j].lo) == acc.Pos) {
				acc.Flow = fl.spans[j].flow
			}
		}
	}
}

// Through returns flow followed by a step: the flow of a value passed on by one more call. The
// result never shares its array with flow.
func Through(flow []Step, st Step) []Step {
	return append(slices.Clip(flow), st)
}

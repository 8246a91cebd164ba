package assign

import (
	"strings"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// AccountOf returns the account t names in f: its text, where it is written, and which parts of it
// are known only at run time. Those parts read as they are written in f (a variable reference, an
// interpolation), whatever placeholder the evaluator put in t. It sets no removal edit.
func AccountOf(f *source.File, t value.Text) Account {
	start, end := t.Span(0, t.Len())
	acc := Account{Text: t.S, Pos: f.Pos(start), End: f.Pos(end)}
	rt := t.Runtime()
	if rt == nil {
		return acc
	}
	var b strings.Builder
	at := 0
	for _, s := range rt {
		b.WriteString(t.S[at:s.Start])
		lo, hi := t.Span(s.Start, s.End)
		from := b.Len()
		if lo >= 0 && lo < hi && hi <= len(f.Text) {
			b.Write(f.Text[lo:hi])
		} else {
			b.WriteString(t.S[s.Start:s.End])
		}
		acc.Runtime = append(acc.Runtime, value.Span{Start: from, End: b.Len()})
		at = s.End
	}
	b.WriteString(t.S[at:])
	acc.Text, acc.Unresolved = b.String(), true
	return acc
}

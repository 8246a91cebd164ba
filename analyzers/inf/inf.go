// Package inf extracts user-right assignments from security templates: secedit exports, GPO
// GptTmpl.inf files and hand-written .inf templates, in any encoding.
package inf

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// Extract parses f.Text[start:end] as a security template and returns its assignments, every one a
// set, with positions in f. Problems are recorded on f, among them a list past assign.MaxAccounts,
// whose assignment is Truncated. Callers use it for a template file, or one written verbatim inside
// another file (a literal here-string); a template an evaluator built goes to ExtractText.
func Extract(f *source.File, start, end int) []assign.Assignment {
	return extract(f, f.Text[start:end], value.Source(f.Text[start:end], start))
}

// ExtractText parses t, the text of a security template built by an evaluator from what f writes
// (a heredoc with its variables expanded, the line items of an XML file), and returns its
// assignments with positions in f. An account is read with assign.AccountOf: one holding a byte
// known only at run time is unresolved, and judged by its written part. An account carries the
// edit that drops it from its list only when it is resolved and its element, with the separator
// the edit takes, is written in f byte for byte.
func ExtractText(f *source.File, t value.Text) []assign.Assignment {
	return extract(f, []byte(t.S), t)
}

// extract parses text, which is t.S, as a security template.
func extract(f *source.File, text []byte, t value.Text) []assign.Assignment {
	tpl := Parse(text)
	for _, p := range tpl.Problems {
		f.Problemf(t.Offset(p.Offset), "%s", p.Message)
	}
	scope := fmt.Sprintf("template@%d", t.Offset(0))
	out := make([]assign.Assignment, 0, len(tpl.Entries))
	for _, e := range tpl.Entries {
		starts, ends := make([]int, len(e.Accounts)), make([]int, len(e.Accounts))
		for i, acc := range e.Accounts {
			starts[i], ends[i] = acc.ElemStart, acc.ElemEnd
		}
		ks, ke := t.Span(e.KeyStart, e.KeyEnd)
		a := assign.Assignment{
			Right: e.Key, Pos: f.Pos(ks), End: f.Pos(ke),
			Op: assign.Set, Via: "template", Scope: scope,
			Accounts: make([]assign.Account, len(e.Accounts)), Truncated: e.Rest > 0,
		}
		if a.Truncated {
			assign.TooMany(f, t.Offset(e.Rest))
		}
		removals := make([]analysis.TextEdit, len(e.Accounts)) // one allocation for every account's edit
		for i, acc := range e.Accounts {
			a.Accounts[i] = assign.AccountOf(f, t.Slice(acc.Start, acc.End))
			if ds, de := assign.ListRemoval(starts, ends, i); !a.Accounts[i].Unresolved && verbatim(t, ds, de) {
				s, e := t.Span(ds, de)
				removals[i] = analysis.TextEdit{Pos: f.Pos(s), End: f.Pos(e)}
				a.Accounts[i].Remove = removals[i : i+1 : i+1]
			}
		}
		out = append(out, a)
	}
	return out
}

// verbatim reports whether t.S[a:b] is written in the source byte for byte, every byte known.
//
// Proposed for package value: func (t Text) Verbatim(a, b int) bool.
func verbatim(t value.Text, a, b int) bool {
	if t.Unresolved(a, b) {
		return false
	}
	s, _ := t.Span(a, b)
	for i := a; i < b; i++ {
		if lo, hi := t.ByteSpan(i); lo != s+i-a || hi != lo+1 {
			return false
		}
	}
	return true
}

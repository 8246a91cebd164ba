// Package inf extracts user-right assignments from security templates: secedit exports, GPO
// GptTmpl.inf files and hand-written .inf templates, in any encoding.
package inf

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// Extract parses f.Text[start:end] as a security template and returns its assignments, every one a
// set, with positions in f. Problems are recorded on f, among them a list past assign.MaxAccounts,
// whose assignment is Truncated. Callers use it for templates embedded in other languages (a
// here-string, a heredoc).
func Extract(f *source.File, start, end int) []assign.Assignment {
	t := Parse(f.Text[start:end])
	for _, p := range t.Problems {
		f.Problemf(start+p.Offset, "%s", p.Message)
	}
	scope := fmt.Sprintf("template@%d", start)
	out := make([]assign.Assignment, 0, len(t.Entries))
	for _, e := range t.Entries {
		starts, ends := make([]int, len(e.Accounts)), make([]int, len(e.Accounts))
		for i, acc := range e.Accounts {
			starts[i], ends[i] = acc.ElemStart, acc.ElemEnd
		}
		a := assign.Assignment{
			Right: e.Key, Pos: f.Pos(start + e.KeyStart), End: f.Pos(start + e.KeyEnd),
			Op: assign.Set, Via: "template", Scope: scope,
			Accounts: make([]assign.Account, len(e.Accounts)), Truncated: e.Rest > 0,
		}
		if a.Truncated {
			assign.TooMany(f, start+e.Rest)
		}
		removals := make([]analysis.TextEdit, len(e.Accounts)) // one allocation for every account's edit
		for i, acc := range e.Accounts {
			ds, de := assign.ListRemoval(starts, ends, i)
			removals[i] = analysis.TextEdit{Pos: f.Pos(start + ds), End: f.Pos(start + de)}
			a.Accounts[i] = assign.Account{
				Text: acc.Text, Pos: f.Pos(start + acc.Start), End: f.Pos(start + acc.End),
				Remove: removals[i : i+1 : i+1],
			}
		}
		out = append(out, a)
	}
	return out
}

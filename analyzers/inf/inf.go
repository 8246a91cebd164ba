// Package inf extracts user-right assignments from security templates: secedit exports, GPO
// GptTmpl.inf files and hand-written .inf templates, in any encoding.
package inf

import (
	"fmt"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// Analyzer extracts the [Privilege Rights] assignments of security templates. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "inf",
	Doc:        "inf extracts the [Privilege Rights] assignments of security templates.",
	Requires:   []*analysis.Analyzer{source.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*assign.Result)(nil)),
}

func run(pass *analysis.Pass) (any, error) {
	f := pass.ResultOf[source.Analyzer].(*source.File)
	if f.Lang != source.LangINF {
		return &assign.Result{}, nil
	}
	return &assign.Result{Assignments: Extract(f, 0, len(f.Text))}, nil
}

// Extract parses f.Text[start:end] as a security template and returns its assignments, every one a
// set, with positions in f. Problems are recorded on f. Callers use it for templates embedded in
// other languages (a here-string, a heredoc).
func Extract(f *source.File, start, end int) []assign.Assignment {
	t := Parse(f.Text[start:end])
	for _, p := range t.Problems {
		f.Problemf(start+p.Offset, "%s", p.Message)
	}
	scope := fmt.Sprintf("template@%d", start)
	out := make([]assign.Assignment, 0, len(t.Entries))
	for _, e := range t.Entries {
		a := assign.Assignment{
			Right: e.Key, Pos: f.Pos(start + e.KeyStart), End: f.Pos(start + e.KeyEnd),
			Op: assign.Set, Via: "template", Scope: scope,
		}
		for i, acc := range e.Accounts {
			ds, de := removal(e.Accounts, i)
			a.Accounts = append(a.Accounts, assign.Account{
				Text: acc.Text, Pos: f.Pos(start + acc.Start), End: f.Pos(start + acc.End),
				Remove: []analysis.TextEdit{{Pos: f.Pos(start + ds), End: f.Pos(start + de)}},
			})
		}
		out = append(out, a)
	}
	return out
}

// removal returns the span to delete to drop element i from the list: the element and the comma
// after it, or for the last element the comma before it.
func removal(accs []Account, i int) (int, int) {
	switch {
	case len(accs) == 1:
		return accs[i].ElemStart, accs[i].ElemEnd
	case i+1 < len(accs):
		return accs[i].ElemStart, accs[i+1].ElemStart
	default:
		return accs[i-1].ElemEnd, accs[i].ElemEnd
	}
}

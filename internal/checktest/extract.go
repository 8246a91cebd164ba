// Helpers for the table and fuzz tests of extractors: a file built the way the source analyzer
// builds one, a compact rendering of assignments, and the invariant every fuzz target checks.

package checktest

import (
	"fmt"
	"go/token"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// NewFile returns text as a file named name in language lang, the way the source analyzer builds one.
func NewFile(name string, lang source.Lang, text string) *source.File {
	fset := token.NewFileSet()
	f := &source.File{Name: name, Text: []byte(text), Lang: lang}
	f.Tok = fset.AddFile(name, -1, len(text))
	f.Tok.SetLines(source.LineStarts(f.Text))
	return f
}

// NestedFile is NewFile with the command strings the file hands to an interpreter analyzed by
// nested: the table langs.Interpreters builds in a scan, or, in the tests of a package langs
// imports, the extractors that package's tests need.
func NestedFile(name string, lang source.Lang, text string, nested source.Nested) *source.File {
	f := NewFile(name, lang, text)
	f.Nested = nested
	return f
}

// Render shows assignments one a line, as "op right@line:col [account@line:col ...]": " scoped"
// after the right when the assignment has a scope, an unresolved account marked with ?, one with a
// removal edit with -. The file's problems follow as "problem@line:col: message".
func Render(f *source.File, as []assign.Assignment) string {
	pos := func(p token.Pos) string {
		q := f.Tok.Position(p)
		return fmt.Sprintf("%d:%d", q.Line, q.Column)
	}
	var lines []string
	for _, a := range as {
		var accs []string
		for _, acc := range a.Accounts {
			mark := ""
			if acc.Unresolved {
				mark += "?"
			}
			if len(acc.Remove) > 0 {
				mark += "-"
			}
			accs = append(accs, fmt.Sprintf("%s%s@%s", mark, acc.Text, pos(acc.Pos)))
		}
		scope := ""
		if a.Scope != "" {
			scope = " scoped"
		}
		lines = append(lines, fmt.Sprintf("%s %s@%s%s [%s]", a.Op, a.Right, pos(a.Pos), scope, strings.Join(accs, " ")))
	}
	for _, p := range f.Problems {
		lines = append(lines, fmt.Sprintf("problem@%s: %s", pos(p.Pos), p.Message))
	}
	return strings.Join(lines, "\n")
}

// Matches reports whether a rendering is the one wanted: equal, or for a want ending in "...",
// starting with the rest.
func Matches(got, want string) bool {
	if prefix, ok := strings.CutSuffix(want, "..."); ok {
		return strings.HasPrefix(got, prefix)
	}
	return got == want
}

// CheckInside fails the test when an assignment, account, removal edit or problem lies outside f.
func CheckInside(t *testing.T, f *source.File, as []assign.Assignment) {
	t.Helper()
	base, end := token.Pos(f.Tok.Base()), token.Pos(f.Tok.Base()+len(f.Text))
	inside := func(what string, pos, e token.Pos) {
		if pos < base || e > end || pos > e {
			t.Fatalf("%s at %d-%d, outside the file %d-%d", what, pos, e, base, end)
		}
	}
	for _, a := range as {
		inside("right "+a.Right, a.Pos, a.End)
		for _, acc := range a.Accounts {
			inside("account "+acc.Text, acc.Pos, acc.End)
			for _, ed := range acc.Remove {
				inside("removal of "+acc.Text, ed.Pos, ed.End)
			}
		}
	}
	for _, p := range f.Problems {
		inside("problem "+p.Message, p.Pos, p.Pos)
	}
}

// CallLimit checks what was extracted from f, a file whose calls of a label or function go past a
// limit: that accounts grants to CONTOSO\svc came through calls (any number when accounts is
// negative), that the literal grant to CONTOSO\later after them is found, and that f holds one
// problem, saying limit.
func CallLimit(t *testing.T, f *source.File, out []assign.Assignment, limit string, accounts int) {
	t.Helper()
	n, later := 0, false
	for _, a := range out {
		for _, acc := range a.Accounts {
			n += btoi(acc.Text == `CONTOSO\svc` && len(acc.Flow) > 0)
			later = later || acc.Text == `CONTOSO\later` && !acc.Unresolved
		}
	}
	if accounts >= 0 && n != accounts {
		t.Errorf("%d grants through calls, want %d", n, accounts)
	}
	if !later {
		t.Errorf("the literal grant after the calls is not found")
	}
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, limit) {
		t.Errorf("problems %+v, want one saying %q", f.Problems, limit)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

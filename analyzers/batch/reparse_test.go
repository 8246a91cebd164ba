package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// reuseTexts are batch files whose labels are called again and again: the lines of a call read as
// before, or differently (a variable set between calls, an argument), midway through a block; a
// statement that reports a problem; a FOR set too long in a label called in a loop and in its own
// FOR; recursion; a GOTO loop over the arguments; a call that spends the budget.
var reuseTexts = []string{
	"call :g a\r\ncall :g a\r\nset V=x\r\ncall :g a\r\ncall :g b\r\nexit /b\r\n:g\r\n(\r\necho 1\r\n" + grant + "%V%%1\r\n)\r\ngoto :eof\r\n",
	"for %%i in (1 2 3) do call :g\r\nexit /b\r\n:g\r\n(echo unclosed\r\nfor x in y\r\n" + grant + "CONTOSO\\svc\r\n",
	"for %%i in (1 2 3) do call :g %%i\r\nexit /b\r\n:g\r\nfor %%a in (" + names(assign.MaxAccounts+5) + ") do (" + grant + "%%a\r\ncall :g %1\r\n)\r\ngoto :eof\r\n",
	"call :r CONTOSO\\svc\r\nexit /b\r\n:r\r\nset /a N+=1\r\nif 1==1 (\r\n" + grant + "%1%N%\r\ncall :r %1\r\n)\r\ngoto :eof\r\n",
	"call :a x y z\r\ncall :a x y z\r\nexit /b\r\n:a\r\nif \"%~1\"==\"\" goto :eof\r\nntrights -u %1 ^\r\n+r SeImpersonatePrivilege\r\nshift\r\ngoto a\r\n",
	"setlocal EnableDelayedExpansion\r\nfor %%u in (a b a b) do (set U=%%u\r\ncall :g)\r\nexit /b\r\n:g\r\n" + grant + "!U! %U%\r\ngoto :eof\r\n",
	lines("call :g CONTOSO\\svc\r\n", 300) + later + "exit /b\r\n:g\r\n" + lines(grant+"%1\r\n", 300),
	"call :g\r\ncall :g\r\nexit /b\r\n:g\r\n(\r\necho %X%\r\n",
	"for %%i in (1 2 3 4 5 6 1 2 6 5) do call :g %%i\r\nexit /b\r\n:g\r\n(\r\necho %1\r\n" + grant + "CONTOSO\\u%1\r\n)\r\ngoto :eof\r\n",
}

// TestReuseChangesNothing runs each batch fixture and each of reuseTexts with the statements and
// lines of calls kept for reuse, and without: the assignments, problems, calls of other scripts,
// commands run and what is left of the budget must be the same.
func TestReuseChangesNothing(t *testing.T) {
	paths, err := filepath.Glob("testdata/src/*")
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, p := range paths {
		if source.LangOf(p) != source.LangBatch {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[p] = string(b)
	}
	for i, text := range reuseTexts {
		texts[fmt.Sprint("reuse ", i)] = text
	}
	for _, tt := range limitTests {
		texts[tt.name] = tt.text
	}
	kept := 0
	for name, text := range texts {
		with, withOut, used := runReuse(text, true)
		without, withoutOut, _ := runReuse(text, false)
		if used {
			kept++
		}
		if with != without {
			t.Errorf("%s: with reuse\n%s\nwithout\n%s", name, with, without)
		} else if !reflect.DeepEqual(withOut, withoutOut) {
			t.Errorf("%s: the assignments differ in their details with reuse", name)
		}
	}
	if kept < len(reuseTexts) {
		t.Errorf("only %d texts kept what calls read, want at least %d", kept, len(reuseTexts))
	}
}

// runReuse runs the batch text, keeping what calls read again for reuse or not, and returns the
// commands run, the assignments, problems and calls found and the budget left, rendered; the
// assignments themselves; and whether the file keeps what its calls read.
func runReuse(text string, reuse bool) (string, []assign.Assignment, bool) {
	f := testFile(text)
	m, done := newMachine(f)
	defer done()
	used := m.r.kept != nil
	if !reuse {
		m.r.kept = nil
	}
	var b strings.Builder
	m.trace = func(t value.Text) {
		lo, hi := t.Span(0, t.Len())
		fmt.Fprintf(&b, "run %s %d-%d\n", render(t), lo, hi)
	}
	m.runAll()
	fmt.Fprintf(&b, "%s\n%+v\n%+v\n", show(f, m.out), f.Calls, *f.Budget())
	return b.String(), m.out, used
}

// FuzzReuse runs arbitrary batch text with what calls read again kept for reuse, and without: the
// commands run, the assignments, problems and calls found and the budget left must be the same.
func FuzzReuse(f *testing.F) {
	for _, text := range reuseTexts {
		f.Add(text)
	}
	for _, tt := range lexTests {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		with, withOut, _ := runReuse(text, true)
		without, withoutOut, _ := runReuse(text, false)
		if with != without {
			t.Fatalf("with reuse\n%s\nwithout\n%s", with, without)
		}
		if !reflect.DeepEqual(withOut, withoutOut) {
			t.Fatalf("the assignments differ in their details with reuse")
		}
	})
}

// TestReuse checks that calls reuse what they read: a label called with the same lines is parsed
// once, and parsed again when a line it reads differs from those of the last few parses there.
func TestReuse(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		parses     int // the statements parsed in calls
	}{
		{"same lines", "call :g\r\ncall :g\r\ncall :g\r\nexit /b\r\n:g\r\n(\r\necho a\r\necho b\r\n)\r\ngoto :eof\r\n", 2},
		{"an argument differs", "call :g a\r\ncall :g b\r\ncall :g b\r\nexit /b\r\n:g\r\n(\r\necho a\r\necho %1\r\n)\r\ngoto :eof\r\n", 3},
		{"a variable differs", "call :g\r\nset V=x\r\ncall :g\r\nexit /b\r\n:g\r\necho %V%\r\ngoto :eof\r\n", 3},
		{"arguments in turn", "call :g a\r\ncall :g b\r\ncall :g a\r\ncall :g b\r\nexit /b\r\n:g\r\n(\r\necho %1\r\n)\r\ngoto :eof\r\n", 3},
		{"more arguments than are kept", "for %%i in (1 2 3 4 5 1) do call :g %%i\r\nexit /b\r\n:g\r\necho %1\r\ngoto :eof\r\n", 7},
		{"a problem", "call :g\r\ncall :g\r\nexit /b\r\n:g\r\nfor x\r\ngoto :eof\r\n", 3},
		{"recursion", "call :r\r\nexit /b\r\n:r\r\n(call :r)\r\ngoto :eof\r\n", maxCalls + 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := testFile(tt.text)
			m, done := newMachine(f)
			defer done()
			m.runAll()
			if m.r.kept.parses != tt.parses {
				t.Errorf("%d statements parsed in calls, want %d", m.r.kept.parses, tt.parses)
			}
		})
	}
}

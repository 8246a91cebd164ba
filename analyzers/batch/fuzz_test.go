package batch

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/internal/checktest"
)

// FuzzBatchLex runs the batch lexer, parser and machine over arbitrary text in both modes: they
// must not panic, must stay within checktest's allocation bound, and every byte of every command
// they start must map into the text.
func FuzzBatchLex(f *testing.F) {
	for _, tt := range lexTests {
		f.Add(tt.text, false)
	}
	f.Add("cmd /c \"for %i in (a b) do ntrights +r SeImpersonatePrivilege -u %i\"", true)
	f.Add("cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c ntrights +r X -u y", false)
	f.Add("((((((((((x", false)
	f.Add("call :g \"a b\" c\nexit /b\n:g\nsetlocal\nset U=%~1\nshift\nfor %%u in (%*) do ntrights -u %%u %U%\ncall :g %1 & call :g %2\ngoto :eof", false)
	f.Add(":r\ncall :r %1%1\nntrights +r SeImpersonatePrivilege -u %1", false)
	f.Add("call :a x y z\nexit /b\n:a\nif \"%~1\"==\"\" goto :eof\nntrights -u %1\nshift /1\nshift\ngoto a", false)
	f.Add("for %%a in (1 2 3) do for %%b in (%%a %%a) do call x %%b^\n", false)
	// Doublings short of the limits (TestLimits reaches them): megabytes are slow to minimize.
	f.Add("set A=x\n"+strings.Repeat("set A=%A%%A%\n", 12)+"set B=%A% %A%\nntrights -u %B%", false)
	f.Add("setlocal enabledelayedexpansion\nset A=x\nfor %%i in (1 2 3 4 5 6 7 8 9 0 1 2) do set A=!A!!A!", false)
	f.Fuzz(func(t *testing.T, text string, line bool) {
		file := testFile(text)
		m, done := newMachine(file)
		defer done()
		if line {
			m.p.r.mode = lineMode
		}
		m.trace = func(c value.Text) {
			for i := 0; i <= c.Len(); i++ {
				if off := c.Offset(i); off < 0 || off > len(text) {
					t.Fatalf("byte %d of command %q maps to offset %d, outside the text", i, c.S, off)
				}
			}
		}
		checktest.Bounded(t, len(text), m.runAll)
		checktest.CheckInside(t, file, m.out)
	})
}

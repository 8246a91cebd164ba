package batch

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

const (
	grant = "ntrights +r SeImpersonatePrivilege -u "
	later = grant + "CONTOSO\\later\r\n" // a literal grant written after the blow-up
)

func lines(s string, n int) string { return strings.Repeat(s, n) }

// account finds the account written as text in as.
func account(as []assign.Assignment, text string) (assign.Account, bool) {
	for _, a := range as {
		for _, acc := range a.Accounts {
			if acc.Text == text {
				return acc, true
			}
		}
	}
	return assign.Account{}, false
}

// show renders assignments and problems without the long values.
func show(f *source.File, as []assign.Assignment) string {
	var b strings.Builder
	for _, l := range strings.Split(checktest.Render(f, as), "\n") {
		if len(l) > 200 {
			l = fmt.Sprintf("%s... (%d bytes)", l[:200], len(l))
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}

// limitTests are hostile batch files. Each one has a grant to the account blown (written with the
// variable that went past a limit) and a literal grant after the blow-up; exactly one problem names
// the limit, at line (or, for a budget spent by many lines, somewhere in lines from..line).
var limitTests = []struct {
	name     string
	text     string
	blown    string // the account as the grant writes it, unresolved
	limit    string // the problem's message
	from     int    // the first line the problem may be on; 0: exactly line
	line     int
	resolved string // an account that must still resolve, if any
}{
	{
		name:  "doubling",
		text:  "set A=x\r\n" + lines("set A=%A%%A%\r\n", 30) + grant + "%A%\r\n" + later,
		blown: "%A%", limit: "would exceed 1 MiB", line: 21, // set A=x is line 1; line 21 would make "set A=" and 1 MiB
	},
	{
		name:  "doubling with quotes",
		text:  "set \"A=x\"\r\n" + lines("set \"A=%A%%A%\"\r\n", 30) + grant + "\"%A%\"\r\n" + later,
		blown: "%A%", limit: "would exceed 1 MiB", line: 21,
	},
	{
		name:  "delayed doubling",
		text:  "setlocal EnableDelayedExpansion\r\nset A=x\r\n" + lines("set A=!A!!A!\r\n", 30) + grant + "!A!\r\n" + later,
		blown: "!A!", limit: "would exceed 1 MiB", line: 22,
	},
	{
		name:  "delayed doubling in a loop",
		text:  "setlocal EnableDelayedExpansion\r\nset A=x\r\nfor %%i in (" + lines("i ", 40) + ") do set A=!A!!A!\r\n" + grant + "!A!\r\n" + later,
		blown: "!A!", limit: "would exceed 1 MiB", line: 3,
	},
	{
		name: "values built from a value past the limit are past it too",
		text: "set A=x\r\n" + lines("set A=%A%%A%\r\n", 25) + "set B=CONTOSO\\%A%\r\nset C=%B%\r\n" + grant + "%C%\r\n" +
			"set U=CONTOSO\\svc\r\n" + grant + "%U%\r\n" + later,
		blown: "%C%", limit: "would exceed 1 MiB", line: 21, resolved: `CONTOSO\svc`,
	},
	{
		name: "loop values past the limit",
		text: "set A=x\r\n" + lines("set A=%A%%A%\r\n", 17) + "for %%a in (%A%) do set B=" + lines("%%a", 9) + "\r\n" + grant + "%B%\r\n" +
			"set U=CONTOSO\\svc\r\n" + grant + "%U%\r\n" + later,
		blown: "%B%", limit: "would exceed 1 MiB", line: 19, resolved: `CONTOSO\svc`, // the 8th 128 KiB value is refused
	},
	{
		name:  "a chain spends the budget",
		text:  lines("set S=%S%abcdefgh\r\n", 3000) + grant + "%S%\r\n" + later,
		blown: "%S%", limit: "budget of this file is spent", from: 100, line: 3000,
	},
	{
		name:  "a delayed chain spends the budget",
		text:  "setlocal EnableDelayedExpansion\r\n" + lines("set S=!S!abcdefgh\r\n", 3000) + grant + "!S!\r\n" + later,
		blown: "!S!", limit: "budget of this file is spent", from: 100, line: 3001,
	},
	{
		name: "a block of large values spends the budget",
		text: "set A=x\r\n" + lines("set A=%A%%A%\r\n", 18) + "(\r\n" + lines("echo %A% %A%\r\n", 40) + ")\r\n" +
			grant + "%A%\r\n" + later,
		blown: "%A%", limit: "budget of this file is spent", from: 21, line: 60,
	},
	{
		name:  "nested loops spend the budget",
		text:  "for %%a in (" + lines("w ", 200) + ") do for %%b in (" + lines("w ", 200) + ") do for %%c in (" + lines("w ", 200) + ") do echo %%a%%b%%c\r\n" + grant + "%V%\r\n" + later,
		blown: "%V%", limit: "budget of this file is spent", line: 1,
	},
	{
		name:  "a loop over empty blocks spends the budget",
		text:  "for %%a in (" + lines("w ", 5000) + ") do (" + lines("() ", 5000) + ")\r\n" + grant + "%V%\r\n" + later,
		blown: "%V%", limit: "budget of this file is spent", line: 1,
	},
}

func TestLimits(t *testing.T) {
	for _, tt := range limitTests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFile(tt.text)
			out := Extract(f)
			if acc, ok := account(out, tt.blown); !ok || !acc.Unresolved {
				t.Errorf("no unresolved grant to %s:\n%s", tt.blown, show(f, out))
			}
			if acc, ok := account(out, `CONTOSO\later`); !ok || acc.Unresolved {
				t.Errorf("the literal grant after the blow-up is not found:\n%s", show(f, out))
			}
			if tt.resolved != "" {
				if acc, ok := account(out, tt.resolved); !ok || acc.Unresolved {
					t.Errorf("the grant to %s does not resolve:\n%s", tt.resolved, show(f, out))
				}
			}
			if len(f.Problems) != 1 {
				t.Fatalf("%d problems, want 1:\n%s", len(f.Problems), show(f, out))
			}
			p := f.Problems[0]
			line := f.Tok.Position(p.Pos).Line
			from := tt.from
			if from == 0 {
				from = tt.line
			}
			if !strings.Contains(p.Message, tt.limit) || line < from || line > tt.line {
				t.Errorf("problem at line %d: %s\nwant %q at line %d..%d", line, p.Message, tt.limit, from, tt.line)
			}
		})
	}
}

// TestLinear checks that shapes which must stay linear do: long literal FOR sets, many variables,
// CALL chains, chains of SETs that spend the budget, and many labels that GOTOs jump to.
func TestLinear(t *testing.T) {
	analyze := func(name string, content []byte) {
		Extract(newFile(name, source.LangBatch, string(content)))
	}
	words := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "w%d ", i)
		}
		return b.String()
	}
	for _, tt := range []struct {
		name  string
		n     int
		shape checktest.Shape
	}{
		{"for set", 5000, func(n int) (string, []byte) {
			return "t.bat", []byte("for %%u in (" + words(n) + ") do echo %%u\r\n" + later)
		}},
		{"variables", 5000, func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "set V%d=abcdefgh\r\necho %%V%d%%\r\n", i, i)
			}
			return "t.bat", []byte(b.String() + later)
		}},
		{"chain", 5000, func(n int) (string, []byte) {
			return "t.bat", []byte(lines("set S=%S%abcdefgh\r\n", n) + later)
		}},
		{"delayed chain", 5000, func(n int) (string, []byte) {
			return "t.bat", []byte("setlocal EnableDelayedExpansion\r\n" + lines("set S=!S!abcdefgh\r\n", n) + later)
		}},
		{"call chain", 20000, func(n int) (string, []byte) {
			return "t.bat", []byte(lines("call ", n) + "echo x\r\n" + later)
		}},
		{"labels and gotos", 5000, func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, ":l%d\r\ngoto l%d\r\njunk (\r\n", i, i+1)
			}
			return "t.bat", []byte(b.String() + fmt.Sprintf(":l%d\r\n", n) + later)
		}},
		{"doublings", 200, func(n int) (string, []byte) {
			return "t.bat", []byte(lines("set A=x\r\n"+lines("set A=%A%%A%\r\n", 25), n) + later)
		}},
		{"many calls", 5000, func(n int) (string, []byte) {
			return "t.bat", []byte(lines("call :g CONTOSO\\svc\r\n", n) + later + "exit /b\r\n:g\r\n" + grant + "%1\r\ngoto :eof\r\n")
		}},
		{"many calls of a long label", 1000, func(n int) (string, []byte) {
			return "t.bat", []byte(lines("call :g CONTOSO\\svc\r\n", n) + later + "exit /b\r\n:g\r\n" + lines(grant+"%1\r\n", n))
		}},
		{"recursions", 2000, func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "call :r%d x\r\n", i)
			}
			b.WriteString(later + "exit /b\r\n")
			for i := range n {
				fmt.Fprintf(&b, ":r%d\r\ncall :r%d %%1\r\n%s%%1\r\ngoto :eof\r\n", i, i, grant)
			}
			return "t.bat", []byte(b.String())
		}},
		{"a deep chain", 2000, func(n int) (string, []byte) {
			var b strings.Builder
			b.WriteString("call :c0 CONTOSO\\svc\r\n" + later + "exit /b\r\n")
			for i := range n {
				fmt.Fprintf(&b, ":c%d\r\ncall :c%d %%1\r\n%s%%1\r\ngoto :eof\r\n", i, i+1, grant)
			}
			return "t.bat", []byte(b.String())
		}},
		{"a loop over many arguments", 5000, func(n int) (string, []byte) {
			return "t.bat", []byte("call :a " + words(n) + "\r\n" + later + "exit /b\r\n:a\r\n" + grant + "%1\r\nshift\r\ngoto a\r\n")
		}},
		{"a loop shifting the second argument", 5000, func(n int) (string, []byte) {
			return "t.bat", []byte("call :a " + words(n) + "\r\n" + later + "exit /b\r\n:a\r\n" + grant + "%2\r\nshift /1\r\ngoto a\r\n")
		}},
		{"fan-out", 500, func(n int) (string, []byte) {
			var b strings.Builder
			b.WriteString(lines("call :c0 CONTOSO\\svc\r\n", n) + later + "exit /b\r\n")
			for i := range 12 {
				fmt.Fprintf(&b, ":c%d\r\ncall :c%d %%1 & call :c%d %%1\r\n%s%%1\r\ngoto :eof\r\n", i, i+1, i+1, grant)
			}
			return "t.bat", []byte(b.String())
		}},
	} {
		t.Run(tt.name, func(t *testing.T) { checktest.Linear(t, tt.n, tt.shape, analyze) })
	}
}

// names returns "u0 u1 ... u(n-1) ".
func names(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "u%d ", i)
	}
	return b.String()
}

// TestTooManyElements: a FOR over a literal set of more than assign.MaxAccounts elements runs its
// body for the first MaxAccounts, reports the rest once at the first element left out (once for
// the loop, however often an outer loop runs it), and the file after it is still read.
func TestTooManyElements(t *testing.T) {
	n := assign.MaxAccounts + 500
	for _, tt := range []struct {
		name, text string
		runs       int // how often the loop runs
	}{
		{"loop", "for %%a in (" + names(n) + ") do " + grant + "%%a\r\n" + later, 1},
		{"in a loop", "for %%o in (x y z) do for %%a in (" + names(n) + ") do " + grant + "%%a\r\n" + later, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := testFile(tt.text)
			out := Extract(f)
			if want := tt.runs*assign.MaxAccounts + 1; len(out) != want {
				t.Errorf("%d assignments, want %d", len(out), want)
			}
			if _, ok := account(out, fmt.Sprint("u", assign.MaxAccounts-1)); !ok {
				t.Errorf("no grant to the last element run")
			}
			if _, ok := account(out, fmt.Sprint("u", assign.MaxAccounts)); ok {
				t.Errorf("a grant to an element past the limit")
			}
			if acc, ok := account(out, `CONTOSO\later`); !ok || acc.Unresolved {
				t.Errorf("the literal grant after the loop is not found")
			}
			first := strings.Index(tt.text, fmt.Sprint(" u", assign.MaxAccounts, " ")) + 1
			if len(f.Problems) != 1 || f.Problems[0].Pos != f.Pos(first) || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") {
				t.Errorf("problems %+v, want one at offset %d", f.Problems, first)
			}
		})
	}
}

// TestLongSetAllocations: the elements of a FOR set past assign.MaxAccounts are never split or run,
// so a set 80 times longer allocates about as many objects as one just past the limit.
func TestLongSetAllocations(t *testing.T) {
	measure := func(n int) checktest.Cost {
		text := "for %%a in (" + names(n) + ") do " + grant + "%%a\r\n"
		return checktest.Measure(func() { Extract(testFile(text)) })
	}
	short, long := measure(assign.MaxAccounts+1), measure(80*assign.MaxAccounts)
	if long.Objects > 2*short.Objects {
		t.Errorf("a set of %d elements allocated %s, one of %d %s", 80*assign.MaxAccounts, long, assign.MaxAccounts+1, short)
	}
}

// TestCallLimits checks the bounds of CALLs of labels: calls nested past maxCalls (recursion, a
// chain) are reported once and not followed, calls of a long label spend the budget and that is
// reported; a literal grant after them is found.
func TestCallLimits(t *testing.T) {
	for _, tt := range []struct {
		name, text, limit string
		accounts          int // grants to CONTOSO\svc found through the calls
	}{
		{"recursion", "call :r CONTOSO\\svc\r\n" + later + "exit /b\r\n:r\r\n" + grant + "%1\r\ncall :r %1\r\ngoto :eof\r\n",
			"nested more than 8 deep", maxCalls},
		{"a chain", "call :c0 CONTOSO\\svc\r\n" + later + "exit /b\r\n" + func() string {
			var b strings.Builder
			for i := range 20 {
				fmt.Fprintf(&b, ":c%d\r\n%s%%1\r\ncall :c%d %%1\r\ngoto :eof\r\n", i, grant, i+1)
			}
			return b.String()
		}(), "nested more than 8 deep", maxCalls},
		{"a long label called often", lines("call :g CONTOSO\\svc\r\n", 2000) + later + "exit /b\r\n:g\r\n" + lines(grant+"%1\r\n", 2000),
			"budget of this file is spent", -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := testFile(tt.text)
			var out []assign.Assignment
			checktest.Bounded(t, len(tt.text), func() { out = Extract(f) })
			checktest.CallLimit(t, f, out, tt.limit, tt.accounts)
		})
	}
}

package shell

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

const (
	grant = "ntrights +r SeImpersonatePrivilege -u "
	later = grant + "'CONTOSO\\later'\n" // a literal grant written after the blow-up
)

// lines returns s repeated n times.
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

// limitTests are hostile scripts. Each one has a grant to the account blown (written with the
// variable that went past a limit) and a literal grant after the blow-up; exactly one problem names
// the limit, at line (or, for a budget spent by many lines, somewhere in lines from..line).
var limitTests = []struct {
	name     string
	script   string
	blown    string // the account as the grant writes it, unresolved
	limit    string // the problem's message
	from     int    // the first line the problem may be on; 0: exactly line
	line     int
	resolved string // an account that must still resolve, if any
}{
	{
		name:   "doubling",
		script: "a=x\n" + lines(`a="$a$a"`+"\n", 30) + grant + `"$a"` + "\n" + later,
		blown:  "$a", limit: "would exceed 1 MiB", line: 21, // a=x is line 1; line 21 makes 1 MiB and two runs of mapping
	},
	{
		name:   "doubling by +=",
		script: "a=x\n" + lines("a+=$a\n", 30) + grant + `"$a"` + "\n" + later,
		blown:  "$a", limit: "would exceed 1 MiB", line: 21,
	},
	{
		name:   "doubling a value known only at run time",
		script: "a=$1\n" + lines(`a="$a$a"`+"\n", 40) + grant + `"$a"` + "\n" + later,
		blown:  "$a", limit: "would exceed 1 MiB", line: 20, // $1 is two bytes
	},
	{
		name: "values built from a value past the limit are past it too",
		script: "a=x\n" + lines(`a="$a$a"`+"\n", 25) + `b="CONTOSO\\${a}"` + "\nc=$b\n" + grant + `"$c"` + "\n" +
			"u='CONTOSO\\svc'\n" + grant + `"$u"` + "\n" + later,
		blown: "$c", limit: "would exceed 1 MiB", line: 21, resolved: `CONTOSO\svc`,
	},
	{
		name:   "doubling in a loop",
		script: "a=x\nfor i in " + lines("i ", 40) + "; do a=\"$a$a\"; done\n" + grant + `"$a"` + "\n" + later,
		blown:  "$a", limit: "would exceed 1 MiB", line: 2,
	},
	{
		name: "a chain of appends up to the limit of one value",
		script: "x=" + strings.Repeat("y", 1000) + "\n" + lines(`s="${s}$x"`+"\n", 1100) + grant + `"$s"` + "\n" +
			"u='CONTOSO\\svc'\n" + grant + `"$u"` + "\n" + later,
		blown: "$s", limit: "would exceed 1 MiB", line: 1034, resolved: `CONTOSO\svc`, // 1,032 appends of 1,000 bytes and a run each fit
	},
	{
		name:   "a chain used on every line spends the budget",
		script: lines(`s="${s}abcdefgh"; t="$s"`+"\n", 3000) + grant + `"$t"` + "\n" + later,
		blown:  "$t", limit: "budget of this file is spent", from: 100, line: 3000,
	},
	{
		// Copies expanded while the command is not known yet; an echo's words are never expanded.
		name:   "copies of a large value spend the budget",
		script: "a=x\n" + lines(`a="$a$a"`+"\n", 19) + lines(`env A="$a" B="$a" true`+"\n", 20) + grant + `"$a"` + "\n" + later,
		blown:  `$a`, limit: "budget of this file is spent", from: 21, line: 40,
	},
	{
		name:   "nested loops spend the budget",
		script: "L='" + lines("w ", 200) + "'\nfor a in $L; do for b in $L; do for c in $L; do echo \"$a$b$c\"; done; done; done\n" + grant + `"$c"` + "\n" + later,
		blown:  "$c", limit: "budget of this file is spent", line: 2,
	},
	{
		name:   "a heredoc of a value past the limit",
		script: "a=x\n" + lines(`a="$a$a"`+"\n", 21) + "cat > t.inf <<EOF\n[Privilege Rights]\nSeImpersonatePrivilege = $a\nEOF\n" + later,
		blown:  "$a", limit: "would exceed 1 MiB", line: 21,
	},
}

func TestLimits(t *testing.T) {
	for _, tt := range limitTests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFile("t.sh", source.LangShell, tt.script)
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

// show shows the assignments and problems without the long values.
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

// TestChainResolves checks that appends to one variable stay resolved and cheap: the value is the
// whole chain, and no limit is reached.
func TestChainResolves(t *testing.T) {
	for _, line := range []string{`s="${s}abcd"`, `s=$s'abcd'`, `s+=abcd`, `s+="ab"'cd'`} {
		script := "s='CONTOSO\\'\n" + lines(line+"\n", 20000) + grant + `"$s"` + "\n"
		f := newFile("t.sh", source.LangShell, script)
		out := Extract(f)
		want := `CONTOSO\` + strings.Repeat("abcd", 20000)
		if acc, ok := account(out, want); !ok || acc.Unresolved || len(f.Problems) > 0 {
			t.Errorf("%s: the chain does not resolve to its %d bytes:\n%s", line, len(want), show(f, out))
		}
	}
}

// TestUnfollowedCommands checks that the words of a command privlint does nothing with are not
// expanded: a large value echoed many times spends no budget, and still resolves in a grant after.
func TestUnfollowedCommands(t *testing.T) {
	for _, cmd := range []string{`echo "$a" "$a"`, `sudo -E printf '%s' "$a"`, `nohup cat "$a" "$a" "$a"`} {
		script := "a=CONTOSO\\x\n" + lines(`a="$a$a"`+"\n", 16) + lines(cmd+"\n", 200) + grant + `"$a"` + "\n"
		f := newFile("t.sh", source.LangShell, script)
		out := Extract(f)
		if acc, ok := account(out, `CONTOSO\x`+strings.Repeat(`CONTOSO\x`, 1<<16-1)); !ok || acc.Unresolved || len(f.Problems) > 0 {
			t.Errorf("%s: the grant after 200 commands does not resolve:\n%s", cmd, show(f, out))
		}
	}
}

// TestLinear checks that shapes which must stay linear do: long literal lists, many variables,
// chains of appends, and chains that spend the budget.
func TestLinear(t *testing.T) {
	analyze := func(name string, content []byte) {
		Extract(newFile(name, source.LangShell, string(content)))
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
		{"for list", 5000, func(n int) (string, []byte) {
			return "t.sh", []byte("for u in " + words(n) + "; do echo \"$u\"; done\n" + later)
		}},
		{"variables", 5000, func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "v%d=abcdefgh\necho \"$v%d\"\n", i, i)
			}
			return "t.sh", []byte(b.String() + later)
		}},
		{"chain", 5000, func(n int) (string, []byte) {
			return "t.sh", []byte(lines(`s="${s}abcdefgh"`+"\n", n) + grant + `"$s"` + "\n")
		}},
		{"chain by +=", 5000, func(n int) (string, []byte) {
			return "t.sh", []byte(lines("s+=abcdefgh\n", n) + grant + `"$s"` + "\n")
		}},
		{"chain used on every line", 5000, func(n int) (string, []byte) {
			return "t.sh", []byte(lines(`s="${s}abcdefgh"; echo "$s"`+"\n", n) + later)
		}},
		{"nested command substitutions", 240, func(n int) (string, []byte) {
			return "t.sh", []byte(lines("$(", n) + "x" + lines(")", n) + "\n" + later)
		}},
		{"nested substitutions as arguments", 240, func(n int) (string, []byte) {
			return "t.sh", []byte(lines("ntrights $(", n) + "x" + lines(")", n) + "\n" + later)
		}},
		{"doublings", 200, func(n int) (string, []byte) {
			return "t.sh", []byte(lines("a=x\n"+lines(`a="$a$a"`+"\n", 25), n) + later)
		}},
		{"many calls", 5000, func(n int) (string, []byte) {
			return "t.sh", []byte("g() { " + grant + `"$1"; }` + "\n" + lines("g 'CONTOSO\\svc'\n", n) + later)
		}},
		{"many calls of a long function", 1000, func(n int) (string, []byte) {
			return "t.sh", []byte("g() {\n" + lines(grant+`"$1"`+"\n", n) + "}\n" + lines("g 'CONTOSO\\svc'\n", n) + later)
		}},
		{"recursions", 2000, func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "r%d() { r%d \"$1\"; %s\"$1\"; }\nr%d x\n", i, i, grant, i)
			}
			return "t.sh", []byte(b.String() + later)
		}},
		{"a deep chain", 2000, func(n int) (string, []byte) {
			var b strings.Builder
			for i := n; i >= 0; i-- {
				fmt.Fprintf(&b, "c%d() { c%d \"$1\"; %s\"$1\"; }\n", i, i+1, grant)
			}
			return "t.sh", []byte(b.String() + "c0 'CONTOSO\\svc'\n" + later)
		}},
		{"fan-out", 500, func(n int) (string, []byte) {
			var b strings.Builder
			for i := 12; i >= 0; i-- {
				fmt.Fprintf(&b, "c%d() { c%d \"$@\"; c%d \"$@\"; %s\"$1\"; }\n", i, i+1, i+1, grant)
			}
			return "t.sh", []byte(b.String() + lines("c0 'CONTOSO\\svc'\n", n) + later)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) { checktest.Linear(t, tt.n, tt.shape, analyze) })
	}
}

// TestStatementsAreDropped checks that a long script is analyzed statement by statement: past 2^18
// lines (where mvdan.cc/sh stops counting lines) the heap stays small, here-documents are still
// read whole, and statements sharing a line with a here-document's operator wait for its body.
func TestStatementsAreDropped(t *testing.T) {
	const n = 400_000
	script := lines("echo a b c\n", n) +
		"cat <<EOF > t.inf; x=1; cat <<'EOT' > u.inf\n[Privilege Rights]\nSeImpersonatePrivilege = CONTOSO\\first\nEOF\n" +
		"[Privilege Rights]\nSeImpersonatePrivilege = CONTOSO\\second\nEOT\n" + later
	var seen int
	var peak uint64
	_, _, err := eachStmt(script, func(syntax.Node) {
		if seen++; seen%50_000 == 0 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
		}
	})
	if err != nil || seen != n+4 {
		t.Fatalf("%d statements, %v", seen, err)
	}
	if peak > 48<<20 { // the script is 4.4 MB; its statements held at once take about 150 MB
		t.Errorf("%d bytes live while reading %d statements", peak, n)
	}
	f := newFile("t.sh", source.LangShell, script)
	out := Extract(f)
	for _, acc := range []string{`CONTOSO\first`, `CONTOSO\second`, `CONTOSO\later`} {
		if a, ok := account(out, acc); !ok || a.Unresolved {
			t.Errorf("no grant to %s:\n%s", acc, show(f, out))
		}
	}
}

// TestSyntaxErrors checks that the script is read again after each syntax error, up to
// maxRestarts, and that a script of syntax errors costs a bounded multiple of its size.
func TestSyntaxErrors(t *testing.T) {
	script := lines("fi\n"+grant+"'CONTOSO\\after'\n", 20)
	f := newFile("t.sh", source.LangShell, script)
	out := Extract(f)
	if len(out) != maxRestarts || len(f.Problems) != maxRestarts+1 {
		t.Fatalf("%d grants, %d problems; want %d and %d:\n%s", len(out), len(f.Problems), maxRestarts, maxRestarts+1, show(f, out))
	}
	if last := f.Problems[maxRestarts].Message; !strings.Contains(last, "after 16 such errors") {
		t.Errorf("last problem: %s", last)
	}
	for _, bad := range []string{"'\n", "fi\n", "$((\n"} {
		script := lines(bad, 200_000)
		checktest.Bounded(t, len(script), func() { Extract(newFile("t.sh", source.LangShell, script)) })
	}
}

// TestDeepNesting checks code nested past maxNesting in every way mvdan.cc/sh recurses on, at the
// size limit: the parser never sees it (its recursion would overflow the stack, which kills the
// process), one problem names the depth, and a grant on a later line is found.
func TestDeepNesting(t *testing.T) {
	for _, unit := range []string{"a | ", "true && ", "false || ", "$((", "$(", "\"$(", "<(", "(", "{ ", "[[ ", "if true; then ", "while :; do ", "`"} {
		n := (4 << 20) / len(unit)
		script := "ntrights +r SeImpersonatePrivilege -u 'CONTOSO\\before'\n" + lines(unit, n) + "x\n" + later
		f := newFile("t.sh", source.LangShell, script)
		out := Extract(f)
		for _, want := range []string{`CONTOSO\before`, `CONTOSO\later`} {
			if _, ok := account(out, want); !ok {
				t.Errorf("%q x %d: no grant to %s:\n%s", unit, n, want, show(f, out))
			}
		}
		if unit == "`" { // backquotes pair up: no nesting
			continue
		}
		if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "nests more than 1000 levels") {
			t.Errorf("%q x %d: problems:\n%s", unit, n, show(f, out))
		}
	}
}

// TestCallLimits checks the bounds of calls of functions: calls nested past maxCalls (recursion, a
// chain) are reported once and not followed, calls of a long function spend the budget and that
// is reported; a literal grant after them is found.
func TestCallLimits(t *testing.T) {
	chain := func() string {
		var b strings.Builder
		for i := 20; i >= 0; i-- {
			fmt.Fprintf(&b, "c%d() { %s\"$1\"; c%d \"$1\"; }\n", i, grant, i+1)
		}
		return b.String() + "c0 'CONTOSO\\svc'\n"
	}()
	for _, tt := range []struct {
		name, script, limit string
		accounts            int // grants to CONTOSO\svc found through calls; -1: any
	}{
		{"recursion", "r() { " + grant + `"$1"; r "$1"; }` + "\nr 'CONTOSO\\svc'\n" + later, "nested more than 8 deep", maxCalls},
		{"a chain", chain + later, "nested more than 8 deep", maxCalls},
		{"a long function called often", "g() {\n" + lines(grant+`"$1"`+"\n", 2000) + "}\n" + lines("g 'CONTOSO\\svc'\n", 2000) + later,
			"budget of this file is spent", -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFile("t.sh", source.LangShell, tt.script)
			var out []assign.Assignment
			checktest.Bounded(t, len(tt.script), func() { out = Extract(f) })
			checktest.CallLimit(t, f, out, tt.limit, tt.accounts)
		})
	}
}

// TestCallAfterSyntaxError checks that a function defined before a syntax error is followed when a
// call after it, parsed again from the next line, calls it: its body keeps its own text.
func TestCallAfterSyntaxError(t *testing.T) {
	script := "g() { " + grant + `"$1"; }` + "\nfi\ng 'CONTOSO\\svc'\n"
	f := newFile("t.sh", source.LangShell, script)
	out := Extract(f)
	if acc, ok := account(out, `CONTOSO\svc`); !ok || len(acc.Flow) != 1 || f.Tok.Position(acc.Pos).Line != 1 {
		t.Errorf("no grant to CONTOSO\\svc at the body through the call:\n%s", show(f, out))
	}
}

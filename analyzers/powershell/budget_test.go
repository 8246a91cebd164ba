package powershell

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// literalGrant ends every hostile script: a grant with an account written in place, which must be
// found whatever the lines before it did to the budget.
const literalGrant = `Grant-CPrivilege -Identity 'CONTOSO\evil' -Privilege SeImpersonatePrivilege` + "\n"

// lines returns n copies of line, each ended by a newline.
func lines(n int, line string) string { return strings.Repeat(line+"\n", n) }

// grantWith is a grant whose account is the expression acc.
func grantWith(acc string) string {
	return "Grant-CPrivilege -Identity " + acc + " -Privilege SeImpersonatePrivilege\n"
}

// doubled is a script whose first lines make $a a string of 2^k x's.
func doubled(k int) string { return "$a = 'x'\n" + lines(k, `$a = "$a$a"`) }

// prependChainLine is the line where the budget of a script of size bytes is spent by n lines
// `$s = "ab $s"` after `$s = ”` on line 1: each copies the whole string, 3 bytes longer every
// line, so the bytes built grow with the square of the lines.
func prependChainLine(size, n int) int {
	b := value.NewBudget(size)
	for i := 1; i <= n; i++ {
		if ok, _ := b.Charge(3 * i); !ok {
			return 1 + i
		}
	}
	return 0
}

// budgetProblems returns the problems recorded because the file's budget refused something, as
// line: message.
func budgetProblems(f *source.File) []string {
	var out []string
	for _, p := range f.Problems {
		if strings.Contains(p.Message, "limit of one value") || strings.Contains(p.Message, "evaluation budget") {
			out = append(out, fmt.Sprintf("%d: %s", f.Tok.Position(p.Pos).Line, p.Message))
		}
	}
	return out
}

// limitProblems returns the problems recorded because a list held more than assign.MaxAccounts
// accounts, as line: message.
func limitProblems(f *source.File) []string {
	var out []string
	for _, p := range f.Problems {
		if strings.Contains(p.Message, fmt.Sprintf("more than %d accounts", assign.MaxAccounts)) {
			out = append(out, fmt.Sprintf("%d: %s", f.Tok.Position(p.Pos).Line, p.Message))
		}
	}
	return out
}

// account finds an account of the assignments by its text; n is how many assignments name it.
func account(as []assign.Assignment, text string) (acc assign.Account, n int) {
	for _, a := range as {
		for _, c := range a.Accounts {
			if c.Text == text {
				acc = c
				n++
			}
		}
	}
	return acc, n
}

// hostileTest is a script that builds values out of all proportion to its size.
type hostileTest struct {
	name, src string // src is followed by literalGrant
	// line is the line of the one budget problem; 0 when there must be none, -1 when it is on
	// one of the lines from lineFrom on.
	line, lineFrom int
	// ref is the account written as a reference to the value that blew up, with how many
	// times it is expected (0: at least once), unresolved unless resolved is set.
	ref      string
	refCount int
	resolved bool
}

// hostileTests are the scripts TestHostileValues runs and FuzzExtract is seeded with.
func hostileTests() []hostileTest {
	kib := strings.Repeat("x", 1000) // an item or a piece of 1,000 bytes
	// A list of 2^k items 'x' by doubling it with +.
	listDoubled := func(k int) string { return "$a = @('x')\n" + lines(k, "$a = $a + $a") }
	prepend := "$s = ''\n" + lines(4000, `$s = "ab $s"`)
	listOver := 0 // 2^listOver items 'x' are over the limit of one value
	for 1<<listOver*(value.ItemCost+1) <= value.MaxValue {
		listOver++
	}
	return []hostileTest{
		// 561 bytes drove the extractor past 20 GB: 2^40 bytes. Line 22 makes 2^21 > 1 MiB.
		{name: "doubling by interpolation", src: doubled(40) + grantWith("$a"), line: 22, ref: "$a", refCount: 1},
		{name: "doubling strings by +", src: "$a = 'x'\n" + lines(40, "$a = $a + $a") + grantWith("$a"), line: 22, ref: "$a", refCount: 1},
		// Items weigh value.ItemCost bytes besides their text: 2^k items of 'x' are over 1 MiB on line
		// 1 + k.
		{name: "doubling lists by +", src: listDoubled(40) + grantWith("$a"), line: 1 + listOver, ref: "$a", refCount: 1},
		// Past the limit $a is unknown, and a list of two unknowns doubles again: 20 lines make
		// one round.
		{name: "doubling lists by splicing", src: "$a = @('x')\n" + lines(20, "$a = @($a, $a)") + grantWith("$a"), line: 1 + listOver, ref: "$a"},
		{name: "doubling by here-string", src: doubled(19) + "$h = @\"\n$a$a$a\n\"@\n" + grantWith("$h"), line: 22, ref: "$h", refCount: 1},
		// $l has one item of 1,000 bytes more on every line from line 3 on.
		{name: "list append", src: "$t = '" + kib + "'\n$l = @()\n" + lines(1100, "$l += $t") + grantWith("$l"),
			line: 2 + value.MaxValue/(value.ItemCost+len(kib)) + 1, ref: "$l", refCount: 1},
		// $s has 1,049 KB on line 2 + 1,049.
		{name: "growing interpolation chain", src: "$t = '" + kib + "'\n$s = ''\n" + lines(1100, `$s = "$s$t"`) + grantWith("$s"), line: 1051, ref: "$s", refCount: 1},
		{name: "growing += chain", src: "$t = '" + kib + "'\n$s = ''\n" + lines(1100, "$s += $t") + grantWith("$s"), line: 1051, ref: "$s", refCount: 1},
		// Each line copies the whole string: the bytes built grow with the square of the lines,
		// and the budget, in proportion to the file, runs out.
		{name: "prepending chain", src: prepend + grantWith("$s"), line: prependChainLine(len(prepend)+len(grantWith("$s"))+len(literalGrant), 4000), ref: "$s", refCount: 1},
		{name: "-join", src: doubled(19) + "$j = ($a, $a, $a) -join ','\n" + grantWith("$j"), line: 21, ref: "$j", refCount: 1},
		{name: "unary -join", src: doubled(19) + "$j = -join ($a, $a, $a)\n" + grantWith("$j"), line: 21, ref: "$j", refCount: 1},
		{name: "-f", src: doubled(18) + "$f = '{0}{0}{0}{0}{0}'\n$j = $f -f $a\n" + grantWith("$j"), line: 21, ref: "$j", refCount: 1},
		// 2^18 bytes used as an account on every line: each use reads it whole.
		{name: "large value used on every line", src: doubled(18) + lines(2000, grantWith("$a")[:len(grantWith("$a"))-1]), line: -1, lineFrom: 20, ref: "$a"},
		// 2^13 items, each loop expanding them: the nested loop would run 2^26 times.
		{name: "nested loops over a long list", src: listDoubled(13) + "foreach ($x in $a) { foreach ($y in $a) { Grant-CPrivilege $x SeImpersonatePrivilege } }\n", line: 15, ref: "x", resolved: true},
		// * is not evaluated: no string of a billion bytes.
		{name: "repetition", src: "$a = 'x' * 1000000000\n" + grantWith("$a"), ref: "$a", refCount: 1},
		{name: "unknown value appended to", src: "$s = $env:X\n" + lines(5000, "$s += 'abcdefgh'") + grantWith("$s"), ref: "$s", refCount: 1},
		// 17 KB of commands handed to PowerShell on every line: the first are analyzed, until
		// the budget (charged for the text built, and by cmdline.Nest as it analyzes it) is spent.
		{name: "nested command strings", src: "$c = 'Grant-CPrivilege -Identity a -Privilege SeImpersonatePrivilege;'\n" +
			lines(8, `$c = "$c$c"`) + lines(100, "powershell -Command $c"), line: -1, lineFrom: 11, ref: "a", resolved: true},
		{name: "Invoke-Expression", src: "$c = 'Grant-CPrivilege -Identity a -Privilege SeImpersonatePrivilege;'\n" +
			lines(8, `$c = "$c$c"`) + lines(100, "Invoke-Expression $c"), line: -1, lineFrom: 11, ref: "a", resolved: true},
	}
}

// TestHostileValues runs scripts that build values out of all proportion to their size. Each must
// end with the literal grant found, the value that blew up an unresolved account written as its
// reference, and exactly one problem saying which limit was reached where; its analysis stays
// within the allocation bound of fuzz targets.
func TestHostileValues(t *testing.T) {
	for _, tt := range hostileTests() {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src + literalGrant
			f := newFile(src)
			var as []assign.Assignment
			checktest.Bounded(t, len(src), func() { as = Extract(f, 0, len(src)) })

			lit, n := account(as, `CONTOSO\evil`)
			if want := strings.LastIndex(src, `CONTOSO\evil`); n != 1 || lit.Unresolved || int(lit.Pos)-f.Tok.Base() != want {
				t.Errorf("the literal grant after the blow-up: %d accounts, %+v; want one at %d, resolved", n, lit, want)
			}
			acc, n := account(as, tt.ref)
			if n == 0 || tt.refCount > 0 && n != tt.refCount || acc.Unresolved == tt.resolved {
				t.Errorf("account %q: %d of them, unresolved %v; want %d, unresolved %v", tt.ref, n, acc.Unresolved, tt.refCount, !tt.resolved)
			}

			probs := budgetProblems(f)
			switch {
			case tt.line == 0 && len(probs) != 0:
				t.Errorf("budget problems %q, want none", probs)
			case tt.line != 0 && len(probs) != 1:
				t.Errorf("budget problems %q, want exactly one", probs)
			case tt.line > 0 && !strings.HasPrefix(probs[0], fmt.Sprintf("%d: ", tt.line)):
				t.Errorf("budget problem %q, want it on line %d", probs[0], tt.line)
			case tt.line < 0:
				var line int
				if _, err := fmt.Sscanf(probs[0], "%d:", &line); err != nil || line < tt.lineFrom || line >= strings.Count(src, "\n") {
					t.Errorf("budget problem %q, want it on a line from %d on, before the last", probs[0], tt.lineFrom)
				}
			}
			for _, p := range f.Problems {
				if !strings.Contains(p.Message, "limit of one value") && !strings.Contains(p.Message, "evaluation budget") &&
					!strings.Contains(p.Message, "loop not unrolled") {
					t.Errorf("unexpected problem %q", p.Message)
				}
			}
		})
	}
}

// TestValuesWithinBudget checks what stays within the budget on shapes that used to be quadratic:
// every item of a list appended to 8,000 times (read as accounts up to assign.MaxAccounts), every
// key of a 40,000-key hashtable.
func TestValuesWithinBudget(t *testing.T) {
	t.Run("list append", func(t *testing.T) {
		src := "$l = @()\n" + lines(8000, "$l += 'x'") + grantWith("$l")
		f := newFile(src)
		as := Extract(f, 0, len(src))
		if _, n := account(as, "x"); n != assign.MaxAccounts || len(as) != 1 || !as[0].Truncated || len(budgetProblems(f)) != 0 ||
			len(limitProblems(f)) != 1 {
			t.Errorf("%d accounts x, problems %v; want %d, truncated, and the limit of accounts only", n, f.Problems, assign.MaxAccounts)
		}
	})
	t.Run("hashtable", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("$p = @{\n")
		for i := range 40000 {
			fmt.Fprintf(&b, "k%d = 'v'\n", i)
		}
		b.WriteString("Identity = 'nobody'\nPrivilege = 'SeImpersonatePrivilege'\n}\n")
		for i := range 40000 {
			fmt.Fprintf(&b, "$p.k%d = 'w'\n", (i*7919)%40000)
		}
		b.WriteString("$p['IDENTITY'] = 'CONTOSO\\svc'\nGrant-CPrivilege @p\n")
		src := b.String()
		f := newFile(src)
		as := Extract(f, 0, len(src))
		if acc, n := account(as, `CONTOSO\svc`); n != 1 || acc.Unresolved || len(f.Problems) != 0 {
			t.Errorf("%d accounts CONTOSO\\svc, problems %v; want 1 and none:\n%s", n, f.Problems, describe(f, as))
		}
	})
}

// linearShapes are scripts whose analysis must cost in proportion to their size.
var linearShapes = map[string]checktest.Shape{
	"list +=": func(n int) (string, []byte) {
		return "x.ps1", []byte("$l = @()\n" + lines(n, "$l += 'x'") + grantWith("$l"))
	},
	"list +": func(n int) (string, []byte) {
		return "x.ps1", []byte("$l = @()\n" + lines(n, "$l = $l + 'x'") + grantWith("$l"))
	},
	"hashtable keys": func(n int) (string, []byte) {
		var b strings.Builder
		b.WriteString("$p = @{\n")
		for i := range n {
			fmt.Fprintf(&b, "k%d = 'v'\n", i)
		}
		b.WriteString("Identity = 'a'\n}\n")
		for i := range n {
			fmt.Fprintf(&b, "$p.k%d = 'w'\n", (i*7919)%n)
		}
		b.WriteString("Grant-CPrivilege @p SeImpersonatePrivilege\n")
		return "x.ps1", []byte(b.String())
	},
	"growing interpolation chain": func(n int) (string, []byte) {
		return "x.ps1", []byte("$s = ''\n" + lines(n, `$s = "$s abcdefgh"`) + grantWith("$s"))
	},
	"growing += chain": func(n int) (string, []byte) {
		return "x.ps1", []byte("$s = ''\n" + lines(n, `$s += 'abcdefgh'`) + grantWith("$s"))
	},
}

// TestValuesLinear checks that appending to a string or a list, and setting hashtable entries,
// cost in proportion to the lines that do it.
func TestValuesLinear(t *testing.T) {
	for name, shape := range linearShapes {
		t.Run(name, func(t *testing.T) {
			checktest.Linear(t, 2000, shape, func(name string, content []byte) {
				f := newNamedFile(name, source.LangPowerShell, string(content))
				// A list of n items given as accounts is read up to assign.MaxAccounts.
				if as := Extract(f, 0, len(content)); len(as) == 0 || len(f.Problems) != len(limitProblems(f)) {
					t.Fatalf("%d assignments, problems %v", len(as), f.Problems)
				}
			})
		})
	}
}

// TestLiteralCommandsPastTheBudget checks that once nested loops have spent the budget, a native
// command written with literals (ntrights) still grants: reading its name and arguments costs what
// a literal does.
func TestLiteralCommandsPastTheBudget(t *testing.T) {
	items := make([]string, 100)
	for i := range items {
		items[i] = fmt.Sprintf("'i%d'", i)
	}
	l := strings.Join(items, ",")
	src := "foreach ($a in @(" + l + ")) { foreach ($b in @(" + l + ")) { foreach ($c in @(" + l + ")) { $x = \"$a$b$c\" } } }\n" +
		"ntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n& 'ntrights.exe' -r SeImpersonatePrivilege -u CONTOSO\\later\n"
	f := newNamedFile("t.ps1", source.LangPowerShell, src)
	got := checktest.Render(f, Extract(f, 0, len(src)))
	if !strings.Contains(got, `CONTOSO\after@2`) || !strings.Contains(got, `CONTOSO\later@3`) || !strings.Contains(got, "budget of this file is spent") {
		t.Errorf("after the budget is spent:\n%s", got)
	}
}

// TestLongListUsesLinear checks that a list of 1,000 accounts built once and read as accounts on
// every line costs in proportion to the lines: each read allocates an account per element, charged
// to the budget, which runs out (and says so) before the allocations outgrow the file.
func TestLongListUsesLinear(t *testing.T) {
	shape := func(n int) (string, []byte) {
		return "x.ps1", []byte("$big = @(" + names(1000, "'", ",") + ")\n" + lines(n, strings.TrimSuffix(grantWith("$big"), "\n")))
	}
	checktest.Linear(t, 500, shape, func(name string, content []byte) {
		f := newNamedFile(name, source.LangPowerShell, string(content))
		if as := Extract(f, 0, len(content)); len(as) == 0 {
			t.Fatalf("no assignment; problems %v", f.Problems)
		}
	})
}

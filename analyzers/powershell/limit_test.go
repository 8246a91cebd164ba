package powershell

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/internal/bench/shapes"
	"github.com/privlint/privlint/internal/checktest"
)

// names returns n names a0..a9, cycling, each quoted with q, joined by sep.
func names(n int, q, sep string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		fmt.Fprintf(&b, "%sa%d%s", q, i%10, q)
	}
	return b.String()
}

// afterGrant ends every script of TestLongLists: a grant the list must not hide.
const afterGrant = "ntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n"

// TestLongLists checks every way a list of accounts is written, past assign.MaxAccounts: the
// grant has the first assign.MaxAccounts accounts and is Truncated, one problem says so at the
// first account left out, and the grant after the list is found.
func TestLongLists(t *testing.T) {
	const n = 3 * assign.MaxAccounts
	grant := "Grant-CPrivilege -Identity %s -Privilege SeImpersonatePrivilege\n"
	for _, tt := range []struct {
		name, src string
		line      int // the line of the problem
		// The problem is at the account past the limit: the list's first account, written as
		// first, plus assign.MaxAccounts times stride; when stride is 0, at the list's use.
		first  string
		stride int
	}{
		{"argument list", "# accounts\n" + fmt.Sprintf(grant, names(n, "", ",")), 2, "a0", len("a0,")},
		{"expression list", fmt.Sprintf(grant, "("+names(n, "'", ", ")+")"), 1, "'a0'", len("'a0', ")},
		{"variable", "$a = " + names(n, "'", ",") + "\n" + fmt.Sprintf(grant, "$a"), 2, "", 0},
		{"array subexpression", "$a = @(" + names(n, "'", ",") + ")\n" + fmt.Sprintf(grant, "$a"), 2, "", 0},
		{"array subexpression of lines", "$a = @(\n" + names(n, "'", "\n") + "\n)\n" + fmt.Sprintf(grant, "$a"), n + 3, "", 0},
		{"comma-joined string", fmt.Sprintf(grant, "'"+names(n, "", ",")+"'"), 1, "a0", len("a0,")},
		{"DSC resource", "Configuration C {\n Node localhost {\n  UserRightsAssignment U {\n   Policy = 'Impersonate_a_client_after_authentication'\n   Identity = " +
			names(n, "'", ",") + "\n  }\n }\n}\n", 5, "'a0'", len("'a0',")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src + afterGrant
			f := newFile(src)
			as := Extract(f, 0, len(src))
			if len(as) != 2 {
				t.Fatalf("%d assignments, want the list's and the one after:\n%.300s", len(as), describe(f, as))
			}
			if a := as[0]; len(a.Accounts) != assign.MaxAccounts || !a.Truncated || a.Accounts[0].Text != "a0" {
				t.Errorf("the list's grant: %d accounts, the first %q, truncated %v; want %d from a0, truncated",
					len(a.Accounts), a.Accounts[0].Text, a.Truncated, assign.MaxAccounts)
			}
			if a := as[1]; len(a.Accounts) != 1 || a.Accounts[0].Text != `CONTOSO\after` || a.Truncated {
				t.Errorf("the grant after the list: %s", describe(f, as[1:]))
			}
			if len(f.Problems) != 1 || len(limitProblems(f)) != 1 {
				t.Fatalf("problems %v, want the limit of accounts once", f.Problems)
			}
			want := f.Tok.Position(as[0].Accounts[0].Pos) // a list read through $a: its use
			if tt.stride > 0 {
				want = f.Tok.Position(f.Tok.Pos(strings.Index(src, tt.first) + assign.MaxAccounts*tt.stride))
			}
			if got := f.Tok.Position(f.Problems[0].Pos); got.Line != tt.line || got != want {
				t.Errorf("the problem is at %d:%d, want %d:%d (line %d)", got.Line, got.Column, want.Line, want.Column, tt.line)
			}
		})
	}
}

// TestLongListCode checks that the elements past assign.MaxAccounts that run code or hold a
// template, which the parser keeps, are still walked.
func TestLongListCode(t *testing.T) {
	const n = 2 * assign.MaxAccounts
	block := "{ Grant-CPrivilege -Identity CONTOSO\\inner -Privilege SeImpersonatePrivilege }"
	inf := "'[Privilege Rights]\nSeImpersonatePrivilege = CONTOSO\\tmpl'"
	for _, src := range []string{
		"$a = " + names(n, "'", ",") + ", " + block + ", " + inf + ", 'z'\n",
		"$a = @(\n" + names(n, "'", "\n") + "\n" + block + "\n" + inf + "\n'z'\n)\n",
	} {
		f := newFile(src)
		as := Extract(f, 0, len(src))
		for _, who := range []string{`CONTOSO\inner`, `CONTOSO\tmpl`} {
			if _, k := account(as, who); k != 1 {
				t.Errorf("%.20q...: %d grants to %s, want 1:\n%s", src, k, who, describe(f, as))
			}
		}
	}
}

// TestLongListParse checks what the parser keeps of a list and a statement list past
// assign.MaxAccounts elements: the first assign.MaxAccounts, then only the elements that are not
// inert, and a Rest that spans every element from the first not kept to the last.
func TestLongListParse(t *testing.T) {
	const n = 3 * assign.MaxAccounts
	for _, tt := range []struct{ name, src, last string }{
		{"argument mode", "Write-Output " + names(n, "", ",") + ",{ x },a9", "a9"},
		{"expression mode", "$a = " + names(n, "'", ",") + ",{ x },'a9'", "'a9'"},
		{"statements", "$a = @(" + names(n, "'", ";") + ";{ x };'a9')", "'a9'"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, problems := parse([]byte(tt.src), 0, len(tt.src))
			if len(problems) > 0 {
				t.Fatalf("problems %v", problems)
			}
			var elems []Node
			var rest *Bad
			inspect(b, func(n Node) bool {
				switch n := n.(type) {
				case *ArrayLit:
					elems, rest = n.Elems, n.Rest
				case *SubExpr:
					elems, rest = n.Body.Stmts, n.Body.Rest
				}
				return elems == nil
			})
			if len(elems) != assign.MaxAccounts+1 {
				t.Fatalf("%d elements kept, want %d and the script block", len(elems), assign.MaxAccounts)
			}
			if _, ok := elems[assign.MaxAccounts].(*ScriptBlock); !ok {
				if pl, ok := elems[assign.MaxAccounts].(*Pipeline); !ok || len(pl.Elems) != 1 {
					t.Errorf("the element kept past the limit is %T, want the script block", elems[assign.MaxAccounts])
				} else if _, ok := pl.Elems[0].(*ScriptBlock); !ok {
					t.Errorf("the element kept past the limit is %T, want the script block", pl.Elems[0])
				}
			}
			first, _ := elems[0].Span()
			second, _ := elems[1].Span()
			from := first + assign.MaxAccounts*(second-first) // every name is as long, with its separator
			to := strings.LastIndex(tt.src, tt.last) + len(tt.last)
			if rest == nil || rest.start != from || rest.end != to {
				t.Errorf("rest %+v, want it to span [%d, %d)", rest, from, to)
			}
			checkSpans(t, tt.src, b)
		})
	}
}

// retained returns the bytes of heap that what build returns holds.
func retained(build func() any) uint64 {
	var before, after runtime.MemStats
	// Two collections: sync.Pool caches live through one.
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := build()
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(x)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

// TestLongListMemory checks that the syntax tree of a list of names does not grow with the names
// past assign.MaxAccounts: 40 times the names hold less than 64 KiB more.
func TestLongListMemory(t *testing.T) {
	for _, name := range []string{"list.ps1", "dsc.ps1"} {
		t.Run(name, func(t *testing.T) {
			small, large := shapes.Named(name).Gen(5000), shapes.Named(name).Gen(200000)
			cs := retained(func() any { b, _ := parse(small, 0, len(small)); return b })
			cl := retained(func() any { b, _ := parse(large, 0, len(large)); return b })
			runtime.KeepAlive(small) // the sources outlive the measures: their bytes are not counted
			runtime.KeepAlive(large)
			t.Logf("the tree of %d bytes holds %d bytes, of %d bytes %d", len(small), cs, len(large), cl)
			if cl > cs+64<<10 {
				t.Errorf("the tree grew by more than 64 KiB")
			}
		})
	}
}

// TestLongListShapes runs the bench shapes of long lists at a tenth of their default scale: the
// analysis stays within checktest.Allowance, the list's grant is truncated with one problem, and
// the grant after it is found.
func TestLongListShapes(t *testing.T) {
	for _, name := range []string{"list.ps1", "dsc.ps1"} {
		t.Run(name, func(t *testing.T) {
			sh := shapes.Named(name)
			src := sh.Gen(sh.Default / 10)
			f := newFile(string(src))
			var as []assign.Assignment
			checktest.Bounded(t, len(src), func() { as = Extract(f, 0, len(src)) })
			if len(as) != 2 || !as[0].Truncated || len(as[0].Accounts) != assign.MaxAccounts {
				t.Fatalf("%d assignments, want the truncated list's and the one after", len(as))
			}
			if _, k := account(as, `CONTOSO\after`); k != 1 || len(limitProblems(f)) != 1 {
				t.Errorf("%d grants to CONTOSO\\after, problems %v; want one, and the limit once", k, f.Problems)
			}
		})
	}
}

// TestInert checks which list elements the parser may drop past assign.MaxAccounts: only those
// that run no code and hold no template.
func TestInert(t *testing.T) {
	for _, tt := range []struct {
		src  string // an argument of Write-Output
		want bool
	}{
		{"a0", true},
		{"'a0'", true},
		{"12", true},
		{"$x", true},
		{`"CONTOSO\$u"`, true},
		{`CONTOSO\$u`, true},
		{`"$(Get-User)"`, false},
		{`CONTOSO\$(Get-User)`, false},
		{"{ Grant-CPrivilege a SeImpersonatePrivilege }", false},
		{"(Get-User)", false},
		{"'[Privilege Rights]'", false},
		{"@{ a = 1 }", false},
	} {
		src := "Write-Output " + tt.src
		b, _ := parse([]byte(src), 0, len(src))
		arg := b.Stmts[0].(*Pipeline).Elems[0].(*Command).Elems[0]
		if got := inert(arg); got != tt.want {
			t.Errorf("inert(%s) = %v, want %v (a %T)", tt.src, got, tt.want, arg)
		}
	}
}

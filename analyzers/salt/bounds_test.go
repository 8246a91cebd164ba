package salt

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	vtext "github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// laterGrant is a state granting the right to a literal account, written after the hostile part of
// a file: it must be found whatever the part before did.
const laterGrant = "later:\n  lgpo.set:\n    - computer_policy:\n        SeImpersonatePrivilege: ['CONTOSO\\later']\n"

// accounts returns the accounts of a file's assignments, an unresolved one marked with ?.
func accounts(f *source.File) map[string]bool {
	got := map[string]bool{}
	for _, a := range Extract(f) {
		for _, acc := range a.Accounts {
			if acc.Unresolved {
				got["?"+acc.Text] = true
			} else {
				got[acc.Text] = true
			}
		}
	}
	return got
}

// checkLimit checks that the accounts want are found and that the file has one problem, on line
// saying what.
func checkLimit(t *testing.T, f *source.File, want []string, line int, what string) {
	t.Helper()
	got := accounts(f)
	for _, w := range want {
		if !got[w] {
			t.Errorf("account %s not found in %v", w, got)
		}
	}
	if len(f.Problems) != 1 {
		t.Fatalf("%d problems, want 1:\n%s", len(f.Problems), checktest.Render(f, nil))
	}
	if p := f.Tok.Position(f.Problems[0].Pos); p.Line != line || !strings.Contains(f.Problems[0].Message, what) {
		t.Errorf("problem at line %d: %s\nwant line %d: %s", p.Line, f.Problems[0].Message, line, what)
	}
}

// TestAliasFanOut checks that an anchored list of accounts named by many states is read again only
// while the budget lasts: then the alias is an unresolved account, written as it is.
func TestAliasFanOut(t *testing.T) {
	items := make([]string, 1000)
	for i := range items {
		items[i] = fmt.Sprintf("u%03d", i)
	}
	state := "s:\n  lgpo.set:\n    - computer_policy:\n        SeAssignPrimaryTokenPrivilege: *u\n"
	const uses = 200
	text := "u: &u [" + strings.Join(items, ", ") + "]\n" + strings.Repeat(state, uses) + laterGrant
	b, line := vtext.NewBudget(len(text)), 0
	for k := range uses { // each use costs the list's node, and each item's node and bytes
		if ok, _ := b.Charge(64 + len(items)*(64+4)); !ok {
			line = 5 + 4*k
			break
		}
	}
	checkLimit(t, checktest.NewFile("x.sls", source.LangSalt, text), []string{"u000", "?*u", `CONTOSO\later`}, line, "budget of this file is spent")
}

// TestDeepNesting checks that a state nested deeper than the walk goes is reported, and that a
// state at a shallower level after it is still read.
func TestDeepNesting(t *testing.T) {
	var b strings.Builder
	b.WriteString("outer:\n")
	for d := 1; d <= 100; d++ {
		fmt.Fprintf(&b, "%sk%d:\n", strings.Repeat("  ", d), d)
	}
	ind := strings.Repeat("  ", 101)
	b.WriteString(ind + "lgpo.set:\n" + ind + "  - computer_policy:\n" + ind + "      SeImpersonatePrivilege: [deep]\n")
	b.WriteString("  " + strings.ReplaceAll(strings.TrimSuffix(laterGrant, "\n"), "\n", "\n  ") + "\n")
	f := checktest.NewFile("x.sls", source.LangSalt, b.String())
	checkLimit(t, f, []string{`CONTOSO\later`}, 65, "nests more than 64 levels")
	if accounts(f)["deep"] {
		t.Error("the state nested past the limit is read")
	}
}

// TestLinear checks that the shapes a state file legitimately grows in cost work in proportion to
// its size.
func TestLinear(t *testing.T) {
	shapes := map[string]checktest.Shape{
		"many states": func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "s%d:\n  lgpo.set:\n    - computer_policy:\n        SeImpersonatePrivilege: [u%d, v%d]\n", i, i, i)
			}
			return "many.sls", []byte(b.String())
		},
		"long list": func(n int) (string, []byte) {
			items := make([]string, n)
			for i := range items {
				items[i] = fmt.Sprintf("u%d", i)
			}
			return "list.sls", []byte("s:\n  lgpo.set:\n    - computer_policy:\n        SeImpersonatePrivilege: [" + strings.Join(items, ", ") + "]\n")
		},
		"alias fan-out": func(n int) (string, []byte) {
			state := "s:\n  lgpo.set:\n    - computer_policy:\n        SeImpersonatePrivilege: *u\n"
			return "alias.sls", []byte("u: &u [a, b, c, d, e, f, g, h]\n" + strings.Repeat(state, n))
		},
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			checktest.Linear(t, 1000, shape, func(name string, content []byte) {
				Extract(checktest.NewFile(name, source.LangSalt, string(content)))
			})
		})
	}
}

// TestLongLists checks that a policy listing more than assign.MaxAccounts accounts, as a list or a
// string, gives the first MaxAccounts and is Truncated, with one problem where the first account
// past those is written, and that the state after it is still read.
func TestLongLists(t *testing.T) {
	names := make([]string, assign.MaxAccounts+5)
	for i := range names {
		names[i] = fmt.Sprintf("u%d", i)
	}
	state := func(value string) string {
		return "s:\n  lgpo.set:\n    - computer_policy:\n        Replace a process level token: " + value + "\n"
	}
	for name, value := range map[string]string{
		"a flow list": "[" + strings.Join(names, ", ") + "]",
		"a string":    "'" + strings.Join(names, ",") + "'",
	} {
		t.Run(name, func(t *testing.T) {
			text := state(value) + laterGrant
			f := checktest.NewFile("x.sls", source.LangSalt, text)
			as := Extract(f)
			if len(as) != 2 || len(as[0].Accounts) != assign.MaxAccounts || !as[0].Truncated ||
				as[0].Accounts[assign.MaxAccounts-1].Text != names[assign.MaxAccounts-1] || as[1].Accounts[0].Text != `CONTOSO\later` {
				t.Fatalf("assignments:\n%s", checktest.Render(f, as))
			}
			at := f.Pos(strings.Index(text, names[assign.MaxAccounts]))
			if len(f.Problems) != 1 || f.Problems[0].Pos != at || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") {
				t.Errorf("problems:\n%swant one at %s", checktest.Render(f, nil), f.Tok.Position(at))
			}
		})
	}
}

// TestLongListCost checks that the accounts past assign.MaxAccounts cost nothing: the objects
// allocated for lists of a hundred times as many do not grow with them.
func TestLongListCost(t *testing.T) {
	for _, n := range []int{10 * assign.MaxAccounts, 100 * assign.MaxAccounts} {
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("u%d", i%10)
		}
		text := "s:\n  lgpo.set:\n    - computer_policy:\n        SeImpersonatePrivilege: [" + strings.Join(names, ", ") + "]\n" +
			"        SeAssignPrimaryTokenPrivilege: '" + strings.Join(names, ",") + "'\n"
		c := checktest.Measure(func() { Extract(checktest.NewFile("x.sls", source.LangSalt, text)) })
		if c.Objects > 40*assign.MaxAccounts {
			t.Errorf("two lists of %d accounts: %s, more than %d objects", n, c, 40*assign.MaxAccounts)
		}
	}
}

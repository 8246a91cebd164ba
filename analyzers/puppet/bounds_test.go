package puppet

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	vtext "github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// laterGrant is a grant with a literal account written after the hostile part of a manifest: it
// must be found whatever the part before did to the budget.
const laterGrant = "local_security_policy { 'Impersonate a client after authentication': policy_value => 'CONTOSO\\later' }\n"

// grantOf grants the right to what the expression e holds.
func grantOf(e string) string {
	return "local_security_policy { 'Replace a process level token': policy_value => " + e + " }\n"
}

// budgetLine returns the line on which a file of size bytes runs out of its budget when its k-th
// charge is of cost(k) bytes and is made on line first+step*k; 0 when n charges do not spend it.
func budgetLine(size, first, step, n int, cost func(k int) int) int {
	b := vtext.NewBudget(size)
	for k := range n {
		if ok, _ := b.Charge(cost(k)); !ok {
			return first + step*k
		}
	}
	return 0
}

func TestValueBounds(t *testing.T) {
	doubling := "$a0 = 'xxxxxxxxxxxxxxxx'\n"
	for i := 1; i <= 16; i++ {
		doubling += fmt.Sprintf("$a%d = \"${a%d}${a%d}\"\n", i, i-1, i-1)
	}

	var chain strings.Builder
	chain.WriteString("$v0 = 'AAAAAAAAAAAAAAAAAAAA'\n")
	const chainLen = 1500
	for i := 1; i < chainLen; i++ {
		fmt.Fprintf(&chain, "$v%d = \"${v%d}AAAAAAAAAAAAAAAAAAAA\"\n", i, i-1)
	}
	chainSrc := chain.String() + grantOf(fmt.Sprintf(`"${v%d}"`, chainLen-1)) + laterGrant

	big := strings.Repeat("B", 300_000)
	copies := "$big = '" + big + "'\n"
	for i := range 40 {
		copies += fmt.Sprintf("$c%d = $big\n", i)
	}
	copiesSrc := copies + grantOf("$c39") + laterGrant

	items := make([]string, 20000)
	for i := range items {
		items[i] = fmt.Sprintf("'u%d'", i)
	}
	listSrc := "$l = [" + strings.Join(items, ",") + "]\n$m = $l\n" + grantOf("$m") + laterGrant

	tests := []struct {
		name, src string
		blown     string // the text of the unresolved account the blown-up value leaves
		line      int    // the line of the one problem
		limit     string // what the problem says
	}{
		{"doubling past the value limit", doubling + grantOf(`"${a16}${a16}"`) + laterGrant,
			"${a16}${a16}", 18, "exceed 1 MiB"},
		{"growing chain past the budget", chainSrc, fmt.Sprintf("${v%d}", chainLen-1),
			budgetLine(len(chainSrc), 2, 1, chainLen, func(k int) int { return 20 * (k + 2) }), "budget of this file is spent"},
		{"copies of a large value", copiesSrc, "$c39",
			budgetLine(len(copiesSrc), 2, 1, 40, func(int) int { return len(big) }), "budget of this file is spent"},
		{"copy of a long list", listSrc, "$m", 2, "exceed 1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.line == 0 {
				t.Fatal("the shape does not reach the limit")
			}
			f := testFile(tt.src)
			checkBounded(t, f, Extract(f), tt.blown, tt.line, tt.limit)
		})
	}
}

// checkBounded checks what a hostile file leaves: the later literal grant found, the account the
// blown-up value was given to unresolved with its text, and one problem on the line that reached
// the limit.
func checkBounded(t *testing.T, f *source.File, as []assign.Assignment, blown string, line int, limit string) {
	t.Helper()
	var later, unresolved bool
	for _, a := range as {
		for _, acc := range a.Accounts {
			later = later || acc.Text == `CONTOSO\later` && !acc.Unresolved
			unresolved = unresolved || acc.Text == blown && acc.Unresolved
		}
	}
	if !later {
		t.Error("the later grant with a literal account is not found")
	}
	if !unresolved {
		t.Errorf("no unresolved account %q", blown)
	}
	if len(f.Problems) != 1 {
		t.Fatalf("%d problems, want 1:\n%s", len(f.Problems), checktest.Render(f, nil))
	}
	p := f.Tok.Position(f.Problems[0].Pos)
	if p.Line != line || !strings.Contains(f.Problems[0].Message, limit) {
		t.Errorf("problem at line %d: %s\nwant line %d: %s", p.Line, f.Problems[0].Message, line, limit)
	}
}

// TestLinear checks that the shapes a manifest legitimately grows in cost work in proportion to
// their size.
func TestLinear(t *testing.T) {
	shapes := map[string]checktest.Shape{
		"many variables": func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "$v%d = 'CONTOSO\\u%d'\n", i, i)
			}
			for i := range n {
				b.WriteString(grantOf(fmt.Sprintf(`"${v%d}"`, i)))
			}
			return "vars.pp", []byte(b.String())
		},
		"long list": func(n int) (string, []byte) {
			items := make([]string, n)
			for i := range items {
				items[i] = fmt.Sprintf("'u%d'", i)
			}
			return "list.pp", []byte("$l = [" + strings.Join(items, ", ") + "]\n" + grantOf("$l") + grantOf("'"+strings.Join(items, ",")+"'"))
		},
		"nested resource bodies": func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "a%d { [\n", i)
			}
			b.WriteString(strings.Repeat("]}", n) + "\n" + laterGrant)
			return "nested.pp", []byte(b.String())
		},
		"growing chain": func(n int) (string, []byte) {
			var b strings.Builder
			b.WriteString("$v0 = 'AAAAAAAAAAAAAAAAAAAA'\n")
			for i := 1; i < n; i++ {
				fmt.Fprintf(&b, "$v%d = \"${v%d}AAAAAAAAAAAAAAAAAAAA\"\n", i, i-1)
			}
			b.WriteString(grantOf(fmt.Sprintf(`"${v%d}"`, n-1)))
			return "chain.pp", []byte(b.String())
		},
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			checktest.Linear(t, 2000, shape, func(name string, content []byte) {
				Extract(newFile(name, source.LangPuppet, string(content)))
			})
		})
	}
}

// TestTooManyAccounts checks that a policy_value naming more than assign.MaxAccounts accounts gives
// the first MaxAccounts, marked Truncated, with one problem at the first account left out, and that
// the grant after it is found.
func TestTooManyAccounts(t *testing.T) {
	names := make([]string, assign.MaxAccounts+500)
	for i := range names {
		names[i] = fmt.Sprintf("u%d", i)
	}
	src := "local_security_policy { 'Impersonate a client after authentication':\n  policy_value => '" + strings.Join(names, ",") + "',\n}\n" + laterGrant
	first := strings.Index(src, fmt.Sprintf(",u%d,", assign.MaxAccounts)) + 1 // the first account left out
	f := testFile(src)
	as := Extract(f)
	if len(as) != 2 || len(as[0].Accounts) != assign.MaxAccounts || !as[0].Truncated || as[0].Accounts[assign.MaxAccounts-1].Text != names[assign.MaxAccounts-1] {
		t.Fatalf("%d assignments, the first of %d accounts (truncated %v); want %d accounts, truncated, then the later grant",
			len(as), len(as[0].Accounts), as[0].Truncated, assign.MaxAccounts)
	}
	if as[1].Truncated || len(as[1].Accounts) != 1 || as[1].Accounts[0].Text != `CONTOSO\later` {
		t.Errorf("the later grant is not found whole: %+v", as[1])
	}
	if len(f.Problems) != 1 || f.Problems[0].Pos != f.Pos(first) || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") {
		t.Errorf("want one problem at %s:\n%s", f.Tok.Position(f.Pos(first)), checktest.Render(f, nil))
	}
}

// TestLongListBounded checks that accounts past assign.MaxAccounts cost nothing: a policy_value of
// four times as many names allocates no more objects.
func TestLongListBounded(t *testing.T) {
	src := func(n int) string {
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("u%d", i)
		}
		return "local_security_policy { 'Impersonate a client after authentication': policy_value => '" + strings.Join(names, ",") + "' }\n"
	}
	small, large := src(20*assign.MaxAccounts), src(80*assign.MaxAccounts)
	cost := func(src string) checktest.Cost {
		return checktest.Measure(func() { Extract(testFile(src)) })
	}
	cost(small)
	c1, c4 := cost(small), cost(large)
	if c4.Objects > c1.Objects+100 {
		t.Errorf("%d bytes: %s; %d bytes: %s: the accounts past the limit are kept", len(small), c1, len(large), c4)
	}
}

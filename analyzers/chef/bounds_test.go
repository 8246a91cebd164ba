package chef

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	vtext "github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// laterGrant is a grant with a literal account written after the hostile part of a recipe: it must
// be found whatever the part before did to the budget.
const laterGrant = "windows_user_privilege 'CONTOSO\\later' do\n  privilege 'SeImpersonatePrivilege'\nend\n"

// grantTo grants the right to the principal the expression e names.
func grantTo(e string) string {
	return "windows_user_privilege 'x' do\n  principal " + e + "\n  privilege 'SeAssignPrimaryTokenPrivilege'\nend\n"
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
	doubling := "a0 = 'xxxxxxxxxxxxxxxx'\n"
	for i := 1; i <= 16; i++ {
		doubling += fmt.Sprintf("a%d = \"#{a%d}#{a%d}\"\n", i, i-1, i-1)
	}

	var chain strings.Builder
	chain.WriteString("v0 = 'AAAAAAAAAAAAAAAAAAAA'\n")
	const chainLen = 1500
	for i := 1; i < chainLen; i++ {
		fmt.Fprintf(&chain, "v%d = \"#{v%d}AAAAAAAAAAAAAAAAAAAA\"\n", i, i-1)
	}
	chainSrc := chain.String() + grantTo(fmt.Sprintf(`"#{v%d}"`, chainLen-1)) + laterGrant

	// A list of two copies of the one before: each use copies the whole tree.
	lists := "l0 = ['x']\n"
	listLine, size := 0, 1+vtext.ItemCost
	for i := 1; i <= 30; i++ {
		lists += fmt.Sprintf("l%d = [l%d, l%d]\n", i, i-1, i-1)
		if size > vtext.MaxValue && listLine == 0 {
			listLine = i + 1
		}
		size = 2 * (size + vtext.ItemCost)
	}

	big := strings.Repeat("B", 300_000)
	refs := "$big = '" + big + "'\n"
	for range 40 {
		refs += "windows_user_privilege $big do\n  privilege 'SeImpersonatePrivilege'\nend\n"
	}
	refsSrc := refs + grantTo("$big") + laterGrant

	list := make([]string, 300)
	for i := range list {
		list[i] = fmt.Sprintf("u%d", i)
	}
	// The loops on one line: whichever pass spends the budget, the problem is on that line.
	loops := "l = %w(" + strings.Join(list, " ") + ")\n" +
		"l.each do |a| l.each do |b| l.each do |c| windows_user_privilege c do privilege 'SeImpersonatePrivilege' end end end end\n" + laterGrant

	tests := []struct {
		name, src string
		blown     string // the text of the unresolved account the blown-up value leaves
		line      int    // the line of the one problem
		limit     string // what the problem says
	}{
		{"doubling past the value limit", doubling + grantTo(`"#{a16}#{a16}"`) + laterGrant,
			"#{a16}#{a16}", 19, "exceed 1 MiB"},
		{"growing chain past the budget", chainSrc, fmt.Sprintf("#{v%d}", chainLen-1),
			budgetLine(len(chainSrc), 2, 1, chainLen, func(k int) int { return 20 * (k + 2) }), "budget of this file is spent"},
		{"list of copies of lists", lists + grantTo("l30") + laterGrant, "l30", listLine, "exceed 1 MiB"},
		{"uses of a large value", refsSrc, "$big",
			budgetLine(len(refsSrc), 2, 3, 40, func(int) int { return len(big) }), "budget of this file is spent"},
		{"nested loops", loops, "c", 2, "budget of this file is spent"},
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

// TestLinear checks that the shapes a recipe legitimately grows in cost work in proportion to their
// size.
func TestLinear(t *testing.T) {
	shapes := map[string]checktest.Shape{
		"many variables": func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "v%d = 'CONTOSO\\u%d'\n", i, i)
			}
			for i := range n {
				b.WriteString(grantTo(fmt.Sprintf(`"#{v%d}"`, i)))
			}
			return "vars.rb", []byte(b.String())
		},
		"long list": func(n int) (string, []byte) {
			items := make([]string, n)
			for i := range items {
				items[i] = fmt.Sprintf("'u%d'", i)
			}
			return "list.rb", []byte("l = [" + strings.Join(items, ", ") + "]\n" + grantTo("l") + grantTo("l"))
		},
		"growing chain": func(n int) (string, []byte) {
			var b strings.Builder
			b.WriteString("v0 = 'AAAAAAAAAAAAAAAAAAAA'\n")
			for i := 1; i < n; i++ {
				fmt.Fprintf(&b, "v%d = \"#{v%d}AAAAAAAAAAAAAAAAAAAA\"\n", i, i-1)
			}
			b.WriteString(grantTo(fmt.Sprintf(`"#{v%d}"`, n-1)))
			return "chain.rb", []byte(b.String())
		},
		"hashes": func(n int) (string, []byte) {
			var b strings.Builder
			for i := range n / 200 {
				fmt.Fprintf(&b, "h%d = {", i)
				for k := range 200 {
					fmt.Fprintf(&b, "k%d: 'CONTOSO\\u%d', ", k, k)
				}
				fmt.Fprintf(&b, "}\n")
				b.WriteString(grantTo(fmt.Sprintf("h%d[:k%d][0, 2]", i, i%200)))
				b.WriteString(grantTo(fmt.Sprintf("h%d[:k%d]", i, i%200)))
			}
			return "hash.rb", []byte(b.String())
		},
		"loop over a long list": func(n int) (string, []byte) {
			items := make([]string, n)
			for i := range items {
				items[i] = fmt.Sprintf("u%d", i)
			}
			return "loop.rb", []byte("%w(" + strings.Join(items, " ") + ").each do |u|\n" + grantTo("u") + "end\n")
		},
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			checktest.Linear(t, 2000, shape, func(name string, content []byte) {
				Extract(newFile(name, source.LangRuby, string(content)))
			})
		})
	}
}

// TestRightsTimesAccounts checks that a resource giving a long list of rights to a long list of
// accounts, many times over, keeps each right once and is charged for the copies of the accounts:
// a recipe of 15 KB no longer holds the half million accounts of its product.
func TestRightsTimesAccounts(t *testing.T) {
	rights, users := make([]string, assign.MaxAccounts), make([]string, assign.MaxAccounts)
	for i := range rights {
		rights[i], users[i] = fmt.Sprintf("x%d", i%500), fmt.Sprintf("u%d", i)
	}
	res := "windows_user_privilege 'y' do\n  privilege r\n  users u\n  action :set\nend\n"
	src := "r = %w(" + strings.Join(rights, " ") + ")\nu = %w(" + strings.Join(users, " ") + ")\n" + strings.Repeat(res, 20) + laterGrant
	f := testFile(src)
	as := Extract(f)
	accounts := 0
	for _, a := range as {
		accounts += len(a.Accounts)
	}
	// The budget holds about 4 MiB / (64 bytes * 1000 accounts) copies.
	if accounts > 100*len(users) {
		t.Errorf("%d assignments of %d accounts in all", len(as), accounts)
	}
	if last := as[len(as)-1]; len(last.Accounts) != 1 || last.Accounts[0].Text != `CONTOSO\later` {
		t.Errorf("the later grant is not found: %v", last)
	}
	if len(f.Problems) != 1 || f.Tok.Position(f.Problems[0].Pos).Line != 4 || !strings.Contains(f.Problems[0].Message, "budget of this file is spent") {
		t.Errorf("want one budget problem on line 4:\n%s", checktest.Render(f, nil))
	}
}

// names returns n names u0, u1, ... each quoted with quote and joined with sep.
func names(n int, quote, sep string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		fmt.Fprintf(&b, "%su%d%s", quote, i, quote)
	}
	return b.String()
}

// TestTooManyAccounts checks that a list of more than assign.MaxAccounts accounts gives the first
// MaxAccounts, marked Truncated, with one problem at the first one left out, and that the grant
// after it is found: an array or a word list (cut short where it is written), arguments, and a
// comma-joined DSC Identity.
func TestTooManyAccounts(t *testing.T) {
	n := assign.MaxAccounts + 500
	set := func(users string) string {
		return "windows_user_privilege 'x' do\n  privilege 'SeImpersonatePrivilege'\n  users " + users + "\n  action :set\nend\n"
	}
	first := fmt.Sprintf("u%d", assign.MaxAccounts) // the first account left out
	for _, tt := range []struct {
		name, src, at, limit string // the problem points at the text at, followed by a comma or a line end
	}{
		{"array", set("[" + names(n, "'", ",\n") + "]"), "'" + first + "'", "more than 1000 elements"},
		{"word list", set("%w(" + names(n, "", "\n") + ")"), first, "more than 1000 elements"},
		{"arguments", set(names(n, "'", ", ")), first + "'", "more than 1000 accounts"},
		{"variable", "l = [" + names(n, "'", ",\n") + "]\n" + set("l"), "'" + first + "'", "more than 1000 elements"},
		{"dsc identity", "dsc_resource 'd' do\n resource :UserRightsAssignment\n property :policy, 'Impersonate_a_client_after_authentication'\n" +
			" property :identity, '" + names(n, "", ",") + "'\nend\n", first, "more than 1000 accounts"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src + laterGrant
			f := testFile(src)
			as := Extract(f)
			if len(as) != 2 || len(as[0].Accounts) != assign.MaxAccounts || !as[0].Truncated || as[0].Accounts[assign.MaxAccounts-1].Text != fmt.Sprintf("u%d", assign.MaxAccounts-1) {
				t.Fatalf("%d assignments; want %d accounts, truncated, then the later grant:\n%s", len(as), assign.MaxAccounts, checktest.Render(f, as[len(as)-1:]))
			}
			if as[1].Truncated || len(as[1].Accounts) != 1 || as[1].Accounts[0].Text != `CONTOSO\later` {
				t.Errorf("the later grant is not found whole: %+v", as[1])
			}
			at := strings.Index(src, tt.at+",")
			if at < 0 {
				at = strings.Index(src, tt.at+"\n")
			}
			if len(f.Problems) != 1 || f.Problems[0].Pos != f.Pos(at) || !strings.Contains(f.Problems[0].Message, tt.limit) {
				t.Errorf("want one problem at %s: %s; got\n%s", f.Tok.Position(f.Pos(at)), tt.limit, checktest.Render(f, nil))
			}
		})
	}
}

// TestLongListBounded checks that a parse keeps assign.MaxAccounts elements of an array, and that
// what it keeps, and the tokens it holds at once, do not grow with the elements past the limit.
func TestLongListBounded(t *testing.T) {
	src := func(n int) []byte { return []byte("users [" + names(n, "'", ", ") + "]\n") }
	small, large := src(20*assign.MaxAccounts), src(80*assign.MaxAccounts)
	p := newParser(large)
	tree := p.file()
	users := tree[0].(*Call).Args[0].(*Array)
	if len(users.Elems) != assign.MaxAccounts || users.More != strings.Index(string(large), fmt.Sprintf("'u%d'", assign.MaxAccounts)) {
		t.Fatalf("%d elements, more at %d", len(users.Elems), users.More)
	}
	if c := cap(p.lex.toks); c > 5000 { // a list of 80,000 elements is 160,000 tokens
		t.Errorf("the parser held %d tokens at once", c)
	}
	kept := func(src []byte) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		tree, _ := Parse(src)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(tree)
		return after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
	}
	if k1, k4 := kept(small), kept(large); k4 > k1+(1<<20) {
		t.Errorf("a parse of %d bytes keeps %d bytes, of %d bytes %d: the elements past the limit are kept", len(small), k1, len(large), k4)
	}
}

// TestLongChains checks chains whose trees are as deep as they are long, at the size limit: they
// overflowed the stack of the recursive walk, which kills the process. Now one problem names the
// limit and the later grant is found.
func TestLongChains(t *testing.T) {
	for _, tt := range []struct{ unit, limit string }{
		{"a + ", "chains more than 4096"},
		{"a || ", "chains more than 4096"},
		{".b", "chains more than 4096"},
		{"[0]", "chains more than 4096"},
		{"a = ", "nests more than 200"},
	} {
		n := (4 << 20) / len(tt.unit)
		src := "x = a" + strings.Repeat(tt.unit, n) + "1\n" + laterGrant
		f := newFile("r.rb", source.LangRuby, src)
		as := Extract(f)
		found := false
		for _, a := range as {
			for _, acc := range a.Accounts {
				found = found || acc.Text == `CONTOSO\later`
			}
		}
		if !found || len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, tt.limit) {
			t.Errorf("%q x %d: later grant found %v, problems %+v", tt.unit, n, found, f.Problems)
		}
	}
}

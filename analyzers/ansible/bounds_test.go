package ansible

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	vtext "github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// laterGrant is a task granting the right to a literal account, written after the hostile part of
// a play: it must be found whatever the part before did to the budget.
const laterGrant = "    - win_user_right: {name: SeImpersonatePrivilege, users: 'CONTOSO\\later', action: add}\n"

// grantTo is a task granting the right to users, as written.
func grantTo(users string) string {
	return "    - win_user_right: {name: SeAssignPrimaryTokenPrivilege, users: " + users + ", action: add}\n"
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
	big := strings.Repeat("A", 400_000)
	// Each level doubles the one below: the third would be 1.6 MB.
	doubling := "- hosts: all\n  vars:\n    a: '" + big + "'\n    b: '{{ a }}{{ a }}'\n    c: '{{ b }}{{ b }}'\n  tasks:\n" +
		grantTo(`'{{ c }}'`) + laterGrant

	// Two thousand copies of the large value, joined.
	joined := "- hosts: all\n  vars:\n    a: '" + big + "'\n    l: [" + strings.Repeat("'{{ a }}', ", 1999) + "'{{ a }}']\n  tasks:\n" +
		grantTo(`'{{ l | join(",") }}'`) + laterGrant

	// One anchored list of a thousand accounts, named by many tasks.
	items := make([]string, 1000)
	for i := range items {
		items[i] = fmt.Sprintf("u%03d", i)
	}
	const uses = 200
	aliases := "- hosts: all\n  vars:\n    u: &u [" + strings.Join(items, ", ") + "]\n  tasks:\n" +
		strings.Repeat(grantTo("*u"), uses) + laterGrant
	aliasCost := 64 + len(items)*(64+4) // the list's node, each item's node and bytes
	aliasLine := budgetLine(len(aliases), 5, 1, uses, func(int) int { return aliasCost })

	tests := []struct {
		name, src string
		blown     string // the text of the unresolved account the blown-up value leaves
		line      int    // the line of the one problem
		limit     string // what the problem says
	}{
		{"doubling past the value limit", doubling, "{{ c }}", 7, "exceed 1 MiB"},
		{"join of copies past the budget", joined, `{{ l | join(",") }}`, 6, "budget of this file is spent"},
		{"alias named by many tasks", aliases, "*u", aliasLine, "budget of this file is spent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.line == 0 {
				t.Fatal("the shape does not reach the limit")
			}
			f := newFile("play.yml", source.LangYAML, tt.src)
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

// blocks returns a play whose tasks nest depth blocks, the innermost granting the right to deep,
// then a task after the nested blocks, inside the outermost, granting it to CONTOSO\later.
func blocks(depth int) string {
	s := "- hosts: all\n  tasks:\n    - block:\n"
	ind := "        "
	for range depth - 1 {
		s += ind + "- block:\n"
		ind += "    "
	}
	s += ind + "- win_user_right: {name: SeImpersonatePrivilege, users: deep, action: add}\n"
	return s + "        - win_user_right: {name: SeImpersonatePrivilege, users: 'CONTOSO\\later', action: add}\n"
}

// TestLimits checks that every limit of the walk and the evaluation is reported on the line where it
// is reached, and that what follows is still read.
func TestLimits(t *testing.T) {
	chain := "- hosts: all\n  vars:\n    v0: CONTOSO\\v\n"
	for i := 1; i <= 12; i++ {
		chain += fmt.Sprintf("    v%d: '{{ v%d }}'\n", i, i-1)
	}
	chain += "  tasks:\n" + grantTo(`'{{ v12 }}'`) + grantTo(`'{{ v4 }}'`) + laterGrant
	loop := func(n int) string {
		return "- hosts: all\n  tasks:\n    - win_user_right: {name: SeImpersonatePrivilege, users: '{{ item }}', action: add}\n      loop: [" +
			strings.TrimSuffix(strings.Repeat("a, ", n), ", ") + "]\n" + laterGrant
	}
	argv := "- hosts: all\n  tasks:\n    - win_command:\n        argv: [whoami" + strings.Repeat(", x", 2004) + "]\n" + laterGrant
	tests := []struct {
		name, src string
		want      []string // accounts that must be found, ? marking an unresolved one
		line      int      // the line of the one problem, 0 for none
		problem   string
	}{
		{"60 blocks deep", blocks(60), []string{"deep", `CONTOSO\later`}, 0, ""},
		{"100 blocks deep", blocks(100), []string{`CONTOSO\later`}, 67, "nests more than 64 levels"},
		{"variables defined by variables", chain, []string{"?{{ v12 }}", `CONTOSO\v`, `CONTOSO\later`}, 17, "nest more than 8 levels"},
		{"long loop", loop(150), []string{"a", `CONTOSO\later`}, 3, "a loop of 150 items"},
		{"loop over a list the parser cut", loop(2000), []string{"a", `CONTOSO\later`}, 3, "a loop of 2000 items"},
		{"argv the parser cut", argv, []string{`CONTOSO\later`}, 4, "argv list holds 1004 more arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFile("play.yml", source.LangYAML, tt.src)
			as := Extract(f)
			got := map[string]bool{}
			for _, a := range as {
				for _, acc := range a.Accounts {
					if acc.Unresolved {
						got["?"+acc.Text] = true
					} else {
						got[acc.Text] = true
					}
				}
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("account %s not found:\n%s", w, checktest.Render(f, as))
				}
			}
			if tt.line == 0 {
				if len(f.Problems) > 0 {
					t.Errorf("problems:\n%s", checktest.Render(f, nil))
				}
				return
			}
			if len(f.Problems) != 1 {
				t.Fatalf("%d problems, want 1:\n%s", len(f.Problems), checktest.Render(f, nil))
			}
			if p := f.Tok.Position(f.Problems[0].Pos); p.Line != tt.line || !strings.Contains(f.Problems[0].Message, tt.problem) {
				t.Errorf("problem at line %d: %s\nwant line %d: %s", p.Line, f.Problems[0].Message, tt.line, tt.problem)
			}
		})
	}
}

// TestLinear checks that the shapes a playbook legitimately grows in cost work in proportion to its
// size.
func TestLinear(t *testing.T) {
	shapes := map[string]checktest.Shape{
		"many variables": func(n int) (string, []byte) {
			var b strings.Builder
			b.WriteString("- hosts: all\n  vars:\n")
			for i := range n {
				fmt.Fprintf(&b, "    v%d: CONTOSO\\u%d\n", i, i)
			}
			b.WriteString("  tasks:\n")
			for i := range n {
				b.WriteString(grantTo(fmt.Sprintf(`'{{ v%d }}'`, i)))
			}
			return "vars.yml", []byte(b.String())
		},
		"variables defined by variables": func(n int) (string, []byte) {
			var b strings.Builder
			b.WriteString("- hosts: all\n  vars:\n    v0: CONTOSO\\u\n")
			for i := 1; i < n; i++ {
				fmt.Fprintf(&b, "    v%d: '{{ v%d }}x'\n", i, max(i-1-i%7, 0))
			}
			b.WriteString("  tasks:\n")
			for i := range n {
				b.WriteString(grantTo(fmt.Sprintf(`'{{ v%d }}'`, i)))
			}
			return "chain.yml", []byte(b.String())
		},
		"long list": func(n int) (string, []byte) {
			items := make([]string, n)
			for i := range items {
				items[i] = fmt.Sprintf("u%d", i)
			}
			l := "[" + strings.Join(items, ", ") + "]"
			return "list.yml", []byte("- hosts: all\n  vars:\n    l: " + l + "\n  tasks:\n" + grantTo(l) + grantTo(`'{{ l }}'`) + grantTo(`'{{ l | join(",") }}'`))
		},
		"alias fan-out": func(n int) (string, []byte) {
			return "alias.yml", []byte("- hosts: all\n  vars:\n    u: &u [a, b, c, d, e, f, g, h]\n  tasks:\n" + strings.Repeat(grantTo("*u"), n))
		},
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			checktest.Linear(t, 1000, shape, func(name string, content []byte) {
				Extract(newFile(name, source.LangYAML, string(content)))
			})
		})
	}
}

// TestLongLists checks that a users list of more than assign.MaxAccounts accounts, in any form,
// gives the first MaxAccounts and is Truncated, with one problem where the first account past
// those is written, and that the grant after it is still found.
func TestLongLists(t *testing.T) {
	names := make([]string, assign.MaxAccounts+5)
	for i := range names {
		names[i] = fmt.Sprintf("u%d", i)
	}
	flow := "[" + strings.Join(names, ", ") + "]"
	block := "    - win_user_right:\n        name: SeAssignPrimaryTokenPrivilege\n        users:\n" +
		"          - " + strings.Join(names, "\n          - ") + "\n"
	tests := []struct{ name, src string }{
		{"a flow list", "- hosts: all\n  tasks:\n" + grantTo(flow) + laterGrant},
		{"a block list", "- hosts: all\n  tasks:\n" + block + laterGrant},
		{"a string", "- hosts: all\n  tasks:\n" + grantTo("'"+strings.Join(names, ",")+"'") + laterGrant},
		{"a list in a variable", "- hosts: all\n  vars:\n    l: " + flow + "\n  tasks:\n" + grantTo(`'{{ l }}'`) + laterGrant},
		{"a string joined from a variable", "- hosts: all\n  vars:\n    l: " + flow + "\n  tasks:\n" + grantTo(`'{{ l | join(",") }}'`) + laterGrant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFile("play.yml", source.LangYAML, tt.src)
			as := Extract(f)
			var later bool
			for _, a := range as {
				switch {
				case a.Right == "SeImpersonatePrivilege":
					later = len(a.Accounts) == 1 && a.Accounts[0].Text == `CONTOSO\later` && !a.Truncated
				case len(a.Accounts) != assign.MaxAccounts || !a.Truncated || a.Accounts[0].Text != "u0":
					t.Errorf("%d accounts from %s, truncated %v; want %d, truncated", len(a.Accounts), a.Accounts[0].Text, a.Truncated, assign.MaxAccounts)
				}
			}
			if !later {
				t.Error("the later grant is not found")
			}
			at := f.Pos(strings.Index(tt.src, names[assign.MaxAccounts]))
			if tt.name == "a string joined from a variable" {
				at = f.Pos(strings.Index(tt.src, `{{ l | join`)) // the accounts of a string built are where it is used
			}
			if len(f.Problems) != 1 || f.Problems[0].Pos != at || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") {
				t.Errorf("problems:\n%swant one at %s", checktest.Render(f, nil), f.Tok.Position(at))
			}
		})
	}
}

// TestLongListCost checks that the accounts past assign.MaxAccounts cost nothing: the objects
// allocated for a list of a hundred times as many do not grow with it.
func TestLongListCost(t *testing.T) {
	for _, n := range []int{10 * assign.MaxAccounts, 100 * assign.MaxAccounts} {
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("u%d", i%10)
		}
		src := "- hosts: all\n  tasks:\n" + grantTo("["+strings.Join(names, ", ")+"]") + grantTo("'"+strings.Join(names, ",")+"'")
		c := checktest.Measure(func() { Extract(newFile("play.yml", source.LangYAML, src)) })
		if c.Objects > 40*assign.MaxAccounts {
			t.Errorf("two lists of %d accounts: %s, more than %d objects", n, c, 40*assign.MaxAccounts)
		}
	}
}

// TestLongTemplateLine checks that a win_template line of more than MaxAccounts accounts is read up
// to the limit, Truncated (so that the set-drops rule does not judge it) and reported once at src.
func TestLongTemplateLine(t *testing.T) {
	names := make([]string, assign.MaxAccounts+5)
	for i := range names {
		names[i] = fmt.Sprintf("u%d", i)
	}
	tmpl := "[Privilege Rights]\nSeImpersonatePrivilege = " + strings.Join(names, ",") + "\n"
	src := "- hosts: all\n  tasks:\n    - win_template: {src: sec.inf.j2, dest: C:\\s.inf}\n"
	f := newFile("play.yml", source.LangYAML, src)
	f.ReadBeside = func(name string) ([]byte, error) {
		if name != "sec.inf.j2" {
			return nil, os.ErrNotExist
		}
		return []byte(tmpl), nil
	}
	as := Extract(f)
	if len(as) != 1 || len(as[0].Accounts) != assign.MaxAccounts || !as[0].Truncated {
		t.Fatalf("%d assignments: %+v", len(as), as)
	}
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") ||
		f.Tok.Offset(f.Problems[0].Pos) != strings.Index(src, "sec.inf.j2") {
		t.Errorf("problems: %+v", f.Problems)
	}
}

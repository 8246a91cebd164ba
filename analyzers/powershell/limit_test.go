package powershell

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
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

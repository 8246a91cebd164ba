package powershell

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// extractTests are table tests for the extractor: the assignments of src as describe renders them
// (op right@offset [account@offset, ? when unresolved, -[removal span)] via command).
var extractTests = []struct {
	src, want string
}{
	{"Grant-CPrivilege -Identity 'CONTOSO\\svc' -Privilege SeImpersonatePrivilege,SeServiceLogonRight",
		"grant SeImpersonatePrivilege@52 [\"CONTOSO\\\\svc\"@28] via Grant-CPrivilege\ngrant SeServiceLogonRight@75 [\"CONTOSO\\\\svc\"@28] via Grant-CPrivilege"},
	{"Revoke-CPrivilege 'a' SeImpersonatePrivilege",
		"revoke SeImpersonatePrivilege@22 [\"a\"@19] via Revoke-CPrivilege"},
	{"Grant-UserRight -Account 'a', 'b' -Right SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@41 [\"a\"@26-[25,30) \"b\"@31-[28,33)] via Grant-UserRight"},
	{"Grant-UserRight -Account @(\n  'a'\n  'b'\n) -Right SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@49 [\"a\"@31-[30,36) \"b\"@37-[33,39)] via Grant-UserRight"},
	{"$l = 'a', 'b'\nGrant-UserRight -Account $l -Right SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@49 [\"a\"@39 \"b\"@39] via Grant-UserRight"},
	{"Grant-CPrivilege -Identity 'a, b' -Privilege SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@45 [\"a\"@28-[28,31) \"b\"@31-[29,32)] via Grant-CPrivilege"},
	{"Grant-CPrivilege -Identity \"a,$x\" -Privilege SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@45 [\"a,$x\"@28?] via Grant-CPrivilege"},
	{"Clear-WindowsRight SeImpersonatePrivilege",
		"set SeImpersonatePrivilege@19 [] via Clear-WindowsRight"},
	{"UserRightsAssignment X { Policy = 'Impersonate_a_client_after_authentication'; Identity = 'a'; Ensure = 'Absent' }",
		"revoke Impersonate_a_client_after_authentication@35 [\"a\"@91] via UserRightsAssignment"},
	{"UserRightsAssignment X { Policy = 'Impersonate_a_client_after_authentication'; Identity = ''; Force = 'True' }",
		"set Impersonate_a_client_after_authentication@35 [] via UserRightsAssignment scope dsc@-1"},
	{"Carbon_Privilege X { Identity = 'a'; Privilege = 'SeImpersonatePrivilege' }",
		"grant SeImpersonatePrivilege@50 [\"a\"@33] via Carbon_Privilege"},
	{"ntrights -r SeImpersonatePrivilege -u a",
		"revoke SeImpersonatePrivilege@12 [\"a\"@38] via ntrights"},
	{"$u = 'svc'; ntrights +r SeImpersonatePrivilege -u \"CONTOSO\\$u\"",
		"grant SeImpersonatePrivilege@24 [\"CONTOSO\\\\svc\"@51] via ntrights"},
	{"$s = [Security.Principal.SecurityIdentifier]::new('S-1-5-19'); [X]::LsaAddAccountRights($p, $s.Value, 'SeImpersonatePrivilege', 1)",
		"grant SeImpersonatePrivilege@103 [\"S-1-5-19\"@92] via LsaAddAccountRights"},
	{"[X]::LsaRemoveAccountRights($p, 'S-1-5-19', $false, 'SeImpersonatePrivilege', 1)",
		"revoke SeImpersonatePrivilege@53 [\"S-1-5-19\"@33] via LsaRemoveAccountRights"},
	{"$t = @\"\n[Privilege Rights]\nSeImpersonatePrivilege = a,$b\n\"@",
		"set SeImpersonatePrivilege@27 [\"a\"@52-[52,54) \"$b\"@54?-[53,56)] via template scope template@8"},
	{"foreach ($r in 'SeImpersonatePrivilege', 'SeAssignPrimaryTokenPrivilege') { foreach ($a in 'x', 'y') { Grant-CPrivilege $a $r } }",
		"grant SeImpersonatePrivilege@123 [\"x\"@120] via Grant-CPrivilege\ngrant SeImpersonatePrivilege@123 [\"y\"@120] via Grant-CPrivilege\ngrant SeAssignPrimaryTokenPrivilege@123 [\"x\"@120] via Grant-CPrivilege\ngrant SeAssignPrimaryTokenPrivilege@123 [\"y\"@120] via Grant-CPrivilege"},
	{"function f { param($a) Grant-CPrivilege $a SeImpersonatePrivilege }",
		"grant SeImpersonatePrivilege@43 [\"$a\"@40?] via Grant-CPrivilege"},
	{"Add-Foo -Principal p -Reason SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@29 [\"p\"@19] via Add-Foo"},
	{"Add-Foo -Principal p -Reason other",
		""},
	{"Grant-CPrivilege -Identity ([Security.Principal.NTAccount]::new('D', 'u')) -Privilege SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@86 [\"D\\\\u\"@28] via Grant-CPrivilege"},
	{"$n = New-Object System.Security.Principal.NTAccount('D', 'v'); Grant-CPrivilege $n SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@83 [\"D\\\\v\"@80] via Grant-CPrivilege"},
	{"Grant-CPrivilege -Identity ('a' + $x) -Privilege SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@49 [\"a$x\"@28?] via Grant-CPrivilege"},
	{"Grant-CPrivilege -Identity (@('a','b') -join ',') -Privilege SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@61 [\"a\"@28 \"b\"@28] via Grant-CPrivilege"},
	{"iex \"Grant-CPrivilege -Identity $who -Privilege SeImpersonatePrivilege\"",
		"grant SeImpersonatePrivilege@48 [\"$who\"@32?] via Grant-CPrivilege"},
	// A script block held by a variable is still one.
	{"$sb = { Grant-CPrivilege $_ SeImpersonatePrivilege }; 'u1', 'u2' | % $sb",
		"grant SeImpersonatePrivilege@28 [\"$_\"@25?] via Grant-CPrivilege\ngrant SeImpersonatePrivilege@28 [\"u1\"@25] via Grant-CPrivilege\ngrant SeImpersonatePrivilege@28 [\"u2\"@25] via Grant-CPrivilege"},
	// Two variables holding one hashtable see an entry set through either.
	{"$p = @{ Identity = 'a' }; $q = $p; $q.Identity = 'b'; Grant-CPrivilege @p SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@74 [\"b\"@71] via Grant-CPrivilege"},
	// Appending in place to a list or string another variable holds leaves that one as it was.
	{"$l = 'a', 'b'; $l += 'c'; $m = $l; $l += 'd'; $m += 'e'; Grant-UserRight -Account $m -Right SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@92 [\"a\"@82 \"b\"@82 \"c\"@82 \"e\"@82] via Grant-UserRight"},
	{"$s = 'x'; $s += 'y'; $t = $s; $s += 'z'; $t += 'w'; Grant-CPrivilege $t SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@72 [\"xyw\"@69] via Grant-CPrivilege"},
	// $script: sets the file's variable from a function; a function's own assignment does not.
	{"function f { $script:g = 'CONTOSO\\s' }; f; $u = 'loc'; function h { $u = 'in' }; Grant-CPrivilege $g, $u SeImpersonatePrivilege",
		"grant SeImpersonatePrivilege@105 [\"CONTOSO\\\\s\"@98-[98,102) \"loc\"@102-[100,104)] via Grant-CPrivilege"},
}

func TestExtract(t *testing.T) {
	for _, tt := range extractTests {
		f := newFile(tt.src)
		got := describe(f, Extract(f, 0, len(tt.src)))
		if got != tt.want {
			t.Errorf("extract %q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
		if len(f.Problems) > 0 {
			t.Errorf("extract %q: problems %v", tt.src, f.Problems)
		}
	}
}

// TestExtractRange checks that Extract reads only its range and positions what it finds in the
// file.
func TestExtractRange(t *testing.T) {
	src := "x = 1 ; Grant-CPrivilege -Identity a -Privilege SeImpersonatePrivilege ; y"
	f := newFile(src)
	start := strings.Index(src, "Grant")
	end := strings.LastIndex(src, ";")
	got := describe(f, Extract(f, start, end))
	if want := "grant SeImpersonatePrivilege@48 [\"a\"@35] via Grant-CPrivilege"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if as := Extract(f, 5, 2); as != nil {
		t.Errorf("an empty range gave %v", as)
	}
}

// TestNested checks the nesting through cmdline: PowerShell text handed to powershell -Command
// from another language is analyzed with positions in the outer file, and what the outer language
// knew only at run time stays unresolved.
func TestNested(t *testing.T) {
	src := `powershell -NoProfile -Command "Grant-CPrivilege -Identity CONTOSO\svc -Privilege SeImpersonatePrivilege"`
	f := newFile(src)
	f.Lang = source.LangBatch
	as := cmdline.Run(f, cmdline.FromLine(value.Source([]byte(src), 0)))
	if got, want := describe(f, as), "grant SeImpersonatePrivilege@82 [\"CONTOSO\\\\svc\"@59] via Grant-CPrivilege"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}

	// The outer language substituted an unknown value for the account.
	var b value.Builder
	prefix := "Grant-CPrivilege -Identity "
	b.Append(value.Source([]byte(prefix), 0))
	b.Substitute(value.Source([]byte("%SVC%"), len(prefix)), len(prefix), len(prefix)+5, true)
	rest := " -Privilege SeImpersonatePrivilege"
	b.Append(value.Source([]byte(rest), len(prefix)+5))
	text := prefix + "%SVC%" + rest
	g := newFile(text)
	as = cmdline.Nest(g, source.LangPowerShell, b.Done(len(text)), false)
	if len(as) != 1 || len(as[0].Accounts) != 1 || !as[0].Accounts[0].Unresolved {
		t.Errorf("an account the outer language did not know: %s", describe(g, as))
	}
}

func TestExtractProblems(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		// A loop repeats the same invalid invocation: one problem.
		{"foreach ($i in 1, 2, 3) { ntrights +r SeImpersonatePrivilege }", "ntrights invocation has +r SeImpersonatePrivilege but no -u account"},
		// Deep expressions the parser accepts are not descended past the limit.
		{"$x = 1" + strings.Repeat(" + 1", 1000), "expression nested more than 800 levels deep is not analyzed"},
	} {
		f := newFile(tt.src)
		Extract(f, 0, len(tt.src))
		n := 0
		for _, p := range f.Problems {
			if p.Message == tt.want {
				n++
			}
		}
		if n != 1 {
			t.Errorf("extract %.50q: problems %v, want %q once", tt.src, f.Problems, tt.want)
		}
	}
}

// TestUnrollBudget checks that nested loops over literal lists stop being unrolled once the
// budget is spent, with a problem, instead of taking exponential time.
func TestUnrollBudget(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		b.WriteString("foreach ($v" + string(rune('a'+i)) + " in 1,2,3,4,5,6,7,8) { ")
	}
	b.WriteString("Grant-CPrivilege $va SeImpersonatePrivilege")
	b.WriteString(strings.Repeat(" }", 12))
	f := newFile(b.String())
	as := Extract(f, 0, b.Len())
	if len(as) == 0 {
		t.Error("no assignment")
	}
	found := false
	for _, p := range f.Problems {
		found = found || strings.Contains(p.Message, "loop not unrolled")
	}
	if !found {
		t.Errorf("problems %v, want the unrolling to stop", f.Problems)
	}
}

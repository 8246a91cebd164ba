package mof

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/internal/checktest"
)

// TestDeepValue checks that a value nested deeper than the parser reads is reported on its line,
// and that the properties after it, at a shallower level, and the instances after it are read.
func TestDeepValue(t *testing.T) {
	src := "instance of MSFT_UserRightsAssignment as $a\n{\n X = " + strings.Repeat("{\n", 100) + strings.Repeat("}", 100) + ";\n" +
		" Identity = {\"CONTOSO\\\\later\"};\n Policy = \"Impersonate_a_client_after_authentication\";\n};\n" +
		"instance of Carbon_Privilege { Identity = \"CONTOSO\\\\last\"; Privilege = {\"SeImpersonatePrivilege\"}; };\n"
	f := testFile(src)
	got := checktest.Render(f, Extract(f))
	for _, want := range []string{`[CONTOSO\later@104:15]`, `[CONTOSO\last@107:44]`} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s after the deep value:\n%s", want, got)
		}
	}
	// The value past 64 levels is the 65th brace, on line 3+64.
	if want := "problem@67:1: values nest more than 64 levels deep here; what is nested deeper is not analyzed"; !strings.Contains(got, want) || len(f.Problems) != 1 {
		t.Errorf("want one problem %q:\n%s", want, got)
	}
}

// TestRightsTimesAccounts checks that an instance naming one right many times gives one assignment,
// and that the assignments of many rights sharing a long Identity are charged: a file of 300 KB no
// longer holds tens of millions of accounts.
func TestRightsTimesAccounts(t *testing.T) {
	ids := make([]string, 3000)
	for i := range ids {
		ids[i] = fmt.Sprintf("%q", fmt.Sprintf("u%d", i))
	}
	same := "instance of MSFT_UserRightsAssignment { Policy = {" + strings.Repeat(`"Impersonate_a_client_after_authentication", `, 2999) +
		`"Impersonate_a_client_after_authentication"}; Identity = {` + strings.Join(ids, ",") + "}; };\n"
	f := testFile(same)
	if as := Extract(f); len(as) != 1 || len(as[0].Accounts) != 3000 || len(f.Problems) != 0 {
		t.Errorf("%d assignments, problems %v; want one of 3000 accounts", len(as), f.Problems)
	}
	rights := make([]string, 3000)
	for i := range rights {
		rights[i] = fmt.Sprintf("%q", fmt.Sprintf("x%d", i))
	}
	many := "instance of MSFT_UserRightsAssignment { Policy = {" + strings.Join(rights, ",") + "}; Identity = {" + strings.Join(ids, ",") + "}; };\n" +
		"instance of Carbon_Privilege { Identity = \"CONTOSO\\\\later\"; Privilege = {\"SeImpersonatePrivilege\"}; };\n"
	f = testFile(many)
	as := Extract(f)
	if len(as) > 100 || as[len(as)-1].Accounts[0].Text != `CONTOSO\later` {
		t.Errorf("%d assignments, the last %v", len(as), as[len(as)-1])
	}
	if len(f.Problems) != 1 || f.Tok.Position(f.Problems[0].Pos).Line != 1 || !strings.Contains(f.Problems[0].Message, "budget of this file is spent") {
		t.Errorf("want one budget problem on line 1:\n%s", checktest.Render(f, nil))
	}
}

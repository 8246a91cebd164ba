package inf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// longList is a template whose first line lists n accounts and whose second grants CONTOSO\after.
func longList(n int) string {
	var b strings.Builder
	b.WriteString("[Privilege Rights]\nSeImpersonatePrivilege = ")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "u%d", i)
	}
	b.WriteString("\nSeAssignPrimaryTokenPrivilege = CONTOSO\\after\n")
	return b.String()
}

// TestTooManyAccounts: a list past assign.MaxAccounts keeps its first MaxAccounts accounts, is
// Truncated, is reported once at the first account left out, and the line after it is still read.
func TestTooManyAccounts(t *testing.T) {
	text := longList(assign.MaxAccounts + 500)
	f := checktest.NewFile("x.inf", source.LangINF, text)
	as := Extract(f, 0, len(text))
	if len(as) != 2 {
		t.Fatalf("%d assignments, want 2", len(as))
	}
	long, after := as[0], as[1]
	if len(long.Accounts) != assign.MaxAccounts || !long.Truncated {
		t.Errorf("the long list has %d accounts, Truncated %v; want %d, true", len(long.Accounts), long.Truncated, assign.MaxAccounts)
	}
	if last := long.Accounts[len(long.Accounts)-1].Text; last != fmt.Sprint("u", assign.MaxAccounts-1) {
		t.Errorf("the last account kept is %s", last)
	}
	if after.Truncated || len(after.Accounts) != 1 || after.Accounts[0].Text != `CONTOSO\after` {
		t.Errorf("the later line gives %+v", after)
	}
	first := strings.Index(text, fmt.Sprint(",u", assign.MaxAccounts, ",")) + 1 // the first account left out
	if len(f.Problems) != 1 || f.Problems[0].Pos != f.Pos(first) || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") {
		t.Errorf("problems %+v, want one at offset %d (%s)", f.Problems, first, f.Tok.Position(f.Pos(first)))
	}

	exact := longList(assign.MaxAccounts)
	f = checktest.NewFile("x.inf", source.LangINF, exact)
	if as := Extract(f, 0, len(exact)); len(as[0].Accounts) != assign.MaxAccounts || as[0].Truncated || len(f.Problems) != 0 {
		t.Errorf("a list of exactly %d accounts: %d accounts, Truncated %v, problems %+v", assign.MaxAccounts, len(as[0].Accounts), as[0].Truncated, f.Problems)
	}
}

// TestLongListAllocations: the accounts past assign.MaxAccounts cost no allocation, so a list 80
// times longer than the limit allocates about as many objects as one at the limit.
func TestLongListAllocations(t *testing.T) {
	measure := func(n int) checktest.Cost {
		text := longList(n)
		return checktest.Measure(func() {
			f := checktest.NewFile("x.inf", source.LangINF, text)
			Extract(f, 0, len(text))
		})
	}
	short, long := measure(assign.MaxAccounts), measure(80*assign.MaxAccounts)
	if long.Objects > short.Objects+short.Objects/4 {
		t.Errorf("a list of %d accounts allocated %s, one of %d %s", 80*assign.MaxAccounts, long, assign.MaxAccounts, short)
	}
}

func TestPatch(t *testing.T) {
	for _, tt := range []struct {
		pattern, replacement string
		want                 string // checktest.Render of the assignments, "" for none
	}{
		{"SeImpersonatePrivilege = ", "SeImpersonatePrivilege = CONTOSO\\svc,", `grant SeImpersonatePrivilege@1:1 [CONTOSO\svc@1:26]`},
		{"SeImpersonatePrivilege =", "SeImpersonatePrivilege = a, b ,", `grant SeImpersonatePrivilege@1:1 [a@1:26 b@1:29]`},
		{"seimpersonateprivilege = ", "SeImpersonatePrivilege = a,", `grant seimpersonateprivilege@1:1 [a@1:26]`},
		{"SeImpersonatePrivilege = ", "SeImpersonatePrivilege = a", ""},           // replaces the holders' start: not an addition
		{"SeImpersonatePrivilege = *S-1-5-19", "SeImpersonatePrivilege = a,", ""}, // not a line's start
		{"SeImpersonatePrivilege = ", "SeAssignPrimaryTokenPrivilege = a,", ""},   // another right
		{"x", "y", ""},
	} {
		f := checktest.NewFile("x.rb", source.LangRuby, tt.replacement)
		got := Patch(f, value.Source([]byte(tt.pattern), 0), value.Source([]byte(tt.replacement), 0))
		if r := checktest.Render(f, got); (tt.want == "") != (len(got) == 0) || tt.want != "" && !checktest.Matches(r, tt.want) {
			t.Errorf("Patch(%q, %q) =\n%s\nwant\n%s", tt.pattern, tt.replacement, r, tt.want)
		}
	}
}

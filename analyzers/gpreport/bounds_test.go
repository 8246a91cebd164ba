package gpreport

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// deepReport returns a report whose first element nests n elements deep, a grant inside, and a
// grant after them at a shallower level.
func deepReport(n int) string {
	grant := func(acc string) string {
		return "<UserRightsAssignment><Name>SeImpersonatePrivilege</Name><Member><Name>" + acc + "</Name></Member></UserRightsAssignment>"
	}
	return "<rep><GPO>" + strings.Repeat("<a>", n) + grant("deep") + strings.Repeat("</a>", n) + grant(`CONTOSO\later`) + "</GPO></rep>"
}

// TestDeepNesting checks that a report has no depth limit: elements are read as a stream, so a grant
// inside 100,000 nested elements and one after them are both found, with no problem, in work
// linear in the depth.
func TestDeepNesting(t *testing.T) {
	f := testFile(deepReport(100_000))
	got := checktest.Render(f, Extract(f))
	for _, acc := range []string{"[deep@", `[CONTOSO\later@`} {
		if !strings.Contains(got, acc) {
			t.Errorf("no grant to %s:\n%.300s", acc, got)
		}
	}
	if len(f.Problems) > 0 {
		t.Errorf("problems: %v", f.Problems)
	}
	checktest.Linear(t, 10_000, func(n int) (string, []byte) { return "gpreport.xml", []byte(deepReport(n)) },
		func(name string, content []byte) { Extract(checktest.NewFile(name, source.LangXML, string(content))) })
}

// TestManyErrors checks that reading resumes after every syntax error, however many, so the grant
// after them is found, that only the first maxListed are recorded one by one and the rest in one
// problem, and that the work stays linear in the number of errors.
func TestManyErrors(t *testing.T) {
	report := func(n int) string {
		bad := "<UserRightsAssignment><Name>SeImpersonatePrivilege</Name><Member><Name>x</Member>\n"
		return "<GPO>" + strings.Repeat(bad, n) +
			"<UserRightsAssignment><Name>SeImpersonatePrivilege</Name><Member><Name>CONTOSO\\later</Name></Member></UserRightsAssignment></GPO>"
	}
	for _, n := range []int{maxListed, 5000} {
		f := testFile(report(n))
		if got := checktest.Render(f, Extract(f)); !strings.Contains(got, `[CONTOSO\later@`) {
			t.Errorf("%d bad elements: the grant after them is not found:\n%.300s", n, got)
		}
		want := min(n, maxListed)
		if n > maxListed {
			want++
		}
		if len(f.Problems) != want {
			t.Errorf("%d bad elements: %d problems, want %d", n, len(f.Problems), want)
		}
		if n > maxListed && !strings.Contains(f.Problems[len(f.Problems)-1].Message, "4984 more XML errors") {
			t.Errorf("the last problem does not count the rest: %s", f.Problems[len(f.Problems)-1].Message)
		}
	}
	checktest.Linear(t, 2000, func(n int) (string, []byte) { return "gpreport.xml", []byte(report(n)) }, func(_ string, b []byte) {
		f := testFile(string(b))
		Extract(f)
	})
}

// TestManyMembers checks that a right listing more than assign.MaxAccounts members keeps the first
// ones, is Truncated, and reports the first member past them once; the members after it cost no
// accounts.
func TestManyMembers(t *testing.T) {
	member := "<Member><Name>CONTOSO\\m</Name></Member>"
	report := "<GPO><UserRightsAssignment><Name>SeImpersonatePrivilege</Name>" + strings.Repeat(member, assign.MaxAccounts+500) + "</UserRightsAssignment></GPO>"
	f := testFile(report)
	as := Extract(f)
	if len(as) != 1 || len(as[0].Accounts) != assign.MaxAccounts || !as[0].Truncated {
		t.Fatalf("%d assignments, want one of %d accounts, truncated", len(as), assign.MaxAccounts)
	}
	off := strings.Index(report, "<UserRightsAssignment>") + len("<UserRightsAssignment><Name>SeImpersonatePrivilege</Name>") + assign.MaxAccounts*len(member)
	if len(f.Problems) != 1 || f.Tok.Offset(f.Problems[0].Pos) != off || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") {
		t.Errorf("problems %v, want one at %d", f.Problems, off)
	}
}

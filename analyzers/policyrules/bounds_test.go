package policyrules

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// deepRules returns a rule file whose first element nests n elements deep, a line item inside, and
// a line item after them at a shallower level.
func deepRules(n int) string {
	item := func(acc string) string {
		return `<SecurityTemplate Section="Privilege Rights"><LineItem>SeImpersonatePrivilege = ` + acc + `</LineItem></SecurityTemplate>`
	}
	return "<PolicyRules>" + strings.Repeat("<a>", n) + item("deep") + strings.Repeat("</a>", n) + item(`CONTOSO\later`) + "</PolicyRules>"
}

// TestDeepNesting checks that a rule file has no depth limit: elements are read as a stream, so a
// line item inside 100,000 nested elements and one after them are both found, with no problem, in
// work linear in the depth.
func TestDeepNesting(t *testing.T) {
	f := testFile(deepRules(100_000))
	got := checktest.Render(f, Extract(f))
	for _, acc := range []string{"deep@", `CONTOSO\later@`} {
		if !strings.Contains(got, acc) {
			t.Errorf("no grant to %s:\n%.300s", acc, got)
		}
	}
	if len(f.Problems) > 0 {
		t.Errorf("problems: %v", f.Problems)
	}
	checktest.Linear(t, 10_000, func(n int) (string, []byte) { return "x.PolicyRules", []byte(deepRules(n)) },
		func(name string, content []byte) {
			Extract(checktest.NewFile(name, source.LangPolicyRules, string(content)))
		})
}

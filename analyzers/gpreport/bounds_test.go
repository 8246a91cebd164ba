package gpreport

import (
	"strings"
	"testing"

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

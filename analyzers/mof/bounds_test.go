package mof

import (
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

package mof

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
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
// and that the assignments of many rights sharing a long Identity are charged: a file of 30 KB no
// longer holds a million accounts.
func TestRightsTimesAccounts(t *testing.T) {
	ids := make([]string, assign.MaxAccounts)
	for i := range ids {
		ids[i] = fmt.Sprintf("%q", fmt.Sprintf("u%d", i))
	}
	same := "instance of MSFT_UserRightsAssignment { Policy = {" + strings.Repeat(`"Impersonate_a_client_after_authentication", `, len(ids)-1) +
		`"Impersonate_a_client_after_authentication"}; Identity = {` + strings.Join(ids, ",") + "}; };\n"
	f := testFile(same)
	if as := Extract(f); len(as) != 1 || len(as[0].Accounts) != len(ids) || len(f.Problems) != 0 {
		t.Errorf("%d assignments, problems %v; want one of %d accounts", len(as), f.Problems, len(ids))
	}
	rights := make([]string, assign.MaxAccounts)
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

// identityGrant is a UserRightsAssignment instance giving Impersonate to the Identity value v.
func identityGrant(v string) string {
	return "instance of MSFT_UserRightsAssignment as $a\n{\n Policy = \"Impersonate_a_client_after_authentication\";\n Identity = " + v + ";\n};\n"
}

// laterGrant is a grant with a literal account written after the hostile part of a file.
const laterGrant = "instance of Carbon_Privilege { Identity = \"CONTOSO\\\\later\"; Privilege = {\"SeImpersonatePrivilege\"}; };\n"

// names returns n quoted names u0, u1, ... joined with sep, and the offset in the result of name
// number at.
func names(n int, quote, sep string, at int) (string, int) {
	var b strings.Builder
	off := 0
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		if i == at {
			off = b.Len()
		}
		fmt.Fprintf(&b, "%su%d%s", quote, i, quote)
	}
	return b.String(), off
}

// TestTooManyAccounts checks that an Identity of more than assign.MaxAccounts accounts, as an array
// or as one comma-joined string, gives the first MaxAccounts, marked Truncated, with one problem
// at the first account left out, and that the grant after it is found.
func TestTooManyAccounts(t *testing.T) {
	n := assign.MaxAccounts + 500
	array, inArray := names(n, `"`, ",\n", assign.MaxAccounts)
	joined, inJoined := names(n, "", ",", assign.MaxAccounts)
	head := len(identityGrant("")) - len(";\n};\n")
	for _, tt := range []struct {
		name, value string
		first       int // the offset of the first account left out
	}{
		{"array", "{" + array + "}", head + 1 + inArray},
		{"string", `"` + joined + `"`, head + 1 + inJoined},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := testFile(identityGrant(tt.value) + laterGrant)
			as := Extract(f)
			if len(as) != 2 || len(as[0].Accounts) != assign.MaxAccounts || !as[0].Truncated || as[0].Accounts[assign.MaxAccounts-1].Text != fmt.Sprintf("u%d", assign.MaxAccounts-1) {
				t.Fatalf("%d assignments, the first of %d accounts (truncated %v); want %d accounts, truncated, then the later grant",
					len(as), len(as[0].Accounts), as[0].Truncated, assign.MaxAccounts)
			}
			if as[1].Truncated || len(as[1].Accounts) != 1 || as[1].Accounts[0].Text != `CONTOSO\later` {
				t.Errorf("the later grant is not found whole: %+v", as[1])
			}
			if len(f.Problems) != 1 || f.Problems[0].Pos != f.Pos(tt.first) || !strings.Contains(f.Problems[0].Message, "more than 1000 accounts") {
				t.Errorf("want one problem at %s:\n%s", f.Tok.Position(f.Pos(tt.first)), checktest.Render(f, nil))
			}
		})
	}
}

// TestLongArrayBounded checks that the parser keeps assign.MaxAccounts elements of an array and
// notes where the rest start, and that what a parse keeps does not grow with the elements past the
// limit.
func TestLongArrayBounded(t *testing.T) {
	src := func(n int) []byte {
		list, _ := names(n, `"`, ",", 0)
		return []byte(identityGrant("{"+list+"}") + laterGrant)
	}
	small, large := src(20*assign.MaxAccounts), src(80*assign.MaxAccounts)
	insts, _ := Parse(large)
	id := insts[0].Props[1].Value
	more := bytes.Index(large, fmt.Appendf(nil, `,"u%d",`, assign.MaxAccounts)) + 1
	if len(id.Elems) != assign.MaxAccounts || id.More != more || len(insts) != 2 {
		t.Fatalf("%d elements, more at %d; %d instances", len(id.Elems), id.More, len(insts))
	}
	kept := func(src []byte) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		insts, _ := Parse(src)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(insts)
		return after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
	}
	if k1, k4 := kept(small), kept(large); k4 > k1+(1<<20) {
		t.Errorf("a parse of %d bytes keeps %d bytes, of %d bytes %d: the elements past the limit are kept", len(small), k1, len(large), k4)
	}
}

// TestRecoveryLinear checks that reading resumed after bad declarations, over and over, costs work
// in proportion to the file: quotes that never close, or close in the next declaration, re-read
// no more than the declaration they spoil.
func TestRecoveryLinear(t *testing.T) {
	shapes := map[string]checktest.Shape{
		"escaped quotes": func(n int) (string, []byte) {
			return "x.mof", []byte(strings.Repeat("instance of X {\n A = \\\";\n};\n", n) + laterGrant)
		},
		"escaped quotes in one declaration": func(n int) (string, []byte) {
			return "x.mof", []byte("instance of X {\n" + strings.Repeat(" A = \\\";\n", n) + "};\n" + laterGrant)
		},
		"strings into the next declaration": func(n int) (string, []byte) {
			return "x.mof", []byte(strings.Repeat("instance of X {\n A = {\"a};\n};\n", n) + laterGrant)
		},
		"declarations never closed": func(n int) (string, []byte) {
			return "x.mof", []byte(strings.Repeat("instance of X {\n A = {\"a\", \"b\"};\n", n) + laterGrant)
		},
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			checktest.Linear(t, 2000, shape, func(name string, content []byte) {
				f := newFile(name, source.LangMOF, string(content))
				if as := Extract(f); len(as) == 0 || as[len(as)-1].Accounts[0].Text != `CONTOSO\later` {
					t.Fatalf("the later grant is not found")
				}
			})
		})
	}
}

package checktest_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// dup and dupLine assign a right twice: the line after dup is a duplicate (PL2004) whose related
// location is the first assignment, at 2:1.
const (
	dup     = "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"
	dupLine = "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"
)

// TestCheckFails proves the harness fails: a missing finding, an unexpected one, a wrong column, an
// unmatched problem and related locations other than those a want names are each reported.
func TestCheckFails(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // substrings of the mismatches, in order
	}{
		{"pass", "[Privilege Rights]\n; want \"PL1003\"@26\nSeImpersonatePrivilege = *S-1-1-0,*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n", nil},
		{"applies to the next line", "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n; want \"PL1003\"\nX=1\n",
			[]string{"f.inf:4: no match for want"}},
		{"unexpected", "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-1-0,*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n",
			[]string{"2:26: unexpected diagnostic: PL1003"}},
		{"missing", "[Privilege Rights]\n; want \"PL1001\"\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n",
			[]string{"3: no match for want \"PL1001\""}},
		{"wrong column", "[Privilege Rights]\n; want \"PL1003\"@25\nSeImpersonatePrivilege = *S-1-1-0,*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n",
			[]string{"unexpected diagnostic: PL1003", "no match for want \"PL1003\" at column 25"}},
		{"problem", "[Privilege Rights]\n; problem \"nothing like this\"\ngarbage\n",
			[]string{"unexpected problem: expected `Right = accounts`", "no match for problem"}},
		{"dangling", "[Privilege Rights]\n; want \"PL1003\"\n", []string{"applies to no line"}},

		// Related locations: PL2004's is the first assignment, at 2:1.
		{"related", dup + "; want \"PL2004\" related \"first assignment\"@2:1\n" + dupLine, nil},
		{"related on its line", dup + "; want \"PL2004\" related \"^first\"@2\n" + dupLine, nil},
		{"related anywhere", dup + "; want \"PL2004\" related `first`\n" + dupLine, nil},
		{"related not asked for", dup + "; want \"PL2004\"\n" + dupLine, nil},
		{"related on another line", dup + "; want \"PL2004\" related \"first assignment\"@3\n" + dupLine,
			[]string{`4:1: unexpected diagnostic: PL2004: SeImpersonatePrivilege is assigned again (first on line 2); only one of the assignments takes effect (related "first assignment" at 2:1)`,
				`4: no match for want "PL2004" related "first assignment"@3`}},
		{"related at another column", dup + "; want \"PL2004\" related \"first assignment\"@2:2\n" + dupLine,
			[]string{"unexpected diagnostic: PL2004", `no match for want "PL2004" related "first assignment"@2:2`}},
		{"related message differs", dup + "; want \"PL2004\" related \"call of\"@2\n" + dupLine,
			[]string{"unexpected diagnostic: PL2004", `no match for want "PL2004" related "call of"@2`}},
		{"related missing", dup + "; want \"PL2004\" related \"first assignment\"@2 related \"call\"\n" + dupLine,
			[]string{"unexpected diagnostic: PL2004", `no match for want "PL2004" related "first assignment"@2 related "call"`}},
		{"related unexpected", dup + "; want \"PL2004\" related none\n" + dupLine,
			[]string{"unexpected diagnostic: PL2004", `no match for want "PL2004" related none`}},
		{"related none after one", dup + "; want \"PL2004\" related \"first\" related none\n" + dupLine, []string{"related none after a related location"}},
		{"related of a problem", "[Privilege Rights]\n; problem \"x\" related \"y\"\ngarbage\n", []string{"a problem has no related locations"}},
		{"related at line 0", dup + "; want \"PL2004\" related \"first\"@0\n" + dupLine, []string{"bad related position \"@0\""}},
		{"related position not a number", dup + "; want \"PL2004\" related \"first\"@2:x\n" + dupLine, []string{"bad related position \"@2:x\""}},
		{"column with a line", "[Privilege Rights]\n; want \"PL1003\"@2:26\nSeImpersonatePrivilege = *S-1-1-0\n", []string{"bad column \"@2:26\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.inf")
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got := checktest.Check(t, path, privgrant.Analyzer)
			if len(got) != len(tt.want) {
				t.Fatalf("mismatches %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("mismatch %q does not contain %q", got[i], w)
				}
			}
		})
	}
}

// stepsAnalyzer reports a diagnostic at each GRANT of the file, with a related location at every
// STEP(name) of the file, in order, whose message is "call of name".
var stepsAnalyzer = &analysis.Analyzer{
	Name:     "steps",
	Doc:      "steps reports GRANT with its STEPs as related locations (a test of checktest).",
	Requires: []*analysis.Analyzer{source.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		f := pass.ResultOf[source.Analyzer].(*source.File)
		text := string(f.Text)
		var rel []analysis.RelatedInformation
		for _, m := range regexp.MustCompile(`STEP\((\w+)\)`).FindAllStringSubmatchIndex(text, -1) {
			rel = append(rel, analysis.RelatedInformation{Pos: f.Tok.Pos(m[0]), End: f.Tok.Pos(m[1]), Message: "call of " + text[m[2]:m[3]]})
		}
		for _, m := range regexp.MustCompile(`GRANT`).FindAllStringIndex(text, -1) {
			pass.Report(analysis.Diagnostic{Pos: f.Tok.Pos(m[0]), Category: "PL9", Message: "granted", Related: rel})
		}
		return nil, nil
	},
}

// TestRelatedInOrder: related clauses match the related locations in order, and a want names all
// of them or fails.
func TestRelatedInOrder(t *testing.T) {
	const steps = "STEP(outer)\n  STEP(inner)\n"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"in order", steps + "GRANT # want \"PL9\" related \"call of outer\"@1:1 related \"call of inner\"@2:3\n", nil},
		{"out of order", steps + "GRANT # want \"PL9\" related \"inner\" related \"outer\"\n",
			[]string{`unexpected diagnostic: PL9: granted (related "call of outer" at 1:1) (related "call of inner" at 2:3)`, "no match for want"}},
		{"one left out", steps + "GRANT # want \"PL9\" related \"outer\"\n", []string{"unexpected diagnostic", "no match for want"}},
		{"not asked for", steps + "GRANT # want \"PL9\"\n", nil},
		{"two wants on a line", steps + "GRANT GRANT # want \"PL9\" related \"outer\" related \"inner\" \"PL9\" related \"outer\"@1 related \"inner\"@2\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.ps1")
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got := checktest.Check(t, path, stepsAnalyzer)
			if len(got) != len(tt.want) {
				t.Fatalf("mismatches %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("mismatch %q does not contain %q", got[i], w)
				}
			}
		})
	}
}

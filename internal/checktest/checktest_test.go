package checktest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/internal/checktest"
)

// TestCheckFails proves the harness fails: a missing finding, an unexpected one, a wrong column and
// an unmatched problem are each reported.
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

package yamlpos

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// TestAccounts checks that a list gives at most assign.MaxAccounts accounts, and that a longer one
// is Truncated with one problem where the first account past those is written.
func TestAccounts(t *testing.T) {
	const n = assign.MaxAccounts + 5
	block := "k:\n" + strings.Repeat("  - a\n", n)
	withNulls := flowList(n, func(i int) string {
		if i < 10 {
			return "~"
		}
		return plain(i)
	})
	tests := []struct {
		name, text string
		accounts   int
		past       string // the text the problem is at, after "k: "; "" for none
	}{
		{"a flow sequence", "k: " + flowList(n, plain), assign.MaxAccounts, plain(assign.MaxAccounts)},
		{"a block sequence", block, assign.MaxAccounts, "a\n" + strings.Repeat("  - a\n", n-assign.MaxAccounts-1)},
		{"as many as allowed", "k: " + flowList(assign.MaxAccounts, plain), assign.MaxAccounts, ""},
		{"a cut past fewer accounts", "k: " + withNulls, keptItems - 10, plain(keptItems)},
		{"a string", "k: '" + strings.Repeat("a,", n) + "'", assign.MaxAccounts, strings.Repeat("a,", n-assign.MaxAccounts) + "'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sf := checktest.NewFile("x.yml", source.LangYAML, tt.text)
			f, perr := Parse(sf.Text)
			if perr != nil {
				t.Fatal(perr[0].Message)
			}
			accs, truncated := assign.Accounts(sf, f.Value(f.Lookup(f.Docs[0].Content[0], "k")))
			if len(accs) != tt.accounts || truncated != (tt.past != "") {
				t.Errorf("%d accounts, truncated %v; want %d, %v", len(accs), truncated, tt.accounts, tt.past != "")
			}
			if tt.past == "" {
				if len(sf.Problems) != 0 {
					t.Errorf("problems:\n%s", checktest.Render(sf, nil))
				}
				return
			}
			off := strings.LastIndex(tt.text, tt.past)
			if len(sf.Problems) != 1 || sf.Problems[0].Pos != sf.Pos(off) || !strings.Contains(sf.Problems[0].Message, "more than 1000 accounts") {
				t.Errorf("problems:\n%swant one at %s", checktest.Render(sf, nil), sf.Tok.Position(sf.Pos(off)))
			}
		})
	}
}

package chef

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/internal/checktest"
)

// TestDeepNesting checks that code nested too deep to parse is reported where it starts, and that
// what follows it, at a shallower level, is still read.
func TestDeepNesting(t *testing.T) {
	tests := []struct{ name, deep string }{
		{"brackets", "x = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n"},
		{"calls", "x = " + strings.Repeat("f(", 300) + strings.Repeat(")", 300) + "\n"},
		{"if", strings.Repeat("if x\n", 300) + "y\n" + strings.Repeat("end\n", 300)},
		{"while do", strings.Repeat("while x do\n", 300) + "y\n" + strings.Repeat("end\n", 300)},
		{"do blocks", strings.Repeat("foo do |a|\n", 300) + "y\n" + strings.Repeat("end\n", 300)},
		{"brace blocks", strings.Repeat("foo {\n", 300) + "y\n" + strings.Repeat("}\n", 300)},
		{"modifiers", strings.Repeat("if x\n", 300) + "y if z\nw unless v\n" + strings.Repeat("end\n", 300)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "node.run do\n" + tt.deep + laterGrant + "end\n" + strings.Replace(laterGrant, "later", "last", 1)
			f := testFile(src)
			got := checktest.Render(f, Extract(f))
			for _, acc := range []string{`[CONTOSO\later@`, `[CONTOSO\last@`} {
				if !strings.Contains(got, acc) {
					t.Errorf("no grant to %s after the deep part:\n%s", acc, got)
				}
			}
			if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "nests more than 200 levels") {
				t.Fatalf("want one nesting problem:\n%s", got)
			}
			// The problem is where the parser gave up: inside the deep part, past its first lines.
			if line := f.Tok.Position(f.Problems[0].Pos).Line; line < 2 || line > 2+strings.Count(tt.deep, "\n") {
				t.Errorf("nesting problem on line %d, outside the deep part", line)
			}
		})
	}
}

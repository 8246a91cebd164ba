package assign_test

import (
	"fmt"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// TestAccountOf checks that the parts of an account known only at run time read as they are
// written, whatever placeholder the evaluator put in the text, and are marked.
func TestAccountOf(t *testing.T) {
	src := `x #{node['d']}\svc y`
	f := checktest.NewFile("a.rb", source.LangRuby, src)
	var b value.Builder
	b.Append(value.Spread("${node['d']}", 2, 14, true)) // an interpolation the evaluator wrote its own way
	b.Append(value.Source([]byte(src[14:18]), 14))      // \svc
	acc := assign.AccountOf(f, b.Done(18))
	got := fmt.Sprintf("%s %v %v %d-%d", acc.Text, acc.Unresolved, acc.Runtime, int(acc.Pos)-f.Tok.Base(), int(acc.End)-f.Tok.Base())
	if want := `#{node['d']}\svc true [{0 12}] 2-18`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	lit := assign.AccountOf(f, value.Source([]byte("svc"), 15))
	if lit.Text != "svc" || lit.Unresolved || lit.Runtime != nil {
		t.Errorf("a literal account: %+v", lit)
	}
}

package assign_test

import (
	"fmt"
	"strings"
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

// TestAccountOrigin checks that an account written as a reference to a value set elsewhere says
// what it was set from, naming a script's positional arguments.
func TestAccountOrigin(t *testing.T) {
	for _, tt := range []struct{ ref, value, origin string }{
		{"%INSTALL_USER%", "%~2", "set from %~2, the script's second argument"},
		{"$U", "$1", "set from $1, the script's first argument"},
		{"$U", "${9}", "set from ${9}, the script's ninth argument"},
		{"$ALL", "$@", "set from $@, the script's arguments"},
		{"%A%", "%B%", "set from %B%"},
		{"$U", "$U", ""},                     // the reference itself
		{`"$U"`, "$U", ""},                   // quotes dropped
		{"#{node['x']}", "${node['x']}", ""}, // an evaluator's own sigil
	} {
		src := "x " + tt.ref
		f := checktest.NewFile("a.sh", source.LangShell, src)
		acc := assign.AccountOf(f, value.Spread(tt.value, 2, len(src), true))
		if acc.Text != tt.ref || acc.Origin != tt.origin {
			t.Errorf("%s set from %s: text %q, origin %q; want %q, %q", tt.ref, tt.value, acc.Text, acc.Origin, tt.ref, tt.origin)
		}
	}
}

// TestReaderLongStringCost checks that the names of a long string are split off only as far as they
// are taken, each with its removal edit: what the reader allocates does not grow with the string.
func TestReaderLongStringCost(t *testing.T) {
	for _, n := range []int{10 * assign.MaxAccounts, 100 * assign.MaxAccounts} {
		s := strings.Repeat("a,", n)
		f := checktest.NewFile("x.inf", source.LangINF, s)
		v := value.Value{Kind: value.Str, Text: value.Source([]byte(s), 0), Editable: true}
		var accs []assign.Account
		c := checktest.Measure(func() { accs, _ = assign.Accounts(f, v) })
		if len(accs) != assign.MaxAccounts || len(accs[0].Remove) != 1 {
			t.Fatalf("%d names: %d accounts, want %d, each with its removal edit", n, len(accs), assign.MaxAccounts)
		}
		if c.Objects > 16*assign.MaxAccounts || c.Bytes > 2<<20 {
			t.Errorf("%d names: %s, more than %d objects or 2 MiB", n, c, 16*assign.MaxAccounts)
		}
	}
}

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

// TestAccountParam checks that an account is a positional argument of the script when the value it
// was set from is one, not when only the reference written is: a %1 that a call bound to a value
// of its own is the call's.
func TestAccountParam(t *testing.T) {
	for _, tt := range []struct {
		ref, value string
		index      int
	}{
		{"%1", "%1", 1},
		{"%U%", "%~2", 2},
		{"%1", "%USER%", 0},
		{"$1", "$3", 3},
		{"%1", "%~1", 1},
	} {
		src := "x " + tt.ref
		f := checktest.NewFile("a.cmd", source.LangBatch, src)
		acc := assign.AccountOf(f, value.Spread(tt.value, 2, len(src), true))
		got := 0
		if acc.Param != nil {
			got = acc.Param.Index
		}
		if got != tt.index {
			t.Errorf("%s set from %s: argument %d, want %d", tt.ref, tt.value, got, tt.index)
		}
	}
	rb := checktest.NewFile("a.rb", source.LangRuby, "x #{u}")
	if acc := assign.AccountOf(rb, value.Spread("$1", 2, 6, true)); acc.Param != nil {
		t.Errorf("a Ruby value set from the match $1 is a script argument: %+v", acc.Param)
	}
}

// TestFlows checks that the accounts written over a noted reference take its flow, and that a
// reference noted again without one forgets it.
func TestFlows(t *testing.T) {
	src := "ntrights -u %1 -u %2 -u lit"
	f := checktest.NewFile("a.cmd", source.LangBatch, src)
	flow := []assign.Step{{What: "call of :grant"}}
	var fl assign.Flows
	fl.Note(18, 20, flow)
	fl.Note(12, 14, flow)
	fl.Note(18, 20, nil)
	if got := fl.Of(12, 14); len(got) != 1 || fl.Of(18, 20) != nil || fl.Of(24, 27) != nil {
		t.Fatalf("Of: %v %v %v", got, fl.Of(18, 20), fl.Of(24, 27))
	}
	as := []assign.Assignment{{Accounts: []assign.Account{
		{Pos: f.Pos(12), End: f.Pos(14)}, {Pos: f.Pos(18), End: f.Pos(20)}, {Pos: f.Pos(24), End: f.Pos(27)},
	}}}
	fl.Apply(f, as)
	if a := as[0].Accounts; a[0].Flow == nil || a[1].Flow != nil || a[2].Flow != nil {
		t.Errorf("flows applied: %v %v %v", a[0].Flow, a[1].Flow, a[2].Flow)
	}
	roomy := append(make([]assign.Step, 0, 4), flow...)
	if th := assign.Through(roomy, assign.Step{What: "x"}); &th[0] == &roomy[0] {
		t.Errorf("Through shares the caller's array")
	}
}

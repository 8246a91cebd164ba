package powershell

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// describeFlow renders the accounts of src's assignments with their flows, one per line:
// right account@offset (? unresolved) <- step@start-end <- ... (outermost step first), then the
// origin of an unresolved account in parentheses.
func describeFlow(src string) (string, []string) {
	f := newFile(src)
	as := Extract(f, 0, len(src))
	var lines []string
	for _, a := range as {
		for _, acc := range a.Accounts {
			s := fmt.Sprintf("%s %s@%d", a.Right, acc.Text, int(acc.Pos)-f.Tok.Base())
			if acc.Unresolved {
				s += "?"
			}
			for _, st := range acc.Flow {
				s += fmt.Sprintf(" <- %s@%d-%d", st.What, int(st.Pos)-f.Tok.Base(), int(st.End)-f.Tok.Base())
			}
			if acc.Origin != "" {
				s += " (" + acc.Origin + ")"
			}
			lines = append(lines, s)
		}
	}
	var probs []string
	for _, p := range f.Problems {
		probs = append(probs, p.Message)
	}
	return strings.Join(lines, "\n"), probs
}

// flowTests are functions and script blocks called with arguments: each account the call passes
// carries the call as its flow; an account written in the body carries none.
var flowTests = []struct{ name, src, want string }{
	{"named argument",
		"function Grant-Rights { param($Account) Grant-CPrivilege -Identity $Account -Privilege SeImpersonatePrivilege }\nGrant-Rights -Account 'CONTOSO\\svc'",
		"SeImpersonatePrivilege CONTOSO\\svc@67 <- call of Grant-Rights@112-147"},
	{"prefix of a parameter",
		"function g { param($Account, $Other) ntrights +r SeImpersonatePrivilege -u $Account }\ng -Acc 'a'",
		"SeImpersonatePrivilege a@75 <- call of g@86-96"},
	{"positional, in the order declared",
		"function g ($Right, $Who) { Grant-CPrivilege $Who $Right }\ng SeImpersonatePrivilege 'b'",
		"SeImpersonatePrivilege b@45 <- call of g@59-87"},
	{"[Parameter(Position=n)]",
		"function g { param([Parameter(Position=1)]$Who, [Parameter(Position=0)]$Right) Grant-CPrivilege $Who $Right }\ng SeImpersonatePrivilege 'c'",
		"SeImpersonatePrivilege c@96 <- call of g@110-138"},
	{"splatted hashtable",
		"function g { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }\n$p = @{ Who = 'd' }\ng @p",
		"SeImpersonatePrivilege d@42 <- call of g@92-96"},
	{"splatted array",
		"function g { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }\n$p = @('e')\ng @p",
		"SeImpersonatePrivilege e@42 <- call of g@84-88"},
	{"pipeline input",
		"function g { param([Parameter(ValueFromPipeline=$true)]$Who) process { Grant-CPrivilege $Who SeImpersonatePrivilege } }\n'f1', 'f2' | g",
		"SeImpersonatePrivilege f1@88 <- call of g@133-134\nSeImpersonatePrivilege f2@88 <- call of g@133-134"},
	{"filter with $_",
		"filter g { Grant-CPrivilege $_ SeImpersonatePrivilege }\n'h' | g",
		"SeImpersonatePrivilege h@28 <- call of g@62-63"},
	{"default when the call leaves it out",
		"function g { param($Who = 'CONTOSO\\dflt', $R) Grant-CPrivilege $Who $R }\ng -R SeImpersonatePrivilege",
		"SeImpersonatePrivilege CONTOSO\\dflt@63"},
	{"written in the body: no flow",
		"function g { param($R) Grant-CPrivilege 'CONTOSO\\lit' $R }\ng SeImpersonatePrivilege",
		"SeImpersonatePrivilege CONTOSO\\lit@41"},
	{"built from the parameter",
		"function g { param($U) $a = \"CONTOSO\\$U\"; ntrights +r SeImpersonatePrivilege -u $a }\ng 'bob'",
		"SeImpersonatePrivilege CONTOSO\\bob@80 <- call of g@85-92"},
	{"interpolated into a program's argument",
		"function g { param($U) ntrights +r SeImpersonatePrivilege -u \"CONTOSO\\$U\" }\ng 'amy'",
		"SeImpersonatePrivilege CONTOSO\\amy@62 <- call of g@76-83"},
	{"nested calls: outermost first",
		"function inner { param($A) Grant-CPrivilege $A SeImpersonatePrivilege }\nfunction outer { param($B) inner -A $B }\nouter 'n'",
		"SeImpersonatePrivilege n@44 <- call of outer@113-122 <- call of inner@99-110"},
	{"unknown argument says where it comes from",
		"function g { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }\ng $env:SVC",
		"SeImpersonatePrivilege $Who@42? <- call of g@72-82 (set from $env:SVC, parameter of g)"},
	{"two calls, two accounts",
		"function g { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }\ng 'x1'\ng 'x2'",
		"SeImpersonatePrivilege x1@42 <- call of g@72-78\nSeImpersonatePrivilege x2@42 <- call of g@79-85"},
	{"script block in a variable",
		"$sb = { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }\n& $sb 'sb1'",
		"SeImpersonatePrivilege sb1@37 <- call of a script block@67-78"},
	{"script block in a variable also used otherwise: walked where written too",
		"$sb = { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }\n& $sb 'sb1'\n$sb.Invoke()",
		"SeImpersonatePrivilege $Who@37? (parameter of a script block)\nSeImpersonatePrivilege sb1@37 <- call of a script block@67-78"},
	{"script block in a variable never called",
		"$sb = { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }",
		"SeImpersonatePrivilege $Who@37? (parameter of a script block)"},
	{"script block called in place",
		"& { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege } 'sb2'",
		"SeImpersonatePrivilege sb2@33 <- call of a script block@0-68"},
	{"function never called: unknown parameters",
		"function g { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }",
		"SeImpersonatePrivilege $Who@42? (parameter of g)"},
	{"a call in a loop over nothing: walked unbound at the end",
		"function g { param($Who) Grant-CPrivilege $Who SeImpersonatePrivilege }\nforeach ($x in @()) { g $x }",
		"SeImpersonatePrivilege $Who@42? (parameter of g)"},
	{"calls never reached: the caller is walked first",
		"function inner { param($A) Grant-CPrivilege $A SeImpersonatePrivilege }\nfunction outer { inner 'CONTOSO\\reach' }\nforeach ($i in @()) { outer }",
		"SeImpersonatePrivilege CONTOSO\\reach@44 <- call of inner@89-110"},
	{"called only by a function never called",
		"function inner { param($A) Grant-CPrivilege $A SeImpersonatePrivilege }\nfunction outer { param($B) inner $B }",
		"SeImpersonatePrivilege $A@44? <- call of inner@99-107 (set from $B, parameter of outer)"},
	{"-f template filled from a parameter",
		"function g { param($U) $t = @'\n[Privilege Rights]\nSeImpersonatePrivilege = {0}\n'@ -f $U }\ng 'tpl'",
		"SeImpersonatePrivilege tpl@75 <- call of g@90-97"},
	{"here-string template with a parameter",
		"function g { param($U) $t = @\"\n[Privilege Rights]\nSeImpersonatePrivilege = $U\n\"@ }\ng 'here'",
		"SeImpersonatePrivilege here@75 <- call of g@83-91"},
	{"a table passed to a function",
		"function g { param($Map) foreach ($k in $Map.Keys) { ntrights +r $k -u $Map[$k] } }\ng @{ SeImpersonatePrivilege = 'tb' }",
		"SeImpersonatePrivilege tb@71 <- call of g@84-120"},
	{"a template edit in a function",
		"function g { param($U) $t = $t.Replace('SeImpersonatePrivilege = ', \"SeImpersonatePrivilege = $U,\") }\ng 'ed'",
		"SeImpersonatePrivilege ed@69 <- call of g@102-108"},
	{"a splatted table built in the body: the literal entry has no flow",
		"function g { param($Who) $p = @{ Identity = $Who; Privilege = 'SeImpersonatePrivilege' }; Grant-CPrivilege @p; $q = @{ Identity = 'CONTOSO\\lit'; Privilege = 'SeAssignPrimaryTokenPrivilege' }; $q.Privilege = 'SeImpersonatePrivilege'; Grant-CPrivilege @q }\ng 'tw'",
		"SeImpersonatePrivilege tw@107 <- call of g@255-261\nSeImpersonatePrivilege CONTOSO\\lit@250"},
	{"a list with a literal and a passed account",
		"function g { param($Who) $l = 'CONTOSO\\lit2', $Who; Grant-UserRight -Account $l -Right SeImpersonatePrivilege }\ng 'lw'",
		"SeImpersonatePrivilege CONTOSO\\lit2@77\nSeImpersonatePrivilege lw@77 <- call of g@112-118"},
	{"an entry set from a parameter",
		"function g { param($Who) $p = @{ Privilege = 'SeImpersonatePrivilege' }; $p.Identity = $Who; Grant-CPrivilege @p }\ng 'es'",
		"SeImpersonatePrivilege es@110 <- call of g@115-121"},
	{"a template in a function called twice from another",
		"function inner { param($U) $t = @\"\n[Privilege Rights]\nSeImpersonatePrivilege = $U\n\"@ }\nfunction outer { param($V) inner $V }\nouter 'o1'\nouter 'o2'",
		"SeImpersonatePrivilege o1@79 <- call of outer@125-135 <- call of inner@114-122\nSeImpersonatePrivilege o2@79 <- call of outer@136-146 <- call of inner@114-122"},
	{"Invoke-DscResource in a function",
		"function g { param($U) Invoke-DscResource -Name UserRightsAssignment -Method Set -Property @{ Policy = 'Impersonate_a_client_after_authentication'; Identity = $U } }\ng 'dsc'",
		"Impersonate_a_client_after_authentication dsc@159 <- call of g@166-173"},
	{"$PSBoundParameters handed on",
		"function Grant-Wrapped { param($Identity, $Privilege) Grant-CPrivilege @PSBoundParameters }\nGrant-Wrapped -Identity 'pb' -Privilege SeImpersonatePrivilege",
		"SeImpersonatePrivilege pb@71 <- call of Grant-Wrapped@92-154"},
	{"$args handed on",
		"function g { Grant-CPrivilege $args[0] $args[1] }\ng 'ar' SeImpersonatePrivilege",
		"SeImpersonatePrivilege ar@30 <- call of g@50-79"},
	{"Invoke-Command with a literal block",
		"Invoke-Command -ComputerName srv -ScriptBlock { param($U, $R) ntrights +r $R -u $U } -ArgumentList 'ic', 'SeImpersonatePrivilege'",
		"SeImpersonatePrivilege ic@80 <- call of a script block@0-129"},
	{"Start-Job with a block in a variable",
		"$job = { param($U) Grant-CPrivilege $U SeImpersonatePrivilege }\nStart-Job -ScriptBlock $job -ArgumentList 'sj'",
		"SeImpersonatePrivilege sj@36 <- call of a script block@64-110"},
	{"Invoke-Command with a block and no arguments: walked where written",
		"Invoke-Command -ScriptBlock { param($U) Grant-CPrivilege $U SeImpersonatePrivilege }",
		"SeImpersonatePrivilege $U@57? (parameter of a script block)"},
	{"a list parameter piped to ForEach-Object",
		"function g { param([string[]]$Accounts) $Accounts | % { ntrights +r SeImpersonatePrivilege -u $_ } }\ng -Accounts 'pa', 'pb'",
		"SeImpersonatePrivilege pa@94 <- call of g@101-123\nSeImpersonatePrivilege pb@94 <- call of g@101-123"},
	{"a call whose output is printed",
		"function g { param($U) Add-Content x.inf \"SeImpersonatePrivilege = $U\" }\nWrite-Host (g 'wh')",
		"SeImpersonatePrivilege wh@42 <- call of g@85-91"},
	{"Start-Process ntrights",
		"function g { param($U) Start-Process ntrights -ArgumentList '+r', 'SeImpersonatePrivilege', '-u', $U }\ng 'sp'",
		"SeImpersonatePrivilege sp@98 <- call of g@103-109"},
}

func TestCallFlow(t *testing.T) {
	for _, tt := range flowTests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := describeFlow(tt.src)
			if got != tt.want {
				t.Errorf("%s:\n got %s\nwant %s", tt.src, got, tt.want)
			}
			if len(probs) > 0 {
				t.Errorf("problems %v", probs)
			}
		})
	}
}

// bigBody is a function body of about 2 KB: what each call of it walks again.
var bigBody = "param($a)\n" + lines(40, "$x = \"prefix $a suffix\"; Write-Verbose $x") + grantWith("$a")

// callShapes are files whose calls must cost in proportion to their size.
var callShapes = map[string]checktest.Shape{
	// n calls of one 2 KB function: each call walks the body again, charged to the budget.
	"many calls of one function": func(n int) (string, []byte) {
		return "x.ps1", []byte("function g {\n" + bigBody + "}\n" + lines(n, "g 'CONTOSO\\x'"))
	},
	// n calls passing one list of 1,000 accounts: each copies it, charged to the budget.
	"many calls passing a long list": func(n int) (string, []byte) {
		return "x.ps1", []byte("function g {\nparam($l)\n" + grantWith("$l") + "}\n$big = @(" + names(1000, "'", ",") + ")\n" + lines(n, "g $big"))
	},
	// n functions in a cycle, called only from a loop over nothing: each is walked at the end of
	// the file, once.
	"a cycle of functions never reached": func(n int) (string, []byte) {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "function c%d { param($a) c%d $a; %s}\n", i, (i+1)%n, grantWith("$a"))
		}
		b.WriteString("foreach ($i in @()) { c0 'x' }\n")
		return "x.ps1", []byte(b.String())
	},
	// n functions, each calling the next twice: the depth limit and the budget bound the walks.
	"a chain of functions calling the next twice": func(n int) (string, []byte) {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "function f%d { param($a) f%d $a; f%d \"$a-\" }\n", i, i+1, i+1)
		}
		fmt.Fprintf(&b, "function f%d { param($a) %s}\nf0 'x'\n", n, grantWith("$a"))
		return "x.ps1", []byte(b.String())
	},
}

// TestCallsLinear checks that following calls costs in proportion to the file.
func TestCallsLinear(t *testing.T) {
	for name, shape := range callShapes {
		t.Run(name, func(t *testing.T) {
			checktest.Linear(t, 500, shape, func(name string, content []byte) {
				f := newNamedFile(name, source.LangPowerShell, string(content))
				if as := Extract(f, 0, len(content)); len(as) == 0 {
					t.Fatalf("no assignment; problems %v", f.Problems)
				}
			})
		})
	}
}

// TestCallsBounded runs call graphs that would take exponential time if every call were followed:
// each stays within the allocation bound, finds the grant, and says once which limit it reached.
func TestCallsBounded(t *testing.T) {
	for _, tt := range callGraphTests() {
		t.Run(tt.name, func(t *testing.T) {
			f := newFile(tt.src + literalGrant)
			var as []assign.Assignment
			checktest.Bounded(t, len(tt.src), func() { as = Extract(f, 0, len(tt.src)+len(literalGrant)) })
			if _, n := account(as, tt.account); n == 0 {
				t.Errorf("no account %s:\n%s", tt.account, describe(f, as))
			}
			if _, n := account(as, `CONTOSO\evil`); n != 1 {
				t.Errorf("the literal grant after the calls: %d accounts", n)
			}
			n := 0
			for _, p := range f.Problems {
				if strings.Contains(p.Message, tt.problem) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("problems %v, want %q once", f.Problems, tt.problem)
			}
		})
	}
}

// callGraphTest is a call graph that would take exponential time if every call were followed.
type callGraphTest struct {
	name, src string
	account   string // an account of the grant found
	problem   string // the problem reported once
}

// callGraphTests are the call graphs TestCallsBounded runs and FuzzExtract is seeded with.
func callGraphTests() []callGraphTest {
	return []callGraphTest{
		{"recursion",
			"function f { param($a) f $a; f \"x$a\"; " + grantWith("$a") + "}\nf 'CONTOSO\\r'\n",
			`CONTOSO\r`, "calls nested more than 8 deep"},
		{"mutual recursion",
			"function f { param($a) g $a; g $a }\nfunction g { param($b) f $b; f $b; " + grantWith("$b") + "}\nf 'CONTOSO\\m'\n",
			`CONTOSO\m`, "calls nested more than 8 deep"},
		{"deep chain", func() string {
			var b strings.Builder
			for i := range 100 {
				fmt.Fprintf(&b, "function f%d { param($a) f%d -a $a }\n", i, i+1)
			}
			b.WriteString("function f100 { param($a) " + grantWith("$a") + "}\nf0 'CONTOSO\\deep'\n")
			return b.String()
		}(), "$a", "calls nested more than 8 deep"},
		{"fan-out within the depth limit", func() string {
			var b strings.Builder
			body := strings.Repeat("$y = 'filler filler filler filler'; ", 60)
			for i := range 7 { // f0 to f7: 8 calls deep, within the limit; 4^7 paths
				fmt.Fprintf(&b, "function f%d { param($a) %s f%d $a; f%d $a; f%d $a; f%d $a }\n", i, body, i+1, i+1, i+1, i+1)
			}
			b.WriteString("function f7 { param($a) " + grantWith("$a") + "}\nf0 'CONTOSO\\fan'\n")
			return b.String()
		}(), `CONTOSO\fan`, "evaluation budget of this file is spent"},
	}
}

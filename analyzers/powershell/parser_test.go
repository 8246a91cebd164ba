package powershell

import (
	"fmt"
	"strings"
	"testing"
)

// parseTests are table tests for the parser: the syntax tree of src as an S-expression (see
// dump_test.go).
var parseTests = []struct {
	src, want string
}{
	{"Grant-CPrivilege -Identity 'CONTOSO\\svc' -Privilege SeImpersonatePrivilege,SeServiceLogonRight",
		"{(cmd Grant-CPrivilege -Identity sq\"CONTOSO\\\\svc\" -Privilege (array SeImpersonatePrivilege SeServiceLogonRight))}"},
	{"Grant-CPrivilege -Identity:$a -Privilege: 'x', 'y' -Force",
		"{(cmd Grant-CPrivilege -Identity:$a -Privilege:(array sq\"x\" sq\"y\") -Force)}"},
	{"& 'C:\\tools\\ntrights.exe' +r X `\n  -u bob; . .\\lib.ps1",
		"{(cmd & sq\"C:\\\\tools\\\\ntrights.exe\" +r X -u bob); (cmd . .\\lib.ps1)}"},
	{"$a = 'x'; $b += \"$a\\y\"; [string]$c = $a",
		"{(= $a sq\"x\"); (+= $b dq\"\\\\y\"[$a]); (= ([string] $c) $a)}"},
	{"$x = Get-Item C:\\ | Select-Object -First 1",
		"{(= $x (cmd Get-Item C:\\) | (cmd Select-Object -First 1))}"},
	{"foreach ($u in 'a','b') { Grant-UserRight $u X }",
		"{(foreach $u in (array sq\"a\" sq\"b\") {(cmd Grant-UserRight $u X)})}"},
	{"'a','b' | ForEach-Object { $_ } | % { $PSItem }",
		"{(array sq\"a\" sq\"b\") | (cmd ForEach-Object (sb {$_})) | (cmd % (sb {$PSItem}))}"},
	{"Configuration C\n{\n  Node localhost\n  {\n    UserRightsAssignment X\n    {\n      Policy = 'P'\n      Identity = @('a', 'b')\n      Force = $true\n    }\n  }\n}",
		"{(cmd Configuration C (sb {(cmd Node localhost (sb {(cmd UserRightsAssignment X (dsc Policy=sq\"P\" Identity=(arr {(array sq\"a\" sq\"b\")}) Force=$true))}))}))}"},
	{"$p = @{ Identity = 'x'; Privilege = 'y'\n Other = @{ k = 1 } }; Grant-CPrivilege @p",
		"{(= $p (hash Identity=sq\"x\" Privilege=sq\"y\" Other=(hash k=1))); (cmd Grant-CPrivilege @p)}"},
	{"'{0}\\{1}' -f $env:USERDOMAIN, 'svc'",
		"{(-f sq\"{0}\\\\{1}\" (array $env:USERDOMAIN sq\"svc\"))}"},
	{"$a + 'b' * 2 -join ',' -eq 'c' -and -not $d",
		"{(-and (-eq (-join (+ $a (* sq\"b\" 2)) sq\",\") sq\"c\") (-not $d))}"},
	{"1..3 -contains 2",
		"{(-contains (.. 1 3) 2)}"},
	{"[CmdletBinding()]\nparam([Parameter(Mandatory)][ValidateSet('A','B')][string]$Account = 'x', $Right)",
		"{param $Account=sq\"x\"; param $Right;[CmdletBinding()]}"},
	{"function Foo($a, $b = 2) { if ($a -eq 1) { return } elseif ($a) { x } else { y } }",
		"{(function Foo $a $b {(if (-eq $a 1) {(return)} $a {(cmd x)} else {(cmd y)})})}"},
	{"function Bar { param([string]$n) begin { } process { $n } }",
		"{(function Bar $n {param $n;(blocks {}); (blocks {$n})})}"},
	{"[Lsa]::LsaAddAccountRights($h, $sid, 'SeImpersonatePrivilege', 1)",
		"{(call (:: [Lsa] LsaAddAccountRights) $h $sid sq\"SeImpersonatePrivilege\" 1)}"},
	{"$x.Foo.Bar($a, 'b')[0].Baz",
		"{(. (index (call (. (. $x Foo) Bar) $a sq\"b\") 0) Baz)}"},
	{"[System.Security.Principal.NTAccount]'BUILTIN\\Users'",
		"{([System.Security.Principal.NTAccount] sq\"BUILTIN\\\\Users\")}"},
	{"echo $env:windir\\system32 \"a\"b -x:$true $y.Name",
		"{(cmd echo (concat $env:windir \\system32) (concat dq\"a\" b) -x:$true (. $y Name))}"},
	{"switch -regex ($x) { 'a' { 1 } default { 2 } }",
		"{(switch $x sq\"a\" {1} default {2})}"},
	{"try { x } catch [System.Exception], [IO.IOException] { y } finally { z }",
		"{(blocks {(cmd x)} {(cmd y)} {(cmd z)})}"},
	{"class Foo : Base { [string]$x = 'a'; [void] M() { Grant-X -Identity a } }",
		"{(class Foo {(cmd Grant-X -Identity a)})}"},
	{"while ($true) { break }; do { continue } until ($false); for ($i = 0; $i -lt 3; $i++) { }",
		"{(while $true {(break)}); (do $false {(continue)}); (for (= $i 0); (-lt $i 3); (++ $i) {})}"},
	{"a && b || c; d &",
		"{(cmd a); (cmd b); (cmd c); (cmd d)}"},
	{"Get-X > out.txt 2>&1; $y = $(Get-Y) ; $z = @(1; 2)",
		"{(cmd Get-X); (= $y (sub {(cmd Get-Y)})); (= $z (arr {1; 2}))}"},
	{":outer foreach ($a in $b) { continue outer }",
		"{(foreach $a in $b {(continue outer)})}"},
	{"icacls --% /grant Everyone:(F)",
		"{(cmd icacls StopParsing\"/grant Everyone:(F)\")}"},
	{"& { param($a) $a } 'x'",
		"{(cmd & (sb {param $a;$a}) sq\"x\")}"},
	{"Invoke-Command -ScriptBlock { Grant-X } -ArgumentList 1, 2",
		"{(cmd Invoke-Command -ScriptBlock (sb {(cmd Grant-X)}) -ArgumentList (array 1 2))}"},
	{"$h['k'] = 1; $h.k2 = 2; $a, $b = 1, 2",
		"{(= (index $h sq\"k\") 1); (= (. $h k2) 2); (= (array $a $b) (array 1 2))}"},
	{"powershell -Command \"& { Grant-X }\"",
		"{(cmd powershell -Command dq\"& { Grant-X }\")}"},
	{"(Get-Item x).Name",
		"{(. (paren {(cmd Get-Item x)}) Name)}"},
	{"data { 'a' }",
		"{(blocks {sq\"a\"})}"},
	{"using namespace System.Text\nx",
		"{(cmd x)}"},
	{"$a = if ($b) { 1 } else { 2 }",
		"{(= $a (if $b {1} else {2}))}"},
	{"return ,$x",
		"{(return (array $x))}"},
	{"-not $x",
		"{(-not $x)}"},

	// param with its parenthesis on a later line, at script level, in a function and a script
	// block, and a function's parameter list on the line after its name.
	{"param\n(\n  $a = 'x'\n)\nGrant-X $a",
		"{param $a=sq\"x\";(cmd Grant-X $a)}"},
	{"function F\n(\n  $a\n)\n{\n  param\n  ($b)\n}",
		"{(function F $a $b {param $b;})}"},
	{"& {\n  param # the block's parameters\n  ($c)\n  $c\n}",
		"{(cmd & (sb {param $c;$c}))}"},
	{"param\n\nGrant-X a",
		"{(cmd Grant-X a)}"},

	// Member access on a type literal, in parentheses, arguments and a foreach header.
	{"([int].FullName)",
		"{(paren {(. [int] FullName)})}"},
	{"foreach ($m in [int].GetMethods()) { $m }",
		"{(foreach $m in (call (. [int] GetMethods)) {$m})}"},
	{"Write-Output ([int]::MaxValue) ([int].Name)",
		"{(cmd Write-Output (paren {(:: [int] MaxValue)}) (paren {(. [int] Name)}))}"},

	// Casts of a script block and of unary expressions.
	{"([System.Action]{ 1 }).Invoke()",
		"{(call (. (paren {([System.Action] (sb {1}))}) Invoke))}"},
	{"[int]-1; [bool]!$x",
		"{([int] (- 1)); ([bool] (! $x))}"},

	// Member names that are expressions, and a member name after white space in an expression.
	{"$h.$($n); $h.$name; $h.\"quoted name\"; $h.1; $h.('a' + 'b'); [X]::M($p. Name)",
		"{(. $h (sub {$n})); (. $h $name); (. $h dq\"quoted name\"); (. $h 1); (. $h (paren {(+ sq\"a\" sq\"b\")})); (call (:: [X] M) (. $p Name))}"},

	// PowerShell 7: ternary (an If), ?? between comparison and addition, ??=, ?. and ?[, and
	// pipeline chains where one statement is expected (a Try of the pipelines).
	{"$v = $a ? 'x' : 'y'",
		"{(= $v (if $a {sq\"x\"} else {sq\"y\"}))}"},
	{"$a ? $b ? 1 : 2 :\n  3",
		"{(if $a {(if $b {1} else {2})} else {3})}"},
	{"$a -eq $b ?? $c + 1",
		"{(-eq $a (?? $b (+ $c 1)))}"},
	{"$x ??= 1; ${a}?.b; ${a}?[0]; $a?.b",
		"{(??= $x 1); (. $a b); (index $a 0); (. $a? b)}"},
	{"(a && b); $x = c || d",
		"{(paren {(blocks {(cmd a)} {(cmd b)})}); (= $x (blocks {(cmd c)} {(cmd d)}))}"},
	{"if (a && b) { }; @{ k = c ||\n d }",
		"{(if (blocks {(cmd a)} {(cmd b)}) {}); (hash k=(blocks {(cmd c)} {(cmd d)}))}"},

	// A postfix ++ after white space, a lone . as an argument, a label on a line of its own.
	{"$i ++; Get-ChildItem . | Out-Null",
		"{(++ $i); (cmd Get-ChildItem .) | (cmd Out-Null)}"},
	{":outer\nforeach ($a in $b) { continue outer }",
		"{(foreach $a in $b {(continue outer)})}"},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		b, problems := parse([]byte(tt.src), 0, len(tt.src))
		if len(problems) > 0 {
			t.Errorf("parse %q: problems %v", tt.src, problems)
		}
		if got := dump(b); got != tt.want {
			t.Errorf("parse %q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
		checkSpans(t, tt.src, b)
	}
}

// checkSpans checks that every node of the tree spans text inside src.
func checkSpans(t testing.TB, src string, root Node) {
	t.Helper()
	inspect(root, func(n Node) bool {
		s, e := n.Span()
		if s < 0 || e < s || e > len(src) {
			t.Errorf("%T spans [%d, %d) in a text of %d bytes: %q", n, s, e, len(src), src)
		}
		return true
	})
}

func TestParseSpans(t *testing.T) {
	src := "Grant-CPrivilege -Identity 'a' -Privilege X\n$v = @{ K = 'v' }"
	b, _ := parse([]byte(src), 0, len(src))
	cmd := b.Stmts[0].(*Pipeline).Elems[0].(*Command)
	for _, want := range []string{"'a'", "-Privilege", "X"} {
		found := false
		for _, e := range cmd.Elems {
			s, end := e.Span()
			found = found || src[s:end] == want
		}
		if !found {
			t.Errorf("no element spans %q", want)
		}
	}
	if s, e := cmd.Span(); src[s:e] != "Grant-CPrivilege -Identity 'a' -Privilege X" {
		t.Errorf("command spans %q", src[s:e])
	}
	as := b.Stmts[1].(*Assign)
	if s, e := as.Value.Span(); src[s:e] != "@{ K = 'v' }" {
		t.Errorf("hashtable spans %q", src[s:e])
	}
}

// TestParamLayouts checks that a param block means the same whether its parenthesis follows param
// on the same line or a later one: the parameters, not an assignment to a variable.
func TestParamLayouts(t *testing.T) {
	body := "(\n  [string] $Account = 'CONTOSO\\svc'\n)\nGrant-CPrivilege -Identity $Account -Privilege SeImpersonatePrivilege"
	var trees, grants []string
	for _, sep := range []string{"", " ", "\n", "\r\n", " # comment\n\n"} {
		src := "[CmdletBinding()]\nparam" + sep + body
		b, problems := parse([]byte(src), 0, len(src))
		if len(problems) > 0 {
			t.Errorf("parse %q: problems %v", src, problems)
		}
		trees = append(trees, dump(b))
		f := newFile(src)
		as := Extract(f, 0, len(src))
		if len(as) != 1 || len(as[0].Accounts) != 1 || as[0].Accounts[0].Text != `CONTOSO\svc` || as[0].Accounts[0].Param == nil {
			t.Errorf("extract %q: %s, want one grant to $Account's default, the script's parameter", src, describe(f, as))
		} else {
			grants = append(grants, as[0].Accounts[0].Text)
		}
	}
	for i := range trees {
		if trees[i] != trees[0] {
			t.Errorf("layout %d parses as %s, layout 0 as %s", i, trees[i], trees[0])
		}
	}
	for i := range grants {
		if grants[i] != grants[0] {
			t.Errorf("layout %d grants to %q, layout 0 to %q", i, grants[i], grants[0])
		}
	}
}

// recoveryTests are statements the parser cannot read, or reads only in part; each is followed by
// a grant on the next line, which must be found.
var recoveryTests = []string{
	") } ] ,, ?? :: = ;",
	"$x = (1 + ]]",
	"$h.( ; @{ = } [int]::",
	"$a ? : ; $b ?? ; -Name x",
	"$y = $a ?",
	"$y = $a ? 1",
	"foreach ($m in [int]. {\n}",
	"function\n{ }",
	"a &&",
	"@{ a = 1 b c d }",
	"[System.Action]{ ) }",
	"$h.$(]) .. ?. ?[ ::: ]",
	"param",
	"((( 1",
}

// TestParseRecovery checks that a statement the parser cannot read never hides a grant written
// after it: parsing goes on at the next statement.
func TestParseRecovery(t *testing.T) {
	const grant = "Grant-CPrivilege -Identity 'CONTOSO\\after' -Privilege SeImpersonatePrivilege"
	for _, bad := range recoveryTests {
		src := bad + "\n" + grant
		f := newFile(src)
		got := describe(f, Extract(f, 0, len(src)))
		want := fmt.Sprintf("grant SeImpersonatePrivilege@%d [\"CONTOSO\\\\after\"@%d] via Grant-CPrivilege",
			len(bad)+1+strings.Index(grant, "SeImp"), len(bad)+1+strings.Index(grant, "'")+1)
		if got != want {
			t.Errorf("after %q:\n got %s\nwant %s", bad, got, want)
		}
	}
}

// TestTernaryWithoutElse checks that a ? with no : is reported once and tried once: the statement
// read after it starts inside it, and trying every ? again from there made this quadratic.
func TestTernaryWithoutElse(t *testing.T) {
	for _, unit := range []string{"$a ? ", "$a ?\n"} {
		const n = 50000
		src := strings.Repeat(unit, n)
		_, problems := parse([]byte(src), 0, len(src))
		seen := map[int]bool{}
		for _, p := range problems {
			if p.Message == "ternary expression has no : and second branch" {
				seen[p.Offset] = true
			}
		}
		if len(seen) != n {
			t.Errorf("%q x %d: %d ? reported, want %d", unit, n, len(seen), n)
		}
	}
}

func TestParseProblems(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"if ($a) { x", "unterminated block: close it with }"},
		{"$x = (1 + 2", "unterminated parenthesis"},
		{"$h = @{ a = 1", "unterminated hashtable"},
		{"$a = @(1, 2", "unterminated subexpression"},
		{"[string", "unterminated [ type or attribute"},
		{"$x.M(1, 2", "unterminated argument list"},
		{"param([string]$a", "unterminated parameter list"},
		{"$a ? 1\nb", "ternary expression has no : and second branch"},
		{"[int]::\nb", "member name missing after . or ::"},
		{"@{ a = 1 b c }", "hashtable entry has no =: the rest of its line is not analyzed"},
		{"class C { [void] M() {", "unterminated block"},
		{strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300), "code nested more than 200 levels deep is not analyzed"},
		{strings.Repeat("& { ", 300), "code nested more than 200 levels deep is not analyzed"},
	} {
		_, problems := parse([]byte(tt.src), 0, len(tt.src))
		found := false
		for _, p := range problems {
			found = found || strings.HasPrefix(p.Message, tt.want)
		}
		if !found {
			t.Errorf("parse %.40q: problems %v, want %q", tt.src, problems, tt.want)
		}
	}
}

// paramAttrTests are parameter declarations with the attributes that change how a call binds them:
// each parameter's Position, ValueFromPipeline and [switch], as "name:position:pipeline:switch".
var paramAttrTests = []struct{ src, want string }{
	{"param($a, $b)", "a:-1:false:false b:-1:false:false"},
	{"param([Parameter(Position = 1)][string]$a, [Parameter(Position=0, ValueFromPipeline)]$b)", "a:1:false:false b:0:true:false"},
	{"param([Parameter(ValueFromPipeline = $true, Mandatory)]$a, [Parameter(ValueFromPipelineByPropertyName)]$b)", "a:-1:true:false b:-1:false:false"},
	{"param([Parameter(ValueFromPipeline = $false)]$a, [switch]$Force, [System.Management.Automation.SwitchParameter]$Quiet)", "a:-1:false:false Force:-1:false:true Quiet:-1:false:true"},
	{"function f { [CmdletBinding()] param([Parameter(Position=2)][ValidateNotNull()][string[]]$x) }", "x:2:false:false"},
}

func TestParamAttributes(t *testing.T) {
	for _, tt := range paramAttrTests {
		blk, problems := parse([]byte(tt.src), 0, len(tt.src))
		if len(problems) > 0 {
			t.Errorf("%s: problems %v", tt.src, problems)
		}
		var got []string
		inspect(blk, func(n Node) bool {
			switch n := n.(type) {
			case *Block:
				for _, p := range n.Params {
					got = append(got, fmt.Sprintf("%s:%d:%t:%t", p.Name, p.Position, p.Pipeline, p.Switch))
				}
			case *FuncDef:
				for _, p := range n.Params {
					got = append(got, fmt.Sprintf("%s:%d:%t:%t", p.Name, p.Position, p.Pipeline, p.Switch))
				}
				return false
			}
			return true
		})
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, g, tt.want)
		}
	}
}

// TestRedirectOut checks which pipelines write their output to a file.
func TestRedirectOut(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"'a' >> x.inf", true},
		{"'a' > x.inf", true},
		{"echo 'a' >> x.inf", true},
		{"Write-Output 'a' 1>> x.inf", true},
		{"'a' *> x.inf", true},
		{"'a' 2> err.txt", false},
		{"'a' 2>&1", false},
		{"'a' >> x.inf | Out-Null", false},
		{"Get-Content x | Set-Content y", false},
		{"ntrights +r X -u a > log.txt", true},
	} {
		blk, _ := parse([]byte(tt.src), 0, len(tt.src))
		pl, ok := blk.Stmts[0].(*Pipeline)
		if !ok {
			t.Errorf("%s: %T, not a pipeline", tt.src, blk.Stmts[0])
			continue
		}
		if pl.Out != tt.want {
			t.Errorf("%s: Out %v, want %v", tt.src, pl.Out, tt.want)
		}
	}
}

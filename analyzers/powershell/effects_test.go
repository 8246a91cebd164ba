package powershell

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/source"
)

func TestFindInert(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		inert []string // the functions found inert, in the order defined
	}{
		{"prints", `function f($a) { Write-Host "x $a"; $b = $a + 1; Get-Item $b | Out-Null }`, []string{"f"}},
		{"recursion", `function f($n) { f ($n - 1); f ($n - 2) }`, []string{"f"}},
		{"loop", `function f($l) { foreach ($x in $l) { $y = "$x" } }`, []string{"f"}},
		{"grant", `function f($a) { Grant-CPrivilege -Identity $a -Privilege SeServiceLogonRight }`, nil},
		{"caller of a grant", `function f($a) { g $a }; function g($b) { ntrights +r SeServiceLogonRight -u $b }; function h { f x }`, nil},
		{"nested", `function f { function g($b) { ntrights -u $b +r SeServiceLogonRight } }`, nil},
		{"nested inert", `function f { function g($b) { Write-Output $b } }`, []string{"f", "g"}},
		{"script scope", `function f($a) { $script:acct = $a }`, nil},
		{"global loop variable", `function f($l) { foreach ($global:x in $l) { } }`, nil},
		{"table entry", `function f($t, $a) { $t.Account = $a }`, nil},
		{"table index", `function f($t, $a) { $t['Account'] = $a }`, nil},
		{"member of a member", `function f($a) { $m.Result.x = $a }`, []string{"f"}},
		{"generic set", `function f($a) { Set-Location $a; Set-StrictMode -Version 2 }`, []string{"f"}},
		{"generic set with an account", `function f($a) { Set-Thing -Account $a -Right SeServiceLogonRight }`, nil},
		{"generic set splatted", `function f($p) { Add-Thing @p }`, nil},
		{"call of a variable", `function f($sb) { & $sb x }`, nil},
		{"name built", `function f($n) { & "$n.ps1" }`, nil},
		{"script", `function f($a) { .\grant.ps1 $a }`, nil},
		{"block in place", `function f($a) { & { param($b) Write-Host $b } $a; 1..2 | % { $_ } }`, []string{"f"}},
		{"foreach-object of a variable", `function f($sb) { 1..2 | ForEach-Object $sb }`, nil},
		{"invoke-command", `function f($sb) { Invoke-Command -ScriptBlock { x } }`, nil},
		{"template", "function f($a) { $t = \"[Privilege Rights]`nSeServiceLogonRight = $a\" }", nil},
		{"replace", `function f($a) { $t = $x -replace 'a', $a }`, nil},
		{"replace method", `function f($a) { $t = $x.Replace('a', $a) }`, nil},
		{"file written", `function f($a) { $a > out.inf }`, nil},
		{"content written", `function f($a) { Set-Content -Path x.inf -Value $a }`, nil},
		{"lsa", `function f($a) { [Lsa]::AddAccountRights($a, 'SeServiceLogonRight') }`, nil},
		{"script directory", `$d = $PSScriptRoot; function f { $d = 'x' }`, nil},
		{"other variable", `$d = $PSScriptRoot; function f { $e = 'x' }`, []string{"f"}},
		{"configuration", `function f { Configuration C { Node x { } } }`, nil},
		{"name from a variable never set", `function f($a) { & $SafeCommands['Write-Host'] $a; & $script:Cmds.Get $a }`, []string{"f"}},
		{"name from a variable assigned", `$t = @{ x = 'ntrights' }; function f($a) { & $t['x'] -u $a }`, nil},
		{"name from a variable assigned later", `function f($a) { & $t['x'] -u $a }; $script:t = @{}`, nil},
		{"name from a parameter", `function f($t, $a) { & $t.x -u $a }`, nil},
		{"name from a block's parameter", `function f($a) { & $t.x -u $a }; & { param($t) }`, nil},
		{"name from a loop variable", `function f($a) { & $t[0] -u $a }; foreach ($t in $l) { }`, nil},
		{"name from a list assigned", `function f($a) { & $t[0] -u $a }; $t, $u = 1, 2`, nil},
		{"name from a variable of a native path", `function f($a) { & $d.'x/ntrights' -u $a }`, nil},
		{"name splatted", `function f($a) { & @t['x'] $a }`, nil},
		{"name from a statement's value", `function f($a) { $s = switch ($a) { 1 { { param($x) } } }; [string]$t = if ($a) { 'x' }; & $s $a; & $t }`, []string{"f"}},
		{"name from a block", `$s = { param($x) ntrights -u $x }; function f($a) { & $s $a }`, nil},
		{"name from a string elsewhere", `function f($a) { $s = if ($a) { 'x' }; & $s $a }; $s = 'ntrights'`, nil},
		{"name added to", `function f($a) { $s = switch ($a) { }; $s += 'x'; & $s $a }`, nil},
		{"name of a native path", `function f($a) { $s = switch ($a) { }; & $s\ntrights -u $a }`, nil},
		{"replace literal", "function f($a) { $b = $a -replace \"`n\", \"`n  \" -replace '^x' -replace 'a', 'b', 'c' }", []string{"f"}},
		{"replace a line", `function f($a) { $b = $a -replace 'x', 'SeServiceLogonRight = y' }`, nil},
		{"replace a line's start", `function f($a) { $b = $a -replace 'SeServiceLogonRight =', 'z' }`, nil},
		{"replace with the match", `function f($a) { $b = $a -replace '(Se\w+Right)', '$1 y' }`, nil},
		{"replace built", `function f($a) { $b = $x -replace 'a', "$a" }`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWalker(newFile(tt.src))
			blk, _ := parse(w.src, 0, len(w.src))
			w.collectFuncs(blk)
			w.findInert(blk)
			var inert []string
			inspect(blk, func(n Node) bool {
				if fd, ok := n.(*FuncDef); ok && w.calls.inert[fd] {
					inert = append(inert, fd.Name)
				}
				return true
			})
			if !slices.Equal(inert, tt.inert) {
				t.Errorf("inert %q, want %q", inert, tt.inert)
			}
		})
	}
}

// TestInertChangesNothing walks every fixture with and without following the inert functions:
// what is found, the script calls and the problems are the same, but for the problems that say a
// call was too deep or the budget spent, which following an inert function may cause.
func TestInertChangesNothing(t *testing.T) {
	paths, err := filepath.Glob("testdata/src/*.ps*1")
	if err != nil || len(paths) == 0 {
		t.Fatal(paths, err)
	}
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	texts = append(texts, string(benchScript(64<<10)),
		`function f($a) { $script:acct = $a }; f 'CONTOSO\x'; Grant-CPrivilege -Identity $acct -Privilege SeServiceLogonRight`,
		`function f($t) { $t.Identity = 'CONTOSO\x' }; $p = @{ Privilege = 'SeServiceLogonRight' }; f $p; Grant-CPrivilege @p`,
		`function f($a) { g $a }; function g($b) { ntrights -u $b +r SeServiceLogonRight }; f 'CONTOSO\x'`,
		`function f($a) { Set-Right -Account $a -Right SeServiceLogonRight }; f 'CONTOSO\x'`,
		`function f($sb) { & $sb 'CONTOSO\x' }; f { param($a) Grant-CPrivilege -Identity $a -Privilege SeServiceLogonRight }`,
		"function f($a) {\n$t = @\"\n[Version]\nsignature=\"`$CHICAGO`$\"\n[Privilege Rights]\nSeServiceLogonRight = $a\n\"@\n}\nf 'CONTOSO\\x'",
		`$d = $PSScriptRoot; function f { $d = 'x' }; f; & "$d\grant.ps1" 'CONTOSO\x'`,
		`function f($n) { if ($n) { f ($n - 1); f ($n - 1) }; Write-Host $n }; f 10; Grant-CPrivilege -Identity x -Privilege SeServiceLogonRight`,
		`function f($a) { & $SafeCommands['Write-Host'] $a; & $t['x'] -u $a +r SeServiceLogonRight }; $t = @{ x = 'ntrights' }; f 'CONTOSO\x'`,
		`function f($a) { & $t.x -u $a +r SeServiceLogonRight }; f 'CONTOSO\x'; & { param($t) }`,
		`function f($a) { & $d['x\ntrights'] -u $a +r SeServiceLogonRight; & $e.'x/ntrights' -u $a +r SeServiceLogonRight }; f 'CONTOSO\x'`,
		"function f($a) {\n$t = \"[Privilege Rights]`nSeServiceLogonRight = *S-1-5-19\" -replace '\\*S-1-5-19', $a -replace 'x', 'y'\n}\nf 'CONTOSO\\x'",
		`function f($a) { $s = switch ($a) { default { 'ntrights' } }; & $s -u $a +r SeServiceLogonRight }; f 'CONTOSO\x'`,
		`function f($a) { & $s -u $a +r SeServiceLogonRight }; $s = 'ntrights'; f 'CONTOSO\x'`,
		`$s = { param($x) ntrights -u $x +r SeServiceLogonRight }; function f($a) { & $s $a }; f 'CONTOSO\x'`,
		`function f($t, $a) { $t -replace 'SeServiceLogonRight = ', "SeServiceLogonRight = $a," }; f $x 'CONTOSO\x'`,
	)
	for i, text := range texts {
		p := fmt.Sprint(i)
		if i < len(paths) {
			p = paths[i]
		}
		run := func(walkInert bool) string {
			f := newNamedFile("test.ps1", source.LangPowerShell, text)
			w := newWalker(f)
			w.calls.walkInert = walkInert
			w.extract(0, len(text))
			var b strings.Builder
			b.WriteString(describe(f, w.out))
			for _, c := range f.Calls {
				fmt.Fprintf(&b, "\ncall %+v", c)
			}
			for _, pr := range f.Problems {
				if !strings.Contains(pr.Message, "calls nested more than") && !strings.Contains(pr.Message, "budget") {
					fmt.Fprintf(&b, "\nproblem %+v", pr)
				}
			}
			return b.String()
		}
		if got, want := run(false), run(true); got != want {
			t.Errorf("%s: skipping inert functions:\n%s\nwant\n%s", p, got, want)
		}
	}
}

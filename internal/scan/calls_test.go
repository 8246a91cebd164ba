package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/privlint/privlint/internal/report"
)

// writeTree writes files (slash-separated paths relative to the working directory).
func writeTree(t *testing.T, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.FromSlash(name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// callFindings renders findings as "path:line RULE account (related at path:line[:col])", sorted.
func callFindings(res *report.Result, cols bool) []string {
	var got []string
	for _, f := range res.Findings {
		s := fmt.Sprintf("%s:%d %s %s", f.Path, f.Start.Line, f.Rule.ID, f.Account)
		for _, r := range f.Related {
			if cols {
				s += fmt.Sprintf(" (%s at %s:%d:%d)", r.Message, r.Path, r.Start.Line, r.Start.Col)
			} else {
				s += fmt.Sprintf(" (%s at %s:%d)", r.Message, r.Path, r.Start.Line)
			}
		}
		got = append(got, s)
	}
	slices.Sort(got)
	return got
}

// TestScriptsCallingScripts: a script granting a right to its positional argument is judged by the
// arguments other files of the scan pass it, with the call as a related location; callers that
// name no right are found; what no call binds stays unresolved.
func TestScriptsCallingScripts(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, map[string]string{
		// A helper granting to its first argument, called from a batch file beside another
		// directory (with %~dp0) and from a shell script; neither caller names a right.
		"tools/grant.cmd":     "@echo off\r\nntrights -u %1 +r SeImpersonatePrivilege\r\n",
		"deploy/web.cmd":      "@echo off\r\ncall %~dp0..\\tools\\grant.cmd CONTOSO\\svc-web\r\n",
		"deploy/safe.cmd":     "@echo off\r\ncall ..\\tools\\grant.cmd \"NT AUTHORITY\\NETWORK SERVICE\"\r\n",
		"deploy/other.cmd":    "@echo off\r\ncall ..\\tools\\grant.cmd %USERNAME%\r\n",
		"tools/grant.sh":      "#!/bin/sh\neditrights -a SeAssignPrimaryTokenPrivilege -u \"CONTOSO\\\\$2\"\n",
		"deploy/setup.sh":     "#!/bin/sh\nsh ../tools/grant.sh unused svc-sh\n",
		"tools/alone.cmd":     "@echo off\r\nntrights -u %1 +r SeImpersonatePrivilege\r\n",
		"deploy/unrelated":    "call grant.ps1 x\n", // names no script that grants to an argument
		"docs/readme.txt":     "Run tools\\grant.cmd ACCOUNT to grant the right.\r\n",
		"tools/not-called.sh": "#!/bin/sh\nntrights -u \"$1\" +r SeImpersonatePrivilege\n",
	})
	res, err := Run(context.Background(), Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	got := callFindings(res, true)
	want := []string{
		`tools/alone.cmd:2 PL1005 %1`,
		`tools/grant.cmd:2 PL1001 CONTOSO\svc-web (via call of %~dp0..\tools\grant.cmd at deploy/web.cmd:2:6)`,
		`tools/grant.cmd:2 PL1005 %USERNAME% (via call of ..\tools\grant.cmd at deploy/other.cmd:2:6)`,
		`tools/grant.sh:2 PL1002 CONTOSO\svc-sh (via call of ../tools/grant.sh at deploy/setup.sh:2:4)`,
		`tools/not-called.sh:2 PL1005 $1`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, n := range res.Notifications {
		t.Errorf("notification: %s", n.TextLine())
	}
}

// TestScriptsCallingScriptsBounded: the arguments bound to one script are bounded, and the first
// call past the bound is reported.
func TestScriptsCallingScriptsBounded(t *testing.T) {
	t.Chdir(t.TempDir())
	files := map[string]string{"grant.cmd": "ntrights -u %1 +r SeImpersonatePrivilege\r\n"}
	for k := range 2 { // a file records at most maxCalls calls: two files pass more than maxBindings
		var calls strings.Builder
		for i := range maxBindings * 3 / 4 {
			fmt.Fprintf(&calls, "call grant.cmd CONTOSO\\svc-%d-%d\r\n", k, i)
		}
		files[fmt.Sprintf("many%d.cmd", k)] = calls.String()
	}
	writeTree(t, files)
	res, err := Run(context.Background(), Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != maxBindings {
		t.Errorf("%d findings, want %d", len(res.Findings), maxBindings)
	}
	var notes []string
	for _, n := range res.Notifications {
		notes = append(notes, n.TextLine())
	}
	if len(notes) != 1 || !strings.Contains(notes[0], fmt.Sprintf("more than %d arguments", maxBindings)) {
		t.Errorf("notifications %q, want one about the bound", notes)
	}
}

// TestPowerShellScriptsCalled: a PowerShell script's param() parameters are bound by the calls of
// other files, by name and by position, from PowerShell, an Ansible win_shell and powershell -File;
// a parameter no call binds keeps its default.
func TestPowerShellScriptsCalled(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, map[string]string{
		"tools/grant.ps1": "param([string]$Account, [string]$Right = 'SeImpersonatePrivilege')\n" +
			"Grant-CPrivilege -Identity $Account -Privilege $Right\n",
		"tools/default.ps1": "param([string]$Account = 'CONTOSO\\svc-default')\n" +
			"Grant-CPrivilege -Identity $Account -Privilege SeImpersonatePrivilege\n",
		"install.ps1": "& \"$PSScriptRoot\\tools\\grant.ps1\" -Account 'CONTOSO\\svc-named'\n" +
			"& .\\tools\\grant.ps1 'CONTOSO\\svc-positional'\n" +
			". .\\tools\\grant.ps1 -Account 'NT AUTHORITY\\NETWORK SERVICE'\n",
		"play.yml": "- hosts: all\n  tasks:\n    - win_shell: .\\tools\\grant.ps1 -Account \"{{ svc }}\"\n      vars:\n        svc: CONTOSO\\svc-ansible\n",
		"run.cmd":  "powershell -File tools\\grant.ps1 -Account:CONTOSO\\svc-file\r\n",
		// Chocolatey's idiom: the helper beside the script, through a variable holding its directory,
		// and a program (ntrights) handed the parameter.
		"choco/chocolateyInstall.ps1": "$toolsdir = Split-Path -parent $MyInvocation.MyCommand.Definition\n" +
			". \"$toolsdir\\AddAccount.ps1\" -AccountToAdd \"NT SERVICE\\SSHD\"\n",
		"choco/AddAccount.ps1": "param ([string]$AccountToAdd)\nntrights -u $AccountToAdd +r SeAssignPrimaryTokenPrivilege\n",
	})
	res, err := Run(context.Background(), Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	got := callFindings(res, false)
	want := []string{
		`choco/AddAccount.ps1:2 PL1002 NT SERVICE\SSHD (via call of AddAccount.ps1 at choco/chocolateyInstall.ps1:2)`,
		`tools/default.ps1:2 PL1001 CONTOSO\svc-default`,
		`tools/grant.ps1:2 PL1001 CONTOSO\svc-ansible (via call of .\tools\grant.ps1 at play.yml:3)`,
		`tools/grant.ps1:2 PL1001 CONTOSO\svc-file (via call of tools\grant.ps1 at run.cmd:1)`,
		`tools/grant.ps1:2 PL1001 CONTOSO\svc-named (via call of tools\grant.ps1 at install.ps1:1)`,
		`tools/grant.ps1:2 PL1001 CONTOSO\svc-positional (via call of .\tools\grant.ps1 at install.ps1:2)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLongArgumentsBounded: an argument too long to be an account is kept short and unknown, so
// that binding it to a script costs little however long the caller wrote it.
func TestLongArgumentsBounded(t *testing.T) {
	t.Chdir(t.TempDir())
	long := strings.Repeat("x", 1<<20)
	writeTree(t, map[string]string{
		"grant.cmd": "ntrights -u %1 +r SeImpersonatePrivilege\r\n",
		"call.sh":   "#!/bin/sh\nsh grant.cmd '" + long + "'\n",
	})
	res, err := Run(context.Background(), Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("%d findings, want the grant to the argument, unresolved", len(res.Findings))
	}
	if f := res.Findings[0]; len(f.Account) > 1024 || f.Rule.ID != "PL1005" || len(f.Related) != 1 {
		t.Errorf("finding %s with an account of %d bytes and %d related locations", f.Rule.ID, len(f.Account), len(f.Related))
	}
}

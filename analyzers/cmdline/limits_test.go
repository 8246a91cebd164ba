package cmdline_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/batch"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/shell"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// TestNestLimits checks command strings that build values past a limit, or whose strings are too
// large to follow: the nested text shares the file's budget, its problem lands on the outer line,
// and a literal grant of the outer file after the blow-up is still found.
func TestNestLimits(t *testing.T) {
	const grant = "ntrights +r SeImpersonatePrivilege -u "
	for _, tt := range []struct {
		name, file, text, blown, limit string
		line                           int
	}{
		{
			name:  "doubling in bash -c in a batch file",
			file:  "t.bat",
			text:  `bash -c "a=x; ` + strings.Repeat(`a=\"$a$a\"; `, 30) + grant + `\"$a\""` + "\r\n" + grant + "CONTOSO\\later\r\n",
			blown: "$a", limit: "would exceed 1 MiB", line: 1,
		},
		{
			name: "a loop handing a large string to bash -c spends the budget",
			file: "t.sh",
			text: "a=x\n" + strings.Repeat(`a="$a$a"`+"\n", 16) + "for i in " + strings.Repeat("i ", 2000) + "; do bash -c \"echo $a\"; done\n" +
				grant + `"$b"` + "\n" + grant + "'CONTOSO\\later'\n",
			blown: "$b", limit: "budget of this file is spent", line: 18,
		},
		{
			name: "ssh joining arguments past the limit of one value",
			file: "t.sh",
			text: "a=x\n" + strings.Repeat(`a="$a$a"`+"\n", 19) + `ssh host "$a" "$a" "$a" ntrights +r SeImpersonatePrivilege -u x` + "\n" +
				grant + `"$b"` + "\n" + grant + "'CONTOSO\\later'\n",
			blown: "$b", limit: "would exceed 1 MiB", line: 21,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var f *source.File
			var out []assign.Assignment
			if strings.HasSuffix(tt.file, ".bat") {
				f = newFile(tt.file, source.LangBatch, tt.text)
				out = batch.Extract(f)
			} else {
				f = newFile(tt.file, source.LangShell, tt.text)
				out = shell.Extract(f)
			}
			var blown, later bool
			for _, a := range out {
				for _, acc := range a.Accounts {
					blown = blown || acc.Text == tt.blown && acc.Unresolved
					later = later || acc.Text == `CONTOSO\later` && !acc.Unresolved
				}
			}
			if !blown || !later {
				t.Errorf("want an unresolved grant to %s and the literal grant after it:\n%s", tt.blown, checktest.Render(f, out))
			}
			if len(f.Problems) != 1 {
				t.Fatalf("%d problems, want 1:\n%s", len(f.Problems), checktest.Render(f, out))
			}
			p := f.Problems[0]
			if line := f.Tok.Position(p.Pos).Line; !strings.Contains(p.Message, tt.limit) || line != tt.line {
				t.Errorf("problem at line %d: %s\nwant %q at line %d", line, p.Message, tt.limit, tt.line)
			}
		})
	}
}

// TestFollows checks that Follows names every program Run follows from an argument vector: each
// name is run with the argument forms of every runner, and one that yields an assignment or a
// problem must be named.
func TestFollows(t *testing.T) {
	const grant = "ntrights +r SeImpersonatePrivilege -u x"
	names := []string{"ntrights", "editrights", "ssh", "winrs", "winrm", "psexec", "psexec64", "paexec", "wine", "wine64", "runas",
		"echo", "printf", "cat", "sudo", "env", "cmd.exe/c", "start", "call", "schtasks", "setx", "eval"}
	for _, d := range source.Languages {
		names = append(names, d.Programs...) // the interpreters
	}
	forms := [][]string{
		{"+r", "SeImpersonatePrivilege", "-u", "x"}, {"-a", "SeImpersonatePrivilege", "-u", "x"},
		{"/c", grant}, {"-c", grant}, {"-Command", grant}, {"host", grant}, {grant}, {"ntrights", "-u", "x", "+r", "SeImpersonatePrivilege"},
		{"-r:host", grant}, {"-hostname", "h", grant}, {"/user:x", grant}, {`\\host`, "ntrights", "-u", "x", "+r", "SeImpersonatePrivilege"},
		{"/create", "/tr", grant},
	}
	for _, name := range names {
		followed := false
		for _, form := range forms {
			args := []cmdline.Arg{{Value: value.Source([]byte(name), 0)}}
			for _, v := range form {
				args = append(args, cmdline.Arg{Value: value.Source([]byte(v), 0)})
			}
			f := newFile("t.sh", source.LangShell, grant)
			if out := cmdline.Run(f, cmdline.FromArgs(args)); len(out) > 0 || len(f.Problems) > 0 {
				followed = true
			}
		}
		if followed != cmdline.Follows(name) {
			t.Errorf("%s: Run follows it: %v; Follows: %v", name, followed, cmdline.Follows(name))
		}
	}
}

// TestRunLine checks that RunLine, which splits only the lines whose program Run follows, finds
// what Run of the whole line finds: assignments, problems and calls of scripts.
func TestRunLine(t *testing.T) {
	lines := append([]string{
		`cmd/c ntrights +r SeImpersonatePrivilege -u x`, `CMD.EXE/C "ntrights -u y +r SeImpersonatePrivilege"`,
		`"C:\Tools\ntrights.exe" +r SeImpersonatePrivilege -u z`, `%~dp0ntrights +r SeImpersonatePrivilege -u w`,
		`grant.cmd CONTOSO\svc`, `%~dp0grant.bat CONTOSO\svc`, `"sub dir\grant.ps1" -Account x`, `find "ntrights" x.txt`,
		`%TOOL% +r SeImpersonatePrivilege -u v`, `reg add HKLM\x /v ntrights`, `  `, `schtasks /create /tr "ntrights -u u +r SeX"`,
	}, nestSeeds...)
	found := 0
	for _, line := range lines {
		whole := newFile("t.bat", source.LangBatch, line)
		want := cmdline.Run(whole, cmdline.FromLine(cmdline.SourceText(whole)))
		part := newFile("t.bat", source.LangBatch, line)
		got := cmdline.RunLine(part, cmdline.SourceText(part))
		if g, w := checktest.Render(part, got), checktest.Render(whole, want); g != w {
			t.Errorf("%s: RunLine found\n%s\nRun found\n%s", line, g, w)
		}
		if g, w := fmt.Sprint(part.Problems, part.Calls), fmt.Sprint(whole.Problems, whole.Calls); g != w {
			t.Errorf("%s: RunLine left problems and calls %s, Run %s", line, g, w)
		}
		if len(want) > 0 || len(whole.Calls) > 0 {
			found++
		}
	}
	if found < len(lines)/2 {
		t.Errorf("only %d of %d lines find something: the test compares too little", found, len(lines))
	}
}

package ntrights_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/ntrights"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

// args splits s at spaces into unquoted arguments written in a file of s; a leading $ marks an
// unresolved value.
func args(s string) (*source.File, []value.Value) {
	var out []value.Value
	off := 0
	for _, w := range strings.Split(s, " ") {
		if w != "" {
			v := value.String(w, off, off+len(w), true)
			if strings.HasPrefix(w, "$") {
				v = value.Unresolved(w, off, off+len(w))
			}
			out = append(out, v)
		}
		off += len(w) + 1
	}
	return checktest.NewFile("t.cmd", source.LangBatch, s), out
}

// at returns where v is written.
func at(v value.Value) int { return v.Text.Offset(0) }

func TestParse(t *testing.T) {
	tests := []struct {
		args string
		want string // "op right@start account@start computer" or "none"
		nprb int
	}{
		{`+r SeImpersonatePrivilege -u CONTOSO\web`, "grant SeImpersonatePrivilege@3 CONTOSO\\web@29 ", 0},
		{`-u CONTOSO\web +r SeImpersonatePrivilege`, "grant SeImpersonatePrivilege@18 CONTOSO\\web@3 ", 0},
		{`-r SeImpersonatePrivilege -u web`, "revoke SeImpersonatePrivilege@3 web@29 ", 0},
		{`+R SeImpersonatePrivilege -U web`, "grant SeImpersonatePrivilege@3 web@29 ", 0},
		{`-m \\srv01 +r SeAssignPrimaryTokenPrivilege -u web`, "grant SeAssignPrimaryTokenPrivilege@14 web@47 \\\\srv01", 0},
		{`-m\\srv01 +r X -u web`, "grant X@13 web@18 \\\\srv01", 0},
		{`+r X -u web -e "granted"`, "grant X@3 web@8 ", 0},
		{`+r X -uweb`, "grant X@3 web@7 ", 0},
		{`+r X -u $acct`, "grant X@3 $acct@8 ", 0},
		{`/?`, "none", 0},
		{``, "none", 0},
		{`+r X`, "none", 1},
		{`-u web`, "none", 1},
		{`+r X -u`, "none", 1},
		{`+r $right -u web`, "none", 1},
		{`+r X -u web -z 1`, "grant X@3 web@8 ", 2},
		{`+r X -r Y -u web`, "grant X@3 web@13 ", 1},
		{`+r X stray -u web`, "grant X@3 web@14 ", 1},
	}
	for _, tt := range tests {
		cmd, ok, problems := ntrights.Parse(args(tt.args))
		got := "none"
		if ok {
			got = fmt.Sprintf("%s %s@%d %s@%d %s", cmd.Op, cmd.Right.Text.S, at(cmd.Right), cmd.Account.Text.S, at(cmd.Account), cmd.Computer)
		}
		if got != tt.want || len(problems) != tt.nprb {
			t.Errorf("Parse(%s) = %q with %d problems %v; want %q with %d", tt.args, got, len(problems), problems, tt.want, tt.nprb)
		}
	}
}

func TestAttachedValueInQuotes(t *testing.T) {
	// "-uweb" written in quotes: the value maps to where it is written inside them.
	const src = `+r X "-uweb"`
	f := checktest.NewFile("t.cmd", source.LangBatch, src)
	var b value.Builder
	for i := 6; i < 11; i++ {
		b.Byte(src[i], i, i+1, false)
	}
	quoted := value.Value{Kind: value.Str, Text: b.Done(11)}
	cmd, ok, _ := ntrights.Parse(f, []value.Value{value.String("+r", 0, 2, true), value.String("X", 3, 4, true), quoted})
	if !ok || cmd.Account.Text.S != "web" || at(cmd.Account) != 8 {
		t.Errorf("quoted attached value: %+v", cmd.Account)
	}
	if cmd.Op != assign.Grant {
		t.Errorf("op = %v", cmd.Op)
	}
	a := cmd.Assignment(f)
	if len(a.Accounts) != 1 || a.Accounts[0].Text != "web" || f.Tok.Offset(a.Accounts[0].Pos) != 8 {
		t.Errorf("assignment: %+v", a)
	}
}

func TestIsProgram(t *testing.T) {
	for name, want := range map[string]bool{
		"ntrights": true, "NTRIGHTS.EXE": true, `C:\Tools\ntrights.exe`: true, `"C:\Program Files\RK\ntrights.exe"`: true,
		"./bin/ntrights": true, "ntrights.exe.bak": false, "myntrights": false, "": false,
	} {
		if got := ntrights.IsProgram(name); got != want {
			t.Errorf("IsProgram(%q) = %v", name, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`+r X -u y`, `-m\\h -r X -u`, `-u`, `+r`, `-e -e -e`, `+rX -uY`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		f, a := args(s)
		cmd, ok, problems := ntrights.Parse(f, a)
		if ok && (cmd.Right.Text.S == "" && len(a) == 0) {
			t.Fatalf("ok with no arguments")
		}
		for _, p := range problems {
			if p.Offset < 0 || p.Offset > len(s) {
				t.Fatalf("problem offset %d outside %q", p.Offset, s)
			}
		}
	})
}

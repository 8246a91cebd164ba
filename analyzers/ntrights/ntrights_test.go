package ntrights

import (
	"fmt"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
)

// args splits s at spaces into unquoted arguments with their offsets; a leading $ marks an
// unresolved value.
func args(s string) []Arg {
	var out []Arg
	off := 0
	for _, f := range strings.Split(s, " ") {
		if f != "" {
			out = append(out, Arg{Text: f, Start: off, End: off + len(f), Unresolved: strings.HasPrefix(f, "$")})
		}
		off += len(f) + 1
	}
	return out
}

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
		cmd, ok, problems := Parse(args(tt.args))
		got := "none"
		if ok {
			got = fmt.Sprintf("%s %s@%d %s@%d %s", cmd.Op, cmd.Right.Text, cmd.Right.Start, cmd.Account.Text, cmd.Account.Start, cmd.Computer)
		}
		if got != tt.want || len(problems) != tt.nprb {
			t.Errorf("Parse(%s) = %q with %d problems %v; want %q with %d", tt.args, got, len(problems), problems, tt.want, tt.nprb)
		}
	}
}

func TestAttachedValueInQuotes(t *testing.T) {
	// "-uCONTOSO\web" written in quotes: the text is shorter than the source span, so the value's
	// offsets stay those of the whole argument rather than pointing into the quotes.
	cmd, ok, _ := Parse([]Arg{{Text: "+r", Start: 0, End: 2}, {Text: "X", Start: 3, End: 4}, {Text: "-uweb", Start: 5, End: 10}})
	if !ok || cmd.Account.Text != "web" || cmd.Account.Start != 7 {
		t.Errorf("unquoted attached value: %+v", cmd.Account)
	}
	cmd, ok, _ = Parse([]Arg{{Text: "+r", Start: 0, End: 2}, {Text: "X", Start: 3, End: 4}, {Text: "-uweb", Start: 5, End: 12}})
	if !ok || cmd.Account.Text != "web" || cmd.Account.Start != 5 {
		t.Errorf("quoted attached value: %+v", cmd.Account)
	}
	if cmd.Op != assign.Grant {
		t.Errorf("op = %v", cmd.Op)
	}
}

func TestIsProgram(t *testing.T) {
	for name, want := range map[string]bool{
		"ntrights": true, "NTRIGHTS.EXE": true, `C:\Tools\ntrights.exe`: true, `"C:\Program Files\RK\ntrights.exe"`: true,
		"./bin/ntrights": true, "ntrights.exe.bak": false, "myntrights": false, "": false,
	} {
		if got := IsProgram(name); got != want {
			t.Errorf("IsProgram(%q) = %v", name, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`+r X -u y`, `-m\\h -r X -u`, `-u`, `+r`, `-e -e -e`, `+rX -uY`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := args(s)
		cmd, ok, problems := Parse(a)
		if ok && (cmd.Right.Text == "" && len(a) == 0) {
			t.Fatalf("ok with no arguments")
		}
		for _, p := range problems {
			if p.Offset < 0 || p.Offset > len(s) {
				t.Fatalf("problem offset %d outside %q", p.Offset, s)
			}
		}
	})
}

package cmdline_test

import (
	"go/token"
	"testing"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/batch"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/langs"
	"github.com/privlint/privlint/analyzers/shell"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/internal/checktest"
)

func testFile(name, text string, lang source.Lang) *source.File {
	tf := token.NewFileSet().AddFile(name, -1, len(text))
	tf.SetLinesForContent([]byte(text))
	return &source.File{Name: name, Text: []byte(text), Lang: lang, Tok: tf, Nested: langs.Interpreters()}
}

// newFile is checktest.NewFile with the command strings the file hands to an interpreter analyzed,
// as in a scan.
func newFile(name string, lang source.Lang, text string) *source.File {
	f := checktest.NewFile(name, lang, text)
	f.Nested = langs.Interpreters()
	return f
}

// nestSeeds are command lines that hand text from one interpreter to another. They seed FuzzNest.
var nestSeeds = []string{
	`cmd /c "ntrights +r SeImpersonatePrivilege -u CONTOSO\svc"`,
	`cmd /s /c ""C:\a b\ntrights.exe" +r SeImpersonatePrivilege -u x"`,
	`powershell -NoProfile -Command "Grant-CPrivilege -Identity 'x' -Privilege SeImpersonatePrivilege"`,
	`powershell -EncodedCommand ZABpAHIA`,
	`powershell -enc //5kAGkAcgA=`,
	`pwsh -c "cmd /c powershell -c 'cmd /c ntrights +r SeImpersonatePrivilege -u y'"`,
	`ssh -p 22 host "editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc'"`,
	`psexec \\host -u a -p b cmd /c "ntrights +r SeImpersonatePrivilege -u z"`,
	`winrs -r:host ntrights +r SeImpersonatePrivilege -u w`,
	`runas /user:admin "cmd /c ntrights +r SeImpersonatePrivilege -u v"`,
	`bash -c 'for u in a b; do editrights -a SeImpersonatePrivilege -u "$u"; done'`,
	`cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c ntrights +r X -u y`,
	`bash -c 'a=x; a="$a$a"; a="$a$a"; a="$a$a"; a="$a$a"; a="$a$a"; a="$a$a"; a="$a$a"; a="$a$a"; a="$a$a"; a="$a$a"; ntrights -u "$a"'`,
	`cmd /c "set A=x& for %i in (1 2 3 4 5 6 7 8 9 0) do cmd /v:on /c set A=!A!!A!"`,
}

// FuzzNest runs the nesting of command strings across batch, shell and PowerShell, and the
// -EncodedCommand decoder, over arbitrary text: no panic, allocations within checktest's bound, and
// every position lands in the file.
func FuzzNest(f *testing.F) {
	for _, s := range nestSeeds {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		if s, err := cmdline.DecodeEncodedCommand(text); err == nil && !utf8.ValidString(s) {
			t.Fatalf("DecodeEncodedCommand(%q) = %q: not UTF-8", text, s)
		}
		var file *source.File
		var out []assign.Assignment
		checktest.Bounded(t, len(text), func() {
			if which%2 == 0 {
				file = testFile("f.bat", text, source.LangBatch)
				out = batch.Extract(file)
			} else {
				file = testFile("f.sh", text, source.LangShell)
				out = shell.Extract(file)
			}
			out = append(out, cmdline.Run(file, cmdline.FromLine(value.Source(file.Text, 0)))...)
		})
		base, end := file.Tok.Base(), file.Tok.Base()+len(text)
		for _, a := range out {
			if int(a.Pos) < base || int(a.End) > end {
				t.Fatalf("assignment %q at %d-%d outside the file %d-%d", a.Right, a.Pos, a.End, base, end)
			}
		}
		for _, p := range file.Problems {
			if int(p.Pos) < base || int(p.Pos) > end {
				t.Fatalf("problem %q at %d outside the file", p.Message, p.Pos)
			}
		}
	})
}

// TestNestPositions checks that an assignment found three interpreters deep lands on the outer
// file's bytes.
func TestNestPositions(t *testing.T) {
	text := "rem x\r\ncmd /c powershell -Command \"cmd /c ntrights +r SeImpersonatePrivilege -u CONTOSO\\svc\"\r\n"
	file := testFile("f.bat", text, source.LangBatch)
	out := batch.Extract(file)
	if len(out) != 1 || len(out[0].Accounts) != 1 {
		t.Fatalf("got %d assignments, want 1: %+v; problems %+v", len(out), out, file.Problems)
	}
	acc := out[0].Accounts[0]
	base := file.Tok.Base()
	if got := text[int(acc.Pos)-base : int(acc.End)-base]; got != `CONTOSO\svc` {
		t.Errorf("account maps to %q", got)
	}
	if got := text[int(out[0].Pos)-base : int(out[0].End)-base]; got != "SeImpersonatePrivilege" {
		t.Errorf("right maps to %q", got)
	}
}

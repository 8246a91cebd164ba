package powershell

import (
	"fmt"
	"strings"
	"testing"
)

// tok is a token as the table tests write it: kind, source text, and the value when it differs
// from the text.
type tok struct {
	kind  Kind
	text  string
	value string
}

func (t tok) String() string {
	if t.value != "" {
		return fmt.Sprintf("%s(%q=%q)", t.kind, t.text, t.value)
	}
	return fmt.Sprintf("%s(%q)", t.kind, t.text)
}

// lexTests are table tests for the lexer: the tokens of src in one mode, EOF omitted.
var lexTests = []struct {
	name string
	mode Mode
	src  string
	want []tok
}{
	{"command", ModeArg, `Grant-CPrivilege -Identity 'CONTOSO\svc' -Privilege SeImpersonatePrivilege`, []tok{
		{Word, "Grant-CPrivilege", ""}, {Param, "-Identity", "Identity"}, {StringSQ, `'CONTOSO\svc'`, `CONTOSO\svc`},
		{Param, "-Privilege", "Privilege"}, {Word, "SeImpersonatePrivilege", ""},
	}},
	{"param colon", ModeArg, `-Name:value -X: 'y'`, []tok{
		{Param, "-Name:", "Name"}, {Word, "value", ""}, {Param, "-X:", "X"}, {StringSQ, "'y'", "y"},
	}},
	{"typographic dashes and quotes", ModeArg, "–Identity ‘a’ —P “b”", []tok{
		{Param, "–Identity", "Identity"}, {StringSQ, "‘a’", "a"}, {Param, "—P", "P"}, {StringDQ, "“b”", "b"},
	}},
	{"ntrights words", ModeArg, `ntrights +r SeImpersonatePrivilege -u CONTOSO\svc -m\\host`, []tok{
		{Word, "ntrights", ""}, {Word, "+r", ""}, {Word, "SeImpersonatePrivilege", ""}, {Param, "-u", "u"},
		{Word, `CONTOSO\svc`, ""}, {Param, `-m\\host`, `m\\host`},
	}},
	{"single-quoted escape", ModeExpr, `'it''s'`, []tok{{StringSQ, `'it''s'`, "it's"}}},
	{"double-quoted escapes", ModeExpr, "\"a`tb`\"c\"\"d`u{263A}\"", []tok{{StringDQ, "\"a`tb`\"c\"\"d`u{263A}\"", "a\tb\"c\"d☺"}}},
	{"interpolation", ModeExpr, `"$env:USERDOMAIN\${svc name}-$(Get-X 'a)b')"`, []tok{
		{StringDQ, `"$env:USERDOMAIN\${svc name}-$(Get-X 'a)b')"`, `\-`},
	}},
	{"here-strings", ModeExpr, "@'\n'a' \"b\"\n'@ @\"\nx $y\n\"@", []tok{
		{HereSQ, "@'\n'a' \"b\"\n'@", `'a' "b"`}, {HereDQ, "@\"\nx $y\n\"@", "x "},
	}},
	{"empty here-string", ModeExpr, "@'\n'@", []tok{{HereSQ, "@'\n'@", ""}}},
	{"here-string CRLF", ModeExpr, "@'\r\nline1\r\nline2\r\n'@", []tok{{HereSQ, "@'\r\nline1\r\nline2\r\n'@", "line1\r\nline2"}}},
	{"comments", ModeArg, "a # line\n<# block\n #> b", []tok{
		{Word, "a", ""}, {Comment, "# line", ""}, {Newline, "\n", ""}, {Comment, "<# block\n #>", ""}, {Word, "b", ""},
	}},
	{"hash inside a word", ModeArg, "a#b", []tok{{Word, "a#b", ""}}},
	{"continuation", ModeArg, "a `\n  b `\r\n c", []tok{{Word, "a", ""}, {Word, "b", ""}, {Word, "c", ""}}},
	{"separators", ModeArg, "a;b|c&&d||e&\r\nf", []tok{
		{Word, "a", ""}, {Semi, ";", ""}, {Word, "b", ""}, {Pipe, "|", ""}, {Word, "c", ""}, {AndAnd, "&&", ""},
		{Word, "d", ""}, {OrOr, "||", ""}, {Word, "e", ""}, {Amp, "&", ""}, {Newline, "\r\n", ""}, {Word, "f", ""},
	}},
	{"arrays and hashtables", ModeExpr, "@('a', 'b') @{ K = 1; L = $true }", []tok{
		{AtParen, "@(", ""}, {StringSQ, "'a'", "a"}, {Comma, ",", ""}, {StringSQ, "'b'", "b"}, {RParen, ")", ""},
		{AtBrace, "@{", ""}, {Word, "K", ""}, {Operator, "=", ""}, {Number, "1", ""}, {Semi, ";", ""},
		{Word, "L", ""}, {Operator, "=", ""}, {Variable, "$true", "true"}, {RBrace, "}", ""},
	}},
	{"splat and call", ModeArg, "& $cmd @params; . .\\x.ps1", []tok{
		{Amp, "&", ""}, {Variable, "$cmd", "cmd"}, {Splat, "@params", "params"}, {Semi, ";", ""},
		{Dot, ".", ""}, {Word, `.\x.ps1`, ""},
	}},
	{"variables", ModeExpr, "$a $global:b ${c d} $$ $? $_ $env:ProgramFiles", []tok{
		{Variable, "$a", "a"}, {Variable, "$global:b", "global:b"}, {Variable, "${c d}", "c d"},
		{Variable, "$$", "$"}, {Variable, "$?", "?"}, {Variable, "$_", "_"}, {Variable, "$env:ProgramFiles", "env:ProgramFiles"},
	}},
	{"question marks", ModeExpr, "$a?.b ${c}?.d $e ? 1 : 2 $f ?? $g ??= \"$h?\"", []tok{
		{Variable, "$a?", "a?"}, {Dot, ".", ""}, {Word, "b", ""}, {Variable, "${c}", "c"}, {Operator, "?", "?"},
		{Dot, ".", ""}, {Word, "d", ""}, {Variable, "$e", "e"}, {Operator, "?", "?"}, {Number, "1", ""},
		{Operator, ":", ":"}, {Number, "2", ""}, {Variable, "$f", "f"}, {Operator, "??", "??"}, {Variable, "$g", "g"},
		{Operator, "??=", "??="}, {StringDQ, "\"$h?\"", ""},
	}},
	{"format operator", ModeExpr, `'{0}\{1}' -f $d, 'x'`, []tok{
		{StringSQ, `'{0}\{1}'`, `{0}\{1}`}, {Operator, "-f", "-f"}, {Variable, "$d", "d"}, {Comma, ",", ""}, {StringSQ, "'x'", "x"},
	}},
	{"operators", ModeExpr, "$a += 1..3 -join '' -NotLike ::", []tok{
		{Variable, "$a", "a"}, {Operator, "+=", "+="}, {Number, "1", ""}, {Operator, "..", ".."}, {Number, "3", ""},
		{Operator, "-join", "-join"}, {StringSQ, "''", ""}, {Operator, "-NotLike", "-notlike"}, {ColonColon, "::", ""},
	}},
	{"types and members", ModeExpr, "[Security.Principal.NTAccount]::new('a').Value[0]", []tok{
		{LBracket, "[", ""}, {Word, "Security", ""}, {Dot, ".", ""}, {Word, "Principal", ""}, {Dot, ".", ""},
		{Word, "NTAccount", ""}, {RBracket, "]", ""}, {ColonColon, "::", ""}, {Word, "new", ""}, {LParen, "(", ""},
		{StringSQ, "'a'", "a"}, {RParen, ")", ""}, {Dot, ".", ""}, {Word, "Value", ""}, {LBracket, "[", ""},
		{Number, "0", ""}, {RBracket, "]", ""},
	}},
	{"numbers", ModeExpr, "0x1F 1.5e-3 10kb 1L", []tok{{Number, "0x1F", ""}, {Number, "1.5e-3", ""}, {Number, "10kb", ""}, {Number, "1L", ""}}},
	{"redirections", ModeArg, "a > out.txt 2>&1 *>> all.log", []tok{
		{Word, "a", ""}, {Redirect, ">", ">"}, {Word, "out.txt", ""}, {Redirect, "2>&1", "2>&1"}, {Redirect, "*>>", "*>>"}, {Word, "all.log", ""},
	}},
	{"embedded quotes in a word", ModeArg, `C:\"Program Files"\x a'b c'd`, []tok{
		{Word, `C:\"Program Files"\x`, `C:\Program Files\x`}, {Word, "a'b c'd", "ab cd"},
	}},
	{"variable in a word", ModeArg, `$dir\ntrights.exe C:\$sub\x`, []tok{
		{Variable, "$dir", "dir"}, {Word, `\ntrights.exe`, ""}, {Word, `C:\$sub\x`, `C:\\x`},
	}},
	{"stop parsing", ModeArg, "icacls --% /grant Everyone:(F)\nnext", []tok{
		{Word, "icacls", ""}, {StopParsing, "--% /grant Everyone:(F)", "/grant Everyone:(F)"}, {Newline, "\n", ""}, {Word, "next", ""},
	}},
	{"unterminated string", ModeArg, "a 'b c", []tok{{Word, "a", ""}, {StringSQ, "'b c", "b c"}}},
}

func TestLex(t *testing.T) {
	for _, tt := range lexTests {
		t.Run(tt.name, func(t *testing.T) {
			toks, _ := lexAll([]byte(tt.src), 0, len(tt.src), tt.mode)
			var got []tok
			for _, k := range toks[:len(toks)-1] {
				g := tok{kind: k.Kind, text: tt.src[k.Start:k.End]}
				if k.Value != g.text {
					g.value = k.Value
				}
				got = append(got, g)
			}
			want := make([]tok, len(tt.want))
			for i, w := range tt.want {
				if w.value == w.text {
					w.value = "" // the value is the text
				}
				want[i] = w
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("lex %q:\n got %v\nwant %v", tt.src, got, want)
			}
		})
	}
}

func TestLexOffsets(t *testing.T) {
	src := "Grant-CPrivilege `\n  -Identity \"a$b\" @'\nx\n'@"
	toks, problems := lexAll([]byte(src), 0, len(src), ModeArg)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	type span struct{ s, e, cs, ce int }
	want := []span{{0, 16, 0, 16}, {21, 30, 0, 0}, {31, 36, 32, 35}, {37, 44, 40, 41}, {44, 44, 0, 0}}
	for i, w := range want {
		k := toks[i]
		got := span{k.Start, k.End, k.ContentStart, k.ContentEnd}
		if k.Kind == Param || k.Kind == EOF {
			got.cs, got.ce = 0, 0
		}
		if got != w {
			t.Errorf("token %d %s %q: span %v, want %v", i, k.Kind, src[k.Start:k.End], got, w)
		}
	}
	if p := toks[2].Parts; len(p) != 2 || p[0].Kind != PartLit || p[1].Kind != PartVar || src[p[1].Start:p[1].End] != "$b" {
		t.Errorf("parts of %q: %+v", src[toks[2].Start:toks[2].End], p)
	}
}

func TestLexProblems(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want string // the offset and start of one of the problems
	}{
		{"a 'b", "2 unterminated string"},
		{`x "b`, `2 unterminated string`},
		{"@'\nabc", "0 unterminated here-string"},
		{"<# abc", "0 unterminated block comment"},
		{`"$(a"`, `1 unterminated subexpression`},
		{"${abc", "0 unterminated variable name"},
	} {
		_, problems := lexAll([]byte(tt.src), 0, len(tt.src), ModeArg)
		var got []string
		for _, p := range problems {
			got = append(got, fmt.Sprintf("%d %s", p.Offset, p.Message))
		}
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, tt.want)
		}
		if !found {
			t.Errorf("lex %q: problems %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestLexLinear checks that pathological inputs lex in time proportional to their size.
func TestLexLinear(t *testing.T) {
	for _, unit := range []string{`"$(`, "@'\n", "<#", "'", "`", "${", "$($(", "a,", "@\"\n$(\"", "-", "--%"} {
		src := strings.Repeat(unit, 200000)
		for _, mode := range []Mode{ModeArg, ModeExpr} {
			toks, _ := lexAll([]byte(src), 0, len(src), mode)
			if len(toks) == 0 || toks[len(toks)-1].Kind != EOF {
				t.Errorf("%q: no EOF", unit)
			}
		}
		parse([]byte(src), 0, len(src))
	}
}

package batch

import (
	"slices"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// lexTests are batch texts and the program command lines cmd.exe would start for them, trailing
// blanks trimmed, with {braces} around bytes known only at run time. They also seed FuzzBatchLex.
var lexTests = []struct {
	name string
	text string
	want []string
}{
	{"plain", "ntrights +r SeX -u svc", []string{"ntrights +r SeX -u svc"}},
	{"operators", "@ntrights +r R -u a & ntrights +r R -u b && x || y | z", []string{"ntrights +r R -u a", "ntrights +r R -u b", "x", "y", "z"}},
	{"caret", "x a^&b ^| c^^d", []string{"x a&b | c^d"}},
	{"echo is not run", "echo ntrights +r SeX -u a & echo. x & echo(y", nil},
	{"continuation", "ntrights +r SeX ^\r\n-u svc\r\n", []string{"ntrights +r SeX -u svc"}},
	{"continuation escapes", "x a^\n&b", []string{"x a&b"}},
	{"quotes", `x "a & b" & y`, []string{`x "a & b"`, "y"}},
	{"quoted caret", `x "a^b" c^d`, []string{`x "a^b" cd`}},
	{"comments", "rem ntrights -u a & x\n:: ntrights\n:label\nREM\nx", []string{"x"}},
	{"set", "set U=svc\nx -u %U%", []string{"x -u svc"}},
	{"set case", "set user=svc\nx -u %USER%", []string{"x -u svc"}},
	{"set quoted", "set \"U=NT AUTHORITY\\SYSTEM\" junk\nx \"%U%\"", []string{`x "NT AUTHORITY\SYSTEM"`}},
	{"set empty unsets", "set U=a\nset U=\nx %U%", []string{"x {%U%}"}},
	{"set /a and /p", "set /a N=1+2\nset /p U=Who? \nx %N% %U%", []string{"x {%N%} {%U%}"}},
	{"unresolved", "x -u %SVC% %1 %* %~dp0 %U:~0,3%", []string{"x -u {%SVC%} {%1} {%*} {%~dp0} {%U:~0,3%}"}},
	{"percent", "x 100%% 5%", []string{"x 100% 5"}},
	{"block expands once", "set U=a\n(\nset U=b\nx %U%\n)\nx %U%", []string{"x a", "x b"}},
	{"for", "for %%u in (a b,\"c d\";e=f) do x %%u", []string{"x a", "x b", `x "c d"`, "x e", "x f"}},
	{"for dequote", "for %%u in (\"c d\") do x %%~u", []string{"x c d"}},
	{"for modifiers", "for %%u in (a) do x %%~nxu", []string{"x {%~nxu}"}},
	{"for /f", "for /f \"tokens=1\" %%u in ('type x') do x %%u", []string{"x {%u}"}},
	{"for /f options unquoted", "for /f tokens^=2^ delims^=^\" %%a in (\"x\") do x %%a", []string{"x {%a}"}},
	{"for /f options with an escaped quote and usebackq", "for /f usebackq^ tokens^=3^ delims^=^\" %%B in (`type \"a b.reg\" ^| find \"@\"`) do (\n  x %%B\n)\ny", []string{"x {%B}", "y"}},
	{"for /f options with a value past blanks", "(set LF=^\n%=-=%\n)\nfor /f eol^=^%LF%%LF%^ delims^= %%A in (\n  'type x'\n) do x %%A", []string{"x {%A}"}},
	{"for /l", "for /l %%n in (1,1,3) do x %%n", []string{"x {%n}"}},
	{"for glob", "for %%f in (*.txt) do x %%f", []string{"x {*.txt}"}},
	{"for block", "for %%u in (a b) do (\n  x %%u\n  y\n)", []string{"x a", "y", "x b", "y"}},
	{"for set over lines", "for %%u in (a\nb) do x %%u", []string{"x a", "x b"}},
	{"nested for", "for %%a in (1 2) do for %%b in (x y) do p %%a%%b", []string{"p 1x", "p 1y", "p 2x", "p 2y"}},
	{"if else", "if \"%1\"==\"\" (x 1) else (y 2)", []string{"x 1", "y 2"}},
	{"if forms", "if not exist \"C:\\a b\" x\nif /i %U%==a y\nif errorlevel 1 z\nif defined U w\nif 1 EQU 1 v", []string{"x", "y", "z", "w", "v"}},
	{"if multiline", "if 1==1 (\n  x\n) else (\n  y\n)", []string{"x", "y"}},
	{"redirections", "x -u a >nul 2>&1 <in.txt & y 2> \"err log\" z", []string{"x -u a", "y  z"}},
	{"call", "call x a\ncall :sub b\ncall set U=c\nx %U%", []string{"x a", "x c"}},
	{"start", "start \"\" /wait /d C:\\ x a\nstart /b y", []string{"x a", "y"}},
	{"delayed", "setlocal EnableDelayedExpansion\nset U=a\n(set U=b\nx !U! %U% !V!)", []string{"x b a {!V!}"}},
	{"paren in args", "x (a) & y", []string{"x (a)", "y"}},
	{"close paren at top", ") x\ny", []string{"y"}},
	{"labels in block", "(\n:: c\nx\n)", []string{"x"}},
	{"crlf", "set U=a\r\nx %U%\r\n", []string{"x a"}},
	{"exit leaves the rest unread", "x\r\nexit /b %errorlevel%\r\nvar a = (1;\r\nfor (var i=0;;) {\r\n", []string{"x"}},
	// :sub is read through its call only, with %1 bound; reading resumes at a label a GOTO names.
	{"exit, goto :eof and goto label", "call :sub a\ngoto :eof\njunk (\n:sub\ny %1\ngoto:EOF\njunk (\n:other\njunk (\n:END\nz\ngoto end\njunk (", []string{"y a", "z"}},
	{"a label reached by falling through runs with the script's parameters", "call :sub b\nx\n:sub\ny %1\ngoto :eof", []string{"y b", "x", "y {%1}"}},
	{"a call returns at exit /b, and reads on through other labels", "call :a \"q r\" s\nexit /b\n:a\ny %~1 %2 %*\n:b\nz %1\nexit /b\nw", []string{"y q r s \"q r\" s", "z \"q r\""}},
	{"a loop over a call's arguments runs once per argument", "call :a x y z\nexit /b\n:a\nif \"%~1\"==\"\" goto :eof\ny %1\nshift\ngoto a\nw\n:b\nv", []string{"y x", "y y", "y z"}},
	{"a GOTO back without SHIFT is not followed", "call :a x\nexit /b\n:a\ny %1\ngoto a\nw\n:b\nv\ngoto b", []string{"y x", "v", "v"}},
	{"shift moves the parameters of a call", "call :a x y\nexit /b\n:a\nshift\ny %1 %*", []string{"y y x y"}},
	{"a SETLOCAL in a call ends with it", "set V=1\ncall :a\ny %V%\nexit /b\n:a\nsetlocal\nset V=2\nz %V%\nexit /b", []string{"z 2", "y 1"}},
	{"without SETLOCAL a call sets the script's variables", "call :a\ny %V%\nexit /b\n:a\nset V=2\ngoto :eof", []string{"y 2"}},
	{"a label no goto or call names is not reached", "exit\n:unused\nx", nil},
	{"a goto to a variable may reach any label", "goto %1\nx\nexit /b\n:a\ny", []string{"x", "y"}},
	{"a goto to no label reads on", "goto nowhere\nx", []string{"x"}},
	{"conditional jumps read on", "x || exit /b 1\nif 1==1 exit\n(exit /b)\nfor %%a in (b) do goto :eof\ny && goto :eof\nexit /b | z\nw", []string{"x", "y", "z", "w"}},
	{"the commands after exit on its line", "exit /b & x\ny", []string{"x"}},
	{"path program", "C:\\Tools\\ntrights.exe +r R -u a", []string{`C:\Tools\ntrights.exe +r R -u a`}},
	{"setlocal and endlocal", "set U=a\nsetlocal\nset U=b\nx %U%\nset U=\ny %U%\nendlocal\nz %U%\nendlocal\nw %U%", []string{"x b", "y {%U%}", "z a", "w a"}},
	{"setlocal nests at most 32 deep", "set U=a\nfor %%i in (" + strings.Repeat("i ", 40) + ") do setlocal\n" + strings.Repeat("endlocal\n", 32) +
		"set U=b\nendlocal\nx %U%", []string{"x b"}},
	{"endlocal restores delayed expansion", "setlocal EnableDelayedExpansion\nset U=a\nx !U!\nendlocal\ny !U!", []string{"x a", "y !U!"}},
}

func testFile(text string) *source.File { return newFile("test.bat", source.LangBatch, text) }

// trace returns the command lines batch text starts, rendered as lexTests writes them.
func trace(text string, md mode) ([]string, *source.File) {
	f := testFile(text)
	m, done := newMachine(f)
	defer done()
	m.p.r.mode = md
	var got []string
	m.trace = func(t value.Text) { got = append(got, render(t)) }
	m.runAll()
	return got, f
}

func render(t value.Text) string {
	var b strings.Builder
	in := false
	for i := 0; i < t.Len(); i++ {
		u := t.Unresolved(i, i+1)
		if u != in {
			b.WriteString(map[bool]string{true: "{", false: "}"}[u])
			in = u
		}
		b.WriteByte(t.S[i])
	}
	if in {
		b.WriteByte('}')
	}
	return strings.TrimRight(b.String(), " \t")
}

func TestLex(t *testing.T) {
	for _, tt := range lexTests {
		got, f := trace(tt.text, fileMode)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q\n got %q\nwant %q", tt.name, tt.text, got, tt.want)
		}
		for _, p := range f.Problems {
			t.Errorf("%s: unexpected problem %s", tt.name, p.Message)
		}
	}
}

func TestLexCommandLine(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"for %i in (a b) do x %i", "x a|x b"},
		{"x %U% 100% %%", "x {%U%} 100% %%"},
		{"x %a b% c", "x %a b% c"},
		{"set U=v & x %U%", "x {%U%}"}, // cmd /c expands the whole line before SET runs
	} {
		got, _ := trace(tt.text, lineMode)
		if s := strings.Join(got, "|"); s != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, s, tt.want)
		}
	}
}

func TestLexProblems(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"(\nx", "never closed"},
		{"for %%u on (a) do x", "FOR command not understood"},
		{"for %%u in (a b do x", "FOR command not understood"},
	} {
		_, f := trace(tt.text, fileMode)
		if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, tt.want) {
			t.Errorf("%q: problems %v, want one with %q", tt.text, f.Problems, tt.want)
		}
	}
}

// TestMapping checks that values land where they were written: a variable's value on its
// reference, a loop element on the element.
func TestMapping(t *testing.T) {
	text := "set U=svc\nx %U%\nfor %%e in (one two) do y %%e"
	f := testFile(text)
	m, done := newMachine(f)
	defer done()
	var got []value.Text
	m.trace = func(t value.Text) { got = append(got, t) }
	m.runAll()
	if len(got) != 3 {
		t.Fatalf("got %d commands", len(got))
	}
	arg := func(t value.Text) (int, int) {
		a := cmdline.Split(t)[1]
		return a.Start(), a.End()
	}
	for i, want := range []string{"%U%", "one", "two"} {
		s, e := arg(got[i])
		if text[s:e] != want {
			t.Errorf("command %d: argument maps to %q, want %q", i, text[s:e], want)
		}
	}
}

package cmdline

import (
	"slices"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/value"
)

// splitTests are Windows command lines and the argv CommandLineToArgvW gives for them. They also
// seed FuzzSplit.
var splitTests = []struct {
	line string
	want []string
}{
	{`ntrights +r SeImpersonatePrivilege -u svc`, []string{"ntrights", "+r", "SeImpersonatePrivilege", "-u", "svc"}},
	{`"C:\Program Files\RK\ntrights.exe" -u "NT AUTHORITY\NETWORK SERVICE"`, []string{`C:\Program Files\RK\ntrights.exe`, "-u", `NT AUTHORITY\NETWORK SERVICE`}},
	{`C:\tools\ntrights.exe -u CONTOSO\svc`, []string{`C:\tools\ntrights.exe`, "-u", `CONTOSO\svc`}},
	{`prog a\\b c`, []string{"prog", `a\\b`, "c"}},
	{`prog "a\\" b`, []string{"prog", `a\`, "b"}},
	{`prog "c:\temp\" opt3 opt4`, []string{"prog", `c:\temp" opt3 opt4`}},
	{`prog a\\\"b c d`, []string{"prog", `a\"b`, "c", "d"}},
	{`prog a\\\\"b c" d e`, []string{"prog", `a\\b c`, "d", "e"}},
	{`prog a"b"" c d`, []string{"prog", `ab"`, "c", "d"}},
	{`prog this" is all a single "param`, []string{"prog", "this is all a single param"}},
	{`prog "" x`, []string{"prog", "", "x"}},
	{"  prog \t a\tb  ", []string{"prog", "a", "b"}},
	{`prog a^&b 'x y' %U%`, []string{"prog", "a^&b", "'x", "y'", "%U%"}},
	{`prog -u"NT AUTHORITY\SYSTEM"`, []string{"prog", `-uNT AUTHORITY\SYSTEM`}},
	{`prog "unterminated arg`, []string{"prog", "unterminated arg"}},
	{`"C:\x y\p.exe"`, []string{`C:\x y\p.exe`}},
	{`"unterminated program`, []string{"unterminated program"}},
	{``, nil},
	{`   `, nil},
	{`prog \`, []string{"prog", `\`}},
	{`prog \"`, []string{"prog", `"`}},
}

func TestSplit(t *testing.T) {
	for _, tt := range splitTests {
		var got []string
		for _, a := range Split(value.Source([]byte(tt.line), 0)) {
			got = append(got, a.Value.S)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestSplitOffsets(t *testing.T) {
	line := `x.exe -u "NT AUTHORITY\NETWORK SERVICE" +rSeX`
	args := Split(value.Source([]byte(line), 100))
	for _, tt := range []struct {
		i          int
		start, end int
		raw        string
	}{
		{0, 100, 105, "x.exe"},
		{2, 110, 138, `"NT AUTHORITY\NETWORK SERVICE"`},
		{3, 140, 145, "+rSeX"},
	} {
		a := args[tt.i]
		if a.Start() != tt.start || a.End() != tt.end || line[a.RawStart:a.RawEnd] != tt.raw {
			t.Errorf("arg %d: span %d-%d raw %q, want %d-%d %q", tt.i, a.Start(), a.End(), line[a.RawStart:a.RawEnd], tt.start, tt.end, tt.raw)
		}
	}
}

func TestCmdCommand(t *testing.T) {
	for _, tt := range []struct {
		line string
		want string
		ok   bool
	}{
		{`cmd /c ntrights +r X -u Y`, `ntrights +r X -u Y`, true},
		{`cmd /c "ntrights +r X -u "NT AUTHORITY\X""`, `ntrights +r X -u "NT AUTHORITY\X"`, true},
		{`cmd.exe /k "ntrights -u Y" & echo`, `ntrights -u Y & echo`, true},
		{`cmd /S /C ""C:\a b\ntrights.exe" -u Y"`, `"C:\a b\ntrights.exe" -u Y`, true},
		{`cmd /c "C:\a b\ntrights.exe"`, `"C:\a b\ntrights.exe"`, true},
		{`cmd /s /c "C:\a b\ntrights.exe"`, `C:\a b\ntrights.exe`, true},
		{`cmd /q /v:on /c"ntrights -u Y"`, `ntrights -u Y`, true},
		{`cmd /d/c ntrights`, `ntrights`, true},
		{`cmd`, ``, false},
		{`cmd /q`, ``, false},
		{`cmd x /c y`, ``, false},
		{`cmd /c "`, ``, true},
	} {
		inv := FromLine(value.Source([]byte(tt.line), 0))
		got, ok := cmdCommand(inv, inv.Args[0].RawEnd)
		if got.S != tt.want || ok != tt.ok {
			t.Errorf("cmdCommand(%q) = %q, %v; want %q, %v", tt.line, got.S, ok, tt.want, tt.ok)
		}
	}
}

func TestFromArgs(t *testing.T) {
	args := []Arg{
		{Value: value.Source([]byte("cmd"), 0)},
		{Value: value.Source([]byte("/S"), 10)},
		{Value: value.Source([]byte("/C"), 20)},
		{Value: value.Source([]byte(`ntrights +r X -u "A B"`), 30)},
	}
	inv := FromArgs(args)
	if want := `cmd /S /C "ntrights +r X -u "A B""`; inv.Line.S != want {
		t.Errorf("line = %q, want %q", inv.Line.S, want)
	}
	got, ok := cmdCommand(inv, inv.Args[0].RawEnd)
	if !ok || got.S != `ntrights +r X -u "A B"` || got.Offset(0) != 30 {
		t.Errorf("cmdCommand = %q (at %d), %v", got.S, got.Offset(0), ok)
	}
}

func TestJoinMapping(t *testing.T) {
	args := SplitArgs(value.Source([]byte(`a  "b c"`), 5))
	j := Join(args)
	if j.S != "a b c" {
		t.Fatalf("Join = %q", j.S)
	}
	for i, want := range []int{5, 6, 9, 10, 11} {
		if got := j.Offset(i); got != want {
			t.Errorf("Offset(%d) = %d, want %d", i, got, want)
		}
	}
	if j.Offset(j.Len()) != 12 {
		t.Errorf("end = %d, want 12", j.Offset(j.Len()))
	}
}

func TestDecodeEncodedCommand(t *testing.T) {
	for _, tt := range []struct {
		payload, want, err string
	}{
		{"ZABpAHIA", "dir", ""},
		{"//5kAGkAcgA=", "dir", ""},
		{"ZABp AHIA", "dir", ""},
		{"ZABpAHI", "", "not base64"},
		{"ZGly", "", "odd length"},
		{"ZABpAAAA", "", "NUL"},
		{"", "", "empty"},
		{"!!!!", "", "not base64"},
	} {
		got, err := DecodeEncodedCommand(tt.payload)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Decode(%q) error = %v, want %q", tt.payload, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Decode(%q) = %q, %v; want %q", tt.payload, got, err, tt.want)
		}
	}
}

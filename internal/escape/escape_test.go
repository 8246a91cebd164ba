package escape_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/internal/escape/ghrunner"
)

// hostile are texts an attacker can put in a file name or an account, for the property tests.
var hostile = []string{
	"",
	"gpo/GptTmpl.inf",
	`CONTOSO\svc-web`,
	"x\n::error file=README.md,line=1::pwned.inf",
	"a\r::warning::b",
	"\x1b[1A\x1b[2Kclean",
	"##[error]legacy",
	"###[error]x",
	"#\u200b#[error]x",
	"::error::x",
	"  ::error::x",
	"\u00a0::error::x",
	"\u3000::error::x",
	"\u2028::error::x",
	"\u0085::error::x",
	"\t::error::x",
	":",
	"  :",
	":x",
	"::",
	"bad\xff\xfeutf8",
	"\xe2\x80",
	"rtl\u202egnp.exe",
	"iso\u2066late\u2069",
	"zero\u200bwidth\ufeff",
	"tag\U000e0001",
	"del\x7f",
	"nul\x00",
	"Jürgen𝒜",
	"replacement \ufffd is printable",
	"100% of users, really: yes",
	`literal \x1b and \n`,
	"\"quoted\" and \\back\\slashed",
}

func TestHuman(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"gpo/GptTmpl.inf", "gpo/GptTmpl.inf"},
		{`CONTOSO\svc-web`, `CONTOSO\svc-web`},
		{"x\n::error file=README.md,line=1::y", `x\n::error file=README.md,line=1::y`},
		{"a\r\nb\tc\vd\fe\af\bg", `a\r\nb\tc\vd\fe\af\bg`},
		{"\x1b[1A\x1b[2Kclean", `\x1b[1A\x1b[2Kclean`},
		{"nul\x00 del\x7f", `nul\x00 del\x7f`},
		{"nel\u0085 csi\u009b", `nel\u0085 csi\u009b`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"rtl\u202egnp.exe \u2066x\u2069 \u200e\u200f\u061c", `rtl\u202egnp.exe \u2066x\u2069 \u200e\u200f\u061c`},
		{"zero\u200bwidth\ufeff soft\u00adhyphen", `zero\u200bwidth\ufeff soft\u00adhyphen`},
		{"nbsp\u00a0ideo\u3000", `nbsp\u00a0ideo\u3000`},
		{"tag\U000e0001 private\U000f0000", `tag\U000e0001 private\U000f0000`},
		{"bad\xff\xfeutf8 \xe2\x80", `bad\xff\xfeutf8 \xe2\x80`},
		{"##[error]x", `##\x5berror]x`},
		{"###[error]x ##[", `###\x5berror]x ##\x5b`},
		{"#[ok] # [ok]", "#[ok] # [ok]"},
		{"::error::x", `\x3a:error::x`},
		{"  ::error::x", `  \x3a:error::x`},
		{":colon.ps1", ":colon.ps1"},
		{":", `\x3a`},
		{"  :", `  \x3a`},
		{"a::b", "a::b"},
		{"\t::x", `\t::x`},
		{"\u00a0::x", `\u00a0::x`},
		{"Jürgen𝒜 \ufffd", "Jürgen𝒜 \ufffd"},
		{"", ""},
	} {
		if got := escape.Human(tt.in); got != tt.want {
			t.Errorf("Human(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkLine fails when line holds a byte no line privlint prints may hold, or would be read by the
// Actions runner as a command.
func checkLine(t *testing.T, what, line string) {
	t.Helper()
	if !utf8.ValidString(line) {
		t.Errorf("%s: not UTF-8: %q", what, line)
	}
	for _, r := range line {
		if r != '\t' && !strconv.IsPrint(r) {
			t.Errorf("%s: holds %U: %q", what, r, line)
		}
	}
	if c, ok := ghrunner.Parse(line); ok {
		t.Errorf("%s: the runner reads %q as the command %+v", what, line, c)
	}
}

// TestHumanIsSafe: whatever the text, and whatever comes before (spaces) or after it, a line made
// of it is printable and no workflow command.
func TestHumanIsSafe(t *testing.T) {
	for _, s := range hostile {
		for _, line := range []string{escape.Human(s), "  " + escape.Human(s) + "::x", escape.Human(s) + ":" + escape.Human(s)} {
			if strings.ContainsRune(line, '\t') {
				t.Errorf("Human(%q) holds a tab", s)
			}
			checkLine(t, "Human", line)
		}
	}
}

func TestGitHubMessage(t *testing.T) {
	for _, s := range hostile {
		got := escape.GitHubMessage(s)
		c, ok := ghrunner.Parse("::error file=a.inf::" + got)
		if !ok || c.Legacy || c.Name != "error" || c.Props["file"] != "a.inf" {
			t.Errorf("GitHubMessage(%q) = %q breaks the command: %+v", s, got, c)
			continue
		}
		if c.Data != escape.Human(s) {
			t.Errorf("GitHubMessage(%q): the runner shows %q, want %q", s, c.Data, escape.Human(s))
		}
		checkLine(t, "GitHubMessage", got)
	}
	if got, want := escape.GitHubMessage("100% of\r\nusers ##[x]"), `100%25 of\r\nusers ##\x5bx]`; got != want {
		t.Errorf("GitHubMessage = %q, want %q", got, want)
	}
}

func TestGitHubProperty(t *testing.T) {
	for _, s := range hostile {
		got := escape.GitHubProperty(s)
		if strings.ContainsAny(got, "\r\n:,") {
			t.Errorf("GitHubProperty(%q) = %q holds a separator", s, got)
		}
		c, ok := ghrunner.Parse("::warning file=" + got + ",line=3::m")
		want := map[string]string{"file": s, "line": "3"}
		if s == "" {
			delete(want, "file") // the runner drops a property without a value
		}
		if !ok || c.Name != "warning" || c.Data != "m" || fmt.Sprint(c.Props) != fmt.Sprint(want) {
			t.Errorf("GitHubProperty(%q) = %q: the runner reads %+v", s, got, c)
		}
	}
	if got, want := escape.GitHubProperty("a,b:c%d\r\ne"), "a%2Cb%3Ac%25d%0D%0Ae"; got != want {
		t.Errorf("GitHubProperty = %q, want %q", got, want)
	}
}

// unquoteGit undoes git's quote_c_style as git apply does (unquote_c_style).
func unquoteGit(t *testing.T, s string) string {
	t.Helper()
	if !strings.HasPrefix(s, `"`) {
		return s
	}
	if len(s) < 2 || !strings.HasSuffix(s, `"`) {
		t.Fatalf("unterminated quoted name %q", s)
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			if s[i] == '"' {
				t.Fatalf("bare quote in %q", s)
			}
			b.WriteByte(s[i])
			continue
		}
		i++
		if i == len(s) {
			t.Fatalf("trailing backslash in %q", s)
		}
		if j := strings.IndexByte(`abtnvfr"\`, s[i]); j >= 0 {
			b.WriteByte("\a\b\t\n\v\f\r\"\\"[j])
			continue
		}
		if i+3 > len(s) || s[i] < '0' || s[i] > '3' {
			t.Fatalf("bad escape in %q", s)
		}
		n, err := strconv.ParseUint(s[i:i+3], 8, 8)
		if err != nil {
			t.Fatalf("bad octal escape in %q", s)
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String()
}

func TestDiffPath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a/gpo/GptTmpl.inf", "a/gpo/GptTmpl.inf"},
		{"a/with space.inf", "a/with space.inf"},
		{"a/x\n::error::y.inf", `"a/x\n::error::y.inf"`},
		{"b/t\tr\rb\bv\vf\fa\a", `"b/t\tr\rb\bv\vf\fa\a"`},
		{"a/\x1b[1A\x7f\x00", `"a/\033[1A\177\000"`},
		{`a/say "hi"\now`, `"a/say \"hi\"\\now"`},
		{"a/Jürgen.inf", `"a/J\303\274rgen.inf"`},
		{"a/ls\u2028.inf", `"a/ls\342\200\250.inf"`},
		{"a/bad\xff.inf", `"a/bad\377.inf"`},
		{"a/##[error]x.inf", `"a/##\133error]x.inf"`},
	} {
		got := escape.DiffPath(tt.in)
		if got != tt.want {
			t.Errorf("DiffPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, s := range hostile {
		got := escape.DiffPath("a/" + s)
		if back := unquoteGit(t, got); back != "a/"+s {
			t.Errorf("DiffPath(%q) = %q reads back as %q", "a/"+s, got, back)
		}
		checkLine(t, "DiffPath", "--- "+got)
	}
}

func TestDiffLine(t *testing.T) {
	for _, tt := range []struct{ prefix, text, want string }{
		{" ", "[Privilege Rights]", " [Privilege Rights]"},
		{"-", `SeImpersonatePrivilege = *S-1-5-32-544,CONTOSO\svc`, `-SeImpersonatePrivilege = *S-1-5-32-544,CONTOSO\svc`},
		{" ", "\tntrights +r SeImpersonatePrivilege -u\tx", " \tntrights +r SeImpersonatePrivilege -u\tx"},
		{" ", ":: a batch comment", " :: a batch comment"},
		{" ", "Jürgen𝒜", " Jürgen𝒜"},
		{"-", "::error::x", "-::error::x"}, // starts with "-": no command
		{" ", "::error::x", ` \x3a:error::x`},
		{" ", "\t  ::warning file=a::x", ` \t  ::warning file=a::x`},
		{"+", "x ##[error]y", `+x ##\x5berror]y`},
		{"-", "a\x1b[2Kb", `-a\x1b[2Kb`},
		{"-", "a\u202eb", `-a\u202eb`},
		{"-", "a\xffb", `-a\xffb`},
		{" ", "\u00a0::error::x", ` \u00a0::error::x`},
	} {
		if got := escape.DiffLine(tt.prefix, tt.text); got != tt.want {
			t.Errorf("DiffLine(%q, %q) = %q, want %q", tt.prefix, tt.text, got, tt.want)
		}
	}
	for _, s := range hostile {
		for _, prefix := range []string{" ", "-", "+"} {
			got := escape.DiffLine(prefix, s)
			if got != prefix+s && got != prefix+escape.Human(s) {
				t.Errorf("DiffLine(%q, %q) = %q: neither the text nor Human's", prefix, s, got)
			}
			checkLine(t, "DiffLine", got)
		}
	}
}

func TestJSON(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"x\n\x1b", `"x\n\u001b"`},
		{"del\x7f nel\u0085", `"del\u007f nel\u0085"`},
		{"ls\u2028", `"ls\u2028"`},
		{"rtl\u202e zw\u200b", `"rtl\u202e zw\u200b"`},
		{"tag\U000e0001", `"tag\udb40\udc01"`},
		{"##[error]", `"##\u005berror]"`},
		{"###[", `"###\u005b"`},
		{"Jürgen𝒜", `"Jürgen𝒜"`},
		{"bad\xff", `"bad\ufffd"`},
	} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(tt.in); err != nil {
			t.Fatal(err)
		}
		got := string(escape.JSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
		if got != tt.want {
			t.Errorf("JSON(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// Whole documents decode to what they held, with every line safe to print.
	doc := map[string]any{"paths": hostile, "nested": []any{map[string]string{"account": "CONTOSO\\evil\n::warning::x"}}}
	for _, indent := range []string{"", "  "} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", indent)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		got := escape.JSON(buf.Bytes())
		var want, back any
		if err := json.Unmarshal(buf.Bytes(), &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("JSON output does not parse: %v\n%s", err, got)
		}
		if a, b := mustMarshal(t, want), mustMarshal(t, back); a != b {
			t.Errorf("JSON changed the document:\n%s\nwant\n%s", b, a)
		}
		for _, line := range ghrunner.Lines(string(got)) {
			checkLine(t, "JSON", line)
		}
	}
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRunnerParse(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"::error::x", true},
		{" \u00a0\u2028::warning file=a::x", true},
		{":: a batch comment", false},
		{"x ::error::y", false},
		{"x ##[error]y", true},
		{"plain", false},
	} {
		if _, got := ghrunner.Parse(tt.line); got != tt.want {
			t.Errorf("Parse(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
	if got := ghrunner.Lines("a\r\nb\rc\nd\n"); strings.Join(got, "|") != "a|b|c|d" {
		t.Errorf("Lines = %q", got)
	}
}

// FuzzEscape checks every channel's promise on any text: Human and DiffLine give printable lines
// that are no workflow command, the runner gets GitHubMessage back as Human's rendering and
// GitHubProperty exactly, git reads DiffPath back exactly, and JSON decodes to what it was given.
func FuzzEscape(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkLine(t, "Human", escape.Human(s))
		checkLine(t, "Human after spaces", "  "+escape.Human(s)+"::x")
		for _, prefix := range []string{" ", "-", "+"} {
			got := escape.DiffLine(prefix, s)
			if got != prefix+s && got != prefix+escape.Human(s) {
				t.Errorf("DiffLine(%q, %q) = %q", prefix, s, got)
			}
			checkLine(t, "DiffLine", got)
		}
		if c, ok := ghrunner.Parse("::error::" + escape.GitHubMessage(s)); !ok || c.Data != escape.Human(s) {
			t.Errorf("GitHubMessage(%q): the runner reads %+v", s, c)
		}
		if c, ok := ghrunner.Parse("::error file=" + escape.GitHubProperty(s) + ",line=1::m"); !ok || s != "" && c.Props["file"] != s {
			t.Errorf("GitHubProperty(%q): the runner reads %+v", s, c)
		}
		got := escape.DiffPath("a/" + s)
		if back := unquoteGit(t, got); back != "a/"+s {
			t.Errorf("DiffPath(%q) = %q reads back as %q", s, got, back)
		}
		checkLine(t, "DiffPath", "--- "+got)
		enc, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var want, back string
		if err := json.Unmarshal(enc, &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(escape.JSON(enc), &back); err != nil || back != want {
			t.Errorf("JSON(%s) = %s decodes to %q (%v), want %q", enc, escape.JSON(enc), back, err, want)
		}
		checkLine(t, "JSON", string(escape.JSON(enc)))
	})
}

package dockerfile

import (
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

func TestInstructions(t *testing.T) {
	for _, tt := range []struct {
		text   string
		escape byte
		want   []string
	}{
		{"FROM x\nRUN a b\n", '\\', []string{"FROM|x", "RUN|a b"}},
		{"run a \\\n  b\\\n\n# c\n  c", '\\', []string{"RUN|a   b  c"}},
		{"RUN a `\r\n  b\r\n", '`', []string{"RUN|a   b"}},
		{"# comment\n\n  RUN\ta\n", '\\', []string{"RUN|a"}},
		{"RUN a \\", '\\', []string{"RUN|a "}},
	} {
		var got []string
		for _, ins := range instructions(value.Source([]byte(tt.text), 0), tt.escape) {
			got = append(got, ins.keyword+"|"+ins.args.S)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("instructions(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDirectiveEscape(t *testing.T) {
	for text, want := range map[string]byte{
		"# escape=`\nFROM x": '`',
		"#syntax=docker/dockerfile:1\n# Escape = ` \nFROM x": '`',
		"# a comment\n# escape=`\n":                          '\\',
		"FROM x\n# escape=`\n":                               '\\',
	} {
		if got := directiveEscape(text); got != want {
			t.Errorf("directiveEscape(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestJSONArray(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
		ok   bool
	}{
		{`["a", "b c"]`, []string{"a", "b c"}, true},
		{` [ "C:\\x\\y.exe" ,"\"q\"", "\u0041\ud83d\ude00" ] `, []string{`C:\x\y.exe`, `"q"`, "A\U0001F600"}, true},
		{`[]`, nil, true},
		{`["a" "b"]`, nil, false},
		{`["a"] x`, nil, false},
		{`["a\q"]`, nil, false},
		{`[a]`, nil, false},
		{`not json`, nil, false},
	} {
		args, ok := jsonArray(value.Source([]byte(tt.text), 0))
		var got []string
		for _, a := range args {
			got = append(got, a.Value.S)
		}
		if ok != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("jsonArray(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzDockerfile runs the Dockerfile extractor over arbitrary text: no panic, allocations within
// checktest's bound, positions in the file.
func FuzzDockerfile(f *testing.F) {
	f.Add("# escape=`\nFROM windows\nRUN ntrights +r SeImpersonatePrivilege `\n -u x\n")
	f.Add("FROM ubuntu\nRUN [\"editrights\", \"-a\", \"SeX\", \"-u\", \"a\\\\b\"]\nSHELL [\"pwsh\", \"-c\"]\nRUN x\n")
	f.Add("FROM a AS b\nFROM b\nRUN --mount=x cmd /c ntrights\n")
	f.Add("FROM ubuntu\nRUN a=x; " + strings.Repeat(`a="$a$a"; `, 12) + `ntrights +r SeImpersonatePrivilege -u "$a"` + "\n")
	f.Fuzz(func(t *testing.T, text string) {
		tf := token.NewFileSet().AddFile("Dockerfile", -1, len(text))
		tf.SetLinesForContent([]byte(text))
		file := &source.File{Name: "Dockerfile", Text: []byte(text), Lang: source.LangDockerfile, Tok: tf, Nested: testInterpreters}
		var out []assign.Assignment
		checktest.Bounded(t, len(text), func() { out = Extract(file) })
		for _, a := range out {
			if int(a.Pos) < tf.Base() || int(a.End) > tf.Base()+len(text) {
				t.Fatalf("assignment %q at %d-%d outside the file", a.Right, a.Pos, a.End)
			}
		}
	})
}

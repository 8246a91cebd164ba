package shell

import (
	"slices"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/value"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/source"
)

// render writes a field with {braces} around the bytes known only at run time.
func render(t value.Text) string {
	var b strings.Builder
	in := false
	for i := 0; i < t.Len(); i++ {
		if u := t.Unresolved(i, i+1); u != in {
			b.WriteString(map[bool]string{true: "{", false: "}"}[u])
			in = u
		}
		b.WriteByte(t.S[i])
	}
	if in {
		b.WriteByte('}')
	}
	return b.String()
}

// TestFields checks how the words of the last command of a script become arguments.
func TestFields(t *testing.T) {
	for _, tt := range []struct {
		script string
		want   []string
	}{
		{`x a 'b c' "d e" f\ g`, []string{"x", "a", "b c", "d e", "f g"}},
		{`x 'C:\Tools' "C:\\Tools" C:\\Tools C:\Tools`, []string{"x", `C:\Tools`, `C:\Tools`, `C:\Tools`, "C:Tools"}},
		{"x a\\\nb", []string{"x", "ab"}},
		{`V='a b'; x $V "$V" ${V}c`, []string{"x", "a", "b", "a b", "a", "bc"}},
		{`x $U "${U}" "$1" "$(id -u)" $((1+2))`, []string{"x", "{$U}", "{${U}}", "{$1}", "{$(id -u)}", "{$((1+2))}"}},
		{`V=v; x "${V:-d}" "${W:-d}" "${V#x}"`, []string{"x", "v", "{${W:-d}}", "{${V#x}}"}},
		{`x $'a\tb' "" ''`, []string{"x", "a\tb", "", ""}},
		{`E=; x $E "$E"`, []string{"x", ""}},
		{`x *.acct`, []string{"x", "{*.acct}"}},
		{`D=CONTOSO; x "$D\\svc" "$D\svc"`, []string{"x", `CONTOSO\svc`, `CONTOSO\svc`}},
	} {
		file, err := syntax.NewParser().Parse(strings.NewReader(tt.script), "")
		if err != nil {
			t.Fatalf("%q: %v", tt.script, err)
		}
		w := newWalker(newFile("t.sh", source.LangShell, tt.script), value.Source([]byte(tt.script), 0))
		for _, st := range file.Stmts[:len(file.Stmts)-1] {
			for _, a := range st.Cmd.(*syntax.CallExpr).Assigns {
				w.assign(a)
			}
		}
		last := file.Stmts[len(file.Stmts)-1].Cmd.(*syntax.CallExpr)
		var got []string
		for _, wd := range last.Args {
			for _, f := range w.fields(wd) {
				got = append(got, render(f))
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.script, got, tt.want)
		}
	}
}

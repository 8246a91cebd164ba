package puppet

import (
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

func testFile(text string) *source.File { return newFile("site.pp", source.LangPuppet, text) }

// FuzzPuppet runs the lexer, the parser and the extraction over arbitrary manifests: they must not
// panic, and every token, assignment, account, edit and problem must lie in the text.
func FuzzPuppet(f *testing.F) {
	for _, tt := range lexTests {
		f.Add(tt.src)
	}
	for _, tt := range parseTests {
		f.Add(tt.src)
	}
	f.Add("$s = 'x'\nlocal_security_policy { 'Impersonate a client after authentication': policy_value => \"merge: +a, -b,${s}\" }")
	f.Add("exec { 'g': command => 'ntrights +r SeImpersonatePrivilege -u a', provider => powershell }")
	f.Add("$x = @(\"A\"/L)\n  ${y}\n  |-A\n")
	f.Fuzz(func(t *testing.T, text string) {
		toks, _ := Lex([]byte(text))
		for _, tok := range toks {
			if tok.Start < 0 || tok.End > len(text) || tok.Start > tok.End {
				t.Fatalf("token %v at %d-%d outside the text", tok.Kind, tok.Start, tok.End)
			}
			if tok.Str == nil {
				continue
			}
			for _, p := range tok.Str.Parts {
				for i := 0; i <= p.Lit.Len(); i++ {
					if off := p.Lit.Offset(i); off < 0 || off > len(text) {
						t.Fatalf("character %d of %q maps to %d", i, p.Lit.S, off)
					}
				}
			}
		}
		file := testFile(text)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, Extract(file)) })
	})
}

package chef

import (
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

func testFile(text string) *source.File { return newFile("recipe.rb", source.LangRuby, text) }

// checkToks fails when a token or a string character lies outside the text.
func checkToks(t *testing.T, toks []Token, n int) {
	t.Helper()
	for _, tok := range toks {
		if tok.Start < 0 || tok.End > n || tok.Start > tok.End {
			t.Fatalf("token %v at %d-%d outside the text (%d bytes)", tok.Kind, tok.Start, tok.End, n)
		}
		if tok.Str == nil {
			continue
		}
		for _, s := range append([]*Str{tok.Str}, tok.Str.Words...) {
			for _, p := range s.Parts {
				for i := 0; i <= p.Lit.Len(); i++ {
					if off := p.Lit.Offset(i); off < 0 || off > n {
						t.Fatalf("character %d of %q maps to %d, outside the text", i, p.Lit.S, off)
					}
				}
				checkToks(t, p.Expr, n)
			}
		}
	}
}

// FuzzRubyLex runs the Ruby lexer and parser over arbitrary text: they must not panic, and every
// token and string character must lie in the text.
func FuzzRubyLex(f *testing.F) {
	for _, tt := range lexTests {
		f.Add(tt.src)
	}
	for _, tt := range parseTests {
		f.Add(tt.src)
	}
	f.Add("x = <<~A + <<-B\n  #{<<C}\nC\nA\n  B\n")
	f.Add("\"#{\"#{\"#{'")
	f.Add("%w(a (b) \\) c")
	f.Fuzz(func(t *testing.T, text string) {
		var toks []Token
		var problems, pp []Problem
		checktest.Bounded(t, len(text), func() {
			toks, problems = Lex([]byte(text))
			_, pp = Parse([]byte(text))
		})
		checkToks(t, toks, len(text))
		for _, p := range append(problems, pp...) {
			if p.Offset < 0 || p.Offset > len(text) {
				t.Fatalf("problem %q at %d, outside the text", p.Message, p.Offset)
			}
		}
	})
}

// FuzzChef runs the whole extraction over arbitrary recipes: it must not panic, and every
// assignment, account, edit and problem must lie in the file.
func FuzzChef(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.src)
	}
	f.Add("windows_user_privilege 'a' do\n privilege %w(SeImpersonatePrivilege)\n users ['b', c]\n action [:set, :add]\nend")
	f.Add("powershell_script 'x' do\n code <<~EOH\n  Grant-CPrivilege -Identity '#{u}' -Privilege SeImpersonatePrivilege\n EOH\nend")
	f.Add("batch 'b' do code \"ntrights +r SeImpersonatePrivilege -u #{x}\" end\nexecute 'ntrights -u a +r SeImpersonatePrivilege'")
	f.Add("dsc_resource 'd' do\n resource :userrightsassignment\n property :policy, 'Impersonate_a_client_after_authentication'\n property :identity, 'a,b'\n property :force, true\nend")
	f.Add("u = %w(a b)\nu.each do |x|\n u.each do |y|\n windows_user_privilege x do privilege y end\n end\nend")
	f.Add("h = {a: {'b' => %w(x y)}, :c => 1}\ng = {d: h, e: h}\nwindows_user_privilege g[:d][:a]['b'] do privilege (h)[:c] end")
	f.Fuzz(func(t *testing.T, text string) {
		file := testFile(text)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, Extract(file)) })
	})
}

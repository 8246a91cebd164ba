package chef

import (
	"fmt"
	"strings"
	"testing"
)

// lexTests are Ruby texts and their tokens as render writes them. They also seed FuzzRubyLex.
var lexTests = []struct {
	name, src, want string
}{
	{"call", `privilege 'SeImpersonatePrivilege'`, `privilege 'SeImpersonatePrivilege'`},
	{"single quotes keep backslashes", `'CONTOSO\svc' 'a\'b\\c'`, `'CONTOSO\svc' 'a'b\c'`},
	{"double quotes", `"a\tb\\c\x41\u00e9\u{41 42}\101"`, "'a\tb\\cAéABA'"},
	{"interpolation", `"x#{user}y#{a["}"]}z"`, `'x{user}y{a [ '}' ]}z'`},
	{"ivar interpolation", `"#@svc-#$g"`, `'{@svc}-{$g}'`},
	{"symbols", `action :add; [:remove, :"set it", :+, :[]=]`, `action :add ; [ :remove , :set it , :+ , :[]= ]`},
	{"labels", `f(key: 1, 'k' => :v)`, `f ( key: 1 , 'k' => :v )`},
	{"ternary is not a label", `a ? b :c`, `a ? b :c`},
	{"scope", `Chef::Log.info`, `Chef :: Log . info`},
	{"comments", "a # x\n=begin\nb\n=end\nc", `a \n c`},
	{"words", `users %w(CONTOSO\a  b\ c (d))`, `users ['CONTOSO\a' 'b c' '(d)']`},
	{"percent strings", `%q(a (b) 'c'); %Q[x#{y}]; %(z)`, `'a (b) 'c'' ; 'x{y}' ; 'z'`},
	{"modulo is an operator", `a % b; x %w`, `a % b ; x % w`},
	{"regexp", `x =~ /a\/b/i; y = a / b; puts /z/`, `x =~ /re/ ; y = a / b ; puts /re/`},
	{"heredoc", "code <<-EOH\n  a\n  EOH\nb", "code '  a\n' \\n b"},
	{"squiggly heredoc", "code <<~EOH.strip\n    a #{u}\n      b\n\n  EOH\nc", "code 'a {u}\n  b\n\n' . strip \\n c"},
	{"quoted heredoc", "x(<<~'A', <<B)\n  #{raw}\\n\nA\nb\\tc\nB\nz", "x ( '#{raw}\\n\n' , 'b\tc\n' ) \\n z"},
	{"heredoc with tabs", "x = <<~E\n\t\ta\n\t  b\nE", "x = '\ta\nb\n' \\n"},
	{"append is not a heredoc", "a << b; c<<d; class <<self", "a << b ; c << d ; class << self"},
	{"character literal", `x = ?a; y = c ? d : e`, `x = 'a' ; y = c ? d : e`},
	{"def operators", `def /(x) end; def <<(y) end`, `def / ( x ) end ; def << ( y ) end`},
	{"line continuation", "a \\\n  b", `a b`},
	{"crlf", "a\r\nb\r\n", `a \n b \n`},
	{"end marker", "a\n__END__\nb 'c", `a \n`},
	{"numbers", `1_000 1.5e-3 0x1F`, `1 1 1`},
	{"variables", `@a @@b $c $! @`, `@a @@b $c $! @`},
}

// render writes tokens compactly: strings in single quotes with interpolations in braces, word
// lists in brackets, other tokens as their text.
func render(toks []Token, src string) string {
	var parts []string
	for _, t := range toks {
		switch t.Kind {
		case EOF:
		case Newline:
			if t.Text == ";" {
				parts = append(parts, ";")
			} else {
				parts = append(parts, `\n`)
			}
		case String:
			parts = append(parts, renderStr(t.Str, src))
		case Symbol:
			if t.Text == "" && t.Str != nil {
				parts = append(parts, renderStr(t.Str, src))
			} else {
				parts = append(parts, ":"+t.Text)
			}
		case Words:
			var ws []string
			for _, w := range t.Str.Words {
				ws = append(ws, renderStr(w, src))
			}
			parts = append(parts, "["+strings.Join(ws, " ")+"]")
		case Regexp:
			parts = append(parts, "/re/")
		case Number:
			parts = append(parts, "1")
		case Label:
			parts = append(parts, t.Text+":")
		default:
			parts = append(parts, t.Text)
		}
	}
	return strings.Join(parts, " ")
}

func renderStr(s *Str, src string) string {
	var b strings.Builder
	for _, p := range s.Parts {
		if p.Interp {
			fmt.Fprintf(&b, "{%s}", render(p.Expr, src))
		} else {
			b.WriteString(p.Lit.S)
		}
	}
	return "'" + b.String() + "'"
}

func TestLex(t *testing.T) {
	for _, tt := range lexTests {
		t.Run(tt.name, func(t *testing.T) {
			toks, problems := Lex([]byte(tt.src))
			if got := render(toks, tt.src); got != tt.want {
				t.Errorf("Lex(%q)\n got %s\nwant %s", tt.src, got, tt.want)
			}
			if len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
		})
	}
}

// TestLexMapping checks that the characters of strings map back to where the source wrote them.
func TestLexMapping(t *testing.T) {
	src := "x = \"a\\tb\"\ncode <<~EOH\n    ntrights -u z\n  EOH\n"
	toks, _ := Lex([]byte(src))
	var strs []*Str
	for _, t := range toks {
		if t.Kind == String {
			strs = append(strs, t.Str)
		}
	}
	if len(strs) != 2 {
		t.Fatalf("want 2 strings, got %d", len(strs))
	}
	lit := strs[0].Parts[0].Lit
	if s, e := lit.Span(1, 2); src[s:e] != `\t` {
		t.Errorf("the tab maps to %q, want the escape", src[s:e])
	}
	body := strs[1].Parts[0].Lit
	i := strings.Index(body.S, "z")
	if s, e := body.Span(i, i+1); src[s:e] != "z" || s != strings.Index(src, "z") {
		t.Errorf("z of the heredoc maps to %d %q", s, src[s:e])
	}
	if strs[1].Verbatim || !strings.HasPrefix(body.S, "ntrights") {
		t.Errorf("dedented body %q verbatim=%v", body.S, strs[1].Verbatim)
	}
}

func TestLexProblems(t *testing.T) {
	tests := []struct{ src, want string }{
		{`x = 'abc`, "string starting here is never closed"},
		{"x = \"a#{b\n", "interpolation #{ is never closed"},
		{"code <<~EOH\n  a\n", "heredoc <<EOH has no terminating line"},
		{"=begin\nx", "=begin comment is never closed"},
		{`%w(a b`, "%w literal starting here is never closed"},
		{strings.Repeat(`"#{`, 70), "string interpolations nest more than 64 levels"},
	}
	for _, tt := range tests {
		_, problems := Lex([]byte(tt.src))
		if len(problems) == 0 || !strings.Contains(problems[0].Message, tt.want) {
			t.Errorf("Lex(%q) problems %v, want %q", tt.src, problems, tt.want)
		}
	}
}

package puppet

import (
	"fmt"
	"strings"
	"testing"
)

// lexTests are Puppet texts and their tokens as render writes them. They also seed FuzzPuppet.
var lexTests = []struct {
	name, src, want string
}{
	{"resource", "local_security_policy { 'Impersonate': policy_value => 'a,b', }",
		"local_security_policy { 'Impersonate' : policy_value => 'a,b' , }"},
	{"single quotes keep backslashes", `'CONTOSO\svc' 'it\'s' 'a\\b'`, `'CONTOSO\svc' 'it's' 'a\b'`},
	{"double quotes", `"a\tb\$c\"d\u00e9\u{41}\q"`, "'a\tb$c\"déA\\q'"},
	{"interpolation", `"${svc},$web,${facts['x']['y']},$::fqdn"`, `'{svc},{web},{},{::fqdn}'`},
	{"variables", `$a = $::b + $c::d`, `$a = $::b + $c::d`},
	{"types and names", `File['x'] -> Service['y'] ~> exec`, `File [ 'x' ] -> Service [ 'y' ] ~> exec`},
	{"comments", "a # x\n/* b\n c */ d", `a d`},
	{"regexp", `if $x =~ /a\/b/ { } $y = $a / 2`, `if $x =~ /re/ { } $y = $a / 1`},
	{"node regexp", `node /^web\d+$/ { }`, `node /re/ { }`},
	{"heredoc", "$x = @(EOT)\n  a $y\n  | EOT\nb", "$x = 'a $y\n' b"},
	{"heredoc interpolates when quoted", "f(@(\"END\"/t), 1)\n  x\\t${z}\n  |- END\n", "f ( 'x\t{z}' , 1 )"},
	{"heredoc without margin", "@(A:json)\n{ }\nA\n", "'{ }\n'"},
	{"not a heredoc", "@foo { 'x': } @@bar { 'y': }", "@ foo { 'x' : } @ @ bar { 'y' : }"},
	{"collectors", "User <| title == 'x' |>", "User <| title == 'x' |>"},
	{"numbers", "0x1F 1.5 3", "1 1 1"},
}

func render(toks []Token) string {
	var parts []string
	for _, t := range toks {
		switch t.Kind {
		case EOF:
		case String:
			var b strings.Builder
			for _, p := range t.Str.Parts {
				if p.Interp {
					fmt.Fprintf(&b, "{%s}", p.Name)
				} else {
					b.WriteString(p.Lit.S)
				}
			}
			parts = append(parts, "'"+b.String()+"'")
		case Var:
			parts = append(parts, "$"+t.Text)
		case Number:
			parts = append(parts, "1")
		case Regexp:
			parts = append(parts, "/re/")
		default:
			parts = append(parts, t.Text)
		}
	}
	return strings.Join(parts, " ")
}

func TestLex(t *testing.T) {
	for _, tt := range lexTests {
		t.Run(tt.name, func(t *testing.T) {
			toks, problems := Lex([]byte(tt.src))
			if got := render(toks); got != tt.want {
				t.Errorf("Lex(%q)\n got %s\nwant %s", tt.src, got, tt.want)
			}
			if len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
		})
	}
}

// TestLexMapping checks that string characters map back to where the source writes them.
func TestLexMapping(t *testing.T) {
	src := "$x = \"a\\tb\"\n$y = @(E)\n    CONTOSO\\svc\n    | E\n"
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
	if s, e := strs[0].Parts[0].Lit.Span(1, 2); src[s:e] != `\t` {
		t.Errorf("the tab maps to %q, want its escape", src[s:e])
	}
	body := strs[1].Parts[0].Lit
	if body.S != "CONTOSO\\svc\n" {
		t.Errorf("heredoc body %q", body.S)
	}
	if s, _ := body.Span(0, 1); s != strings.Index(src, "CONTOSO") {
		t.Errorf("heredoc body starts at %d, want %d", s, strings.Index(src, "CONTOSO"))
	}
}

func TestLexProblems(t *testing.T) {
	tests := []struct{ src, want string }{
		{`$x = 'abc`, "string starting here is never closed with '"},
		{`"a ${b`, "interpolation ${ is never closed"},
		{"/* x", "comment /* is never closed"},
		{"$x = @(EOT)\n a\n", "heredoc @(EOT) has no end line"},
		{"$x =~ /ab\n", "regular expression starting here is never closed"},
	}
	for _, tt := range tests {
		_, problems := Lex([]byte(tt.src))
		if len(problems) == 0 || !strings.Contains(problems[0].Message, tt.want) {
			t.Errorf("Lex(%q) problems %v, want %q", tt.src, problems, tt.want)
		}
	}
}

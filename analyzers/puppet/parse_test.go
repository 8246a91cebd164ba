package puppet

import (
	"fmt"
	"strings"
	"testing"
)

// parseTests are manifests and the declarations Parse finds, as dump writes them: an assignment's
// value is cut after the operator that makes it more than a literal. They also seed FuzzPuppet.
var parseTests = []struct {
	name, src, want string
}{
	{"resource", "local_security_policy { 'Impersonate a client after authentication':\n  ensure => present,\n  policy_value => '*S-1-5-19',\n}",
		`local_security_policy{'Impersonate a client after authentication': ensure=present policy_value='*S-1-5-19'}`},
	{"several bodies", "user { 'a': ensure => present; 'b': ensure => absent; }", `user{'a': ensure=present; 'b': ensure=absent}`},
	{"array title and nested values", "file { ['a', 'b']: content => { 'k' => [1, 2] }, mode => '0644' }",
		`file{['a', 'b']: content={ 'k' => [1, 2] } mode='0644'}`},
	{"assignments", "$a = 'x'\n$b = ['y', 'z']\n$c = $a + 'q'\n$d = lookup('k')", `$a='x' $b=['y', 'z'] $c=$a + $d=lookup(`},
	{"class parameters", "class x ( $p = 'v' ) { $q = 'w' }", `param $p='v' $q='w'`},
	{"keywords are not resources", "if $x { } else { } case $y { default: { } } node 'n' { } class c { }", ``},
	{"inside a class", "class profile { exec { 'x': command => 'y' } }", `exec{'x': command='y'}`},
	{"defaults and references are not resources", "Exec { path => 'x' } File['y'] { mode => '0' }", ``},
	{"method calls are not resources", "$a.each |$x| { notify { $x: } }", `notify{$x:}`},
	{"virtual and exported", "@user { 'a': } @@host { 'b': ip => '1' }", `user{'a':} host{'b': ip='1'}`},
	{"splat", "file { 'a': * => $attrs }", `file{'a': *=$attrs}`},
	// Arms are written @chain:index, the chain being the offset of if, unless or case.
	{"if elsif else", "if $a { n { 'x': } } elsif $b { n { 'y': } } else { n { 'z': } } n { 'w': }",
		`n{'x':}@0:0 n{'y':}@0:1 n{'z':}@0:2 n{'w':}`},
	{"nested", "if $a { if $b { n { 'x': } } else { n { 'y': } } }", `n{'x':}@0:0@8:0 n{'y':}@0:0@8:1`},
	{"unless else", "unless $a { n { 'x': } } else { n { 'y': } }", `n{'x':}@0:0 n{'y':}@0:1`},
	{"case arms", "case $r { 'a', 'b': { n { 'x': } } /c/: { n { 'y': } } default: { n { 'z': } } }",
		`n{'x':}@0:0 n{'y':}@0:1 n{'z':}@0:2`},
	{"if in a case arm", "case $r { 'a': { if $b { n { 'x': } } } }", `n{'x':}@0:0@17:0`},
	{"brackets in the condition", "if $f['a'] in ['b'] { n { 'x': } } else { n { 'y': } }", `n{'x':}@0:0 n{'y':}@0:1`},
	{"a hash after if's block is no arm", "if $a { } $h = { 'k' => 1 } n { 'x': }", `$h={ n{'x':}`},
	{"selector arms are expressions", "$v = $r ? { 'a' => 1, default => 2 } n { 'x': }", `$v=$r ? n{'x':}`},
}

func dump(decls []Decl, src string) string {
	var parts []string
	text := func(e Expr) string { return src[e.Start:e.End] }
	for _, d := range decls {
		switch d := d.(type) {
		case Assignment:
			s := "$" + d.Name + "=" + text(d.Value)
			if d.Param {
				s = "param " + s
			}
			parts = append(parts, s)
		case Resource:
			var bodies []string
			for _, b := range d.Bodies {
				s := text(b.Title) + ":"
				for _, a := range b.Attrs {
					s += " " + a.Name + "=" + text(a.Value)
				}
				bodies = append(bodies, s)
			}
			arms := ""
			for _, a := range d.Arms {
				arms += fmt.Sprintf("@%d:%d", a.Chain, a.Index)
			}
			parts = append(parts, d.Type+"{"+strings.Join(bodies, "; ")+"}"+arms)
		}
	}
	return strings.Join(parts, " ")
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			toks, lp := Lex([]byte(tt.src))
			decls, pp := Parse(toks)
			if got := dump(decls, tt.src); got != tt.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
			}
			if len(lp)+len(pp) > 0 {
				t.Errorf("problems: %v %v", lp, pp)
			}
		})
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct{ src, want string }{
		{"file { 'a': ", "`{` is never closed with `}`"},
		{"f(a]", "unexpected `]`: nothing here opened it"},
		{"}", "unexpected `}`"},
	}
	for _, tt := range tests {
		toks, _ := Lex([]byte(tt.src))
		_, problems := Parse(toks)
		if len(problems) != 1 || !strings.Contains(problems[0].Message, tt.want) {
			t.Errorf("Parse(%q) problems %v, want one %q", tt.src, problems, tt.want)
		}
	}
}

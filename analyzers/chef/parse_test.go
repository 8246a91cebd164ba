package chef

import (
	"strings"
	"testing"
)

// parseTests are Ruby texts and their syntax trees as dump writes them. They also seed FuzzChef.
var parseTests = []struct {
	name, src, want string
}{
	{"resource", "windows_user_privilege 'svc' do\n  privilege 'SeImpersonatePrivilege'\n  action :add\nend",
		`windows_user_privilege('svc'){privilege('SeImpersonatePrivilege'); action(:add)}`},
	{"parentheses and braces", `windows_user_privilege('svc') { privilege %w(A B); users ['a', u] }`,
		`windows_user_privilege('svc'){privilege(['A' 'B']); users([ 'a', u ])}`},
	{"do binds to the command", "foo bar do\nend", `foo(bar){}`},
	{"brace binds to the last call", "foo bar { x }", `foo(bar{x})`},
	{"nested commands", "puts format 'x', y", `puts(format('x', y))`},
	{"assignment", "svc = 'a'\nx ||= \"b\"", `(svc = 'a'); (x ||= 'b')`},
	{"local indexes, method takes an argument", "x = 1\nx [0]\nf [0]", `(x = 1); x; [ 1 ]; f([ 1 ])`},
	{"index and chains", "node['a']['b'].to_s\n  .strip", `index(index(node 'a') 'b').to_s.strip`},
	{"if else end", "if a then b elsif c\n d else e end", `if(a b clause(c) d e)`},
	{"modifiers", "x = 1 if y unless z", `modifier(modifier((x = 1) y) z)`},
	{"while do is the loop's", "while x do y end", `while(x y)`},
	{"case when", "case x\nwhen 'a', 'b' then c\nelse d\nend", `case(x clause('a' 'b') c d)`},
	{"case in", "case x\nin {a: [1, 2]}\n  y\nend", `case(x y)`},
	{"begin rescue ensure", "begin\n a\nrescue Foo => e\n b\nensure\n c\nend", `begin(a b c)`},
	{"def", "def foo(a, b = 1)\n  a\nend\ndef self.[]=(k, v) = k\ndef bar x, y=-1\n x\nend", `def(a); def(k); def(x)`},
	{"class", "class Foo < Bar\n  def x; end\nend\nclass << self\nend", `class(Foo Bar def()); class(self)`},
	{"each block", "%w(a b).each do |u|\n  puts u\nend", `['a' 'b'].each{|u| puts(u)}`},
	{"lambda", "f = ->(x) { x }\ng = -> do y end", `(f = lambda({|x| x})); (g = lambda({y}))`},
	{"hash", "h = { a: 1, 'b' => :c }", `(h = hash(a:=>1 'b'=>:c))`},
	{"keyword arguments", "f a: 1, b: 'x'", `f(a:=>1, b:=>'x')`},
	{"ternary", "x = a ? 'b' : 'c'", `(x = ternary(a 'b' 'c'))`},
	{"and or not", "a and not b or c", `logical(logical(a not(b)) c)`},
	{"multiple assignment", "a, b = 'x', y", `masgn(a b 'x' y)`},
	{"heredoc argument", "code <<~EOH\n  x\nEOH\nfoo", "code('x\n'); foo"},
	{"stray end", "end\nx", `x`},
	{"return", "return unless x\nyield a", `modifier(return x); yield(a)`},
}

func dump(nodes []Node, src string) string {
	var parts []string
	for _, n := range nodes {
		parts = append(parts, dumpNode(n, src))
	}
	return strings.Join(parts, "; ")
}

func dumpNode(n Node, src string) string {
	switch n := n.(type) {
	case *Lit:
		return render([]Token{n.Tok}, src)
	case *Array:
		var es []string
		for _, e := range n.Elems {
			es = append(es, dumpNode(e, src))
		}
		return "[ " + strings.Join(es, ", ") + " ]"
	case *Pair:
		return dumpNode(n.Key, src) + "=>" + dumpNode(n.Value, src)
	case *VarRef:
		return n.Name
	case *Assign:
		return "(" + dumpNode(n.Target, src) + " " + n.Op + " " + dumpNode(n.Value, src) + ")"
	case *Block:
		s := "{"
		if len(n.Params) > 0 {
			s += "|" + strings.Join(n.Params, ",") + "| "
		}
		return s + dump(n.Body, src) + "}"
	case *Compound:
		var cs []string
		for _, c := range n.Children {
			cs = append(cs, dumpNode(c, src))
		}
		return n.Kind + "(" + strings.Join(cs, " ") + ")"
	case *Call:
		s := n.Name
		if n.Recv != nil {
			s = dumpNode(n.Recv, src) + "." + s
		}
		if len(n.Args) > 0 {
			var as []string
			for _, a := range n.Args {
				as = append(as, dumpNode(a, src))
			}
			s += "(" + strings.Join(as, ", ") + ")"
		}
		if n.Block != nil {
			s += dumpNode(n.Block, src)
		}
		return s
	}
	return "?"
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			tree, pp := Parse([]byte(tt.src))
			if got := dump(tree, tt.src); got != tt.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
			}
			if tt.name != "stray end" && len(pp) > 0 {
				t.Errorf("problems: %v", pp)
			}
		})
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct{ src, want string }{
		{"foo do\n  bar\n", "`do` is never closed with `end`"},
		{"if x\n  y\n", "`if` is never closed with `end`"},
		{"f(a, b", "`(` is never closed with `)`"},
		{"end", "unexpected `end`: nothing here opened it"},
		{"x = [1, 2\nend", "`[` is never closed with `]`"},
		{strings.Repeat("[", 300), "nests more than 200 levels"},
		{strings.Repeat("if x\n", 300), "nests more than 200 levels"},
	}
	for _, tt := range tests {
		_, problems := Parse([]byte(tt.src))
		if len(problems) == 0 || !strings.Contains(problems[0].Message, tt.want) {
			t.Errorf("Parse(%q) problems %v, want %q", tt.src, problems, tt.want)
		}
		if strings.Contains(tt.want, "nests") && len(problems) != 1 {
			t.Errorf("Parse(%q): %d problems, want the nesting one only", tt.src, len(problems))
		}
	}
}

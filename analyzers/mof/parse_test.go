package mof

import (
	"fmt"
	"strings"
	"testing"
)

// parseTests are MOF texts and the instances Parse reads, as dump writes them. They also seed
// FuzzMOF.
var parseTests = []struct {
	name, src, want string
}{
	{"instance", "instance of MSFT_UserRightsAssignment as $a\n{\nForce = True;\n Identity = {\n \"*S-1-5-19\",\n \"*S-1-5-20\"\n};\n Policy = \"Impersonate_a_client_after_authentication\";\n};",
		`MSFT_UserRightsAssignment $a {Force=true Identity={"*S-1-5-19" "*S-1-5-20"} Policy="Impersonate_a_client_after_authentication"}`},
	{"line ends", "instance of X\r{\r\nA = \"a\";\rB = \"b\";\n};\r\n", `X {A="a" B="b"}`},
	{"escapes", `instance of X { A = "C:\\dir\"q\" \x41\t"; };`, "X {A=\"C:\\dir\"q\" A\t\"}"},
	{"adjacent strings", `instance of X { A = "ab" "cd" ; };`, `X {A="abcd"}`},
	{"comments and pragmas", "/* head */\n#pragma namespace(\"root\\\\x\")\n// x\ninstance of X { A = 1; // y\n};", `X {A=?}`},
	{"values", "instance of X { A = False; B = NULL; C = $ref; D = 'c'; E = -1.5e3; F = {}; G = Enum; };", `X {A=false B=null C=? D=? E=? F={} G=?}`},
	{"embedded instance", "instance of X { Cred = instance of MSFT_Credential { UserName = \"u\"; }; };", `X {Cred=instance} MSFT_Credential {UserName="u"}`},
	{"qualifiers and classes", "[ClassVersion(\"1.0\")] class Y : Z { [Key] string A; };\ninstance of X { [Q] A = \"a\"; };", `X {A="a"}`},
	{"document", "instance of OMI_ConfigurationDocument\r\r\n {\r\n Version=\"2.0.0\";\r\r\n };", `OMI_ConfigurationDocument {Version="2.0.0"}`},
	// Carbon's schema files break a qualifier string over two lines.
	{"string over lines", "class C : OMI_BaseResource\r\n{\r\n [Write, ValueMap{\"ContainersA\r\nndLeaves\"}] string ApplyTo;\r\n};\r\n" +
		"instance of X { A = \"a\nb\"; B = \"one\r\n  instance\r\nclass = c\"; };", "X {A=\"a\nb\" B=\"one\r\n  instance\r\nclass = c\"}"},
	{"keywords in any case", "INSTANCE OF X { A = \"a\"; };\nClass C { };", `X {A="a"}`},
}

func dumpValue(v Value) string {
	switch v.Kind {
	case Str:
		return `"` + v.Text().S + `"`
	case Bool:
		return fmt.Sprint(v.Bool)
	case Null:
		return "null"
	case Embedded:
		return "instance"
	case Array:
		var es []string
		for _, e := range v.Elems {
			es = append(es, dumpValue(e))
		}
		return "{" + strings.Join(es, " ") + "}"
	}
	return "?"
}

func dump(insts []*Instance) string {
	var out []string
	for _, inst := range insts {
		var ps []string
		for _, p := range inst.Props {
			ps = append(ps, p.Name+"="+dumpValue(p.Value))
		}
		s := inst.Class
		if inst.Alias != "" {
			s += " " + inst.Alias
		}
		out = append(out, s+" {"+strings.Join(ps, " ")+"}")
	}
	return strings.Join(out, " ")
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			insts, problems := Parse([]byte(tt.src))
			if got := dump(insts); got != tt.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
			}
			if len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
		})
	}
}

// TestMapping checks that string characters map back to where the source writes them.
func TestMapping(t *testing.T) {
	src := "instance of X { A = \"a\\tb\"\r\"c\"; };"
	insts, _ := Parse([]byte(src))
	v := insts[0].Props[0].Value.Text()
	if v.S != "a\tbc" {
		t.Fatalf("value %q", v.S)
	}
	for i, want := range []string{"a", `\t`, "b", "c"} {
		if s, e := v.Span(i, i+1); src[s:e] != want {
			t.Errorf("character %d maps to %q, want %q", i, src[s:e], want)
		}
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		src  string
		want []string
		read string // what is still read
	}{
		{`instance of X { A "a"; B = "b"; };`, []string{"expected `=` after the property name, found string"}, `X {B="b"}`},
		{`instance X { }; instance of Y { A = "a"; };`, []string{"expected `of` after `instance`"}, `Y {A="a"}`},
		{`instance of X { A = "a" }; instance of Y { };`, []string{"expected `;` after the property value, found punctuation `}`"}, `X {} Y {}`},
		{`instance of X { A = {"a", ; };`, []string{"expected a value, found punctuation `;`"}, `X {}`},
		{`instance of X { A = "a"; }`, []string{"expected `;` after the instance"}, `X {A="a"}`},
		{`instance of X { A = "a;`, []string{"string starting here is never closed", "instance of X is never closed"}, `X {}`},
		{`foo; instance of X { };`, []string{"expected `instance of`, found identifier `foo`"}, `X {}`},
		{"/* x", []string{"comment /* is never closed"}, ``},
		{"instance of X { A = " + strings.Repeat("{", 100), []string{"values nest more than 64 levels"}, `X {}`},
		{"instance of X { A = " + strings.Repeat("{", 100) + strings.Repeat("}", 100) + `; B = {"b", {"c"}}; }; instance of Y { C = "c"; };`,
			[]string{"values nest more than 64 levels"}, `X {A=` + strings.Repeat("{", 64) + "?" + strings.Repeat("}", 64) + ` B={"b" {"c"}}} Y {C="c"}`},
		{"instance of X { A = " + strings.Repeat("instance of Z { A = ", 100) + "1" + strings.Repeat("; }", 100) + `; B = "b"; };`,
			[]string{"values nest more than 64 levels"}, `X {A=instance B="b"} ` + strings.Repeat("Z {A=instance} ", 63) + `Z {A=?}`},
		// A bad construct never hides the declarations written on the lines after it.
		// A string may run over lines, but not into a declaration: one never closed ends at its line.
		{"instance of X {\n A = {\"a};\n};\ninstance of Y {\n B = \"b\";\n};\n",
			[]string{"string starting here is never closed"}, `X {A={"a};"}} Y {B="b"}`},
		{"instance of X {\n A = {\"a\"};\n C = instance of Z { D = \"d};\n};\ninstance of Y {\n B = \"b\";\n};\n",
			[]string{"string starting here is never closed", "expected `;` after the property value, found punctuation `}`"}, `X {A={"a"} C=instance} Z {} Y {B="b"}`},
		{"instance of X {\n A = \"a\";\n\n  instance of Y {\n B = \"b\";\n};\n",
			[]string{"this declaration is not closed before the next `instance of` or `class` line"}, `X {A="a"} Y {B="b"}`},
		{"[ClassVersion(\"1.0\")\nclass C { };\ninstance of Y { B = \"b\"; };",
			[]string{"this declaration is not closed before the next"}, `Y {B="b"}`},
		{"class C {\n [Key] string A\n/*\ninstance of Z { };\n*/\nclass D { };\ninstance of Y { B = \"b\"; };",
			[]string{"this declaration is not closed before the next"}, `Y {B="b"}`},
		{"instance of X { A = {\"a}; Class = \"c\"; };\nClass = \"d\";\ninstance of Y { B = \"b\"; };",
			[]string{"expected `}` to close the array, found identifier `c`", "string starting here is never closed"}, `X {} Y {B="b"}`},
		{"instance of X {\n A = \"a;\n};\ninstance of Y {\n B = 1;\n};\n",
			[]string{"string starting here is never closed", "expected `;` after the property value, found punctuation `}`"}, `X {} Y {B=?}`},
		{"instance of X {\n A = \\\";\n};\ninstance of Y {\n B = \\\";\n};\ninstance of Z {\n C = 1;\n};\n",
			[]string{"expected a value, found punctuation `\\`", "string starting here is never closed",
				"expected a value, found punctuation `\\`", "string starting here is never closed"}, `X {} Y {} Z {C=?}`},
		{"instance X {\n A = \"a};\ninstance of Y { B = \"b\"; };",
			[]string{"expected `of` after `instance`", "string starting here is never closed"}, `Y {B="b"}`},
	}
	for _, tt := range tests {
		insts, problems := Parse([]byte(tt.src))
		var got []string
		for _, p := range problems {
			got = append(got, p.Message)
		}
		if len(got) != len(tt.want) {
			t.Errorf("Parse(%q) problems %q, want %q", tt.src, got, tt.want)
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], tt.want[i]) {
				t.Errorf("Parse(%q) problem %q, want %q", tt.src, got[i], tt.want[i])
			}
		}
		if d := dump(insts); d != tt.read {
			t.Errorf("Parse(%q) read %s, want %s", tt.src, d, tt.read)
		}
	}
}

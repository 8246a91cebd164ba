package yamlpos

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/value"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/source"
)

// walk calls fn for every node of f once, aliases not followed.
func walk(f *File, fn func(n, parent *yaml.Node)) {
	var rec func(n, parent *yaml.Node, depth int)
	rec = func(n, parent *yaml.Node, depth int) {
		if n == nil || depth > 200 {
			return
		}
		fn(n, parent)
		for _, c := range n.Content {
			rec(c, n, depth+1)
		}
	}
	for _, d := range f.Docs {
		rec(d, nil, 0)
	}
}

// find returns the first scalar whose value is v.
func find(t *testing.T, f *File, v string) *yaml.Node {
	t.Helper()
	var found *yaml.Node
	walk(f, func(n, _ *yaml.Node) {
		if found == nil && n.Kind == yaml.ScalarNode && n.Value == v {
			found = n
		}
	})
	if found == nil {
		t.Fatalf("no scalar %q", v)
	}
	return found
}

// render shows where each character of a value came from: the source text of its span, characters
// separated by |.
func render(text []byte, v value.Text) string {
	var parts []string
	for i := 0; i < v.Len(); {
		_, size := utf8.DecodeRuneInString(v.S[i:])
		lo, hi := v.Span(i, i+size)
		p := string(text[lo:hi])
		if v.Unresolved(i, i+size) {
			p = "?" + p
		}
		parts = append(parts, p)
		i += size
	}
	return strings.Join(parts, "|")
}

func TestScalar(t *testing.T) {
	tests := []struct {
		name, text, value string
		parse             func([]byte) (*File, []*Error)
		want              string // render of the value
		start, end        int
	}{
		{"plain", "k: foo\n", "foo", Parse, "f|o|o", 3, 6},
		{"tagged", "k: !!str foo\n", "foo", Parse, "f|o|o", 9, 12},
		{"anchored escapes", "k: &a \"q\\u00e9\\\\x\"\n", "qé\\x", Parse, `q|\u00e9|\\|x`, 6, 18},
		{"single quoted", "k: 'it''s'\n", "it's", Parse, "i|t|''|s", 3, 10},
		{"literal block", "k: |\n  l1\n   l2\n", "l1\n l2\n", Parse, "l|1|\n| |l|2|\n", 3, 16},
		{"folded plain", "k: a\n  b\n", "a b", Parse, "a|\n|b", 3, 8},
		{"folded quoted crlf", "k: \"a\r\n  b\"\r\n", "a b", Parse, "a|\r\n|b", 3, 11},
		{"folded block", "k: >-\n  f1\n  f2\n\n  f3\n", "f1 f2\nf3", Parse, "f|1|\n|f|2|\n|f|3", 3, 21},
		{"escaped line break", "- \"a\\\n   b\"\n", "ab", Parse, "a|b", 2, 11},
		{"columns count characters", "é: ü\n", "ü", Parse, "ü", 4, 6},
		{"wide characters on one line", "{\"é\": \"ü\", \"ß\": \"日本\"}", "日本", ParseJSON, "日|本", 19, 27},
		{"line separator ends a line", "x: é\u2028y: zz\n", "zz", Parse, "z|z", 11, 13},
		{"bare cr lines", "a: 1\rb: [x, \"y\"]\r", "y", Parse, "y", 12, 15},
		{"flow item", "k: [a, 'b''c', \"d\"]\n", "b'c", Parse, "b|''|c", 7, 13},
		{"json", "{\"a\":\t\"x\\u00e9\",\n\t\"b\": [1]}", "xé", ParseJSON, `x|\u00e9`, 6, 15},
		{"json slash and surrogates", `{"a": "x\/y\ud83d\ude00"}`, "x/y\U0001F600", ParseJSON, `x|\/|y|\ud83d\ude00`, 6, 24},
		{"json lone surrogate", `{"a": "\udc00z"}`, "\uFFFDz", ParseJSON, `\udc00|z`, 6, 15},
		{"jinja expression", "a:\n  - {{ user }}\n  - b\n", "{{ user }}", ParseJinja, "?{|?{|? |?u|?s|?e|?r|? |?}|?}", 7, 17},
		{"jinja inside a word", "a: 'C\\{{ u }}'\n", `C\{{ u }}`, ParseJinja, `C|\|?{|?{|? |?u|? |?}|?}`, 3, 14},
		{"jinja statements blanked", "{% if x %}\na: b\n{% endif %}\n", "b", ParseJinja, "b", 14, 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.parse([]byte(tt.text))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			n := find(t, f, maskedValue(tt.value))
			s := f.Scalar(n)
			if s.Text.S != tt.value {
				t.Errorf("value %q, want %q", s.Text.S, tt.value)
			}
			if got := render(f.Text, s.Text); got != tt.want {
				t.Errorf("render\n got %q\nwant %q", got, tt.want)
			}
			if s.Start != tt.start || s.End != tt.end {
				t.Errorf("span %d-%d, want %d-%d", s.Start, s.End, tt.start, tt.end)
			}
		})
	}
}

// maskedValue is the value the parser reads for a value with Jinja expressions.
func maskedValue(v string) string {
	for _, e := range Expressions(v) {
		v = v[:e[0]] + strings.Repeat(string(exprMask), e[1]-e[0]) + v[e[1]:]
	}
	return v
}

func TestParseError(t *testing.T) {
	tests := []struct {
		text string
		line int // counted from 1
	}{
		{"a: 1\nb: c: d\n", 2},                 // a scanner error
		{"a: 1\nb:\n  - [x\n  - y\n", 3},       // a parser error: the line of its context
		{"{\"SeImpersonatePrivilege\": [}", 1}, // a parser error on the first line
		{"ok: 1\n---\n- a\nb: 2\n", 3},         // in a later document
		{"a: \"\\q\"\n", 1},                    // no line at all
	}
	for _, tt := range tests {
		_, errs := Parse([]byte(tt.text))
		if len(errs) == 0 {
			t.Errorf("%q: no error", tt.text)
			continue
		}
		err := errs[0]
		if got := strings.Count(tt.text[:err.Offset], "\n") + 1; got != tt.line || strings.Contains(err.Message, "line") {
			t.Errorf("%q: error on line %d (%s), want line %d", tt.text, got, err.Message, tt.line)
		}
	}
}

// TestRecover checks that a bad part of a stream is left out, as few lines as the parser allows, and
// that what follows it is read.
func TestRecover(t *testing.T) {
	tests := []struct {
		name, text string
		parse      func([]byte) (*File, []*Error)
		skipped    string // each error's lines left out, "from-to" or "from-"
		scalars    string // every scalar read, in order
	}{
		{"a bad value", "- name: a\n  debug: {msg: [}\n- name: b\n", Parse, "2-2", "name a name b"},
		{"a bad key with children", "a: 1\nb: c: d\n  e: f\ng: 2\n", Parse, "2-3", "a 1 g 2"},
		{"a list at its key's indentation", "t:\n- x: [\n- y\nu: 1\n", Parse, "2-2", "t y u 1"},
		{"two bad parts", "a: [\nb: 1\nc: {\nd: 2\n", Parse, "1-1 3-3", "b 1 d 2"},
		{"a later document", "ok: 1\n---\n- a\nb: 2\n---\nc: 3\n", Parse, "3-3", "ok 1 b 2 c 3"},
		{"a flow list never closed", "a: 1\nb: [x,\nc: 2\n", Parse, "2-2", "a 1 c 2"},
		{"a bad line in a flow list", "a: [x,\n  y: z: w,\n  q]\nb: 1\n", Parse, "1-3", "b 1"},
		{"only a bad part", "a: [\n", Parse, "1-1", ""},
		{"more bad parts than are parsed again", strings.Repeat("- {a: b: c}\n", maxReparses+4), Parse, eachLine(maxReparses), ""},
		{"a bad JSON member", "{\"a\": 1,\n \"b\": [},\n \"c\": 2}\n", ParseJSON, "2-2", "a 1 c 2"},
		{"a bad Jinja state", "s:\n  x: {{ a }}: b\nt:\n  y: 1\n", ParseJinja, "2-2", "s  t y 1"},
		{"no error", "a: 1\n", Parse, "", "a 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, errs := tt.parse([]byte(tt.text))
			var skipped []string
			for _, e := range errs {
				if e.Rest {
					skipped = append(skipped, fmt.Sprintf("%d-", e.From))
				} else {
					skipped = append(skipped, fmt.Sprintf("%d-%d", e.From, e.To))
				}
			}
			var scalars []string
			walk(f, func(n, _ *yaml.Node) {
				if n.Kind == yaml.ScalarNode {
					scalars = append(scalars, n.Value)
				}
			})
			if got := strings.Join(skipped, " "); got != tt.skipped {
				t.Errorf("left out %q, want %q", got, tt.skipped)
			}
			if got := strings.Join(scalars, " "); got != tt.scalars {
				t.Errorf("read %q, want %q", got, tt.scalars)
			}
		})
	}
}

// eachLine is what TestRecover expects when each of the first n lines is left out, and then the rest.
func eachLine(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d-%d ", i, i)
	}
	return fmt.Sprintf("%s%d-", b.String(), n+1)
}

func TestItemRemoval(t *testing.T) {
	tests := []struct {
		text, item string
		want       string // the text after removal; "" when no removal is possible
	}{
		{"u:\n  - a\n  - b # c\n", "b", "u:\n  - a\n"},
		{"u:\n- a\n- b\n", "a", "u:\n- b\n"},
		{"u: [a, b, c]\n", "a", "u: [b, c]\n"},
		{"u: [a, b, c]\n", "c", "u: [a, b]\n"},
		{"u: [a]\n", "a", "u: []\n"},
		{"u:\n  - a: 1\n", "1", ""},
		{"u:\n  - - a\n", "a", ""},
	}
	for _, tt := range tests {
		f, err := Parse([]byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		n := find(t, f, tt.item)
		got := ""
		walk(f, func(c, parent *yaml.Node) {
			if c != n || parent.Kind != yaml.SequenceNode {
				return
			}
			for i, item := range parent.Content {
				if item == n {
					if s, e, ok := f.ItemRemoval(parent, i); ok {
						got = tt.text[:s] + tt.text[e:]
					}
				}
			}
		})
		if got != tt.want {
			t.Errorf("removing %q from %q: %q, want %q", tt.item, tt.text, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	f, err := Parse([]byte("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n  Y: 4\n  y: 5\nloop: &l [*l]\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := Lookup(f.Docs[0].Content[0], "m")
	for key, want := range map[string]string{"x": "1", "y": "5"} {
		if v := Lookup(m, key); v == nil || v.Value != want {
			t.Errorf("Lookup(%s) = %v, want %s", key, v, want)
		}
	}
	if v := LookupFold(m, "Y"); v == nil || v.Value != "5" {
		t.Errorf("LookupFold(Y) = %v", v)
	}
	loop := Lookup(f.Docs[0].Content[0], "loop")
	if items := Items(loop); len(items) != 1 || items[0] != loop {
		t.Errorf("self-referencing sequence: %v", items)
	}
}

// TestKubernetesOnly: Kubernetes' privileged and allowPrivilegeEscalation alone make a YAML file
// one to skip; any other keyword, or none at all, does not.
func TestKubernetesOnly(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"securityContext:\n  privileged: true\n  allowPrivilegeEscalation: false\n", true},
		{"PRIVILEGED: true\n", true},
		{"securityContext:\n  privileged: true\n# SeImpersonatePrivilege\n", false},
		{"- win_user_right:\n    name: SeImpersonatePrivilege\n", false},
		{"privileged: true\nrun: ntrights -u x +r y\n", false},
		{"Grant-CPrivilege\nprivileged: x\n", false},
		{"- win_shell: .\\grant.ps1 x\n", false},
		{"note: İİİİ\nprivileged: true\n", true},                  // a letter whose lower case is longer
		{"İİİİ: privilege\nallowPrivilegeEscalation: x\n", false}, // privilege alone still counts
		{"xallowprivilegeescalation\n", true},
	} {
		if got := KubernetesOnly([]byte(tt.text)); got != tt.want {
			t.Errorf("KubernetesOnly(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// FuzzKubernetesOnly: any text is read without a panic, and a text KubernetesOnly drops holds a
// keyword (it would otherwise not have been read) but none once Kubernetes' words are removed.
func FuzzKubernetesOnly(f *testing.F) {
	f.Add([]byte("securityContext:\n  privileged: true\n"))
	f.Add([]byte("İ privilegeD allowPRIVILEGEescalation SeImpersonatePrivilege"))
	f.Fuzz(func(t *testing.T, text []byte) {
		if KubernetesOnly(text) && !source.MayGrant(text) {
			t.Fatalf("dropped a text without a keyword: %q", text)
		}
	})
}

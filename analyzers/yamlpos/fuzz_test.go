package yamlpos

import (
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/internal/checktest"
)

// FuzzScalar parses arbitrary text as YAML, JSON and a Jinja template and maps every scalar and
// sequence item back: it must not panic, every offset must lie in the text, in order, and the parse
// must be the parse without cuts but for the items cut.
func FuzzScalar(f *testing.F) {
	for _, s := range []string{
		"k: &a \"q\\u00e9\\\\x\"\nl: [a, 'b''c']\nm: |\n  x\n   y\n",
		"- \"a\\\n   b\"\n- 'a\n\n  b'\n- >-\n  f\n\n  g\n",
		`{"a": "x\/y\ud83d\ude00\udc00", "b": [1, {"c": null}]}`,
		"a:\n  - {{ user }}\n  - C\\{{ u }}\n{% if x %}\nb: {# c #} d\n{% endif %}\n",
		"x: é\u2028y: zz\rz: \"a\r\n  b\"\u0085w: 1\n",
		"a: &a [*a]\nb: &b {<<: [*b, *b]}\n",
		"k: " + flowList(keptItems+3, with(keptItems+1, "'b, ''c'' ]', # d\n  \"e,\\u00e9]\"")) + "\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
		f.Add([]byte(s), uint8(2))
	}
	f.Fuzz(func(t *testing.T, text []byte, mode uint8) {
		parse := []func([]byte) (*File, []*Error){Parse, ParseJSON, ParseJinja}[mode%3]
		var file *File
		var errs []*Error
		checktest.Bounded(t, len(text), func() { file, errs = parse(text) })
		for i, e := range errs {
			if e.Offset < 0 || e.Offset > len(text) {
				t.Fatalf("error offset %d outside the text", e.Offset)
			}
			if e.From < 1 || e.From > e.To || i > 0 && e.From < errs[i-1].From {
				t.Fatalf("error %d of %d leaves out lines %d-%d (rest %v)", i+1, len(errs), e.From, e.To, e.Rest)
			}
		}
		if len(errs) > maxReparses+1 {
			t.Fatalf("%d errors after at most %d parses", len(errs), maxReparses+1)
		}
		walk(file, func(n, parent *yaml.Node) {
			if off := file.Offset(n); off < 0 || off > len(text) {
				t.Fatalf("node at %d, outside the text", off)
			}
			switch n.Kind {
			case yaml.ScalarNode:
				s := file.Scalar(n)
				if s.Start < 0 || s.Start > s.End || s.End > len(text) {
					t.Fatalf("scalar %q spans %d-%d", n.Value, s.Start, s.End)
				}
				prev := 0
				for i := 0; i <= s.Text.Len(); i++ {
					lo := s.Text.Offset(i)
					if lo < prev || lo > len(text) {
						t.Fatalf("byte %d of %q maps to %d after %d", i, s.Text.S, lo, prev)
					}
					prev = lo
				}
			case yaml.SequenceNode:
				for i := range n.Content {
					if a, b, ok := file.ItemRemoval(n, i); ok && (a < 0 || a > b || b > len(text)) {
						t.Fatalf("removal %d-%d outside the text", a, b)
					}
				}
			case yaml.MappingNode:
				_ = Pairs(n)
			}
		})
		checkIndex(t, file)
		checkSameParse(t, []string{"yaml", "json", "jinja"}[mode%3], text)
	})
}

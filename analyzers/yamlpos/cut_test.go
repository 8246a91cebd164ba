package yamlpos

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/internal/checktest"
)

// flowList returns a flow sequence of n items, item i written by item(i).
func flowList(n int, item func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = item(i)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// plain writes item i as a plain scalar.
func plain(i int) string { return fmt.Sprintf("a%d", i) }

// with writes item k as s, the others as plain scalars.
func with(k int, s string) func(int) string {
	return func(i int) string {
		if i == k {
			return s
		}
		return plain(i)
	}
}

// parsers are the package's parsers by name, each with the same parse without cuts.
var parsers = map[string]struct {
	cut, whole func([]byte) (*File, []*Error)
}{
	"yaml": {Parse, func(text []byte) (*File, []*Error) { return recoverWith(&File{Text: text, src: text}, parseAll) }},
	"json": {ParseJSON, func(text []byte) (*File, []*Error) {
		src, orig := rewriteJSONEscapes(text)
		return recoverWith(&File{Text: text, src: src, orig: orig}, parseAll)
	}},
	"jinja": {ParseJinja, func(text []byte) (*File, []*Error) {
		src, exprs := maskJinja(text)
		return recoverWith(&File{Text: text, src: src, jinja: exprs}, parseAll)
	}},
}

// checkSameParse fails when the parse of text with cuts differs from the parse without: the
// error, or any node's kind, tag, style, anchor, offset, or scalar value and span, except that the
// sequences cut hold the first keptItems items of the whole ones, the others counted in Left.
func checkSameParse(t *testing.T, parser string, text []byte) *File {
	t.Helper()
	f, perr := parsers[parser].cut(text)
	g, gerr := parsers[parser].whole(text)
	if fmt.Sprint(perr) != fmt.Sprint(gerr) {
		t.Fatalf("error %v, parsed whole %v", perr, gerr)
	}
	if len(f.Docs) != len(g.Docs) {
		t.Fatalf("%d documents, parsed whole %d", len(f.Docs), len(g.Docs))
	}
	type pair struct{ a, b *yaml.Node }
	var stack []pair
	for i := range f.Docs {
		stack = append(stack, pair{f.Docs[i], g.Docs[i]})
	}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		a, b := p.a, p.b
		if a.Kind != b.Kind || a.Tag != b.Tag || a.Style != b.Style || a.Anchor != b.Anchor || f.Offset(a) != g.Offset(b) {
			t.Fatalf("node at %d (%v %q) differs from the whole parse's at %d (%v %q)", f.Offset(a), a.Kind, a.Value, g.Offset(b), b.Kind, b.Value)
		}
		if a.Kind == yaml.ScalarNode || a.Kind == yaml.AliasNode {
			if sa, sb := f.Scalar(a), g.Scalar(b); a.Value != b.Value || sa.Start != sb.Start || sa.End != sb.End || sa.Text.S != sb.Text.S {
				t.Fatalf("scalar %q at %d-%d, parsed whole %q at %d-%d", sa.Text.S, sa.Start, sa.End, sb.Text.S, sb.Start, sb.End)
			}
		}
		kept := len(b.Content)
		if c, ok := f.cuts[a]; ok {
			kept = keptItems
			past := g.Offset(b.Content[min(keptItems, len(b.Content)-1)])
			if len(b.Content) != keptItems+c.Left || c.Past != past {
				t.Fatalf("cut %+v of a sequence of %d items, the first left out at %d", c, len(b.Content), past)
			}
		}
		if len(a.Content) != kept {
			t.Fatalf("node at %d holds %d nodes, parsed whole %d", f.Offset(a), len(a.Content), kept)
		}
		for i := range kept {
			stack = append(stack, pair{a.Content[i], b.Content[i]})
		}
	}
	return f
}

func TestCut(t *testing.T) {
	const n = keptItems + 5
	long := flowList(n, plain)
	tests := []struct {
		name, parser, text string
		cuts               int // the sequences parsed in part
	}{
		{"a long flow sequence", "yaml", "k: " + long + "\nz: 1\n", 1},
		{"as long as is kept", "yaml", "k: " + flowList(keptItems, plain) + "\n", 0},
		{"one item more", "yaml", "k: " + flowList(keptItems+1, plain) + "\n", 1},
		{"anchored, tagged and named", "yaml", "k: &l !!seq " + long + "\nz: *l\n", 1},
		{"in a block sequence", "yaml", "- " + long + "\n- - " + long + "\n", 2},
		{"nested in a short one", "yaml", "k: [" + long + ", b]\n", 1},
		{"wide characters before and after", "json", `{"é": ` + flowList(n, func(i int) string { return fmt.Sprintf(`"\u00e9\/%d"`, i) }) + `, "ü": "ß"}`, 1},
		{"jinja", "jinja", "k: " + flowList(n, func(i int) string { return fmt.Sprintf("'{{ u%d }}'", i) }) + "\n{% if x %}\nz: 1\n{% endif %}\n", 1},
		{"comments and quotes in the tail", "yaml", "k: " + flowList(n, with(keptItems+1, "'b, ''c'' ] ', # d\n  \"e,\\u00e9]\"")) + "\n", 1},
		// The parse of what the tail holds below fails: a cut would hide the error.
		{"a list in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "[x, y: z: w]")) + "\n", 0},
		{"a mapping in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "{x: y: z}")) + "\n", 0},
		{"a key in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "x: y: z")) + "\n", 0},
		{"an alias in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "*nope")) + "\n", 0},
		{"a tag in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "!e!x y")) + "\n", 0},
		{"an indicator in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, ":d")) + "\n", 0},
		{"an unknown escape in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, `"x\q"`)) + "\n", 0},
		// These parse; the tail is still not cut.
		{"an anchor in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "&x y")) + "\nz: *x\n", 0},
		{"a quoted scalar on two lines in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "'x\n  y'")) + "\n", 0},
		{"a comment right after a comma in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "x,#y\n  z")) + "\n", 0},
		{"a control character in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "x\x01")) + "\n", 0},
		// The bad part is left out (see recover.go): the list itself, or the line after it.
		{"a document marker in the tail", "yaml", "k: " + flowList(n, with(keptItems+2, "x\n---\n")) + "\n", 0},
		{"a syntax error after the list", "yaml", "k: " + long + "\nz: [\n", 1},
		{"not a list: a block scalar", "yaml", "k: |\n  " + long + "\nz: 1\n", 0},
		{"not a list: a quoted scalar", "yaml", "k: \"" + long + "\"\n", 0},
		{"not a list: a comment", "yaml", "# " + long + "\nz: 1\n", 0},
		{"not a list: in a string", "json", `{"k": "[", "l": ` + long + `}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checkSameParse(t, tt.parser, []byte(tt.text))
			if len(f.cuts) != tt.cuts {
				t.Errorf("%d sequences cut, want %d", len(f.cuts), tt.cuts)
			}
			checkIndex(t, f)
		})
	}
}

// TestCutCost checks that parsing a long flow sequence allocates a bounded number of objects:
// the parser keeps nodes for the first keptItems items only.
func TestCutCost(t *testing.T) {
	for _, n := range []int{10 * keptItems, 100 * keptItems} {
		text := []byte("k: " + flowList(n, plain) + "\n")
		var f *File
		c := checktest.Measure(func() { f, _ = Parse(text) })
		if cut, ok := f.CutOf(f.Lookup(f.Docs[0].Content[0], "k")); !ok || cut.Left != n-keptItems {
			t.Fatalf("%d items: cut %+v, %v", n, cut, ok)
		}
		if c.Objects > 8*keptItems {
			t.Errorf("%d items: %s, more than %d objects", n, c, 8*keptItems)
		}
	}
}

package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/internal/checktest"
)

// tryFast is fastParse that reports why it declines, and lets a panic other than a decline through.
func tryFast(src []byte) (docs []*yaml.Node, why string) {
	defer func() {
		if r := recover(); r != nil {
			d, ok := r.(declined)
			if !ok {
				panic(r)
			}
			docs, why = nil, d.why
		}
	}()
	return newFastParser(src).stream(), ""
}

// decodeAll reads every document of src with the YAML parser, as parseAll does.
func decodeAll(src []byte) (docs []*yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, &doc)
	}
}

// nodeDiff describes the first difference between two trees in a field the fast parser sets or
// the analyzers read, or returns "".
func nodeDiff(path string, a, b *yaml.Node) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: %v vs %v", path, a, b)
		}
		return ""
	}
	type fields struct {
		Kind         yaml.Kind
		Style        yaml.Style
		Tag, Value   string
		Anchor       string
		Alias        bool
		Line, Column int
		Children     int
		NilContent   bool
	}
	of := func(n *yaml.Node) fields {
		return fields{n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Alias != nil, n.Line, n.Column, len(n.Content), n.Content == nil}
	}
	if fa, fb := of(a), of(b); fa != fb {
		return fmt.Sprintf("%s: fast %+v, yaml.v3 %+v", path, fa, fb)
	}
	if a.Alias != nil {
		if fa, fb := of(a.Alias), of(b.Alias); fa != fb {
			return fmt.Sprintf("%s: alias to fast %+v, yaml.v3 %+v", path, fa, fb)
		}
	}
	for i := range a.Content {
		if d := nodeDiff(fmt.Sprintf("%s/%d", path, i), a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// sameAsYAML fails t when the fast parser accepts src and the YAML parser rejects it or reads other
// nodes. It reports whether the fast parser accepted src.
func sameAsYAML(t *testing.T, src []byte) bool {
	t.Helper()
	fast, why := tryFast(src)
	if why != "" {
		return false
	}
	want, err := decodeAll(src)
	if err != nil {
		t.Fatalf("fast parser accepts %q, the YAML parser fails: %v", src, err)
	}
	if len(fast) != len(want) {
		t.Fatalf("%q: fast parser reads %d documents, the YAML parser %d", src, len(fast), len(want))
	}
	for i := range want {
		if d := nodeDiff(fmt.Sprintf("doc %d", i), fast[i], want[i]); d != "" {
			t.Fatalf("%q: %s", src, d)
		}
	}
	return true
}

// fastCases are texts with whether the fast parser reads them (and then reads them as the YAML
// parser does) or leaves them to the YAML parser.
var fastCases = []struct {
	text   string
	accept bool
}{
	{"", true},
	{"# only a comment\n\n", true},
	{"a: 1\nb: two\n", true},
	{"a: 1\r\nb:\r\n  - x\r\n  - y\r\n", true},
	{"k:\n- a\n-\n- b: 1\n  c:\n", true},
	{"- - a\n  - b\n- c: d\n  e: f\n-   g: h\n", true},
	{"a:\n  b:\n    c: d\n  e: [1, 2.5, \"x\", 'y''z', {f: g, \"h\": [], i: {}}]\ng: end\n", true},
	{"data: [\n    'LSARPC',\n    \"NETLOGON\", # c\n  SAMR\n]\n", true},
	{"{\"a\":1, \"b\":[true,null,\"c\"]}", true},
	{"---\n---\na\n", true},
	{"a: 1\n---\n", true},
	{"a: 1\n---", true},
	{"--- # c\n  a: b\n", true},
	{"k: \"q\\u00e9\\\\x\\t\\\"\\/\"\n", false},
	{"k: \"q\\u00e9\\\\x\\t\\\" \\x41\\U0001F600\"\n", true},
	{"k: \"a\n  b\n\n  c\\\n   d \"\nl: 'e\n\n\n  f '\n", true},
	{"k: |\n  x\n   y\n\n  z\n\n\nl: >-\n  f\n  g\n\n   h\n  i\nm: |+2\n    k\n\n", true},
	{"k: >\n\n  a\n  b\n\n\n  c\n", true},
	{"k: |\n     \n  x\n", false}, // an error: the empty line sets the indentation
	{"k: |\n  \n  x\n", true},
	{"- |1\n  x\n- >2-\n   y\n-  |\n", true},
	{"a: b # c\nd: e#f\n\"g h\" : 'i' # j\n", true},
	{"a: 0x1F\nb: 1_000\nc: 0o17\nd: -0b101\ne: 1e3\nf: .5\ng: .inf\nh: -.Inf\ni: 2001-12-14\nj: 2001-12-14 21:59:43.10\nk: ~\nl: Null\nm: TRUE\nn: yes\no: <<\np: 12:30\n", true},
	{"<<: {a: 1}\n", true},
	{"é: ü\nk: [ä, \"ö\"]\n- x\n", false},
	{"é: ü\nk: [ä, \"ö\"]\nz: 𝄞 x\n", true},
	{"x: ---\ny: a-b\nz: -c\nw: :d\nv: ?e\nu: http://x.y/z?q#f\n", true},
	{"a: b\n  c\n\n\n   d\n e # f\ng: h\n", true},
	{"- a\n b\n   \n  - c\n- d\n  e: f\n", false}, // an error: a key over two lines
	{"- a\n b\n   \n  - c\n- [d\n  e, f\n\n g]\n", true},
	{"a\nb\n---\nc\n  d\n", true},
	{"a: b\n  : c\n", false},
	{"a: &x 1\nb: *x\nc: &y\n  d: [*x, &w 2, *w]\ne: &z # c\n- *y\n- &v\n  - *x\nf: &u |\n  g\n", true},
	{"&r\n- &x {a: &y b}\n- <<: *x\n  c: *y\n", true},
	{"- &0 {0: &0 0}\n- *0\n- &1 [&1 a, *1]\n- *1\n", true},
	{"a: &x [*x]\n", false},        // an alias inside its anchor's node
	{"a: &x\nb: 1\n", false},       // an empty node with an anchor
	{"a: *x\n", false},             // an alias to no anchor
	{"&x a: b\n", false},           // an anchor on a key
	{"*x : b\n", false},            // an alias as a key
	{"a: !!str 1\n", false},        // tags
	{"%YAML 1.2\n---\na\n", false}, // directives
	{"? a\n: b\n", false},          // complex keys
	{"a: b\n...\n", false},         // document end
	{"a:\tb\n", false},             // tabs
	{"a: b: c\n", false},           // an error
	{"a: 1\n b: 2\n", false},       // an error
	{"- a\nb: c\n", false},         // an error
	{"a:\n  - x\n  b: 1\n", false}, // an error
	{"[a, b]: c\n", false},
	{"k: [a: b]\n", false},
	{"k: [a, b,]\nl: {c: d, }\n", true},
	{"k: [a, , b]\n", false},
	{"k: {a, b}\n", false},
	{"k: \"a\n---\nb\"\n", false},
	{"\ufeffa: b\n", false},
	{"a: b\rc: d\n", false},
	{"a: \"\\q\"\n", false},
	{"a: \"\\ud800\"\n", false},
	{"a: |0\n  x\n", false},
	{strings.Repeat("[", 1001) + strings.Repeat("]", 1001), false},
	{strings.Repeat("[", 999) + strings.Repeat("]", 999), true},
	{strings.Repeat("k", 1001) + ": v\n", false},
}

func TestFastParse(t *testing.T) {
	for _, c := range fastCases {
		if accepted := sameAsYAML(t, []byte(c.text)); accepted != c.accept {
			_, why := tryFast([]byte(c.text))
			t.Errorf("%q: fast parser accepts: %v, want %v (%s)", c.text, accepted, c.accept, why)
		}
	}
}

// TestFastFixtures checks the fast parser against the YAML parser on every YAML and JSON file of
// the repository's test data and of the corpus beside the project.
func TestFastFixtures(t *testing.T) {
	roots := []string{"../.."}
	if _, err := os.Stat(corpusDir); err == nil {
		roots = append(roots, corpusDir)
	}
	files, accepted := 0, 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || root == "../.." && !strings.Contains(filepath.ToSlash(path), "/testdata/") {
				return err
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".yml", ".yaml", ".json", ".sls":
			default:
				return nil
			}
			text, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			if sameAsYAML(t, text) {
				accepted++
			}
			sameAsYAML(t, maskedJinja(text))
			sameAsYAML(t, rewrittenJSON(text))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files == 0 || accepted == 0 {
		t.Fatalf("the fast parser reads %d of %d files", accepted, files)
	}
	t.Logf("the fast parser reads %d of %d files", accepted, files)
}

// corpusDir holds real files from public repositories beside the project (../shared/corpus).
const corpusDir = "../../../shared/corpus"

func maskedJinja(text []byte) []byte {
	src, _ := maskJinja(text)
	return src
}

func rewrittenJSON(text []byte) []byte {
	src, _ := rewriteJSONEscapes(text)
	return src
}

// TestParseUsesFast checks that Parse reads a text the fast parser accepts as the YAML parser
// does, and that it falls back to the YAML parser, errors and all, for a text it declines.
func TestParseUsesFast(t *testing.T) {
	for _, text := range []string{"a: [1, {b: c}]\nd: |\n  e\n", "a: !!str 1\n", "a: b: c\nd: e\n"} {
		f, errs := Parse([]byte(text))
		want, werr := decodeAll([]byte(text))
		if (werr != nil) != (len(errs) > 0) {
			t.Errorf("%q: errors %v, the YAML parser's %v", text, errs, werr)
		}
		if werr != nil {
			continue
		}
		if len(f.Docs) != len(want) {
			t.Fatalf("%q: %d documents, want %d", text, len(f.Docs), len(want))
		}
		for i := range want {
			if d := nodeDiff("doc", f.Docs[i], want[i]); d != "" {
				t.Errorf("%q: %s", text, d)
			}
		}
	}
}

func TestPlainTag(t *testing.T) {
	for _, v := range []string{
		"", "~", "null", "NULL", "nULL", "true", "True", "tRUE", "false", "FALSE", "yes", "on", "<<", "<",
		".inf", "-.inf", "+.INF", "-.nan", ".NaN", ".nAn", ".5", ".", "._5", ".e1", "1.", "1.5e3", "1e", "+1",
		"-", "0x1f", "0X1F", "0o17", "017", "08", "0b101", "-0b101", "0b+1", "-0o7", "0o-7", "1_000", "_1",
		"9223372036854775808", "18446744073709551616", "-9223372036854775809", "2001-12-14",
		"2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-14 21:59:43.10 -5", "2001-1-2",
		"20011-12-14", "1:20", "1_0.5", "0b", "0o", "-0b", "1e1_0", "0x_1", "0.1.2", "Infinity", "NaN",
	} {
		if got, want := plainTag(v), (&yaml.Node{Kind: yaml.ScalarNode, Value: v}).ShortTag(); got != want {
			t.Errorf("plainTag(%q) = %s, the YAML parser resolves %s", v, got, want)
		}
	}
}

func FuzzPlainTag(f *testing.F) {
	for _, s := range []string{"1_000", "-.inf", "0b101", "2001-12-14", "1e3", "0o17", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if got, want := plainTag(v), (&yaml.Node{Kind: yaml.ScalarNode, Value: v}).ShortTag(); got != want {
			t.Errorf("plainTag(%q) = %s, the YAML parser resolves %s", v, got, want)
		}
	})
}

// FuzzFast checks that whatever the fast parser reads, the YAML parser reads too, into the same
// nodes, with work and memory in proportion to the text.
func FuzzFast(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c.text))
	}
	for _, text := range scalarCorpus(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checktest.Bounded(t, len(text), func() { _, _ = fastParse(text) })
		sameAsYAML(t, text)
		sameAsYAML(t, fromPieces(text))
	})
}

// pieces are bits of YAML that fromPieces makes texts of: random bytes seldom make YAML the fast
// parser reads.
var pieces = []string{
	"\n", "\n", "\n", " ", " ", "  ", "   ", "- ", "- ", "-", "a", "b", "key", ": ", ": ", ":", " #c", "#",
	"'", "\"", "''", "\\", "\\n", "\\x41", "|", ">", "+", "2", "[", "]", "{", "}", ", ", ",", "---",
	"...", "\r\n", "é", "1", "0x1", "1e3", "~", "null", "true", "2001-01-01", "&a ", "*a", "? ", "\t",
	"\n  ", "\n    ", "\n- ", "\n  - ", "<<", "%", "!", "@", "?", ".", ".inf", "-1", "_", "\\\n",
	"&b ", "*b", "&a\n",
}

// fromPieces makes a text of pieces, one for each byte of b.
func fromPieces(b []byte) []byte {
	var out []byte
	for _, c := range b {
		out = append(out, pieces[int(c)%len(pieces)]...)
	}
	return out
}

// scalarCorpus returns the texts of FuzzScalar's corpus.
func scalarCorpus(f *testing.F) [][]byte {
	paths, err := filepath.Glob("testdata/fuzz/FuzzScalar/*")
	if err != nil {
		f.Fatal(err)
	}
	var texts [][]byte
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for line := range strings.Lines(string(b)) {
			if q, ok := strings.CutPrefix(strings.TrimSpace(line), "[]byte("); ok {
				text, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
				if err != nil {
					f.Fatalf("%s: %v", path, err)
				}
				texts = append(texts, []byte(text))
			}
		}
	}
	if len(texts) == 0 {
		f.Fatal("no corpus in testdata/fuzz/FuzzScalar")
	}
	return texts
}

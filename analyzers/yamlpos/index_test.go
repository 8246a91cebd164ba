package yamlpos

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// checkIndex fails when an Index answers a lookup in a mapping of f differently from Lookup and
// LookupFold, for each key the mapping holds and a few it does not.
func checkIndex(t *testing.T, f *File) {
	t.Helper()
	var ix Index
	walk(f, func(n, _ *yaml.Node) {
		if n.Kind != yaml.MappingNode {
			return
		}
		keys := []string{"", "<<", "missing", "K", "ſ"}
		for i := 0; i < len(n.Content); i += 2 {
			keys = append(keys, n.Content[i].Value, strings.ToUpper(n.Content[i].Value))
		}
		for _, k := range keys {
			if got, want := ix.Lookup(n, k), Lookup(n, k); got != want {
				t.Fatalf("Index.Lookup(%q) = %v, Lookup = %v", k, got, want)
			}
			if got, want := ix.LookupFold(n, k), LookupFold(n, k); got != want {
				t.Fatalf("Index.LookupFold(%q) = %v, LookupFold = %v", k, got, want)
			}
		}
	})
}

func TestIndex(t *testing.T) {
	var big strings.Builder
	for i := range 40 {
		fmt.Fprintf(&big, "k%d: v%d\n", i%30, i) // duplicates: the last counts, the first when merged
	}
	big.WriteString("Key: upper\nkey: lower\n\u212aey: kelvin\nſtate: long-s\nnull: ~\nalias: *a\n")
	tests := []string{
		"a: &a x\n" + big.String(),
		"a: &a x\nm: &m\n" + indent(big.String()) + "n:\n  <<: *m\n  k1: own\n  k2: own\n",
		"a: &a x\nm: &m\n" + indent(big.String()) + "o: &o {k3: o, k40: o}\nn:\n  <<: [*o, *m]\n" + indent(big.String()),
		"a: &a {b: 1}\nb: &b {<<: *a, c: 2}\nc: {<<: [*b, *b, *a], d: 3}\n",
		"a: &a [*a]\nb: &b {<<: [*b, *b]}\n",
	}
	for _, text := range tests {
		f, perr := Parse([]byte(text))
		if perr != nil {
			t.Fatalf("%q: %s", text, perr[0].Message)
		}
		checkIndex(t, f)
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}

// TestAliasCharge checks that reading through an alias is charged to the file analyzed, and that
// an alias the budget does not let be followed reads as the alias written, unresolved.
func TestAliasCharge(t *testing.T) {
	items := strings.TrimSuffix(strings.Repeat("abcdefgh, ", 1000), ", ")
	text := "u: &u [" + items + "]\nuses:\n" + strings.Repeat("  - *u\n", 100) + "last: *u\n"
	sf := checktest.NewFile("x.yml", source.LangYAML, text)
	y, perr := Parse(sf.Text)
	if perr != nil {
		t.Fatal(perr[0].Message)
	}
	y.ChargeTo(sf)
	if c, want := y.Cost(y.Docs[0].Content[0].Content[1]), 64+1000*(64+8); c != want {
		t.Errorf("Cost of the list = %d, want %d", c, want)
	}
	followed, refused := 0, 0
	for _, it := range y.Items(y.Lookup(y.Docs[0].Content[0], "uses")) {
		switch {
		case Refused(it):
			refused++
			if s := y.Scalar(it); s.Text.S != "*u" || !s.Text.AnyUnresolved() {
				t.Errorf("a refused alias reads %q (unresolved %v), want *u unresolved", s.Text.S, s.Text.AnyUnresolved())
			}
		case it.Kind == yaml.SequenceNode:
			followed++
		}
	}
	// The budget of the file is 4 MiB and 16 bytes per byte of it; each use costs the list's cost.
	if followed == 0 || refused == 0 || followed+refused != 100 {
		t.Errorf("%d aliases followed, %d refused; want some of each, 100 in all", followed, refused)
	}
	if len(sf.Problems) != 1 || !strings.Contains(sf.Problems[0].Message, "budget of this file is spent") {
		t.Errorf("problems: %v", sf.Problems)
	}
	if got := y.Lookup(y.Docs[0].Content[0], "last"); !Refused(got) {
		t.Errorf("Lookup through an alias after the budget is spent = %v, want a refused alias", got)
	}
	// Without a file to charge, aliases are followed as Deref follows them.
	y2, _ := Parse(sf.Text)
	for _, it := range y2.Items(y2.Lookup(y2.Docs[0].Content[0], "uses")) {
		if it.Kind != yaml.SequenceNode {
			t.Fatalf("an alias is not followed without a budget: %v", it)
		}
	}
}

// TestParserBounds checks what the YAML library does with hostile nesting and aliases: nesting is
// parsed in linear work up to its limit of 10,000 levels, beyond which it is a syntax error; aliases
// are kept as nodes, never expanded, and what reading them would cost is counted without reading.
func TestParserBounds(t *testing.T) {
	for _, nest := range [][3]string{{"[", "", "]"}, {"{a: ", "x", "}"}, {"- ", "x", ""}} {
		deep := strings.Repeat(nest[0], 9000) + nest[1] + strings.Repeat(nest[2], 9000)
		checktest.Bounded(t, len(deep), func() {
			if _, perr := Parse([]byte(deep)); perr != nil {
				t.Errorf("%.8s... nested 9000 deep: %s", deep, perr[0].Message)
			}
		})
		tooDeep := strings.Repeat(nest[0], 1200) + deep // past 10,000 levels
		if _, perr := Parse([]byte(tooDeep)); perr == nil || !strings.Contains(perr[0].Message, "exceeded max depth") {
			t.Errorf("%.8s... nested past 10000: %v", deep, perr)
		}
	}
	// Billion laughs: each level lists the one below ten times.
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 30; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", "))
	}
	var f *File
	checktest.Bounded(t, b.Len(), func() {
		var perr []*Error
		if f, perr = Parse([]byte(b.String())); perr != nil {
			t.Fatal(perr[0].Message)
		}
	})
	top := f.Docs[0].Content[0]
	checktest.Bounded(t, b.Len(), func() {
		if c := f.Cost(top.Content[len(top.Content)-1]); c != 1<<20+1 {
			t.Errorf("Cost of the last level = %d, want the cap %d", c, 1<<20+1)
		}
	})
}

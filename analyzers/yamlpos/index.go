package yamlpos

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Index answers lookups of keys in mappings. A mapping with more than smallMapping pairs is indexed
// the first time it is looked in, so that looking up many keys in one large mapping (the variables
// of a play, a JSON object with thousands of keys) stays linear. Lookups mean what Lookup and
// LookupFold mean. The zero value is ready to use; an Index is not safe for concurrent use.
type Index struct {
	maps map[*yaml.Node]*mapIndex
}

// smallMapping is the most pairs a mapping has that is searched pair by pair.
const smallMapping = 16

// mapIndex is the index of one mapping's own pairs: per key (and per key folded, see foldKey) the
// position in Content of the first and the last value that names a node; and the nodes merged
// into it with `<<`, as written.
type mapIndex struct {
	exact, fold map[string]firstLast
	merged      []*yaml.Node
}

type firstLast struct{ first, last int32 }

// foldKey returns a key such that strings.EqualFold(a, b) exactly when foldKey(a) == foldKey(b):
// every character replaced by the smallest of the characters it folds to.
func foldKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToUpper(s) // an ASCII letter's smallest fold is its upper case
	}
	return strings.Map(func(r rune) rune {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return m
	}, s)
}

// isMerge reports whether k is a merge key.
func isMerge(k *yaml.Node) bool { return k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style == 0 }

// mergedNodes returns what the merge key's value v brings in: an alias or mapping, or each of a
// list of them, as written.
func mergedNodes(v *yaml.Node) []*yaml.Node {
	if d := Deref(v); d != nil && d.Kind == yaml.SequenceNode {
		return d.Content
	}
	return []*yaml.Node{v}
}

// of returns the index of mapping m, building it the first time; nil for a small mapping.
func (ix *Index) of(m *yaml.Node) *mapIndex {
	if len(m.Content) <= 2*smallMapping {
		return nil
	}
	if mi, ok := ix.maps[m]; ok {
		return mi
	}
	mi := &mapIndex{exact: map[string]firstLast{}, fold: map[string]firstLast{}}
	note := func(idx map[string]firstLast, key string, i int) {
		if fl, ok := idx[key]; ok {
			fl.last = int32(i)
			idx[key] = fl
		} else {
			idx[key] = firstLast{int32(i), int32(i)}
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		switch {
		case isMerge(k):
			mi.merged = append(mi.merged, mergedNodes(m.Content[i+1])...)
		case k.Kind == yaml.ScalarNode && Deref(m.Content[i+1]) != nil:
			note(mi.exact, k.Value, i+1)
			note(mi.fold, foldKey(k.Value), i+1)
		}
	}
	if ix.maps == nil {
		ix.maps = map[*yaml.Node]*mapIndex{}
	}
	ix.maps[m] = mi
	return mi
}

// own returns the position in m.Content of the first or last value of key among m's own pairs, or -1.
func (ix *Index) own(m *yaml.Node, key string, fold, last bool) int {
	if mi := ix.of(m); mi != nil {
		idx, k := mi.exact, key
		if fold {
			idx, k = mi.fold, foldKey(key)
		}
		fl, ok := idx[k]
		switch {
		case !ok:
			return -1
		case last:
			return int(fl.last)
		}
		return int(fl.first)
	}
	found := -1
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode || isMerge(k) || Deref(m.Content[i+1]) == nil {
			continue
		}
		if k.Value == key || fold && strings.EqualFold(k.Value, key) {
			found = i + 1
			if !last {
				break
			}
		}
	}
	return found
}

// merged returns the nodes merged into m, as written.
func (ix *Index) merged(m *yaml.Node) []*yaml.Node {
	if mi := ix.of(m); mi != nil {
		return mi.merged
	}
	var out []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if isMerge(m.Content[i]) {
			out = append(out, mergedNodes(m.Content[i+1])...)
		}
	}
	return out
}

// lookup is a lookup in mapping m (not an alias): the value of key as written, or nil. A key m does
// not hold is looked for in the mappings merged into it, depth first, each once; via is then the
// node m's merge key names that led to it, as written. cut is set when more than maxMerged
// mappings would have to be read.
func (ix *Index) lookup(m *yaml.Node, key string, fold bool) (v, via *yaml.Node, cut bool) {
	if i := ix.own(m, key, fold, true); i >= 0 {
		return m.Content[i], nil, false
	}
	merged := ix.merged(m)
	if len(merged) == 0 {
		return nil, nil, false
	}
	seen := map[*yaml.Node]bool{m: true}
	var visit func(src *yaml.Node) *yaml.Node
	visit = func(src *yaml.Node) *yaml.Node {
		src = Deref(src)
		if src == nil || src.Kind != yaml.MappingNode || seen[src] {
			return nil
		}
		if len(seen) > maxMerged {
			cut = true
			return nil
		}
		seen[src] = true
		if i := ix.own(src, key, fold, false); i >= 0 {
			return src.Content[i]
		}
		for _, s := range ix.merged(src) {
			if v := visit(s); v != nil || cut {
				return v
			}
		}
		return nil
	}
	for _, src := range merged {
		if v := visit(src); v != nil || cut {
			return v, src, cut
		}
	}
	return nil, nil, cut
}

// Lookup is the package's Lookup, with the mappings it reads indexed.
func (ix *Index) Lookup(m *yaml.Node, key string) *yaml.Node {
	if m = Deref(m); m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	v, _, _ := ix.lookup(m, key, false)
	return Deref(v)
}

// LookupFold is the package's LookupFold, with the mappings it reads indexed.
func (ix *Index) LookupFold(m *yaml.Node, key string) *yaml.Node {
	if m = Deref(m); m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	v, _, _ := ix.lookup(m, key, true)
	return Deref(v)
}

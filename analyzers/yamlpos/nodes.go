package yamlpos

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxAliases bounds how many aliases Deref follows, and how deep merge keys are read: YAML lets an
// anchored node contain an alias to itself.
const maxAliases = 16

// Deref follows aliases to the node they name. It returns nil for nil or a chain of aliases too long
// to follow.
func Deref(n *yaml.Node) *yaml.Node {
	for range maxAliases {
		if n == nil || n.Kind != yaml.AliasNode {
			return n
		}
		n = n.Alias
	}
	return nil
}

// Pair is one key and value of a mapping.
type Pair struct {
	Key, Value *yaml.Node
}

// Pairs returns the pairs of mapping m in order, then those merged into it with `<<` (an alias to a
// mapping, or a list of them). It returns nil when m is not a mapping.
func Pairs(m *yaml.Node) []Pair {
	var own, merged []Pair
	visitPairs(Deref(m), map[*yaml.Node]bool{}, func(p Pair, isOwn bool) bool {
		if isOwn {
			own = append(own, p)
		} else {
			merged = append(merged, p)
		}
		return true
	})
	return append(own, merged...)
}

// visitPairs calls fn with m's own pairs, then with those of the mappings merged into it, each
// mapping once, until fn returns false. It returns false when fn did.
func visitPairs(m *yaml.Node, seen map[*yaml.Node]bool, fn func(p Pair, own bool) bool) bool {
	if m == nil || m.Kind != yaml.MappingNode || seen[m] || len(seen) > maxMerged {
		return true
	}
	own := len(seen) == 0
	seen[m] = true
	var sources []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value != "<<" || k.Style != 0 {
			if !fn(Pair{k, v}, own) {
				return false
			}
			continue
		}
		if v = Deref(v); v != nil && v.Kind == yaml.SequenceNode {
			sources = append(sources, Items(v)...)
		} else {
			sources = append(sources, v)
		}
	}
	for _, src := range sources {
		if !visitPairs(src, seen, fn) {
			return false
		}
	}
	return true
}

// hasMerge reports whether mapping m has a merge key.
func hasMerge(m *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style == 0 {
			return true
		}
	}
	return false
}

// maxMerged bounds the mappings read for one mapping with merge keys: every lookup in the mapping
// may read them all.
const maxMerged = 64

// Lookup returns the value of key in mapping m, aliases followed, or nil. A key given twice has its
// last value, as YAML loaders that allow duplicates keep it; a merged key (<<) never overrides an own
// one.
func Lookup(m *yaml.Node, key string) *yaml.Node {
	return lookup(m, func(k string) bool { return k == key })
}

// LookupFold is Lookup ignoring case.
func LookupFold(m *yaml.Node, key string) *yaml.Node {
	return lookup(m, func(k string) bool { return strings.EqualFold(k, key) })
}

func lookup(m *yaml.Node, match func(string) bool) *yaml.Node {
	var found *yaml.Node
	if m = Deref(m); m != nil && m.Kind == yaml.MappingNode && !hasMerge(m) { // the common case
		for i := 0; i+1 < len(m.Content); i += 2 {
			if k := m.Content[i]; k.Kind == yaml.ScalarNode && match(k.Value) {
				if v := Deref(m.Content[i+1]); v != nil {
					found = v
				}
			}
		}
		return found
	}
	visitPairs(Deref(m), map[*yaml.Node]bool{}, func(p Pair, own bool) bool {
		if p.Key.Kind != yaml.ScalarNode || !match(p.Key.Value) {
			return true
		}
		if v := Deref(p.Value); v != nil && (own || found == nil) {
			found = v
			return own // the first merged match ends the search; a later own one still overrides
		}
		return true
	})
	return found
}

// Items returns the items of sequence n, aliases followed (a nil item for an alias too deep), or nil
// when n is not a sequence.
func Items(n *yaml.Node) []*yaml.Node {
	n = Deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = Deref(c)
	}
	return out
}

// IsNull reports whether n is absent or a null scalar (`~`, `null`, nothing).
func IsNull(n *yaml.Node) bool {
	n = Deref(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// IsScalar reports whether n is a scalar that is not null.
func IsScalar(n *yaml.Node) bool {
	n = Deref(n)
	return n != nil && n.Kind == yaml.ScalarNode && n.Tag != "!!null"
}

package yamlpos

import (
	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// A YAML alias names a node written elsewhere, so reading through aliases can read one node many
// times over: an anchored list of ten thousand accounts named by ten thousand tasks is a hundred
// million accounts from a file of a megabyte. The File methods below (Deref, Lookup, LookupFold,
// Items, Pairs) follow aliases like the package's functions, and once ChargeTo names the file being
// analyzed, they charge what an alias makes them read again (Cost) to its evaluation budget. Past
// the budget an alias is not followed: it reads as a scalar holding the alias as written (*name),
// known only at run time (see Refused), and the budget's one warning names the line.

// ChargeTo makes the File's methods charge what aliases make them read again to sf's budget, and
// report there what they leave out.
func (f *File) ChargeTo(sf *source.File) { f.sf = sf }

// nodeCost is what one node costs besides the bytes of its value: what privlint keeps for it.
const nodeCost = 64

// refusedTag marks the scalar that stands for an alias the budget did not let be followed.
const refusedTag = "!privlint/unresolved-alias"

// Refused reports whether n stands for an alias that was not followed: its value is the alias as
// written, known only at run time.
func Refused(n *yaml.Node) bool { return n != nil && n.Kind == yaml.ScalarNode && n.Tag == refusedTag }

// Cost returns what reading n costs: nodeCost for it and each node under it, plus the bytes of their
// values, aliases followed; at most value.MaxValue+1.
func (f *File) Cost(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	if c, ok := f.costs[n]; ok {
		return c
	}
	if f.costs == nil {
		f.costs = map[*yaml.Node]int{}
	}
	f.costs[n] = 0 // in progress: an anchored node may hold an alias to itself
	c := nodeCost
	switch n.Kind {
	case yaml.ScalarNode:
		c += len(n.Value)
	case yaml.AliasNode:
		c = f.Cost(n.Alias)
	default:
		for _, ch := range n.Content {
			c = min(c+f.Cost(ch), value.MaxValue+1)
		}
	}
	f.costs[n] = c
	return c
}

// charge charges n bytes read through the alias at, when the File charges.
func (f *File) charge(at *yaml.Node, n int) bool {
	return f.sf == nil || f.sf.Charge(f.Offset(at), n)
}

// refused returns the scalar that stands for the alias a when it is not followed.
func (f *File) refused(a *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: refusedTag, Value: "*" + a.Value, Line: a.Line, Column: a.Column}
}

// Deref is the package's Deref, charging what the alias names.
func (f *File) Deref(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	t := Deref(n)
	if t == nil {
		return nil
	}
	if !f.charge(n, f.Cost(t)) {
		return f.refused(n)
	}
	return t
}

// Lookup is the package's Lookup, charging the aliases it reads through, with the mappings it reads
// indexed.
func (f *File) Lookup(m *yaml.Node, key string) *yaml.Node { return f.lookup(m, key, false) }

// LookupFold is the package's LookupFold, charging the aliases it reads through, with the mappings
// it reads indexed.
func (f *File) LookupFold(m *yaml.Node, key string) *yaml.Node { return f.lookup(m, key, true) }

func (f *File) lookup(m *yaml.Node, key string, fold bool) *yaml.Node {
	if m = f.Deref(m); m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	v, via, cut := f.ix.lookup(m, key, fold)
	if cut {
		f.mergeCut(m)
	}
	if v != nil && v.Kind != yaml.AliasNode && via != nil && via.Kind == yaml.AliasNode {
		// a value of a mapping an alias merges in: read again at each lookup
		if !f.charge(via, f.Cost(v)) {
			return f.refused(via)
		}
		return v
	}
	return f.Deref(v)
}

// mergeCut reports, once, that merge keys bring more mappings into m than are read.
func (f *File) mergeCut(m *yaml.Node) {
	if f.sf != nil && !f.cutReported {
		f.cutReported = true
		f.sf.Problemf(f.Offset(m), "merge keys (<<) bring more than %d mappings into this one; the others are not read", maxMerged)
	}
}

// Items is the package's Items, charging the aliases it reads through: an item the budget does
// not let be followed is a Refused scalar.
func (f *File) Items(n *yaml.Node) []*yaml.Node {
	n = f.Deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = f.Deref(c)
	}
	return out
}

// Pairs is the package's Pairs, charging the aliases it reads through: the pairs of a mapping merged
// in through an alias the budget does not let be followed are left out.
func (f *File) Pairs(m *yaml.Node) []Pair {
	if m = f.Deref(m); m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	var own, merged []Pair
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; !isMerge(k) {
			own = append(own, Pair{k, m.Content[i+1]})
		}
	}
	seen := map[*yaml.Node]bool{m: true}
	for _, src := range f.ix.merged(m) {
		t := Deref(src)
		if src.Kind == yaml.AliasNode && t != nil && !f.charge(src, f.Cost(t)) {
			continue
		}
		if len(seen) > maxMerged {
			f.mergeCut(m)
			break
		}
		visitPairs(t, seen, func(p Pair, _ bool) bool {
			merged = append(merged, p)
			return true
		})
	}
	return append(own, merged...)
}

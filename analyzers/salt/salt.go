// Package salt extracts the user-right assignments of Salt states: lgpo.set with computer_policy
// entries keyed by a right's display name or constant, or with a single policy name and setting.
// Jinja statements are ignored and Jinja expressions are accounts known only at run time.
package salt

import (
	"bytes"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// Extract parses f.Text as a Salt state file (YAML with Jinja) and returns its lgpo.set
// assignments, with positions in f. A file whose shebang names a renderer other than YAML, Jinja or
// JSON is skipped. A syntax error is recorded on f when the file mentions user rights.
func Extract(f *source.File) []assign.Assignment {
	if otherRenderer(f.Text) {
		return nil
	}
	y, errs := yamlpos.ParseJinja(f.Text)
	yamlpos.Report(f, errs, "YAML once Jinja statements are left out")
	y.ChargeTo(f)
	x := &extractor{f: f, y: y}
	for _, d := range y.Docs {
		x.walk(d, nil, 0)
	}
	return x.out
}

// otherRenderer reports whether text starts with a renderer line (#!py, #!pyobjects, ...) that is
// not YAML, Jinja or JSON.
func otherRenderer(text []byte) bool {
	if !bytes.HasPrefix(text, []byte("#!")) {
		return false
	}
	line, _, _ := bytes.Cut(text, []byte("\n"))
	l := strings.ToLower(string(line))
	return !strings.Contains(l, "yaml") && !strings.Contains(l, "jinja") && !strings.Contains(l, "json")
}

// maxDepth bounds how deep the walk descends.
const maxDepth = 64

type extractor struct {
	f            *source.File
	y            *yamlpos.File
	out          []assign.Assignment
	deepReported bool // a part nested deeper than maxDepth is reported
}

// walk finds lgpo.set states anywhere (top level, extend:). id is the key whose value n is: a
// state's ID, its default name. What is nested deeper than maxDepth is not read, and the first
// place that is is reported.
func (x *extractor) walk(n, id *yaml.Node, depth int) {
	if n == nil {
		return
	}
	if depth > maxDepth {
		if !x.deepReported {
			x.deepReported = true
			x.f.Problemf(x.y.Offset(n), "YAML nests more than %d levels deep here; what is nested deeper is not analyzed", maxDepth)
		}
		return
	}
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			x.walk(c, nil, depth+1)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			if x.isLgpoSet(k.Value, v) {
				x.state(id, v)
				continue
			}
			if v.Kind != yaml.AliasNode {
				x.walk(v, k, depth+1)
			}
		}
	}
}

// isLgpoSet reports whether a state's key and arguments call lgpo.set: `lgpo.set:` (or lgpo.set_),
// or `lgpo:` with `- set` among its arguments.
func (x *extractor) isLgpoSet(key string, args *yaml.Node) bool {
	switch key {
	case "lgpo.set", "lgpo.set_":
		return true
	case "lgpo":
		for _, a := range x.y.Items(args) {
			if yamlpos.IsScalar(a) && (a.Value == "set" || a.Value == "set_") {
				return true
			}
		}
	}
	return false
}

// state reads the arguments of one lgpo.set state: a list of one-key mappings (a mapping is read
// too). cumulative_rights_assignments, true by default, makes user rights additive; false makes
// the accounts listed the only ones holding the right.
func (x *extractor) state(id, argsNode *yaml.Node) {
	get := func(key string) *yaml.Node {
		if v := x.y.Lookup(argsNode, key); v != nil {
			return v
		}
		var found *yaml.Node
		for _, a := range x.y.Items(argsNode) {
			if v := x.y.Lookup(a, key); v != nil {
				found = v
			}
		}
		return found
	}
	op := assign.Grant
	if c := get("cumulative_rights_assignments"); yamlpos.IsScalar(c) {
		switch strings.ToLower(strings.TrimSpace(c.Value)) {
		case "false", "no", "off", "0":
			op = assign.Set
		}
	}
	if setting := get("setting"); setting != nil {
		class := get("policy_class")
		if yamlpos.IsScalar(class) && strings.EqualFold(strings.TrimSpace(class.Value), "user") {
			return
		}
		name := get("name")
		if !yamlpos.IsScalar(name) {
			name = id
		}
		if yamlpos.IsScalar(name) {
			x.policy(name, setting, op)
		}
		return
	}
	for _, p := range x.y.Pairs(get("computer_policy")) {
		if p.Key.Kind == yaml.ScalarNode {
			x.policy(p.Key, p.Value, op)
		}
	}
}

// policy reads one policy setting: a right's display name or constant, and its accounts (a list, or
// a string of comma-separated accounts). Other policies are left out.
func (x *extractor) policy(key, val *yaml.Node, op assign.Op) {
	k := x.y.Scalar(key)
	name := strings.TrimSpace(k.Text.S)
	if !x.f.Rights().Names(name) {
		return
	}
	lo, hi := k.Text.Span(0, k.Text.Len())
	a := assign.Assignment{Right: name, Pos: x.f.Pos(lo), End: x.f.Pos(hi), Op: op, Via: "lgpo.set"}
	val = x.y.Deref(val)
	r := assign.Reader{F: x.f}
	switch {
	case val != nil && val.Kind == yaml.SequenceNode:
		x.y.ReadItems(&r, val, func(t value.Text, remove *[2]int) value.Value {
			v := assign.Names(t, always)
			if v.Kind == value.Str && remove != nil {
				v.Remove = remove
			}
			return v
		})
	case yamlpos.IsScalar(val):
		r.Add(assign.Names(x.y.Scalar(val).Text, always))
	}
	a.Accounts, a.Truncated = r.Out, r.Truncated
	x.out = append(x.out, a)
}

// always keeps every removal edit: a Salt value is written where it is read.
func always([2]int) bool { return true }

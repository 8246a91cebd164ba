package intune

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/inf"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// template reads a security template's [Privilege Rights] section written as a JSON object: each key
// a right, each value the template's comma-separated list or a list of accounts. The assignments of
// one object replace one another, as the lines of one section do.
func (x *extractor) template(section *yaml.Node) {
	scope := fmt.Sprintf("json-template@%d", x.y.Offset(section))
	for i := 0; i+1 < len(section.Content); i += 2 {
		k, v := section.Content[i], x.y.Deref(section.Content[i+1])
		if k.Kind == yaml.ScalarNode {
			x.entry(k, v, scope)
		}
	}
}

// keyedByRight reads a key that names a checked right outside a "Privilege Rights" object, such as
// {"SeImpersonatePrivilege": "*S-1-5-19,*S-1-5-20"} or a list of accounts. A value that itself names
// a right (a table of display names) is not a list of accounts.
func (x *extractor) keyedByRight(k, v *yaml.Node) {
	if _, ok := x.f.Rights().Lookup(k.Value); !ok {
		return
	}
	if v = x.y.Deref(v); v == nil {
		return
	}
	values := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		values = x.y.Items(v)
	}
	for _, it := range values {
		if !yamlpos.IsScalar(it) {
			return
		}
		if _, ok := x.f.Rights().Lookup(it.Value); ok {
			return
		}
	}
	x.entry(k, v, "")
}

// entry reads one right and its accounts.
func (x *extractor) entry(k, v *yaml.Node, scope string) {
	key := x.y.Scalar(k).Text
	switch {
	case yamlpos.IsScalar(v) || yamlpos.IsNull(v): // null is an empty list, as in a template
		val := key.Slice(key.Len(), key.Len())
		if yamlpos.IsScalar(v) {
			val = x.y.Scalar(v).Text
		}
		as := inf.ExtractLine(x.f, key, val)
		for i := range as {
			as[i].Via, as[i].Scope = "template (JSON)", scope
		}
		x.out = append(x.out, as...)
	case v.Kind == yaml.SequenceNode:
		lo, hi := key.Span(0, key.Len())
		a := assign.Assignment{
			Right: strings.TrimSpace(key.S), Pos: x.f.Pos(lo), End: x.f.Pos(hi), Op: assign.Set,
			Via: "template (JSON)", Scope: scope,
		}
		a.Accounts, a.Truncated = x.accounts(x.y.Value(v))
		x.out = append(x.out, a)
	}
}

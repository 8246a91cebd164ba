package ansible

import (
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// layer is one source of variables: a `vars:` mapping, a role's vars or defaults file, or one loop
// variable.
type layer struct {
	vars  *yaml.Node // a mapping of variables; or
	name  string     // one variable and
	value *yaml.Node // its value
	local bool       // the nodes are in the file being analyzed, so their positions are known
}

// scope holds the variables visible at a point of a file, the innermost layer first. Roles' defaults
// come last: everything else overrides them.
type scope struct {
	layers []layer
	steps  *int // what is left of the file's evaluation budget
}

// newScope returns the outermost scope of a file of size bytes: its role's variables.
func newScope(layers []layer, size int) scope {
	steps := 10000 + 10*size
	return scope{layers: layers, steps: &steps}
}

func (s scope) with(l layer) scope {
	return scope{layers: append([]layer{l}, s.layers...), steps: s.steps}
}

// get returns the value of variable name.
func (s scope) get(name string) (n *yaml.Node, local, ok bool) {
	for _, l := range s.layers {
		if l.vars != nil {
			if v := yamlpos.Lookup(l.vars, name); v != nil {
				return v, l.local, true
			}
		} else if l.name == name && l.value != nil {
			return l.value, l.local, true
		}
	}
	return nil, false, false
}

// roleLayers reads the variables of the role f belongs to (roles/<role>/tasks/x.yml reads
// roles/<role>/vars/main.yml, then roles/<role>/defaults/main.yml). A file outside a role, or a role
// without such files, has none. The files are read through f.Beside, the scan's reader: only inside
// the scanned tree (the role's directory counts when the path named on the command line is inside
// the role; see discover.Reader.ReadBeside), never through a symbolic link, within the size limit
// and the configuration's excludes. A file refused is a problem at the start of f, and its
// variables are unknown.
func roleLayers(f *source.File) []layer {
	root, ok := source.AnsibleRole(f.Name)
	if !ok {
		return nil
	}
	var out []layer
	for _, dir := range []string{"vars", "defaults"} {
		for _, name := range []string{"main.yml", "main.yaml"} {
			data, found := f.Beside(0, filepath.Join(root, dir, name))
			if !found {
				continue
			}
			if y, perr := yamlpos.Parse(data); data != nil && perr == nil && len(y.Docs) > 0 && len(y.Docs[0].Content) > 0 {
				out = append(out, layer{vars: y.Docs[0].Content[0]})
			}
			break
		}
	}
	return out
}

// value is the value of a Jinja expression: one string, or the items of a list.
type value struct {
	items []item
	list  bool
}

// item is one string of a value, with the scalar of the file being analyzed it is written in, when
// it is one.
type item struct {
	s    string
	node *yaml.Node
}

// maxEval bounds the nesting of variables defined by other variables.
const maxEval = 8

// exprRE reads the Jinja expressions privlint evaluates: a variable, maybe with attributes, then
// filters.
var (
	exprRE   = regexp.MustCompile(`^\s*([A-Za-z_]\w*(?:\.\w+|\[\s*['"][^'"\]]+['"]\s*\])*)\s*((?:\|\s*\w+\s*(?:\([^()]*\))?\s*)*)$`)
	attrRE   = regexp.MustCompile(`\.(\w+)|\[\s*['"]([^'"\]]+)['"]\s*\]`)
	filterRE = regexp.MustCompile(`\|\s*(\w+)\s*(?:\(([^()]*)\))?`)
)

// lookupPath returns the node a variable path (`a`, `a.b`, `a['b']`) names.
func (s scope) lookupPath(path string) (*yaml.Node, bool, bool) {
	end := len(path)
	if i := strings.IndexAny(path, ".["); i >= 0 {
		end = i
	}
	n, local, ok := s.get(path[:end])
	for _, m := range attrRE.FindAllStringSubmatch(path[end:], -1) {
		if !ok {
			break
		}
		key := m[1] + m[2]
		n = yamlpos.Lookup(n, key)
		ok = n != nil
	}
	return yamlpos.Deref(n), local, ok && n != nil
}

// eval evaluates a Jinja expression (without its braces) that names a variable, with the filters
// join, list, string, trim, unique, default and d. ok is false for anything else, or a variable no
// layer defines.
func (s scope) eval(expr string, depth int) (value, bool) {
	if depth > maxEval || s.steps == nil || *s.steps <= 0 {
		return value{}, false // variables defined by many others, many times over
	}
	*s.steps--
	m := exprRE.FindStringSubmatch(expr)
	if m == nil {
		return value{}, false
	}
	n, local, ok := s.lookupPath(m[1])
	if !ok {
		return value{}, false
	}
	v, ok := s.valueOf(n, local, depth)
	if !ok {
		return value{}, false
	}
	for _, f := range filterRE.FindAllStringSubmatch(m[2], -1) {
		switch f[1] {
		case "default", "d", "list", "unique", "string":
			if f[1] == "list" {
				v.list = true
			}
			if f[1] == "string" && v.list {
				return value{}, false // Python's list syntax
			}
		case "trim":
			for i := range v.items {
				v.items[i] = item{s: strings.TrimSpace(v.items[i].s)}
			}
		case "join":
			sep := strings.Trim(strings.TrimSpace(f[2]), `'"`)
			parts := make([]string, len(v.items))
			for i, it := range v.items {
				parts[i] = it.s
			}
			v = value{items: []item{{s: strings.Join(parts, sep)}}}
		default:
			return value{}, false
		}
	}
	return v, true
}

// valueOf returns the value of a variable's node: a scalar, or a list of scalars.
func (s scope) valueOf(n *yaml.Node, local bool, depth int) (value, bool) {
	switch {
	case yamlpos.IsNull(n):
		return value{items: []item{{s: ""}}}, true
	case n.Kind == yaml.ScalarNode:
		if strings.Contains(n.Value, "{{") {
			return s.evalString(n.Value, depth+1)
		}
		it := item{s: n.Value}
		if local {
			it.node = n
		}
		return value{items: []item{it}}, true
	case n.Kind == yaml.SequenceNode:
		v := value{list: true}
		for _, c := range yamlpos.Items(n) {
			cv, ok := s.valueOf(c, local, depth+1)
			if !ok || cv.list || c == nil || c.Kind != yaml.ScalarNode {
				return value{}, false
			}
			v.items = append(v.items, cv.items...)
		}
		return v, true
	}
	return value{}, false
}

// evalString evaluates a string holding Jinja expressions: a string that is one expression has that
// expression's value (a list stays a list, as Ansible keeps it); otherwise each expression is
// replaced by its string.
func (s scope) evalString(str string, depth int) (value, bool) {
	exprs := yamlpos.Expressions(str)
	if len(exprs) == 1 && strings.TrimSpace(str) == str[exprs[0][0]:exprs[0][1]] {
		return s.eval(str[exprs[0][0]+2:exprs[0][1]-2], depth)
	}
	var b strings.Builder
	last := 0
	for _, e := range exprs {
		v, ok := s.eval(str[e[0]+2:e[1]-2], depth)
		if !ok || v.list || len(v.items) != 1 {
			return value{}, false
		}
		b.WriteString(str[last:e[0]])
		b.WriteString(v.items[0].s)
		last = e[1]
	}
	b.WriteString(str[last:])
	return value{items: []item{{s: b.String()}}}, true
}

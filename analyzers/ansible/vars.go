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
// come last: everything else overrides them. A scope is a chain of layers: adding one copies
// nothing, and a variable is looked up in each layer's mapping through an index.
type scope struct {
	top *frame
	ev  *evaluator
}

// frame is one layer of a scope and the layers around it.
type frame struct {
	layer
	next *frame
}

// evaluator is what the evaluation of one file's expressions shares: the file, whose budget every
// evaluation is charged to, and the index of the mappings variables are looked up in.
type evaluator struct {
	f            *source.File
	ix           yamlpos.Index
	deepReported bool // an evaluation nested too deep is reported
}

// newScope returns the outermost scope of the file f: its role's variables.
func newScope(layers []layer, f *source.File) scope {
	s := scope{ev: &evaluator{f: f}}
	for i := len(layers) - 1; i >= 0; i-- {
		s = s.with(layers[i])
	}
	return s
}

func (s scope) with(l layer) scope {
	return scope{top: &frame{layer: l, next: s.top}, ev: s.ev}
}

// get returns the value of variable name.
func (s scope) get(name string) (n *yaml.Node, local, ok bool) {
	for fr := s.top; fr != nil; fr = fr.next {
		if fr.vars != nil {
			if v := s.ev.ix.Lookup(fr.vars, name); v != nil {
				return v, fr.local, true
			}
		} else if fr.name == name && fr.value != nil {
			return fr.value, fr.local, true
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

// itemCost is what one item of a list costs besides its bytes when a value is charged: what privlint
// keeps for it.
const itemCost = 64

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
		n = s.ev.ix.Lookup(n, key)
		ok = n != nil
	}
	return yamlpos.Deref(n), local, ok && n != nil
}

// size returns what a use of v costs: its bytes, and itemCost for each item of a list.
func (v value) size() int {
	n := 0
	for _, it := range v.items {
		n += len(it.s)
	}
	if v.list {
		n += itemCost * len(v.items)
	}
	return n
}

// eval evaluates a Jinja expression (without its braces) that names a variable, with the filters
// join, list, string, trim, unique, default and d. ok is false for anything else, or a variable no
// layer defines. Each evaluation, and the value it gives, is charged to the file's budget at the
// offset at, where the expression that started it is written in the file; past the budget, or
// variables nested deeper than maxEval, the expression is unresolved.
func (s scope) eval(expr string, at, depth int) (value, bool) {
	if depth > maxEval {
		if !s.ev.deepReported {
			s.ev.deepReported = true
			s.ev.f.Problemf(at, "variables defined by other variables nest more than %d levels deep here; the value is unresolved", maxEval)
		}
		return value{}, false
	}
	if !s.ev.f.Charge(at, 0) { // the step: once the budget is spent, nothing is evaluated
		return value{}, false
	}
	m := exprRE.FindStringSubmatch(expr)
	if m == nil {
		return value{}, false
	}
	n, local, ok := s.lookupPath(m[1])
	if !ok {
		return value{}, false
	}
	v, ok := s.valueOf(n, local, at, depth)
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
			items := make([]item, len(v.items))
			for i := range v.items {
				items[i] = item{s: strings.TrimSpace(v.items[i].s)}
			}
			v.items = items
		case "join":
			sep := strings.Trim(strings.TrimSpace(f[2]), `'"`)
			n := len(sep) * max(len(v.items)-1, 0)
			parts := make([]string, len(v.items))
			for i, it := range v.items {
				parts[i] = it.s
				n += len(it.s)
			}
			if !s.ev.f.Charge(at, n) {
				return value{}, false
			}
			v = value{items: []item{{s: strings.Join(parts, sep)}}}
		default:
			return value{}, false
		}
	}
	if !s.ev.f.Charge(at, v.size()) {
		return value{}, false
	}
	return v, true
}

// valueOf returns the value of a variable's node: a scalar, or a list of scalars.
func (s scope) valueOf(n *yaml.Node, local bool, at, depth int) (value, bool) {
	switch {
	case yamlpos.IsNull(n):
		return value{items: []item{{s: ""}}}, true
	case n.Kind == yaml.ScalarNode:
		if strings.Contains(n.Value, "{{") {
			return s.evalString(n.Value, at, depth+1)
		}
		it := item{s: n.Value}
		if local {
			it.node = n
		}
		return value{items: []item{it}}, true
	case n.Kind == yaml.SequenceNode:
		v := value{list: true}
		for _, c := range yamlpos.Items(n) {
			cv, ok := s.valueOf(c, local, at, depth+1)
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
// replaced by its string, and the string built is charged to the budget before it is built.
func (s scope) evalString(str string, at, depth int) (value, bool) {
	exprs := yamlpos.Expressions(str)
	if len(exprs) == 1 && strings.TrimSpace(str) == str[exprs[0][0]:exprs[0][1]] {
		return s.eval(str[exprs[0][0]+2:exprs[0][1]-2], at, depth)
	}
	parts := make([]string, len(exprs))
	n := len(str)
	for i, e := range exprs {
		v, ok := s.eval(str[e[0]+2:e[1]-2], at, depth)
		if !ok || v.list || len(v.items) != 1 {
			return value{}, false
		}
		parts[i] = v.items[0].s
		n += len(parts[i]) - (e[1] - e[0])
	}
	if !s.ev.f.Charge(at, n) {
		return value{}, false
	}
	var b strings.Builder
	b.Grow(n)
	last := 0
	for i, e := range exprs {
		b.WriteString(str[last:e[0]])
		b.WriteString(parts[i])
		last = e[1]
	}
	b.WriteString(str[last:])
	return value{items: []item{{s: b.String()}}}, true
}

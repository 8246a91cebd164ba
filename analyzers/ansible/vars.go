package ansible

import (
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
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
//
// It is not a value.Env: Ansible evaluates a variable lazily, where it is used, so a play's
// variable defined from another sees the task's value of that one, and a layer is a YAML mapping
// most of whose variables are never used. The scope finds a variable's node; eval makes it a
// value.Value.
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
	y            *yamlpos.File // the file analyzed, where the local layers' nodes are
	ix           yamlpos.Index
	deepReported bool // an evaluation nested too deep is reported
}

// newScope returns the outermost scope of the file f: its role's variables.
func newScope(layers []layer, f *source.File, y *yamlpos.File) scope {
	s := scope{ev: &evaluator{f: f, y: y}}
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
		n = s.ev.ix.Lookup(n, key)
		ok = n != nil
	}
	return yamlpos.Deref(n), local, ok && n != nil
}

// eval evaluates a Jinja expression (without its braces), written at [lo, hi) of the file, that
// names a variable, with the filters join, list, string, trim, unique, default and d. The value is
// a Str or a List of Strs; each string is mapped to where it is written when that is in this file
// (a variable's scalar, or a part of it), otherwise spread over the expression. ok is false for
// anything else, or a variable no layer defines. Each evaluation, and the value it gives, is
// charged to the file's budget at lo; past the budget, or variables nested deeper than maxEval,
// the expression is unresolved.
func (s scope) eval(expr string, lo, hi, depth int) (value.Value, bool) {
	if depth > maxEval {
		if !s.ev.deepReported {
			s.ev.deepReported = true
			s.ev.f.Problemf(lo, "variables defined by other variables nest more than %d levels deep here; the value is unresolved", maxEval)
		}
		return value.Value{}, false
	}
	if !s.ev.f.Charge(lo, 0) { // the step: once the budget is spent, nothing is evaluated
		return value.Value{}, false
	}
	m := exprRE.FindStringSubmatch(expr)
	if m == nil {
		return value.Value{}, false
	}
	n, local, ok := s.lookupPath(m[1])
	if !ok {
		return value.Value{}, false
	}
	v, ok := s.valueOf(n, local, lo, hi, depth)
	if !ok {
		return value.Value{}, false
	}
	for _, f := range filterRE.FindAllStringSubmatch(m[2], -1) {
		switch f[1] {
		case "default", "d", "unique":
		case "list":
			if v.Kind == value.Str {
				v = value.NewList(v)
			}
		case "string":
			if v.Kind == value.List {
				return value.Value{}, false // Python's list syntax
			}
		case "trim":
			v = trim(v, lo, hi)
		case "join":
			sep := strings.Trim(strings.TrimSpace(f[2]), `'"`)
			if !s.ev.f.Charge(lo, joinedLen(v, sep)) {
				return value.Value{}, false
			}
			v = join(v, sep, lo, hi)
		default:
			return value.Value{}, false
		}
	}
	if !s.ev.f.Charge(lo, v.Size()) {
		return value.Value{}, false
	}
	return v, true
}

// trim returns v with the blanks around its strings removed, spread over [lo, hi), the
// expression: the string is no longer the one written.
func trim(v value.Value, lo, hi int) value.Value {
	if v.Kind == value.List {
		out := value.NewList()
		for _, e := range v.Elems {
			out.Append(trim(e, lo, hi))
		}
		return out
	}
	return value.String(strings.TrimSpace(v.Text.S), lo, hi, false)
}

// joinedLen returns the length of the string join(v, sep) builds.
func joinedLen(v value.Value, sep string) int {
	if v.Kind != value.List {
		return v.Text.Len()
	}
	n := len(sep) * max(len(v.Elems)-1, 0)
	for _, e := range v.Elems {
		n += e.Text.Len()
	}
	return n
}

// join returns the string of the strings of v (v itself when it is one) separated by sep, spread
// over [lo, hi), the expression.
func join(v value.Value, sep string, lo, hi int) value.Value {
	if v.Kind != value.List {
		return value.String(v.Text.S, lo, hi, false)
	}
	parts := make([]string, len(v.Elems))
	for i, e := range v.Elems {
		parts[i] = e.Text.S
	}
	return value.String(strings.Join(parts, sep), lo, hi, false)
}

// valueOf returns the value of a variable's node, a scalar or a list of scalars, used by the
// expression at [lo, hi): a local node's scalar is mapped to where it is written.
func (s scope) valueOf(n *yaml.Node, local bool, lo, hi, depth int) (value.Value, bool) {
	switch {
	case yamlpos.IsNull(n):
		return value.String("", lo, hi, false), true
	case n.Kind == yaml.ScalarNode:
		if strings.Contains(n.Value, "{{") {
			return s.evalString(n.Value, lo, hi, depth+1)
		}
		if local {
			return value.Value{Kind: value.Str, Text: s.ev.y.Scalar(n).Text}, true
		}
		return value.String(n.Value, lo, hi, false), true
	case n.Kind == yaml.SequenceNode:
		v := value.NewList()
		for _, c := range yamlpos.Items(n) {
			cv, ok := s.valueOf(c, local, lo, hi, depth+1)
			if !ok || cv.Kind != value.Str || c == nil || c.Kind != yaml.ScalarNode {
				return value.Value{}, false
			}
			v.Append(cv)
		}
		return v, true
	}
	return value.Value{}, false
}

// evalString evaluates a string holding Jinja expressions: a string that is one expression has that
// expression's value (a list stays a list, as Ansible keeps it); otherwise each expression is
// replaced by its string, and the string built, spread over [lo, hi), is charged to the budget
// before it is built.
func (s scope) evalString(str string, lo, hi, depth int) (value.Value, bool) {
	exprs := yamlpos.Expressions(str)
	if len(exprs) == 1 && strings.TrimSpace(str) == str[exprs[0][0]:exprs[0][1]] {
		return s.eval(str[exprs[0][0]+2:exprs[0][1]-2], lo, hi, depth)
	}
	parts := make([]string, len(exprs))
	n := len(str)
	for i, e := range exprs {
		v, ok := s.eval(str[e[0]+2:e[1]-2], lo, hi, depth)
		if !ok || v.Kind != value.Str {
			return value.Value{}, false
		}
		parts[i] = v.Text.S
		n += len(parts[i]) - (e[1] - e[0])
	}
	if !s.ev.f.Charge(lo, n) {
		return value.Value{}, false
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
	return value.String(b.String(), lo, hi, false), true
}

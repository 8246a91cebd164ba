package chef

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/forms"
	"github.com/privlint/privlint/analyzers/source"
	vtext "github.com/privlint/privlint/analyzers/value"
)

// walker walks a recipe's syntax tree in order, tracking variables that hold literals, and collects
// the assignments of the resources it knows.
type walker struct {
	f      *source.File
	vars   map[string]value
	out    []assign.Assignment
	blocks []int // the start of each enclosing block
}

// Extract parses f.Text as a Chef recipe (Ruby) and returns its assignments, with positions in f.
// Problems are recorded on f.
func Extract(f *source.File) []assign.Assignment {
	tree, problems := Parse(f.Text)
	for _, p := range problems {
		f.Problemf(p.Offset, "%s", p.Message)
	}
	w := &walker{f: f, vars: map[string]value{}}
	w.walk(tree)
	return w.out
}

func (w *walker) walk(nodes []Node) {
	for _, n := range nodes {
		w.node(n)
	}
}

func (w *walker) node(n Node) {
	switch n := n.(type) {
	case *Assign:
		w.node(n.Value)
		name := assignedName(n.Target)
		if name == "" {
			w.node(n.Target)
			return
		}
		v := w.eval(n.Value)
		_, known := w.vars[name]
		switch {
		case n.Op == "=" && literal(v), n.Op == "||=" && !known && literal(v):
			w.vars[name] = v
		case n.Op == "||=" && known:
		default:
			delete(w.vars, name)
		}
	case *Call:
		if n.Recv != nil {
			w.node(n.Recv)
		}
		w.walk(n.Args)
		if h, ok := resources[n.Name]; ok && n.Recv == nil && !n.Bare {
			h(w, n)
		}
		if n.Block != nil {
			w.block(n)
		}
	case *Compound:
		if n.Kind != "if" && n.Kind != "unless" && n.Kind != "case" {
			w.walk(n.Children)
			return
		}
		for _, c := range n.Children { // branches: each statement its own scope, so alternatives are no duplicates
			start, _ := c.Span()
			w.blocks = append(w.blocks, start)
			w.node(c)
			w.blocks = w.blocks[:len(w.blocks)-1]
		}
	case *Array:
		w.walk(n.Elems)
	case *Pair:
		w.node(n.Key)
		w.node(n.Value)
	case *Block:
		w.walkBlock(n, nil)
	}
}

// assignedName returns the variable an assignment target names, or "".
func assignedName(n Node) string {
	switch n := n.(type) {
	case *Call:
		if n.Bare {
			return n.Name
		}
	case *VarRef:
		return n.Name
	}
	return ""
}

// block walks the block of a call: once per item for `list.each do |x|` over a literal list, once
// with its parameters unknown otherwise. Each pass over the body is charged to the file's budget,
// its length in bytes: once the budget is spent, the rest of the items are not walked and the body
// is walked once more with its parameters unknown.
func (w *walker) block(c *Call) {
	if c.Name == "each" && c.Recv != nil && len(c.Block.Params) > 0 {
		if list := w.eval(c.Recv); list.kind == valList && literal(list) {
			cost := min(c.Block.End-c.Block.Start, vtext.MaxValue)
			for _, it := range list.items {
				if !w.f.Charge(c.Block.Start, cost) {
					w.walkBlock(c.Block, nil)
					return
				}
				w.walkBlock(c.Block, &it)
			}
			return
		}
	}
	w.walkBlock(c.Block, nil)
}

// walkBlock walks a block's body with its first parameter bound to first (unknown when nil) and
// the others unknown; the parameters' outer values come back afterwards.
func (w *walker) walkBlock(b *Block, first *value) {
	saved := map[string]*value{}
	for i, name := range b.Params {
		if v, ok := w.vars[name]; ok {
			saved[name] = &v
		} else {
			saved[name] = nil
		}
		delete(w.vars, name)
		if i == 0 && first != nil {
			w.vars[name] = *first
		}
	}
	w.blocks = append(w.blocks, b.Start)
	w.walk(b.Body)
	w.blocks = w.blocks[:len(w.blocks)-1]
	for name, v := range saved {
		if v == nil {
			delete(w.vars, name)
		} else {
			w.vars[name] = *v
		}
	}
}

// scope names the innermost enclosing block or conditional statement, for assignments that replace
// one another.
func (w *walker) scope() string {
	if len(w.blocks) == 0 {
		return "chef"
	}
	return fmt.Sprintf("chef@%d", w.blocks[len(w.blocks)-1])
}

// resources handle the Chef resources that assign rights, by name.
var resources = map[string]func(w *walker, c *Call){
	"windows_user_privilege": (*walker).userPrivilege,
	"powershell_script":      script(source.LangPowerShell, "code"),
	"dsc_script":             script(source.LangPowerShell, "code"),
	"batch":                  script(source.LangBatch, "code"),
	"execute":                (*walker).execute,
	"dsc_resource":           (*walker).dscResource,
}

// properties returns the property calls of a resource block (`privilege 'x'`), the last of each
// name; a call with several arguments is one list.
func (w *walker) properties(c *Call) map[string]value {
	props := map[string]value{}
	if c.Block == nil {
		return props
	}
	for _, n := range c.Block.Body {
		p, ok := n.(*Call)
		if !ok || p.Recv != nil || len(p.Args) == 0 {
			continue
		}
		if len(p.Args) == 1 {
			props[p.Name] = w.eval(p.Args[0])
			continue
		}
		list := value{kind: valList}
		for _, a := range p.Args {
			list.add(w.eval(a))
		}
		props[p.Name] = list
	}
	return props
}

// name returns the resource's name, its first argument.
func (w *walker) name(c *Call) (value, bool) {
	if len(c.Args) == 0 {
		return value{}, false
	}
	return w.eval(c.Args[0]), true
}

// userPrivilege records a windows_user_privilege resource: :add (the default) gives the privileges
// to principal, which defaults to the resource's name; :remove takes them from it; :set gives them
// to exactly the users; :clear takes them from everyone.
func (w *walker) userPrivilege(c *Call) {
	props := w.properties(c)
	privileges, ok := props["privilege"]
	if !ok {
		return
	}
	principal, ok := props["principal"]
	if !ok {
		principal, ok = w.name(c)
	}
	// An action list may use the accounts more than once: they are read, and a list past the limit
	// reported, once.
	principalAccounts := sync.OnceValues(func() ([]assign.Account, bool) { return w.accounts(principal) })
	userAccounts := sync.OnceValues(func() ([]assign.Account, bool) { return w.accounts(props["users"]) })
	for _, action := range actions(props) {
		a := assign.Assignment{Via: "windows_user_privilege"}
		switch action {
		case "add", "remove":
			if !ok {
				continue
			}
			a.Op = assign.Grant
			a.Accounts, a.Truncated = principalAccounts()
			if action == "remove" {
				a.Op = assign.Revoke
			}
		case "set":
			if _, ok := props["users"]; !ok {
				w.f.Problemf(c.NameStart, "windows_user_privilege with action :set has no users property; Chef fails the resource")
				continue
			}
			a.Op, a.Scope = assign.Set, w.scope()
			a.Accounts, a.Truncated = userAccounts()
		case "clear":
			a.Op, a.Scope = assign.Set, w.scope()
		default:
			continue
		}
		w.emit(a, privileges)
	}
}

// emit records a once per right that rights names.
//
// Each right is kept once: a resource giving a list of rights to a list of accounts holds their
// product, so each right after the first is charged to the file's budget for its copy of the
// accounts; past the budget the rest are left out.
func (w *walker) emit(a assign.Assignment, rights value) {
	seen := map[string]bool{}
	for _, r := range flatten(rights) {
		if r.kind != valStr && r.kind != valSym || seen[r.text] {
			continue
		}
		if len(seen) > 0 && !w.f.Charge(r.start, itemCost*len(a.Accounts)) {
			return
		}
		seen[r.text] = true
		a.Right, a.Pos, a.End = r.text, w.f.Pos(r.start), w.f.Pos(r.end)
		a.Accounts = slices.Clone(a.Accounts)
		w.out = append(w.out, a)
	}
}

// actions returns a resource's actions by name, :add when it names none or one known only at run
// time.
func actions(props map[string]value) []string {
	v, ok := props["action"]
	if !ok {
		return []string{"add"}
	}
	var out []string
	for _, it := range flatten(v) {
		if it.kind == valSym || it.kind == valStr {
			out = append(out, strings.TrimPrefix(strings.ToLower(it.text), ":"))
		}
	}
	if len(out) == 0 {
		return []string{"add"}
	}
	return out
}

// script returns the handler of a resource whose property prop holds code in lang.
func script(lang source.Lang, prop string) func(w *walker, c *Call) {
	return func(w *walker, c *Call) {
		code, ok := w.properties(c)[prop]
		if !ok || code.t.Len() == 0 {
			return
		}
		w.nested(code, cmdline.Nest(w.f, lang, code.t, false))
	}
}

// execute records what an execute resource's command (its name by default) runs.
func (w *walker) execute(c *Call) {
	cmd, ok := w.properties(c)["command"]
	if !ok {
		cmd, ok = w.name(c)
	}
	if !ok || cmd.t.Len() == 0 {
		return
	}
	w.nested(cmd, cmdline.Run(w.f, cmdline.FromLine(cmd.t)))
}

// nested records the assignments of code embedded in the recipe, giving their scopes the code's
// position so that two embedded scripts never share one.
func (w *walker) nested(code value, as []assign.Assignment) {
	for _, a := range as {
		if a.Scope != "" {
			a.Scope = fmt.Sprintf("chef@%d/%s", code.t.Offset(0), a.Scope)
		}
		w.out = append(w.out, a)
	}
}

// dscResource records a dsc_resource running a DSC resource package forms knows
// (UserRightsAssignment, Carbon_Privilege), with the properties its `property :Name, value` calls
// give.
func (w *walker) dscResource(c *Call) {
	res, ok := w.properties(c)["resource"]
	if !ok || res.kind != valStr && res.kind != valSym || forms.Lookup(res.text) == nil {
		return
	}
	r := &forms.Resource{Name: res.text, At: res.start, Via: "dsc_resource", Scope: w.scope()}
	for _, n := range c.Block.Body { // resource was found, so the block exists
		if p, ok := n.(*Call); ok && p.Name == "property" && p.Recv == nil && len(p.Args) == 2 {
			if k := w.eval(p.Args[0]); k.kind == valSym || k.kind == valStr {
				r.Props = append(r.Props, forms.Prop{Name: k.text, At: k.start, Value: w.formValue(w.eval(p.Args[1]))})
			}
		}
	}
	w.out = append(w.out, forms.Assignments(w.f, r)...)
}

// formValue returns v as package forms reads a property. The elements of a list written in place
// carry the edit that drops them; a list the parser cut short is reported already.
func (w *walker) formValue(v value) vtext.Value {
	switch v.kind {
	case valStr:
		if s, e := v.t.Span(0, v.t.Len()); s < v.start || e > v.end { // read through a variable: found where it is used
			return vtext.Value{Kind: vtext.Str, Text: vtext.Spread(v.text, v.start, v.end, false)}
		}
		return vtext.Value{Kind: vtext.Str, Text: v.t, Editable: v.verbatim}
	case valSym:
		return vtext.Value{Kind: vtext.Str, Text: vtext.Spread(v.text, v.start, v.end, false)}
	case valBool:
		return vtext.Value{Kind: vtext.Bool, Bool: v.b}
	case valNil:
		return vtext.Value{Kind: vtext.Null}
	case valList:
		out := vtext.Value{Kind: vtext.List, Cut: v.cut, CutAt: -1}
		starts, ends := make([]int, len(v.items)), make([]int, len(v.items))
		for i, it := range v.items {
			out.Elems = append(out.Elems, w.formValue(it))
			starts[i], ends[i] = it.elemStart, it.elemEnd
		}
		if v.inPlace {
			for i, rm := range assign.Removals(w.f.Text, starts, ends) {
				if v.items[i].kind != valList {
					out.Elems[i].Remove = rm
				}
			}
		}
		return out
	}
	if isInteger(v.text) { // a number is known: Force 1 is true
		return vtext.Value{Kind: vtext.Str, Text: vtext.Spread(v.text, v.start, v.end, false)}
	}
	return vtext.Value{Kind: vtext.Unknown, Text: vtext.Spread(v.text, v.start, v.end, true)}
}

// isInteger reports whether s is a decimal integer literal.
func isInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && len(s) <= 20 && strings.Trim(s, "0123456789_") == ""
}

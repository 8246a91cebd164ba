package chef

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/forms"
	"github.com/privlint/privlint/analyzers/inf"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// walker walks a recipe's syntax tree in order, tracking variables that hold literals, and collects
// the assignments of the resources it knows.
type walker struct {
	f      *source.File
	env    *value.Env
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
	w := &walker{f: f, env: value.NewEnv(false)}
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
		name := varName(n.Target)
		if name == "" {
			if m := w.mutated(n.Target); m != "" {
				w.env.Assign(m, unknownVar)
			}
			w.node(n.Target)
			return
		}
		v := w.eval(n.Value)
		_, known := w.lookup(name)
		switch {
		case n.Op == "=" && literal(v), n.Op == "||=" && !known && literal(v):
			w.env.Assign(name, v)
		case n.Op == "||=" && known:
		default:
			w.env.Assign(name, unknownVar)
		}
	case *Call:
		if n.Recv != nil {
			w.node(n.Recv)
		}
		w.walk(n.Args)
		if m := w.mutated(n); m != "" {
			w.env.Assign(m, unknownVar)
		}
		if h, ok := resources[n.Name]; ok && n.Recv == nil && !n.Bare {
			h(w, n)
		}
		w.patch(n)
		if n.Block != nil {
			w.block(n)
		}
	case *Compound:
		if n.Kind == "binary" { // l << x
			if m := w.mutated(n); m != "" {
				w.env.Assign(m, unknownVar)
			}
		}
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

// block walks the block of a call: once per item for `list.each do |x|` over a literal list, once
// with its parameters unknown otherwise. Each pass over the body is charged to the file's budget,
// its length in bytes: once the budget is spent, the rest of the items are not walked and the body
// is walked once more with its parameters unknown.
func (w *walker) block(c *Call) {
	if c.Name == "each" && c.Recv != nil && len(c.Block.Params) > 0 {
		if list := w.eval(c.Recv); list.Kind == value.List && literal(list) {
			cost := min(c.Block.End-c.Block.Start, value.MaxValue)
			for _, it := range list.Elems {
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

// walkBlock walks a block's body in a scope of its own, its first parameter bound to first
// (unknown when nil) and the others unknown.
func (w *walker) walkBlock(b *Block, first *value.Value) {
	w.env.Push()
	for i, name := range b.Params {
		if i == 0 && first != nil {
			w.env.Define(name, *first)
		} else {
			w.env.Hide(name)
		}
	}
	w.blocks = append(w.blocks, b.Start)
	w.walk(b.Body)
	w.blocks = w.blocks[:len(w.blocks)-1]
	w.env.Pop()
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

// properties returns the arguments of the property calls of a resource block (`privilege 'x'`),
// the last of each name.
func properties(c *Call) map[string][]Node {
	props := map[string][]Node{}
	if c.Block == nil {
		return props
	}
	for _, n := range c.Block.Body {
		if p, ok := n.(*Call); ok && p.Recv == nil && len(p.Args) > 0 {
			props[p.Name] = p.Args
		}
	}
	return props
}

// property returns the value of a property's arguments: one argument's value, or the list of
// several.
func (w *walker) property(args []Node) value.Value {
	if len(args) == 1 {
		return w.eval(args[0])
	}
	list := value.Value{Kind: value.List}
	for _, a := range args {
		list.Append(w.eval(a))
	}
	return list
}

// name returns the resource's name, its first argument.
func (c *Call) name() (Node, bool) {
	if len(c.Args) == 0 {
		return nil, false
	}
	return c.Args[0], true
}

// userPrivilege records a windows_user_privilege resource: :add (the default) gives the privileges
// to principal, which defaults to the resource's name; :remove takes them from it; :set gives them
// to exactly the users; :clear takes them from everyone.
func (w *walker) userPrivilege(c *Call) {
	props := properties(c)
	privArgs, ok := props["privilege"]
	if !ok {
		return
	}
	privileges := w.property(privArgs)
	principalArgs, ok := props["principal"]
	if !ok {
		var name Node
		if name, ok = c.name(); ok {
			principalArgs = []Node{name}
		}
	}
	userArgs, hasUsers := props["users"]
	// An action list may use the accounts more than once: they are read, and a list past the limit
	// reported, once.
	principalAccounts := sync.OnceValues(func() ([]assign.Account, bool) {
		return assign.Accounts(w.f, w.property(principalArgs))
	})
	userAccounts := sync.OnceValues(func() ([]assign.Account, bool) { return assign.Accounts(w.f, w.property(userArgs)) })
	for _, action := range w.actions(props) {
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
			if !hasUsers {
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

// emit records a once per right that rights names: each string known in full.
//
// Each right is kept once: a resource giving a list of rights to a list of accounts holds their
// product, so each right after the first is charged to the file's budget for its copy of the
// accounts; past the budget the rest are left out.
func (w *walker) emit(a assign.Assignment, rights value.Value) {
	seen := map[string]bool{}
	for _, r := range rights.Strings() {
		if r.Text.AnyUnresolved() || seen[r.Text.S] {
			continue
		}
		start, end := r.Text.Span(0, r.Text.Len())
		if len(seen) > 0 && !w.f.Charge(start, value.ItemCost*len(a.Accounts)) {
			return
		}
		seen[r.Text.S] = true
		a.Right, a.Pos, a.End = r.Text.S, w.f.Pos(start), w.f.Pos(end)
		a.Accounts = slices.Clone(a.Accounts)
		w.out = append(w.out, a)
	}
}

// actions returns a resource's actions by name, :add when it names none or one known only at run
// time.
func (w *walker) actions(props map[string][]Node) []string {
	args, ok := props["action"]
	if !ok {
		return []string{"add"}
	}
	var out []string
	for _, it := range w.property(args).Strings() {
		if !it.Text.AnyUnresolved() {
			out = append(out, strings.TrimPrefix(strings.ToLower(it.Text.S), ":"))
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
		args, ok := properties(c)[prop]
		if !ok || len(args) != 1 {
			return
		}
		if code := w.code(args[0]); code.Kind == value.Str && code.Text.Len() > 0 {
			w.nested(code.Text, cmdline.Nest(w.f, lang, codeText(code.Text), false))
		}
	}
}

// execute records what an execute resource's command (its name by default) runs.
func (w *walker) execute(c *Call) {
	args, ok := properties(c)["command"]
	if !ok {
		var name Node
		if name, ok = c.name(); ok {
			args = []Node{name}
		}
	}
	if !ok || len(args) != 1 {
		return
	}
	if cmd := w.code(args[0]); cmd.Kind == value.Str && cmd.Text.Len() > 0 {
		w.nested(cmd.Text, cmdline.Run(w.f, cmdline.FromLine(codeText(cmd.Text))))
	}
}

// code returns the value of n as code handed to another interpreter. A string read through a
// variable keeps where its characters are written, so that what the code does is found there.
func (w *walker) code(n Node) value.Value {
	if v, ok := w.lookup(varName(n)); ok && v.Kind == value.Str {
		if start, _ := n.Span(); w.f.Charge(start, v.Size()) {
			return v
		}
	}
	return w.eval(n)
}

// nested records the assignments of code embedded in the recipe, giving their scopes the code's
// position so that two embedded scripts never share one.
func (w *walker) nested(code value.Text, as []assign.Assignment) {
	for _, a := range as {
		if a.Scope != "" {
			a.Scope = fmt.Sprintf("chef@%d/%s", code.Offset(0), a.Scope)
		}
		w.out = append(w.out, a)
	}
}

// dscResource records a dsc_resource running a DSC resource package forms knows
// (UserRightsAssignment, Carbon_Privilege), with the properties its `property :Name, value` calls
// give.
func (w *walker) dscResource(c *Call) {
	args, ok := properties(c)["resource"]
	if !ok {
		return
	}
	res := w.property(args)
	if res.Kind != value.Str || res.Text.AnyUnresolved() || forms.Lookup(res.Text.S) == nil {
		return
	}
	r := &forms.Resource{Name: res.Text.S, At: res.Text.Offset(0), Via: "dsc_resource", Scope: w.scope()}
	for _, n := range c.Block.Body { // resource was found, so the block exists
		if p, ok := n.(*Call); ok && p.Name == "property" && p.Recv == nil && len(p.Args) == 2 {
			if k := w.eval(p.Args[0]); k.Kind == value.Str && !k.Text.AnyUnresolved() {
				r.Props = append(r.Props, forms.Prop{Name: k.Text.S, At: k.Text.Offset(0), Value: w.eval(p.Args[1])})
			}
		}
	}
	w.out = append(w.out, forms.Assignments(w.f, r)...)
}

// patchMethods are the String methods that replace a pattern written as a string.
var patchMethods = map[string]bool{"sub": true, "gsub": true, "sub!": true, "gsub!": true}

// patch reads an exported template edited in code: text.sub('SeX = ', 'SeX = acct,') adds acct
// to the right's holders (inf.Patch).
func (w *walker) patch(c *Call) {
	if c.Recv == nil || !patchMethods[c.Name] || len(c.Args) != 2 {
		return
	}
	pattern, replacement := w.eval(c.Args[0]), w.eval(c.Args[1])
	if pattern.Kind != value.Str || replacement.Kind != value.Str {
		return
	}
	w.out = append(w.out, inf.Patch(w.f, pattern.Text, replacement.Text)...)
}

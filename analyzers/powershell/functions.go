package powershell

import (
	"slices"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

// Functions and script blocks called in the file are walked once per call, their parameters bound
// to the call's arguments as PowerShell binds them (walker.call). A function with no call in the
// file is walked once where it is defined, its parameters their defaults or known only at run
// time.

// maxCallDepth bounds the calls the walker follows into one another (recursion included); a call
// deeper than that is not followed, and that is reported once.
const maxCallDepth = 8

// callCost is what following a call costs the file's budget besides walking its body (walkCost per
// byte): binding the arguments and opening a scope.
const callCost = 256

// callState is what the walker knows of the file's functions and the calls being followed.
type callState struct {
	funcs  map[string]*FuncDef // by lower-case name; the last definition of a name wins
	defs   []*FuncDef          // in the order written
	called map[*FuncDef]bool   // the file calls it from outside its own body
	walked map[*FuncDef]bool   // walked, through a call or where it is defined
	// blocks are the script blocks assigned to a variable that is used only to call them
	// (& $sb args): walked through their calls, not where they are written; blockWalked says which
	// were.
	blocks      map[*ScriptBlock]bool
	blockWalked map[*ScriptBlock]bool
	// callers are the functions whose bodies call each function (not the function itself).
	callers map[*FuncDef]map[*FuncDef]bool
	configs map[*Command]*FuncDef // DSC configurations, by the command that defines them
	inert   map[*FuncDef]bool     // walking the function can change nothing (see findInert)
	// walkInert walks inert functions all the same: tests check that this changes nothing.
	walkInert bool
	// blockOf holds the script block a configuration's body is: the scope of its resources.
	blockOf map[*FuncDef]*ScriptBlock
	depth   int  // the calls being followed
	deep    bool // the depth limit was reached, and that is reported
	at      int  // the start of the innermost call being followed, or -1
	walk    int  // which walk of a body through a call is under way: each has its own number, 0 for none
	walks   int  // the walks through calls so far
}

// callable is what a call runs: a function or a script block.
type callable struct {
	name   string // the function's name as defined, or "a script block"
	params []*ParamDecl
	body   *Block
	fn     *FuncDef     // nil for a script block
	sb     *ScriptBlock // nil for a function (but a configuration, whose body it is)
}

func (w *walker) funcCallable(fd *FuncDef) callable {
	return callable{name: fd.Name, params: fd.Params, body: fd.Body, fn: fd, sb: w.calls.blockOf[fd]}
}

func blockCallable(sb *ScriptBlock) callable {
	return callable{name: "a script block", params: sb.Body.Params, body: sb.Body, sb: sb}
}

// funcKey is how a function is looked up by the name a command is written with, or defined with:
// lower case, without a scope (function global:Grant-Rights).
func funcKey(name string) string {
	k := strings.ToLower(strings.TrimSpace(name))
	for _, p := range []string{"global:", "script:", "local:", "private:", "function:"} {
		k = strings.TrimPrefix(k, p)
	}
	return k
}

// collectFuncs records the functions and filters blk defines, and which of them it calls from
// outside their own bodies. A function named as a command privlint reads (Grant-CPrivilege,
// ntrights) keeps that command's meaning and is not followed.
func (w *walker) collectFuncs(blk *Block) {
	c := &w.calls
	define := func(fd *FuncDef) {
		if fd.Name == "" || fd.Body == nil {
			return
		}
		k := funcKey(fd.Name)
		if _, h := handlers[commandKey(k)]; !h && !isNative(k) && commandKey(k) != "foreach-object" {
			c.funcs[k] = fd
			c.defs = append(c.defs, fd)
		}
	}
	type callSite struct {
		cmd    *Command
		key    string
		caller *FuncDef // the innermost function whose body holds the call, or nil
	}
	var (
		sites  []callSite
		in     []*FuncDef                  // the functions whose bodies the walk is in, innermost last
		blocks = map[string]*ScriptBlock{} // by variable: the one script block assigned to it
		uses   = map[string]int{}          // references of each variable other than calls and assignments
	)
	var visit func(n Node) bool
	body := func(fd *FuncDef, nodes ...Node) {
		in = append(in, fd)
		for _, n := range nodes {
			inspect(n, visit)
		}
		in = in[:len(in)-1]
	}
	visit = func(n Node) bool {
		switch n := n.(type) {
		case *FuncDef:
			define(n)
			for _, p := range n.Params {
				body(n, p.Default)
			}
			body(n, n.Body)
			return false
		case *Assign:
			if ref, ok := n.Target.(*VarRef); ok {
				k, _ := w.keys.varName(ref.Name)
				sb := scriptBlockOf(n.Value)
				if _, twice := blocks[k]; twice || sb == nil || n.Op != "=" {
					uses[k]++ // assigned twice, or something else: not followed
				}
				blocks[k] = sb
				inspect(n.Value, visit)
				return false
			}
		case *Command:
			if fd := configuration(n); fd != nil {
				if c.configs == nil {
					c.configs = map[*Command]*FuncDef{}
					c.blockOf = map[*FuncDef]*ScriptBlock{}
				}
				c.configs[n] = fd
				c.blockOf[fd] = n.Elems[1].(*ScriptBlock)
				define(fd)
				body(fd, n.Elems[1])
				return false
			}
			if ref, ok := n.Name.(*VarRef); ok && n.Call != "" && !ref.Splat {
				for _, e := range n.Elems {
					inspect(e, visit)
				}
				return false
			}
			lit, ok := n.Name.(*StringLit)
			if !ok || lit.Tok.Parts != nil {
				break
			}
			if runsBlock[w.keys.commandKey(lit.Tok.Value)] {
				for _, e := range n.Elems { // Invoke-Command $sb, -ScriptBlock $sb: a call
					if p, ok := e.(*CmdParam); ok && p.Arg != nil {
						e = p.Arg
					}
					if _, ok := e.(*VarRef); !ok {
						inspect(e, visit)
					}
				}
				return false
			}
			site := callSite{cmd: n, key: funcKey(lit.Tok.Value)}
			if len(in) > 0 {
				site.caller = in[len(in)-1]
			}
			sites = append(sites, site)
		case *VarRef:
			k, _ := w.keys.varName(n.Name)
			uses[k]++
		}
		return true
	}
	inspect(blk, visit)
	for k, sb := range blocks {
		if sb != nil && uses[k] == 0 {
			if c.blocks == nil {
				c.blocks, c.blockWalked = map[*ScriptBlock]bool{}, map[*ScriptBlock]bool{}
			}
			c.blocks[sb] = true
		}
	}
	for _, site := range sites {
		fd := c.funcs[site.key]
		if fd == nil {
			continue
		}
		if s, e := fd.Span(); site.cmd.start >= s && site.cmd.start < e {
			continue // a call in its own body: recursion
		}
		c.called[fd] = true
		if site.caller != nil {
			if c.callers[fd] == nil {
				c.callers[fd] = map[*FuncDef]bool{}
			}
			c.callers[fd][site.caller] = true
		}
	}
}

// configuration returns a DSC configuration, Configuration Name { param(...) ... }, as the function
// it is: calling it by its name with arguments runs its body with its parameters bound, which
// compiles its resources (with those values) to a MOF document.
func configuration(cmd *Command) *FuncDef {
	name, ok := cmd.Name.(*StringLit)
	if !ok || !strings.EqualFold(name.Tok.Value, "configuration") || len(cmd.Elems) != 2 {
		return nil
	}
	id, ok1 := cmd.Elems[0].(*StringLit)
	sb, ok2 := cmd.Elems[1].(*ScriptBlock)
	if !ok1 || !ok2 || id.Tok.Parts != nil || sb.Body == nil {
		return nil
	}
	return &FuncDef{span: cmd.span, Name: id.Tok.Value, Params: sb.Body.Params, Body: sb.Body}
}

// runsBlock are the commands invokeCommand follows.
var runsBlock = map[string]bool{"invoke-command": true, "start-job": true}

// invokeCommand follows Invoke-Command and Start-Job running a script block, on this computer or
// another: the block's parameters take the arguments of -ArgumentList by position. It reports
// whether it did (not when the block is not known: a variable used otherwise, -FilePath).
func (w *walker) invokeCommand(cmd *Command) bool {
	b := w.bind(invokeCommandSpec, cmd)
	block, ok1 := b.lookup("scriptblock")
	if !ok1 || block.v.block == nil || block.v.block.Body == nil {
		return false
	}
	args := []boundArg{}
	if list, ok := b.get("argumentlist"); ok {
		for _, it := range w.expand(list) {
			args = append(args, boundArg{v: it})
		}
	}
	for _, e := range cmd.Elems { // the block runs with the arguments, not where it is written
		if sb, ok := e.(*ScriptBlock); !ok || sb != block.v.block {
			w.walkExpr(e)
		}
	}
	w.call(cmd, blockCallable(block.v.block), args, pv{}, false)
	return true
}

// scriptBlockOf returns the script block a statement is, alone, or nil.
func scriptBlockOf(n Node) *ScriptBlock {
	if pl, ok := n.(*Pipeline); ok && len(pl.Elems) == 1 {
		n = pl.Elems[0]
	}
	sb, _ := n.(*ScriptBlock)
	if sb == nil || sb.Body == nil {
		return nil
	}
	return sb
}

// funcOf returns the function a command calls, or nil.
func (w *walker) funcOf(cmd *Command) *FuncDef {
	lit, ok := cmd.Name.(*StringLit)
	if !ok || lit.Tok.Parts != nil || len(w.calls.funcs) == 0 {
		return nil
	}
	return w.calls.funcs[funcKey(lit.Tok.Value)]
}

// defineFunc walks a function where it is defined, unless the file calls it: then it is walked
// through its calls (and, should none of them be followed, at the end of the file).
func (w *walker) defineFunc(fd *FuncDef) {
	if w.calls.called[fd] && w.calls.funcs[funcKey(fd.Name)] == fd {
		return
	}
	w.uncalled(w.funcCallable(fd))
}

// uncalled walks a function no call was followed into: its parameters are their defaults, or known
// only at run time.
func (w *walker) uncalled(c callable) {
	if c.fn != nil {
		w.calls.walked[c.fn] = true
	}
	if w.calls.inert[c.fn] {
		return
	}
	w.push()
	w.bindParams(c, nil, nil, pv{}, false)
	w.walkCallable(c)
	w.pop()
}

// walkCallable walks the statements of c's body, whose parameters are bound already; a script block's
// body is a scope of resources of its own (see walker.block).
func (w *walker) walkCallable(c callable) {
	if c.sb != nil {
		w.blocks = append(w.blocks, c.sb.start)
		defer func() { w.blocks = w.blocks[:len(w.blocks)-1] }()
	}
	w.walkStmts(c.body)
}

// walkCalledLater walks, at the end of the file, the functions the file calls but whose calls were
// never followed (a call in a loop over nothing, a call past the budget).
func (w *walker) walkCalledLater() {
	c := &w.calls
	// A function that another function not yet walked calls waits for it: walking the caller may
	// walk it through the call.
	waits := func(fd *FuncDef) bool {
		for caller := range c.callers[fd] {
			if !c.walked[caller] && c.called[caller] {
				return true
			}
		}
		return false
	}
	// Two passes, so that the cost stays linear: the functions that wait for no caller, then the
	// rest (callers that call one another, functions whose callers were walked without reaching
	// them).
	for pass := range 2 {
		for _, fd := range c.defs {
			if c.called[fd] && !c.walked[fd] && (pass == 1 || !waits(fd)) {
				w.uncalled(w.funcCallable(fd))
			}
		}
	}
	var later []*ScriptBlock
	for sb := range w.calls.blocks {
		if !w.calls.blockWalked[sb] {
			later = append(later, sb)
		}
	}
	slices.SortFunc(later, func(a, b *ScriptBlock) int { return a.start - b.start })
	for _, sb := range later {
		w.calls.blockWalked[sb] = true
		w.walkScriptBlock(sb, nil)
	}
}

// walkStmts walks the statements of a body whose parameters are bound already.
func (w *walker) walkStmts(b *Block) {
	if b == nil {
		return
	}
	for _, s := range b.Stmts {
		w.walkStmt(s)
	}
}

// spec returns the parameters of c as a command's: by name, and by position in the order declared
// unless some parameter gives its Position, which then makes only those positional.
func (c callable) spec() cmdSpec {
	explicit := false
	for _, p := range c.params {
		explicit = explicit || p.Position >= 0
	}
	spec := make(cmdSpec, 0, len(c.params))
	for i, p := range c.params {
		ps := paramSpec{name: strings.ToLower(p.Name), position: i, isSwitch: p.Switch}
		if explicit {
			ps.position = p.Position
		}
		if p.Switch {
			ps.position = -1
		}
		spec = append(spec, ps)
	}
	return spec
}

// call follows a call of c by cmd, unless c is an inert function (see findInert): the body is walked in a scope of its own, each parameter bound
// to the argument the call passes it (by name, prefix, position, splatting; when args is not nil,
// to those positional arguments: Invoke-Command -ArgumentList), else to the item
// piped in when it takes pipeline input (once per item), else to its default, else known only at
// run time. A value the call passes carries the call as a step of its flow. Each call is charged to
// the file's budget in proportion to the body; past the budget, or deeper than maxCallDepth, the
// call is not followed (and the function is walked once, unbound, at the end of the file).
func (w *walker) call(cmd *Command, c callable, args []boundArg, input pv, haveInput bool) {
	if w.calls.inert[c.fn] {
		w.calls.walked[c.fn] = true
		return
	}
	s, e := cmd.Span()
	if w.calls.depth >= maxCallDepth {
		if !w.calls.deep {
			w.calls.deep = true
			w.problemf(s, "calls nested more than %d deep are not followed: the accounts passed on from here are not analyzed", maxCallDepth)
		}
		return
	}
	bs, be := c.body.Span()
	if !w.chargeWork(s, callCost+walkCost*(be-bs)) {
		return
	}
	if c.fn != nil {
		w.calls.walked[c.fn] = true
	}
	if c.sb != nil && w.calls.blocks[c.sb] {
		w.calls.blockWalked[c.sb] = true
	}
	var b *binding
	if args == nil {
		b = w.bind(c.spec(), cmd)
	} else {
		b = &binding{}
		b.place(c.spec(), args)
	}
	step := assign.Step{Pos: w.pos(s), End: w.pos(e), What: "call of " + c.name}
	run := func(item pv, piped bool) {
		w.push()
		w.calls.depth++
		at, walk, quiet := w.calls.at, w.calls.walk, w.quiet
		w.calls.walks++
		w.calls.at, w.calls.walk = s, w.calls.walks
		w.quiet = 0 // the body runs whatever is done with its output (Write-Host (Grant-Rights x))
		w.bindParams(c, b, &step, item, piped)
		w.walkCallable(c)
		w.calls.at, w.calls.walk, w.quiet = at, walk, quiet
		w.calls.depth--
		w.pop()
	}
	if !haveInput {
		run(pv{}, false)
		return
	}
	w.iterate(cmd, input, func(v pv) { run(v, true) })
}

// bindParams defines c's parameters in the current scope: from the binding b of a call (nil when
// none), the item piped in, the defaults, else known only at run time.
func (w *walker) bindParams(c callable, b *binding, step *assign.Step, item pv, piped bool) {
	origin := "parameter of " + c.name
	// $PSBoundParameters holds the parameters the call bound, $args the arguments no parameter
	// took: wrappers hand them on (Grant-CPrivilege @PSBoundParameters).
	bound := pv{Value: value.Value{Kind: value.Table}}
	for _, p := range c.params {
		name := strings.ToLower(p.Name)
		switch a, ok := b.lookup(name); {
		case ok:
			v := w.passed(a.v, step, origin)
			w.set(p.Name, v)
			w.setEntry(&bound.Value, p.Name, w.calls.at, unedited(v.Value))
			if bound.flow == nil {
				bound.flow = v.flow
			}
		case piped && p.Pipeline:
			w.set(p.Name, w.passed(item, step, origin))
		case p.Default != nil:
			w.walkExpr(p.Default)
			v := w.eval(p.Default)
			if v.Kind == value.Unknown && v.Origin == "" && v.block == nil {
				v.Origin = origin
			}
			w.set(p.Name, v)
		default:
			w.param(p.Name, origin)
		}
	}
	if piped {
		v := w.passed(item, step, origin)
		w.set("_", v)
		w.set("psitem", v)
	}
	if b == nil {
		return
	}
	w.set("psboundparameters", bound)
	args := pv{Value: value.NewList()}
	for _, a := range b.pos {
		v := w.passed(a.v, step, origin)
		args.Append(unedited(v.Value))
		if args.flow == nil {
			args.flow = v.flow
		}
	}
	w.set("args", args)
}

// lookup returns the argument bound to the parameter name; a nil binding has none.
func (b *binding) lookup(name string) (boundArg, bool) {
	if b == nil {
		return boundArg{}, false
	}
	if a := b.named.Get(name); a != nil {
		return *a, true
	}
	return boundArg{}, false
}

// passed returns v as a call passes it to a parameter: with the call appended to its flow, and,
// when it is known only at run time, saying it was passed to the parameter. The strings a list or
// table passed holds are no longer written in the body (see entryFlow): copying them is charged
// like using the value, and past the budget they stay as they are.
func (w *walker) passed(v pv, step *assign.Step, origin string) pv {
	if step != nil {
		v.flow = append(append([]assign.Step(nil), v.flow...), *step)
	}
	if v.Kind == value.Unknown && v.Origin == "" && v.block == nil {
		v.Origin = origin
	}
	cost := v.Size() // a table's entries are counted: setEntry leaves its weight as it was
	if v.Kind == value.Table {
		cost = value.ItemCost * len(v.Entries)
	}
	if step != nil && (v.Kind == value.List || v.Kind == value.Table) && (cost <= smallValue || w.chargeWork(w.calls.at, cost)) {
		v.Value = unedited(v.Value)
	}
	return v
}

// unedited returns v with the strings it holds no longer Editable where they are written.
func unedited(v value.Value) value.Value {
	switch v.Kind {
	case value.Str:
		v.Editable, v.Remove = false, nil
	case value.List:
		v = v.Clone()
		for i := range v.Elems {
			v.Elems[i] = unedited(v.Elems[i])
		}
	case value.Table:
		v = v.Clone()
		for i := range v.Entries {
			v.Entries[i].Value = unedited(v.Entries[i].Value)
		}
	}
	return v
}

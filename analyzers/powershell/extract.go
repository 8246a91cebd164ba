package powershell

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// ExtractFile is Extract over the whole of f: the extractor langs and nested command strings use.
func ExtractFile(f *source.File) []assign.Assignment { return Extract(f, 0, len(f.Text)) }

// Extract parses f.Text[start:end] as PowerShell and returns the assignments it writes, with
// positions in f. Problems are recorded on f. Other extractors call it for PowerShell embedded in
// their language (powershell -Command "...").
func Extract(f *source.File, start, end int) []assign.Assignment {
	if start < 0 || end > len(f.Text) || start > end {
		return nil
	}
	w := newWalker(f)
	if cmdline.Of(f).Depth > 0 {
		if t := cmdline.SourceText(f); t.AnyUnresolved() {
			w.unres = &t
		}
	}
	w.extract(start, end)
	return w.out
}

// maxWalkDepth bounds the syntax tree levels the extractor descends.
const maxWalkDepth = 4 * maxDepth

// walker walks a syntax tree in execution order, tracking variables, and collects assignments.
type walker struct {
	f    *source.File
	src  []byte
	out  []assign.Assignment
	seen map[string]bool // assignments already collected
	// scriptDirs are the variables last assigned the running script's directory (scriptDirExpr).
	scriptDirs map[string]bool
	reported   map[Problem]bool // problems already recorded
	done       map[[2]int]bool  // string literals already read as templates, by start and walk (callState.walk)
	ran        map[string]bool  // command lines already followed
	iexRan     map[ranKey]bool  // strings already handed to Invoke-Expression
	tooMany    map[int]bool     // lists reported as longer than assign.MaxAccounts, by offset
	depth      int
	tooDeep    bool         // the nesting problem is recorded
	unrolled   bool         // a loop stopped being unrolled, and that is recorded
	blocks     []int        // the start of each enclosing script block
	arms       []assign.Arm // the branches of if/elseif/else being walked, outermost first
	quiet      int          // > 0 while walking what is only printed or compared
	// unres marks the bytes of embedded text that the language around it knew only at run time.
	unres *value.Text
	vars  *value.Scopes[variable] // the variables, in a scope per script block, function and call being walked
	// bufs holds the buffer each variable's value was last built in, by name (see pv.tip).
	bufs map[string]*buffer
	// tables indexes the keys of the tables built, by the address of their first entry (see
	// setEntry); blockVals holds the script blocks evaluated, by span (see blockOf).
	tables    map[*value.Entry]*tableIndex
	blockVals map[[2]int]*ScriptBlock
	calls     callState
	keys      nameCache     // normalized names, cached
	noted     []assign.Step // the first flow of the values read into a program's text (see noteFlow)
	found     int           // the assignments found, each time one is (see add)
}

func newWalker(f *source.File) *walker {
	return &walker{
		f: f, src: f.Text,
		seen: map[string]bool{}, reported: map[Problem]bool{}, done: map[[2]int]bool{}, ran: map[string]bool{},
		iexRan: map[ranKey]bool{}, tooMany: map[int]bool{}, scriptDirs: map[string]bool{},
		vars: value.NewScopes[variable](), bufs: map[string]*buffer{}, tables: map[*value.Entry]*tableIndex{},
		blockVals: map[[2]int]*ScriptBlock{},
		calls: callState{
			funcs: map[string]*FuncDef{}, called: map[*FuncDef]bool{}, walked: map[*FuncDef]bool{},
			callers: map[*FuncDef]map[*FuncDef]bool{}, at: -1,
		},
	}
}

// ranKey is a string followed as PowerShell, by where it starts: a key that shares the string
// instead of copying it.
type ranKey struct {
	at   int
	text string
}

func (w *walker) problemf(off int, format string, args ...any) {
	p := Problem{off, fmt.Sprintf(format, args...)}
	if !w.reported[p] {
		w.reported[p] = true
		w.f.Problemf(p.Offset, "%s", p.Message)
	}
}

// enter counts one level of the tree; beyond maxWalkDepth it records a problem, once.
func (w *walker) enter(n Node) bool {
	if w.depth >= maxWalkDepth {
		if !w.tooDeep {
			s, _ := n.Span()
			w.problemf(s, "expression nested more than %d levels deep is not analyzed", maxWalkDepth)
			w.tooDeep = true
		}
		return false
	}
	w.depth++
	return true
}

func (w *walker) leave() { w.depth-- }

// extract parses src[start:end] and walks it.
func (w *walker) extract(start, end int) {
	blk, problems := parse(w.src, start, end)
	for _, p := range problems {
		w.problemf(p.Offset, "%s", p.Message)
	}
	w.collectFuncs(blk)
	w.findInert(blk)
	w.walkBlock(blk)
	w.walkCalledLater()
}

// add collects an assignment once.
func (w *walker) add(a assign.Assignment) {
	var k strings.Builder
	fmt.Fprintf(&k, "%s|%d|%d|%d|%s|%s", a.Right, a.Pos, a.End, a.Op, a.Via, a.Scope)
	for _, acc := range a.Accounts {
		fmt.Fprintf(&k, "|%s|%d|%d|%t", acc.Text, acc.Pos, acc.End, acc.Unresolved)
	}
	w.found++
	if w.seen[k.String()] {
		return
	}
	w.seen[k.String()] = true
	if a.Arms == nil && len(w.arms) > 0 {
		a.Arms = slices.Clone(w.arms)
	}
	w.out = append(w.out, a)
}

// walkBlock walks a block in the current scope; its parameters, if any, are the script's or a
// script block's.
func (w *walker) walkBlock(b *Block) {
	origin := "parameter of a script block"
	if w.vars.Depth() == 1 {
		origin = scriptParam
	}
	w.walkBody(b, origin)
}

// scriptParam is the origin of the parameters of the script itself.
const scriptParam = "parameter of the script"

// walkBody walks a block whose parameters are known only at run time, from origin.
func (w *walker) walkBody(b *Block, origin string) {
	if b == nil {
		return
	}
	pos := 0
	for _, p := range b.Params {
		if origin != scriptParam || p.Switch {
			w.param(p.Name, origin)
			continue
		}
		// A script's parameter: the scan binds it to what the calls of the script pass, by name or
		// by position (declaration order, or [Parameter(Position=n)]).
		pos++
		index := pos
		if p.Position >= 0 {
			index = p.Position + 1
		}
		v := pv{Value: value.Value{Kind: value.Unknown, Origin: origin}}
		if p.Default != nil { // run without the argument, the script uses its default, when known
			if d := w.eval(p.Default); d.Kind != value.Unknown {
				v = d
			}
		}
		v.Param = &value.Param{Name: p.Name, Index: index}
		w.set(p.Name, v)
	}
	for _, s := range b.Stmts {
		w.walkStmt(s)
	}
}

// param defines the parameter name, known only at run time, from origin.
func (w *walker) param(name, origin string) {
	w.set(name, pv{Value: value.Value{Kind: value.Unknown, Origin: origin}})
}

// walkScriptBlock walks a script block's body in a scope of its own; bind sets variables first.
func (w *walker) walkScriptBlock(sb *ScriptBlock, bind func()) {
	w.push()
	if bind != nil {
		bind()
	}
	w.blocks = append(w.blocks, sb.start)
	w.walkBlock(sb.Body)
	w.blocks = w.blocks[:len(w.blocks)-1]
	w.pop()
}

func (w *walker) walkStmt(n Node) {
	if n == nil {
		return
	}
	if !w.enter(n) {
		return
	}
	defer w.leave()
	switch n := n.(type) {
	case *Pipeline:
		w.walkPipeline(n)
	case *Command:
		w.command(n, pv{}, false, false)
	case *Assign:
		w.walkStmt(n.Value)
		w.assign(n)
	case *FuncDef:
		w.defineFunc(n)
	case *If:
		// Its branches are exclusive: only one runs. (A switch may run several clauses.)
		start, _ := n.Span()
		for i, c := range n.Conds {
			w.walkStmt(c)
			w.arms = append(w.arms, assign.Arm{Chain: start, Index: i})
			w.walkBlock(n.Bodies[i])
			w.arms = w.arms[:len(w.arms)-1]
		}
		w.arms = append(w.arms, assign.Arm{Chain: start, Index: len(n.Conds)})
		w.walkBlock(n.Else)
		w.arms = w.arms[:len(w.arms)-1]
	case *Loop:
		for _, h := range n.Header {
			w.walkStmt(h)
		}
		w.walkBlock(n.Body)
	case *Foreach:
		w.walkStmt(n.Iter)
		iter := w.eval(n.Iter)
		w.iterate(n, iter, func(v pv) {
			if n.Var != nil {
				w.set(n.Var.Name, v)
			}
			w.walkBlock(n.Body)
		})
	case *Switch:
		w.walkStmt(n.Subject)
		for i, p := range n.Patterns {
			w.walkExpr(p)
			w.walkBlock(n.Bodies[i])
		}
	case *Try:
		for _, b := range n.Blocks {
			w.walkBlock(b)
		}
	case *Flow:
		w.walkStmt(n.Value)
	case *ClassDef:
		for _, m := range n.Methods {
			w.push()
			w.walkBlock(m)
			w.pop()
		}
	default:
		w.walkExpr(n)
	}
}

// iterate runs body once per item of a loop over iter: every item of a list, else the one
// unknown value. Every iteration after the first is charged to the file's budget in proportion to
// the loop's source text (what walking it once more costs, besides the values it builds, which are
// charged as they are built); once the budget is spent, loops are no longer unrolled.
func (w *walker) iterate(at Node, iter pv, body func(pv)) {
	s, e := at.Span()
	for i, it := range w.expand(iter) {
		if i > 0 && !w.chargeWork(s, walkCost*(e-s)) {
			if !w.unrolled {
				w.unrolled = true
				w.problemf(s, "loop not unrolled past its first item: the script is too large to follow every iteration")
			}
			return
		}
		body(it)
	}
}

func (w *walker) walkPipeline(pl *Pipeline) {
	var input pv
	haveInput := false
	for i, el := range pl.Elems {
		if cmd, ok := el.(*Command); ok {
			w.command(cmd, input, haveInput, i+1 < len(pl.Elems))
			haveInput = false
			continue
		}
		w.walkExpr(el)
		if i+1 < len(pl.Elems) { // what is piped on; an expression alone is evaluated where it is used
			input, haveInput = w.eval(el), true
		}
	}
	if pl.Out { // what the last element outputs is written to a file: > file, >> file
		switch last := pl.Elems[len(pl.Elems)-1].(type) {
		case *Command:
			if w.keys.commandKey(w.commandName(last).Text.S) == "write-output" {
				w.writtenLines(w.commandValue(last))
			}
		default:
			w.writtenLines(w.eval(last))
		}
	}
}

// walkExpr walks an expression for what it may hold: script blocks, subexpressions, hashtable
// values, method calls that grant rights, and security templates in strings.
func (w *walker) walkExpr(n Node) {
	if n == nil {
		return
	}
	if !w.enter(n) {
		return
	}
	defer w.leave()
	switch n := n.(type) {
	case *StringLit:
		if w.quiet == 0 {
			w.template(n)
		}
	case *ScriptBlock:
		if !w.calls.blocks[n] { // a block only called is walked through its calls
			w.walkScriptBlock(n, nil)
		}
	case *SubExpr:
		w.walkBlock(n.Body)
	case *Hashtable:
		for i := range n.Keys {
			w.walkExpr(n.Keys[i])
			w.walkStmt(n.Values[i])
		}
	case *Binary:
		if lit, ok := n.X.(*StringLit); ok && n.Op == "-f" && w.quiet == 0 {
			w.templateFormatted(lit, w.eval(n.Y))
		}
		if n.Op == "-replace" && w.quiet == 0 {
			w.replaceOperator(n)
		}
		if isComparison(n.Op) && n.Op != "-replace" && n.Op != "-join" && n.Op != "-split" {
			w.quiet++
			defer func() { w.quiet-- }()
		}
		w.walkExpr(n.X)
		w.walkExpr(n.Y)
	case *Unary:
		w.walkExpr(n.X)
	case *Cast:
		w.walkExpr(n.X)
	case *Member:
		w.walkExpr(n.X)
		w.walkExpr(n.Name)
	case *Invoke:
		w.walkExpr(n.Fn)
		for _, a := range n.Args {
			w.walkExpr(a)
		}
		w.lsaCall(n)
		w.replaceMethod(n)
	case *Index:
		w.walkExpr(n.X)
		w.walkExpr(n.Idx)
	case *Concat:
		for _, p := range n.Parts {
			w.walkExpr(p)
		}
	case *ArrayLit:
		for _, e := range n.Elems {
			w.walkExpr(e)
		}
	case *CmdParam:
		w.walkExpr(n.Arg)
	case *Pipeline, *Command, *Assign, *FuncDef, *If, *Loop, *Foreach, *Switch, *Try, *Flow, *ClassDef:
		w.walkStmt(n)
	}
}

// assign records the value an assignment gives a variable or a hashtable entry.
func (w *walker) assign(a *Assign) {
	target := assignTarget(a)
	v := w.eval(a.Value)
	s, e := target.Span()
	if ref, ok := target.(*VarRef); ok && a.Op == "=" {
		n, _ := w.keys.varName(ref.Name)
		w.scriptDirs[n] = w.isScriptDirExpr(a.Value)
	}
	if !w.f.Charge(s, 0) { // an assignment is a step; past the budget the value is unknown
		v = w.unknownAt(s, e)
	}
	switch t := target.(type) {
	case *VarRef:
		switch a.Op {
		case "=":
		case "+=":
			p, _ := w.lookup(t.Name)
			n, _ := w.keys.varName(t.Name)
			old := pv{Value: p, buf: w.bufs[n]}.readAt(t.start, t.end)
			if old.Kind == value.List {
				var ok bool
				if v, ok = w.appendList(t.start, t.end, old, v); !ok {
					v = w.unknownAt(t.start, t.end)
				}
			} else {
				v = w.concatValues(a, []pv{old, v})
			}
		default:
			v = pv{}
		}
		w.set(t.Name, v)
	case *Member, *Index:
		var x, key Node
		if m, ok := t.(*Member); ok {
			x, key = m.X, m.Name
		} else {
			x, key = t.(*Index).X, t.(*Index).Idx
		}
		if ref, ok := x.(*VarRef); ok {
			if tv, ok := w.lookup(ref.Name); ok && tv.Kind == value.Table {
				if k, ok := w.key(w.eval(key)); ok {
					ks, _ := key.Span()
					w.setEntry(&tv, k, ks, v.Value)
					n, _ := w.keys.varName(ref.Name)
					w.assignVar(n, tv)
					w.addFlow(n, v.flow)
				}
			}
		}
	case *ArrayLit:
		for _, e := range t.Elems {
			if ref, ok := e.(*VarRef); ok {
				w.set(ref.Name, pv{})
			}
		}
	}
}

// assignTarget returns what an assignment sets, without the casts written on it ([int]$x = 1).
func assignTarget(a *Assign) Node {
	target := a.Target
	for {
		c, ok := target.(*Cast)
		if !ok {
			return target
		}
		target = c.X
	}
}

// command walks a command's arguments and, when the command is one that grants, sets or revokes
// rights, records its assignments. input is the value piped into it, when known; piped says its
// output goes on down a pipeline.
func (w *walker) command(cmd *Command, input pv, haveInput, piped bool) {
	name := w.commandName(cmd)
	key := w.keys.commandKey(name.Text.S)
	if key == "foreach-object" {
		w.forEachObject(cmd, input, haveInput)
		return
	}
	if fd := w.calls.configs[cmd]; fd != nil {
		w.defineFunc(fd)
		return
	}
	if runsBlock[key] && w.invokeCommand(cmd) {
		return
	}
	var fn *callable
	switch sb, _ := cmd.Name.(*ScriptBlock); {
	case cmd.Call != "" && sb != nil && (len(cmd.Elems) > 0 || haveInput) && sb.Body != nil:
		c := blockCallable(sb) // & { param($a) ... } 'x': the block runs with the arguments
		fn = &c
	case cmd.Call != "":
		w.walkExpr(cmd.Name) // & { ... }
		if ref, ok := cmd.Name.(*VarRef); ok && !ref.Splat {
			if v := w.evalVar(ref); v.block != nil && v.block.Body != nil {
				c := blockCallable(v.block) // & $sb 'x'
				fn = &c
			}
		}
	}
	if fd := w.funcOf(cmd); fd != nil && fn == nil {
		c := w.funcCallable(fd)
		fn = &c
	}
	// What Write-Output writes is printed, unless it is piped on (to Out-File, Set-Content).
	quiet := quietCommands[key] && (!piped || key != "write-output")
	if quiet {
		w.quiet++
	}
	for _, e := range cmd.Elems {
		w.walkExpr(e)
	}
	if quiet {
		w.quiet--
	}
	via := strings.Trim(name.Text.S, `"'`)
	if i := strings.LastIndexAny(via, `\/`); i >= 0 {
		via = via[i+1:]
	}
	if spec, ok := fileWriters[key]; ok && fn == nil {
		w.writeFile(cmd, spec, input, haveInput)
	}
	if fn == nil {
		w.scriptCall(cmd, name)
	}
	switch h, ok := handlers[key]; {
	case fn != nil:
		// A Grant-*, Add-* or Set-* function whose body grants nothing privlint can read (it hands
		// the work to something not followed) is still read as a grant at its call, as a command
		// privlint does not know is.
		found := w.found
		w.call(cmd, *fn, nil, input, haveInput)
		if w.found == found && fn.fn != nil {
			w.genericGrant(cmd, key, via)
		}
	case ok:
		h(w, cmd, via)
	case isNative(name.Text.S):
		w.native(cmd, name)
	default:
		w.genericGrant(cmd, key, via)
	}
}

// forEachObject walks ForEach-Object's -Process block once per item piped into it, with $_ bound.
func (w *walker) forEachObject(cmd *Command, input pv, haveInput bool) {
	b := w.bind(forEachObjectSpec, cmd)
	proc, _ := b.lookup("process")
	for _, e := range cmd.Elems {
		if e != proc.node {
			w.walkExpr(e)
		}
	}
	if proc.v.block == nil {
		w.walkExpr(proc.node)
		return
	}
	if !haveInput {
		input = pv{}
	}
	w.iterate(cmd, input, func(v pv) {
		w.walkScriptBlock(proc.v.block, func() {
			w.set("_", v)
			w.set("psitem", v)
		})
	})
}

// scriptCall records that cmd runs a script of the repository with arguments (& .\grant.ps1
// -Account X, . .\grant.ps1 X, & "$PSScriptRoot\grant.ps1" X): the scan binds them to the
// script's parameters (source.File.AddCall). $PSScriptRoot, the running script's directory, is the
// calling file's, as the scan resolves a call.
func (w *walker) scriptCall(cmd *Command, name pv) {
	t := name.Text
	script := t.S
	if rt := t.Runtime(); len(rt) > 0 {
		if len(rt) != 1 || rt[0].Start != 0 || !w.isScriptDir(t.S[:rt[0].End]) {
			return
		}
		script = strings.TrimLeft(t.S[rt[0].End:], `\/`)
	}
	if name.Kind != value.Str && name.Kind != value.Unknown || !cmdline.IsScript(script) {
		return
	}
	var args []source.CallArg
	arg := func(name string, n Node) {
		v := w.eval(n)
		known := v.Kind == value.Str && !v.Text.AnyUnresolved()
		text := v.Text.S
		if !known {
			s, e := n.Span()
			text = string(w.src[s:e])
		}
		args = append(args, source.CallArg{Name: name, Text: text, Known: known})
	}
	for k := 0; k < len(cmd.Elems); k++ {
		e := cmd.Elems[k]
		p, ok := e.(*CmdParam)
		if !ok {
			arg("", e)
			continue
		}
		switch {
		case p.Colon && p.Arg != nil:
			arg(p.Name, p.Arg)
		case k+1 < len(cmd.Elems):
			if _, next := cmd.Elems[k+1].(*CmdParam); !next {
				k++
				arg(p.Name, cmd.Elems[k])
			}
		}
	}
	start, end := cmd.Span()
	w.f.AddCall(source.Call{Script: script, Pos: w.f.Pos(start), End: w.f.Pos(end), Args: args})
}

// scriptDirExpr matches the expressions that give the running script's directory: $PSScriptRoot,
// and Split-Path of $MyInvocation.MyCommand.Definition or .Path (-Parent is the default).
var scriptDirExpr = regexp.MustCompile(`(?i)^\s*(?:\$PSScriptRoot|\(?\s*Split-Path\s+(?:-Parent\s+)?(?:-Path\s+)?\$MyInvocation\.MyCommand\.(?:Definition|Path)(?:\s+-Parent)?\s*\)?)\s*$`)

// isScriptDirExpr reports whether n is written as one of scriptDirExpr. Each starts with $, ( or
// Split-Path: any other text is not matched against it, which most assignments are spared.
func (w *walker) isScriptDirExpr(n Node) bool {
	s, e := n.Span()
	text := bytes.TrimLeft(w.src[s:e], " \t\r\n\v\f")
	if len(text) == 0 || text[0] != '$' && text[0] != '(' && text[0] != 'S' && text[0] != 's' {
		return false
	}
	return scriptDirExpr.Match(w.src[s:e])
}

// isScriptDir reports whether ref, a variable reference as written ($x, ${x}), holds the running
// script's directory: $PSScriptRoot, or a variable last assigned one of scriptDirExpr.
func (w *walker) isScriptDir(ref string) bool {
	n := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(ref, "$"), "{"), "}")
	name, _ := varName(n)
	return name == "psscriptroot" || w.scriptDirs[name]
}

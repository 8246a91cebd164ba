package powershell

import (
	"strings"

	"github.com/privlint/privlint/analyzers/cmdline"
)

// Following a call walks the function's body once more, with the call's arguments; in real
// scripts most functions (test helpers, module plumbing) can record nothing whatever they are
// passed, and walking them again at every call was most of the analysis. A function is inert when
// walking its body can have no effect outside the body: nothing in it acts (see acts), and every
// function it calls or defines is inert. An inert function's calls are not followed, nor is it
// walked where it is defined: the walk would record nothing and change nothing the rest of the
// file sees (its variables are its own; what it outputs is not followed).

// inertScan finds the inert functions of a file.
type inertScan struct {
	w    *walker
	in   []*FuncDef // the functions whose bodies the scan is in, innermost last
	defs []*FuncDef
	acts map[*FuncDef]bool // the function's own body acts
	// dependents are, for each function, the functions that call or define it: they matter when
	// it does.
	dependents map[*FuncDef][]*FuncDef
	// assigned are the variables each function assigns, and dirs those some assignment of the
	// file gives the script's directory (see walker.scriptDirs): a function that assigns one of
	// them changes what the rest of the file reads as a script's path.
	assigned []funcVar
	dirs     map[string]bool
	// known are the variables the walk may give, anywhere in the file, a value not known only at
	// run time (see unknownName), and named the commands called by a name that depends on a
	// variable.
	known map[string]bool
	named []funcCmd
}

type funcCmd struct {
	fd  *FuncDef
	cmd *Command
}

type funcVar struct {
	fd   *FuncDef
	name string
}

// findInert records in w.calls.inert the inert functions of blk. It runs after collectFuncs,
// whose table of functions resolves the calls.
func (w *walker) findInert(blk *Block) {
	s := &inertScan{w: w, acts: map[*FuncDef]bool{}, dependents: map[*FuncDef][]*FuncDef{}, dirs: map[string]bool{},
		known: map[string]bool{"_": true, "psitem": true, "args": true, "psboundparameters": true, "true": true, "false": true, "null": true}}
	for _, fd := range w.calls.configs {
		s.acts[fd] = true // a configuration compiles its resources when called
	}
	inspect(blk, s.visit)
	for _, c := range s.named {
		if name, ok := s.unknownName(c.cmd); !ok || nameActs(c.cmd, name) {
			s.acts[c.fd] = true
		}
	}
	for _, a := range s.assigned {
		if s.dirs[a.name] {
			s.acts[a.fd] = true
		}
	}
	// Whatever calls or defines a function that matters matters too.
	var work []*FuncDef
	for fd := range s.acts {
		work = append(work, fd)
	}
	for len(work) > 0 {
		fd := work[len(work)-1]
		work = work[:len(work)-1]
		for _, d := range s.dependents[fd] {
			if !s.acts[d] {
				s.acts[d] = true
				work = append(work, d)
			}
		}
	}
	for _, fd := range s.defs {
		if !s.acts[fd] && !w.calls.walkInert {
			if w.calls.inert == nil {
				w.calls.inert = map[*FuncDef]bool{}
			}
			w.calls.inert[fd] = true
		}
	}
}

func (s *inertScan) visit(n Node) bool {
	var fd *FuncDef // the innermost function the node is in, or nil
	if len(s.in) > 0 {
		fd = s.in[len(s.in)-1]
	}
	s.setsKnown(n)
	if a, ok := n.(*Assign); ok {
		if ref, ok := assignTarget(a).(*VarRef); ok && a.Op == "=" {
			name, _ := s.w.keys.varName(ref.Name)
			s.dirs[name] = s.dirs[name] || s.w.isScriptDirExpr(a.Value)
			if fd != nil {
				s.assigned = append(s.assigned, funcVar{fd, name})
			}
		}
	}
	if def, ok := n.(*FuncDef); ok {
		s.defs = append(s.defs, def)
		if fd != nil { // walking fd's body walks def where it is defined
			s.dependents[def] = append(s.dependents[def], fd)
		}
		s.in = append(s.in, def)
		if outerParams(def.Params) || def.Body != nil && outerParams(def.Body.Params) {
			s.acts[def] = true
		}
		for _, p := range def.Params {
			inspect(p, s.visit)
		}
		inspect(def.Body, s.visit)
		s.in = s.in[:len(s.in)-1]
		return false
	}
	if fd == nil {
		return true
	}
	if cmd, ok := n.(*Command); ok {
		if callee := s.w.funcOf(cmd); callee != nil {
			s.dependents[callee] = append(s.dependents[callee], fd)
		}
	}
	if cmd, ok := n.(*Command); ok && namedByVariable(cmd) != nil {
		s.named = append(s.named, funcCmd{fd, cmd}) // decided once every variable set is known
	} else if acts(n) {
		s.acts[fd] = true
	}
	return true
}

// setsKnown records in s.known the variables walking n may give a value not known only at run time:
// its parameter, its loop variable, the target of its assignment (see walker.set), unless the
// value assigned is a statement that is no expression.
func (s *inertScan) setsKnown(n Node) {
	add := func(name string) {
		k, _ := s.w.keys.varName(name)
		s.known[k] = true
	}
	switch n := n.(type) {
	case *ParamDecl:
		add(n.Name)
	case *Foreach:
		if n.Var != nil {
			add(n.Var.Name)
		}
	case *Assign:
		switch t := assignTarget(n).(type) {
		case *VarRef:
			if n.Op != "=" || !runtimeOnly(n.Value) {
				add(t.Name)
			}
		case *ArrayLit:
			for _, e := range t.Elems {
				if ref, ok := e.(*VarRef); ok {
					add(ref.Name)
				}
			}
		}
	}
}

// runtimeOnly reports whether the walk evaluates n to a value known only at run time, whatever the
// values it reads: a statement that is no expression (walker.eval), such as $f = switch ($x) { }.
func runtimeOnly(n Node) bool {
	switch n.(type) {
	case *Switch, *If, *Loop, *Foreach:
		return true
	}
	return false
}

// namedByVariable returns the variable a command's name is, or is an entry or member of: & $f,
// & $t['Name'], & $t.Name (Pester's & $SafeCommands['Get-Item']); else nil.
func namedByVariable(cmd *Command) *VarRef {
	var x Node
	switch n := cmd.Name.(type) {
	case *VarRef:
		x = n
	case *Index:
		x = n.X
	case *Member:
		if !n.Static {
			x = n.X
		}
	}
	ref, _ := x.(*VarRef)
	if ref == nil || ref.Splat {
		return nil
	}
	return ref
}

// unknownName returns the name a command named by a variable (namedByVariable) has when the walk
// reaches it, if the file gives that variable no value but ones known only at run time: it is then
// no script block, string, table or list, so the name is known only at run time, carrying the text
// it is written as (walker.evalVar, walker.unknown). It reports false when the variable may be
// known.
func (s *inertScan) unknownName(cmd *Command) (string, bool) {
	ref := namedByVariable(cmd)
	if k, _ := s.w.keys.varName(ref.Name); s.known[k] {
		return "", false
	}
	if cmd.Name == Node(ref) {
		return string(s.w.src[ref.start:ref.end]), true
	}
	return s.w.unknown(cmd.Name).Text.S, true
}

// acts reports whether walking n itself, whatever the values it is given, may record something
// (an assignment, a script call) or set something outside the scope it runs in. What n holds is
// judged separately; the calls of the file's functions are followed by findInert.
func acts(n Node) bool {
	switch n := n.(type) {
	case *Command:
		return commandActs(n)
	case *StringLit:
		return mayBeTemplate(n.Tok)
	case *Pipeline:
		return n.Out // what it outputs is written to a file: template lines
	case *Binary:
		return n.Op == "-replace" && !literalReplace(n) // a template edit
	case *Invoke:
		return invokeActs(n)
	case *Assign:
		return assignsOutside(n)
	case *Foreach:
		return n.Var != nil && isOuter(n.Var.Name)
	case *ScriptBlock:
		return n.Body != nil && outerParams(n.Body.Params)
	}
	return false
}

// literalReplace reports whether a -replace operator's operand is literal strings that edit no
// template line whatever the text replaced (walker.replaced): a pattern alone, or a pattern and a
// replacement with no = (a line's `Right = `) and, in the replacement, no $ (a reference to the
// match, $1).
func literalReplace(n *Binary) bool {
	elems := []Node{n.Y}
	if arr, ok := n.Y.(*ArrayLit); ok && arr.Rest == nil {
		elems = arr.Elems
	}
	for i, e := range elems {
		lit, ok := e.(*StringLit)
		if !ok || lit.Tok.Parts != nil {
			return false
		}
		if len(elems) == 2 && (strings.Contains(lit.Tok.Value, "=") || i == 1 && strings.Contains(lit.Tok.Value, "$")) {
			return false
		}
	}
	return true
}

// commandActs reports whether walking a command may record something besides the calls of the
// file's functions: a command privlint reads, one whose name or script block is known only when
// walked, a script call.
func commandActs(cmd *Command) bool {
	lit, ok := cmd.Name.(*StringLit)
	if !ok || lit.Tok.Parts != nil {
		_, block := cmd.Name.(*ScriptBlock) // & { ... }: the scan reads the block
		return !block
	}
	return nameActs(cmd, lit.Tok.Value)
}

// nameActs reports whether walking a command named name may record something besides the calls
// of the file's functions (see commandActs).
func nameActs(cmd *Command, name string) bool {
	key := commandKey(name)
	_, handled := handlers[key]
	_, writes := fileWriters[key]
	return handled || writes || runsBlock[key] || isNative(name) || cmdline.IsScript(name) ||
		strings.EqualFold(name, "configuration") || key == "foreach-object" && !blocksOnly(cmd) ||
		mayGrantGeneric(cmd, key)
}

// blocksOnly reports whether every argument of a command is a script block written in place (or a
// switch): ForEach-Object { ... } then runs only code the scan reads.
func blocksOnly(cmd *Command) bool {
	for _, e := range cmd.Elems {
		if p, ok := e.(*CmdParam); ok {
			if p.Arg == nil {
				continue
			}
			e = p.Arg
		}
		if _, ok := e.(*ScriptBlock); !ok {
			return false
		}
	}
	return true
}

// invokeActs reports whether a method call may record something: an LSA call, a .Replace template
// edit, a file written with [IO.File].
func invokeActs(n *Invoke) bool {
	name, ok := n.Fn.Name.(*StringLit)
	if !ok {
		return false
	}
	if _, ok := lsaOp(name.Tok.Value); ok {
		return true
	}
	m := strings.ToLower(name.Tok.Value)
	return m == "replace" || fileMethods[m]
}

// assignsOutside reports whether an assignment may set a variable outside the scope it runs in:
// $script:x and $global:x, and an entry of a table another scope may hold ($t.Key = v).
func assignsOutside(a *Assign) bool {
	switch t := assignTarget(a).(type) {
	case *VarRef:
		return isOuter(t.Name)
	case *Member:
		_, ok := t.X.(*VarRef)
		return ok
	case *Index:
		_, ok := t.X.(*VarRef)
		return ok
	case *ArrayLit:
		for _, e := range t.Elems {
			if ref, ok := e.(*VarRef); ok && isOuter(ref.Name) {
				return true
			}
		}
	}
	return false
}

// isOuter reports whether a variable name sets the outermost scope ($script:x, $global:x).
func isOuter(name string) bool {
	_, outer := varName(name)
	return outer
}

// outerParams reports whether a parameter is named for the outermost scope, which binding it sets.
func outerParams(params []*ParamDecl) bool {
	for _, p := range params {
		if isOuter(p.Name) {
			return true
		}
	}
	return false
}

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
}

type funcVar struct {
	fd   *FuncDef
	name string
}

// findInert records in w.calls.inert the inert functions of blk. It runs after collectFuncs,
// whose table of functions resolves the calls.
func (w *walker) findInert(blk *Block) {
	s := &inertScan{w: w, acts: map[*FuncDef]bool{}, dependents: map[*FuncDef][]*FuncDef{}, dirs: map[string]bool{}}
	for _, fd := range w.calls.configs {
		s.acts[fd] = true // a configuration compiles its resources when called
	}
	inspect(blk, s.visit)
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
	if a, ok := n.(*Assign); ok {
		if ref, ok := assignTarget(a).(*VarRef); ok && a.Op == "=" {
			name, _ := varName(ref.Name)
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
			inspect(p.Default, s.visit)
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
	if acts(n) {
		s.acts[fd] = true
	}
	return true
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
		return n.Op == "-replace" // a template edit
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

// commandActs reports whether walking a command may record something besides the calls of the
// file's functions: a command privlint reads, one whose name or script block is known only when
// walked, a script call.
func commandActs(cmd *Command) bool {
	lit, ok := cmd.Name.(*StringLit)
	if !ok || lit.Tok.Parts != nil {
		_, block := cmd.Name.(*ScriptBlock) // & { ... }: the scan reads the block
		return !block
	}
	name := lit.Tok.Value
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

package shell

import (
	"strconv"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// What evaluation costs against the budget beyond the values it builds; the other costs are
// cmdline's (Size, TokenCost, TextCost).
const (
	callCost  = 32                    // running a command, on top of the values it expands
	nodeCost  = cmdline.TokenCost / 2 // a syntax node walked again in a loop (a word is two or three)
	fieldCost = 2 * cmdline.TokenCost // a field split from an expansion: an argument of a command
)

func size(t value.Text) int { return cmdline.Size(t) }

// walker visits a script's statements in order, keeping the variables assigned literal values,
// repeating for-loop bodies over literal word lists, and handing every command to cmdline.Run.
// A subshell (parentheses, a command or process substitution, each command of a pipeline) is a
// scope of its own: what it assigns is gone after it.
//
// Every value built from other values (a word holding an expansion, an assignment, an append, a
// heredoc body) and every loop iteration is charged to the file's budget. A value past a limit is
// left as written and unresolved; once the budget is spent, loops run their body once with the
// variable unresolved, and the rest of the script is still read with its literal words.
type walker struct {
	f    *source.File
	src  value.Text // the text parsed, mapped to f.Text
	vars *value.Env // the variables the script set, names compared exactly; a scope per subshell
	// chains holds, for each scope of vars, what the walker keeps beside the values the scope
	// defines (see chain); a nil chain marks a variable the scope made unknown.
	chains []map[string]*chain

	out []assign.Assignment
	// funcs are the functions defined so far, by name; frame is the call of one being walked (nil
	// in the script's own flow, whose $1 is known only at run time); calls counts the calls being
	// walked, one inside the other, and deep is set once their limit is reported.
	funcs map[string]*function
	frame *frame
	calls int
	deep  bool
	// flows notes the references of the command being run that hold a value a call passed.
	flows *assign.Flows
	// dropped are the ranges of out that the walks of functions where they are defined found, for
	// functions called since: their calls report them.
	dropped [][2]int
}

func newWalker(f *source.File, src value.Text) *walker {
	return &walker{f: f, src: src, vars: value.NewEnv(false), chains: []map[string]*chain{{}},
		funcs: map[string]*function{}, flows: &assign.Flows{}}
}

// result returns the assignments found, without those dropped.
func (w *walker) result() []assign.Assignment {
	if len(w.dropped) == 0 {
		return w.out
	}
	depth := make([]int, len(w.out)+1) // ranges nest: how many hold each assignment, as differences
	for _, r := range w.dropped {
		depth[r[0]]++
		depth[r[1]]--
	}
	out, in := w.out[:0], 0
	for i, a := range w.out {
		if in += depth[i]; in == 0 {
			out = append(out, a)
		}
	}
	return out
}

// chain is what the walker keeps beside a variable's value in vars so that appending to it and
// reading it stay linear, and where its value lands. An assignment that only appends to the
// variable itself (s="${s}x", s=$s'x', s+=x) adds a piece instead of copying the value again, so
// that a chain of appends costs what it adds; the pieces are joined to the value in vars the first
// time it is used.
type chain struct {
	base   value.Text   // the value in vars
	pieces []value.Text // appended to it, not joined yet
	n      int          // the value's length, pieces included
	size   int          // what the value costs: the sum of its parts' size
	blanks int          // how many runs of blanks it holds (where it splits unquoted); -1 until counted
	// loop is set for the variable of a for loop: its value lands on the word of the list it
	// comes from, not on the reference.
	loop bool
	// over is set when the value would have been larger than value.MaxValue or than what is left
	// of the budget, or was built from such a value (value.PastLimit): its references stay as
	// written, unresolved.
	over bool
	// flow holds the calls the value was passed through, when it comes from a function's argument.
	flow []assign.Step
}

// pastLimit is the chain of every variable past a limit.
var pastLimit = &chain{over: true}

// scoped runs walk in a subshell: a scope of its own.
func (w *walker) scoped(walk func()) {
	w.vars.Push()
	w.chains = append(w.chains, map[string]*chain{})
	walk()
	w.vars.Pop()
	w.chains = w.chains[:len(w.chains)-1]
}

// inner returns the chains of the innermost scope.
func (w *walker) inner() map[string]*chain { return w.chains[len(w.chains)-1] }

// set gives the variable name the value t, passed through the calls flow, in the innermost scope.
func (w *walker) set(name string, t value.Text, flow []assign.Step) {
	w.vars.Define(name, value.Of(t))
	w.inner()[name] = &chain{base: t, n: t.Len(), size: size(t), blanks: -1, flow: flow}
}

// setOver marks the variable name as past a limit.
func (w *walker) setOver(name string) {
	w.vars.Define(name, value.PastLimit())
	w.inner()[name] = pastLimit
}

// forget makes the variable name known only at run time, in the innermost scope.
func (w *walker) forget(name string) {
	w.vars.Hide(name)
	if len(w.chains) == 1 {
		delete(w.inner(), name)
	} else {
		w.inner()[name] = nil
	}
}

// variable returns the variable name when privlint knows it: in a function's call, $1-$9, $@,
// $* and $# are the call's.
func (w *walker) variable(name string) (*chain, bool) {
	if w.frame != nil && positional(name) {
		return w.frame.param(name)
	}
	v, ok := w.vars.Get(name)
	if !ok {
		return nil, false
	}
	for i := len(w.chains) - 1; i >= 0; i-- {
		if c := w.chains[i][name]; c != nil {
			return c, true
		}
	}
	c := &chain{base: v.Text, n: v.Text.Len(), size: size(v.Text), blanks: -1} // not reached: set makes one
	w.inner()[name] = c
	return c, true
}

// own returns the variable name as the innermost scope's own, to append to: a variable of an outer
// scope is copied into it first, so that the outer one is left as it was.
func (w *walker) own(name string, c *chain) *chain {
	if w.inner()[name] == c || c.over {
		return c
	}
	w.vars.Define(name, value.Of(c.base))
	own := *c
	own.pieces = append([]value.Text(nil), c.pieces...)
	w.inner()[name] = &own
	return &own
}

// add appends a piece to the value.
func (c *chain) add(t value.Text) {
	if t.Len() > 0 {
		c.pieces = append(c.pieces, t)
		c.n += t.Len()
		c.size += size(t)
		c.blanks = -1
	}
}

// splits returns how many runs of blanks the value holds, counted once.
func (c *chain) splits() int {
	if c.blanks < 0 {
		c.blanks = 0
		prev := byte(0)
		count := func(t value.Text) {
			for i := 0; i < t.Len(); i++ {
				if isBlank(t.S[i]) && !isBlank(prev) {
					c.blanks++
				}
				prev = t.S[i]
			}
		}
		count(c.base)
		for _, p := range c.pieces {
			count(p)
		}
	}
	return c.blanks
}

// text returns the value of the variable name, whose chain is c, as one text: the pieces are
// joined to the value in vars.
func (w *walker) text(name string, c *chain) value.Text {
	if len(c.pieces) == 0 {
		return c.base
	}
	var b value.Builder
	b.Append(c.base)
	for _, p := range c.pieces {
		b.Append(p)
	}
	last := c.pieces[len(c.pieces)-1]
	c.base, c.pieces = b.Done(last.Offset(last.Len())), nil
	w.vars.Assign(name, value.Of(c.base))
	return c.base
}

func (w *walker) walk(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Stmt:
			w.heredocs(n)
		case *syntax.CallExpr:
			w.call(n)
		case *syntax.DeclClause:
			local := w.frame != nil && isLocal(n)
			for _, a := range n.Args {
				if local && a.Name != nil {
					w.frame.keep(w, a.Name.Value)
				}
				w.assign(a)
			}
		case *syntax.FuncDecl:
			if n.Name != nil && !commandName(n.Name.Value) {
				w.define(n)
				return false
			}
		case *syntax.ForClause:
			if it, ok := n.Loop.(*syntax.WordIter); ok {
				w.forLoop(it, n)
				return false
			}
		case *syntax.Subshell:
			w.scoped(func() { w.walkAll(n.Stmts) })
			return false
		case *syntax.CmdSubst:
			w.scoped(func() { w.walkAll(n.Stmts) })
			return false
		case *syntax.ProcSubst:
			w.scoped(func() { w.walkAll(n.Stmts) })
			return false
		case *syntax.BinaryCmd:
			if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
				w.scoped(func() { w.walk(n.X) })
				w.scoped(func() { w.walk(n.Y) })
				return false
			}
		}
		return true
	})
}

// call runs one simple command: assignments alone set variables; a command goes to cmdline.Run
// after wrappers such as sudo, env and exec are removed. Past the budget a command is still
// analyzed, with the values it could not expand left as written.
func (w *walker) call(c *syntax.CallExpr) {
	if len(c.Args) == 0 {
		for _, a := range c.Assigns {
			w.assign(a)
		}
		return
	}
	w.f.Charge(w.src.Offset(int(c.Pos().Offset())), callCost)
	w.flows.Reset()
	if fn := w.funcs[c.Args[0].Lit()]; fn != nil {
		var args []value.Text
		for _, wd := range c.Args[1:] {
			args = append(args, w.fields(wd)...)
		}
		w.callFunc(fn, c, args)
		return
	}
	args := w.args(c, func(name string) bool {
		return commandName(name) || name == "shift" && w.frame != nil
	})
	if len(args) == 0 {
		return
	}
	switch name := cmdline.ProgramName(args[0]); {
	case name == "read" || name == "unset" || name == "mapfile" || name == "readarray":
		for _, a := range args[1:] {
			if v := a.Value.S; !strings.HasPrefix(v, "-") {
				w.forget(v) // its value is known only at run time now
			}
		}
	case name == "shift":
		n := 1
		if len(args) > 1 {
			if k, err := strconv.Atoi(args[1].Value.S); err == nil && k >= 0 && !args[1].Unresolved() {
				n = k
			}
		}
		w.frame.shift(n)
	case cmdline.Follows(name):
		as := cmdline.Run(w.f, cmdline.FromArgs(args))
		w.flows.Apply(w.f, as)
		w.out = append(w.out, as...)
	}
}

// commandName reports whether name is a command the walker reads: a grant tool, an interpreter or
// runner cmdline follows, or a builtin that makes variables unknown. A function of that name is
// walked where it is defined, and a call of the name is read as the command.
func commandName(name string) bool {
	return name == "read" || name == "unset" || name == "mapfile" || name == "readarray" || cmdline.Follows(name)
}

// assign records a variable assignment: a value privlint can compute is kept, any other is
// forgotten, so that the variable's references stay unresolved.
func (w *walker) assign(a *syntax.Assign) {
	if a.Name == nil {
		return
	}
	name := a.Name.Value
	if c, ok := w.variable(name); ok && c.loop {
		w.own(name, c).loop = false // no longer a loop's word
	}
	switch {
	case a.Naked:
	case a.Array != nil || a.Index != nil:
		w.forget(name)
	case a.Value == nil: // NAME= and NAME+=
		if _, ok := w.variable(name); !ok || !a.Append {
			w.set(name, value.Text{}, nil)
		}
	case w.appendToSelf(a):
	default:
		e := &expansion{w: w}
		e.parts(a.Value.Parts, true)
		if v := e.done(int(a.Value.Pos().Offset()), int(a.Value.End().Offset())); e.over {
			w.setOver(name)
		} else {
			w.set(name, v, e.flow)
		}
	}
}

// appendToSelf runs an assignment that only appends to the variable it assigns: NAME+=word, and
// NAME="${NAME}word" or NAME=$NAME'word' for a variable the script set. The appended text is added
// as a piece of the value and charged alone; a value whose size would grow past value.MaxValue is
// over.
// It reports false for any other assignment.
func (w *walker) appendToSelf(a *syntax.Assign) bool {
	name := a.Name.Value
	at := w.src.Offset(int(a.Pos().Offset()))
	old, ok := w.variable(name)
	rest := a.Value.Parts
	if !a.Append {
		if !ok || len(rest) == 0 {
			return false
		}
		first, dq := rest[0], []syntax.WordPart(nil)
		if q, isDQ := first.(*syntax.DblQuoted); isDQ && len(q.Parts) > 0 && !q.Dollar {
			first, dq = q.Parts[0], q.Parts[1:]
		}
		if p, isParam := first.(*syntax.ParamExp); !isParam || !plainParam(p) || p.Exp != nil || p.Param.Value != name {
			return false
		}
		rest = append(dq[:len(dq):len(dq)], rest[1:]...)
	} else if !ok {
		start, end := int(a.Name.Pos().Offset()), int(a.Name.End().Offset())
		w.set(name, value.Spread("$"+name, w.src.Offset(start), w.src.Offset(end), true), nil)
		old, _ = w.variable(name)
	}
	if old.over {
		return true
	}
	e := &expansion{w: w, base: old.size}
	e.parts(rest, true)
	add := e.b.Done(w.src.Offset(int(a.Value.End().Offset())))
	switch {
	case e.over:
		w.setOver(name)
	case old.size+size(add) > value.MaxValue:
		w.f.Charge(at, old.size+size(add)) // reports the limit
		w.setOver(name)
	case !w.f.Charge(at, size(add)):
		w.setOver(name)
	default:
		c := w.own(name, old)
		c.add(add)
		if c.flow == nil {
			c.flow = e.flow
		}
	}
	return true
}

// forLoop runs a for body once per field of its word list; `for x; do` loops over the script's
// parameters, known only at run time. Each iteration is charged with the body's size and syntax
// nodes; once the budget is spent the body runs once more with the variable unresolved, and the
// loop stops.
func (w *walker) forLoop(it *syntax.WordIter, n *syntax.ForClause) {
	name, body := it.Name.Value, n.Do
	var items []value.Text
	var flows [][]assign.Step // each item's
	switch {
	case !it.InPos.IsValid() && w.frame != nil: // the arguments of the function's call
		for _, a := range w.frame.args {
			items = append(items, a.base)
			flows = append(flows, a.flow)
		}
	case !it.InPos.IsValid():
		start, end := int(it.Name.Pos().Offset()), int(it.Name.End().Offset())
		items = append(items, value.Spread(`"$@"`, w.src.Offset(start), w.src.Offset(end), true))
		flows = append(flows, nil)
	}
	for _, wd := range it.Items {
		w.walk(wd) // command substitutions in the list run once
		w.flows.Reset()
		for _, item := range w.fields(wd) {
			items = append(items, item)
			flows = append(flows, w.flows.Of(item.Span(0, item.Len())))
		}
	}
	cost := max(int(n.DonePos.Offset())-int(n.DoPos.Offset()), 0) + callCost // heredoc bodies included
	for _, st := range body {
		syntax.Walk(st, func(syntax.Node) bool { cost += nodeCost; return true })
	}
	for k, item := range items {
		if !cmdline.Spend(w.f, item.Offset(0), item.Len()+cost) {
			w.forget(name)
			w.walkAll(body)
			return
		}
		var flow []assign.Step
		if k < len(flows) {
			flow = flows[k]
		}
		w.set(name, item, flow)
		w.inner()[name].loop = true
		w.walkAll(body)
	}
}

func (w *walker) walkAll(stmts []*syntax.Stmt) {
	for _, st := range stmts {
		w.walk(st)
	}
}

// maxUndecided is how many fields args expands while wrappers and their options still leave the
// program unknown; past it the whole command is expanded before the program is looked at.
const maxUndecided = 64

// args returns the fields of command c with wrappers removed (unwrap), when its program's name
// (cmdline.ProgramName) is one wanted reports true, and nil otherwise. Words are expanded only until
// the program is known, so that a command privlint does nothing with (an echo of four million
// words) costs no arguments.
func (w *walker) args(c *syntax.CallExpr, wanted func(name string) bool) []cmdline.Arg {
	var args []cmdline.Arg
	decided := false
	for _, wd := range c.Args {
		for _, field := range w.fields(wd) {
			args = append(args, cmdline.Arg{Value: field})
		}
		if decided || len(args) > maxUndecided {
			continue
		}
		if rest := unwrap(args); len(rest) > 0 {
			if !wanted(cmdline.ProgramName(rest[0])) {
				return nil
			}
			decided = true
		}
	}
	if args = unwrap(args); len(args) == 0 || !wanted(cmdline.ProgramName(args[0])) {
		return nil
	}
	return args
}

// unwrap removes the commands that only run the command after them (sudo, env, exec, command,
// nohup, nice, time) with their options.
func unwrap(args []cmdline.Arg) []cmdline.Arg {
	for len(args) > 0 {
		var withValue string
		switch cmdline.ProgramName(args[0]) {
		case "sudo", "doas":
			withValue = "ugpCDhrtUTc"
		case "env":
			withValue = "uCS"
		case "nice":
			withValue = "n"
		case "exec", "command", "builtin", "nohup", "time":
		default:
			return args
		}
		k := 1
		for k < len(args) {
			v := args[k].Value.S
			if v == "--" {
				k++
				break
			}
			if strings.HasPrefix(v, "-") && len(v) > 1 {
				if len(v) == 2 && strings.IndexByte(withValue, v[1]) >= 0 {
					k++
				}
				k++
				continue
			}
			if cmdline.ProgramName(args[0]) == "env" && strings.Contains(v, "=") {
				k++
				continue
			}
			break
		}
		args = args[min(k, len(args)):]
	}
	return args
}

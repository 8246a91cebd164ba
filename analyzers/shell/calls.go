package shell

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/value"
)

// function is a shell function the script defined.
type function struct {
	name string
	body *syntax.Stmt
	src  value.Text // the text parsed, which body's offsets index: Extract parses again after an error
	cost int        // what walking the body once costs: its size and syntax nodes (see forLoop)
	// out is the range of walker.out that the walk of the body where it is defined found, with its
	// parameters unknown: dropped once the function is called, since its calls report it.
	out    [2]int
	called bool
}

// maxCalls bounds the calls of functions followed one inside the other, recursion included.
const maxCalls = 8

// define records the function n defines. Its body is walked where it is written, in a scope of its
// own and with its parameters known only at run time, for a function that is never called (a
// library sourced by other scripts); once it is called, its calls report it instead.
func (w *walker) define(n *syntax.FuncDecl) {
	from := len(w.out)
	frame := w.frame
	w.frame = nil
	w.scoped(func() { w.walk(n.Body) })
	w.frame = frame
	cost := max(int(n.Body.End().Offset())-int(n.Body.Pos().Offset()), 0) + callCost
	syntax.Walk(n.Body, func(syntax.Node) bool { cost += nodeCost; return true })
	w.funcs[n.Name.Value] = &function{name: n.Name.Value, body: n.Body, src: w.src, cost: cost, out: [2]int{from, len(w.out)}}
}

// callFunc walks the body of fn for the call c, whose arguments are the fields args: $1-$9, "$@",
// $* and $# are the call's, each argument carrying the call in its flow after the calls it came
// through. Variables are the script's but for those the body declares local (local, declare,
// typeset), which are restored when it returns. The call is charged to the file's budget with
// the body's cost; past the budget, or deeper than maxCalls, it is not followed (the depth limit
// is reported once).
func (w *walker) callFunc(fn *function, c *syntax.CallExpr, args []value.Text) {
	start, end := w.src.Span(int(c.Pos().Offset()), int(c.End().Offset()))
	if w.calls >= maxCalls {
		if !w.deep {
			w.deep = true
			w.f.Problemf(start, "calls of functions nested more than %d deep are not followed: the accounts passed on from here are not analyzed", maxCalls)
		}
		return
	}
	n := fn.cost
	for _, a := range args {
		n += size(a) + fieldCost
	}
	if !cmdline.Spend(w.f, start, n) {
		return
	}
	st := assign.Step{Pos: w.f.Pos(start), End: w.f.Pos(end), What: "call of " + fn.name}
	fr := &frame{}
	for _, a := range args {
		fr.args = append(fr.args, &chain{base: a, n: a.Len(), size: size(a), blanks: -1,
			flow: assign.Through(w.flows.Of(a.Span(0, a.Len())), st)})
	}
	fr.at = [2]int{start, end}
	if !fn.called {
		fn.called = true
		w.dropped = append(w.dropped, fn.out)
	}
	caller, flows, src := w.frame, w.flows, w.src
	w.frame, w.flows, w.src = fr, &assign.Flows{}, fn.src
	w.calls++
	w.walk(fn.body)
	w.calls--
	fr.restore(w)
	w.frame, w.flows, w.src = caller, flows, src
}

// frame is one call of a function: its positional parameters and the variables its body made
// local.
type frame struct {
	args  []*chain
	at    [2]int // where the call is written: $# is placed there
	saved []saved
}

// saved is a variable as it was before the body made it local.
type saved struct {
	name  string
	depth int    // the scope it was in
	c     *chain // nil: not known
}

// positional reports whether name is one of the parameters a call binds.
func positional(name string) bool {
	return len(name) == 1 && (name[0] >= '1' && name[0] <= '9' || name[0] == '@' || name[0] == '*' || name[0] == '#')
}

// param returns the parameter name (see positional) of the call; one the call does not pass is
// empty, as the shell reads it.
func (fr *frame) param(name string) (*chain, bool) {
	switch name[0] {
	case '@', '*':
		if len(fr.args) == 0 {
			return &chain{blanks: -1}, true
		}
		var b value.Builder
		var flow []assign.Step
		for k, a := range fr.args {
			if k > 0 {
				p := a.base.Offset(0)
				b.Byte(' ', p, p, false)
			}
			b.Append(a.base)
			if flow == nil {
				flow = a.flow
			}
		}
		t := b.Done(fr.args[len(fr.args)-1].base.Offset(fr.args[len(fr.args)-1].base.Len()))
		return &chain{base: t, n: t.Len(), size: size(t), blanks: -1, flow: flow}, true
	case '#':
		t := value.Spread(strconv.Itoa(len(fr.args)), fr.at[0], fr.at[1], false)
		return &chain{base: t, n: t.Len(), size: size(t), blanks: -1}, true
	}
	if k := int(name[0] - '1'); k < len(fr.args) {
		return fr.args[k], true
	}
	return &chain{blanks: -1}, true
}

// shift runs shift n: the parameters from n+1 on become $1 on.
func (fr *frame) shift(n int) { fr.args = fr.args[min(n, len(fr.args)):] }

// isLocal reports whether the declaration d makes its variables local to the function running it:
// local, and declare or typeset without -g.
func isLocal(d *syntax.DeclClause) bool {
	switch d.Variant.Value {
	case "local":
		return true
	case "declare", "typeset":
		for _, a := range d.Args {
			if a.Naked && a.Name == nil && a.Value != nil && strings.HasPrefix(a.Value.Lit(), "-") && strings.Contains(a.Value.Lit(), "g") {
				return false
			}
		}
		return true
	}
	return false
}

// keep remembers the variable name as it is before the body makes it local, once per call.
func (fr *frame) keep(w *walker, name string) {
	for _, s := range fr.saved {
		if s.name == name {
			return
		}
	}
	c, _ := w.variable(name)
	if c != nil && !c.over {
		cp := *c // appends in the body must not change what is restored
		cp.pieces = append([]value.Text(nil), c.pieces...)
		c = &cp
	}
	fr.saved = append(fr.saved, saved{name: name, depth: len(w.chains) - 1, c: c})
}

// restore gives the variables the body made local their values from before it, when the scope
// they were in is still open.
func (fr *frame) restore(w *walker) {
	frame := w.frame
	w.frame = nil // the names restored are variables, never the call's parameters
	defer func() { w.frame = frame }()
	for i := len(fr.saved) - 1; i >= 0; i-- {
		s := fr.saved[i]
		switch {
		case s.depth != len(w.chains)-1:
		case s.c == nil:
			w.forget(s.name)
		case s.c.over:
			w.setOver(s.name)
		default:
			w.vars.Define(s.name, value.Of(s.c.base))
			w.inner()[s.name] = s.c
		}
	}
}

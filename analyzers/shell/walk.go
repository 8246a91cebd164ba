package shell

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// callCost is what running a command costs against the budget, on top of its arguments' length.
const callCost = 32

// walker visits a script's statements in order, keeping the variables assigned literal values,
// repeating for-loop bodies over literal word lists, and handing every command to cmdline.Run.
type walker struct {
	f    *source.File
	src  value.Text // the text parsed, mapped to f.Text
	vars map[string]value.Text
	loop map[string]bool // variables a for loop bound: their values keep the words' positions

	stopped bool
	out     []assign.Assignment
}

func (w *walker) walk(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		if w.stopped {
			return false
		}
		switch n := n.(type) {
		case *syntax.Stmt:
			w.heredocs(n)
		case *syntax.CallExpr:
			w.call(n)
		case *syntax.DeclClause:
			for _, a := range n.Args {
				w.assign(a)
			}
		case *syntax.ForClause:
			if it, ok := n.Loop.(*syntax.WordIter); ok {
				w.forLoop(it, n.Do)
				return false
			}
		}
		return true
	})
}

// spend counts work against the file's budget; false once it is spent.
func (w *walker) spend(n int, at int) bool {
	if w.stopped {
		return false
	}
	if !w.f.Charge(w.src.Offset(at), n+callCost) {
		w.stopped = true // the rest of the script is not analyzed
		return false
	}
	return true
}

// call runs one simple command: assignments alone set variables; a command goes to cmdline.Run
// after wrappers such as sudo, env and exec are removed.
func (w *walker) call(c *syntax.CallExpr) {
	if len(c.Args) == 0 {
		for _, a := range c.Assigns {
			w.assign(a)
		}
		return
	}
	var args []cmdline.Arg
	size := 0
	for _, wd := range c.Args {
		for _, field := range w.fields(wd) {
			args = append(args, cmdline.Arg{Value: field})
			size += field.Len()
		}
	}
	if !w.spend(size, int(c.Pos().Offset())) {
		return
	}
	args = unwrap(args)
	if len(args) == 0 {
		return
	}
	switch cmdline.ProgramName(args[0]) {
	case "read", "unset", "mapfile", "readarray":
		for _, a := range args[1:] {
			if v := a.Value.S; !strings.HasPrefix(v, "-") {
				delete(w.vars, v) // its value is known only at run time now
				delete(w.loop, v)
			}
		}
		return
	}
	w.out = append(w.out, cmdline.Run(w.f, cmdline.FromArgs(args))...)
}

// assign records a variable assignment: a value privlint can compute is kept, any other is
// forgotten, so that the variable's references stay unresolved.
func (w *walker) assign(a *syntax.Assign) {
	if a.Name == nil {
		return
	}
	name := a.Name.Value
	delete(w.loop, name)
	switch {
	case a.Naked:
	case a.Array != nil || a.Index != nil:
		delete(w.vars, name)
	case a.Value == nil:
		w.vars[name] = value.Text{}
	default:
		v := w.word(a.Value)
		if a.Append {
			var b value.Builder
			if old, ok := w.vars[name]; ok {
				b.Append(old)
			} else {
				start, end := int(a.Name.Pos().Offset()), int(a.Name.End().Offset())
				b.Append(value.Spread("$"+name, w.src.Offset(start), w.src.Offset(end), true))
			}
			b.Append(v)
			v = b.Done(v.Offset(v.Len()))
		}
		w.vars[name] = v
	}
}

// forLoop runs a for body once per field of its word list; `for x; do` loops over the script's
// parameters, known only at run time.
func (w *walker) forLoop(it *syntax.WordIter, body []*syntax.Stmt) {
	var items []value.Text
	if !it.InPos.IsValid() {
		start, end := int(it.Name.Pos().Offset()), int(it.Name.End().Offset())
		items = append(items, value.Spread(`"$@"`, w.src.Offset(start), w.src.Offset(end), true))
	}
	for _, wd := range it.Items {
		w.walk(wd) // command substitutions in the list run once
		items = append(items, w.fields(wd)...)
	}
	for _, item := range items {
		if !w.spend(item.Len(), int(it.Pos().Offset())) {
			return
		}
		w.vars[it.Name.Value] = item
		w.loop[it.Name.Value] = true
		for _, st := range body {
			w.walk(st)
		}
	}
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

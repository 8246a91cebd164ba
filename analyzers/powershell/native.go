package powershell

import (
	"strconv"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// isNative reports whether a command name names a program cmdline.Run follows (cmdline.Follows):
// ntrights, cmd, powershell, psexec and the like (cmd/c too, which cmd.exe reads as cmd /c). Other
// commands are not handed to it, which spares building their arguments.
func isNative(name string) bool {
	raw := strings.ToLower(strings.Trim(name, `"'`))
	return cmdline.Follows(strings.TrimSuffix(commandKey(name), ".com")) || strings.HasPrefix(raw, "cmd/") || strings.HasPrefix(raw, "cmd.exe/")
}

// source returns the text at start:end as a value.Text mapped onto itself, with the bytes the
// outer language left unresolved marked when this text is embedded.
func (w *walker) source(start, end int) value.Text {
	if w.unres != nil {
		return w.unres.Slice(start, end)
	}
	return value.Source(w.src[start:end], start)
}

// textOf returns the string a value passes to a program, each byte mapped to where it was written:
// the literal's own bytes for a string literal, the reference for a variable's value.
func (w *walker) textOf(v pv) value.Text {
	w.noteFlow(v)
	if lit := v.lit; lit != nil {
		t := lit.Tok
		if t.Parts != nil {
			return w.partsText(lit)
		}
		if t.Verbatim {
			return w.source(t.ContentStart, t.ContentEnd)
		}
	}
	if v.Kind == value.Str && v.Editable { // written in place: reading it costs what a literal does
		return w.source(v.span())
	}
	return runtimeText(w.code(v))
}

// runtimeText returns v's string mapped to where v is, the parts known only at run time marked.
func runtimeText(v pv) value.Text {
	switch v.Kind {
	case value.Str, value.Unknown:
		return v.Text
	}
	s, ok := render(v.Value)
	start, end := v.span()
	return value.Spread(s, start, end, !ok)
}

// partsText expands an expandable string as a value.Text: literal parts map to their bytes,
// variables to their reference (unresolved when their value is unknown), subexpressions are
// unresolved. Variables' values are charged as code charges them.
func (w *walker) partsText(lit *StringLit) value.Text {
	var b value.Builder
	for _, p := range lit.Tok.Parts {
		switch p.Kind {
		case PartLit:
			if string(w.src[p.Start:p.End]) == p.Value {
				b.Append(w.source(p.Start, p.End))
				continue
			}
			b.Append(value.Spread(p.Value, p.Start, p.End, false))
		default:
			w.part(&b, p, w.code)
		}
	}
	return b.Done(lit.Tok.ContentEnd)
}

// part appends a variable or subexpression of an expandable string to b: the variable's value,
// read with read, when it is known, else the part as written, known only at run time; each byte
// mapped to the part.
func (w *walker) part(b *value.Builder, p Part, read func(pv) pv) {
	s, ok := string(w.src[p.Start:p.End]), false
	if p.Kind == PartVar {
		v := w.evalVar(&VarRef{span{p.Start, p.End}, p.Value, false})
		w.noteFlow(v)
		if v, k := render(read(v).Value); k {
			s, ok = v, true
		}
	}
	b.Substitute(value.Spread(s, p.Start, p.End, false), p.Start, p.End, !ok)
}

// argTexts returns the strings a native program receives for one PowerShell argument: one per
// item of an array, a splatted array's items, pieces written together joined.
func (w *walker) argTexts(n Node) []value.Text {
	switch n := n.(type) {
	case *Concat:
		var b value.Builder
		for _, p := range n.Parts {
			b.Append(w.textOf(w.eval(p)))
		}
		return []value.Text{b.Done(n.end)}
	case *StringLit:
		if n.Tok.Kind == StopParsing { // --%: the rest of the line as written
			var out []value.Text
			for _, a := range cmdline.SplitArgs(w.source(n.Tok.ContentStart, n.Tok.ContentEnd)) {
				out = append(out, a.Value)
			}
			return out
		}
	case *CmdParam:
		var b value.Builder
		b.Append(w.source(n.start, n.nameEnd))
		if n.Colon && n.Arg != nil {
			if t := w.argTexts(n.Arg); len(t) > 0 {
				b.Append(t[0])
			}
		}
		return []value.Text{b.Done(n.end)}
	}
	v := w.eval(n)
	if ref, ok := n.(*VarRef); ok && ref.Splat {
		if l, ok := w.lookup(ref.Name); ok && l.Kind == value.List {
			v = pv{Value: l}.readAt(ref.start, ref.end)
		}
	}
	var out []value.Text
	for _, it := range w.expand(v) {
		out = append(out, w.textOf(it))
	}
	return out
}

// native follows a native program invocation through cmdline: ntrights, cmd /c, powershell
// -Command, psexec and the other programs it knows. PowerShell passes each argument (each item of
// an array) as one argument.
func (w *walker) native(cmd *Command, name pv) {
	args := []cmdline.Arg{{Value: w.textOf(name)}}
	var flows []spanFlow
	for _, e := range cmd.Elems {
		w.noted = nil
		for _, t := range w.argTexts(e) {
			args = append(args, cmdline.Arg{Value: t})
		}
		s, end := e.Span()
		sf := spanFlow{start: s, end: end, flow: w.noted}
		if ref, ok := e.(*VarRef); ok && !ref.Splat {
			if v, found := w.lookup(ref.Name); found && v.Param != nil && v.Kind == value.Unknown {
				sf.param, sf.origin = v.Param, v.Origin // the script's parameter, handed to a program
			}
		}
		if sf.flow != nil || sf.param != nil {
			flows = append(flows, sf)
		}
	}
	w.noted = nil
	w.run(cmd, cmdline.FromArgs(args), flows)
}

// spanFlow is the flow of the values written at [start, end) of the source: the accounts found
// there came through those calls (see pv.flow).
type spanFlow struct {
	start, end int
	flow       []assign.Step
	// param and origin are set when the value written there is a parameter of the script.
	param  *value.Param
	origin string
}

// noteFlow records v's flow in walker.noted, unless a flow is noted already: the text being built
// for a program holds a value a call passed.
func (w *walker) noteFlow(v pv) {
	if w.noted == nil {
		w.noted = v.flow
	}
}

// withFlows sets the Flow of the accounts of as written within one of the spans that has one.
// Positions grow with offsets, in embedded text too (see offsetOf): the spans are compared as
// positions.
func (w *walker) withFlows(as []assign.Assignment, flows []spanFlow) {
	for i := range as {
		for j := range as[i].Accounts {
			acc := &as[i].Accounts[j]
			for _, sf := range flows {
				if acc.Pos < w.pos(sf.start) || acc.Pos >= w.pos(sf.end) {
					continue
				}
				if acc.Flow == nil {
					acc.Flow = sf.flow
				}
				if sf.param != nil && acc.Param == nil && acc.Unresolved && len(acc.Runtime) <= 1 {
					acc.Param = &assign.Param{Param: *sf.param, Span: value.Span{Start: 0, End: len(acc.Text)}}
					if acc.Origin == "" {
						acc.Origin = sf.origin
					}
				}
			}
		}
	}
}

// run analyzes an invocation once per distinct command line: a loop that does not change it would
// repeat its problems.
func (w *walker) run(at Node, inv cmdline.Invocation, flows []spanFlow) {
	var k strings.Builder
	s, _ := at.Span()
	k.WriteString(strconv.Itoa(s))
	for _, a := range inv.Args {
		k.WriteString("\x00" + a.Value.S)
	}
	if w.ran[k.String()] {
		return
	}
	w.ran[k.String()] = true
	as := cmdline.Run(w.f, inv)
	w.withFlows(as, flows)
	for _, a := range as {
		w.add(a)
	}
}

// startProcess follows Start-Process: -FilePath (position 0) runs with -ArgumentList (position 1),
// whose items Start-Process joins with spaces into the program's command line.
func startProcess(w *walker, cmd *Command, _ string) {
	b := w.bind(startProcessSpec, cmd)
	program, ok := b.get("filepath")
	if !ok {
		return
	}
	var line value.Builder
	var flows []spanFlow
	w.noted = nil
	p := w.textOf(program)
	line.Byte('"', p.Offset(0), p.Offset(0), false)
	line.Append(p)
	end := p.Offset(p.Len())
	line.Byte('"', end, end, false)
	if list, ok := b.get("argumentlist"); ok {
		for _, it := range w.expand(list) {
			w.noted = nil
			t := w.textOf(it)
			if w.noted != nil {
				s, e := t.Span(0, t.Len())
				flows = append(flows, spanFlow{start: s, end: e, flow: w.noted})
			}
			line.Byte(' ', end, end, false) // at the end of the part before, as cmdline.Join maps it
			line.Append(t)
			end = t.Offset(t.Len())
		}
	}
	w.noted = nil
	w.run(cmd, cmdline.FromLine(line.Done(end)), flows)
}

// invokeExpression follows Invoke-Expression: its string is PowerShell, analyzed where it is
// written. An expandable string is expanded first, as PowerShell does.
func invokeExpression(w *walker, cmd *Command, _ string) {
	b := w.bind(invokeExpressionSpec, cmd)
	v, ok := b.get("command")
	if !ok || v.block != nil {
		return
	}
	t := w.textOf(v)
	key := ranKey{t.Offset(0), t.S}
	if w.iexRan[key] {
		return
	}
	w.iexRan[key] = true
	as := cmdline.Nest(w.f, source.LangPowerShell, t, false)
	if v.flow != nil {
		s, e := cmd.Span()
		w.withFlows(as, []spanFlow{{start: s, end: e, flow: v.flow}})
	}
	for _, a := range as {
		w.add(a)
	}
}

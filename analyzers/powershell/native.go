package powershell

import (
	"strconv"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
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
		if v, k := render(read(w.evalVar(&VarRef{span{p.Start, p.End}, p.Value, false})).Value); k {
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
	for _, e := range cmd.Elems {
		for _, t := range w.argTexts(e) {
			args = append(args, cmdline.Arg{Value: t})
		}
	}
	w.run(cmd, cmdline.FromArgs(args))
}

// run analyzes an invocation once per distinct command line: a loop that does not change it would
// repeat its problems.
func (w *walker) run(at Node, inv cmdline.Invocation) {
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
	for _, a := range cmdline.Run(w.f, inv) {
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
	p := w.textOf(program)
	line.Byte('"', p.Offset(0), p.Offset(0), false)
	line.Append(p)
	end := p.Offset(p.Len())
	line.Byte('"', end, end, false)
	if list, ok := b.get("argumentlist"); ok {
		for _, it := range w.expand(list) {
			t := w.textOf(it)
			line.Byte(' ', end, end, false) // at the end of the part before, as cmdline.Join maps it
			line.Append(t)
			end = t.Offset(t.Len())
		}
	}
	w.run(cmd, cmdline.FromLine(line.Done(end)))
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
	for _, a := range cmdline.Nest(w.f, source.LangPowerShell, t, false) {
		w.add(a)
	}
}

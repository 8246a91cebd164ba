package shell

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"mvdan.cc/sh/v3/syntax"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
)

// expansion builds the value of one word. Unquoted expansions of known values split into fields at
// blanks; anything privlint cannot compute (an unknown variable, a command substitution, a glob) is
// kept as written and marked unresolved.
type expansion struct {
	w      *walker
	b      value.Builder
	breaks []int // offsets in b where unquoted blanks split the word
	quoted bool  // the word has a quoted part: it makes a field even when empty
	glob   bool  // the word has an unquoted * or ?: a pathname pattern
	end    int   // for heredocs: source offset where the body ends; 0 for no limit
	base   int   // for an append: the size of the value appended to
	runs   int   // the runs of the values substituted so far
	subst  bool  // a variable's value was substituted: the word is a value built, charged
	over   bool  // a reference was left as written because of a limit: values built from it are over
	// flow is the flow of the first value substituted that a call passed: a variable assigned the
	// word keeps it.
	flow []assign.Step
	// none is set for "$@" of a call without arguments, which makes no field.
	none bool
}

// fields evaluates a word to the fields a command receives.
func (w *walker) fields(wd *syntax.Word) []value.Text {
	e := &expansion{w: w}
	e.parts(wd.Parts, false)
	start, end := int(wd.Pos().Offset()), int(wd.End().Offset())
	t := e.done(start, end)
	if e.glob {
		return []value.Text{w.unresolved(start, end)}
	}
	if len(e.breaks) == 0 {
		if t.Len() == 0 && (!e.quoted || e.none) {
			return nil
		}
		return []value.Text{t}
	}
	var out []value.Text
	prev := 0
	for _, br := range append(e.breaks, t.Len()) {
		if br > prev {
			out = append(out, t.Slice(prev, br))
		}
		prev = br
	}
	return out
}

// done returns the value built for the source text src.S[start:end]. A value holding a
// substitution is charged to the file's budget, with the fields it splits into; past a limit it is
// the source text, unresolved, and e.over is set.
func (e *expansion) done(start, end int) value.Text {
	t := e.b.Done(e.w.src.Offset(end))
	if e.subst && !e.w.f.Charge(e.w.src.Offset(start), size(t)+fieldCost*len(e.breaks)) {
		e.over, e.breaks = true, nil
		return e.w.unresolved(start, end)
	}
	return t
}

// unresolved returns the source text src.S[start:end] marked unresolved (value.Builder.Unresolved).
func (w *walker) unresolved(start, end int) value.Text {
	var b value.Builder
	b.Unresolved(w.src, start, end)
	return b.Done(w.src.Offset(end))
}

func (e *expansion) parts(parts []syntax.WordPart, quoted bool) {
	for _, p := range parts {
		e.part(p, quoted)
	}
}

func (e *expansion) part(p syntax.WordPart, quoted bool) {
	start, end := int(p.Pos().Offset()), int(p.End().Offset())
	if e.end > 0 {
		end = min(end, e.end)
	}
	switch p := p.(type) {
	case *syntax.Lit:
		e.lit(start, end, quoted)
	case *syntax.SglQuoted:
		e.quoted = true
		if p.Dollar {
			e.ansiC(start+2, end-1)
		} else {
			e.copy(start+1, end-1)
		}
	case *syntax.DblQuoted:
		e.quoted = true
		e.parts(p.Parts, true)
	case *syntax.ParamExp:
		e.param(p, start, end, quoted)
	default: // command and process substitutions, arithmetic, extended globs, brace expansions
		e.raw(start, end)
	}
}

// param appends the value of a parameter expansion, or its source text src.S[start:end],
// unresolved, when privlint does not know it or it is past a limit.
func (e *expansion) param(p *syntax.ParamExp, start, end int, quoted bool) {
	if fr := e.w.frame; fr != nil && quoted && p.Param.Value == "@" && plainParam(p) && p.Exp == nil {
		// "$@" in a function: each argument a field of its own
		e.none = len(fr.args) == 0
		for k, a := range fr.args {
			if k > 0 {
				e.breaks = append(e.breaks, e.b.Len())
			}
			e.value("@", a, start, end, true, false)
		}
		return
	}
	v, ok := e.w.param(p)
	if !ok {
		e.raw(start, end)
		return
	}
	e.value(p.Param.Value, v, start, end, quoted, v.loop && p.Exp == nil)
}

// value appends the value v of the variable name, read through the reference src.S[start:end]
// (own: the value of a loop variable, which lands on the word of its list), and notes its flow.
func (e *expansion) value(name string, v *chain, start, end int, quoted, own bool) {
	if v.over {
		e.over = true
		e.raw(start, end)
		return
	}
	// What the word would cost with the value, checked before it is built: a value refused for
	// being too large must cost nothing but its reference.
	n := e.base + e.b.Len() + cmdline.RunCost*e.runs + v.size
	if !quoted {
		n += fieldCost * v.splits()
	}
	if n > e.w.f.Budget().Left() {
		e.w.f.Charge(e.w.src.Offset(start), n) // reports the limit reached, once
		e.over = true
		e.raw(start, end)
		return
	}
	e.subst = true
	t := e.w.text(name, v)
	e.runs += t.Runs()
	// A value lands on the reference, a loop variable's on the word of the list.
	ref0, ref1 := e.w.src.Span(start, end)
	if v.flow != nil {
		if own {
			lo, hi := t.Span(0, t.Len())
			e.w.flows.Note(lo, hi, v.flow)
		} else {
			e.w.flows.Note(ref0, ref1, v.flow)
		}
		if e.flow == nil {
			e.flow = v.flow
		}
	}
	put := func(t value.Text) {
		if own {
			e.b.Append(t)
		} else {
			e.b.Substitute(t, ref0, ref1, false)
		}
	}
	if quoted {
		put(t)
		return
	}
	for i := 0; i < t.Len(); { // unquoted: blanks split fields
		if isBlank(t.S[i]) {
			e.breaks = append(e.breaks, e.b.Len())
			for i < t.Len() && isBlank(t.S[i]) {
				i++
			}
			continue
		}
		j := i
		for j < t.Len() && !isBlank(t.S[j]) {
			j++
		}
		if i == 0 && j == t.Len() {
			put(t)
		} else {
			put(t.Slice(i, j))
		}
		i = j
	}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// plainParam reports whether p is $NAME or ${NAME}, or one of the ${NAME:-word} forms param knows,
// without another operator.
func plainParam(p *syntax.ParamExp) bool {
	return p.Param != nil && !p.Excl && !p.Length && !p.Width && p.Index == nil && p.Slice == nil &&
		p.Repl == nil && p.Names == 0 && p.NestedParam == nil && len(p.Modifiers) == 0
}

// param returns the variable a parameter expansion reads when privlint knows it: $NAME and ${NAME}
// of a variable the script set, and ${NAME:-word} and ${NAME-word} of one it set.
func (w *walker) param(p *syntax.ParamExp) (*chain, bool) {
	if !plainParam(p) {
		return nil, false
	}
	v, ok := w.variable(p.Param.Value)
	if p.Exp != nil {
		switch p.Exp.Op {
		case syntax.DefaultUnset, syntax.DefaultUnsetOrNull:
			if ok && (v.over || v.n > 0 || p.Exp.Op == syntax.DefaultUnset) {
				return v, true
			}
		}
		return nil, false
	}
	return v, ok
}

// lit appends literal source text: outside quotes a backslash escapes the next byte and a
// backslash-newline disappears; inside double quotes (and heredocs) only $ ` " \ and newline can be
// escaped.
func (e *expansion) lit(start, end int, quoted bool) {
	s := e.w.src.S
	for i := start; i < end; i++ {
		c := s[i]
		if c == '\\' && i+1 < end {
			n := s[i+1]
			switch {
			case n == '\n':
				i++
				continue
			case !quoted || strings.IndexByte("$`\"\\", n) >= 0:
				i++
				e.b.Copy(e.w.src, i)
				continue
			}
		}
		if !quoted && (c == '*' || c == '?') {
			e.glob = true
		}
		e.b.Copy(e.w.src, i)
	}
}

// copy appends source text verbatim.
func (e *expansion) copy(start, end int) {
	for i := start; i < end; i++ {
		e.b.Copy(e.w.src, i)
	}
}

// raw appends source text, marked unresolved (value.Builder.Unresolved).
func (e *expansion) raw(start, end int) { e.b.Unresolved(e.w.src, start, end) }

// ansiC appends the body of a $'...' string with its backslash escapes.
func (e *expansion) ansiC(start, end int) {
	s := e.w.src.S
	for i := start; i < end; i++ {
		if s[i] != '\\' || i+1 >= end {
			e.b.Copy(e.w.src, i)
			continue
		}
		lo, _ := e.w.src.Span(i, i+1)
		_, hi := e.w.src.Span(i+1, i+2)
		c := s[i+1]
		switch c {
		case 'n':
			c = '\n'
		case 't':
			c = '\t'
		case 'r':
			c = '\r'
		case '\\', '\'', '"', '?':
		default:
			e.b.Copy(e.w.src, i) // other escapes are kept as written
			continue
		}
		e.b.Byte(c, lo, hi, false)
		i++
	}
}

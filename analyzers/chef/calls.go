package chef

import "github.com/privlint/privlint/analyzers/assign"

// callRest parses the arguments and block of a call whose name is the token name.
func (p *parser) callRest(recv Node, name Token) *Call {
	c := &Call{Recv: recv, Name: name.Text, NameStart: name.Start, NameEnd: name.End, Start: name.Start}
	if recv != nil {
		c.Start, _ = recv.Span()
	}
	switch t := p.peek(); {
	case t.Kind == Op && t.Text == "(" && !t.Space:
		p.advance()
		c.Args, _ = p.argList("(", t.Start, ")")
		c.Paren = true
	case p.commandArgStart():
		saved := p.noDo
		p.noDo = true
		c.Args = p.commandArgs()
		p.noDo = saved
	}
	switch t := p.peek(); {
	case t.Kind == Op && t.Text == "{" && len(c.Args) == 0 || t.Kind == Op && t.Text == "{" && c.Paren:
		c.Block = p.braceBlock()
	case t.Kind == Ident && t.Text == "do" && !p.noDo:
		c.Block = p.doBlock()
	}
	c.End = p.prevEnd()
	c.Bare = recv == nil && !c.Paren && len(c.Args) == 0 && c.Block == nil
	return c
}

// argStopKeywords never start a command argument.
var argStopKeywords = map[string]bool{"if": true, "unless": true, "while": true, "until": true,
	"and": true, "or": true, "then": true, "do": true, "end": true, "rescue": true, "ensure": true,
	"else": true, "elsif": true, "when": true, "in": true}

// commandArgStart reports whether the next token starts the arguments of a call written without
// parentheses: `privilege 'SeImpersonatePrivilege'`, `action :add`, `puts -x`.
func (p *parser) commandArgStart() bool {
	t := p.peek()
	if !t.Space {
		return false
	}
	switch t.Kind {
	case String, Symbol, Words, Regexp, Number, Const, Var, Label:
		return true
	case Ident:
		return !argStopKeywords[t.Text]
	case Op:
		switch t.Text {
		case "[", "(", "->", "::":
			return true
		case "-", "*", "&", "**", "!", "~":
			return !p.peekAt(1).Space
		}
	}
	return false
}

func (p *parser) commandArgs() []Node {
	var args []Node
	for {
		a := p.arg()
		if a == nil {
			return args
		}
		args = append(args, a)
		if !p.isOp(",") {
			return args
		}
		p.advance()
		p.skipNewlines()
	}
}

// arg parses one argument, element or hash entry: value, key: value or key => value.
func (p *parser) arg() Node {
	if t := p.peek(); t.Kind == Label {
		p.advance()
		p.skipNewlines()
		return &Pair{Key: &Lit{Tok: t}, Value: p.argValue(t.End)}
	}
	v := p.ternary()
	if v == nil {
		return nil
	}
	if p.isOp("=>") {
		p.advance()
		p.skipNewlines()
		_, end := v.Span()
		return &Pair{Key: v, Value: p.argValue(end)}
	}
	if t := p.peek(); t.Kind == Op && assignOps[t.Text] {
		p.advance()
		p.skipNewlines()
		start, _ := v.Span()
		return &Assign{Target: v, Value: p.argValue(t.End), Op: t.Text, Start: start, End: p.prevEnd()}
	}
	return v
}

// argValue parses the value of a pair; a missing value (`f(key:)`) is an empty Compound at off.
func (p *parser) argValue(off int) Node {
	if v := p.ternary(); v != nil {
		return v
	}
	return &Compound{Kind: "missing", Start: off, End: off}
}

// argList parses the elements of brackets opened by the token text at start, up to close. It keeps
// the first assign.MaxAccounts of them: the first one past the limit is reported, its offset is
// returned as more (0 when there is none), and the rest are parsed and let go.
func (p *parser) argList(open string, start int, close string) (out []Node, more int) {
	p.withDo(func() {
		for {
			p.skipNewlines()
			t := p.peek()
			if t.Kind == Op && t.Text == close {
				p.advance()
				return
			}
			if isCloser(t) {
				p.problemf(start, "`%s` is never closed with `%s`", open, close)
				return
			}
			before := p.read
			if a := p.arg(); a != nil {
				switch {
				case len(out) < assign.MaxAccounts:
					out = append(out, a)
				case more == 0:
					more, _ = a.Span()
					p.problemf(more, "this list holds more than %d elements; the rest of it is not analyzed", assign.MaxAccounts)
				}
			}
			if p.read == before {
				p.advance()
			}
			p.skipNewlines()
			if p.isOp(",") {
				p.advance()
			}
		}
	})
	return out, more
}

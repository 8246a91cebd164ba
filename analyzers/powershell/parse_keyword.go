package powershell

import (
	"regexp"
	"strconv"
	"strings"
)

func (p *parser) parseKeyword(kw string) Node {
	t := p.next(ModeArg)
	switch kw {
	case "if":
		return p.parseIf(t)
	case "while", "for":
		header := p.parseHeader()
		body := p.parseBody()
		return &Loop{span{t.Start, p.offset()}, kw, header, body}
	case "do":
		body := p.parseBody()
		p.skipNewlines(ModeArg)
		var header []Node
		if u := p.peek(ModeArg); u.Kind == Word && (strings.EqualFold(u.Value, "while") || strings.EqualFold(u.Value, "until")) {
			p.next(ModeArg)
			header = p.parseHeader()
		}
		return &Loop{span{t.Start, p.offset()}, kw, header, body}
	case "foreach":
		return p.parseForeach(t)
	case "switch":
		return p.parseSwitch(t)
	case "try", "trap":
		return p.parseTry(t)
	case "function", "filter", "workflow":
		return p.parseFunction(t)
	case "return", "throw", "exit", "break", "continue":
		f := &Flow{span: span{t.Start, t.End}, Keyword: kw}
		switch p.peek(ModeArg).Kind {
		case EOF, Newline, Semi, RParen, RBrace, Pipe:
		default:
			if kw == "break" || kw == "continue" {
				f.Value = p.parseArgPrimary(false)
			} else {
				f.Value = p.parseStatement()
			}
			if f.Value != nil {
				_, f.end = f.Value.Span()
			}
		}
		return f
	case "param":
		return p.parseParamBlock(t)
	case "class", "enum":
		return p.parseClass(t)
	case "data":
		for p.peek(ModeArg).Kind == Param || p.peek(ModeArg).Kind == Word {
			p.next(ModeArg)
		}
		body := p.parseBody()
		return &Try{span{t.Start, body.end}, []*Block{body}}
	}
	// using: the rest of the statement is a namespace or module name.
	for k := p.peek(ModeArg).Kind; k != EOF && k != Newline && k != Semi && k != RBrace && k != RParen; k = p.peek(ModeArg).Kind {
		p.next(ModeArg)
	}
	return nil
}

// parseHeader parses ( statements ) after while, for, if, switch.
func (p *parser) parseHeader() []Node {
	p.skipNewlines(ModeArg)
	open := p.peek(ModeArg)
	if open.Kind != LParen {
		return nil
	}
	if !p.enter() {
		p.skipNested()
		return nil
	}
	defer p.leave()
	p.next(ModeArg)
	b := p.parseStatements(RParen)
	p.closeWith(RParen, open, "condition", ")")
	return b.Stmts
}

// parseBody parses the { block } of a statement; without a brace it returns an empty block.
func (p *parser) parseBody() *Block {
	p.skipNewlines(ModeArg)
	open := p.peek(ModeArg)
	if open.Kind != LBrace {
		return &Block{span: span{open.Start, open.Start}}
	}
	if !p.enter() {
		n := p.skipNested()
		return &Block{span: spanOf(n)}
	}
	defer p.leave()
	p.next(ModeArg)
	b := p.parseStatements(RBrace)
	b.start = open.Start
	b.end = p.closeWith(RBrace, open, "block", "}")
	return b
}

func (p *parser) parseIf(t Token) Node {
	n := &If{span: span{t.Start, 0}}
	for {
		n.Conds = append(n.Conds, chain(p.parseHeader())) // a chain in the condition is one statement
		n.Bodies = append(n.Bodies, p.parseBody())
		n.end = p.offset()
		p.skipNewlines(ModeArg)
		u := p.peek(ModeArg)
		if u.Kind != Word {
			return n
		}
		switch strings.ToLower(u.Value) {
		case "elseif":
			p.next(ModeArg)
			continue
		case "else":
			p.next(ModeArg)
			n.Else = p.parseBody()
			n.end = p.offset()
		}
		return n
	}
}

func (p *parser) parseForeach(t Token) Node {
	n := &Foreach{span: span{t.Start, 0}}
	for u := p.peek(ModeArg); u.Kind == Param; u = p.peek(ModeArg) { // -parallel, -throttlelimit n
		p.next(ModeArg)
		if strings.EqualFold(u.Value, "throttlelimit") {
			p.parseArgPrimary(false)
		}
	}
	p.skipNewlines(ModeArg)
	open := p.peek(ModeArg)
	if open.Kind == LParen {
		if !p.enter() {
			p.skipNested()
		} else {
			p.next(ModeArg)
			p.skipNewlines(ModeExpr)
			if p.peek(ModeExpr).Kind == LBracket {
				p.parseTypeLit()
			}
			if v := p.peek(ModeExpr); v.Kind == Variable {
				p.next(ModeExpr)
				n.Var = &VarRef{span{v.Start, v.End}, v.Value, false}
			}
			if w := p.peek(ModeArg); w.Kind == Word && strings.EqualFold(w.Value, "in") {
				p.next(ModeArg)
			}
			p.skipNewlines(ModeArg)
			n.Iter = p.parseStatement()
			p.skipNewlines(ModeArg)
			p.closeWith(RParen, open, "foreach header", ")")
			p.leave()
		}
	}
	n.Body = p.parseBody()
	n.end = p.offset()
	return n
}

func (p *parser) parseSwitch(t Token) Node {
	n := &Switch{span: span{t.Start, 0}}
	for u := p.peek(ModeArg); u.Kind == Param; u = p.peek(ModeArg) {
		p.next(ModeArg)
		if strings.EqualFold(u.Value, "file") {
			n.Subject = p.parseArgPrimary(false)
		}
	}
	if h := p.parseHeader(); len(h) > 0 {
		n.Subject = chain(h)
	}
	n.end = p.offset() // without a body, the switch ends here
	p.skipNewlines(ModeArg)
	open := p.peek(ModeArg)
	if open.Kind != LBrace {
		return n
	}
	if !p.enter() {
		n.end = spanOf(p.skipNested()).end
		return n
	}
	defer p.leave()
	p.next(ModeArg)
	for {
		p.skipSeparators()
		u := p.peek(ModeArg)
		if u.Kind == RBrace || u.Kind == EOF {
			break
		}
		before := p.offset()
		pat := p.parseArgPrimary(false)
		body := p.parseBody()
		n.Patterns = append(n.Patterns, pat)
		n.Bodies = append(n.Bodies, body)
		if p.offset() == before {
			p.next(ModeArg)
		}
	}
	n.end = p.closeWith(RBrace, open, "switch body", "}")
	return n
}

func (p *parser) parseTry(t Token) Node {
	n := &Try{span: span{t.Start, 0}}
	if strings.EqualFold(t.Value, "trap") && p.peek(ModeExpr).Kind == LBracket {
		p.parseTypeLit()
	}
	n.Blocks = append(n.Blocks, p.parseBody())
	for {
		n.end = p.offset()
		p.skipNewlines(ModeArg)
		u := p.peek(ModeArg)
		if u.Kind != Word || !strings.EqualFold(u.Value, "catch") && !strings.EqualFold(u.Value, "finally") {
			return n
		}
		p.next(ModeArg)
	types:
		for {
			switch p.peek(ModeExpr).Kind {
			case LBracket:
				p.parseTypeLit()
			case Comma:
				p.next(ModeExpr)
			default:
				break types
			}
		}
		n.Blocks = append(n.Blocks, p.parseBody())
	}
}

// parseFunction parses a function, filter or workflow. Newlines may come before its name and before
// its parameter list (spec 8.10: function new-lines:opt function-name, and function-parameter-
// declaration: new-lines:opt ( parameter-list )).
func (p *parser) parseFunction(t Token) Node {
	n := &FuncDef{span: span{t.Start, 0}}
	p.skipNewlines(ModeArg)
	if u := p.peek(ModeArg); u.Kind == Word {
		p.next(ModeArg)
		n.Name = u.Value
	}
	if p.onNextLine(LParen) {
		open := p.next(ModeArg)
		n.Params = p.parseParamList(open)
	}
	n.Body = p.parseBody()
	n.Params = append(n.Params, n.Body.Params...)
	n.end = p.offset()
	return n
}

// parseParamBlock parses param( ), whose parenthesis may be on a later line (spec 8.10.9: param
// new-lines:opt ( parameter-list )). Without one, nothing after param is consumed.
func (p *parser) parseParamBlock(t Token) Node {
	if !p.onNextLine(LParen) {
		return nil
	}
	open := p.next(ModeArg)
	params := p.parseParamList(open)
	return &paramBlock{span{t.Start, p.offset()}, params}
}

// parseParamList parses parameter declarations up to the closing parenthesis: attributes and
// types in brackets, the variable, and an optional default value.
func (p *parser) parseParamList(open Token) []*ParamDecl {
	if !p.enter() {
		p.have, p.tok, p.mode = true, open, ModeArg
		p.skipNested()
		return nil
	}
	defer p.leave()
	saved := p.noComma
	p.noComma = true
	defer func() { p.noComma = saved }()
	var out []*ParamDecl
	attrs := ParamDecl{Position: -1} // what the attributes before the next parameter say
	for {
		p.skipNewlines(ModeExpr)
		t := p.peek(ModeExpr)
		switch t.Kind {
		case RParen:
			p.next(ModeExpr)
			return out
		case EOF, RBrace:
			p.problemf(open.Start, "unterminated parameter list: close it with )")
			return out
		case LBracket:
			paramAttribute(&attrs, p.parseTypeLit().Name)
		case Comma:
			p.next(ModeExpr)
		case Variable:
			p.next(ModeExpr)
			d := &ParamDecl{span: span{t.Start, t.End}, Name: t.Value, Position: attrs.Position, Pipeline: attrs.Pipeline, Switch: attrs.Switch}
			attrs = ParamDecl{Position: -1}
			if u := p.peek(ModeExpr); u.Kind == Operator && u.Value == "=" {
				p.next(ModeExpr)
				p.skipNewlines(ModeExpr)
				d.Default = p.parseExpr()
				_, d.end = d.Default.Span()
			}
			out = append(out, d)
		default:
			p.skipNested()
		}
	}
}

func (p *parser) parseClass(t Token) Node {
	n := &ClassDef{span: span{t.Start, t.End}} // the end grows with every token the class takes
	if u := p.peek(ModeArg); u.Kind == Word {
		p.next(ModeArg)
		n.Name, n.end = u.Value, u.End
	}
	for u := p.peek(ModeExpr); u.Kind != LBrace && u.Kind != EOF; u = p.peek(ModeExpr) {
		p.next(ModeExpr) // : base, interfaces
		n.end = u.End
	}
	open := p.peek(ModeExpr)
	if open.Kind != LBrace {
		return n
	}
	if !p.enter() {
		p.skipNested()
		return n
	}
	defer p.leave()
	p.next(ModeExpr)
	for {
		u := p.peek(ModeExpr)
		switch u.Kind {
		case RBrace:
			p.next(ModeExpr)
			n.end = u.End
			return n
		case EOF:
			p.problemf(open.Start, "unterminated %s body: close it with }", strings.ToLower(t.Value))
			n.end = u.End
			return n
		case LBrace:
			n.Methods = append(n.Methods, p.parseBody())
		case LBracket:
			p.parseTypeLit()
		default:
			p.next(ModeExpr)
		}
	}
}

// parameterAttr matches the arguments of a [Parameter(...)] attribute that change how a function's
// parameter binds: Position = n, and ValueFromPipeline (alone or = $true).
var (
	positionArg = regexp.MustCompile(`(?i)\bPosition\s*=\s*(\d+)`)
	pipelineArg = regexp.MustCompile(`(?i)\bValueFromPipeline\b(\s*=\s*\$?(\w+))?`)
)

// paramAttribute records in d what the attribute or type [text] before a parameter says of how it
// binds.
func paramAttribute(d *ParamDecl, text string) {
	name, args, _ := strings.Cut(text, "(")
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "switch", "system.management.automation.switchparameter":
		d.Switch = true
	case "parameter":
		if m := positionArg.FindStringSubmatch(args); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil && n < 1<<16 {
				d.Position = n
			}
		}
		if m := pipelineArg.FindStringSubmatch(args); m != nil && (m[2] == "" || strings.EqualFold(m[2], "true")) {
			d.Pipeline = true
		}
	}
}

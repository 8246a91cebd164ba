package chef

// keywordOrCall parses what starts with an identifier: a keyword construct or a method call.
func (p *parser) keywordOrCall(t Token) Node {
	switch t.Text {
	case "if", "unless", "while", "until":
		p.advance()
		cond := p.withNoDo(p.expr)
		if p.isKeyword("then") || p.isKeyword("do") {
			p.advance()
		}
		return p.compound(t.Text, t.Start, append([]Node{cond}, p.untilEnd(t)...)...)
	case "case":
		p.advance()
		var subject Node
		if p.peek().Kind != Newline {
			subject = p.expr()
		}
		return p.compound("case", t.Start, append([]Node{subject}, p.untilEnd(t)...)...)
	case "for":
		p.advance()
		for !p.isKeyword("in") && p.peek().Kind != Newline && p.peek().Kind != EOF {
			if v := p.peek(); v.Kind == Ident {
				p.locals[v.Text] = true
			}
			p.advance()
		}
		var iter Node
		if p.isKeyword("in") {
			p.advance()
			iter = p.withNoDo(p.expr)
		}
		if p.isKeyword("do") {
			p.advance()
		}
		return p.compound("for", t.Start, append([]Node{iter}, p.untilEnd(t)...)...)
	case "begin":
		p.advance()
		return p.compound("begin", t.Start, p.untilEnd(t)...)
	case "def":
		p.advance()
		p.defHeader()
		if p.isOp("=") { // def name(args) = expr
			p.advance()
			return p.compound("def", t.Start, p.stmt())
		}
		return p.compound("def", t.Start, p.untilEnd(t)...)
	case "class", "module":
		p.advance()
		if p.isOp("<<") {
			p.advance()
		}
		head := []Node{p.withNoDo(p.postfix)}
		if p.isOp("<") {
			p.advance()
			head = append(head, p.expr())
		}
		return p.compound(t.Text, t.Start, append(head, p.untilEnd(t)...)...)
	case "do": // a `do` the parser did not attach to a call: keep its `end` paired
		return p.compound("do", t.Start, p.doBlock())
	case "end", "else", "elsif", "when", "in", "rescue", "ensure", "then":
		return nil
	case "return", "break", "next", "yield", "super", "redo", "retry":
		p.advance()
		c := p.callRest(nil, t)
		c.Bare = false
		return c
	case "BEGIN", "END":
		p.advance()
		if p.isOp("{") {
			return p.compound("block", t.Start, p.braceBlock())
		}
		return nil
	case "alias", "undef":
		p.advance()
		for p.peek().Kind != Newline && p.peek().Kind != EOF {
			p.advance()
		}
		return nil
	}
	p.advance()
	if p.locals[t.Text] && (!p.isOp("(") || p.peek().Space) {
		return &Call{Name: t.Text, NameStart: t.Start, NameEnd: t.End, Bare: true, Start: t.Start, End: t.End}
	}
	return p.callRest(nil, t)
}

// defHeader skips a method's name and parameters, noting the parameters as locals.
func (p *parser) defHeader() {
	p.defName()
	if p.isOp(".") { // def self.name
		p.advance()
		p.defName()
	}
	if p.isOp("(") {
		depth := 0
		for p.peek().Kind != EOF {
			t := p.advance()
			switch {
			case t.Kind == Op && t.Text == "(":
				depth++
			case t.Kind == Op && t.Text == ")":
				depth--
			case t.Kind == Ident || t.Kind == Label:
				p.locals[t.Text] = true
			}
			if depth == 0 {
				return
			}
		}
		return
	}
	if p.isOp("=") {
		return // def name = expr
	}
	for p.peek().Kind != Newline && p.peek().Kind != EOF {
		if t := p.advance(); t.Kind == Ident || t.Kind == Label {
			p.locals[t.Text] = true
		}
	}
}

// defName skips a method name: an identifier, or an operator ([], []=, +@, ==), with a setter's =.
func (p *parser) defName() {
	p.advance()
	for t := p.peek(); t.Kind == Op && !t.Space && t.Text != "(" && t.Text != "."; t = p.peek() {
		p.advance()
	}
}

// untilEnd parses the body of a construct opened by opener up to its `end`, with the clauses
// (elsif, else, when, in, rescue, ensure) any construct may hold.
func (p *parser) untilEnd(opener Token) []Node {
	if !p.enter(skipBody) {
		return nil
	}
	defer p.leave()
	var out []Node
	p.withDo(func() {
		for {
			out = append(out, p.stmts()...)
			t := p.peek()
			if t.Kind != Ident || !closers[t.Text] {
				p.problemf(opener.Start, "`%s` is never closed with `end`", opener.Text)
				return
			}
			p.advance()
			switch t.Text {
			case "end":
				return
			case "elsif", "when":
				out = append(out, p.withNoDo(func() Node {
					list := p.exprList()
					return p.compound("clause", t.Start, list...)
				}))
			case "rescue", "in":
				p.skipClauseHead()
			}
			if p.isKeyword("then") {
				p.advance()
			}
		}
	})
	return out
}

// skipClauseHead skips the exception list of a rescue clause or the pattern of an in clause, up to
// `then` or the end of the line outside brackets, noting the variables they bind as locals.
func (p *parser) skipClauseHead() {
	depth := 0
	for t := p.peek(); t.Kind != EOF; t = p.peek() {
		if depth == 0 && (t.Kind == Newline || t.Kind == Ident && t.Text == "then") {
			return
		}
		switch {
		case t.Kind == Op && (t.Text == "(" || t.Text == "[" || t.Text == "{"):
			depth++
		case t.Kind == Op && (t.Text == ")" || t.Text == "]" || t.Text == "}"):
			if depth == 0 {
				return
			}
			depth--
		case t.Kind == Ident || t.Kind == Label:
			p.locals[t.Text] = true
		}
		p.advance()
	}
}

// blockParams reads |a, (b, c), *d| and notes the names as locals.
func (p *parser) blockParams() []string {
	if p.isOp("||") {
		p.advance()
		return nil
	}
	if !p.isOp("|") {
		return nil
	}
	p.advance()
	var names []string
	for !p.isOp("|") && p.peek().Kind != EOF {
		t := p.advance()
		if t.Kind == Ident || t.Kind == Label {
			names = append(names, t.Text)
			p.locals[t.Text] = true
		}
	}
	p.advance()
	return names
}

func (p *parser) doBlock() *Block {
	open := p.advance()
	b := &Block{Start: open.Start}
	b.Params = p.blockParams()
	b.Body = p.untilEnd(open)
	b.End = p.prevEnd()
	return b
}

func (p *parser) braceBlock() *Block {
	open := p.advance()
	if !p.enter(skipBrace) {
		return nil
	}
	defer p.leave()
	b := &Block{Start: open.Start}
	b.Params = p.blockParams()
	p.withDo(func() { b.Body = p.stmts() })
	p.closeWith("}", open)
	b.End = p.prevEnd()
	return b
}

// lambda parses -> (params) { body } or -> do body end after the arrow.
func (p *parser) lambda(arrow Token) Node {
	var params []string
	param := func(t Token) {
		if t.Kind == Ident || t.Kind == Label {
			params = append(params, t.Text)
			p.locals[t.Text] = true
		}
	}
	if p.isOp("(") {
		open := p.advance()
		for !p.isOp(")") && p.peek().Kind != EOF && p.peek().Kind != Newline {
			param(p.advance())
		}
		p.closeWith(")", open)
	}
	for t := p.peek(); t.Kind == Ident && t.Text != "do"; t = p.peek() {
		param(p.advance())
		if p.isOp(",") {
			p.advance()
		}
	}
	var b *Block
	switch {
	case p.isOp("{"):
		b = p.braceBlock()
	case p.isKeyword("do"):
		b = p.doBlock()
	}
	if b != nil {
		b.Params = append(params, b.Params...)
	}
	return p.compound("lambda", arrow.Start, b)
}

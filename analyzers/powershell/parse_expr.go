package powershell

import "strings"

// binaryPrec returns the precedence of a binary operator (higher binds tighter), or 0. The order
// is PowerShell's: logical, bitwise, comparison, ?? (PowerShell 7), additive, multiplicative, -f.
func binaryPrec(op string) int {
	switch op {
	case "-and", "-or", "-xor":
		return 1
	case "-band", "-bor", "-bxor":
		return 2
	case "??":
		return 4
	case "+", "-":
		return 5
	case "*", "/", "%":
		return 6
	case "-f":
		return 7
	}
	if isComparison(op) {
		return 3
	}
	return 0
}

var comparisons = map[string]bool{
	"eq": true, "ne": true, "gt": true, "ge": true, "lt": true, "le": true, "like": true,
	"notlike": true, "match": true, "notmatch": true, "contains": true, "notcontains": true,
	"in": true, "notin": true, "replace": true, "split": true, "join": true, "is": true,
	"isnot": true, "as": true, "shl": true, "shr": true,
}

// isComparison reports whether op is a comparison-level operator, in its plain, i- or c- form.
func isComparison(op string) bool {
	if !strings.HasPrefix(op, "-") {
		return false
	}
	op = op[1:]
	if comparisons[op] {
		return true
	}
	return len(op) > 1 && (op[0] == 'i' || op[0] == 'c') && comparisons[op[1:]] && op[1:] != "is" && op[1:] != "isnot" && op[1:] != "as"
}

// parseExpr parses an expression: binary operators, then PowerShell 7's ternary cond ? a : b,
// which is right-associative and binds loosest. A ternary is an If: it runs one of two branches.
func (p *parser) parseExpr() Node {
	x := p.parseBinary(1)
	q := p.peek(ModeExpr)
	if q.Kind != Operator || q.Value != "?" {
		return x
	}
	if p.notTernary[q.Start] {
		p.next(ModeExpr)
		p.problemf(q.Start, "ternary expression has no : and second branch")
		return x
	}
	if !p.enter() {
		return p.skipNested()
	}
	defer p.leave()
	p.next(ModeExpr)
	after := p.mark()
	p.skipNewlines(ModeExpr)
	yes := p.parseExpr()
	p.skipNewlines(ModeExpr)
	if c := p.peek(ModeExpr); c.Kind != Operator || c.Value != ":" {
		// Not a ternary after all: what follows the ? is read again as the next statement, so
		// that a grant on the next line is not taken for a branch.
		p.reset(after)
		if p.notTernary == nil {
			p.notTernary = map[int]bool{}
		}
		p.notTernary[q.Start] = true
		p.problemf(q.Start, "ternary expression has no : and second branch")
		return x
	}
	s, _ := x.Span()
	_, e := yes.Span()
	n := &If{span: span{s, e}, Conds: []Node{x}, Bodies: []*Block{{span: spanOf(yes), Stmts: []Node{yes}}}}
	p.next(ModeExpr)
	p.skipNewlines(ModeExpr)
	no := p.parseExpr()
	n.Else = &Block{span: spanOf(no), Stmts: []Node{no}}
	_, n.end = no.Span()
	return n
}

// parseBinary parses operators of precedence min and above, left-associative.
func (p *parser) parseBinary(min int) Node {
	x := p.parseRange()
	for {
		t := p.peek(ModeExpr)
		if t.Kind != Operator {
			return x
		}
		prec := binaryPrec(t.Value)
		if prec == 0 || prec < min {
			return x
		}
		p.next(ModeExpr)
		p.skipNewlines(ModeExpr)
		y := p.parseBinary(prec + 1)
		s, _ := x.Span()
		_, e := y.Span()
		x = &Binary{span{s, e}, t.Value, x, y}
	}
}

func (p *parser) parseRange() Node {
	x := p.parseArrayLit()
	for {
		t := p.peek(ModeExpr)
		if t.Kind != Operator || t.Value != ".." {
			return x
		}
		p.next(ModeExpr)
		y := p.parseArrayLit()
		s, _ := x.Span()
		_, e := y.Span()
		x = &Binary{span{s, e}, "..", x, y}
	}
}

func (p *parser) parseArrayLit() Node {
	x := p.parseUnary()
	if p.noComma || p.peek(ModeExpr).Kind != Comma {
		return x
	}
	arr := &ArrayLit{Elems: []Node{x}}
	for p.peek(ModeExpr).Kind == Comma {
		p.next(ModeExpr)
		p.skipNewlines(ModeExpr)
		arr.add(p.parseUnary())
	}
	arr.start, _ = x.Span()
	return arr
}

func isUnaryOp(op string) bool {
	switch op {
	case "!", "-not", "-bnot", "-", "+", "++", "--", "-split", "-join", "-isplit", "-csplit":
		return true
	}
	return false
}

func (p *parser) parseUnary() Node {
	t := p.peek(ModeExpr)
	switch {
	case t.Kind == Operator && isUnaryOp(t.Value), t.Kind == Comma:
		if !p.enter() {
			return p.skipNested()
		}
		defer p.leave()
		p.next(ModeExpr)
		x := p.parseUnary()
		_, e := x.Span()
		if t.Kind == Comma {
			return &ArrayLit{span: span{t.Start, e}, Elems: []Node{x}}
		}
		return &Unary{span{t.Start, e}, t.Value, x}
	case t.Kind == LBracket:
		typ := p.parseTypeLit()
		// Member access written directly after a type literal: [int]::MaxValue, [int].FullName.
		if p.at(typ.end) == '.' || p.peek(ModeExpr).Kind == ColonColon {
			if x := p.parsePostfix(typ, true); x != Node(typ) {
				return x
			}
		}
		if p.startsOperand() {
			if !p.enter() {
				return p.skipNested()
			}
			defer p.leave()
			x := p.parseUnary()
			_, e := x.Span()
			return &Cast{span{typ.start, e}, typ.Name, x}
		}
		return typ
	}
	x := p.parsePostfix(p.parsePrimary(), true)
	// A postfix ++ or -- may follow after white space: $i ++.
	if t := p.peek(ModeExpr); t.Kind == Operator && (t.Value == "++" || t.Value == "--") {
		p.next(ModeExpr)
		s, _ := x.Span()
		x = &Unary{span{s, t.End}, t.Value, x}
	}
	return x
}

// startsOperand reports whether the next token can be the operand of a cast: what starts a unary
// expression, a script block included ([scriptblock]{ }, [int]-1, [bool]!$x).
func (p *parser) startsOperand() bool {
	switch t := p.peek(ModeExpr); t.Kind {
	case Variable, StringSQ, StringDQ, HereSQ, HereDQ, Number, LParen, DollarParen, AtParen, AtBrace, LBracket, LBrace:
		return true
	case Operator:
		return isUnaryOp(t.Value)
	}
	return false
}

// parseTypeLit parses [type] or [Attribute(args)] as its raw text.
func (p *parser) parseTypeLit() *TypeLit {
	open := p.next(ModeExpr)
	depth := 1
	end, closeAt := open.End, -1
	for depth > 0 {
		t := p.next(ModeExpr)
		switch t.Kind {
		case LBracket:
			depth++
		case RBracket:
			depth--
			closeAt = t.Start
		case EOF:
			p.problemf(open.Start, "unterminated [ type or attribute: close it with ]")
			return &TypeLit{span{open.Start, t.End}, strings.TrimSpace(string(p.lx.src[open.End:t.End]))}
		}
		end = t.End
	}
	return &TypeLit{span{open.Start, end}, strings.TrimSpace(string(p.lx.src[open.End:closeAt]))}
}

// parsePrimary parses a primary expression in expression mode.
func (p *parser) parsePrimary() Node {
	t := p.peek(ModeExpr)
	switch t.Kind {
	case Variable, Splat:
		p.next(ModeExpr)
		return &VarRef{span{t.Start, t.End}, t.Value, t.Kind == Splat}
	case StringSQ, StringDQ, HereSQ, HereDQ, Word:
		p.next(ModeExpr)
		return &StringLit{span{t.Start, t.End}, t}
	case Number:
		p.next(ModeExpr)
		return &NumberLit{span{t.Start, t.End}, t.Value}
	case LBracket:
		return p.parseTypeLit()
	case LParen, DollarParen, AtParen, AtBrace, LBrace:
	default:
		switch t.Kind {
		case EOF, Newline, Semi, RParen, RBrace, Pipe, AndAnd, OrOr, Comma:
			return &Bad{span{t.Start, t.Start}}
		}
		p.next(ModeExpr)
		return &Bad{span{t.Start, t.End}}
	}
	if !p.enter() {
		return p.skipNested()
	}
	defer p.leave()
	saved := p.noComma
	p.noComma = false
	defer func() { p.noComma = saved }()
	p.next(ModeExpr)
	switch t.Kind {
	case AtBrace:
		return p.parseHashBody(t)
	case LBrace:
		body := p.parseStatements(RBrace)
		end := p.closeWith(RBrace, t, "script block", "}")
		return &ScriptBlock{span{t.Start, end}, body}
	case LParen:
		p.skipNewlines(ModeArg)
		body := &Block{span: span{t.End, t.End}}
		if k := p.peek(ModeArg).Kind; k != RParen && k != EOF {
			if s := p.parseStatement(); s != nil {
				body.Stmts = append(body.Stmts, s)
				_, body.end = s.Span()
			}
			p.skipNewlines(ModeArg)
		}
		end := p.closeWith(RParen, t, "parenthesis", ")")
		return &SubExpr{span{t.Start, end}, LParen, body}
	}
	body := p.parseStatements(RParen)
	end := p.closeWith(RParen, t, "subexpression", ")")
	return &SubExpr{span{t.Start, end}, t.Kind, body}
}

// closeWith consumes the closer of what open opened and returns the end of the construct; when the
// closer is missing it records a problem at open.
func (p *parser) closeWith(k Kind, open Token, what, closer string) int {
	t := p.peek(ModeArg)
	if t.Kind == k {
		p.next(ModeArg)
		return t.End
	}
	if t.Kind == EOF {
		p.problemf(open.Start, "unterminated %s: close it with %s", what, closer)
	} else {
		p.problemf(open.Start, "%s is not closed with %s before %q", what, closer, p.lx.src[t.Start:t.End])
	}
	return t.Start
}

// parsePostfix parses member access, method calls and indexing written directly after x, with the
// null-conditional forms ?. and ?[ of PowerShell 7.1 read as the plain ones. In expression mode
// (expr) the member name may follow the . after white space, as PowerShell's parser allows; in
// argument mode a . before white space ends the argument.
func (p *parser) parsePostfix(x Node, expr bool) Node {
	for {
		_, end := x.Span()
		c, c1 := p.at(end), p.at(end+1)
		if c == '?' && (c1 == '.' && p.at(end+2) != '.' && p.memberStart(end+2) || c1 == '[') {
			if t := p.peek(ModeExpr); t.Start != end || t.Kind != Operator || t.Value != "?" {
				return x
			}
			p.next(ModeExpr) // the ?, so that the . or [ is read below
			end++
			c, c1 = c1, p.at(end+1)
		}
		switch {
		case c == '.' && c1 != '.' && (p.memberStart(end+1) || expr && p.memberAfterSpace(end+1)), c == ':' && c1 == ':':
			static := c == ':'
			if p.peek(ModeExpr).Start != end {
				return x
			}
			// Past the operator by hand: the lexer reads .5 as a number, where $h.1 is the member 1.
			p.have = false
			p.lx.pos = end + 1
			if static {
				p.lx.pos++
			}
			name := p.parseMemberName()
			s, _ := x.Span()
			_, e := name.Span()
			m := &Member{span{s, e}, x, name, static}
			switch p.at(e) {
			case '(':
				args, ae := p.parseCallArgs()
				x = &Invoke{span{s, ae}, m, args}
			case '{': // .Where{ ... }: a script block as the only argument
				block := p.parsePrimary()
				_, be := block.Span()
				x = &Invoke{span{s, be}, m, []Node{block}}
			default:
				x = m
			}
		case c == '[':
			if p.peek(ModeExpr).Start != end || p.peek(ModeExpr).Kind != LBracket {
				return x
			}
			if !p.enter() {
				return p.skipNested()
			}
			open := p.next(ModeExpr)
			p.skipNewlines(ModeExpr)
			saved := p.noComma
			p.noComma = false
			idx := p.parseExpr()
			p.noComma = saved
			p.skipNewlines(ModeExpr)
			e := end
			if t := p.peek(ModeExpr); t.Kind == RBracket {
				p.next(ModeExpr)
				e = t.End
			} else {
				p.problemf(open.Start, "index is not closed with ]")
			}
			p.leave()
			s, _ := x.Span()
			x = &Index{span{s, e}, x, idx}
		case (c == '+' && c1 == '+' || c == '-' && c1 == '-') && !p.isArgNext(end):
			t := p.next(ModeExpr)
			s, _ := x.Span()
			x = &Unary{span{s, t.End}, t.Value, x}
		default:
			return x
		}
	}
}

// isArgNext reports whether ++ or -- at i is followed by more of a word (argument mode text).
func (p *parser) isArgNext(i int) bool {
	r, _ := p.lx.rune(i + 2)
	return isNameChar(r)
}

// memberAfterSpace reports whether a member name starts at i after white space and line
// continuations. PowerShell also reads one after a newline ($x.<newline>Name); that is left out, so
// that a dangling . never takes the command on the next line as a member name.
func (p *parser) memberAfterSpace(i int) bool {
	j := i
	for {
		switch c := p.at(j); {
		case c == ' ' || c == '\t':
			j++
			continue
		case c == '`' && p.lx.newlineAt(j+1) > 0:
			j += 1 + p.lx.newlineAt(j+1)
			continue
		}
		return j > i && p.memberStart(j)
	}
}

// memberStart reports whether a member name can start at i: a name, a number, a variable, a
// subexpression or a parenthesized expression, a string.
func (p *parser) memberStart(i int) bool {
	r, _ := p.lx.rune(i)
	return isNameStart(r) || r >= '0' && r <= '9' || r == '$' || r == '(' || isSQuote(r) || isDQuote(r)
}

// parseMemberName parses what follows . or :: (spec 7.1.2: member-name is a simple name, a string
// literal, with or without subexpressions, or a value: $h.$name, $h.$($n), $h."a b", $h.(expr)).
func (p *parser) parseMemberName() Node {
	t := p.peek(ModeExpr)
	switch t.Kind {
	case Word, StringSQ, StringDQ:
		p.next(ModeExpr)
		return &StringLit{span{t.Start, t.End}, t}
	case Number:
		p.next(ModeExpr)
		return &NumberLit{span{t.Start, t.End}, t.Value}
	case Variable:
		p.next(ModeExpr)
		return &VarRef{span{t.Start, t.End}, t.Value, false}
	case LParen, DollarParen, AtParen:
		return p.parsePrimary()
	}
	p.problemf(t.Start, "member name missing after . or ::")
	return &Bad{span{t.Start, t.Start}}
}

// parseCallArgs parses a method call's parenthesized, comma-separated arguments.
func (p *parser) parseCallArgs() ([]Node, int) {
	if !p.enter() {
		n := p.skipNested()
		_, e := n.Span()
		return nil, e
	}
	defer p.leave()
	open := p.next(ModeExpr)
	saved := p.noComma
	p.noComma = true
	defer func() { p.noComma = saved }()
	var args []Node
	for {
		p.skipNewlines(ModeExpr)
		t := p.peek(ModeExpr)
		switch t.Kind {
		case RParen:
			p.next(ModeExpr)
			return args, t.End
		case EOF, RBrace:
			p.problemf(open.Start, "unterminated argument list: close it with )")
			return args, t.Start
		case Comma:
			p.next(ModeExpr)
			continue
		}
		before := p.offset()
		args = append(args, p.parseExpr())
		if p.offset() == before {
			p.skipNested()
		}
	}
}

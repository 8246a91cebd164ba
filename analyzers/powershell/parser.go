package powershell

import (
	"strings"
)

// parser builds the syntax tree from tokens it asks the lexer for, each in the mode its position
// needs. It never stops on bad input: what it cannot read becomes a Bad node and parsing goes on.
type parser struct {
	lx      *lexer
	tok     Token // the peeked token, when have
	have    bool
	mode    Mode // the mode tok was lexed in
	depth   int
	noComma bool // inside a method's argument list, where a comma separates arguments
	// notTernary holds the offsets of ? found to start no ternary (no : after the first branch),
	// so that no ? is tried twice: the statement after a failed one starts inside it.
	notTernary map[int]bool
}

// parse parses src[start:end] as a script. Offsets in the tree are offsets in src.
func parse(src []byte, start, end int) (*Block, []Problem) {
	p := &parser{lx: &lexer{src: src[:end], pos: start}}
	b := p.parseStatements(EOF) // reads to the end: stray closers are skipped
	b.start, b.end = start, end
	return b, p.lx.problems
}

func (p *parser) problemf(off int, format string, args ...any) { p.lx.problemf(off, format, args...) }

// peek returns the next token that is not a comment, lexed in mode m.
func (p *parser) peek(m Mode) Token {
	for {
		if p.have {
			if p.tok.Kind == Comment {
				p.have = false
				continue
			}
			if p.mode == m || !p.tok.Kind.modeSensitive() {
				return p.tok
			}
			p.lx.pos = p.tok.Start
		}
		p.tok, p.mode, p.have = p.lx.next(m), m, true
	}
}

func (p *parser) next(m Mode) Token {
	t := p.peek(m)
	p.have = false
	return t
}

// offset returns where the next token starts.
func (p *parser) offset() int {
	if p.have {
		return p.tok.Start
	}
	p.lx.skipSpace()
	return p.lx.pos
}

// at returns the byte at i, or 0 at the end.
func (p *parser) at(i int) byte { return p.lx.byteAt(i) }

func (p *parser) skipNewlines(m Mode) {
	for p.peek(m).Kind == Newline {
		p.next(m)
	}
}

// enter counts one level of nesting; beyond maxDepth it records a problem and returns false.
func (p *parser) enter() bool {
	if p.depth >= maxDepth {
		p.problemf(p.offset(), "code nested more than %d levels deep is not analyzed", maxDepth)
		return false
	}
	p.depth++
	return true
}

func (p *parser) leave() { p.depth-- }

// skipNested consumes the next token and, when it opens a bracket, everything up to the matching
// closer, without descending into it. It leaves a ) or } alone: an enclosing construct closes
// with it.
func (p *parser) skipNested() Node {
	t := p.next(ModeExpr)
	depth := 0
	switch t.Kind {
	case LParen, DollarParen, AtParen, AtBrace, LBrace, LBracket:
		depth = 1
	case EOF, RParen, RBrace:
		p.have, p.tok, p.mode = true, t, ModeExpr // the closer of an enclosing construct
		return &Bad{span{t.Start, t.Start}}
	}
	end := t.End
	for depth > 0 {
		u := p.next(ModeExpr)
		switch u.Kind {
		case EOF:
			return &Bad{span{t.Start, u.End}}
		case LParen, DollarParen, AtParen, AtBrace, LBrace, LBracket:
			depth++
		case RParen, RBrace, RBracket:
			depth--
		}
		end = u.End
	}
	return &Bad{span{t.Start, end}}
}

// skipSeparators skips newlines, semicolons, comments, and a stray && or || or | that no pipeline
// precedes.
func (p *parser) skipSeparators() {
	for {
		t := p.peekRaw()
		switch t {
		case '\n', '\r', ';':
			p.next(ModeArg)
			continue
		case '#':
			p.peek(ModeArg) // skips the comment
			continue
		case '<':
			if p.at(p.offset()+1) == '#' {
				p.peek(ModeArg)
				continue
			}
		case '&', '|':
			// && and || chain pipelines; a stray | or a trailing & ends one.
			if k := p.peek(ModeArg).Kind; k == AndAnd || k == OrOr || k == Pipe {
				p.next(ModeArg)
				continue
			}
		}
		return
	}
}

// peekRaw returns the first byte of the next token without lexing it, or 0 at the end.
func (p *parser) peekRaw() byte {
	off := p.offset()
	if off >= len(p.lx.src) {
		return 0
	}
	return p.lx.src[off]
}

// parseStatements parses statements up to close (RBrace, RParen or EOF), which it does not consume.
func (p *parser) parseStatements(close Kind) *Block {
	b := &Block{span: span{p.offset(), 0}}
	for {
		p.skipSeparators()
		c := p.peekRaw()
		if c == 0 && p.offset() >= len(p.lx.src) || c == ')' && close != EOF || c == '}' && close != EOF {
			break
		}
		if c == ')' || c == '}' { // a stray closer at the top level
			p.next(ModeArg)
			continue
		}
		before := p.offset()
		for _, s := range p.parseChain() { // the pipelines of a chain are statements of the list
			if pb, ok := s.(*paramBlock); ok {
				b.Params = append(b.Params, pb.Params...)
			} else if s != nil {
				b.Stmts = keep(b.Stmts, &b.Rest, s)
			}
		}
		if p.offset() == before {
			p.next(ModeArg) // make progress on a token no statement can start with
		}
	}
	b.end = p.offset()
	return b
}

// startsExpression decides, from the raw text, whether the statement or pipeline element at the
// current position is an expression rather than a command.
func (p *parser) startsExpression() bool {
	if p.have && !p.tok.Kind.modeSensitive() {
		switch p.tok.Kind {
		case Variable, Splat, StringSQ, StringDQ, HereSQ, HereDQ, LParen, DollarParen, AtParen, AtBrace, LBrace, Comma:
			return true
		}
		return false
	}
	off := p.offset()
	c := p.at(off)
	switch {
	case c == '$' || c == '(' || c == '[' || c == '\'' || c == '"' || c == '!' || c == '+' || c == '@' || c == '{' || c == '-' || c == ',':
		return true
	case isDigit(c):
		return true
	case c == '.':
		return isDigit(p.at(off + 1))
	case c >= 0x80:
		r, _ := p.lx.rune(off)
		return isSQuote(r) || isDQuote(r) || isDash(r)
	}
	return false
}

var keywords = map[string]bool{
	"if": true, "while": true, "do": true, "for": true, "foreach": true, "switch": true, "try": true,
	"trap": true, "function": true, "filter": true, "workflow": true, "return": true, "throw": true,
	"exit": true, "break": true, "continue": true, "param": true, "class": true, "enum": true,
	"using": true, "data": true,
}

// namedBlocks are the named blocks of a function body.
var namedBlocks = map[string]bool{"begin": true, "process": true, "end": true, "dynamicparam": true, "clean": true}

// rawAfter returns the first byte after i that is not a space or tab.
func (p *parser) rawAfter(i int) byte {
	for p.at(i) == ' ' || p.at(i) == '\t' {
		i++
	}
	return p.at(i)
}

// parseStatement parses one statement. A pipeline chain, a && b || c (PowerShell 7), is one
// statement: it comes back as a Try whose blocks hold the pipelines, which run in order, each after
// the one before succeeded (&&) or failed (||).
func (p *parser) parseStatement() Node {
	return chain(p.parseChain())
}

// chain returns the one node that runs stmts in order: nil, the statement, or a Try of them.
func chain(stmts []Node) Node {
	switch len(stmts) {
	case 0:
		return nil
	case 1:
		return stmts[0]
	}
	n := &Try{}
	for _, s := range stmts {
		n.Blocks = append(n.Blocks, &Block{span: spanOf(s), Stmts: []Node{s}})
	}
	n.start, _ = stmts[0].Span()
	_, n.end = stmts[len(stmts)-1].Span()
	return n
}

// parseChain parses a statement and, when it is a pipeline that && or || follows, the pipelines
// chained to it (spec of PowerShell 7: pipeline-chain: pipeline chain-operator new-lines:opt
// pipeline). It returns nothing for a statement that leaves nothing in the tree.
func (p *parser) parseChain() []Node {
	if !p.enter() {
		return []Node{p.skipNested()}
	}
	defer p.leave()
	s := p.parseSimpleStatement()
	if s == nil {
		return nil
	}
	stmts := []Node{s}
	if _, ok := s.(*Pipeline); !ok {
		return stmts // an assignment's value took the chain; other statements take none
	}
	for {
		// Raw bytes, as atPipe: lexing in argument mode after an expression could read a long
		// generic token only to read it again.
		off := p.offset()
		if c := p.at(off); (c != '&' && c != '|') || p.at(off+1) != c {
			return stmts
		}
		p.next(ModeArg)
		p.skipNewlines(ModeArg)
		if c := p.peekRaw(); c == 0 || c == ')' || c == '}' || c == ';' {
			return stmts
		}
		stmts = append(stmts, p.parsePipeline(nil))
	}
}

// parseSimpleStatement parses one statement that is not a pipeline chain.
func (p *parser) parseSimpleStatement() Node {
	for p.peekRaw() == ':' { // loop labels, which newlines may follow
		t := p.peek(ModeArg)
		if t.Kind != Word || !t.Verbatim || len(t.Value) < 2 {
			break
		}
		p.next(ModeArg)
		p.skipNewlines(ModeArg)
	}
	if p.startsExpression() {
		return p.parseExprStatement()
	}
	t := p.peek(ModeArg)
	if t.Kind == Word && t.Verbatim {
		kw := strings.ToLower(t.Value)
		if keywords[kw] {
			return p.parseKeyword(kw)
		}
		if namedBlocks[kw] && p.rawAfter(t.End) == '{' { // begin { } process { } end { }
			p.next(ModeArg)
			body := p.parseBody()
			return &Try{span{t.Start, body.end}, []*Block{body}}
		}
	}
	if t.Kind == Redirect {
		p.parseRedirect()
		return nil
	}
	return p.parsePipeline(nil)
}

func isAssignOp(op string) bool {
	switch op {
	case "=", "+=", "-=", "*=", "/=", "%=", "??=":
		return true
	}
	return false
}

// parseExprStatement parses an expression, then an assignment or the rest of a pipeline.
func (p *parser) parseExprStatement() Node {
	x := p.parseExpr()
	if t := p.peek(ModeExpr); t.Kind == Operator && isAssignOp(t.Value) {
		p.next(ModeExpr)
		p.skipNewlines(ModeArg)
		v := p.parseStatement()
		if v == nil {
			v = &Bad{span{t.End, t.End}}
		}
		s, _ := x.Span()
		_, e := v.Span()
		return &Assign{span{s, e}, x, t.Value, v}
	}
	return p.parsePipeline(x)
}

// parsePipeline parses pipeline elements joined by |; first, when not nil, is the first element.
func (p *parser) parsePipeline(first Node) Node {
	pl := &Pipeline{}
	for {
		el := first
		first = nil
		if el == nil {
			if p.startsExpression() {
				el = p.parseExpr()
			} else {
				el = p.parseCommand()
			}
		}
		pl.Elems = append(pl.Elems, el)
		pl.Out = false // only the last element's output goes to a file
		if cmd, ok := el.(*Command); ok {
			pl.Out = cmd.Out
		}
		for p.atRedirect() {
			pl.Out = p.parseRedirect() || pl.Out
		}
		if !p.atPipe() {
			break
		}
		p.next(ModeArg)
		p.skipNewlines(ModeArg)
		if c := p.peekRaw(); c == 0 || c == ')' || c == '}' || c == ';' {
			break
		}
	}
	pl.start, _ = pl.Elems[0].Span()
	_, pl.end = pl.Elems[len(pl.Elems)-1].Span()
	return pl
}

// atPipe and atRedirect look at the raw text: after an expression, lexing the next token in
// argument mode could read a long generic token only to read it again in expression mode.
func (p *parser) atPipe() bool {
	off := p.offset()
	return p.at(off) == '|' && p.at(off+1) != '|'
}

func (p *parser) atRedirect() bool {
	off := p.offset()
	c := p.at(off)
	if ('1' <= c && c <= '6' || c == '*') && p.at(off+1) == '>' {
		return true
	}
	return c == '>' || c == '<' && p.at(off+1) != '#'
}

// parseRedirect parses a redirection and its file; it reports whether it writes the success output
// to a file (> file, >> file, 1> file, *> file), not to another stream or from one.
func (p *parser) parseRedirect() (out bool) {
	t := p.next(ModeArg)
	if !strings.HasSuffix(t.Value, "&1") && !strings.HasSuffix(t.Value, "&2") {
		switch p.peek(ModeArg).Kind {
		case EOF, Newline, Semi, RParen, RBrace, Pipe:
		default:
			p.parseArgPrimary(false)
			v := strings.TrimLeft(t.Value, "1*")
			out = strings.HasPrefix(v, ">")
		}
	}
	return out
}

// parseCommand parses a command: its name (after & or . when present), then parameters and
// arguments up to the end of the pipeline element.
func (p *parser) parseCommand() Node {
	cmd := &Command{span: span{p.offset(), 0}}
	if t := p.peek(ModeArg); t.Kind == Amp || t.Kind == Dot {
		p.next(ModeArg)
		cmd.Call = map[Kind]string{Amp: "&", Dot: "."}[t.Kind]
	}
	cmd.Name = p.parseArgPrimary(false)
	_, cmd.end = cmd.Name.Span()
	positional := 0
loop:
	for {
		t := p.peek(ModeArg)
		switch t.Kind {
		case Newline:
			// DSC keywords take their body on the next line: Node localhost <newline> {.
			if positional == 1 && len(cmd.Elems) == 1 && cmd.Call == "" && p.onNextLine(LBrace) {
				continue
			}
			break loop
		case EOF, Semi, RParen, RBrace, Pipe, AndAnd, OrOr:
			break loop
		case Amp: // run in the background: ends the pipeline
			p.next(ModeArg)
			break loop
		case Redirect:
			cmd.Out = p.parseRedirect() || cmd.Out
			continue
		case Param:
			p.next(ModeArg)
			cp := &CmdParam{span: span{t.Start, t.End}, Name: t.Value, Colon: t.Colon, nameEnd: t.End}
			if t.Colon {
				switch p.peek(ModeArg).Kind {
				case EOF, Newline, Semi, RParen, RBrace, Pipe:
				default:
					cp.Arg = p.parseArg(false)
					_, cp.end = cp.Arg.Span()
				}
			}
			cmd.Elems = append(cmd.Elems, cp)
		case StopParsing:
			p.next(ModeArg)
			cmd.Elems = append(cmd.Elems, &StringLit{span{t.Start, t.End}, t})
		default:
			cmd.Elems = append(cmd.Elems, p.parseArg(positional > 0))
			positional++
		}
		_, cmd.end = cmd.Elems[len(cmd.Elems)-1].Span()
	}
	return cmd
}

// mark is a position of the parser to come back to.
type mark struct {
	tok      Token
	have     bool
	mode     Mode
	pos      int
	problems int
}

func (p *parser) mark() mark {
	return mark{p.tok, p.have, p.mode, p.lx.pos, len(p.lx.problems)}
}

// reset goes back to m, forgetting the problems recorded since.
func (p *parser) reset(m mark) {
	p.tok, p.have, p.mode = m.tok, m.have, m.mode
	p.lx.pos, p.lx.problems = m.pos, p.lx.problems[:m.problems]
}

// onNextLine reports whether the next token, past any newlines, is of kind k (a bracket, which
// lexes the same in both modes). It consumes the newlines when it reports true, else nothing.
func (p *parser) onNextLine(k Kind) bool {
	m := p.mark()
	for p.peek(ModeArg).Kind == Newline {
		p.next(ModeArg)
	}
	if p.peek(ModeArg).Kind == k {
		return true
	}
	p.reset(m)
	return false
}

// parseArg parses one argument in argument mode: a primary, or a comma list of them.
func (p *parser) parseArg(dsc bool) Node {
	first := p.parseArgPrimary(dsc)
	if p.peek(ModeArg).Kind != Comma {
		return first
	}
	arr := &ArrayLit{Elems: []Node{first}}
	for p.peek(ModeArg).Kind == Comma {
		p.next(ModeArg)
		p.skipNewlines(ModeArg)
		arr.add(p.parseArgPrimary(false))
	}
	arr.start, _ = first.Span()
	return arr
}

// parseArgPrimary parses one argument-mode value and the pieces written adjacent to it. dsc says
// that a { here may open the property list of a DSC resource rather than a script block.
func (p *parser) parseArgPrimary(dsc bool) Node {
	t := p.peek(ModeArg)
	var x Node
	switch t.Kind {
	case Word, StringSQ, StringDQ, HereSQ, HereDQ:
		p.next(ModeArg)
		x = &StringLit{span{t.Start, t.End}, t}
	case Variable, Splat:
		p.next(ModeArg)
		x = p.parsePostfix(&VarRef{span{t.Start, t.End}, t.Value, t.Kind == Splat}, false)
	case LParen, DollarParen, AtParen, AtBrace:
		x = p.parsePostfix(p.parsePrimary(), false)
	case Dot: // a lone . is an argument, the current directory: Get-ChildItem .
		p.next(ModeArg)
		t = Token{Kind: Word, Start: t.Start, End: t.End, Value: ".", ContentStart: t.Start, ContentEnd: t.End, Verbatim: true}
		x = &StringLit{span{t.Start, t.End}, t}
	case LBrace:
		if dsc {
			if h := p.tryDSCBody(); h != nil {
				return h
			}
		}
		x = p.parsePrimary()
	case EOF, Newline, Semi, RParen, RBrace, Pipe, AndAnd, OrOr:
		return &Bad{span{t.Start, t.Start}}
	default:
		p.next(ModeArg)
		return &Bad{span{t.Start, t.End}}
	}
	// The pieces written adjacent to x, with x first; nil while there are none.
	var parts []Node
	for last := x; ; {
		_, end := last.Span()
		switch c := p.at(end); c {
		case 0, ' ', '\t', '\r', '\n', ';', ',', '|', '&', ')', '}', '(', '{', '>', '<':
			goto done
		}
		u := p.peek(ModeArg)
		if u.Start != end {
			goto done
		}
		switch u.Kind {
		case Word, StringSQ, StringDQ, Param:
			p.next(ModeArg)
			if u.Kind == Param { // $x-suffix: the dash is text
				u = Token{Kind: Word, Start: u.Start, End: u.End, Value: string(p.lx.src[u.Start:u.End]), ContentStart: u.Start, ContentEnd: u.End, Verbatim: true}
			}
			last = &StringLit{span{u.Start, u.End}, u}
		case Variable:
			p.next(ModeArg)
			last = p.parsePostfix(&VarRef{span{u.Start, u.End}, u.Value, false}, false)
		case DollarParen:
			last = p.parsePrimary()
		default:
			goto done
		}
		if parts == nil {
			parts = []Node{x}
		}
		parts = append(parts, last)
	}
done:
	if parts == nil {
		return x
	}
	s, _ := parts[0].Span()
	_, e := parts[len(parts)-1].Span()
	return &Concat{span{s, e}, parts}
}

// tryDSCBody parses a { that opens a DSC resource's property list (`Resource Name { Key = value }`),
// recognized by its first token being a word followed by =. It returns nil, consuming nothing, for
// a script block.
func (p *parser) tryDSCBody() *Hashtable {
	open := p.peek(ModeArg)
	savedPos, savedProblems := open.End, len(p.lx.problems)
	p.have = false
	p.lx.pos = savedPos
	isDSC := false
	for {
		t := p.lx.next(ModeExpr)
		if t.Kind == Newline || t.Kind == Comment {
			continue
		}
		if t.Kind == Word {
			u := p.lx.next(ModeExpr)
			isDSC = u.Kind == Operator && u.Value == "="
		}
		break
	}
	p.lx.problems = p.lx.problems[:savedProblems]
	p.lx.pos = savedPos
	if !isDSC {
		p.tok, p.have, p.mode = open, true, ModeArg
		return nil
	}
	if !p.enter() {
		p.tok, p.have, p.mode = open, true, ModeArg
		return &Hashtable{span: spanOf(p.skipNested()), Keyword: true}
	}
	defer p.leave()
	h := p.parseHashBody(open)
	h.Keyword = true
	return h
}

// parseHashBody parses `key = statement` entries up to the closing brace; open is the token that
// opened the table, already consumed.
func (p *parser) parseHashBody(open Token) *Hashtable {
	h := &Hashtable{span: span{open.Start, 0}}
	saved := p.noComma
	p.noComma = false
	defer func() { p.noComma = saved }()
	for {
		for k := p.peek(ModeExpr).Kind; k == Newline || k == Semi; k = p.peek(ModeExpr).Kind {
			p.next(ModeExpr)
		}
		t := p.peek(ModeExpr)
		switch t.Kind {
		case RBrace:
			p.next(ModeExpr)
			h.end = t.End
			return h
		case EOF:
			p.problemf(open.Start, "unterminated hashtable: close it with }")
			h.end = t.End
			return h
		case RParen:
			p.problemf(open.Start, "hashtable is not closed with } before )")
			h.end = t.Start
			return h
		}
		key := p.parseUnary()
		if u := p.peek(ModeExpr); u.Kind != Operator || u.Value != "=" {
			// Not an entry: skip to the end of the line, and say so when that skips anything. (A
			// key alone is left unsaid: it stands for entries in code a template fills in, as in
			// @{ ${extra} } from Chef's @{ #{extra} }.)
			ks, _ := key.Span()
			skipped := false
			for k := p.peek(ModeExpr).Kind; k != Newline && k != Semi && k != RBrace && k != RParen && k != EOF; k = p.peek(ModeExpr).Kind {
				p.skipNested()
				skipped = true
			}
			if skipped {
				p.problemf(ks, "hashtable entry has no =: the rest of its line is not analyzed")
			}
			continue
		}
		p.next(ModeExpr)
		p.skipNewlines(ModeArg)
		v := p.parseStatement()
		if v == nil {
			v = &Bad{span{p.offset(), p.offset()}}
		}
		h.Keys = append(h.Keys, key)
		h.Values = append(h.Values, v)
	}
}

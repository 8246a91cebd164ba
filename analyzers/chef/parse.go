package chef

import "fmt"

// maxParseDepth bounds how deep expressions and blocks nest.
const maxParseDepth = 200

// parser builds a syntax tree from tokens by recursive descent. It knows Ruby's statement and
// block structure (every `end` finds its opener) but not operator precedence, which the extractor
// never needs. Each loop consumes a token or stops, so parsing is linear in the tokens.
type parser struct {
	lex      *lexer
	i        int // the next token is lex.toks[i]; the one before it is kept
	read     int // how many tokens were consumed
	depth    int
	noDo     bool            // a `do` belongs to the command or loop around, not to the call being parsed
	locals   map[string]bool // names assigned so far: `x [1]` indexes a local, `f [1]` calls f
	problems []Problem
	tooDeep  bool // a construct too deep to parse runs to the end of the file
	// deepReported is set once a construct too deep to parse is reported.
	deepReported bool
}

// Parse builds the syntax tree of Ruby source, lexing it as it goes, and returns the problems met.
// The tokens consumed are let go, and an array keeps its first assign.MaxAccounts elements (see
// Array.More): what a parse keeps does not grow with a long list.
func Parse(src []byte) ([]Node, []Problem) {
	p := newParser(src)
	return p.file(), p.problems
}

func newParser(src []byte) *parser {
	p := &parser{locals: map[string]bool{}}
	p.lex = newLexer(src, &p.problems)
	return p
}

// file parses the statements of the whole source.
func (p *parser) file() []Node {
	var out []Node
	for {
		out = append(out, p.stmts()...)
		t := p.peek()
		if t.Kind == EOF {
			return out
		}
		p.problemf(t.Start, "unexpected %s: nothing here opened it", describe(t))
		p.advance()
	}
}

func describe(t Token) string {
	switch t.Kind {
	case Ident, Op:
		return fmt.Sprintf("`%s`", t.Text)
	}
	return t.Kind.String()
}

func (p *parser) problemf(off int, format string, args ...any) {
	if p.tooDeep {
		return // the file is cut short: what is left open is no news
	}
	p.problems = append(p.problems, Problem{Offset: off, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) peek() Token { return p.peekAt(0) }

// peekAt returns the token n places after the next one (EOF past the end), lexing as far as that.
func (p *parser) peekAt(n int) Token {
	for p.i+n >= len(p.lex.toks) && p.lex.more() {
	}
	return p.lex.toks[min(p.i+n, len(p.lex.toks)-1)]
}

// compactAt is how many consumed tokens the parser lets go of at once.
const compactAt = 1024

func (p *parser) advance() Token {
	t := p.peek()
	if t.Kind == EOF {
		return t
	}
	p.i++
	p.read++
	if p.i > compactAt {
		n := copy(p.lex.toks, p.lex.toks[p.i-1:])
		clear(p.lex.toks[n:])
		p.lex.toks = p.lex.toks[:n]
		p.i = 1
	}
	return t
}

// prev returns the last token consumed, or a line end before the first.
func (p *parser) prev() Token {
	if p.i == 0 {
		return Token{Kind: Newline}
	}
	return p.lex.toks[p.i-1]
}

// prevEnd returns the end of the last token consumed.
func (p *parser) prevEnd() int { return p.prev().End }

func (p *parser) isOp(text string) bool {
	t := p.peek()
	return t.Kind == Op && t.Text == text
}

func (p *parser) isKeyword(text string) bool {
	t := p.peek()
	return t.Kind == Ident && t.Text == text
}

func (p *parser) skipNewlines() {
	for p.peek().Kind == Newline {
		p.advance()
	}
}

// skipMode says what construct a parse too deep to descend into skips.
type skipMode uint8

const (
	skipExpr  skipMode = iota // an expression: up to the end of its statement or a closer around it
	skipBody                  // a body whose opener was read: up to and including its `end`
	skipBrace                 // a brace block whose `{` was read: up to and including its `}`
)

// enter counts one level of nesting. Past maxParseDepth it reports the first time, skips the
// construct as mode says without descending into it, and returns false: what is nested deeper is
// not analyzed, what follows it is.
func (p *parser) enter(mode skipMode) bool {
	if p.depth < maxParseDepth {
		p.depth++
		return true
	}
	if !p.deepReported {
		p.problemf(p.peek().Start, "Ruby code nests more than %d levels deep here; what is nested deeper is not analyzed", maxParseDepth)
		p.deepReported = true
	}
	p.skip(mode)
	return false
}

// maxChain bounds the operands of one chain of binary operators or of method calls and indexes:
// the tree of a chain is as deep as it is long, and the extractor walks trees recursively.
const maxChain = 4096

// chain reports whether a chain that has n links may have another. Past maxChain it reports the
// first time and skips the rest of the expression.
func (p *parser) chain(n int) bool {
	if n < maxChain {
		return true
	}
	if !p.deepReported {
		p.problemf(p.peek().Start, "an expression chains more than %d operators or calls here; the rest of it is not analyzed", maxChain)
		p.deepReported = true
	}
	p.skip(skipExpr)
	return false
}

// blockOpeners are the keywords that open a construct closed by `end` wherever they are written;
// if, unless, while and until open one only where an operand may start (otherwise they are
// modifiers).
var blockOpeners = map[string]bool{"case": true, "for": true, "begin": true, "def": true, "class": true, "module": true, "do": true}

// skip consumes tokens as mode says, counting brackets and keyword constructs so that it stops
// where the construct does. Reaching the end of the file leaves the rest unreported: what is left
// open is no news.
func (p *parser) skip(mode skipMode) {
	depth := 0
	loopHead := false // a `do` after while, until or for on their line belongs to them
	prev := p.prev()
	for t := p.peek(); t.Kind != EOF; t = p.peek() {
		switch {
		case t.Kind == Newline:
			loopHead = false
			if depth == 0 && mode == skipExpr {
				return
			}
		case t.Kind == Op && (t.Text == "(" || t.Text == "[" || t.Text == "{"):
			depth++
		case t.Kind == Op && (t.Text == ")" || t.Text == "]" || t.Text == "}"):
			if depth == 0 {
				if mode == skipBrace && t.Text == "}" {
					p.advance()
				}
				return
			}
			depth--
		case t.Kind == Op && t.Text == "," && depth == 0 && mode == skipExpr:
			return
		case t.Kind != Ident:
		case t.Text == "end":
			if depth == 0 {
				if mode == skipBody {
					p.advance()
				}
				return
			}
			depth--
		case closers[t.Text] && depth == 0 && mode == skipExpr:
			return
		case t.Text == "do" && loopHead:
			loopHead = false
		case t.Text == "do" && depth == 0 && mode == skipExpr && p.noDo:
			return // the `do` of the loop or command around the expression
		case blockOpeners[t.Text]:
			depth++
			loopHead = t.Text == "for"
		case (t.Text == "if" || t.Text == "unless" || t.Text == "while" || t.Text == "until") && !valueEnd(prev):
			depth++
			loopHead = t.Text == "while" || t.Text == "until"
		}
		prev = p.advance()
	}
	p.tooDeep = true
}

func (p *parser) leave() { p.depth-- }

// compound makes a Compound of the non-nil children, ending where the parser is: the children are
// parsed before it is called.
func (p *parser) compound(kind string, start int, children ...Node) *Compound {
	c := &Compound{Kind: kind, Start: start, End: max(start, p.prevEnd())}
	for _, n := range children {
		if n != nil && !isNilNode(n) {
			c.Children = append(c.Children, n)
		}
	}
	return c
}

// isNilNode reports whether n is a typed nil pointer.
func isNilNode(n Node) bool {
	switch n := n.(type) {
	case *Call:
		return n == nil
	case *Block:
		return n == nil
	case *Compound:
		return n == nil
	}
	return false
}

// closers are the keywords that end a statement list.
var closers = map[string]bool{"end": true, "else": true, "elsif": true, "when": true, "in": true, "rescue": true, "ensure": true}

func isCloser(t Token) bool {
	switch t.Kind {
	case EOF:
		return true
	case Ident:
		return closers[t.Text]
	case Op:
		return t.Text == "}" || t.Text == ")" || t.Text == "]"
	}
	return false
}

// stmts parses statements up to a closer, which it leaves.
func (p *parser) stmts() []Node {
	var out []Node
	for {
		p.skipNewlines()
		if isCloser(p.peek()) {
			return out
		}
		before := p.read
		if n := p.stmt(); n != nil {
			out = append(out, n)
		}
		if p.read == before {
			p.advance() // a token no statement starts with (`then`, a stray `=>`)
		}
	}
}

// modifiers are the keywords that may follow a statement on its line.
var modifiers = map[string]bool{"if": true, "unless": true, "while": true, "until": true, "rescue": true}

func (p *parser) stmt() Node {
	n := p.expr()
	if n == nil {
		return nil
	}
	start, _ := n.Span()
	if p.isOp(",") { // a, b = 1, 2
		list := []Node{n}
		for p.isOp(",") {
			p.advance()
			list = append(list, p.ternary())
		}
		if p.isOp("=") {
			p.advance()
			p.skipNewlines()
			list = append(list, p.exprList()...)
		}
		n = p.compound("masgn", start, list...)
	}
	for t := p.peek(); t.Kind == Ident && modifiers[t.Text]; t = p.peek() {
		p.advance()
		n = p.compound("modifier", start, n, p.withNoDo(p.expr))
	}
	return n
}

// withNoDo parses with f where a `do` ends the expression (a loop condition, command arguments).
func (p *parser) withNoDo(f func() Node) Node {
	saved := p.noDo
	p.noDo = true
	n := f()
	p.noDo = saved
	return n
}

// withDo parses with f where a `do` opens a block again (inside brackets).
func (p *parser) withDo(f func()) {
	saved := p.noDo
	p.noDo = false
	f()
	p.noDo = saved
}

func (p *parser) exprList() []Node {
	out := []Node{p.expr()}
	for p.isOp(",") {
		p.advance()
		p.skipNewlines()
		out = append(out, p.expr())
	}
	return out
}

// expr parses an expression with `and` and `or`.
func (p *parser) expr() Node {
	if !p.enter(skipExpr) {
		return nil
	}
	defer p.leave()
	start := p.peek().Start
	n := p.notExpr()
	for p.isKeyword("and") || p.isKeyword("or") {
		p.advance()
		p.skipNewlines()
		n = p.compound("logical", start, n, p.notExpr())
	}
	return n
}

func (p *parser) notExpr() Node {
	if t := p.peek(); t.Kind == Ident && t.Text == "not" {
		p.advance()
		if !p.enter(skipExpr) {
			return nil
		}
		defer p.leave()
		return p.compound("not", t.Start, p.notExpr())
	}
	return p.assignment()
}

var assignOps = map[string]bool{"=": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true,
	"**=": true, "||=": true, "&&=": true, "|=": true, "&=": true, "^=": true, "<<=": true, ">>=": true}

func (p *parser) assignment() Node {
	lhs := p.ternary()
	t := p.peek()
	if lhs == nil || t.Kind != Op || !assignOps[t.Text] {
		return lhs
	}
	p.advance()
	p.skipNewlines()
	if c, ok := lhs.(*Call); ok && c.Bare {
		p.locals[c.Name] = true
	}
	if !p.enter(skipExpr) { // a = b = c = ...: each assignment nests the next
		return lhs
	}
	rhs := p.assignment()
	p.leave()
	if rhs == nil {
		rhs = &Compound{Kind: "missing", Start: p.prevEnd(), End: p.prevEnd()}
	}
	start, _ := lhs.Span()
	return &Assign{Target: lhs, Value: rhs, Op: t.Text, Start: start, End: p.prevEnd()}
}

func (p *parser) ternary() Node {
	n := p.binary()
	if n == nil || !p.isOp("?") {
		return n
	}
	start, _ := n.Span()
	p.advance()
	p.skipNewlines()
	a := p.ternary()
	p.skipNewlines()
	var b Node
	switch t := p.peek(); {
	case t.Kind == Op && t.Text == ":":
		p.advance()
		p.skipNewlines()
		b = p.ternary()
	case t.Kind == Symbol: // `c ? x :y` lexed as a symbol
		b = p.ternary()
	}
	return p.compound("ternary", start, n, a, b)
}

var binaryOps = map[string]bool{"||": true, "&&": true, "==": true, "!=": true, "===": true, "=~": true,
	"!~": true, "<": true, ">": true, "<=": true, ">=": true, "<=>": true, "|": true, "&": true, "^": true,
	"<<": true, ">>": true, "+": true, "-": true, "*": true, "/": true, "%": true, "**": true, "..": true, "...": true}

func (p *parser) binary() Node {
	n := p.unary()
	for operands := 1; n != nil; operands++ {
		t := p.peek()
		if t.Kind != Op || !binaryOps[t.Text] {
			break
		}
		if !p.chain(operands) {
			break
		}
		p.advance()
		p.skipNewlines()
		start, _ := n.Span()
		n = p.compound("binary", start, n, p.unary())
	}
	return n
}

var unaryOps = map[string]bool{"!": true, "-": true, "+": true, "~": true, "*": true, "**": true, "&": true, "..": true, "...": true}

func (p *parser) unary() Node {
	if !p.enter(skipExpr) {
		return nil
	}
	defer p.leave()
	t := p.peek()
	if t.Kind == Op && unaryOps[t.Text] || t.Kind == Ident && (t.Text == "not" || t.Text == "defined?") {
		p.advance()
		return p.compound("unary", t.Start, p.unary())
	}
	return p.postfix()
}

func (p *parser) postfix() Node {
	n := p.primary()
	for links := 1; n != nil; links++ {
		if !p.chain(links) {
			break
		}
		t := p.peek()
		if t.Kind == Newline { // a method chain continued on the next line: foo\n  .bar
			j := 0
			for p.peekAt(j).Kind == Newline {
				j++
			}
			if nt := p.peekAt(j); nt.Kind == Op && (nt.Text == "." || nt.Text == "&.") {
				for range j {
					p.advance()
				}
				t = nt
			}
		}
		switch {
		case t.Kind == Op && (t.Text == "." || t.Text == "&." || t.Text == "::"):
			p.advance()
			p.skipNewlines()
			name := p.peek()
			switch {
			case name.Kind == Ident || name.Kind == Const || name.Kind == Label:
				p.advance()
			case name.Kind == Op && name.Text == "(":
				name = Token{Kind: Ident, Text: "call", Start: name.Start, End: name.Start}
			case name.Kind == Op && t.Text != "::" && (binaryOps[name.Text] || name.Text == "!"):
				p.advance() // foo.+(1)
			default:
				return n
			}
			n = p.callRest(n, name)
		case t.Kind == Op && t.Text == "[" && !t.Space:
			p.advance()
			start, _ := n.Span()
			args, _ := p.argList("[", t.Start, "]")
			n = p.compound("index", start, append([]Node{n}, args...)...)
		default:
			return n
		}
	}
	return n
}

func (p *parser) primary() Node {
	t := p.peek()
	switch t.Kind {
	case String, Symbol, Words, Regexp, Number, Label:
		p.advance()
		return &Lit{Tok: t}
	case Var:
		p.advance()
		return &VarRef{Name: t.Text, Start: t.Start, End: t.End}
	case Const:
		p.advance()
		if p.isOp("(") && !p.peek().Space {
			return p.callRest(nil, t)
		}
		return &Call{Name: t.Text, NameStart: t.Start, NameEnd: t.End, Bare: true, Start: t.Start, End: t.End}
	case Ident:
		return p.keywordOrCall(t)
	case Op:
		switch t.Text {
		case "[":
			p.advance()
			elems, more := p.argList("[", t.Start, "]")
			return &Array{Elems: elems, More: more, Start: t.Start, End: p.prevEnd()}
		case "{":
			p.advance()
			entries, _ := p.argList("{", t.Start, "}")
			return p.compound("hash", t.Start, entries...)
		case "(":
			p.advance()
			var body []Node
			p.withDo(func() { body = p.stmts() })
			p.closeWith(")", t)
			return p.compound("paren", t.Start, body...)
		case "->":
			p.advance()
			return p.lambda(t)
		case "::":
			p.advance()
			if c := p.peek(); c.Kind == Const || c.Kind == Ident {
				p.advance()
				return p.callRest(nil, c)
			}
		}
	}
	return nil
}

// closeWith consumes the closing token of a construct opened by open, or records that it is missing.
func (p *parser) closeWith(close string, open Token) {
	if p.isOp(close) {
		p.advance()
		return
	}
	p.problemf(open.Start, "`%s` is never closed with `%s`", open.Text, close)
}

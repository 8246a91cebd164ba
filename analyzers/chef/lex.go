package chef

import (
	"bytes"
	"fmt"
	"strings"
)

// maxInterpDepth bounds how deep string interpolations nest.
const maxInterpDepth = 64

// lexer turns Ruby source into tokens. Every byte is read once (a heredoc body once more to measure
// its indentation), so lexing is linear in the source.
type lexer struct {
	src      []byte
	pos      int
	limit    int // the lexer stops here: the end of the source, or of the heredoc body it reads
	toks     []Token
	space    bool
	problems *[]Problem
	pending  *[]heredoc // heredocs whose bodies start at the next line end
	depth    int        // interpolation nesting
	ended    bool       // the EOF token is made
}

// newLexer returns a lexer of the whole source that records its problems in problems.
func newLexer(src []byte, problems *[]Problem) *lexer {
	var pending []heredoc
	return &lexer{src: src, limit: len(src), problems: problems, pending: &pending}
}

// Lex splits Ruby source into tokens, ending with an EOF token, and returns the problems met.
// Parse reads the tokens as it needs them instead.
func Lex(src []byte) ([]Token, []Problem) {
	var problems []Problem
	l := newLexer(src, &problems)
	for l.more() {
	}
	return l.toks, problems
}

// more lexes the source until it appends a token to l.toks, and reports whether the source goes
// on: false once the EOF token is appended. A heredoc's token is appended before the line end
// that reads its body (into the Str the token points to).
func (l *lexer) more() bool {
	if l.ended {
		return false
	}
	n := len(l.toks)
	for l.pos < l.limit {
		l.step(false, nil)
		if len(l.toks) > n {
			return true
		}
	}
	if len(*l.pending) > 0 {
		l.heredocBodies()
	}
	l.toks = append(l.toks, Token{Kind: EOF, Start: len(l.src), End: len(l.src)})
	l.ended = true
	return false
}

func (l *lexer) problemf(off int, format string, args ...any) {
	*l.problems = append(*l.problems, Problem{Offset: off, Message: fmt.Sprintf(format, args...)})
}

func (l *lexer) emit(k Kind, text string, start int) *Token {
	l.toks = append(l.toks, Token{Kind: k, Text: text, Start: start, End: l.pos, Space: l.space})
	l.space = false
	return &l.toks[len(l.toks)-1]
}

func (l *lexer) at(i int) byte {
	if i >= 0 && i < l.limit {
		return l.src[i]
	}
	return 0
}

func (l *lexer) atLineStart() bool { return l.pos == 0 || l.src[l.pos-1] == '\n' }

// interpolationBody lexes up to the `}` that closes an interpolation and returns whether it was
// found; l.pos is then just after it.
func (l *lexer) interpolationBody() bool {
	braces := 0
	for l.pos < l.limit {
		if l.step(true, &braces) {
			return true
		}
	}
	return false
}

// step lexes what starts at l.pos: blanks, a comment, a line end or a token. With closeBrace it
// counts the braces opened in *braces and returns true at the `}` that closes the interpolation;
// l.pos is then just after it.
func (l *lexer) step(closeBrace bool, braces *int) bool {
	c := l.src[l.pos]
	switch {
	case c == '\n' || c == '\r' && l.at(l.pos+1) == '\n':
		start := l.pos
		if c == '\r' {
			l.pos++
		}
		l.pos++
		l.newline(start)
	case c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == 0:
		l.pos++
		l.space = true
	case c == '\\' && (l.at(l.pos+1) == '\n' || l.at(l.pos+1) == '\r' && l.at(l.pos+2) == '\n'):
		l.pos += 2
		if l.src[l.pos-1] == '\r' {
			l.pos++
		}
		l.space = true
	case c == '#':
		for l.pos < l.limit && l.src[l.pos] != '\n' {
			l.pos++
		}
	case c == '=' && l.atLineStart() && l.wordAt("=begin"):
		l.blockComment()
	case c == '_' && l.atLineStart() && l.wordAt("__END__"):
		l.pos = l.limit
	case isIdentStart(c):
		l.ident()
	case c >= '0' && c <= '9':
		l.number()
	case c == '"' || c == '`':
		l.quoted(String, c, c, modeDouble)
	case c == '\'':
		l.quoted(String, c, c, modeSingle)
	case c == ':':
		l.colon()
	case c == '@' || c == '$':
		l.variable()
	case c == '%' && l.percent():
	case c == '/' && l.literalAllowed(1):
		l.quoted(Regexp, '/', '/', modeDouble)
		for l.pos < l.limit && isLetter(l.src[l.pos]) {
			l.pos++
		}
		l.toks[len(l.toks)-1].End = l.pos
	case c == '<' && l.heredocOpener():
	case c == '?' && l.charLiteral():
	case c == '{' && closeBrace:
		*braces++
		l.operator()
	case c == '}' && closeBrace:
		if *braces == 0 {
			l.pos++
			return true
		}
		*braces--
		l.operator()
	case c == ';':
		l.pos++
		l.emit(Newline, ";", l.pos-1)
	default:
		l.operator()
	}
	return false
}

// wordAt reports whether s starts at l.pos and is followed by a blank, a line end or the end.
func (l *lexer) wordAt(s string) bool {
	if !bytes.HasPrefix(l.src[l.pos:l.limit], []byte(s)) {
		return false
	}
	c := l.at(l.pos + len(s))
	return c == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// newline ends a line: it emits a Newline token and reads the bodies of the heredocs opened on it.
func (l *lexer) newline(start int) {
	if n := len(l.toks); n > 0 && l.toks[n-1].Kind != Newline {
		l.toks = append(l.toks, Token{Kind: Newline, Text: "\n", Start: start, End: l.pos})
	}
	l.space = true
	if len(*l.pending) > 0 {
		l.heredocBodies()
	}
}

func (l *lexer) blockComment() {
	start := l.pos
	for l.pos < l.limit {
		if l.atLineStart() && l.wordAt("=end") {
			for l.pos < l.limit && l.src[l.pos] != '\n' {
				l.pos++
			}
			return
		}
		l.pos++
	}
	l.problemf(start, "=begin comment is never closed with =end")
}

func isLetter(c byte) bool     { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentStart(c byte) bool { return isLetter(c) || c == '_' || c >= 0x80 }
func isIdentChar(c byte) bool  { return isIdentStart(c) || c >= '0' && c <= '9' }
func isAlnum(c byte) bool      { return isLetter(c) || c >= '0' && c <= '9' }
func isDelimiter(c byte) bool  { return c > ' ' && c < 0x7f && !isAlnum(c) }
func lastOf(ts []Token) *Token { return &ts[len(ts)-1] }

func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

// closing returns the delimiter that closes a bracket, or 0 for a delimiter that closes itself.
func closing(open byte) byte {
	switch open {
	case '(':
		return ')'
	case '[':
		return ']'
	case '{':
		return '}'
	case '<':
		return '>'
	}
	return 0
}

func (l *lexer) ident() {
	start := l.pos
	for l.pos < l.limit && isIdentChar(l.src[l.pos]) {
		l.pos++
	}
	if c := l.at(l.pos); (c == '?' || c == '!') && l.at(l.pos+1) != '=' {
		l.pos++
	}
	name := string(l.src[start:l.pos])
	if l.at(l.pos) == ':' && l.at(l.pos+1) != ':' && !l.afterTernary() {
		l.pos++
		l.emit(Label, name, start)
		return
	}
	k := Ident
	if name[0] >= 'A' && name[0] <= 'Z' {
		k = Const
	}
	l.emit(k, name, start)
}

// afterTernary reports whether the last token is a ternary `?`, after which `a:` is not a label.
func (l *lexer) afterTernary() bool {
	return len(l.toks) > 0 && lastOf(l.toks).Kind == Op && lastOf(l.toks).Text == "?"
}

func (l *lexer) number() {
	start := l.pos
	for l.pos < l.limit {
		c := l.src[l.pos]
		switch {
		case isAlnum(c) || c == '_':
			l.pos++
		case c == '.' && l.at(l.pos+1) >= '0' && l.at(l.pos+1) <= '9':
			l.pos++
		case (c == '+' || c == '-') && (l.src[l.pos-1] == 'e' || l.src[l.pos-1] == 'E') && l.at(l.pos+1) >= '0' && l.at(l.pos+1) <= '9':
			l.pos++
		default:
			l.emit(Number, "", start)
			return
		}
	}
	l.emit(Number, "", start)
}

// quoted lexes a literal from its opening delimiter at l.pos.
func (l *lexer) quoted(k Kind, open, close byte, mode strMode) {
	start := l.pos
	l.pos++
	s, ok := l.scan(l.limit, open, close, mode, 0)
	if !ok {
		l.problemf(start, "%s starting here is never closed with %c", k, close)
	}
	t := l.emit(k, "", start)
	t.Str = s
	if k == Symbol && s.Verbatim {
		t.Text = string(l.src[s.Start:s.End])
	}
}

func (l *lexer) colon() {
	start := l.pos
	switch c := l.at(l.pos + 1); {
	case c == ':':
		l.pos += 2
		l.emit(Op, "::", start)
	case c == '"' || c == '\'':
		l.pos++
		mode := modeDouble
		if c == '\'' {
			mode = modeSingle
		}
		l.quoted(Symbol, c, c, mode)
		lastOf(l.toks).Start = start
	case isIdentStart(c):
		l.pos++
		for l.pos < l.limit && isIdentChar(l.src[l.pos]) {
			l.pos++
		}
		if c := l.at(l.pos); c == '?' || c == '!' || c == '=' && l.at(l.pos+1) != '=' && l.at(l.pos+1) != '>' && l.at(l.pos+1) != '~' {
			l.pos++
		}
		l.emit(Symbol, string(l.src[start+1:l.pos]), start)
	case l.operatorSymbol():
	default:
		l.pos++
		l.emit(Op, ":", start)
	}
}

// symbolOperators are the operators a symbol may name (:+, :[]=, :<=>), longest first.
var symbolOperators = []string{"[]=", "<=>", "===", "**", "==", "!=", "=~", "!~", "<=", ">=", "<<", ">>",
	"+@", "-@", "[]", "+", "-", "*", "/", "%", "<", ">", "!", "&", "|", "^", "~", "`"}

// operatorSymbol lexes a symbol naming an operator at l.pos (a colon) where an operand is expected.
func (l *lexer) operatorSymbol() bool {
	if len(l.toks) > 0 && valueEnd(*lastOf(l.toks)) && (lastOf(l.toks).Kind != Ident || !l.space) {
		return false
	}
	rest := l.src[l.pos+1 : l.limit]
	for _, op := range symbolOperators {
		if bytes.HasPrefix(rest, []byte(op)) {
			start := l.pos
			l.pos += 1 + len(op)
			l.emit(Symbol, op, start)
			return true
		}
	}
	return false
}

func (l *lexer) variable() {
	start := l.pos
	l.pos++
	if l.src[start] == '@' && l.at(l.pos) == '@' {
		l.pos++
	}
	switch c := l.at(l.pos); {
	case isIdentChar(c):
		for l.pos < l.limit && isIdentChar(l.src[l.pos]) {
			l.pos++
		}
	case l.src[start] == '$' && c != 0 && isDelimiter(c):
		l.pos++ // $!, $:, $~ and friends
	default:
		l.pos = start + 1
		l.emit(Op, string(l.src[start]), start)
		return
	}
	l.emit(Var, string(l.src[start:l.pos]), start)
}

// literalAllowed reports whether an operator character at l.pos that may also open a literal (/, %,
// <<, ?) opens one: where an operand is expected, or as the first argument of a command (`puts /x/`,
// `code <<~EOS`), written after a blank and not followed by one. width is the operator's length.
func (l *lexer) literalAllowed(width int) bool {
	if len(l.toks) == 0 {
		return true
	}
	if prev := lastOf(l.toks); prev.Kind == Ident && prev.Text == "def" || prev.Kind == Op && (prev.Text == "." || prev.Text == "&.") {
		return false // a method name: def /(x), a./(b)
	}
	if !valueEnd(*lastOf(l.toks)) {
		return true
	}
	next := l.at(l.pos + width)
	return lastOf(l.toks).Kind == Ident && l.space && next != 0 && !isBlank(next) && next != '='
}

// percent lexes a %-literal (%w[], %q(), %Q{}, %(), %i[], %r{}, %s(), %x()) when one starts at l.pos.
func (l *lexer) percent() bool {
	kind, p := byte('Q'), l.pos+1
	switch c := l.at(p); {
	case strings.IndexByte("qQwWiIrsx", c) >= 0 && isDelimiter(l.at(p+1)):
		kind, p = c, p+1
	case c == 0 || strings.IndexByte("([{<|!/^", c) < 0:
		return false
	}
	if !l.literalAllowed(p - l.pos) {
		return false
	}
	start, open := l.pos, l.src[p]
	close := closing(open)
	if close == 0 {
		close = open
	}
	l.pos = p + 1
	var s *Str
	var ok bool
	k := String
	switch kind {
	case 'w', 'W', 'i', 'I':
		s, ok = l.words(open, close)
		k = Words
	case 'q':
		s, ok = l.scan(l.limit, open, close, modeSingle, 0)
	case 's':
		s, ok = l.scan(l.limit, open, close, modeSingle, 0)
		k = Symbol
	case 'r':
		s, ok = l.scan(l.limit, open, close, modeDouble, 0)
		for l.pos < l.limit && isLetter(l.src[l.pos]) {
			l.pos++
		}
		k = Regexp
	default:
		s, ok = l.scan(l.limit, open, close, modeDouble, 0)
	}
	if !ok {
		l.problemf(start, "%%%c literal starting here is never closed with %c", kind, close)
	}
	t := l.emit(k, "", start)
	t.Str = s
	if k == Symbol && s.Verbatim {
		t.Text = string(l.src[s.Start:s.End])
	}
	return true
}

// charLiteral lexes ?c, a one-character string, where an operand is expected.
func (l *lexer) charLiteral() bool {
	c := l.at(l.pos + 1)
	if len(l.toks) > 0 && valueEnd(*lastOf(l.toks)) || c == 0 || isBlank(c) {
		return false
	}
	width := 2
	if c == '\\' && l.at(l.pos+2) != 0 {
		width = 3
	}
	if isIdentChar(l.at(l.pos + width)) {
		return false
	}
	start := l.pos
	l.pos++
	s, _ := l.scan(start+width, 0, 0, modeDouble, 0)
	t := l.emit(String, "", start)
	t.Str = s
	return true
}

// operators, longest first within each first character.
var operators = []string{
	"**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=",
	"&.", "**", "==", "!=", ">=", "<=", "&&", "||", "<<", ">>", "=~", "!~", "+=", "-=", "*=", "/=",
	"%=", "|=", "&=", "^=", "..", "::", "=>", "->",
}

// operatorStarts are the first characters of the operators longer than one character.
const operatorStarts = "*<=.>&|!+-/%^:"

func (l *lexer) operator() {
	start := l.pos
	if strings.IndexByte(operatorStarts, l.src[l.pos]) < 0 {
		l.pos++
		l.emit(Op, string(l.src[start]), start)
		return
	}
	rest := l.src[l.pos:l.limit]
	for _, op := range operators {
		if bytes.HasPrefix(rest, []byte(op)) {
			l.pos += len(op)
			l.emit(Op, op, start)
			return
		}
	}
	l.pos++
	l.emit(Op, string(l.src[start]), start)
}

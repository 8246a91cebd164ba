package mof

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/value"
)

// Kind is the kind of a MOF token.
type Kind uint8

// Token kinds.
const (
	EOF    Kind = iota
	Ident       // identifiers and keywords: instance, of, as, class, True, Null
	Alias       // $name
	String      // "...", its escapes read
	Char        // 'c'
	Number
	Pragma // #pragma
	Op     // { } ( ) [ ] ; , = :
)

var kindNames = [...]string{"end of file", "identifier", "alias", "string", "character", "number", "#pragma", "punctuation"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "token"
}

// Token is one MOF token with its byte offsets in the source.
type Token struct {
	Kind       Kind
	Text       string     // an identifier, alias (with $), pragma, number or punctuation
	Start, End int        // the token as written, quotes included
	Value      value.Text // a string's characters, each mapped to the source
	Verbatim   bool       // a string without escapes
}

// Problem is a place where the source is not MOF as privlint reads it.
type Problem struct {
	Offset  int
	Message string
}

type lexer struct {
	src      []byte
	pos      int
	problems *[]Problem // shared with the parser, so that problems are listed as they are met
}

// Lex splits MOF source into tokens, ending with an EOF token. Line ends of any kind (CRLF, LF, a
// bare CR) are blanks. Every byte is read once. Parse reads the tokens as it needs them instead.
func Lex(src []byte) ([]Token, []Problem) {
	var problems []Problem
	l := &lexer{src: src, problems: &problems}
	var toks []Token
	for {
		t := l.next()
		toks = append(toks, t)
		if t.Kind == EOF {
			return toks, problems
		}
	}
}

// next returns the next token, or EOF at the end of the source.
func (l *lexer) next() Token {
	for l.pos < len(l.src) {
		if t, ok := l.token(); ok {
			return t
		}
	}
	return Token{Kind: EOF, Start: len(l.src), End: len(l.src)}
}

func (l *lexer) problemf(off int, format string, args ...any) {
	*l.problems = append(*l.problems, Problem{Offset: off, Message: fmt.Sprintf(format, args...)})
}

func (l *lexer) at(i int) byte {
	if i < len(l.src) {
		return l.src[i]
	}
	return 0
}

func (l *lexer) emit(k Kind, start int) Token {
	return Token{Kind: k, Text: string(l.src[start:l.pos]), Start: start, End: l.pos}
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}
func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// token reads what starts at l.pos: a token, or blanks or a comment (ok is false).
func (l *lexer) token() (t Token, ok bool) {
	start := l.pos
	c := l.src[l.pos]
	switch {
	case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' || c == 0:
		l.pos++
		return Token{}, false
	case c == '/' && l.at(l.pos+1) == '/':
		for l.pos < len(l.src) && l.src[l.pos] != '\n' && l.src[l.pos] != '\r' {
			l.pos++
		}
		return Token{}, false
	case c == '/' && l.at(l.pos+1) == '*':
		end := bytes.Index(l.src[l.pos+2:], []byte("*/"))
		if end < 0 {
			l.problemf(start, "comment /* is never closed with */")
			l.pos = len(l.src)
			return Token{}, false
		}
		l.pos += end + 4
		return Token{}, false
	case isIdentStart(c) || c == '$' && isIdentStart(l.at(l.pos+1)) || c == '#' && isIdentStart(l.at(l.pos+1)):
		l.pos++
		for l.pos < len(l.src) && isIdentChar(l.src[l.pos]) {
			l.pos++
		}
		switch c {
		case '$':
			return l.emit(Alias, start), true
		case '#':
			return l.emit(Pragma, start), true
		}
		return l.emit(Ident, start), true
	case c >= '0' && c <= '9' || (c == '-' || c == '+' || c == '.') && l.at(l.pos+1) >= '0' && l.at(l.pos+1) <= '9':
		l.pos++
		for l.pos < len(l.src) && (isIdentChar(l.src[l.pos]) || l.src[l.pos] == '.' || (l.src[l.pos] == '-' || l.src[l.pos] == '+') && (l.src[l.pos-1]|0x20) == 'e') {
			l.pos++
		}
		return l.emit(Number, start), true
	case c == '"' || c == '\'':
		return l.quoted(c), true
	}
	l.pos++
	return l.emit(Op, start), true
}

// quoted lexes a string or character literal from its quote at l.pos, reading its escapes.
func (l *lexer) quoted(q byte) Token {
	start := l.pos
	l.pos++
	var b value.Builder
	verbatim := true
	for {
		if l.pos >= len(l.src) || l.src[l.pos] == '\n' || l.src[l.pos] == '\r' {
			what := "string"
			if q == '\'' {
				what = "character literal"
			}
			l.problemf(start, "%s starting here is never closed with %c", what, q)
			break
		}
		c := l.src[l.pos]
		if c == q {
			l.pos++
			break
		}
		if c != '\\' || l.pos+1 >= len(l.src) {
			b.Byte(c, l.pos, l.pos+1, false)
			l.pos++
			continue
		}
		verbatim = false
		l.escape(&b)
	}
	k := String
	if q == '\'' {
		k = Char
	}
	return Token{Kind: k, Start: start, End: l.pos, Value: b.Done(l.pos), Verbatim: verbatim}
}

// escape reads the escape at l.pos: \b \t \n \f \r \" \' \\ and \x or \X with up to four hex digits.
func (l *lexer) escape(b *value.Builder) {
	start := l.pos
	c := l.src[l.pos+1]
	l.pos += 2
	out := func(s string) {
		for i := range len(s) {
			b.Byte(s[i], start, l.pos, false)
		}
	}
	switch c {
	case 'b':
		out("\b")
	case 't':
		out("\t")
	case 'n':
		out("\n")
	case 'f':
		out("\f")
	case 'r':
		out("\r")
	case 'x', 'X':
		d := l.pos
		for l.pos < len(l.src) && l.pos-d < 4 && isHex(l.src[l.pos]) {
			l.pos++
		}
		if v, err := strconv.ParseUint(string(l.src[d:l.pos]), 16, 32); err == nil {
			out(string(utf8.AppendRune(nil, rune(v))))
		}
	default:
		out(string(c))
	}
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

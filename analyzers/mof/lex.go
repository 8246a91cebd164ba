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
	// openFrom and openTo are the quote of the last string found unclosed and where it stopped.
	openFrom, openTo int
	// declFrom and declTo remember the last answer of nextDecl.
	declFrom, declTo int
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
	end, closed := l.closing(q)
	if !closed {
		what := "string"
		if q == '\'' {
			what = "character literal"
		}
		l.problemf(start, "%s starting here is never closed with %c", what, q)
	}
	l.pos++
	var b value.Builder
	verbatim := true
	for l.pos < end {
		c := l.src[l.pos]
		if c != '\\' || l.pos+1 >= end {
			b.Byte(c, l.pos, l.pos+1, false)
			l.pos++
			continue
		}
		verbatim = false
		l.escape(&b)
	}
	if closed {
		l.pos++
	}
	k := String
	if q == '\'' {
		k = Char
	}
	return Token{Kind: k, Start: start, End: l.pos, Value: b.Done(l.pos), Verbatim: verbatim}
}

// closing finds the end of the literal whose quote q is at l.pos: the offset of its closing quote,
// or, for one never closed, of its first line end (or the end of the source). A string may run over
// line ends (Carbon's schema files break qualifier strings), but never into a line that starts a
// declaration (see declAt): a quote never closed would swallow the declarations after it. The
// stretch a string was found unclosed over is remembered: a quote in it was escaped there, so a
// string it opens (read after a bad construct) is unclosed too, and is not read through again.
func (l *lexer) closing(q byte) (end int, closed bool) {
	if q == '"' && (l.pos <= l.openFrom || l.pos >= l.openTo) {
		i := l.pos + 1
	scan:
		for ; i < len(l.src); i++ {
			switch l.src[i] {
			case '\\':
				i++
			case '\n', '\r':
				if _, ok := l.declAt(i + 1); ok {
					break scan
				}
			case '"':
				return i, true
			}
		}
		l.openFrom, l.openTo = l.pos, i
	}
	for i := l.pos + 1; i < len(l.src); i++ {
		switch l.src[i] {
		case '\\':
			i++
		case '\n', '\r':
			return i, false
		case q:
			return i, true
		}
	}
	return len(l.src), false
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

// nextDecl returns the offset of the first declaration (see declAt) written at the start of a line
// after the one holding off, outside block comments; len(src) when there is none. Reading resumes
// there after a declaration that cannot be read. The last answer is remembered, so that the
// declarations of one run of bad ones are looked for once.
func (l *lexer) nextDecl(off int) int {
	if off >= l.declFrom && off < l.declTo {
		return l.declTo
	}
	to := len(l.src)
	for i := off; i < len(l.src); i++ {
		c := l.src[i]
		if c == '/' && l.at(i+1) == '*' {
			end := bytes.Index(l.src[i+2:], []byte("*/"))
			if end < 0 {
				break
			}
			i += end + 3
			continue
		}
		if c != '\n' && c != '\r' {
			continue
		}
		if at, ok := l.declAt(i + 1); ok {
			to = at
			break
		}
	}
	l.declFrom, l.declTo = off, to
	return to
}

// declAt reports whether the line starting at i starts a declaration: `instance of` or `class Name`
// after blanks, in any case. It returns the offset of the keyword.
func (l *lexer) declAt(i int) (int, bool) {
	j := l.skipBlanks(i)
	if k, ok := l.word(j, "instance"); ok {
		_, ok := l.word(k, "of")
		return j, ok
	}
	k, ok := l.word(j, "class")
	return j, ok && k > j+len("class") && k < len(l.src) && isIdentStart(l.src[k])
}

// skipBlanks returns the offset of the first byte from i that is not a space or a tab.
func (l *lexer) skipBlanks(i int) int {
	for i < len(l.src) && (l.src[i] == ' ' || l.src[i] == '\t') {
		i++
	}
	return i
}

// word reports whether the keyword w (in any case) is written at i, not followed by an identifier
// character, and returns the offset after it and the blanks after that.
func (l *lexer) word(i int, w string) (int, bool) {
	end := i + len(w)
	if end > len(l.src) || !bytes.EqualFold(l.src[i:end], []byte(w)) || end < len(l.src) && isIdentChar(l.src[end]) {
		return 0, false
	}
	return l.skipBlanks(end), true
}

package puppet

import (
	"bytes"
	"fmt"
	"strings"

	vtext "github.com/privlint/privlint/analyzers/value"
)

// Kind is the kind of a Puppet token.
type Kind uint8

// Token kinds.
const (
	EOF    Kind = iota
	Name        // a bare word: resource types, attributes, keywords, `present`
	Type        // a capitalized word: File, Local_security_policy
	Var         // $name, $::name, $mod::name
	String      // '...', "...", heredocs
	Number
	Regexp
	Op
)

var kindNames = [...]string{"end of file", "name", "type", "variable", "string", "number", "regular expression", "operator"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "token"
}

// Token is one Puppet token with its byte offsets in the source.
type Token struct {
	Kind       Kind
	Text       string // the word, variable name (without $) or operator
	Start, End int    // the token as written; for a heredoc, its opener @(TAG)
	Str        *Str   // the value of a String
}

// Str is the value of a string literal: its characters, each mapped to the source, with the bytes
// of interpolations privlint has not resolved yet kept as Interps.
type Str struct {
	Parts      []Part
	Start, End int  // the content: between the quotes, or a heredoc's body
	Verbatim   bool // the value is the source text of the content, unchanged
}

// Part is a run of literal characters or one interpolation: ${expr} or $name.
type Part struct {
	Lit        vtext.Text
	Interp     bool
	Start, End int    // the interpolation as written
	Name       string // the variable an interpolation names, when it names only one
}

// Problem is a place where the source is not Puppet as privlint reads it.
type Problem struct {
	Offset  int
	Message string
}

type lexer struct {
	src      []byte
	pos      int
	toks     []Token
	problems []Problem
	pending  []heredoc
}

type heredoc struct {
	str     *Str
	opener  int
	tag     string
	interp  bool // the tag is quoted: the body interpolates
	escapes bool // the opener lists escapes (/tn...): the body reads them
}

// Lex splits Puppet source into tokens, ending with an EOF token, and returns the problems met.
// Every byte is read once (a heredoc body once more for its margin), so lexing is linear.
func Lex(src []byte) ([]Token, []Problem) {
	l := &lexer{src: src}
	for l.pos < len(src) {
		l.next()
	}
	l.bodies()
	l.toks = append(l.toks, Token{Kind: EOF, Start: len(src), End: len(src)})
	return l.toks, l.problems
}

func (l *lexer) problemf(off int, format string, args ...any) {
	l.problems = append(l.problems, Problem{Offset: off, Message: fmt.Sprintf(format, args...)})
}

func (l *lexer) at(i int) byte {
	if i >= 0 && i < len(l.src) {
		return l.src[i]
	}
	return 0
}

func (l *lexer) emit(k Kind, text string, start int) *Token {
	l.toks = append(l.toks, Token{Kind: k, Text: text, Start: start, End: l.pos})
	return &l.toks[len(l.toks)-1]
}

func isLower(c byte) bool    { return c >= 'a' && c <= 'z' || c == '_' }
func isUpper(c byte) bool    { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool    { return c >= '0' && c <= '9' }
func isWordChar(c byte) bool { return isLower(c) || isUpper(c) || isDigit(c) || c == '-' }
func isNameChar(c byte) bool { return isLower(c) || isUpper(c) || isDigit(c) }
func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}
func lastOf(ts []Token) Token { return ts[len(ts)-1] }

// next lexes one token, or skips blanks or a comment.
func (l *lexer) next() {
	c := l.src[l.pos]
	start := l.pos
	switch {
	case c == '\n':
		l.pos++
		l.bodies()
	case isBlank(c):
		l.pos++
	case c == '#':
		for l.pos < len(l.src) && l.src[l.pos] != '\n' {
			l.pos++
		}
	case c == '/' && l.at(l.pos+1) == '*':
		end := bytes.Index(l.src[l.pos+2:], []byte("*/"))
		if end < 0 {
			l.problemf(start, "comment /* is never closed with */")
			l.pos = len(l.src)
			return
		}
		l.pos += end + 4
	case c == '$' && (isNameChar(l.at(l.pos+1)) || l.at(l.pos+1) == ':' && l.at(l.pos+2) == ':'):
		l.pos++
		l.emit(Var, l.qualifiedName(), start)
	case isLower(c) || isUpper(c) || c == ':' && l.at(l.pos+1) == ':' && isNameChar(l.at(l.pos+2)):
		name := l.qualifiedName()
		k := Name
		if isUpper(strings.TrimPrefix(name, "::")[0]) {
			k = Type
		}
		l.emit(k, name, start)
	case isDigit(c):
		for l.pos < len(l.src) && (isNameChar(l.src[l.pos]) || l.src[l.pos] == '.') {
			l.pos++
		}
		l.emit(Number, "", start)
	case c == '\'':
		l.quoted(false)
	case c == '"':
		l.quoted(true)
	case c == '@' && l.at(l.pos+1) == '(' && l.heredocOpener():
	case c == '/' && l.regexAllowed():
		l.pos++
		for l.pos < len(l.src) && l.src[l.pos] != '/' && l.src[l.pos] != '\n' {
			if l.src[l.pos] == '\\' {
				l.pos++
			}
			l.pos++
		}
		if l.at(l.pos) != '/' {
			l.problemf(start, "regular expression starting here is never closed with /")
		}
		l.pos = min(l.pos+1, len(l.src))
		l.emit(Regexp, "", start)
	default:
		l.operator()
	}
}

// qualifiedName reads a name with :: separators at l.pos.
func (l *lexer) qualifiedName() string {
	start := l.pos
	for {
		if l.at(l.pos) == ':' && l.at(l.pos+1) == ':' && isNameChar(l.at(l.pos+2)) {
			l.pos += 2
		}
		if !isNameChar(l.at(l.pos)) {
			break
		}
		for l.pos < len(l.src) && isWordChar(l.src[l.pos]) {
			l.pos++
		}
		if l.at(l.pos) != ':' || l.at(l.pos+1) != ':' {
			break
		}
	}
	return string(l.src[start:l.pos])
}

// regexAllowed reports whether a `/` at l.pos starts a regular expression: where an operand is
// expected (after =~, !~, node, a comma, an opening bracket, or a case's option list).
func (l *lexer) regexAllowed() bool {
	if len(l.toks) == 0 {
		return true
	}
	switch t := lastOf(l.toks); t.Kind {
	case Var, String, Number, Regexp, Type:
		return false
	case Name:
		return t.Text == "node" || t.Text == "and" || t.Text == "or" || t.Text == "in"
	case Op:
		return t.Text != ")" && t.Text != "]" && t.Text != "}"
	}
	return true
}

var operators = []string{"<<|", "|>>", "=>", "+>", "->", "~>", "<-", "<~", "==", "!=", "=~", "!~", "<=", ">=", "<|", "|>", "<<", ">>", "::"}

func (l *lexer) operator() {
	start := l.pos
	for _, op := range operators {
		if bytes.HasPrefix(l.src[l.pos:], []byte(op)) {
			l.pos += len(op)
			l.emit(Op, op, start)
			return
		}
	}
	l.pos++
	l.emit(Op, string(l.src[start]), start)
}

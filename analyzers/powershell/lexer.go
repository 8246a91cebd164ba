package powershell

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mode is how the lexer reads the characters that mean different things in PowerShell's two
// parsing modes: command arguments (argument mode: `+r`, `C:\x.exe`, `-Name`) and expressions
// (expression mode: `1 + 2`, `$a -f $b`, `[type]::Member`). The parser chooses the mode of every
// token, as PowerShell's own tokenizer is told by its parser.
type Mode uint8

// Lexer modes.
const (
	ModeExpr Mode = iota
	ModeArg
)

// maxDepth bounds every recursion of the lexer, the parser and the extractor: input nested deeper
// is reported as a problem and not descended into.
const maxDepth = 200

// Problem is something in the text that stopped the lexer or parser from reading part of it.
type Problem struct {
	Offset  int
	Message string
}

// lexer reads tokens from src, starting at pos. It never reads past len(src).
type lexer struct {
	src      []byte
	pos      int
	problems []Problem
	depth    int // nesting of $( ) scanned inside strings
}

func (l *lexer) problemf(off int, format string, args ...any) {
	l.problems = append(l.problems, Problem{off, fmt.Sprintf(format, args...)})
}

// lexAll lexes src[start:end] in one mode, for tests and fuzzing: the parser mixes modes.
func lexAll(src []byte, start, end int, mode Mode) ([]Token, []Problem) {
	l := &lexer{src: src[:end], pos: start}
	var toks []Token
	for {
		t := l.next(mode)
		toks = append(toks, t)
		if t.Kind == EOF {
			return toks, l.problems
		}
	}
}

// Character classes of the PowerShell language specification (chapter 2, lexical structure).

func isDash(r rune) bool   { return r == '-' || r == 0x2013 || r == 0x2014 || r == 0x2015 }
func isSQuote(r rune) bool { return r == '\'' || (r >= 0x2018 && r <= 0x201B) }
func isDQuote(r rune) bool { return r == '"' || (r >= 0x201C && r <= 0x201E) }
func isNameStart(r rune) bool {
	return r == '_' || r < utf8.RuneSelf && ('a' <= r|0x20 && r|0x20 <= 'z') || r >= utf8.RuneSelf && unicode.IsLetter(r)
}
func isNameChar(r rune) bool {
	return isNameStart(r) || '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r)
}
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isSpace reports whether r is whitespace that separates tokens (not a newline).
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', 0xA0, 0xFEFF:
		return true
	}
	return r >= utf8.RuneSelf && unicode.Is(unicode.Zs, r)
}

// rune returns the rune at offset i and its size; (0, 0) at the end.
func (l *lexer) rune(i int) (rune, int) {
	if i >= len(l.src) {
		return 0, 0
	}
	if c := l.src[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(l.src[i:])
}

// newlineAt returns the length of the newline at i (2 for CRLF), or 0.
func (l *lexer) newlineAt(i int) int {
	if i >= len(l.src) {
		return 0
	}
	switch l.src[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(l.src) && l.src[i+1] == '\n' {
			return 2
		}
		return 1
	}
	return 0
}

// skipSpace skips whitespace and backtick line continuations.
func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == '`' {
			if n := l.newlineAt(l.pos + 1); n > 0 {
				l.pos += 1 + n
				continue
			}
			return
		}
		r, size := l.rune(l.pos)
		if !isSpace(r) {
			return
		}
		l.pos += size
	}
}

// next returns the next token in the given mode.
func (l *lexer) next(mode Mode) Token {
	l.skipSpace()
	start := l.pos
	if start >= len(l.src) {
		return Token{Kind: EOF, Start: start, End: start}
	}
	simple := func(k Kind, n int) Token {
		l.pos += n
		return Token{Kind: k, Start: start, End: l.pos}
	}
	c := l.src[start]
	switch c {
	case '\n', '\r':
		return simple(Newline, l.newlineAt(start))
	case '#':
		end := start
		for end < len(l.src) && l.src[end] != '\n' && l.src[end] != '\r' {
			end++
		}
		return simple(Comment, end-start)
	case ';':
		return simple(Semi, 1)
	case ',':
		return simple(Comma, 1)
	case '(':
		return simple(LParen, 1)
	case ')':
		return simple(RParen, 1)
	case '{':
		return simple(LBrace, 1)
	case '}':
		return simple(RBrace, 1)
	case '|':
		if l.byteAt(start+1) == '|' {
			return simple(OrOr, 2)
		}
		return simple(Pipe, 1)
	case '&':
		if l.byteAt(start+1) == '&' {
			return simple(AndAnd, 2)
		}
		return simple(Amp, 1)
	case '<':
		if l.byteAt(start+1) == '#' {
			return l.blockComment(start)
		}
	case '@':
		if t, ok := l.at(start); ok {
			return t
		}
	case '$':
		if t, ok := l.dollar(start); ok {
			return t
		}
	}
	r, size := l.rune(start)
	switch {
	case isSQuote(r):
		return l.singleQuoted(start, size)
	case isDQuote(r):
		return l.doubleQuoted(start, size)
	case mode == ModeArg:
		return l.argToken(start)
	}
	return l.exprToken(start)
}

func (l *lexer) byteAt(i int) byte {
	if i < len(l.src) {
		return l.src[i]
	}
	return 0
}

func (l *lexer) blockComment(start int) Token {
	end := bytes.Index(l.src[start+2:], []byte("#>"))
	if end < 0 {
		l.problemf(start, "unterminated block comment: close it with #>")
		l.pos = len(l.src)
	} else {
		l.pos = start + 2 + end + 2
	}
	return Token{Kind: Comment, Start: start, End: l.pos}
}

// at lexes the tokens that start with @: @( @{ here-strings and splatted variables.
func (l *lexer) at(start int) (Token, bool) {
	switch l.byteAt(start + 1) {
	case '(':
		l.pos += 2
		return Token{Kind: AtParen, Start: start, End: l.pos}, true
	case '{':
		l.pos += 2
		return Token{Kind: AtBrace, Start: start, End: l.pos}, true
	}
	r, size := l.rune(start + 1)
	if isSQuote(r) || isDQuote(r) {
		i := start + 1 + size
		for i < len(l.src) && (l.src[i] == ' ' || l.src[i] == '\t') {
			i++
		}
		if n := l.newlineAt(i); n > 0 {
			return l.hereString(start, i+n, isDQuote(r)), true
		}
		return Token{}, false
	}
	if isNameChar(r) {
		i := start + 1
		for {
			r, size := l.rune(i)
			if size == 0 || !isNameChar(r) {
				break
			}
			i += size
		}
		l.pos = i
		return Token{Kind: Splat, Start: start, End: i, Value: string(l.src[start+1 : i])}, true
	}
	return Token{}, false
}

// dollar lexes $( and variables. It returns false for a lone $, which is then part of a word.
func (l *lexer) dollar(start int) (Token, bool) {
	if l.byteAt(start+1) == '(' {
		l.pos += 2
		return Token{Kind: DollarParen, Start: start, End: l.pos}, true
	}
	name, end, ok := l.variable(start)
	if !ok {
		return Token{}, false
	}
	l.pos = end
	return Token{Kind: Variable, Start: start, End: end, Value: name}, true
}

// variable reads a variable reference at start ($name, $scope:name, ${name}, $$, $?, $^) and
// returns its name and end.
func (l *lexer) variable(start int) (name string, end int, ok bool) {
	i := start + 1
	switch c := l.byteAt(i); c {
	case '{':
		var b strings.Builder
		for j := i + 1; j < len(l.src); j++ {
			switch l.src[j] {
			case '}':
				return b.String(), j + 1, true
			case '`':
				if j+1 < len(l.src) {
					j++
				}
			}
			b.WriteByte(l.src[j])
		}
		l.problemf(start, "unterminated variable name ${...: close it with }")
		return b.String(), len(l.src), true
	case '$', '?', '^':
		return string(c), i + 1, true
	}
	j := l.varNameEnd(i)
	if j == i {
		return "", 0, false
	}
	if l.byteAt(j) == ':' && l.byteAt(j+1) != ':' {
		if k := l.varNameEnd(j + 1); k > j+1 {
			j = k
		}
	}
	return string(l.src[i:j]), j, true
}

// varNameEnd returns the end of a variable name that starts at i. After its first character a
// name may hold ? as PowerShell's tokenizer reads it: $a?.b is the member b of the variable a?, and
// the null-conditional operators need ${a}?.b.
func (l *lexer) varNameEnd(i int) int {
	j := l.nameEnd(i)
	for j > i && l.byteAt(j) == '?' {
		j = l.nameEnd(j + 1)
	}
	return j
}

func (l *lexer) nameEnd(i int) int {
	for {
		r, size := l.rune(i)
		if size == 0 || !isNameChar(r) {
			return i
		}
		i += size
	}
}

// argToken lexes an argument-mode token: a parameter, a redirection, the dot-source operator, --%
// or a generic token.
func (l *lexer) argToken(start int) Token {
	r, size := l.rune(start)
	if isDash(r) {
		r2, _ := l.rune(start + size)
		switch {
		case isNameStart(r2) || r2 == '?':
			i := start + size
			for {
				r, n := l.rune(i)
				if n == 0 || isSpace(r) || isSQuote(r) || isDQuote(r) || strings.ContainsRune("{}();,|&.[:\r\n", r) {
					break
				}
				i += n
			}
			t := Token{Kind: Param, Start: start, Value: string(l.src[start+size : i])}
			if l.byteAt(i) == ':' {
				t.Colon = true
				i++
			}
			t.End, l.pos = i, i
			return t
		case r == '-' && l.byteAt(start+1) == '-' && l.byteAt(start+2) == '%':
			end := start + 3
			for end < len(l.src) && l.src[end] != '\n' && l.src[end] != '\r' {
				end++
			}
			l.pos = end
			v := start + 3
			for v < end && (l.src[v] == ' ' || l.src[v] == '\t') {
				v++
			}
			return Token{Kind: StopParsing, Start: start, End: end, Value: string(l.src[v:end]), ContentStart: v, ContentEnd: end, Verbatim: true}
		}
	}
	if t, ok := l.redirect(start); ok {
		return t
	}
	if r == '.' {
		if r2, n := l.rune(start + 1); n == 0 || isSpace(r2) || r2 == '\n' || r2 == '\r' {
			l.pos++
			return Token{Kind: Dot, Start: start, End: l.pos}
		}
	}
	return l.generic(start)
}

// redirect lexes > >> < n> n>> n>&m *> at start.
func (l *lexer) redirect(start int) (Token, bool) {
	i := start
	if c := l.byteAt(i); ('1' <= c && c <= '6' || c == '*') && l.byteAt(i+1) == '>' {
		i++
	}
	switch l.byteAt(i) {
	case '>':
		i++
		if l.byteAt(i) == '>' {
			i++
		} else if l.byteAt(i) == '&' && (l.byteAt(i+1) == '1' || l.byteAt(i+1) == '2') {
			i += 2
		}
	case '<':
		i++
	default:
		return Token{}, false
	}
	l.pos = i
	return Token{Kind: Redirect, Start: start, End: i, Value: string(l.src[start:i])}, true
}

// generic lexes a generic token: everything up to whitespace or a character that ends an argument,
// with backtick escapes, embedded quoted sections and $variables expanded.
func (l *lexer) generic(start int) Token {
	t := Token{Kind: Word, Start: start, ContentStart: start, Verbatim: true}
	var b strings.Builder
	var parts []Part
	lit, litStart := 0, start
	flush := func(at int) {
		if b.Len() > lit || at > litStart {
			parts = append(parts, Part{Kind: PartLit, Start: litStart, End: at, Value: b.String()[lit:]})
		}
	}
	i := start
loop:
	for i < len(l.src) {
		c := l.src[i]
		switch c {
		case ' ', '\t', '\v', '\f', '\r', '\n', ';', ',', '|', '&', '(', ')', '{', '}', '>', '<':
			break loop
		case '`':
			if l.newlineAt(i+1) > 0 {
				break loop
			}
			t.Verbatim = false
			if i+1 >= len(l.src) {
				i++
				continue
			}
			_, n := l.rune(i + 1)
			b.Write(l.src[i+1 : i+1+n])
			i += 1 + n
			continue
		case '$':
			if l.byteAt(i+1) == '(' {
				flush(i)
				end := l.scanSubexpr(i)
				parts = append(parts, Part{Kind: PartSub, Start: i, End: end})
				i, lit, litStart, t.Verbatim = end, b.Len(), end, false
				continue
			}
			if name, end, ok := l.variable(i); ok {
				flush(i)
				parts = append(parts, Part{Kind: PartVar, Start: i, End: end, Value: name})
				i, lit, litStart, t.Verbatim = end, b.Len(), end, false
				continue
			}
		default:
			if c >= utf8.RuneSelf || c == '\'' || c == '"' {
				r, n := l.rune(i)
				if isSpace(r) {
					break loop
				}
				if isSQuote(r) || isDQuote(r) {
					// An embedded quoted section: "a"b and a'b c' are one argument.
					saved := l.pos
					var q Token
					if isSQuote(r) {
						q = l.singleQuoted(i, n)
					} else {
						q = l.doubleQuoted(i, n)
					}
					l.pos = saved
					t.Verbatim = false
					if q.Parts != nil {
						flush(i)
						for _, p := range q.Parts {
							if p.Kind == PartLit {
								b.WriteString(p.Value)
							}
							parts = append(parts, p)
						}
						lit, litStart = b.Len(), q.End
					} else {
						b.WriteString(q.Value)
					}
					i = q.End
					continue
				}
				b.Write(l.src[i : i+n])
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	if i == start { // a lone character that ends arguments elsewhere
		_, n := l.rune(i)
		b.Write(l.src[i : i+n])
		i += n
	}
	if parts != nil { // a word of literal text alone keeps no parts (see finish)
		flush(i)
	}
	t.Value, t.Parts, _, _, _ = l.finish(&b, parts, i, t.Verbatim, true)
	t.End, t.ContentEnd, l.pos = i, i, i
	return t
}

// exprToken lexes an expression-mode token: a number, an identifier, a bracket or an operator.
func (l *lexer) exprToken(start int) Token {
	c := l.src[start]
	op := func(n int) Token {
		l.pos = start + n
		return Token{Kind: Operator, Start: start, End: l.pos, Value: string(l.src[start:l.pos])}
	}
	next := l.byteAt(start + 1)
	switch {
	case isDigit(c) || c == '.' && isDigit(next):
		return l.number(start)
	case c == '[':
		l.pos++
		return Token{Kind: LBracket, Start: start, End: l.pos}
	case c == ']':
		l.pos++
		return Token{Kind: RBracket, Start: start, End: l.pos}
	case c == '.':
		if next == '.' {
			return op(2)
		}
		l.pos++
		return Token{Kind: Dot, Start: start, End: l.pos}
	case c == ':':
		if next == ':' {
			l.pos += 2
			return Token{Kind: ColonColon, Start: start, End: l.pos}
		}
		return op(1)
	case c == '+' || c == '*' || c == '/' || c == '%' || c == '=':
		if next == '=' || next == c && (c == '+') {
			return op(2)
		}
		if c == '*' && next == '>' {
			if t, ok := l.redirect(start); ok {
				return t
			}
		}
		return op(1)
	case c == '!':
		return op(1)
	case c == '?':
		if next == '?' {
			if l.byteAt(start+2) == '=' {
				return op(3)
			}
			return op(2)
		}
		return op(1)
	case c == '>' || c == '<':
		if t, ok := l.redirect(start); ok {
			return t
		}
	}
	r, size := l.rune(start)
	switch {
	case isDash(r):
		r2, n2 := l.rune(start + size)
		switch {
		case isDash(r2):
			l.pos = start + size + n2
			return Token{Kind: Operator, Start: start, End: l.pos, Value: "--"}
		case r2 == '=':
			l.pos = start + size + 1
			return Token{Kind: Operator, Start: start, End: l.pos, Value: "-="}
		case isNameStart(r2):
			end := l.nameEnd(start + size)
			l.pos = end
			return Token{Kind: Operator, Start: start, End: end, Value: "-" + strings.ToLower(string(l.src[start+size:end]))}
		}
		l.pos = start + size
		return Token{Kind: Operator, Start: start, End: l.pos, Value: "-"}
	case isNameStart(r):
		end := l.nameEnd(start)
		l.pos = end
		return Token{Kind: Word, Start: start, End: end, Value: string(l.src[start:end]), ContentStart: start, ContentEnd: end, Verbatim: true}
	case c == '`':
		_, n := l.rune(start + 1)
		l.pos = start + 1 + n
		return Token{Kind: Word, Start: start, End: l.pos, Value: string(l.src[start+1 : l.pos]), ContentStart: start, ContentEnd: l.pos}
	}
	l.pos = start + size
	return Token{Kind: Word, Start: start, End: l.pos, Value: string(l.src[start:l.pos]), ContentStart: start, ContentEnd: l.pos, Verbatim: true}
}

// number lexes a numeric literal: decimal or hexadecimal digits, a fraction, an exponent, and type
// or multiplier suffixes (1kb, 10L, 0x1F).
func (l *lexer) number(start int) Token {
	i := start
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' || c == '_':
			i++
		case c == '.' && isDigit(l.byteAt(i+1)):
			i++
		case (c == '+' || c == '-') && i > start && l.src[i-1]|0x20 == 'e' && isDigit(l.byteAt(i+1)):
			i++
		default:
			goto done
		}
	}
done:
	l.pos = i
	return Token{Kind: Number, Start: start, End: i, Value: string(l.src[start:i])}
}

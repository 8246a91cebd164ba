package chef

import (
	"strconv"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/assign"
	vtext "github.com/privlint/privlint/analyzers/value"
)

// strMode says which characters of a string literal are special.
type strMode uint8

const (
	modeSingle strMode = iota // '...', %q(): only \\ and a backslashed delimiter are escapes
	modeDouble                // "...", heredocs, %Q(): escapes and #{} interpolation
	modeRaw                   // <<~'EOS' bodies: nothing is special
)

// scan reads string content from l.pos up to the delimiter close that no open nests in (l.pos is
// then just after it), or, with close == 0, up to end (a heredoc body). indent > 0 removes that many
// columns of leading blanks from every line. ok is false when the delimiter is missing.
func (l *lexer) scan(end int, open, close byte, mode strMode, indent int) (s *Str, ok bool) {
	s = &Str{Start: l.pos, Verbatim: true}
	var b vtext.Builder
	flush := func() {
		if b.Len() > 0 {
			s.Parts = append(s.Parts, Part{Lit: b.Done(l.pos)})
		}
	}
	nest := 0
	lineStart := indent > 0
	for l.pos < end {
		if lineStart {
			lineStart = false
			if l.skipIndent(indent) {
				s.Verbatim = false
				continue
			}
		}
		c := l.src[l.pos]
		switch {
		case close != 0 && c == close && nest == 0:
			flush()
			s.End = l.pos
			l.pos++
			return s, true
		case close != 0 && open != close && c == open:
			nest++
		case close != 0 && open != close && c == close:
			nest--
		case c == '\\' && mode != modeRaw:
			l.escape(&b, s, mode, open, close)
			continue
		case c == '#' && mode == modeDouble && l.interpolationAt():
			flush()
			s.Parts = append(s.Parts, l.interpolation())
			s.Verbatim = false
			continue
		}
		b.Byte(c, l.pos, l.pos+1, false)
		l.pos++
		lineStart = c == '\n' && indent > 0
	}
	flush()
	s.End = l.pos
	return s, close == 0
}

// skipIndent skips up to indent columns of blanks at l.pos and reports whether it skipped any.
func (l *lexer) skipIndent(indent int) bool {
	start, col := l.pos, 0
	for l.pos < l.limit {
		next := col + 1
		switch l.src[l.pos] {
		case ' ':
		case '\t':
			next = col/8*8 + 8
		default:
			return l.pos > start
		}
		if next > indent {
			break
		}
		col = next
		l.pos++
	}
	return l.pos > start
}

// escape reads the escape sequence at l.pos (a backslash) into b.
func (l *lexer) escape(b *vtext.Builder, s *Str, mode strMode, open, close byte) {
	start := l.pos
	c := l.at(l.pos + 1)
	if c == 0 {
		b.Byte('\\', start, start+1, false)
		l.pos++
		return
	}
	if mode == modeSingle {
		if c == '\\' || c == close || c == open && open != 0 {
			b.Byte(c, start, start+2, false)
			l.pos += 2
			s.Verbatim = false
			return
		}
		b.Byte('\\', start, start+1, false)
		l.pos++
		return
	}
	s.Verbatim = false
	l.pos += 2
	out := func(v string) {
		for i := range len(v) {
			b.Byte(v[i], start, l.pos, false)
		}
	}
	switch c {
	case 'n':
		out("\n")
	case 't':
		out("\t")
	case 's':
		out(" ")
	case 'r':
		out("\r")
	case 'e':
		out("\x1b")
	case 'a':
		out("\a")
	case 'b':
		out("\b")
	case 'f':
		out("\f")
	case 'v':
		out("\v")
	case '\n':
		// a line continuation: nothing
	case '\r':
		if l.at(l.pos) == '\n' {
			l.pos++
		}
	case 'u':
		out(l.unicodeEscape())
	case 'x':
		out(l.numericEscape(16, 2))
	case '0', '1', '2', '3', '4', '5', '6', '7':
		l.pos--
		out(l.numericEscape(8, 3))
	case 'M', 'C', 'c':
		// meta and control characters: keep the character they modify
		if c != 'c' && l.at(l.pos) == '-' {
			l.pos++
		}
		if l.pos < l.limit {
			l.pos++
			out(string(l.src[l.pos-1]))
		}
	default:
		out(string(c))
	}
}

// numericEscape reads up to n digits in base at l.pos as one byte.
func (l *lexer) numericEscape(base, n int) string {
	start := l.pos
	for l.pos < l.limit && l.pos-start < n && digitValue(l.src[l.pos]) < base {
		l.pos++
	}
	v, err := strconv.ParseUint(string(l.src[start:l.pos]), base, 16)
	if err != nil {
		return ""
	}
	return string([]byte{byte(v)})
}

// unicodeEscape reads the code points of \uXXXX or \u{X Y} at l.pos (after the u).
func (l *lexer) unicodeEscape() string {
	var out []byte
	codePoint := func(digits []byte) {
		if v, err := strconv.ParseUint(string(digits), 16, 32); err == nil && len(digits) > 0 {
			out = utf8.AppendRune(out, rune(v))
		}
	}
	if l.at(l.pos) != '{' {
		start := l.pos
		for l.pos < l.limit && l.pos-start < 4 && digitValue(l.src[l.pos]) < 16 {
			l.pos++
		}
		codePoint(l.src[start:l.pos])
		return string(out)
	}
	l.pos++
	for l.pos < l.limit && l.src[l.pos] != '}' && l.src[l.pos] != '\n' {
		start := l.pos
		for l.pos < l.limit && digitValue(l.src[l.pos]) < 16 && l.pos-start < 8 {
			l.pos++
		}
		codePoint(l.src[start:l.pos])
		if l.pos == start {
			l.pos++
		}
	}
	if l.at(l.pos) == '}' {
		l.pos++
	}
	return string(out)
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}

// interpolationAt reports whether an interpolation starts at l.pos: #{, #@name, #@@name or #$name.
func (l *lexer) interpolationAt() bool {
	switch l.at(l.pos + 1) {
	case '{':
		return true
	case '@':
		return isIdentStart(l.at(l.pos+2)) || l.at(l.pos+2) == '@' && isIdentStart(l.at(l.pos+3))
	case '$':
		return isIdentStart(l.at(l.pos + 2))
	}
	return false
}

// interpolation lexes the interpolation at l.pos.
func (l *lexer) interpolation() Part {
	start := l.pos
	if l.at(l.pos+1) != '{' {
		l.pos++
		sub := &lexer{src: l.src, pos: l.pos, limit: l.limit, problems: l.problems, pending: l.pending}
		sub.variable()
		l.pos = sub.pos
		return Part{Interp: true, Start: start, End: l.pos, Expr: sub.toks}
	}
	if l.depth >= maxInterpDepth {
		l.problemf(start, "string interpolations nest more than %d levels deep here; the rest is not analyzed", maxInterpDepth)
		l.pos = l.limit
		return Part{Interp: true, Start: start, End: l.pos}
	}
	sub := &lexer{src: l.src, pos: l.pos + 2, limit: l.limit, problems: l.problems, pending: l.pending, depth: l.depth + 1}
	if !sub.interpolationBody() {
		l.problemf(start, "interpolation #{ is never closed with }")
	}
	l.pos = sub.pos
	return Part{Interp: true, Start: start, End: l.pos, Expr: sub.toks}
}

// words reads the elements of a %w[] list from l.pos up to its closing delimiter. It keeps the
// first assign.MaxAccounts words: the first one past the limit is reported and noted in More.
func (l *lexer) words(open, close byte) (*Str, bool) {
	s := &Str{Start: l.pos, Verbatim: true}
	var b vtext.Builder
	wordStart, verbatim := 0, true
	endWord := func() {
		switch {
		case b.Len() == 0:
		case len(s.Words) < assign.MaxAccounts:
			w := &Str{Start: wordStart, End: l.pos, Verbatim: verbatim}
			w.Parts = []Part{{Lit: b.Done(l.pos)}}
			s.Words = append(s.Words, w)
		default:
			b = vtext.Builder{}
			if s.More == 0 {
				s.More = wordStart
				l.problemf(wordStart, "this list holds more than %d elements; the rest of it is not analyzed", assign.MaxAccounts)
			}
		}
	}
	nest := 0
	for l.pos < l.limit {
		c := l.src[l.pos]
		switch {
		case c == close && nest == 0:
			endWord()
			s.End = l.pos
			l.pos++
			return s, true
		case isBlank(c):
			endWord()
			l.pos++
			continue
		case open != close && c == open:
			nest++
		case open != close && c == close:
			nest--
		}
		if b.Len() == 0 {
			wordStart, verbatim = l.pos, true
		}
		if c == '\\' && l.pos+1 < l.limit && (isBlank(l.src[l.pos+1]) || l.src[l.pos+1] == '\\' || l.src[l.pos+1] == open || l.src[l.pos+1] == close) {
			b.Byte(l.src[l.pos+1], l.pos, l.pos+2, false)
			verbatim = false
			l.pos += 2
			continue
		}
		b.Byte(c, l.pos, l.pos+1, false)
		l.pos++
	}
	endWord()
	s.End = l.pos
	return s, false
}

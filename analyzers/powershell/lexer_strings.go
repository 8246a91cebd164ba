package powershell

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// hereString lexes a here-string whose content starts at content. Its terminator is a line that
// starts with the closing quote and @; the newline before the terminator is not content.
func (l *lexer) hereString(start, content int, expandable bool) Token {
	closing := isSQuote
	kind := HereSQ
	if expandable {
		closing, kind = isDQuote, HereDQ
	}
	t := Token{Kind: kind, Start: start, ContentStart: content}
	line, prevNL := content, 0
	for {
		if r, size := l.rune(line); size > 0 && closing(r) && l.byteAt(line+size) == '@' {
			t.ContentEnd, t.End = max(line-prevNL, content), line+size+1
			break
		}
		nl := bytes.IndexAny(l.src[line:], "\r\n")
		if nl < 0 {
			l.problemf(start, "unterminated here-string: end it with a line that starts with %s@", map[bool]string{false: "'", true: `"`}[expandable])
			t.ContentEnd, t.End = len(l.src), len(l.src)
			break
		}
		prevNL = l.newlineAt(line + nl)
		line += nl + prevNL
	}
	l.pos = t.End
	if expandable {
		saved := l.src
		l.src = l.src[:t.ContentEnd]
		t.Value, t.Parts, _, t.Verbatim, _ = l.expandable(t.ContentStart, false)
		l.src = saved
		l.pos = t.End
	} else {
		t.Value, t.Verbatim = string(l.src[t.ContentStart:t.ContentEnd]), true
	}
	return t
}

// singleQuoted lexes a verbatim string: nothing is special but the quote, doubled to escape it.
func (l *lexer) singleQuoted(start, size int) Token {
	t := Token{Kind: StringSQ, Start: start, ContentStart: start + size, Verbatim: true}
	var b strings.Builder
	i := t.ContentStart
	for {
		r, n := l.rune(i)
		if n == 0 {
			l.problemf(start, "unterminated string: add the closing '")
			t.ContentEnd, t.End = i, i
			break
		}
		if isSQuote(r) {
			if r2, n2 := l.rune(i + n); n2 > 0 && isSQuote(r2) {
				b.WriteRune(r)
				i += n + n2
				t.Verbatim = false
				continue
			}
			t.ContentEnd, t.End = i, i+n
			break
		}
		b.Write(l.src[i : i+n])
		i += n
	}
	l.pos = t.End
	t.Value = b.String()
	return t
}

// doubleQuoted lexes an expandable string.
func (l *lexer) doubleQuoted(start, size int) Token {
	t := Token{Kind: StringDQ, Start: start, ContentStart: start + size}
	var terminated bool
	t.Value, t.Parts, t.ContentEnd, t.Verbatim, terminated = l.expandable(t.ContentStart, true)
	if terminated {
		_, n := l.rune(t.ContentEnd)
		t.End = t.ContentEnd + n
	} else {
		l.problemf(start, `unterminated string: add the closing "`)
		t.End = t.ContentEnd
	}
	l.pos = t.End
	return t
}

// expandable reads the content of an expandable string from i: backtick escapes, "" (when
// quoted), $variables and $( ) subexpressions. It stops at the closing quote when quoted, else at
// the end of src. It returns the literal text, the parts when there are variables or
// subexpressions, where the content ends, and whether the text is the source verbatim.
func (l *lexer) expandable(i int, quoted bool) (value string, parts []Part, end int, verbatim, terminated bool) {
	var b strings.Builder
	verbatim = true
	lit, litStart := 0, i // lit: b.Len() where the current literal part starts
	flush := func(at int) {
		if b.Len() > lit || at > litStart {
			parts = append(parts, Part{Kind: PartLit, Start: litStart, End: at, Value: b.String()[lit:]})
		}
	}
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case c == '`':
			verbatim = false
			if i+1 >= len(l.src) {
				i++
				continue
			}
			if n := l.newlineAt(i + 1); n > 0 {
				b.Write(l.src[i+1 : i+1+n])
				i += 1 + n
				continue
			}
			r, n := l.rune(i + 1)
			i += 1 + n
			b.WriteString(unescape(r, l.src[i:], &i))
			continue
		case c == '$':
			if l.byteAt(i+1) == '(' {
				flush(i)
				end := l.scanSubexpr(i)
				parts = append(parts, Part{Kind: PartSub, Start: i, End: end})
				i, lit, litStart, verbatim = end, b.Len(), end, false
				continue
			}
			if name, end, ok := l.variable(i); ok {
				flush(i)
				parts = append(parts, Part{Kind: PartVar, Start: i, End: end, Value: name})
				i, lit, litStart, verbatim = end, b.Len(), end, false
				continue
			}
		case c >= utf8.RuneSelf || c == '"':
			r, n := l.rune(i)
			if quoted && isDQuote(r) {
				if r2, n2 := l.rune(i + n); n2 > 0 && isDQuote(r2) {
					b.WriteRune(r)
					i += n + n2
					verbatim = false
					continue
				}
				flush(i)
				return l.finish(&b, parts, i, verbatim, true)
			}
			b.Write(l.src[i : i+n])
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	flush(i)
	return l.finish(&b, parts, i, verbatim, !quoted)
}

func (l *lexer) finish(b *strings.Builder, parts []Part, end int, verbatim, terminated bool) (string, []Part, int, bool, bool) {
	if verbatim {
		parts = nil
	}
	hasCode := false
	for _, p := range parts {
		hasCode = hasCode || p.Kind != PartLit
	}
	if !hasCode {
		parts = nil
	}
	return b.String(), parts, end, verbatim, terminated
}

// unescape decodes the backtick escape of r; rest follows r, and *i moves past a `u{...} code.
func unescape(r rune, rest []byte, i *int) string {
	switch r {
	case '0':
		return "\x00"
	case 'a':
		return "\a"
	case 'b':
		return "\b"
	case 'e':
		return "\x1b"
	case 'f':
		return "\f"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case 'v':
		return "\v"
	case 'u':
		if len(rest) > 2 && rest[0] == '{' {
			if close := bytes.IndexByte(rest[:min(len(rest), 8)], '}'); close > 1 {
				if v, err := strconv.ParseUint(string(rest[1:close]), 16, 32); err == nil && utf8.ValidRune(rune(v)) {
					*i += close + 1
					return string(rune(v))
				}
			}
		}
	}
	return string(r)
}

// scanSubexpr finds the end of the subexpression $( ... ) that starts at start inside a string or
// word, by lexing its tokens. It returns the offset after the closing parenthesis.
func (l *lexer) scanSubexpr(start int) int {
	l.depth++
	defer func() { l.depth-- }()
	if l.depth > maxDepth {
		l.problemf(start, "subexpressions nested more than %d deep; the rest of the text is not read", maxDepth)
		return len(l.src)
	}
	saved := l.pos
	defer func() { l.pos = saved }()
	l.pos = start + 2
	depth := 1
	for {
		t := l.next(ModeArg)
		switch t.Kind {
		case EOF:
			l.problemf(start, "unterminated subexpression $(: close it with )")
			return len(l.src)
		case LParen, AtParen, DollarParen:
			depth++
		case RParen:
			if depth--; depth == 0 {
				return t.End
			}
		}
	}
}

package puppet

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	vtext "github.com/privlint/privlint/analyzers/value"
)

// quoted lexes a single- or double-quoted string from its quote at l.pos.
func (l *lexer) quoted(double bool) {
	start := l.pos
	q := l.src[start]
	l.pos++
	s, ok := l.scan(len(l.src), q, double, double, 0)
	if !ok {
		l.problemf(start, "string starting here is never closed with %c", q)
	}
	l.emit(String, "", start).Str = s
}

// scan reads string content from l.pos up to the unescaped delimiter close (l.pos is then just
// after it), or with close == 0 up to end (a heredoc body). Double-quoted strings interpolate and
// read escapes; single-quoted ones read only \\ and \'. margin > 0 removes up to that many blanks
// at the start of every line. ok is false when the delimiter is missing.
func (l *lexer) scan(end int, close byte, interp, escapes bool, margin int) (s *Str, ok bool) {
	s = &Str{Start: l.pos, Verbatim: true}
	var b vtext.Builder
	flush := func() {
		if b.Len() > 0 {
			s.Parts = append(s.Parts, Part{Lit: b.Done(l.pos)})
		}
	}
	lineStart := margin > 0
	for l.pos < end {
		if lineStart {
			lineStart = false
			for n := 0; n < margin && l.pos < end && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t'); n++ {
				l.pos++
				s.Verbatim = false
			}
			continue
		}
		c := l.src[l.pos]
		switch {
		case close != 0 && c == close:
			flush()
			s.End = l.pos
			l.pos++
			return s, true
		case c == '\\' && l.pos+1 < end && (close != 0 || escapes):
			if l.escape(&b, close, escapes) {
				s.Verbatim = false
				continue
			}
		case c == '$' && interp && (l.at(l.pos+1) == '{' || isNameChar(l.at(l.pos+1)) || l.at(l.pos+1) == ':' && l.at(l.pos+2) == ':'):
			flush()
			s.Parts = append(s.Parts, l.interpolation(end))
			s.Verbatim = false
			continue
		}
		b.Byte(c, l.pos, l.pos+1, false)
		l.pos++
		lineStart = c == '\n' && margin > 0
	}
	flush()
	s.End = l.pos
	return s, close == 0
}

// escape reads the escape sequence at l.pos into b and reports whether there was one: in a
// single-quoted string only \\ and \'; in a double-quoted one also \n \r \t \s \$ \" \u. Any other
// backslash is kept.
func (l *lexer) escape(b *vtext.Builder, close byte, all bool) bool {
	start := l.pos
	c := l.src[l.pos+1]
	out := func(v string, width int) bool {
		l.pos += width
		for i := range len(v) {
			b.Byte(v[i], start, l.pos, false)
		}
		return true
	}
	switch {
	case c == '\\' || c == close && close != 0:
		return out(string(c), 2)
	case !all:
		return false
	case c == 'n':
		return out("\n", 2)
	case c == 'r':
		return out("\r", 2)
	case c == 't':
		return out("\t", 2)
	case c == 's':
		return out(" ", 2)
	case c == '$' || c == '"' || c == '\'':
		return out(string(c), 2)
	case c == 'u':
		return l.unicodeEscape(b)
	}
	return false
}

// unicodeEscape reads \uXXXX or \u{X..} at l.pos.
func (l *lexer) unicodeEscape(b *vtext.Builder) bool {
	start := l.pos
	var digits []byte
	width := 0
	if l.at(l.pos+2) == '{' {
		end := bytes.IndexByte(l.src[l.pos+2:min(len(l.src), l.pos+12)], '}')
		if end < 0 {
			return false
		}
		digits, width = l.src[l.pos+3:l.pos+2+end], end+3
	} else {
		if l.pos+6 > len(l.src) {
			return false
		}
		digits, width = l.src[l.pos+2:l.pos+6], 6
	}
	v, err := strconv.ParseUint(string(digits), 16, 32)
	if err != nil {
		return false
	}
	l.pos += width
	for _, c := range utf8.AppendRune(nil, rune(v)) {
		b.Byte(c, start, l.pos, false)
	}
	return true
}

// simpleVar matches an interpolation that names one variable: ${name}, ${$name}, ${::name}.
var simpleVar = regexp.MustCompile(`^\$?((?:::)?[a-z_][A-Za-z0-9_]*(?:::[a-z_][A-Za-z0-9_]*)*)$`)

// interpolation reads ${expr} or $name at l.pos, not past end.
func (l *lexer) interpolation(end int) Part {
	start := l.pos
	l.pos++
	if l.at(l.pos) != '{' {
		return Part{Interp: true, Start: start, End: l.pos, Name: l.qualifiedNameUpTo(end)}
	}
	depth := 0
	for l.pos < end {
		switch c := l.src[l.pos]; c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				l.pos++
				p := Part{Interp: true, Start: start, End: l.pos}
				if m := simpleVar.FindStringSubmatch(strings.TrimSpace(string(l.src[start+2 : l.pos-1]))); m != nil {
					p.Name = m[1]
				}
				return p
			}
		case '\'', '"':
			e := bytes.IndexByte(l.src[l.pos+1:end], c)
			if e < 0 {
				l.pos = end
				continue
			}
			l.pos += e + 1
		}
		l.pos++
	}
	l.problemf(start, "interpolation ${ is never closed with }")
	return Part{Interp: true, Start: start, End: l.pos}
}

func (l *lexer) qualifiedNameUpTo(end int) string {
	saved := l.src
	l.src = l.src[:end]
	name := l.qualifiedName()
	l.src = saved
	return name
}

// maxOpener bounds the length of a heredoc opener, so that reading one stays linear.
const maxOpener = 256

// heredocOpener lexes @(TAG), @("TAG"), @(TAG:syntax/flags) at l.pos when it is one; its body is
// read from the next line.
func (l *lexer) heredocOpener() bool {
	b := l.src[l.pos+1 : min(len(l.src), l.pos+1+maxOpener)] // from the (
	i := 1
	skip := func(set string) {
		for i < len(b) && strings.IndexByte(set, b[i]) >= 0 {
			i++
		}
	}
	skip(" \t")
	quoted := i < len(b) && b[i] == '"'
	if quoted {
		i++
	}
	tagStart := i
	for i < len(b) && strings.IndexByte("\" :/)\t\r\n", b[i]) < 0 {
		i++
	}
	tag := string(b[tagStart:i])
	if tag == "" || quoted && (i >= len(b) || b[i] != '"') {
		return false
	}
	if quoted {
		i++
	}
	skip(" \t")
	if i < len(b) && b[i] == ':' {
		i++
		skip(" \t")
		skip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+.-")
		skip(" \t")
	}
	escapes := i < len(b) && b[i] == '/'
	if escapes {
		i++
		skip("trnsuL$")
		skip(" \t")
	}
	if i >= len(b) || b[i] != ')' {
		return false
	}
	start := l.pos
	l.pos += 1 + i + 1
	h := heredoc{opener: start, tag: tag, interp: quoted, escapes: escapes, str: &Str{}}
	l.emit(String, "", start).Str = h.str
	l.pending = append(l.pending, h)
	return true
}

// endMarker matches a heredoc's end line: optional margin bar, optional trim dash, the tag.
var endMarker = regexp.MustCompile(`^([ \t]*)(\|)?[ \t]*(-)?[ \t]*(\S+)[ \t]*\r?$`)

// bodies reads the bodies of pending heredocs from l.pos, the start of the line after their
// openers, and moves l.pos past the last end line.
func (l *lexer) bodies() {
	pending := l.pending
	l.pending = nil
	for _, h := range pending {
		bodyStart, bodyEnd, margin, trim := l.pos, -1, 0, false
		for l.pos < len(l.src) {
			le := bytes.IndexByte(l.src[l.pos:], '\n')
			next := len(l.src)
			if le >= 0 {
				le += l.pos
				next = le + 1
			} else {
				le = len(l.src)
			}
			if m := endMarker.FindSubmatch(l.src[l.pos:le]); m != nil && string(m[4]) == h.tag {
				bodyEnd = l.pos
				if m[2] != nil {
					margin = len(m[1])
				}
				trim = m[3] != nil
				l.pos = next
				break
			}
			l.pos = next
		}
		if bodyEnd < 0 {
			l.problemf(h.opener, "heredoc @(%s) has no end line %q", h.tag, h.tag)
			bodyEnd = len(l.src)
		}
		if trim && bodyEnd > bodyStart && l.src[bodyEnd-1] == '\n' {
			bodyEnd--
			if bodyEnd > bodyStart && l.src[bodyEnd-1] == '\r' {
				bodyEnd--
			}
		}
		sub := &lexer{src: l.src, pos: bodyStart}
		s, _ := sub.scan(bodyEnd, 0, h.interp, h.escapes, margin)
		l.problems = append(l.problems, sub.problems...)
		*h.str = *s
	}
}

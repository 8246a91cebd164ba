package chef

import "bytes"

// maxHeredocID bounds the length of a quoted heredoc terminator, so that looking for its closing
// quote stays linear.
const maxHeredocID = 256

// heredoc is an opener whose body is still to be read.
type heredoc struct {
	str    *Str
	opener int
	id     string
	indent bool // <<- or <<~: the terminator may be indented
	dedent bool // <<~: the body's common indentation is removed
	mode   strMode
}

// heredocOpener lexes <<ID, <<-ID, <<~ID (ID optionally quoted) when one starts at l.pos; its body is
// read at the end of the line.
func (l *lexer) heredocOpener() bool {
	if l.at(l.pos+1) != '<' {
		return false
	}
	h := heredoc{opener: l.pos, mode: modeDouble}
	p := l.pos + 2
	if c := l.at(p); c == '~' || c == '-' {
		h.indent, h.dedent = true, c == '~'
		p++
	}
	switch q := l.at(p); {
	case q == '\'' || q == '"' || q == '`':
		end := bytes.IndexByte(l.src[p+1:min(l.limit, p+1+maxHeredocID)], q)
		if end < 0 || bytes.IndexByte(l.src[p+1:p+1+end], '\n') >= 0 {
			return false
		}
		h.id = string(l.src[p+1 : p+1+end])
		if q == '\'' {
			h.mode = modeRaw
		}
		p += end + 2
	case isIdentChar(q):
		e := p
		for e < l.limit && isIdentChar(l.src[e]) {
			e++
		}
		h.id = string(l.src[p:e])
		p = e
	default:
		return false
	}
	if !l.literalAllowed(2) || len(l.toks) > 0 && lastOf(l.toks).Kind == Ident && lastOf(l.toks).Text == "class" {
		return false
	}
	start := l.pos
	l.pos = p
	h.str = &Str{}
	t := l.emit(String, "", start)
	t.Str = h.str
	*l.pending = append(*l.pending, h)
	return true
}

// heredocBodies reads the bodies of the pending heredocs, one after the other, from l.pos (the
// start of the line after their openers), and moves l.pos past the last terminator.
func (l *lexer) heredocBodies() {
	pending := *l.pending
	*l.pending = nil
	p := l.pos
	for _, h := range pending {
		bodyStart, bodyEnd := p, -1
		for p < l.limit {
			le := bytes.IndexByte(l.src[p:l.limit], '\n')
			next := l.limit
			if le >= 0 {
				le += p
				next = le + 1
			} else {
				le = l.limit
			}
			line := bytes.TrimSuffix(l.src[p:le], []byte("\r"))
			if h.indent {
				line = bytes.TrimLeft(line, " \t")
			}
			if string(line) == h.id {
				bodyEnd = p
				p = next
				break
			}
			p = next
		}
		if bodyEnd < 0 {
			l.problemf(h.opener, "heredoc <<%s has no terminating line %q", h.id, h.id)
			bodyEnd = l.limit
		}
		indent := 0
		if h.dedent {
			indent = dedentWidth(l.src[bodyStart:bodyEnd])
		}
		sub := &lexer{src: l.src, pos: bodyStart, limit: bodyEnd, problems: l.problems, pending: l.pending, depth: l.depth}
		s, _ := sub.scan(bodyEnd, 0, 0, h.mode, indent)
		*h.str = *s
	}
	l.pos = max(p, l.pos)
}

// dedentWidth returns the indentation a <<~ heredoc removes: the least indentation, in columns
// (tabs to the next multiple of 8), of the body's lines that are not blank.
func dedentWidth(body []byte) int {
	least := -1
	for line := range bytes.Lines(body) {
		col := 0
		blank := true
	scan:
		for _, c := range line {
			switch c {
			case ' ':
				col++
			case '\t':
				col = col/8*8 + 8
			default:
				blank = c == '\r' || c == '\n'
				break scan
			}
		}
		if !blank && (least < 0 || col < least) {
			least = col
		}
	}
	return max(least, 0)
}

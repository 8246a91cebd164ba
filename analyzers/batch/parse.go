package batch

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/source"
)

// node is one parsed piece of a statement. Operators (& && | ||) only separate nodes: a static
// analysis runs every command of a statement, whatever the exit codes.
type node interface{}

// command is a simple command: its text after escapes and redirections were removed, quotes kept.
// top is set for a command of the script's own flow, which cmd.exe runs whatever the exit codes:
// at the top level (not in a block, IF or FOR), not after && or ||, and not in a pipe (whose
// commands run in other cmd.exe processes).
type command struct {
	text value.Text
	top  bool
}

// block is a parenthesized list of commands.
type block struct{ body []node }

// ifNode is IF condition command [ELSE command]; both branches are analyzed.
type ifNode struct{ then, els node }

// forNode is FOR [/D | /R [path] | /L | /F ["options"]] %v IN (set) DO command.
type forNode struct {
	opt  string // "", "/d", "/r", "/l" or "/f"
	v    byte   // the loop variable
	list value.Text
	body node
	// truncated is set once a run of the loop found its set longer than assign.MaxAccounts and
	// reported it, so a loop run again (in an outer loop) reports it only once.
	truncated bool
}

// parser is cmd.exe's phase that splits an expanded line into commands. It reads more lines while
// a parenthesized block is open, and after a caret that escapes a line break.
type parser struct {
	r     *reader
	vars  env
	f     *source.File
	cur   value.Text // the current expanded line, ending in '\n'
	i     int
	depth int            // open blocks
	nest  int            // open blocks, IFs and FORs: bounded by maxNest
	buf   *value.Builder // builds each command in the buffers of the one before, shared with the parsers of calls
	// pending holds lines read but not parsed yet, which next returns before reading more.
	pending []value.Text
	// While recording, next collects the lines it returns in r.kept.read, and reported is set when
	// the parse reports a problem.
	recording, reported bool
}

// maxNest bounds how deep blocks, IFs and FORs nest.
const maxNest = 200

// enter counts one more level of nesting; false, with a problem and the rest of the line skipped,
// when that is too deep.
func (p *parser) enter() bool {
	if p.nest >= maxNest {
		p.problemf(p.cur.Offset(p.i), "blocks, IF and FOR commands are nested more than %d levels deep here; the rest of the line is not analyzed", maxNest)
		p.skipLine()
		return false
	}
	p.nest++
	return true
}

// next reads the next physical line; false at the end of the text.
func (p *parser) next() bool {
	var line value.Text
	ok := true
	if len(p.pending) > 0 {
		line, p.pending = p.pending[0], p.pending[1:]
	} else {
		line, ok = p.r.line(p.vars, value.Text{})
	}
	if ok {
		p.cur, p.i = line, 0
		if p.recording {
			p.r.kept.read = append(p.r.kept.read, line)
		}
	}
	return ok
}

// problemf reports a problem of the statement being parsed.
func (p *parser) problemf(off int, format string, args ...any) {
	p.reported = true
	p.f.Problemf(off, format, args...)
}

// char returns the current byte. Inside a block it reads on past the end of a line; outside one,
// ok is false there.
func (p *parser) char() (byte, bool) {
	if p.i >= p.cur.Len() && (p.depth == 0 || !p.next()) {
		return 0, false
	}
	return p.cur.S[p.i], true
}

// inLine returns the current byte without reading another line.
func (p *parser) inLine() (byte, bool) {
	if p.i >= p.cur.Len() {
		return 0, false
	}
	return p.cur.S[p.i], true
}

// skipLine moves to the line break of the current line.
func (p *parser) skipLine() {
	if j := strings.IndexByte(p.cur.S[min(p.i, p.cur.Len()):], '\n'); j >= 0 {
		p.i += j
	} else {
		p.i = p.cur.Len()
	}
}

// skipDelims skips token delimiters (and @ echo suppressors) within the current line.
func (p *parser) skipDelims() {
	for c, ok := p.inLine(); ok && (isDelim(c) || c == '@'); c, ok = p.inLine() {
		p.i++
	}
}

// list parses commands until the end of the statement: the end of the line outside a block, the
// closing parenthesis inside one.
func (p *parser) list() []node {
	var out []node
	cond := false // the next command runs only after another: it follows && or ||, or | pipes to it
	for {
		p.skipDelims()
		c, ok := p.char()
		if !ok {
			return out
		}
		switch c {
		case '\n':
			p.i++
			if p.depth == 0 {
				return out
			}
			continue
		case ')':
			if p.depth > 0 {
				return out
			}
			p.skipLine() // a line starting with ) is ignored outside a block
			continue
		case '&', '|':
			p.i++
			double := p.i < p.cur.Len() && p.cur.S[p.i] == c
			if double {
				p.i++
			} else if c == '|' && len(out) > 0 {
				if prev, ok := out[len(out)-1].(*command); ok {
					prev.top = false // the left side of a pipe
				}
			}
			cond = double || c == '|'
			continue
		case ':':
			p.skipLine() // a label, or a :: comment
			continue
		case '(':
			out = append(out, p.block())
			cond = false
			continue
		}
		n := p.command()
		if c, ok := n.(*command); ok {
			c.top = p.depth == 0 && !cond
		}
		cond = false
		if n != nil {
			out = append(out, n)
		} else if p.i < p.cur.Len() && p.cur.S[p.i] != '\n' && p.cur.S[p.i] != ')' && p.cur.S[p.i] != '&' && p.cur.S[p.i] != '|' {
			p.i++ // never stall on a byte no rule consumed
		}
	}
}

// block parses ( list ).
func (p *parser) block() node {
	if !p.enter() {
		return nil
	}
	defer func() { p.nest-- }()
	open := p.cur.Offset(p.i)
	p.i++
	p.depth++
	body := p.list()
	p.depth--
	if c, ok := p.inLine(); ok && c == ')' {
		p.i++
	} else {
		p.problemf(open, "this parenthesis is never closed; cmd.exe would wait for more input")
	}
	return &block{body}
}

// body parses the command of an IF, ELSE or DO: a block or a single command.
func (p *parser) body() node {
	p.skipDelims()
	if c, ok := p.inLine(); ok && c == '(' {
		return p.block()
	}
	return p.command()
}

// command parses one command at the current position.
func (p *parser) command() node {
	if !p.enter() {
		return nil
	}
	defer func() { p.nest-- }()
	switch p.keyword() {
	case "rem":
		p.skipLine()
		return nil
	case "if":
		return p.ifCmd()
	case "for":
		return p.forCmd()
	}
	return p.simple()
}

// keyword returns the lower-cased letters at the current position when a delimiter or the end of
// the line follows them, as cmd.exe recognizes REM, IF, FOR and ELSE.
func (p *parser) keyword() string {
	s := p.cur.S
	j := p.i
	for j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') {
		j++
	}
	if j == p.i || (j < len(s) && !isDelim(s[j]) && s[j] != '\n' && s[j] != '(' && s[j] != '.' && s[j] != '/') {
		return ""
	}
	return strings.ToLower(s[p.i:j])
}

// simple parses a simple command up to an unquoted operator or the end of the line.
func (p *parser) simple() node {
	if j, _ := p.literal(false); j == p.cur.Len() || strings.IndexByte("^<>", p.cur.S[j]) < 0 {
		t := p.cur.Slice(p.i, j) // no caret or redirection: the command as written, not copied
		p.i = j
		return commandOf(t)
	}
	b := p.buf
	quoted := false
loop:
	for {
		if j, q := p.literal(quoted); j > p.i {
			b.CopyRange(p.cur, p.i, j) // a run at a time: most of a command is copied as it is
			p.i, quoted = j, q
			continue
		}
		c, ok := p.inLine()
		if !ok || c == '\n' {
			break
		}
		switch c { // what literal stops at: outside quotes, a caret, an operator or a redirection
		case '^':
			p.i++
			c2, ok := p.inLine()
			if !ok {
				break loop
			}
			if c2 == '\n' { // a caret before the line break joins the next line
				p.i++
				if !p.next() {
					break loop
				}
				if p.cur.S[0] == '\n' {
					continue
				}
			}
			b.Copy(p.cur, p.i) // the escaped byte, literal
			p.i++
		case '<', '>':
			p.redirect(b)
		default: // & | )
			break loop
		}
	}
	return commandOf(b.Detach(p.cur.Offset(p.i)))
}

// commandOf returns the command of text t, or nil when t holds no command.
func commandOf(t value.Text) node {
	if strings.TrimLeft(t.S, " \t,;=@") == "" {
		return nil
	}
	return &command{text: t}
}

// literal returns the end of the bytes from p.i on that simple copies as they are, and whether
// a quote is open there: up to a line break, and outside quotes up to a caret, an operator or a
// redirection. quoted says whether a quote is open at p.i.
func (p *parser) literal(quoted bool) (int, bool) {
	s := p.cur.S
	j := p.i
	for ; j < len(s); j++ {
		switch c := s[j]; c {
		case '\n':
			return j, quoted
		case '"':
			quoted = !quoted
		case '^', '&', '|', '<', '>', ')':
			if !quoted && (c != ')' || p.depth > 0) {
				return j, quoted
			}
		}
	}
	return j, quoted
}

// redirect skips a redirection (<, >, >>, with a handle number before it, a &N or a file after it):
// cmd.exe removes it from the command line a program sees.
func (p *parser) redirect(b *value.Builder) {
	if n := b.Len(); n > 0 && isDigit(b.At(n-1)) && (n == 1 || isDelim(b.At(n-2))) {
		b.Truncate(n - 1) // the handle: 2>nul
	}
	op := p.cur.S[p.i]
	p.i++
	if c, ok := p.inLine(); ok && op == '>' && c == '>' {
		p.i++
	}
	if c, ok := p.inLine(); ok && c == '&' {
		p.i++
		if c, ok := p.inLine(); ok && isDigit(c) {
			p.i++
		}
		return
	}
	for c, ok := p.inLine(); ok && (c == ' ' || c == '\t'); c, ok = p.inLine() {
		p.i++
	}
	quoted := false
	for c, ok := p.inLine(); ok && c != '\n'; c, ok = p.inLine() {
		if !quoted && (isDelim(c) || c == '&' || c == '|' || c == '<' || c == '>' || (c == ')' && p.depth > 0)) {
			return
		}
		switch c {
		case '"':
			quoted = !quoted
		case '^':
			if !quoted {
				p.i++
			}
		}
		p.i++
	}
}

// word reads one token of cmd.exe's own syntax (IF and FOR operands): delimiters separate tokens,
// quotes group, a caret escapes, and == ends a token.
func (p *parser) word() string { return p.token(isDelim) }

// forOptions reads the options of FOR /F: a word, but when written without quotes only a blank
// ends it, and carets escape blanks, equal signs and quotes (tokens^=2^ delims^=^").
func (p *parser) forOptions() string {
	return p.token(func(c byte) bool { return c == ' ' || c == '\t' })
}

// token reads one token that an unquoted, unescaped byte for which delim is true ends, as do the
// operators & | < > ( ). An escaped quote is a quote character, which groups nothing.
func (p *parser) token(delim func(byte) bool) string {
	p.skipDelims()
	var w strings.Builder
	quoted := false
	for c, ok := p.inLine(); ok && c != '\n'; c, ok = p.inLine() {
		escaped := false
		if !quoted {
			if delim(c) || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')' {
				break
			}
			if c == '^' && p.i+1 < p.cur.Len() && p.cur.S[p.i+1] != '\n' {
				p.i++
				c, escaped = p.cur.S[p.i], true
			}
		}
		if c == '"' && !escaped {
			quoted = !quoted
		}
		w.WriteByte(c)
		p.i++
	}
	return w.String()
}

// ifCmd parses IF [/I] [NOT] condition command [ELSE command].
func (p *parser) ifCmd() node {
	p.i += len("if")
	w := p.word()
	if strings.EqualFold(w, "/i") {
		w = p.word()
	}
	if strings.EqualFold(w, "not") {
		w = p.word()
	}
	switch strings.ToLower(w) {
	case "exist", "defined", "errorlevel", "cmdextversion":
		p.word()
	default:
		for c, ok := p.inLine(); ok && (c == ' ' || c == '\t'); c, ok = p.inLine() {
			p.i++
		}
		if strings.HasPrefix(p.cur.S[p.i:], "==") {
			p.i += 2
			p.word()
		} else {
			p.word() // EQU, NEQ, LSS, LEQ, GTR, GEQ
			p.word()
		}
	}
	n := &ifNode{then: p.body()}
	if _, ok := n.then.(*block); ok {
		save := p.i
		for c, ok := p.inLine(); ok && (c == ' ' || c == '\t'); c, ok = p.inLine() {
			p.i++
		}
		if p.keyword() == "else" {
			p.i += len("else")
			n.els = p.body()
		} else {
			p.i = save
		}
	}
	return n
}

// forCmd parses FOR [options] %v IN (set) DO command.
func (p *parser) forCmd() node {
	start := p.cur.Offset(p.i)
	p.i += len("for")
	n := &forNode{}
	w := p.word()
	for strings.HasPrefix(w, "/") {
		n.opt = strings.ToLower(w)
		if n.opt == "/r" || n.opt == "/f" {
			save := p.i
			read := p.word // the path of /R
			if n.opt == "/f" {
				read = p.forOptions
			}
			if next := read(); strings.HasPrefix(next, "%") {
				p.i = save // no path or options: this is the variable
			}
		}
		w = p.word()
	}
	if len(w) != 2 || w[0] != '%' || !strings.EqualFold(p.word(), "in") {
		return p.badFor(start)
	}
	n.v = w[1]
	p.skipDelims()
	if c, ok := p.inLine(); !ok || c != '(' {
		return p.badFor(start)
	}
	p.i++
	list, ok := p.forSet(n.opt == "/f")
	if !ok || !strings.EqualFold(p.word(), "do") {
		return p.badFor(start)
	}
	n.list = list
	n.body = p.body()
	return n
}

func (p *parser) badFor(start int) node {
	p.problemf(start, "FOR command not understood; its body is not analyzed")
	p.skipLine()
	return nil
}

// forSet reads the set of a FOR up to its closing parenthesis, across lines; the opening
// parenthesis is consumed. Line breaks in the set become spaces.
func (p *parser) forSet(commandQuotes bool) (value.Text, bool) {
	b := p.buf
	var quote byte
	p.depth++
	defer func() { p.depth-- }()
	for {
		c, ok := p.char()
		if !ok {
			return b.Detach(0), false
		}
		if j := p.setText(quote, commandQuotes); j > p.i {
			b.CopyRange(p.cur, p.i, j) // a run at a time
			p.i = j
			continue
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || (commandQuotes && (c == '\'' || c == '`')):
			quote = c
		case c == ')':
			p.i++
			return b.Detach(p.cur.Offset(p.i)), true
		case c == '^' && p.i+1 < p.cur.Len():
			p.i++
			c = p.cur.S[p.i]
		}
		if c == '\n' {
			lo, hi := p.cur.Span(p.i, p.i+1)
			b.Byte(' ', lo, hi, false)
		} else {
			b.Copy(p.cur, p.i)
		}
		p.i++
	}
}

// setText returns the end of the bytes from p.i on that forSet copies as they are: up to a line
// break, the closing quote when quote is open, and otherwise up to a quote, a caret or a closing
// parenthesis.
func (p *parser) setText(quote byte, commandQuotes bool) int {
	s := p.cur.S
	j := p.i
	for ; j < len(s) && s[j] != '\n'; j++ {
		c := s[j]
		if quote != 0 {
			if c == quote {
				break
			}
			continue
		}
		if c == '"' || c == ')' || c == '^' || commandQuotes && (c == '\'' || c == '`') {
			break
		}
	}
	return j
}

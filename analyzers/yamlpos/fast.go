package yamlpos

import (
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The YAML parser spends most of an analysis building its event stream. Most files are written in a
// small part of YAML: block mappings and sequences; plain, quoted and block scalars; comments;
// flow collections; anchors and aliases in values; "---" between documents. fastParse reads that
// part directly into the nodes the YAML parser (yaml.v3's Decoder) would build for the same text,
// and declines everything else: tags, directives, complex keys, anchors on keys, tabs, and any
// text the YAML parser would reject or read in a way fastParse does not follow. A declined text is
// read by the YAML parser, errors and all. The comments of nodes are left empty: nothing reads
// them.

// maxFastDepth bounds the nesting of collections fastParse reads; deeper text is declined.
const maxFastDepth = 1000

// maxKeyBytes bounds the length of a key: the YAML parser looks at most 1024 characters past the
// start of a key for its ':'.
const maxKeyBytes = 1000

// declined is the panic value that makes fastParse decline a text; why says what it met.
type declined struct{ why string }

// fastParse reads the documents of src, or reports that it declines the text.
func fastParse(src []byte) (docs []*yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil { // declined, or a bug in fastParse: the YAML parser reads the text
			docs, ok = nil, false
		}
	}()
	return newFastParser(src).stream(), true
}

// mark is a position in the text: its offset, line (from 0) and the offset of the line's start.
type mark struct{ off, line, bol int }

// fastParser reads one text. Its methods panic with declined when the text is outside the part of
// YAML it reads.
type fastParser struct {
	src   []byte
	str   string // src as a string: scalars written as they read are parts of it
	ascii bool   // src has no character of more than one byte: columns are byte counts
	pos   int    // the offset read up to
	line  int    // the line of pos, from 0
	bol   int    // the offset where the line of pos starts
	depth int    // the collections open

	nodes []yaml.Node  // nodes allocated ahead
	ptrs  []*yaml.Node // content slots allocated ahead
	kids  []*yaml.Node // the children of the open collections, innermost last
	chunk int          // how many nodes or slots to allocate at once
	buf   []byte       // scratch for scalars that need unescaping or folding

	anchors map[string]*yaml.Node // the nodes with anchors read, by anchor

	colMark mark // a position whose column is known, to count the columns of wide lines on from
	colN    int  // its column
}

func newFastParser(src []byte) *fastParser {
	// Nodes are allocated in chunks of at most 200, under 32 KB: larger objects cost more to
	// allocate.
	p := &fastParser{src: src, chunk: min(max(len(src)/24, 8), 200)}
	p.ascii = checkChars(src)
	p.str = string(src)
	return p
}

func (p *fastParser) decline(why string) { panic(declined{why}) }

// checkChars declines text with characters fastParse leaves to the YAML parser: control characters
// (tabs included) but line feeds and CR LF pairs, invalid UTF-8, and the characters the YAML parser
// rejects or reads as line breaks or byte order marks. It reports whether all characters are ASCII.
func checkChars(src []byte) bool {
	ascii := true
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && (c != '\r' || i+1 == len(src) || src[i+1] != '\n') || c == 0x7F {
				panic(declined{"control character"})
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			panic(declined{"invalid UTF-8"})
		case r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF, r == 0xFFFE, r == 0xFFFF:
			panic(declined{"special character"})
		}
		ascii = false
		i += size
	}
	return ascii
}

// stream reads every document.
func (p *fastParser) stream() []*yaml.Node {
	var docs []*yaml.Node
	p.skipSpace()
	for p.pos < len(p.src) {
		at := p.mark()
		explicit := p.atDocMarker('-')
		if explicit {
			p.pos += 3
			p.endLine()
			p.skipSpace()
		}
		if p.atDocMarker('.') || p.pos < len(p.src) && p.pos == p.bol && p.src[p.pos] == '%' {
			p.decline("document end or directive")
		}
		var root *yaml.Node
		if p.pos == len(p.src) || p.atDocMarker('-') {
			root = p.null(p.tokenMark())
		} else {
			root = p.node(-1)
			p.skipSpace()
			if p.pos < len(p.src) && !p.atDocMarker('-') {
				p.decline("text after the document")
			}
		}
		doc := p.newNode(yaml.DocumentNode, 0, "", "", at) // at "---", or at the root's first token
		doc.Content = p.ptrSlice(1)
		doc.Content[0] = root
		docs = append(docs, doc)
	}
	return docs
}

// node reads the node at the next token, which starts a line or follows "- ": a block collection may
// start there. ind is the indentation of the innermost block collection, -1 for none.
func (p *fastParser) node(ind int) *yaml.Node {
	at := p.mark()
	switch c := p.src[p.pos]; {
	case c == '-' && p.blankz(p.pos+1):
		return p.blockSeq(at)
	case c == '|' || c == '>':
		return p.blockScalar(ind)
	case c == '[' || c == '{':
		n := p.flow()
		p.endLine()
		return n
	case c == '&':
		return p.anchored(ind, false)
	case c == '*':
		n := p.alias()
		p.endLine()
		return n
	}
	n, isKey := p.scalarOrKey(ind)
	if isKey {
		return p.blockMap(at, n)
	}
	return n
}

// scalarOrKey reads the quoted or plain scalar at the next token, and reports whether it is a key:
// then the position is at its ':'. Otherwise the rest of the line is read.
func (p *fastParser) scalarOrKey(ind int) (*yaml.Node, bool) {
	at := p.mark()
	var n *yaml.Node
	if c := p.src[p.pos]; c == '"' || c == '\'' {
		n = p.quoted()
		p.skipBlanks()
		if p.pos == len(p.src) || p.src[p.pos] != ':' || !p.blankz(p.pos+1) {
			p.endLine()
			return n, false
		}
		if p.line != at.line {
			p.decline("key over several lines")
		}
	} else {
		var colon bool
		if n, colon = p.plain(ind, false); !colon {
			return n, false
		}
	}
	if p.pos-at.off > maxKeyBytes {
		p.decline("long key")
	}
	return n, true
}

// blockMap reads a block mapping whose first key, read already, starts at at; the position is at
// the key's ':'.
func (p *fastParser) blockMap(at mark, key *yaml.Node) *yaml.Node {
	p.enter()
	m := p.newNode(yaml.MappingNode, 0, mapTag, "", at)
	base := len(p.kids)
	ind := at.off - at.bol // only spaces and "- " come before a key that starts a mapping
	for {
		p.pos++ // the ':'
		p.kids = append(p.kids, key, p.value(ind, p.mark()))
		p.skipSpace()
		if p.atDocEnd() {
			break
		}
		if col := p.pos - p.bol; col < ind {
			break
		} else if col > ind {
			p.decline("mapping entry indented more than its mapping")
		}
		var isKey bool
		if key, isKey = p.scalarOrKey(ind); !isKey {
			p.decline("no key in a mapping")
		}
	}
	m.Content = p.content(base)
	p.leave()
	return m
}

// value reads the value after a key's ':' (at empty) in a block mapping indented ind.
func (p *fastParser) value(ind int, empty mark) *yaml.Node {
	p.skipBlanks()
	if !p.atLineEnd() && p.src[p.pos] != '#' {
		return p.inline(ind)
	}
	p.skipSpace()
	if p.atDocEnd() {
		return p.null(empty)
	}
	switch col := p.pos - p.bol; {
	case col > ind:
		return p.node(ind)
	case col == ind && p.src[p.pos] == '-' && p.blankz(p.pos+1):
		return p.blockSeq(p.mark()) // a sequence not indented under its key
	}
	return p.null(empty)
}

// inline reads a value on the line of its key, in a block mapping indented ind: no block
// collection may start there.
func (p *fastParser) inline(ind int) *yaml.Node {
	var n *yaml.Node
	switch c := p.src[p.pos]; c {
	case '|', '>':
		return p.blockScalar(ind)
	case '[', '{':
		n = p.flow()
	case '"', '\'':
		n = p.quoted()
	case '&':
		return p.anchored(ind, true)
	case '*':
		n = p.alias()
	default:
		var colon bool
		if n, colon = p.plain(ind, false); colon {
			p.decline("key after a key")
		}
		return n
	}
	p.endLine()
	return n
}

// anchored reads a node with an anchor, in the block context; ind is the indentation of the
// innermost block collection, and mapValue tells whether the node is the value of a key (then a
// sequence not indented under its key may follow). The node is on the anchor's line, or, when the
// anchor ends the line, on the next lines. Aliases to the anchor inside the node are declined: they
// would refer to the node itself.
func (p *fastParser) anchored(ind int, mapValue bool) *yaml.Node {
	at := p.anchorMark()
	name := p.name()
	if !p.blankz(p.pos) {
		p.decline("no space after an anchor")
	}
	delete(p.anchors, name)
	p.skipBlanks()
	var n *yaml.Node
	if p.atLineEnd() || p.src[p.pos] == '#' {
		p.skipSpace()
		if p.atDocEnd() {
			p.decline("empty node with an anchor")
		}
		switch col := p.pos - p.bol; {
		case col > ind:
			n = p.node(ind)
		case col == ind && mapValue && p.src[p.pos] == '-' && p.blankz(p.pos+1):
			n = p.blockSeq(p.mark())
		default:
			p.decline("empty node with an anchor")
		}
	} else {
		n = p.inline(ind)
	}
	return p.setAnchor(n, name, at)
}

// anchorMark returns the line and column of the anchor at the position, counted as nodes count
// them. The column is counted before the node is read: characters are counted in order.
func (p *fastParser) anchorMark() [2]int {
	return [2]int{p.line + 1, p.column(p.mark()) + 1}
}

// setAnchor gives n the anchor name written at at, where n then starts.
func (p *fastParser) setAnchor(n *yaml.Node, name string, at [2]int) *yaml.Node {
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		p.decline("two anchors")
	}
	n.Anchor = name
	n.Line, n.Column = at[0], at[1]
	if p.anchors == nil {
		p.anchors = map[string]*yaml.Node{}
	}
	if _, inner := p.anchors[name]; !inner { // the YAML parser names n first, then what is inside it
		p.anchors[name] = n
	}
	return n
}

// alias reads an alias, which must name a node read before.
func (p *fastParser) alias() *yaml.Node {
	at := p.mark()
	name := p.name()
	target := p.anchors[name]
	if target == nil {
		p.decline("alias to an unknown anchor")
	}
	n := p.newNode(yaml.AliasNode, 0, "", name, at)
	n.Alias = target
	return n
}

// isNameChar reports whether c may be part of the name of an anchor.
func isNameChar(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == '-'
}

// name reads the name of an anchor or alias after its '&' or '*'.
func (p *fastParser) name() string {
	p.pos++
	start := p.pos
	for p.pos < len(p.src) && isNameChar(p.src[p.pos]) {
		p.pos++
	}
	if p.pos == start {
		p.decline("empty anchor or alias")
	}
	return p.str[start:p.pos]
}

// blockSeq reads the block sequence whose first "-" is at at. A sequence indented as much as the
// mapping it is the value of ends at the first line of that indentation not starting with "-".
func (p *fastParser) blockSeq(at mark) *yaml.Node {
	p.enter()
	s := p.newNode(yaml.SequenceNode, 0, seqTag, "", at)
	base := len(p.kids)
	ind := at.off - at.bol
	for {
		p.pos++ // the '-'
		p.kids = append(p.kids, p.item(ind, p.mark()))
		p.skipSpace()
		if p.atDocEnd() {
			break
		}
		if col := p.pos - p.bol; col < ind {
			break
		} else if col > ind {
			p.decline("sequence entry indented more than its sequence")
		}
		if p.src[p.pos] != '-' || !p.blankz(p.pos+1) {
			break // the next key of the mapping whose value the sequence is, or an error
		}
	}
	s.Content = p.content(base)
	p.leave()
	return s
}

// item reads the item after a "-" (ending at empty) of a sequence indented ind.
func (p *fastParser) item(ind int, empty mark) *yaml.Node {
	p.skipBlanks()
	if !p.atLineEnd() && p.src[p.pos] != '#' {
		return p.node(ind)
	}
	p.skipSpace()
	if p.atDocEnd() || p.pos-p.bol <= ind {
		return p.null(empty)
	}
	return p.node(ind)
}

// plain reads a plain scalar; ind is the indentation of the innermost block collection. It reports
// whether the scalar ends at a ": " (a key), leaving the position at the ':'. Otherwise, in the
// block context, the rest of the line is read. A scalar over several lines is folded: a line break
// becomes a space, the line breaks of empty lines are kept.
func (p *fastParser) plain(ind int, flow bool) (*yaml.Node, bool) {
	at := p.mark()
	if !p.startsPlain(flow) {
		p.decline("not a plain scalar")
	}
	b, folded := p.buf[:0], false
	var end, i int
	var stop byte // what ends the part on the line: ':', '#', a flow indicator, or '\n' for the line's end
	for {
		start := p.pos
		end, i, stop = start, start, '\n'
	scan:
		for ; i < len(p.src); i++ {
			switch c := p.src[i]; {
			case c == ' ':
			case c == '\n' || c == '\r':
				break scan
			case c == '#' && p.src[i-1] == ' ', c == ':' && p.blankz(i+1):
				stop = c
				break scan
			case flow && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}'):
				stop = c
				break scan
			default:
				end = i + 1
			}
		}
		if folded {
			b = append(b, p.src[start:end]...)
		}
		if stop != '\n' || !p.continues(i, ind, flow) {
			break
		}
		if !folded {
			b, folded = append(b, p.src[start:end]...), true
		}
		p.pos = i
		breaks := 0
		for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.atBreak()) {
			if p.src[p.pos] == ' ' {
				p.pos++
				continue
			}
			breaks++
			p.newline()
		}
		if breaks == 1 {
			b = append(b, ' ')
		}
		for ; breaks > 1; breaks-- {
			b = append(b, '\n')
		}
	}
	value := p.str[at.off:end]
	if folded {
		if stop == ':' {
			p.decline("key over several lines")
		}
		value = string(b)
		p.buf = b
	}
	n := p.newNode(yaml.ScalarNode, 0, plainTag(value), value, at)
	if flow {
		p.pos = end
		return n, false
	}
	p.pos = i
	if stop != ':' {
		p.endLine()
	}
	return n, stop == ':'
}

// continues reports whether the plain scalar whose line ends at i goes on in the next lines: when
// the next line with text is indented more than ind (in the block context), starts neither a
// comment nor a document, and (in a flow) starts with no flow indicator.
func (p *fastParser) continues(i, ind int, flow bool) bool {
	bol := i
	for i < len(p.src) {
		switch c := p.src[i]; {
		case c == ' ':
			i++
		case c == '\r':
			i += 2
			bol = i
		case c == '\n':
			i++
			bol = i
		case c == '#':
			return false
		case i == bol && i+3 <= len(p.src) && (string(p.src[i:i+3]) == "---" || string(p.src[i:i+3]) == "...") && p.blankz(i+3):
			return false
		case flow && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':' && p.blankz(i+1)):
			return false
		case !flow && i-bol <= ind:
			return false
		case c == ':' && p.blankz(i+1):
			p.decline("line starting with ': '")
		default:
			return true
		}
	}
	return false
}

// startsPlain reports whether a plain scalar may start at the position.
func (p *fastParser) startsPlain(flow bool) bool {
	switch p.src[p.pos] {
	case '-':
		return !p.blankz(p.pos + 1)
	case '?', ':':
		return !flow && !p.blankz(p.pos+1)
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\n', '\r':
		return false
	}
	return true
}

// flow reads a flow sequence or mapping.
func (p *fastParser) flow() *yaml.Node {
	at := p.mark()
	p.enter()
	closer, kind, tag := byte(']'), yaml.SequenceNode, seqTag
	if p.src[p.pos] == '{' {
		closer, kind, tag = '}', yaml.MappingNode, mapTag
	}
	n := p.newNode(kind, yaml.FlowStyle, tag, "", at)
	base := len(p.kids)
	p.pos++
	p.flowSpace()
	if p.src[p.pos] == closer {
		p.pos++
		p.leave()
		return n
	}
	for {
		if kind == yaml.MappingNode {
			p.kids = append(p.kids, p.flowKey())
			p.pos++ // the ':'
			p.flowSpace()
		}
		p.kids = append(p.kids, p.flowNode())
		p.flowSpace()
		if c := p.src[p.pos]; c == closer {
			p.pos++
			break
		} else if c != ',' {
			p.decline("no ',' after a flow entry")
		}
		p.pos++
		p.flowSpace()
		if c := p.src[p.pos]; c == closer {
			p.pos++
			break // a ',' may end the entries
		} else if c == ',' {
			p.decline("empty flow entry")
		}
	}
	n.Content = p.content(base)
	p.leave()
	return n
}

// flowSpace moves to the next token in a flow collection, which must be there.
func (p *fastParser) flowSpace() {
	p.skipSpace()
	if p.atDocEnd() {
		p.decline("flow collection not closed")
	}
}

// flowNode reads a node in a flow collection.
func (p *fastParser) flowNode() *yaml.Node {
	switch p.src[p.pos] {
	case '[', '{':
		return p.flow()
	case '"', '\'':
		return p.quoted()
	case '*':
		return p.alias()
	case '&':
		at := p.anchorMark()
		name := p.name()
		if p.pos == len(p.src) || p.src[p.pos] != ' ' {
			p.decline("no space after an anchor")
		}
		delete(p.anchors, name)
		p.skipBlanks()
		if p.atLineEnd() || p.src[p.pos] == '#' || p.src[p.pos] == '&' {
			p.decline("anchor alone on its line")
		}
		return p.setAnchor(p.flowNode(), name, at)
	}
	n, _ := p.plain(0, true)
	return n
}

// flowKey reads a key in a flow mapping, and moves to its ':'.
func (p *fastParser) flowKey() *yaml.Node {
	at := p.mark()
	var k *yaml.Node
	switch p.src[p.pos] {
	case '"', '\'':
		k = p.quoted()
		if p.line != at.line {
			p.decline("key over several lines")
		}
	default:
		k, _ = p.plain(0, true)
	}
	p.skipBlanks()
	if p.pos == len(p.src) || p.src[p.pos] != ':' || p.pos-at.off > maxKeyBytes {
		p.decline("flow mapping entry without ':'")
	}
	return k
}

// blockScalar reads a literal or folded block scalar; ind is the indentation of the innermost block
// collection. It ends at the start of a line, or at the end of the text.
func (p *fastParser) blockScalar(ind int) *yaml.Node {
	at := p.mark()
	literal := p.src[p.pos] == '|'
	p.pos++
	chomp, incr := byte(0), 0
	for range 2 {
		if p.pos == len(p.src) {
			break
		}
		switch c := p.src[p.pos]; {
		case (c == '+' || c == '-') && chomp == 0:
			chomp = c
		case c >= '1' && c <= '9' && incr == 0:
			incr = int(c - '0')
		case c == '0':
			p.decline("indentation indicator 0")
		default:
			continue
		}
		p.pos++
	}
	p.skipBlanks()
	if p.pos < len(p.src) && p.src[p.pos] == '#' {
		p.skipComment()
	}
	if !p.atLineEnd() {
		p.decline("text after a block scalar indicator")
	}
	if p.pos < len(p.src) {
		p.newline()
	}

	indent := 0
	if incr > 0 {
		indent = max(ind, 0) + incr
	}
	breaks := 0 // the empty lines read and not yet written
	maxIndent := 0
	for {
		p.indentTo(indent)
		maxIndent = max(maxIndent, p.pos-p.bol)
		if !p.atBreak() {
			break
		}
		breaks++
		p.newline()
	}
	if indent == 0 {
		indent = max(maxIndent, ind+1, 1)
	}

	b := p.buf[:0]
	broken := false // a line break follows the last line written
	blankStart := false
	for p.pos-p.bol == indent && p.pos < len(p.src) {
		blank := p.src[p.pos] == ' '
		if !literal && broken && !blankStart && !blank {
			if breaks == 0 {
				b = append(b, ' ')
			}
		} else if broken {
			b = append(b, '\n')
		}
		for ; breaks > 0; breaks-- {
			b = append(b, '\n')
		}
		blankStart = blank
		end := p.pos
		for end < len(p.src) && p.src[end] != '\n' && p.src[end] != '\r' {
			end++
		}
		b = append(b, p.src[p.pos:end]...)
		p.pos = end
		broken = p.pos < len(p.src)
		if broken {
			p.newline()
		}
		for {
			p.indentTo(indent)
			if !p.atBreak() {
				break
			}
			breaks++
			p.newline()
		}
	}
	if chomp != '-' && broken {
		b = append(b, '\n')
	}
	if chomp == '+' {
		for ; breaks > 0; breaks-- {
			b = append(b, '\n')
		}
	}
	style := yaml.LiteralStyle
	if !literal {
		style = yaml.FoldedStyle
	}
	p.buf = b
	return p.newNode(yaml.ScalarNode, style, strTag, string(b), at)
}

// indentTo moves past the spaces at the position, up to column indent when indent is not 0.
func (p *fastParser) indentTo(indent int) {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' && (indent == 0 || p.pos-p.bol < indent) {
		p.pos++
	}
}

// quoted reads a single- or double-quoted scalar.
func (p *fastParser) quoted() *yaml.Node {
	at := p.mark()
	q := p.src[p.pos]
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
	}
	p.pos++
	start := p.pos
	// The common case: the closing quote on the same line, nothing to unescape.
	for i := start; i < len(p.src); i++ {
		c := p.src[i]
		if c == q {
			if q == '\'' && i+1 < len(p.src) && p.src[i+1] == '\'' {
				break // a quote written twice
			}
			p.pos = i + 1
			return p.newNode(yaml.ScalarNode, style, strTag, p.str[start:i], at)
		}
		if c == '\n' || c == '\r' || c == '\\' && q == '"' {
			break
		}
	}
	b := p.buf[:0]
	for {
		if p.atDocEnd() {
			p.decline("quoted scalar not closed")
		}
		joined := false // an escaped line break: the lines are joined without a space
		for p.pos < len(p.src) && !p.atBlank() {
			c := p.src[p.pos]
			switch {
			case c == '\'' && q == '\'':
				if p.pos+1 < len(p.src) && p.src[p.pos+1] == '\'' {
					b = append(b, '\'')
					p.pos += 2
					continue
				}
			case c == '"' && q == '"':
			case c == '\\' && q == '"':
				if p.pos+1 < len(p.src) && (p.src[p.pos+1] == '\n' || p.src[p.pos+1] == '\r') {
					p.pos++
					p.newline()
					joined = true
					break
				}
				b = p.escape(b)
				continue
			default:
				b = append(b, c)
				p.pos++
				continue
			}
			break
		}
		if p.pos < len(p.src) && p.src[p.pos] == q {
			p.pos++
			break
		}
		// Blanks and line breaks: spaces inside a line are kept, a line break is folded into a space
		// and empty lines into line breaks.
		spaces, breaks := 0, 0
		broken := joined
		for p.pos < len(p.src) {
			if c := p.src[p.pos]; c == ' ' {
				if !broken {
					spaces++
				}
				p.pos++
			} else if c == '\n' || c == '\r' {
				if broken {
					breaks++
				}
				broken = true
				p.newline()
			} else {
				break
			}
		}
		switch {
		case joined:
			for ; breaks > 0; breaks-- {
				b = append(b, '\n')
			}
		case broken && breaks == 0:
			b = append(b, ' ')
		case broken:
			for ; breaks > 0; breaks-- {
				b = append(b, '\n')
			}
		default:
			for ; spaces > 0; spaces-- {
				b = append(b, ' ')
			}
		}
	}
	p.buf = b
	return p.newNode(yaml.ScalarNode, style, strTag, string(b), at)
}

// escape reads the escape sequence at the position and appends what it stands for to b.
func (p *fastParser) escape(b []byte) []byte {
	if p.pos+1 == len(p.src) {
		p.decline("escape at the end")
	}
	c := p.src[p.pos+1]
	p.pos += 2
	if s, ok := escapes[c]; ok {
		return append(b, s...)
	}
	digits := 0
	switch c {
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	}
	if digits == 0 || p.pos+digits > len(p.src) {
		p.decline("unknown escape")
	}
	r := rune(0)
	for _, d := range p.src[p.pos : p.pos+digits] {
		switch {
		case d >= '0' && d <= '9':
			r = r<<4 | rune(d-'0')
		case d >= 'a' && d <= 'f':
			r = r<<4 | rune(d-'a'+10)
		case d >= 'A' && d <= 'F':
			r = r<<4 | rune(d-'A'+10)
		default:
			p.decline("not a hexadecimal digit")
		}
	}
	if r >= 0xD800 && r <= 0xDFFF || r > utf8.MaxRune || r < 0 {
		p.decline("invalid escaped character")
	}
	p.pos += digits
	return utf8.AppendRune(b, r)
}

// escapes are the escape sequences of double-quoted scalars that stand for fixed text.
var escapes = map[byte]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r",
	'e': "\x1b", ' ': " ", '"': "\"", '\'': "'", '\\': "\\",
	'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
}

// skipSpace moves past spaces, line breaks and comments, to the next token or the end of the text.
func (p *fastParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ':
			p.pos++
		case '\n', '\r':
			p.newline()
		case '#':
			p.skipComment()
		default:
			return
		}
	}
}

// skipComment moves past the comment at the position, to the end of its line. A comment must
// follow a space or start a line.
func (p *fastParser) skipComment() {
	if p.pos > p.bol && p.src[p.pos-1] != ' ' {
		p.decline("comment not after a space")
	}
	for p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '\r' {
		p.pos++
	}
}

// endLine moves past the spaces and the comment that may end the line, and declines anything else.
func (p *fastParser) endLine() {
	p.skipBlanks()
	if p.pos < len(p.src) && p.src[p.pos] == '#' {
		p.skipComment()
	}
	if !p.atLineEnd() {
		p.decline("text after a node")
	}
}

func (p *fastParser) skipBlanks() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

// newline moves past the line break at the position.
func (p *fastParser) newline() {
	if p.src[p.pos] == '\r' {
		p.pos++ // checkChars saw to it that a line feed follows
	}
	p.pos++
	p.line++
	p.bol = p.pos
}

func (p *fastParser) atLineEnd() bool { return p.pos == len(p.src) || p.atBreak() }

func (p *fastParser) atBreak() bool {
	return p.pos < len(p.src) && (p.src[p.pos] == '\n' || p.src[p.pos] == '\r')
}

func (p *fastParser) atBlank() bool {
	c := p.src[p.pos]
	return c == ' ' || c == '\n' || c == '\r'
}

// blankz reports whether the text at i is a space, a line break or the end.
func (p *fastParser) blankz(i int) bool {
	return i >= len(p.src) || p.src[i] == ' ' || p.src[i] == '\n' || p.src[i] == '\r'
}

// atDocMarker reports whether a line starts at the position with "---" (c '-') or "..." (c '.').
func (p *fastParser) atDocMarker(c byte) bool {
	i := p.pos
	return i == p.bol && i+3 <= len(p.src) && p.src[i] == c && p.src[i+1] == c && p.src[i+2] == c && p.blankz(i+3)
}

// atDocEnd reports whether the document ends at the position: at the end of the text, or at a
// line starting with "---" or "...".
func (p *fastParser) atDocEnd() bool {
	return p.pos == len(p.src) || p.atDocMarker('-') || p.atDocMarker('.')
}

func (p *fastParser) mark() mark { return mark{p.pos, p.line, p.bol} }

// tokenMark is the mark of the next token: at the end of the text, the YAML parser puts it at the
// start of a line.
func (p *fastParser) tokenMark() mark {
	if p.pos == len(p.src) && p.pos > p.bol {
		return mark{p.pos, p.line + 1, p.pos}
	}
	return p.mark()
}

func (p *fastParser) null(at mark) *yaml.Node {
	return p.newNode(yaml.ScalarNode, 0, nullTag, "", at)
}

func (p *fastParser) enter() {
	if p.depth++; p.depth > maxFastDepth {
		p.decline("nested too deeply")
	}
}

func (p *fastParser) leave() { p.depth-- }

// newNode returns a node at at; the YAML parser counts lines and columns from 1, columns in
// characters.
func (p *fastParser) newNode(kind yaml.Kind, style yaml.Style, tag, value string, at mark) *yaml.Node {
	if len(p.nodes) == 0 {
		p.nodes = make([]yaml.Node, p.chunk)
	}
	n := &p.nodes[0]
	p.nodes = p.nodes[1:]
	n.Kind, n.Style, n.Tag, n.Value = kind, style, tag, value
	n.Line, n.Column = at.line+1, p.column(at)+1
	return n
}

// column returns the column of at, from 0.
func (p *fastParser) column(at mark) int {
	if p.ascii {
		return at.off - at.bol
	}
	from, col := at.bol, 0
	if c := p.colMark; c.bol == at.bol && c.off <= at.off && c.off > 0 {
		from, col = c.off, p.colN
	}
	col += utf8.RuneCount(p.src[from:at.off])
	p.colMark, p.colN = at, col
	return col
}

// content returns the children pushed since base, in a slice of their own, and pops them.
func (p *fastParser) content(base int) []*yaml.Node {
	k := len(p.kids) - base
	if k == 0 {
		return nil
	}
	c := p.ptrSlice(k)
	copy(c, p.kids[base:])
	clear(p.kids[base:])
	p.kids = p.kids[:base]
	return c
}

// ptrSlice returns a slice of k slots, its capacity k.
func (p *fastParser) ptrSlice(k int) []*yaml.Node {
	if len(p.ptrs) < k {
		p.ptrs = make([]*yaml.Node, max(k, p.chunk))
	}
	c := p.ptrs[:k:k]
	p.ptrs = p.ptrs[k:]
	return c
}

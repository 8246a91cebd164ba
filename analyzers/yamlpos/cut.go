package yamlpos

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
)

// The YAML parser builds a node of some 160 bytes for every item of a sequence: a flow sequence of
// two million one-letter names, a file of 8 MiB, is a tree of 325 MB. No extractor reads more than
// assign.MaxAccounts accounts of one list, so before parsing, the items of a long flow sequence past
// the first keptItems are blanked out, offsets and line breaks kept, and the File records the cut
// (see CutOf). Only a tail the parser would read without a word of complaint is blanked: scalars
// alone, each on one line, commas, comments and blanks; a sequence with anything else past its
// first items (nested collections, anchors, tags, aliases, keys) is parsed whole. The scan that
// finds the sequences reads flow collections only, so it is checked against the parse: should the
// parser not find every sequence the scan cut, where the scan found it and with the items it kept,
// or should the text not parse, the text is parsed again as written.

// keptItems is how many items of a long flow sequence are parsed: one more than an extractor takes
// as accounts, so that it sees the list go on where it stops.
const keptItems = assign.MaxAccounts + 1

// Cut is what parsing left out of a long flow sequence.
type Cut struct {
	Past int // the offset in Text of the first item left out
	Left int // how many items were left out
}

// CutOf reports whether the parser read only the first items of sequence seq (aliases followed),
// and what it left out.
func (f *File) CutOf(seq *yaml.Node) (Cut, bool) {
	c, ok := f.cuts[Deref(seq)]
	return c, ok
}

// flowCut is a cut the scan proposes: the flow sequence whose '[' is at open loses its tail, the
// text from the comma at from to its closing ']' at to (applyCuts keeps the comma).
type flowCut struct {
	open, from, to int
	last           int // where the last item kept starts
	past           int // where the first item left out starts
	items          int
}

// maxFlowDepth bounds the flow collections nested in one another that the scan follows.
const maxFlowDepth = 256

// scanCuts returns the cuts of the long flow sequences of src, in the order they end. Every '[' is
// tried as the start of a flow collection, and a collection read to its end is not read again; the
// bytes read stay within a few times the size of src.
func scanCuts(src []byte) []flowCut {
	var cuts []flowCut
	budget := 4*len(src) + 1<<16
	for i := 0; i < len(src) && budget > 0; {
		k := bytes.IndexByte(src[i:], '[')
		if k < 0 {
			break
		}
		p := i + k
		before := len(cuts)
		end, ok := lexFlow(src, p, &cuts)
		budget -= end - p
		if ok {
			i = end
			continue
		}
		cuts = cuts[:before] // a '[' that starts no collection the scan can read; the ones in it are tried on their own
		i = p + 1
	}
	return cuts
}

// flowLevel is one flow collection open during lexFlow.
type flowLevel struct {
	open   int  // its '[' or '{'
	seq    bool // a sequence
	items  int  // the items begun
	inItem bool // an item is begun and no comma has ended it
	last   int  // where item keptItems-1 starts
	from   int  // the comma after item keptItems-1; -1 before it
	past   int  // where item keptItems starts
	unsafe bool // the text after from holds something blanking it could hide from the parser
}

// begin notes that an item of l starts at i, when l is a sequence and none is begun.
func (l *flowLevel) begin(i int) {
	if !l.seq || l.inItem {
		return
	}
	l.inItem = true
	l.items++
	switch l.items {
	case keptItems:
		l.last = i
	case keptItems + 1:
		l.past = i
	}
}

// lexFlow reads the flow collection that opens at src[p] (a '['), appending to cuts the long
// sequences in it that can be cut, itself included. It returns the offset after its closing
// bracket, or where it gave up, and whether it read to the end.
func lexFlow(src []byte, p int, cuts *[]flowCut) (int, bool) {
	stack := []flowLevel{{open: p, seq: true, from: -1}}
	adjacent := false // after a quoted scalar or a collection: a ':' is an indicator whatever follows
	for i := p + 1; i < len(src); {
		top := &stack[len(stack)-1]
		tail := top.from >= 0 // what the cut would blank
		c := src[i]
		if c == ' ' || c == '\t' {
			i++
			continue
		}
		if n := breakLen(src, i); n > 0 {
			i += n
			continue
		}
		wasAdjacent := adjacent
		adjacent = false
		switch {
		case c == '#': // a comment
			if tail && !isBlankAt(src, i-1) {
				top.unsafe = true
			}
			for i < len(src) && breakLen(src, i) == 0 {
				i++
			}
		case c == ',':
			if top.seq && top.inItem {
				top.inItem = false
				if top.items == keptItems && top.from < 0 {
					top.from = i
				}
			}
			i++
		case c == '[' || c == '{':
			top.begin(i)
			top.unsafe = top.unsafe || tail
			if len(stack) == maxFlowDepth {
				return i, false
			}
			stack = append(stack, flowLevel{open: i, seq: c == '[', from: -1})
			i++
		case c == ']' || c == '}':
			if (c == ']') != top.seq {
				return i, false
			}
			if top.seq && top.items > keptItems && !top.unsafe && cleanTail(src[top.from:i]) {
				*cuts = append(*cuts, flowCut{open: top.open, from: top.from, to: i, last: top.last, past: top.past, items: top.items})
			}
			stack = stack[:len(stack)-1]
			i++
			if len(stack) == 0 {
				return i, true
			}
			adjacent = true
		case c == '"' || c == '\'':
			top.begin(i)
			end, oneLine := skipQuotedScalar(src, i)
			if end < 0 {
				return len(src), false
			}
			top.unsafe = top.unsafe || tail && !oneLine
			i, adjacent = end, true
		case c == ':' && (wasAdjacent || endsPlain(src, i+1)), c == '?' && endsPlain(src, i+1): // a key's indicators
			top.unsafe = top.unsafe || tail
			i++
		case c == '-' && endsPlain(src, i+1), strings.IndexByte("|>%@`", c) >= 0:
			return i, false // a block indicator or a reserved one: not flow content
		default: // a property, an alias, or a plain scalar
			top.begin(i)
			top.unsafe = top.unsafe || tail && strings.IndexByte("&!*-?:", c) >= 0
			i = plainEnd(src, i)
		}
	}
	return len(src), false
}

// isBlankAt reports whether src[i] is a blank or a line break.
func isBlankAt(src []byte, i int) bool {
	return i >= 0 && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || breakLen(src, i) > 0)
}

// endsPlain reports whether src[i] cannot continue a plain scalar after an indicator character in
// flow context: the end, a blank, a line break or a flow indicator.
func endsPlain(src []byte, i int) bool {
	return i >= len(src) || isBlankAt(src, i) || strings.IndexByte(",[]{}", src[i]) >= 0
}

// plainEnd returns the end of the plain scalar (or property, or alias) at src[i] in flow context:
// a flow indicator, a ':' an indicator follows, or a comment. It may span lines.
func plainEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == ',' || c == '[' || c == ']' || c == '{' || c == '}':
			return j
		case c == ':' && endsPlain(src, j+1):
			return j
		case c == '#' && isBlankAt(src, j-1):
			return j
		}
	}
	return len(src)
}

// skipQuotedScalar returns the end of the quoted scalar at src[i], -1 when it has none, and whether
// it is on one line with only escapes the parser knows.
func skipQuotedScalar(src []byte, i int) (end int, clean bool) {
	q := src[i]
	clean = true
	for j := i + 1; j < len(src); j++ {
		switch {
		case breakLen(src, j) > 0:
			clean = false
		case q == '\'' && src[j] == '\'':
			if j+1 < len(src) && src[j+1] == '\'' {
				j++
				continue
			}
			return j + 1, clean
		case q == '"' && src[j] == '\\':
			dec, size := escape(src, j)
			if size == 0 || dec == "" {
				clean = false
				size = 2
			}
			j += size - 1
		case q == '"' && src[j] == '"':
			return j + 1, clean
		}
	}
	return -1, false
}

// cleanTail reports whether the parser reads tail, the text a cut blanks, without complaint: every
// character one YAML allows, and no line starting with a document marker.
func cleanTail(tail []byte) bool {
	for i := 0; i < len(tail); {
		c := tail[i]
		if c >= ' ' && c < 0x7F || c == '\t' {
			i++
			continue
		}
		if n := breakLen(tail, i); n > 0 {
			i += n
			if bytes.HasPrefix(tail[i:], []byte("---")) || bytes.HasPrefix(tail[i:], []byte("...")) {
				return false
			}
			continue
		}
		if c < utf8.RuneSelf {
			return false
		}
		r, size := utf8.DecodeRune(tail[i:])
		if !printable(r) || size == 1 {
			return false
		}
		i += size
	}
	return true
}

// printable reports whether YAML allows the character r, besides ASCII, in a stream.
func printable(r rune) bool {
	return r == 0x85 || r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF || r >= 0x10000 && r <= 0x10FFFF
}

// applyCuts returns a copy of src with the tail of every cut blanked, line breaks kept. The comma
// that starts the tail stays: the item before it ends there, and the parser skips the blanks after
// it without gathering them into the item.
func applyCuts(src []byte, cuts []flowCut) []byte {
	out := bytes.Clone(src)
	for _, c := range cuts {
		for i := c.from + 1; i < c.to; {
			if b := out[i]; b != '\n' && b != '\r' && b < 0xC2 { // no line break starts with it
				out[i] = ' '
				i++
			} else if n := breakLen(out, i); n > 0 {
				i += n
			} else {
				out[i] = ' '
				i++
			}
		}
	}
	return out
}

// keepCuts records the cuts on the sequences of the parsed documents and reports whether every cut
// is a flow sequence the parser read where the scan found it, with the items the scan kept.
func (f *File) keepCuts(cuts []flowCut) bool {
	byOpen := make(map[int]flowCut, len(cuts))
	for _, c := range cuts {
		byOpen[c.open] = c
	}
	f.cuts = make(map[*yaml.Node]Cut, len(cuts))
	stack := append([]*yaml.Node(nil), f.Docs...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = append(stack[:len(stack)-1], n.Content...)
		if n.Kind != yaml.SequenceNode || n.Style&yaml.FlowStyle == 0 {
			continue
		}
		c, ok := byOpen[skipProperties(f.src, f.srcOffset(n))]
		if !ok || len(n.Content) != keptItems {
			continue
		}
		last := n.Content[keptItems-1]
		if f.srcOffset(last) != c.last || last.Kind == yaml.ScalarNode && f.Scalar(last).End > f.toText(c.from) {
			continue
		}
		f.cuts[n] = Cut{Past: f.toText(c.past), Left: c.items - keptItems}
	}
	return len(f.cuts) == len(cuts)
}

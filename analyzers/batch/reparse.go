package batch

import (
	"slices"

	"github.com/privlint/privlint/analyzers/cmdline"

	"github.com/privlint/privlint/analyzers/value"
)

// A called label's lines are read again at each call, and expanded again with the variables and
// arguments of the moment, yet most of them expand to the same text at every call. Parsing depends
// on nothing but the lines, so the parser keeps each statement it parsed in a call with the lines it
// was parsed from, and when a call reads the same lines at the same place again it hands out the
// statement parsed then. The lines are still read (and charged, and their references noted) as
// before: only the parse is skipped.

// kept holds what calls of labels read again: the statements parsed in calls, by the offset of
// their first line (the last few parsed there), and the lineInfo of the lines read in calls, by their offset.
type kept struct {
	parsed map[int][]*parsed
	lines  map[int]lineInfo
	parses int          // the statements parsed in calls, not reused
	read   []value.Text // the lines of the statement being parsed in a call
}

// parsed is a statement parsed in a call: the lines it was read from, its nodes, and where in the
// last line the parse stopped.
type parsed struct {
	lines []value.Text
	nodes []node
	i     int
	// busy is set while the statement runs: a FOR node remembers that it reported its set too
	// long, so a call in the statement that reads it again parses it anew.
	busy bool
}

// statement reads and parses the next statement; ok is false at the end of the text. In a call,
// with p.r.kept set, st is the statement as kept for reuse (nil when it reported a problem, which
// a new parse would report again).
func (p *parser) statement() (nodes []node, st *parsed, ok bool) {
	kept := p.r.kept
	if kept == nil || p.r.frame == nil {
		if !p.next() {
			return nil, nil, false
		}
		return p.list(), nil, true
	}
	start := p.r.pos
	if st := p.reread(kept.parsed[start]); st != nil {
		rearm(st.nodes)
		return st.nodes, st, true
	}
	kept.parses++
	kept.read, p.reported = kept.read[:0], false
	p.recording = true
	if !p.next() {
		p.recording = false
		return nil, nil, false
	}
	nodes = p.list()
	p.recording = false
	if p.reported {
		return nodes, nil, true
	}
	st = &parsed{lines: slices.Clone(kept.read), nodes: nodes, i: p.i}
	if sts := kept.parsed[start]; len(sts) == variants {
		kept.parsed[start] = append(sts[1:], st) // the oldest goes
	} else {
		kept.parsed[start] = append(sts, st)
	}
	return nodes, st, true
}

// variants is how many statements parsed at one place are kept: a label called with one of a few
// arguments in turn (set var=%1) reads one of a few statements there.
const variants = 4

// reread reads the lines of the statements sts, kept at the place being read, again and returns the
// statement whose lines are all the same (none that is busy), with the parser where its parse left
// it. Otherwise it returns nil, and the lines read are pending, to be parsed anew.
func (p *parser) reread(sts []*parsed) *parsed {
	var alive [variants]bool // the statements whose lines so far are those read
	for i, st := range sts {
		alive[i] = !st.busy
	}
	for k := 0; ; k++ {
		like := -1 // a statement whose first k lines are those read, and which has more
		for i, st := range sts {
			if alive[i] && k < len(st.lines) {
				like = i
				break
			}
		}
		if like < 0 {
			return nil
		}
		line, ok := p.r.line(p.vars, sts[like].lines[k])
		found := false
		for i, st := range sts {
			alive[i] = alive[i] && ok && k < len(st.lines) && line.Same(st.lines[k])
			if alive[i] && k+1 == len(st.lines) {
				p.cur, p.i = line, st.i
				return st
			}
			found = found || alive[i]
		}
		if !found {
			p.pending = append(p.pending[:0], sts[like].lines[:k]...)
			if ok {
				p.pending = append(p.pending, line)
			}
			return nil
		}
	}
}

// rearm makes the FOR nodes of a statement parsed before report a set too long again, as those of a
// new parse would.
func rearm(nodes []node) {
	for _, n := range nodes {
		rearmNode(n)
	}
}

func rearmNode(n node) {
	switch n := n.(type) {
	case *block:
		rearm(n.body)
	case *ifNode:
		rearmNode(n.then)
		rearmNode(n.els)
	case *forNode:
		n.truncated = false
		rearmNode(n.body)
	}
}

// lineInfo is what reading a line of the text in a call repeats at every call: the line's source
// offset, what reading it costs, and whether it is plain (nothing in it expands), then the line
// itself.
type lineInfo struct {
	off, cost int
	plain     bool
	text      value.Text
}

// known returns the lineInfo of the line src.S[start:end], kept in r.kept when it is set.
func (r *reader) known(start, end int) lineInfo {
	if r.kept != nil {
		if k, ok := r.kept.lines[start]; ok {
			return k
		}
	}
	s := r.src.S
	k := lineInfo{off: r.src.Offset(start), cost: cmdline.TextCost(s[start:end]) + stepCost}
	if end < len(s) && plainEnd(s, start, end) == end {
		k.plain, k.text = true, r.src.Slice(start, end+1)
	}
	if r.kept != nil {
		r.kept.lines[start] = k
	}
	return k
}

package powershell

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"

	vtext "github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
)

// valKind is what the extractor knows of a value.
type valKind uint8

const (
	valUnknown valKind = iota // known only at run time
	valStr
	valList
	valTable
	valBool
	valNull
	valBlock
)

// value is the static value of an expression, as far as the extractor can tell. (Its flags come
// first, where they share a word: lists hold many values.)
type value struct {
	kind     valKind
	verbatim bool // valStr: text is exactly the source text at start:end
	// inPlace says a list is written literally where it is used, so dropping an item is a clean
	// edit.
	inPlace bool
	// moved says the value was read through a variable (or a member, a splat, a constructor) and is
	// positioned at start:end. A list's items then are too, as they are read (see at): moving a list
	// does not copy its items.
	moved   bool
	partial bool // valList: an item is not known
	b       bool // valBool
	// rest says an unknown value stands for the items of a list past assign.MaxAccounts, which
	// are not read: the accounts it would give are left out (see appendAccounts).
	rest bool
	// text is a string's value; for an unknown value, the expression as written (a variable's
	// name, or a string with what could be resolved substituted).
	text string
	// rt are the parts of an unknown value's text known only at run time when the rest of it is
	// known (an expandable string with a variable not followed); nil when none of it is.
	rt []vtext.Span
	// origin says where an unknown value comes from when that is worth telling: "parameter of
	// Grant-Rights".
	origin string
	// start and end are where the value is written: a literal's content, or the expression that
	// produced it where it is used (a variable's value is located at the variable).
	start, end int
	// elemStart and elemEnd span a list item written in place, quotes included.
	elemStart, elemEnd int
	// items are a list's items, shared with the lists built from it: read them with at, flatten or
	// rawItems, and never append to them but through appendList.
	items []value
	size  int // valList: what the list weighs for the budget: itemCost plus the text of each item
	// buf is the buffer text or items were built in. When they are all of it, the value is the
	// buffer's tip, and a value built by appending to it extends the buffer instead of copying it.
	buf   *buffer
	table *table
	block *ScriptBlock
	lit   *StringLit // the string literal the value is, read where it is written
}

// buffer is where strings and lists are built by appending. What it holds is never overwritten:
// strings.Builder and append copy to a new array when they grow, so every value taken from it
// stays valid while the buffer grows on. A string or list extended line by line ($s += 'x',
// $s = "$s x", $l += 'x') then costs what each line appends, not its whole length each time.
type buffer struct {
	s     strings.Builder
	items []value
}

// strTip reports whether v is a string whose text is all its buffer holds.
func (v value) strTip() bool { return v.kind == valStr && v.buf != nil && v.buf.s.Len() == len(v.text) }

// listTip reports whether v is a list whose items are all its buffer holds.
func (v value) listTip() bool {
	return v.kind == valList && v.buf != nil && len(v.buf.items) == len(v.items)
}

// Costs of values for the file's budget (see value.Budget).
const (
	// itemCost is what one item of a list weighs besides its text: about what the extractor keeps
	// for it.
	itemCost = 32
	// smallValue is the weight below which using a value already built (its text read into an
	// account or a command line, its items into a loop) is not charged: the work is as small as
	// reading a literal.
	smallValue = 256
	// walkCost is what walking a loop body once more costs per byte of its source, on top of the
	// values it builds (charged as they are built) and a step per iteration. At 16, Carbon's own
	// module import (a loop over 200 function names with a 6 KB body) spent the budget.
	walkCost = 2
	// codeCost is what text handed to a program or to Invoke-Expression costs per byte when it was
	// built (not written in place): it may be analyzed again as a script, which allocates many
	// times its size. (cmdline.Nest charges the text once more as it analyzes it.)
	codeCost = 16
	// maxScalarText bounds the text of a value compared with a name or a keyword (a right, a
	// command, Absent, True): anything longer is none of them.
	maxScalarText = 256
)

// table is a hashtable with its keys in the order first set, compared case-insensitively.
type table struct {
	keys  []string // lower case
	vals  []value
	index map[string]int // position of each key in keys
}

func (t *table) set(key string, v value) {
	key = strings.ToLower(key)
	if i, ok := t.index[key]; ok {
		t.vals[i] = v
		return
	}
	if t.index == nil {
		t.index = map[string]int{}
	}
	t.index[key] = len(t.keys)
	t.keys = append(t.keys, key)
	t.vals = append(t.vals, v)
}

// scope holds the variables assigned in one PowerShell scope.
type scope struct {
	vars   map[string]value
	parent *scope
}

func newScope(parent *scope) *scope { return &scope{vars: map[string]value{}, parent: parent} }

// varName normalizes a variable name: lower case, without the scope modifiers that do not change
// which variable is meant here. global: and script: name the outermost scope.
func varName(name string) (n string, outer bool) {
	n = strings.ToLower(name)
	for _, p := range []string{"local:", "private:", "using:"} {
		n = strings.TrimPrefix(n, p)
	}
	for _, p := range []string{"script:", "global:"} {
		if strings.HasPrefix(n, p) {
			return n[len(p):], true
		}
	}
	return n, false
}

func (s *scope) lookup(name string) (value, bool) {
	n, _ := varName(name)
	for ; s != nil; s = s.parent {
		if v, ok := s.vars[n]; ok {
			return v, true
		}
	}
	return value{}, false
}

func (s *scope) set(name string, v value) {
	n, outer := varName(name)
	if outer {
		for s.parent != nil {
			s = s.parent
		}
	}
	s.vars[n] = v
}

// relocate returns v as read through a variable at start:end: positioned there, no longer a
// literal written in place. A list's items are positioned as they are read.
func relocate(v value, start, end int) value {
	v.start, v.end, v.verbatim, v.elemStart, v.elemEnd, v.inPlace, v.lit, v.moved = start, end, false, 0, 0, false, nil, true
	return v
}

// at returns item i of a list, positioned where the list was read.
func (v value) at(i int) value {
	it := v.items[i]
	if v.moved {
		it = relocate(it, v.start, v.end)
	}
	return it
}

func isList(v value) bool { return v.kind == valList }

// flatten returns the items of a list, nested lists included, positioned where the list was read,
// or v itself. Items of a moved list are copies: callers that may see a large list read through a
// variable use walker.expand, which charges for them.
func flatten(v value) []value {
	if v.kind != valList {
		return []value{v}
	}
	if !v.moved && !slices.ContainsFunc(v.items, isList) {
		return v.items
	}
	out := make([]value, 0, len(v.items))
	for i := range v.items {
		if it := v.at(i); it.kind == valList {
			out = append(out, flatten(it)...)
		} else {
			out = append(out, it)
		}
	}
	return out
}

// rawItems returns the items of a list as they are stored, nested lists included, or v itself:
// for building a list positioned as a whole, or a string, where the items' own positions do not
// matter.
func rawItems(v value) []value {
	if v.kind != valList {
		return []value{v}
	}
	if !slices.ContainsFunc(v.items, isList) {
		return v.items
	}
	var out []value
	for _, it := range v.items {
		out = append(out, rawItems(it)...)
	}
	return out
}

// known reports whether v's string is known (see str).
func (v value) known() bool {
	switch v.kind {
	case valStr, valBool, valNull:
		return true
	case valList:
		return !v.partial
	}
	return false
}

// strLen returns the length of v's string (see str) without building it.
func (v value) strLen() int {
	switch v.kind {
	case valBool:
		if v.b {
			return len("True")
		}
		return len("False")
	case valNull:
		return 0
	case valList:
		n := len(v.items)
		return v.size - itemCost*n + max(n-1, 0)
	}
	return len(v.text)
}

// weight is what v weighs for the budget: its text, or its items with their texts.
func (v value) weight() int {
	if v.kind == valList {
		return v.size
	}
	return v.strLen()
}

// writeStr appends v's string to b (see str), stopping once b holds limit bytes.
func writeStr(b *strings.Builder, v value, limit int) {
	if v.kind == valList {
		for i, it := range v.items {
			if b.Len() >= limit {
				return
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			writeStr(b, it, limit)
		}
		return
	}
	s, _ := v.str()
	b.WriteString(s[:min(len(s), max(limit-b.Len(), 0))])
}

// str renders a known scalar as PowerShell converts it to a string, a list as its items joined
// with spaces; ok is false for an unknown. Rendering a list builds its string: callers charge it
// first (see walker.build, walker.use).
func (v value) str() (string, bool) {
	switch v.kind {
	case valStr:
		return v.text, true
	case valBool:
		if v.b {
			return "True", true
		}
		return "False", true
	case valNull:
		return "", true
	case valList:
		var b strings.Builder
		b.Grow(v.strLen())
		writeStr(&b, v, math.MaxInt)
		return b.String(), !v.partial
	}
	return v.text, false
}

// literal reports whether v is written in place in the source: a literal string or number, or a
// list written in place. Using it costs no more than reading the source.
func (v value) literal() bool {
	switch {
	case v.moved:
		return false
	case v.kind == valList:
		return v.inPlace
	case v.verbatim:
		return true
	}
	return v.lit != nil && v.lit.Tok.Parts == nil
}

// maxUnknownText bounds the source text an unknown value carries.
const maxUnknownText = 120

// unknown is the value of n known only at run time, carrying n's source text.
func (w *walker) unknown(n Node) value {
	s, e := n.Span()
	if lit, ok := n.(*StringLit); ok {
		s, e = lit.Tok.ContentStart, lit.Tok.ContentEnd
		return value{kind: valUnknown, text: clip(w.src[s:e]), start: s, end: e}
	}
	return value{kind: valUnknown, text: clip(bytes.TrimSpace(w.src[s:e])), start: s, end: e}
}

// unknownAt is the value known only at run time written at start:end, carrying its source text.
func (w *walker) unknownAt(start, end int) value {
	return value{kind: valUnknown, text: clip(bytes.TrimSpace(w.src[start:end])), start: start, end: end}
}

// clip returns text as an unknown value carries it: at most maxUnknownText bytes and an ellipsis.
// Only what is kept is copied.
func clip(text []byte) string {
	if len(text) > maxUnknownText {
		return string(text[:maxUnknownText]) + "..."
	}
	return string(text)
}

// charge takes the building of a value from the file's budget, at off: one step and the added
// bytes it copies. size is the whole value's: a value larger than value.MaxValue is refused.
// Both limits are reported once per file, with the line (source.File.Charge).
func (w *walker) charge(off, size, added int) bool {
	if size > vtext.MaxValue {
		return w.f.Charge(off, size)
	}
	return w.f.Charge(off, added)
}

// chargeWork takes n bytes of work that build no one value (walking a loop body again, binding a
// large splatted hashtable, copying accounts) from the file's budget, at off, in steps no larger
// than a value may be; false once the budget is spent.
func (w *walker) chargeWork(off, n int) bool {
	for {
		c := min(n, vtext.MaxValue)
		if !w.f.Charge(off, c) {
			return false
		}
		if n -= c; n <= 0 {
			return true
		}
	}
}

// use returns v to be read whole: into accounts, rights, a command line, a loop. That takes work
// in proportion to its weight, so a value that is not written in place and weighs more than
// smallValue is charged; past the budget it is unknown, carrying the text it is written as where
// it is used (`$a`).
func (w *walker) use(v value) value {
	if v.kind != valStr && v.kind != valList || v.weight() <= smallValue || v.literal() ||
		w.charge(v.start, v.weight(), v.weight()) {
		return v
	}
	return w.unknownAt(v.start, v.end)
}

// code returns v to be handed to a program or to Invoke-Expression as text, which may be analyzed
// again as a script: a value not written in place is charged codeCost times its length, however
// small, since the same text may be handed over on every line. Past the budget it is unknown.
func (w *walker) code(v value) value {
	if v.kind != valStr && v.kind != valList || v.literal() && v.kind != valList || v.strLen() == 0 ||
		w.chargeWork(v.start, codeCost*v.strLen()) {
		return v
	}
	return w.unknownAt(v.start, v.end)
}

// expand returns the items a value holds, positioned where it is read (see flatten), charged as
// use charges them: past the budget, a large list read through a variable is one unknown item.
func (w *walker) expand(v value) []value { return flatten(w.use(v)) }

// build returns the string value that count pieces make, piece(i) being the i-th: a
// concatenation, an interpolation, a -join, a -f format. It charges the budget for what it
// copies, extending the first piece's buffer in place when the piece is its tip; ok is false when
// the budget refuses the value. When a piece is unknown the value is unknown, its text the
// pieces' (an unknown piece's as written), clipped to maxUnknownText.
func (w *walker) build(start, end, count int, piece func(int) value) (v value, ok bool) {
	size, known := 0, true
	for i := range count {
		p := piece(i)
		size += p.strLen()
		known = known && p.known()
	}
	if !known {
		var b strings.Builder
		var rt []vtext.Span
		written := false // some of the text is known
		for i := 0; i < count && b.Len() <= maxUnknownText; i++ {
			p, from := piece(i), b.Len()
			writeStr(&b, p, maxUnknownText+1)
			switch {
			case p.known():
				written = written || b.Len() > from
			case p.rt != nil:
				written = true
				for _, s := range p.rt {
					rt = addSpan(rt, vtext.Span{Start: from + s.Start, End: min(from+s.End, b.Len())})
				}
			default:
				rt = addSpan(rt, vtext.Span{Start: from, End: b.Len()})
			}
		}
		text := clip([]byte(b.String()))
		if !w.charge(start, len(text), len(text)) {
			return value{}, false
		}
		v := value{kind: valUnknown, text: text, start: start, end: end}
		if written && len(text) <= maxUnknownText { // a clipped text is no account's
			v.rt = rt
		}
		return v, true
	}
	var buf *buffer
	from, added := 0, size
	if count > 0 && piece(0).strTip() {
		buf, from = piece(0).buf, 1
		added -= buf.s.Len()
	}
	if !w.charge(start, size, added) {
		return value{}, false
	}
	if buf == nil {
		buf = &buffer{}
		buf.s.Grow(size)
	}
	for i := from; i < count; i++ {
		writeStr(&buf.s, piece(i), math.MaxInt)
	}
	return value{kind: valStr, text: buf.s.String(), start: start, end: end, buf: buf}, true
}

// addSpan appends s to spans in order, merging it with the last one when they touch. Empty spans
// are dropped.
func addSpan(spans []vtext.Span, s vtext.Span) []vtext.Span {
	if s.End <= s.Start {
		return spans
	}
	if n := len(spans); n > 0 && spans[n-1].End >= s.Start {
		spans[n-1].End = max(spans[n-1].End, s.End)
		return spans
	}
	return append(spans, s)
}

// newList returns the list of items written at start:end, weighed.
func newList(items []value, start, end int, inPlace bool) value {
	v := value{kind: valList, items: items, start: start, end: end, inPlace: inPlace}
	for _, it := range items {
		v.size += itemCost + it.strLen()
		v.partial = v.partial || !it.known()
	}
	return v
}

// appendList returns list x with the items of y appended, as x + y and $x += y build it: the
// result is read at start:end. When x is its buffer's tip the items are appended in place;
// otherwise x's items are copied. ok is false when the budget refuses the list.
func (w *walker) appendList(start, end int, x, y value) (v value, ok bool) {
	add := rawItems(y)
	v = value{kind: valList, start: start, end: end, moved: true, size: x.size, partial: x.partial}
	for _, it := range add {
		v.size += itemCost + it.strLen()
		v.partial = v.partial || !it.known()
	}
	tip := x.listTip()
	added := v.size - x.size
	if !tip {
		added = v.size
	}
	if !w.charge(start, v.size, added) {
		return value{}, false
	}
	if tip {
		v.buf = x.buf
	} else {
		v.buf = &buffer{items: make([]value, 0, len(x.items)+len(add))}
		v.buf.items = append(v.buf.items, x.items...)
	}
	v.buf.items = append(v.buf.items, add...)
	v.items = v.buf.items
	return v, true
}

// eval returns the static value of an expression or statement in scope sc.
func (w *walker) eval(n Node, sc *scope) value {
	if n == nil {
		return value{kind: valNull}
	}
	if !w.enter(n) {
		return w.unknown(n)
	}
	defer w.leave()
	switch n := n.(type) {
	case *StringLit:
		return w.evalString(n, sc)
	case *NumberLit:
		return value{kind: valStr, text: n.Text, start: n.start, end: n.end, verbatim: true}
	case *VarRef:
		return w.evalVar(n, sc)
	case *ArrayLit:
		return w.evalList(n.Elems, n.Rest, sc, n)
	case *SubExpr:
		stmts := n.Body.Stmts
		switch {
		case len(stmts) == 1 && (n.Kind != AtParen || !w.isList(stmts[0])):
			v := w.eval(stmts[0], sc)
			if n.Kind == AtParen && v.kind != valList {
				return w.evalList(stmts, nil, sc, n) // @(x) is an array of one
			}
			return v
		case len(stmts) == 1:
			v := w.eval(stmts[0], sc) // @(a, b): the list as written
			v.start, v.end = n.start, n.end
			return v
		case n.Kind == LParen:
			return w.unknown(n)
		}
		return w.evalList(stmts, n.Body.Rest, sc, n)
	case *Hashtable:
		t := &table{}
		for i, k := range n.Keys {
			if k == nil {
				continue
			}
			if key, ok := w.key(w.eval(k, sc)); ok {
				t.set(key, w.eval(n.Values[i], sc))
			}
		}
		return value{kind: valTable, table: t, start: n.start, end: n.end}
	case *ScriptBlock:
		return value{kind: valBlock, block: n, start: n.start, end: n.end}
	case *Binary:
		return w.evalBinary(n, sc)
	case *Unary:
		if n.Op == "-join" {
			return w.join(n, w.eval(n.X, sc), value{kind: valStr})
		}
		return w.unknown(n)
	case *Cast:
		return w.eval(n.X, sc)
	case *Invoke:
		return w.evalInvoke(n, sc)
	case *Member:
		if name, ok := n.Name.(*StringLit); ok && strings.EqualFold(name.Tok.Value, "Value") {
			if v := w.eval(n.X, sc); v.kind == valStr {
				return relocate(v, n.start, n.end)
			}
		}
		return w.unknown(n)
	case *Concat:
		return w.concat(n, n.Parts, sc)
	case *Pipeline:
		if len(n.Elems) != 1 {
			return w.unknown(n)
		}
		if cmd, ok := n.Elems[0].(*Command); ok {
			return w.commandValue(cmd, sc)
		}
		return w.eval(n.Elems[0], sc)
	case *Assign:
		return w.eval(n.Value, sc)
	}
	return w.unknown(n)
}

func (w *walker) evalString(n *StringLit, sc *scope) value {
	t := n.Tok
	if t.Parts == nil {
		v := value{kind: valStr, text: t.Value, start: t.ContentStart, end: t.ContentEnd, verbatim: t.Verbatim,
			elemStart: n.start, elemEnd: n.end, lit: n}
		if w.unres != nil && w.unres.Unresolved(t.ContentStart, t.ContentEnd) {
			v.kind = valUnknown
		}
		return v
	}
	parts := make([]value, len(t.Parts))
	for i, p := range t.Parts {
		switch p.Kind {
		case PartLit:
			parts[i] = value{kind: valStr, text: p.Value}
			continue
		case PartVar:
			if v := w.evalVar(&VarRef{span{p.Start, p.End}, p.Value, false}, sc); v.known() {
				parts[i] = v
				continue
			}
		}
		parts[i] = value{kind: valUnknown, text: string(w.src[p.Start:p.End])}
	}
	v, ok := w.build(t.ContentStart, t.ContentEnd, len(parts), func(i int) value { return parts[i] })
	if !ok {
		return w.unknown(n)
	}
	v.elemStart, v.elemEnd, v.lit = n.start, n.end, n
	if w.unres != nil && w.unres.Unresolved(t.ContentStart, t.ContentEnd) {
		v.kind, v.buf = valUnknown, nil
	}
	return v
}

func (w *walker) evalVar(n *VarRef, sc *scope) value {
	name, _ := varName(n.Name)
	switch name {
	case "true", "false":
		return value{kind: valBool, b: name == "true", start: n.start, end: n.end}
	case "null":
		return value{kind: valNull, start: n.start, end: n.end}
	}
	if !n.Splat {
		// A value known in part (a string with a variable not followed) travels as what is known
		// of it; an unknown value as the variable's name.
		if v, ok := sc.lookup(name); ok && (v.kind != valUnknown || v.rt != nil) {
			return relocate(v, n.start, n.end)
		}
	}
	v := value{kind: valUnknown, text: string(w.src[n.start:n.end]), start: n.start, end: n.end}
	if p, ok := sc.lookup(name); ok && !n.Splat && p.origin != "" {
		switch {
		case p.text == "": // the parameter itself
			v.origin = p.origin
		case strings.HasPrefix(p.origin, "set from "):
			v.origin = p.origin
		default:
			v.origin = "set from " + p.text + ", " + p.origin
		}
	}
	return v
}

// isList reports whether a statement is a comma list written in place.
func (w *walker) isList(n Node) bool {
	if pl, ok := n.(*Pipeline); ok && len(pl.Elems) == 1 {
		n = pl.Elems[0]
	}
	_, ok := n.(*ArrayLit)
	return ok
}

// key returns the string a hashtable key is looked up by; a list is not one (PowerShell keys the
// array object itself).
func (w *walker) key(v value) (string, bool) {
	if v.kind == valList {
		return "", false
	}
	return v.str()
}

// evalList evaluates the elements of a list written in place (a,b or @(a; b)). The items of a list
// among them are copied in: that is charged, and past the budget the list is unknown. The elements
// past the first assign.MaxAccounts, spanned by rest when the parser did not keep them all (see
// keep), are one unknown item that says so (see value.rest).
func (w *walker) evalList(elems []Node, rest *Bad, sc *scope, n Node) value {
	s, e := n.Span()
	if len(elems) > assign.MaxAccounts {
		if rest == nil {
			rs, _ := elems[assign.MaxAccounts].Span()
			_, re := elems[len(elems)-1].Span()
			rest = &Bad{span{rs, re}}
		}
		elems = elems[:assign.MaxAccounts]
	}
	items := make([]value, 0, len(elems)+1)
	inPlace, size := true, 0
	for _, el := range elems {
		it := w.eval(el, sc)
		if it.kind == valList {
			if !w.charge(s, size+it.size, it.size) {
				return w.unknown(n)
			}
			inPlace = false
			items = append(items, flatten(it)...)
			size += it.size
			continue
		}
		it.elemStart, it.elemEnd = el.Span()
		items = append(items, it)
		size += itemCost + it.strLen()
	}
	if rest != nil {
		it := w.unknown(rest)
		it.rest, it.elemStart, it.elemEnd = true, rest.start, rest.end
		items = append(items, it)
	}
	return newList(items, s, e, inPlace)
}

func (w *walker) evalBinary(n *Binary, sc *scope) value {
	switch n.Op {
	case "-f":
		return w.format(n, w.eval(n.X, sc), w.eval(n.Y, sc))
	case "+":
		x, y := w.eval(n.X, sc), w.eval(n.Y, sc)
		if x.kind == valList {
			if v, ok := w.appendList(n.start, n.end, x, y); ok {
				return v
			}
			return w.unknown(n)
		}
		return w.concatValues(n, []value{x, y})
	case "-join":
		return w.join(n, w.eval(n.X, sc), w.eval(n.Y, sc))
	}
	return w.unknown(n)
}

// concatValues joins values as strings; the result is unknown, with the known parts substituted,
// when one of them is, and unknown as n is written when the budget refuses it.
func (w *walker) concatValues(n Node, vals []value) value {
	start, end := n.Span()
	v, ok := w.build(start, end, len(vals), func(i int) value { return vals[i] })
	if !ok {
		return w.unknown(n)
	}
	return v
}

func (w *walker) concat(n Node, parts []Node, sc *scope) value {
	vals := make([]value, len(parts))
	for i, p := range parts {
		vals[i] = w.eval(p, sc)
	}
	return w.concatValues(n, vals)
}

// join applies -join: the items of list with sep between them.
func (w *walker) join(n Node, list, sep value) value {
	if sep.kind == valList && sep.strLen() > maxScalarText {
		return w.unknown(n)
	}
	s, ok := sep.str()
	if !ok {
		return w.unknown(n)
	}
	items := rawItems(list)
	sv := value{kind: valStr, text: s}
	start, end := n.Span()
	v, ok := w.build(start, end, max(2*len(items)-1, 0), func(i int) value {
		if i%2 == 1 {
			return sv
		}
		return items[i/2]
	})
	if !ok {
		return w.unknown(n)
	}
	return v
}

// format applies the -f operator: {index[,alignment][:format]} items, {{ and }} escapes.
func (w *walker) format(n Node, f, args value) value {
	start, end := n.Span()
	if f.kind != valStr || !f.literal() && !w.charge(start, len(f.text), len(f.text)) {
		return w.unknown(n) // reading the format string is charged unless it is written in place
	}
	list := rawItems(args)
	type piece struct {
		lit string
		arg int // the index of the argument, or -1 for the literal text
	}
	var pieces []piece
	s := f.text
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{', c == '}' && i+1 < len(s) && s[i+1] == '}':
			b.WriteByte(c)
			i++
			continue
		case c == '{':
			close := strings.IndexByte(s[i:], '}')
			if close < 0 {
				return w.unknown(n)
			}
			spec := s[i+1 : i+close]
			if j := strings.IndexAny(spec, ",:"); j >= 0 {
				spec = spec[:j]
			}
			k, err := strconv.Atoi(strings.TrimSpace(spec))
			if err != nil || k < 0 || k >= len(list) {
				return w.unknown(n)
			}
			pieces = append(pieces, piece{b.String(), -1}, piece{arg: k})
			b.Reset()
			i += close
			continue
		}
		b.WriteByte(c)
	}
	pieces = append(pieces, piece{b.String(), -1})
	v, ok := w.build(start, end, len(pieces), func(i int) value {
		if p := pieces[i]; p.arg >= 0 {
			return list[p.arg]
		}
		return value{kind: valStr, text: pieces[i].lit}
	})
	if !ok {
		return w.unknown(n)
	}
	return v
}

// principalType reports whether a .NET type name is one whose instances stand for an account.
func principalType(name string) (ntAccount, ok bool) {
	if len(name) > maxScalarText {
		return false, false
	}
	n := strings.ToLower(strings.TrimSpace(name))
	switch {
	case strings.HasSuffix(n, "securityidentifier"):
		return false, true
	case strings.HasSuffix(n, "ntaccount"):
		return true, true
	}
	return false, false
}

// principal builds the account an SecurityIdentifier or NTAccount constructor names: the SID
// string, the name, or domain\name.
func (w *walker) principal(n Node, ntAccount bool, args []value) value {
	switch {
	case len(args) == 1:
		s, e := n.Span()
		return relocate(args[0], s, e)
	case len(args) == 2 && ntAccount:
		return w.concatValues(n, []value{args[0], {kind: valStr, text: `\`}, args[1]})
	}
	return w.unknown(n)
}

// evalInvoke knows the method calls that keep an account: [SecurityIdentifier]::new('S-1-5-19'),
// [NTAccount]::new('DOMAIN', 'name'), and .Translate() and .ToString() on them.
func (w *walker) evalInvoke(n *Invoke, sc *scope) value {
	name, _ := n.Fn.Name.(*StringLit)
	if name == nil {
		return w.unknown(n)
	}
	method := strings.ToLower(name.Tok.Value)
	if t, ok := n.Fn.X.(*TypeLit); ok && n.Fn.Static && method == "new" {
		if nt, ok := principalType(t.Name); ok {
			args := make([]value, len(n.Args))
			for i, a := range n.Args {
				args[i] = w.eval(a, sc)
			}
			return w.principal(n, nt, args)
		}
	}
	if !n.Fn.Static && (method == "translate" || method == "tostring") {
		if v := w.eval(n.Fn.X, sc); v.kind == valStr {
			return relocate(v, n.start, n.end)
		}
	}
	return w.unknown(n)
}

package powershell

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

// pv is the static value of a PowerShell expression, as far as the extractor can tell: the shared
// value.Value, with what only the PowerShell evaluator keeps while the value is in flight (the
// variables hold value.Values).
type pv struct {
	value.Value
	// at is where a value without text (a list, a table, a boolean, null) is written, or read
	// when it was read through a variable. A string or an unknown value is where its Text is.
	at [2]int
	// moved says a list was read through a variable (or a member, a splat) at at: its elements are
	// positioned there as they are read (see elem), not copied when the list is only passed on.
	moved bool
	// inPlace says a list is written literally where it is used, so that reading it costs no more
	// than reading the source.
	inPlace bool
	// buf is the buffer a built string or list was built in (see buffer, tip).
	buf   *buffer
	block *ScriptBlock
	lit   *StringLit // the string literal the value is, read where it is written
	// flow is how the value reached here when a call passed it: the calls that bound a parameter
	// to it, outermost first (see walker.call). Values built from it carry it on.
	flow []assign.Step
}

// buffer is where strings and lists are built by appending. What it holds is never overwritten:
// strings.Builder and append copy to a new array when they grow, so every value taken from it
// stays valid while the buffer grows on. A string or list extended line by line ($s += 'x',
// $s = "$s x", $l += 'x') then costs what each line appends, not its whole length each time.
type buffer struct {
	s     strings.Builder
	elems []value.Value // the longest list built on this array
}

// tip returns v's buffer when v is all it holds, nothing appended to it since, or nil. A value
// read from a variable gets the variable's last buffer (walker.bufs: the variables hold
// value.Values, which have no buffer), checked here by identity: the same array, as long.
func (v pv) tip() *buffer {
	b := v.buf
	switch {
	case b == nil:
	case v.Kind == value.Str && v.Text.Len() > 0 && b.s.Len() == v.Text.Len():
		if unsafe.StringData(b.s.String()) == unsafe.StringData(v.Text.S) {
			return b
		}
	case v.Kind == value.List && len(v.Elems) > 0 && len(b.elems) == len(v.Elems) && &b.elems[0] == &v.Elems[0]:
		return b
	}
	return nil
}

// Costs of values for the file's budget (see value.Budget).
const (
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

// str returns the known string s as a value that is not written anywhere: a piece of a value
// being built.
func str(s string) pv {
	return pv{Value: value.Value{Kind: value.Str, Text: value.Spread(s, 0, 0, false)}}
}

// boolAt returns the boolean b written at start:end.
func boolAt(b bool, start, end int) pv {
	return pv{Value: value.Value{Kind: value.Bool, Bool: b}, at: [2]int{start, end}}
}

// span returns where v is written, or read.
func (v pv) span() (int, int) {
	switch v.Kind {
	case value.Str, value.Unknown:
		if v.Text.Len() == 0 {
			p := v.Text.Offset(0)
			return p, p
		}
		return v.Text.Span(0, v.Text.Len())
	}
	return v.at[0], v.at[1]
}

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

// lookup returns the value of the variable name, read through the scopes that enclose the code
// being walked (PowerShell's dynamic scoping).
func (w *walker) lookup(name string) (value.Value, bool) {
	n, _ := w.keys.varName(name)
	if x := w.vars.Get(n); x != nil {
		return x.v, true
	}
	return value.Value{}, false
}

// set assigns the variable name in the current scope, or the outermost one for $script: and
// $global:, and remembers the buffer the value was built in.
func (w *walker) set(name string, v pv) {
	n, outer := w.keys.varName(name)
	if outer {
		w.vars.Global(n, variable{v.Value, v.flow})
	} else {
		w.vars.Define(n, variable{v.Value, v.flow})
	}
	if v.buf != nil {
		w.bufs[n] = v.buf
	} else {
		delete(w.bufs, n)
	}
}

// flowOf returns the flow of the value the variable name holds, from the scope that defines it.
func (w *walker) flowOf(name string) []assign.Step {
	n, _ := w.keys.varName(name)
	if x := w.vars.Get(n); x != nil {
		return x.flow
	}
	return nil
}

// push opens a scope for a script block, a function or a call; pop closes it.
func (w *walker) push() { w.vars.Push() }

func (w *walker) pop() { w.vars.Pop() }

// assignVar sets the value of the variable n (normalized) in the innermost scope that sets it,
// keeping its flow, or defines it in the innermost scope.
func (w *walker) assignVar(n string, v value.Value) {
	if x := w.vars.Get(n); x != nil {
		x.v = v
		return
	}
	w.vars.Define(n, variable{v: v})
}

// entryFlow returns the flow of an element or entry e of a list or table whose flow is flow: none
// when e is a string written in place in the body (a literal beside values a call passed), which
// reached here through no call.
func entryFlow(e value.Value, flow []assign.Step) []assign.Step {
	if e.Kind == value.Str && e.Editable {
		return nil
	}
	return flow
}

// addFlow gives the variable name, whose table or list an assignment changed, the flow of the
// value put in it, when it has none: the scope that defines it keeps it.
func (w *walker) addFlow(name string, flow []assign.Step) {
	if flow == nil {
		return
	}
	n, _ := w.keys.varName(name)
	if x := w.vars.Get(n); x != nil && x.flow == nil {
		x.flow = flow
	}
}

// firstFlow returns the first flow among the values, or nil.
func firstFlow(vals ...pv) []assign.Step {
	for _, v := range vals {
		if v.flow != nil {
			return v.flow
		}
	}
	return nil
}

// partial reports whether v is known in part: an unknown value some of whose text is written
// (an expandable string with a variable not followed).
func partial(v value.Value) bool {
	if v.Kind != value.Unknown {
		return false
	}
	rt := v.Text.Runtime()
	return len(rt) > 0 && (len(rt) > 1 || rt[0].Start > 0 || rt[0].End < v.Text.Len())
}

// readAt returns v as read through a variable (a member, a constructor) at start:end: positioned
// there, no longer a literal written in place. A list's elements are positioned as they are read
// (elem); a script block stays where it is written (see blockOf).
func (v pv) readAt(start, end int) pv {
	switch v.Kind {
	case value.Str, value.Unknown:
		if v.block == nil {
			v.Value = v.At(start, end)
		}
	default:
		v.at, v.moved = [2]int{start, end}, true
		if isRest(v.Value) {
			v.CutAt, v.Text = start, value.Spread(v.Text.S, start, end, true)
		}
	}
	v.inPlace, v.lit, v.Editable, v.Remove = false, nil, false, nil
	return v
}

// isRest reports whether v stands for the elements of a list past assign.MaxAccounts, which are
// not read: an empty list cut short at them, whose Text is their source as written. The accounts
// it would give are left out (assign.Reader reports them).
func isRest(v value.Value) bool { return v.Kind == value.List && v.Cut && len(v.Elems) == 0 }

// nested reports whether the element e is a list whose elements are spliced where it is.
func nested(e value.Value) bool { return e.Kind == value.List && !isRest(e) }

// elem returns element i of the list v, positioned where v was read.
func (v pv) elem(i int) pv {
	e := pv{Value: v.Elems[i], flow: entryFlow(v.Elems[i], v.flow)}
	if v.moved {
		e = e.readAt(v.at[0], v.at[1])
	}
	return e
}

// flatten returns the elements of a list, nested lists included, positioned where the list was
// read, or v itself. Elements of a moved list are copies: callers that may see a large list read
// through a variable use walker.expand, which charges for them.
func flatten(v pv) []pv {
	if v.Kind != value.List || isRest(v.Value) {
		return []pv{v}
	}
	out := make([]pv, 0, len(v.Elems))
	for i := range v.Elems {
		if e := v.elem(i); nested(e.Value) {
			out = append(out, flatten(e)...)
		} else {
			out = append(out, e)
		}
	}
	return out
}

// rawItems returns the elements of a list as they are stored, nested lists included, or v itself:
// for building a list positioned as a whole, or a string, where the elements' own positions do not
// matter.
func rawItems(v value.Value) []value.Value {
	if !nested(v) {
		return []value.Value{v}
	}
	if !slices.ContainsFunc(v.Elems, nested) {
		return v.Elems
	}
	var out []value.Value
	for _, e := range v.Elems {
		out = append(out, rawItems(e)...)
	}
	return out
}

// known reports whether v's string is known (see render).
func known(v value.Value) bool {
	switch v.Kind {
	case value.Str, value.Bool, value.Null:
		return true
	case value.List:
		if v.Cut {
			return false
		}
		for _, e := range v.Elems {
			if !known(e) {
				return false
			}
		}
		return true
	}
	return false
}

// strLen returns the length of v's string (see render) without building it.
func strLen(v value.Value) int {
	switch v.Kind {
	case value.Bool:
		if v.Bool {
			return len("True")
		}
		return len("False")
	case value.List:
		if isRest(v) {
			return v.Text.Len()
		}
		n := max(len(v.Elems)-1, 0)
		for _, e := range v.Elems {
			n += strLen(e)
		}
		return n
	case value.Table, value.Null:
		return 0
	}
	return v.Text.Len()
}

// weight is what v weighs for the budget: its text, or its elements with their texts.
func weight(v value.Value) int {
	if v.Kind == value.List {
		return v.Size()
	}
	return strLen(v)
}

// writeStr appends v's string to b (see render), stopping once b holds limit bytes.
func writeStr(b *strings.Builder, v value.Value, limit int) {
	if nested(v) {
		for i, e := range v.Elems {
			if b.Len() >= limit {
				return
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			writeStr(b, e, limit)
		}
		return
	}
	s, _ := render(v)
	b.WriteString(s[:min(len(s), max(limit-b.Len(), 0))])
}

// render renders a known scalar as PowerShell converts it to a string, a list as its elements
// joined with spaces; ok is false for an unknown, whose text it returns. Rendering a list builds
// its string: callers charge it first (see walker.build, walker.use).
func render(v value.Value) (string, bool) {
	switch v.Kind {
	case value.Str:
		return v.Text.S, true
	case value.Bool:
		if v.Bool {
			return "True", true
		}
		return "False", true
	case value.Null:
		return "", true
	case value.List:
		if isRest(v) {
			return v.Text.S, false
		}
		var b strings.Builder
		b.Grow(strLen(v))
		writeStr(&b, v, math.MaxInt)
		return b.String(), known(v)
	case value.Table:
		return "", false
	}
	return v.Text.S, false
}

// literal reports whether v is written in place in the source: a literal string or number, or a
// list written in place. Using it costs no more than reading the source.
func (v pv) literal() bool {
	switch {
	case v.moved:
		return false
	case v.Kind == value.List:
		return v.inPlace
	case v.Editable:
		return true
	}
	return v.lit != nil && v.lit.Tok.Parts == nil
}

// maxUnknownText bounds the source text an unknown value carries.
const maxUnknownText = value.MaxUnresolved

// unknown is the value of n known only at run time, carrying n's source text.
func (w *walker) unknown(n Node) pv {
	s, e := n.Span()
	if lit, ok := n.(*StringLit); ok {
		s, e = lit.Tok.ContentStart, lit.Tok.ContentEnd
		return pv{Value: value.Unresolved(clip(w.src[s:e]), s, e)}
	}
	return w.unknownAt(s, e)
}

// unknownAt is the value known only at run time written at start:end, carrying its source text.
func (w *walker) unknownAt(start, end int) pv {
	return pv{Value: value.Unresolved(clip(bytes.TrimSpace(w.src[start:end])), start, end)}
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
	if size > value.MaxValue {
		return w.f.Charge(off, size)
	}
	return w.f.Charge(off, added)
}

// chargeWork takes n bytes of work that build no one value (walking a loop body again, binding a
// large splatted hashtable, copying accounts) from the file's budget, at off, in steps no larger
// than a value may be; false once the budget is spent.
func (w *walker) chargeWork(off, n int) bool {
	for {
		c := min(n, value.MaxValue)
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
func (w *walker) use(v pv) pv {
	if v.Kind != value.Str && v.Kind != value.List || weight(v.Value) <= smallValue || v.literal() {
		return v
	}
	s, e := v.span()
	if w.charge(s, weight(v.Value), weight(v.Value)) {
		return v
	}
	return w.unknownAt(s, e)
}

// code returns v to be handed to a program or to Invoke-Expression as text, which may be analyzed
// again as a script: a value not written in place is charged codeCost times its length, however
// small, since the same text may be handed over on every line. Past the budget it is unknown.
func (w *walker) code(v pv) pv {
	if v.Kind != value.Str && v.Kind != value.List || v.literal() && v.Kind != value.List || strLen(v.Value) == 0 {
		return v
	}
	s, e := v.span()
	if w.chargeWork(s, codeCost*strLen(v.Value)) {
		return v
	}
	return w.unknownAt(s, e)
}

// expand returns the items a value holds, positioned where it is read (see flatten), charged as
// use charges them: past the budget, a large list read through a variable is one unknown item.
func (w *walker) expand(v pv) []pv { return flatten(w.use(v)) }

// shared returns v as the shared readers take it (assign.Reader, the forms): a list flattened,
// its elements positioned where it was read, the elements past assign.MaxAccounts a cut.
func (w *walker) shared(v pv) value.Value {
	out, _, _ := w.sharedFlows(v)
	return out
}

// sharedFlows is shared, with the flows of what the value holds: flow is the flow of all of it, or
// when the elements of the list it returns came through different calls (a literal of the body
// beside a value a call passed), each element's is in elems.
func (w *walker) sharedFlows(v pv) (out value.Value, flow []assign.Step, elems [][]assign.Step) {
	v = w.use(v)
	if v.Kind != value.List {
		return v.Value, v.flow, nil
	}
	var items []pv
	if !v.moved && !slices.ContainsFunc(v.Elems, nested) && !slices.ContainsFunc(v.Elems, isRest) {
		out = v.Value
		if v.flow == nil {
			return out, nil, nil
		}
		for i := range v.Elems {
			items = append(items, pv{flow: entryFlow(v.Elems[i], v.flow)})
		}
	} else {
		out = value.Value{Kind: value.List}
		for _, e := range flatten(v) {
			if isRest(e.Value) {
				out.Cut, out.CutAt = true, e.CutAt
				break
			}
			out.Append(e.Value)
			items = append(items, e)
		}
	}
	if len(items) == 0 {
		return out, v.flow, nil
	}
	same := true
	for _, it := range items {
		same = same && sameFlow(it.flow, items[0].flow)
	}
	if same {
		return out, items[0].flow, nil
	}
	elems = make([][]assign.Step, len(items))
	for i, it := range items {
		elems[i] = it.flow
	}
	return out, nil, elems
}

// sameFlow reports whether a and b are one flow.
func sameFlow(a, b []assign.Step) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// build returns the string value that count pieces make, piece(i) being the i-th, written at
// start:end: a concatenation, an interpolation, a -join, a -f format. It charges the budget for
// what it copies, extending the first piece's buffer in place when the piece is its tip; ok is
// false when the budget refuses the value. When a piece is unknown the value is unknown, its text
// the pieces' (an unknown piece's as written) with the unknown parts marked, clipped to
// maxUnknownText.
func (w *walker) build(start, end, count int, piece func(int) pv) (v pv, ok bool) {
	var flow []assign.Step
	for i := 0; i < count && flow == nil; i++ {
		flow = piece(i).flow
	}
	v, ok = w.buildValue(start, end, count, piece)
	v.flow = flow
	return v, ok
}

// buildValue is build but for the flow.
func (w *walker) buildValue(start, end, count int, piece func(int) pv) (v pv, ok bool) {
	size, all := 0, true
	for i := range count {
		p := piece(i)
		size += strLen(p.Value)
		all = all && known(p.Value)
	}
	if !all {
		return w.buildUnknown(start, end, count, piece)
	}
	var buf *buffer
	from, added := 0, size
	if count > 0 && piece(0).Kind == value.Str && piece(0).tip() != nil {
		buf, from = piece(0).buf, 1
		added -= buf.s.Len()
	}
	if !w.charge(start, size, added) {
		return pv{}, false
	}
	if buf == nil {
		buf = &buffer{}
		buf.s.Grow(size)
	}
	for i := from; i < count; i++ {
		writeStr(&buf.s, piece(i).Value, math.MaxInt)
	}
	return pv{Value: value.Value{Kind: value.Str, Text: value.Spread(buf.s.String(), start, end, false)}, buf: buf}, true
}

// buildUnknown is build when a piece is unknown.
func (w *walker) buildUnknown(start, end, count int, piece func(int) pv) (pv, bool) {
	var b value.Builder
	written := false // some of the text is known
	for i := 0; i < count && b.Len() <= maxUnknownText; i++ {
		p, from := piece(i), b.Len()
		switch {
		case partial(p.Value):
			written = true
			b.Substitute(p.Text.Slice(0, maxUnknownText+1), start, end, false)
		case known(p.Value):
			var s strings.Builder
			writeStr(&s, p.Value, maxUnknownText+1)
			b.Append(value.Spread(s.String(), start, end, false))
			written = written || b.Len() > from
		default:
			var s strings.Builder
			writeStr(&s, p.Value, maxUnknownText+1)
			b.Append(value.Spread(s.String(), start, end, true))
		}
	}
	t := b.Done(end)
	if !written || t.Len() > maxUnknownText { // a clipped text is no account's
		t = value.Spread(clip([]byte(t.S)), start, end, true)
	}
	if !w.charge(start, t.Len(), t.Len()) {
		return pv{}, false
	}
	return pv{Value: value.Value{Kind: value.Unknown, Text: t}}, true
}

// appendList returns list x with the elements of y appended, as x + y and $x += y build it: the
// result is read at start:end. When x is its buffer's tip the elements are appended in place;
// otherwise x's elements are copied. ok is false when the budget refuses the list.
func (w *walker) appendList(start, end int, x, y pv) (v pv, ok bool) {
	add := rawItems(y.Value)
	size := x.Size()
	for _, e := range add {
		size += value.ItemCost + e.Size()
	}
	tip := x.tip() != nil
	added := size - x.Size()
	if !tip {
		added = size
	}
	if !w.charge(start, size, added) {
		return pv{}, false
	}
	v = pv{at: [2]int{start, end}, moved: true, flow: firstFlow(x, y)}
	if tip {
		v.Value, v.buf = x.Value, x.buf
	} else {
		v.Value, v.buf = value.Value{Kind: value.List, Elems: make([]value.Value, 0, len(x.Elems)+len(add))}, &buffer{}
		for _, e := range x.Elems {
			v.Append(e)
		}
	}
	for _, e := range add {
		v.Append(e)
	}
	v.buf.elems = v.Elems
	return v, true
}

// tableIndex indexes the keys of a table the walker builds, lower case, by the position of their
// entry: value.Value.Set compares a key with every entry, so setting a large table key by key
// would cost the square of its keys.
type tableIndex struct {
	keys map[string]int
	n    int // the entries written in the array: a table with fewer shares it, and copies to add one
}

// setEntry sets the entry key, written at off, of the table t to e, keys compared
// case-insensitively. Tables copied from one another share their entries, as PowerShell's share
// the hashtable: setting a key both have sets it in both. The index is kept by the address of the
// table's first entry (walker.tables).
//
// Setting an entry this way does not update the table's weight (value.Value.Size): a shared
// value.Value.Set with an index would.
func (w *walker) setEntry(t *value.Value, key string, off int, e value.Value) {
	k := strings.ToLower(key)
	var ix *tableIndex
	if len(t.Entries) > 0 {
		ix = w.tables[&t.Entries[0]]
	}
	if ix == nil || ix.n < len(t.Entries) {
		ix = &tableIndex{keys: map[string]int{}, n: len(t.Entries)}
		for i, en := range t.Entries {
			ix.keys[strings.ToLower(en.Key)] = i
		}
		if len(t.Entries) > 0 {
			w.tables[&t.Entries[0]] = ix
		}
	}
	if i, ok := ix.keys[k]; ok && i < len(t.Entries) {
		t.Entries[i] = value.Entry{Key: key, KeyAt: off, Value: e}
		return
	}
	if ix.n > len(t.Entries) { // another table appended to these entries: copy them
		t.Entries = slices.Clone(t.Entries)
		ix = &tableIndex{keys: map[string]int{}, n: len(t.Entries)}
		for i, en := range t.Entries {
			ix.keys[strings.ToLower(en.Key)] = i
		}
	}
	var first *value.Entry
	if len(t.Entries) > 0 {
		first = &t.Entries[0]
	}
	t.Entries = append(t.Entries, value.Entry{Key: key, KeyAt: off, Value: e})
	if first != &t.Entries[0] {
		delete(w.tables, first)
		w.tables[&t.Entries[0]] = ix
	}
	ix.keys[k], ix.n = len(t.Entries)-1, len(t.Entries)
}

// eval returns the static value of an expression or statement.
func (w *walker) eval(n Node) pv {
	if n == nil {
		return pv{Value: value.Value{Kind: value.Null}}
	}
	if !w.enter(n) {
		return w.unknown(n)
	}
	defer w.leave()
	switch n := n.(type) {
	case *StringLit:
		return w.evalString(n)
	case *NumberLit:
		return pv{Value: value.String(n.Text, n.start, n.end, true)}
	case *VarRef:
		return w.evalVar(n)
	case *ArrayLit:
		return w.evalList(n.Elems, n.Rest, n)
	case *SubExpr:
		stmts := n.Body.Stmts
		switch {
		case len(stmts) == 1 && (n.Kind != AtParen || !w.isList(stmts[0])):
			v := w.eval(stmts[0])
			if n.Kind == AtParen && v.Kind != value.List {
				return w.evalList(stmts, nil, n) // @(x) is an array of one
			}
			return v
		case len(stmts) == 1:
			v := w.eval(stmts[0]) // @(a, b): the list as written
			v.at = [2]int{n.start, n.end}
			return v
		case n.Kind == LParen:
			return w.unknown(n)
		}
		return w.evalList(stmts, n.Body.Rest, n)
	case *Hashtable:
		t := value.Value{Kind: value.Table}
		var flow []assign.Step
		for i, k := range n.Keys {
			if k == nil {
				continue
			}
			if key, ok := w.key(w.eval(k)); ok {
				ks, _ := k.Span()
				v := w.eval(n.Values[i])
				if flow == nil {
					flow = v.flow
				}
				w.setEntry(&t, key, ks, v.Value)
			}
		}
		return pv{Value: t, at: [2]int{n.start, n.end}, flow: flow}
	case *ScriptBlock:
		v := w.unknown(n)
		v.block = n
		w.blockVals[[2]int{n.start, n.end}] = n
		return v
	case *Binary:
		return w.evalBinary(n)
	case *Unary:
		if n.Op == "-join" {
			return w.join(n, w.eval(n.X), str(""))
		}
		return w.unknown(n)
	case *Cast:
		return w.eval(n.X)
	case *Invoke:
		return w.evalInvoke(n)
	case *Member:
		return w.evalMember(n)
	case *Index:
		return w.evalIndex(n)
	case *Concat:
		return w.concat(n, n.Parts)
	case *Pipeline:
		if len(n.Elems) != 1 {
			return w.unknown(n)
		}
		if cmd, ok := n.Elems[0].(*Command); ok {
			return w.commandValue(cmd)
		}
		return w.eval(n.Elems[0])
	case *Assign:
		return w.eval(n.Value)
	}
	return w.unknown(n)
}

func (w *walker) evalString(n *StringLit) pv {
	t := n.Tok
	if t.Parts == nil {
		v := pv{Value: value.String(t.Value, t.ContentStart, t.ContentEnd, t.Verbatim), lit: n}
		if w.unres != nil && w.unres.Unresolved(t.ContentStart, t.ContentEnd) {
			// The language around this one left part of the string unknown (cmd's %USER%, a
			// pipeline's ${{ }}): written as it is, the rest of it is known and decides what it
			// can (CONTOSO\%USER% is an account of CONTOSO).
			if t.Verbatim && t.ContentEnd-t.ContentStart == len(t.Value) {
				v.Value = value.Of(w.unres.Slice(t.ContentStart, t.ContentEnd))
			} else {
				v.Value = value.Unresolved(t.Value, t.ContentStart, t.ContentEnd)
			}
		}
		return v
	}
	parts := make([]pv, len(t.Parts))
	for i, p := range t.Parts {
		switch p.Kind {
		case PartLit:
			parts[i] = str(p.Value)
			continue
		case PartVar:
			if v := w.evalVar(&VarRef{span{p.Start, p.End}, p.Value, false}); known(v.Value) {
				parts[i] = v
				continue
			}
		}
		parts[i] = pv{Value: value.Unresolved(string(w.src[p.Start:p.End]), p.Start, p.End)}
	}
	v, ok := w.build(t.ContentStart, t.ContentEnd, len(parts), func(i int) pv { return parts[i] })
	if !ok {
		return w.unknown(n)
	}
	v.lit = n
	if w.unres != nil && w.unres.Unresolved(t.ContentStart, t.ContentEnd) {
		v.Value, v.buf = value.Unresolved(v.Text.S, t.ContentStart, t.ContentEnd), nil
	}
	return v
}

func (w *walker) evalVar(n *VarRef) pv {
	name, _ := w.keys.varName(n.Name)
	switch name {
	case "true", "false":
		return boolAt(name == "true", n.start, n.end)
	case "null":
		return pv{Value: value.Value{Kind: value.Null}, at: [2]int{n.start, n.end}}
	}
	if n.Splat {
		return pv{Value: value.Unresolved(string(w.src[n.start:n.end]), n.start, n.end)}
	}
	// A script block is itself. A value known in whole or in part (a string with a variable not
	// followed) travels as what is known of it, read here, with the buffer it was built in; an
	// unknown value as the variable's name, saying where it comes from.
	p, found := w.lookup(name)
	switch v := w.entry(p); {
	case !found:
	case v.block != nil:
		return v
	case p.Kind != value.Unknown || partial(p):
		v.buf, v.flow = w.bufs[name], w.flowOf(name)
		return v.readAt(n.start, n.end)
	}
	v := pv{Value: value.Unresolved(string(w.src[n.start:n.end]), n.start, n.end)}
	if found {
		v.flow = w.flowOf(name)
		v.Param = p.Param // the script's parameter, read here
	}
	if found && p.Origin != "" {
		switch {
		case p.Text.Len() == 0: // the parameter itself
			v.Origin = p.Origin
		case strings.HasPrefix(p.Origin, "set from "):
			v.Origin = p.Origin
		default:
			v.Origin = "set from " + p.Text.S + ", " + p.Origin
		}
	}
	return v
}

// blockOf returns the script block v is, or nil. A variable holds a script block as the unknown
// value written where the block is (value.Value has no place for it): the walker finds the block
// again by that span (walker.blockVals).
func (w *walker) blockOf(v value.Value) *ScriptBlock {
	if v.Kind != value.Unknown || v.Text.Len() == 0 {
		return nil
	}
	s, e := v.Text.Span(0, v.Text.Len())
	return w.blockVals[[2]int{s, e}]
}

// entry returns the value of a table's entry, or of a variable, as the walker reads it: a script
// block found again (see blockOf).
func (w *walker) entry(v value.Value) pv { return pv{Value: v, block: w.blockOf(v)} }

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
func (w *walker) key(v pv) (string, bool) {
	if v.Kind == value.List {
		return "", false
	}
	return render(v.Value)
}

// evalList evaluates the elements of a list written in place (a,b or @(a; b)). The elements of a
// list among them are copied in: that is charged, and past the budget the list is unknown. The
// elements past the first assign.MaxAccounts, spanned by rest when the parser did not keep them
// all (see keep), are one element that says so (see isRest). The elements of a list written in
// place carry the edit that drops them.
func (w *walker) evalList(elems []Node, rest *Bad, n Node) pv {
	s, e := n.Span()
	if len(elems) > assign.MaxAccounts {
		if rest == nil {
			rs, _ := elems[assign.MaxAccounts].Span()
			_, re := elems[len(elems)-1].Span()
			rest = &Bad{span{rs, re}}
		}
		elems = elems[:assign.MaxAccounts]
	}
	list := value.Value{Kind: value.List, Elems: make([]value.Value, 0, len(elems)+1)}
	inPlace := true
	starts, ends := make([]int, 0, len(elems)), make([]int, 0, len(elems))
	var flow []assign.Step
	for _, el := range elems {
		it := w.eval(el)
		if flow == nil {
			flow = it.flow
		}
		if it.Kind == value.List && !isRest(it.Value) {
			if !w.charge(s, list.Size()+it.Size(), it.Size()) {
				return w.unknown(n)
			}
			inPlace = false
			for _, x := range flatten(it) {
				list.Append(x.Value)
			}
			continue
		}
		list.Append(it.Value)
		es, ee := el.Span()
		starts, ends = append(starts, es), append(ends, ee)
	}
	if inPlace && rest == nil {
		for i, rm := range assign.Removals(w.src, starts, ends) {
			if ends[i] > starts[i] {
				list.Elems[i].Remove = rm
			}
		}
	}
	if rest != nil {
		list.Append(value.Value{Kind: value.List, Cut: true, CutAt: rest.start, Text: w.unknown(rest).Text})
	}
	return pv{Value: list, at: [2]int{s, e}, inPlace: inPlace, flow: flow}
}

func (w *walker) evalBinary(n *Binary) pv {
	switch n.Op {
	case "-f":
		return w.format(n, w.eval(n.X), w.eval(n.Y))
	case "+":
		x, y := w.eval(n.X), w.eval(n.Y)
		if x.Kind == value.List {
			if v, ok := w.appendList(n.start, n.end, x, y); ok {
				return v
			}
			return w.unknown(n)
		}
		return w.concatValues(n, []pv{x, y})
	case "-join":
		return w.join(n, w.eval(n.X), w.eval(n.Y))
	}
	return w.unknown(n)
}

// concatValues joins values as strings; the result is unknown, with the known parts substituted,
// when one of them is, and unknown as n is written when the budget refuses it.
func (w *walker) concatValues(n Node, vals []pv) pv {
	start, end := n.Span()
	v, ok := w.build(start, end, len(vals), func(i int) pv { return vals[i] })
	if !ok {
		return w.unknown(n)
	}
	return v
}

func (w *walker) concat(n Node, parts []Node) pv {
	vals := make([]pv, len(parts))
	for i, p := range parts {
		vals[i] = w.eval(p)
	}
	return w.concatValues(n, vals)
}

// join applies -join: the elements of list with sep between them.
func (w *walker) join(n Node, list, sep pv) pv {
	if sep.Kind == value.List && strLen(sep.Value) > maxScalarText {
		return w.unknown(n)
	}
	s, ok := render(sep.Value)
	if !ok {
		return w.unknown(n)
	}
	items := rawItems(list.Value)
	sv := str(s)
	start, end := n.Span()
	v, ok := w.build(start, end, max(2*len(items)-1, 0), func(i int) pv {
		if i%2 == 1 {
			return sv
		}
		return pv{Value: items[i/2]}
	})
	if !ok {
		return w.unknown(n)
	}
	v.flow = firstFlow(v, list)
	return v
}

// format applies the -f operator: {index[,alignment][:format]} items, {{ and }} escapes.
func (w *walker) format(n Node, f, args pv) pv {
	start, end := n.Span()
	if f.Kind != value.Str || !f.literal() && !w.charge(start, f.Text.Len(), f.Text.Len()) {
		return w.unknown(n) // reading the format string is charged unless it is written in place
	}
	list := rawItems(args.Value)
	type piece struct {
		lit string
		arg int // the index of the argument, or -1 for the literal text
	}
	var pieces []piece
	s := f.Text.S
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
	v, ok := w.build(start, end, len(pieces), func(i int) pv {
		if p := pieces[i]; p.arg >= 0 {
			return pv{Value: list[p.arg]}
		}
		return str(pieces[i].lit)
	})
	if !ok {
		return w.unknown(n)
	}
	v.flow = firstFlow(v, args)
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
func (w *walker) principal(n Node, ntAccount bool, args []pv) pv {
	switch {
	case len(args) == 1:
		s, e := n.Span()
		return args[0].readAt(s, e)
	case len(args) == 2 && ntAccount:
		return w.concatValues(n, []pv{args[0], str(`\`), args[1]})
	}
	return w.unknown(n)
}

// evalInvoke knows the method calls that keep an account: [SecurityIdentifier]::new('S-1-5-19'),
// [NTAccount]::new('DOMAIN', 'name'), and .Translate() and .ToString() on them.
func (w *walker) evalInvoke(n *Invoke) pv {
	name, _ := n.Fn.Name.(*StringLit)
	if name == nil {
		return w.unknown(n)
	}
	method := strings.ToLower(name.Tok.Value)
	if t, ok := n.Fn.X.(*TypeLit); ok && n.Fn.Static && method == "new" {
		if nt, ok := principalType(t.Name); ok {
			args := make([]pv, len(n.Args))
			for i, a := range n.Args {
				args[i] = w.eval(a)
			}
			return w.principal(n, nt, args)
		}
	}
	if t, ok := n.Fn.X.(*TypeLit); ok && n.Fn.Static && method == "combine" && len(n.Args) > 0 &&
		len(t.Name) <= maxScalarText && strings.HasSuffix(strings.ToLower(t.Name), "io.path") {
		parts := make([]pv, 0, 2*len(n.Args))
		for i, a := range n.Args { // [IO.Path]::Combine($dir, 'ntrights.exe'): the pieces joined by \
			if i > 0 {
				parts = append(parts, str(`\`))
			}
			parts = append(parts, w.eval(a))
		}
		return w.concatValues(n, parts)
	}
	if !n.Fn.Static && method == "getenumerator" && len(n.Args) == 0 {
		if t := w.eval(n.Fn.X); t.Kind == value.Table {
			return w.enumerate(n, t)
		}
	}
	if !n.Fn.Static && (method == "translate" || method == "tostring") {
		if v := w.eval(n.Fn.X); v.Kind == value.Str {
			return v.readAt(n.start, n.end)
		}
	}
	return w.unknown(n)
}

// evalMember knows the members that read a table or a string: $h.Keys and $h.Values (lists, in
// the order written), $h.Name (the entry Name; $_.Key and $_.Value of an enumerated entry too),
// and .Value of a string (a SecurityIdentifier's).
func (w *walker) evalMember(n *Member) pv {
	if n.Static {
		return w.unknown(n)
	}
	x := w.eval(n.X)
	var name string
	if lit, ok := n.Name.(*StringLit); ok && lit.Tok.Parts == nil {
		name = lit.Tok.Value
	} else if k, ok := w.key(w.eval(n.Name)); ok && x.Kind == value.Table {
		name = k
	} else {
		return w.unknown(n)
	}
	switch {
	case x.Kind == value.Str && strings.EqualFold(name, "Value"):
		return x.readAt(n.start, n.end)
	case x.Kind != value.Table:
		return w.unknown(n)
	}
	var v pv
	switch strings.ToLower(name) {
	case "keys":
		if !w.chargeWork(n.start, value.ItemCost*len(x.Entries)) {
			return w.unknown(n)
		}
		list := value.Value{Kind: value.List}
		for _, e := range x.Entries {
			list.Append(value.Value{Kind: value.Str, Text: value.Spread(e.Key, e.KeyAt, e.KeyAt, false)})
		}
		v = pv{Value: list}
	case "values":
		if !w.chargeWork(n.start, value.ItemCost*len(x.Entries)) {
			return w.unknown(n)
		}
		list := value.Value{Kind: value.List}
		for _, e := range x.Entries {
			list.Append(e.Value)
		}
		v = pv{Value: list}
	default:
		e, ok := x.Get(name, true)
		if !ok {
			return w.unknown(n)
		}
		v = w.entry(e)
		v.flow = entryFlow(e, x.flow)
		return v.readAt(n.start, n.end)
	}
	v.flow = x.flow
	return v.readAt(n.start, n.end)
}

// evalIndex knows $h[key] of a table and $a[i] of a list, for a literal i.
func (w *walker) evalIndex(n *Index) pv {
	x := w.eval(n.X)
	switch x.Kind {
	case value.Table:
		k, ok := w.key(w.eval(n.Idx))
		if !ok {
			break
		}
		if e, ok := x.Get(k, true); ok {
			v := w.entry(e)
			v.flow = entryFlow(e, x.flow)
			return v.readAt(n.start, n.end)
		}
	case value.List:
		num, ok := n.Idx.(*NumberLit)
		if !ok {
			break
		}
		i, err := strconv.Atoi(num.Text)
		if err != nil || i < 0 || i >= len(x.Elems) || x.Cut {
			break
		}
		v := x.elem(i)
		return v.readAt(n.start, n.end)
	}
	return w.unknown(n)
}

// enumerate returns what $h.GetEnumerator() yields: one entry per key, each a table of Key and
// Value, read at n.
func (w *walker) enumerate(n Node, t pv) pv {
	s, e := n.Span()
	if !w.chargeWork(s, 2*value.ItemCost*len(t.Entries)) {
		return w.unknown(n)
	}
	list := value.Value{Kind: value.List}
	for _, en := range t.Entries {
		var pair value.Value
		pair.Kind = value.Table
		pair.Set("Key", en.KeyAt, value.Value{Kind: value.Str, Text: value.Spread(en.Key, en.KeyAt, en.KeyAt, false)}, true)
		pair.Set("Value", en.KeyAt, en.Value, true)
		list.Append(pair)
	}
	v := pv{Value: list, flow: t.flow}
	return v.readAt(s, e)
}

// Package value is the value model every script evaluator shares: text that remembers where in the
// source each of its bytes was written (Text), the values expressions evaluate to (Value), the
// variables in scope (Env), how a string splits into names (Split), and the per-file budget that
// bounds what an evaluator builds (Budget). A language keeps only its lexer, its parser and the
// evaluation of its syntax into these; what a value means as accounts is read by assign.Reader.
package value

import (
	"slices"
	"sort"
)

// Text is a string whose every byte remembers the span of the source text it came from, and whether
// its value is known only at run time. Quote removal, escapes and variable expansion all produce a
// Text, so an argument found after them still knows where it was written.
//
// The mapping is held as runs, not per byte: a run of bytes copied from consecutive source bytes,
// or of bytes that all map to one span (a substituted value), costs one run whatever its length.
type Text struct {
	S    string
	runs []run // sorted by at; they cover S exactly
	end  int   // the source offset just after the text (used for empty text and for Offset(len))
}

// run maps the bytes S[at:next run's at] to the source. For a copied run byte k maps to the span
// [lo+k-at, lo+k-at+1); otherwise every byte maps to [lo, hi).
type run struct {
	at, lo, hi int32
	copied     bool
	unres      bool
}

// span returns the source span of byte k, which lies in r.
func (r *run) span(k int) (lo, hi int) {
	if r.copied {
		o := int(r.lo) + k - int(r.at)
		return o, o + 1
	}
	return int(r.lo), int(r.hi)
}

// Source returns s as a Text mapped one to one onto the source starting at offset start.
func Source(s []byte, start int) Text {
	t := Text{S: string(s), end: start + len(s)}
	if len(s) > 0 {
		t.runs = []run{{at: 0, lo: int32(start), hi: int32(start + 1), copied: true}}
	}
	return t
}

// Spread returns s as a Text whose every byte maps to the source span [start, end): text decoded
// from an encoding that has no byte-to-byte correspondence, or a value substituted for a reference.
func Spread(s string, start, end int, unresolved bool) Text {
	t := Text{S: s, end: end}
	if len(s) > 0 {
		t.runs = []run{{at: 0, lo: int32(start), hi: int32(end), unres: unresolved}}
	}
	return t
}

// Empty returns the empty text at the source offset at.
func Empty(at int) Text { return Text{end: at} }

// Len returns the length of the text in bytes.
func (t Text) Len() int { return len(t.S) }

// Runs returns how many runs the text's mapping holds: what it costs beyond its bytes.
func (t Text) Runs() int { return len(t.runs) }

// find returns the index of the run holding byte i, which is in range.
func (t Text) find(i int) int {
	return sort.Search(len(t.runs), func(k int) bool { return int(t.runs[k].at) > i }) - 1
}

// ByteSpan returns the source span that produced S[i]; i must be in range.
func (t Text) ByteSpan(i int) (lo, hi int) {
	r := &t.runs[t.find(i)]
	return r.span(i)
}

// UnresolvedAt reports whether S[i] is known only at run time; i must be in range.
func (t Text) UnresolvedAt(i int) bool { return t.runs[t.find(i)].unres }

// Offset returns the source offset of position i of the text: where S[i] came from, or for i at (or
// past) the end, the source offset just after the text.
func (t Text) Offset(i int) int {
	switch {
	case i < 0 && len(t.S) > 0:
		lo, _ := t.ByteSpan(0)
		return lo
	case i >= 0 && i < len(t.S):
		lo, _ := t.ByteSpan(i)
		return lo
	}
	return t.end
}

// Span returns the source span of S[a:b]. For an empty range it is the point Offset(a).
func (t Text) Span(a, b int) (start, end int) {
	a, b = max(a, 0), min(b, len(t.S))
	if a >= b {
		p := t.Offset(a)
		return p, p
	}
	start, _ = t.ByteSpan(a)
	_, end = t.ByteSpan(b - 1)
	return start, max(start, end)
}

// Unresolved reports whether any byte of S[a:b] is known only at run time.
func (t Text) Unresolved(a, b int) bool {
	a, b = max(a, 0), min(b, len(t.S))
	if a >= b {
		return false
	}
	for k := t.find(a); k < len(t.runs) && int(t.runs[k].at) < b; k++ {
		if t.runs[k].unres {
			return true
		}
	}
	return false
}

// AnyUnresolved reports whether any byte of the text is known only at run time.
func (t Text) AnyUnresolved() bool { return t.Unresolved(0, len(t.S)) }

// Runtime returns the spans of S known only at run time, in order and merged, or nil.
func (t Text) Runtime() []Span {
	var out []Span
	for k, r := range t.runs {
		if !r.unres {
			continue
		}
		a, b := int(r.at), len(t.S)
		if k+1 < len(t.runs) {
			b = int(t.runs[k+1].at)
		}
		if n := len(out); n > 0 && out[n-1].End == a {
			out[n-1].End = b
			continue
		}
		out = append(out, Span{a, b})
	}
	return out
}

// Apart reports whether S[a:b] is written apart from the text around it: none of its bytes is
// known only at run time, and the bytes just before and after it come from source outside the span
// it comes from. Deleting that span then deletes exactly S[a:b]: an element written with escapes,
// or a variable's value substituted whole for its reference (the reference is deleted), but not one
// of two names a reference holds, nor a part of text decoded as a whole (an XML entity).
func (t Text) Apart(a, b int) bool {
	if a >= b || t.Unresolved(a, b) {
		return a >= b
	}
	s, e := t.Span(a, b)
	for _, i := range []int{a - 1, b} {
		if i >= 0 && i < t.Len() {
			if lo, hi := t.ByteSpan(i); lo < e && s < hi {
				return false
			}
		}
	}
	return true
}

// Span is a range [Start, End) of a string's bytes.
type Span struct{ Start, End int }

// Slice returns S[a:b] with its mapping.
func (t Text) Slice(a, b int) Text {
	a, b = max(a, 0), min(b, len(t.S))
	if a >= b {
		return Text{end: t.Offset(a)}
	}
	k := t.find(a)
	if k+1 == len(t.runs) || int(t.runs[k+1].at) >= b {
		return t.within(k, a, b)
	}
	// The runs as a Builder makes them, in a slice of the size they may take; the bytes are t's.
	bl := Builder{s: make([]byte, 0, b-a), runs: make([]run, 0, t.find(b-1)-k+1)}
	bl.appendRange(t, a, b)
	return bl.text(t.S[a:b], bl.runs, 0)
}

// within returns S[a:b], which lies in the run k, sharing t's bytes: the text a Builder would build
// from it, whose only run maps the bytes as run k does (a single byte copied one to one is a run of
// its own span, as Builder.add makes it).
func (t Text) within(k, a, b int) Text {
	r := t.runs[k]
	if r.copied {
		lo := int(r.lo) + a - int(r.at)
		r.lo, r.hi, r.copied = int32(lo), int32(lo+1), b-a > 1
	}
	r.at = 0
	_, end := r.span(b - a - 1)
	return Text{S: t.S[a:b], runs: []run{r}, end: max(end, int(r.lo))}
}

// Reanchor returns the text mapped one to one onto the source starting at offset start, keeping
// which bytes are unresolved: the text as a file of its own.
func (t Text) Reanchor(start int) Text {
	out := Text{S: t.S, end: start + len(t.S), runs: make([]run, len(t.runs))}
	for k, r := range t.runs {
		out.runs[k] = run{at: r.at, lo: int32(start) + r.at, hi: int32(start) + r.at + 1, copied: true, unres: r.unres}
	}
	return out
}

// Map returns the function source.File.Embed needs to map an offset in the text to the source.
func (t Text) Map() func(int) int { return t.Offset }

// Builder builds a Text byte by byte. The zero value is ready to use.
type Builder struct {
	s    []byte
	runs []run
	// from and at remember the run of the text Copy read last: copying a text byte by byte then
	// finds each byte's run without a search.
	from *run
	at   int
}

// add appends the mapping of one byte, extending the last run when it continues it.
func (b *Builder) add(lo, hi int, unresolved bool) {
	at := len(b.s) - 1
	if n := len(b.runs); n > 0 {
		r := &b.runs[n-1]
		if r.unres == unresolved {
			switch {
			case r.copied && hi == lo+1 && int(r.lo)+at-int(r.at) == lo:
				return
			case !r.copied && int(r.lo) == lo && int(r.hi) == hi:
				return
			case !r.copied && at-int(r.at) == 1 && r.hi == r.lo+1 && hi == lo+1 && int(r.lo)+1 == lo:
				r.copied = true // a one-byte run that the next byte continues one to one
				return
			}
		}
	}
	b.runs = append(b.runs, run{at: int32(at), lo: int32(lo), hi: int32(hi), copied: false, unres: unresolved})
}

// Byte appends c, produced by the source span [lo, hi).
func (b *Builder) Byte(c byte, lo, hi int, unresolved bool) {
	b.s = append(b.s, c)
	b.add(lo, hi, unresolved)
}

// Copy appends S[i] of t with its own mapping.
func (b *Builder) Copy(t Text, i int) {
	k := b.at
	if len(t.runs) == 0 || b.from != &t.runs[0] || k >= len(t.runs) || int(t.runs[k].at) > i ||
		k+1 < len(t.runs) && int(t.runs[k+1].at) <= i {
		k = t.find(i)
	}
	if len(t.runs) > 0 {
		b.from, b.at = &t.runs[0], k
	}
	r := &t.runs[k]
	lo, hi := r.span(i)
	b.Byte(t.S[i], lo, hi, r.unres)
}

// CopyRange appends S[a:e] of t with its mapping: what Copy of each of those bytes appends, a run
// at a time rather than a byte at a time.
func (b *Builder) CopyRange(t Text, a, e int) { b.appendRange(t, a, e) }

// Grow makes room for n more bytes: a text whose length is known is then built without growing
// its buffer again and again.
func (b *Builder) Grow(n int) { b.s = slices.Grow(b.s, n) }

// appendRange appends S[a:e] of t with its mapping, a run at a time.
func (b *Builder) appendRange(t Text, a, e int) {
	if a >= e {
		return
	}
	for k := t.find(a); k < len(t.runs) && int(t.runs[k].at) < e; k++ {
		r := &t.runs[k]
		from, to := max(int(r.at), a), e
		if k+1 < len(t.runs) {
			to = min(to, int(t.runs[k+1].at))
		}
		b.mapped(t.S[from:to], r, from)
	}
}

// mapped appends s, the bytes at index from on of a run r, with r's mapping. Once the builder's
// last run continues r, the rest of s is appended without touching the runs.
func (b *Builder) mapped(s string, r *run, from int) {
	for i := 0; i < len(s); i++ {
		lo, hi := r.span(from + i)
		b.Byte(s[i], lo, hi, r.unres)
		last := &b.runs[len(b.runs)-1]
		if i+1 < len(s) && last.unres == r.unres && last.copied == r.copied && (r.copied || last.lo == r.lo && last.hi == r.hi) {
			b.s = append(b.s, s[i+1:]...)
			return
		}
	}
}

// Append appends t with its mapping.
func (b *Builder) Append(t Text) { b.appendRange(t, 0, len(t.S)) }

// AppendSlice appends S[a:e] of t with its mapping: Append(t.Slice(a, e)) without building the slice.
func (b *Builder) AppendSlice(t Text, a, e int) { b.appendRange(t, max(a, 0), min(e, len(t.S))) }

// MaxUnresolved is how much of the source text of a value known only at run time (a command
// substitution, an unknown parameter) an evaluator carries: the rest is an ellipsis. The text is
// for messages; copying all of it would make nested constructs cost their size at every level.
const MaxUnresolved = 120

// Unresolved appends S[a:e] of t marked unresolved: its first MaxUnresolved bytes, then "..."
// spanning the rest of the source.
func (b *Builder) Unresolved(t Text, a, e int) {
	e = min(e, len(t.S))
	cut := min(e, a+MaxUnresolved)
	for i := a; i < cut; i++ {
		lo, hi := t.Span(i, i+1)
		b.Byte(t.S[i], lo, hi, true)
	}
	if cut < e {
		lo, _ := t.Span(cut, cut+1)
		_, hi := t.Span(e-1, e)
		for range 3 {
			b.Byte('.', lo, hi, true)
		}
	}
}

// Substitute appends the value v for a reference written at the source span [lo, hi): every byte
// maps to the reference, and is unresolved when v's byte is or when unresolved is set.
func (b *Builder) Substitute(v Text, lo, hi int, unresolved bool) {
	for k := range v.runs {
		from, to := int(v.runs[k].at), len(v.S)
		if k+1 < len(v.runs) {
			to = int(v.runs[k+1].at)
		}
		r := run{lo: int32(lo), hi: int32(hi), unres: unresolved || v.runs[k].unres}
		b.mapped(v.S[from:to], &r, 0)
	}
}

// Len returns the number of bytes built so far.
func (b *Builder) Len() int { return len(b.s) }

// Last returns the last byte built, or 0.
func (b *Builder) Last() byte {
	if len(b.s) == 0 {
		return 0
	}
	return b.s[len(b.s)-1]
}

// At returns the byte built at index i.
func (b *Builder) At(i int) byte { return b.s[i] }

// Truncate drops every byte after the first n.
func (b *Builder) Truncate(n int) {
	b.s = b.s[:n]
	k := len(b.runs)
	for k > 0 && int(b.runs[k-1].at) >= n {
		k--
	}
	b.runs = b.runs[:k]
}

// Done returns the text built; end is the source offset just after it, used when the text is empty.
// The builder is reset.
func (b *Builder) Done(end int) Text {
	t := b.text(string(b.s), b.runs, end)
	*b = Builder{}
	return t
}

// Detach returns the text built, as Done does, in memory of its own, and empties the builder but
// keeps its buffers: a builder that builds one text after another (a line, a command) then
// allocates only the texts themselves, not a buffer grown byte by byte for each.
func (b *Builder) Detach(end int) Text {
	var runs []run
	if len(b.runs) > 0 {
		runs = slices.Clone(b.runs)
	}
	t := b.text(string(b.s), runs, end)
	b.Truncate(0)
	return t
}

// text returns the text built, s (its bytes) with the mapping runs.
func (b *Builder) text(s string, runs []run, end int) Text {
	t := Text{S: s, runs: runs, end: end}
	if len(s) > 0 {
		lo, hi := t.ByteSpan(len(s) - 1)
		t.end = max(hi, lo)
	}
	return t
}

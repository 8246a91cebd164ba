// Package cmdline splits Windows command lines and follows command strings handed from one
// interpreter to another (cmd /c, powershell -Command and -EncodedCommand, ssh, winrs, psexec, sh -c),
// analyzing each in its own language with positions mapped back into the outer file.
package cmdline

// Text is a string whose every byte remembers the span of the source text it came from, and whether
// its value is known only at run time. Quote removal, escapes and variable expansion all produce a
// Text, so an argument found after them still knows where it was written.
type Text struct {
	S     string
	lo    []int  // lo[i]: start in the source of the span that produced S[i]
	hi    []int  // hi[i]: end of that span
	unres []bool // unres[i]: S[i] is known only at run time; nil when no byte is
	end   int    // the source offset just after the text (used for empty text and for Offset(len))
}

// Source returns s as a Text mapped one to one onto the source starting at offset start.
func Source(s []byte, start int) Text {
	t := Text{S: string(s), lo: make([]int, len(s)), hi: make([]int, len(s)), end: start + len(s)}
	for i := range s {
		t.lo[i], t.hi[i] = start+i, start+i+1
	}
	return t
}

// Spread returns s as a Text whose every byte maps to the source span [start, end): text decoded
// from an encoding that has no byte-to-byte correspondence, or a value substituted for a reference.
func Spread(s string, start, end int, unresolved bool) Text {
	var b Builder
	for i := 0; i < len(s); i++ {
		b.Byte(s[i], start, end, unresolved)
	}
	return b.Done(end)
}

// Len returns the length of the text in bytes.
func (t Text) Len() int { return len(t.S) }

// Offset returns the source offset of position i of the text: where S[i] came from, or for i at (or
// past) the end, the source offset just after the text.
func (t Text) Offset(i int) int {
	switch {
	case i < 0 && len(t.S) > 0:
		return t.lo[0]
	case i >= 0 && i < len(t.S):
		return t.lo[i]
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
	start, end = t.lo[a], t.hi[b-1]
	return start, max(start, end)
}

// Unresolved reports whether any byte of S[a:b] is known only at run time.
func (t Text) Unresolved(a, b int) bool {
	if t.unres == nil {
		return false
	}
	for i := max(a, 0); i < min(b, len(t.S)); i++ {
		if t.unres[i] {
			return true
		}
	}
	return false
}

// AnyUnresolved reports whether any byte of the text is known only at run time.
func (t Text) AnyUnresolved() bool { return t.Unresolved(0, len(t.S)) }

// Slice returns S[a:b] with its mapping.
func (t Text) Slice(a, b int) Text {
	a, b = max(a, 0), min(b, len(t.S))
	if a >= b {
		return Text{end: t.Offset(a)}
	}
	s := Text{S: t.S[a:b], lo: t.lo[a:b], hi: t.hi[a:b], end: t.hi[b-1]}
	if t.unres != nil {
		s.unres = t.unres[a:b]
	}
	return s
}

// Map returns the function source.File.Embed needs to map an offset in the text to the source.
func (t Text) Map() func(int) int { return t.Offset }

// Builder builds a Text byte by byte. The zero value is ready to use.
type Builder struct {
	s      []byte
	lo, hi []int
	unres  []bool
	any    bool
}

// Byte appends c, produced by the source span [lo, hi).
func (b *Builder) Byte(c byte, lo, hi int, unresolved bool) {
	b.s = append(b.s, c)
	b.lo = append(b.lo, lo)
	b.hi = append(b.hi, hi)
	b.unres = append(b.unres, unresolved)
	b.any = b.any || unresolved
}

// Copy appends S[i] of t with its own mapping.
func (b *Builder) Copy(t Text, i int) {
	b.Byte(t.S[i], t.lo[i], t.hi[i], t.unres != nil && t.unres[i])
}

// Append appends t with its mapping.
func (b *Builder) Append(t Text) {
	for i := range len(t.S) {
		b.Copy(t, i)
	}
}

// Substitute appends the value v for a reference written at the source span [lo, hi): every byte
// maps to the reference, and is unresolved when v's byte is or when unresolved is set.
func (b *Builder) Substitute(v Text, lo, hi int, unresolved bool) {
	for i := range len(v.S) {
		b.Byte(v.S[i], lo, hi, unresolved || (v.unres != nil && v.unres[i]))
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
	b.s, b.lo, b.hi, b.unres = b.s[:n], b.lo[:n], b.hi[:n], b.unres[:n]
}

// Done returns the text built; end is the source offset just after it, used when the text is empty.
// The builder is reset.
func (b *Builder) Done(end int) Text {
	t := Text{S: string(b.s), lo: b.lo, hi: b.hi, end: end}
	if len(b.s) > 0 {
		t.end = max(b.hi[len(b.s)-1], b.lo[len(b.s)-1])
	}
	if b.any {
		t.unres = b.unres
	}
	*b = Builder{}
	return t
}

package value

import "slices"

// Same reports whether t and u are the same text with the same mapping: the same bytes, each from
// the same source span and resolved alike. Texts built differently may map alike and still differ
// here; equal texts are interchangeable.
func (t Text) Same(u Text) bool {
	return t.S == u.S && t.end == u.end && slices.Equal(t.runs, u.runs)
}

// DetachLike returns like when the text built is the same as like (see Text.Same), without copying
// it, and otherwise what Detach(end) returns; either way the builder is emptied, keeping its
// buffers. A text built again as it was built before then costs nothing more.
func (b *Builder) DetachLike(like Text, end int) Text {
	e := end
	if n := len(b.s); n > 0 {
		lo, hi := b.runs[len(b.runs)-1].span(n - 1)
		e = max(hi, lo)
	}
	if e != like.end || string(b.s) != like.S || !slices.Equal(b.runs, like.runs) {
		return b.Detach(end)
	}
	b.Truncate(0)
	return like
}

// AppendUnresolved appends S[a:e] of t with its mapping, every byte marked unresolved: what Byte
// of each byte with its span (Span(i, i+1)) appends, unresolved, a run at a time.
func (b *Builder) AppendUnresolved(t Text, a, e int) {
	a, e = max(a, 0), min(e, len(t.S))
	if a >= e {
		return
	}
	for k := t.find(a); k < len(t.runs) && int(t.runs[k].at) < e; k++ {
		r := t.runs[k]
		from, to := max(int(r.at), a), e
		if k+1 < len(t.runs) {
			to = min(to, int(t.runs[k+1].at))
		}
		r.unres = true
		if !r.copied {
			r.hi = max(r.hi, r.lo) // as Span makes it
		}
		b.mapped(t.S[from:to], &r, from)
	}
}

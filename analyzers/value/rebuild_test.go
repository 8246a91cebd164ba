package value

import (
	"reflect"
	"testing"
)

// fastTexts are texts of every shape: source, spread, and built from pieces (copied runs,
// substituted values, a byte of its own, an empty span, an unresolved byte, a span whose end lies
// before its start).
func fastTexts() []Text {
	var b Builder
	b.Append(Source([]byte("abc"), 10))
	b.Substitute(Spread("value", 13, 16, false), 13, 16, true)
	b.Byte('x', 16, 17, false)
	b.Byte('y', 20, 21, false)
	b.Byte('z', 22, 22, false)
	b.Byte('?', 30, 30, true)
	b.Byte('w', 40, 38, false)
	b.Append(Source([]byte("ghi"), 17))
	return []Text{Source([]byte("plain text"), 5), Spread("spread", 3, 9, true), Spread("back", 9, 3, false), b.Done(0)}
}

// TestAppendUnresolvedIsByteByByte checks that AppendUnresolved builds what Byte of each byte with
// its span, unresolved, builds, runs included, after whatever the builder holds.
func TestAppendUnresolvedIsByteByByte(t *testing.T) {
	prefixes := []func(*Builder){
		func(*Builder) {},
		func(b *Builder) { b.Byte('p', 4, 5, true) },   // continued one to one by a source at 5
		func(b *Builder) { b.Byte('p', 3, 9, true) },   // the span of the spread text
		func(b *Builder) { b.Byte('p', 12, 13, true) }, // continued by the built text's byte 2
		func(b *Builder) { b.Byte('p', 4, 5, false) },  // resolved: not continued
	}
	for ti, src := range fastTexts() {
		for pi, prefix := range prefixes {
			for a := 0; a <= src.Len(); a++ {
				for e := a; e <= src.Len(); e++ {
					var byByte, byRange Builder
					prefix(&byByte)
					prefix(&byRange)
					for i := a; i < e; i++ {
						lo, hi := src.Span(i, i+1)
						byByte.Byte(src.S[i], lo, hi, true)
					}
					byRange.AppendUnresolved(src, a, e)
					if want, got := byByte.Done(0), byRange.Done(0); !reflect.DeepEqual(got, want) {
						t.Fatalf("text %d, prefix %d, [%d,%d): AppendUnresolved built %+v, Byte %+v", ti, pi, a, e, got, want)
					}
				}
			}
		}
	}
}

// TestSame checks that Same tells texts apart by their bytes, their mapping and where they end.
func TestSame(t *testing.T) {
	src := Source([]byte("abcdef"), 10)
	for _, tt := range []struct {
		name string
		t, u Text
		want bool
	}{
		{"itself", src, src, true},
		{"the same slice twice", src.Slice(1, 4), src.Slice(1, 4), true},
		{"built alike", Spread("ab", 1, 3, true), Spread("ab", 1, 3, true), true},
		{"other bytes", Spread("ab", 1, 3, true), Spread("ac", 1, 3, true), false},
		{"another span", Spread("ab", 1, 3, true), Spread("ab", 1, 4, true), false},
		{"resolved", Spread("ab", 1, 3, true), Spread("ab", 1, 3, false), false},
		{"same bytes elsewhere", src.Slice(0, 2), Source([]byte("ab"), 11), false},
		{"empty at two offsets", Empty(3), Empty(4), false},
		{"empty", Empty(3), Empty(3), true},
	} {
		if got := tt.t.Same(tt.u); got != tt.want {
			t.Errorf("%s: Same = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestDetachLike checks that DetachLike returns the text given when the builder built the same
// text, and otherwise what Detach returns; either way the builder is empty after it. Each text is
// built again the same but the spread text whose span ends before it starts (text 2): a builder
// ends a text at the end of its last byte's span.
func TestDetachLike(t *testing.T) {
	texts := fastTexts()
	for ti, built := range texts {
		for li, like := range append(texts, Text{}, Empty(0)) {
			var b, d Builder
			b.Append(built)
			d.Append(built)
			got := b.DetachLike(like, 7)
			want := d.Detach(7)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("text %d like %d: DetachLike = %+v, want %+v", ti, li, got, want)
			}
			given := len(got.runs) > 0 && len(like.runs) > 0 && &got.runs[0] == &like.runs[0]
			if same := want.Same(like); given != same || same != (ti == li && ti != 2) {
				t.Errorf("text %d like %d: returned the text given: %v, the same: %v", ti, li, given, same)
			}
			if b.Len() != 0 {
				t.Errorf("text %d like %d: %d bytes left in the builder", ti, li, b.Len())
			}
		}
	}
}

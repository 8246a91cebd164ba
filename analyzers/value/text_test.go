package value

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// model is the per-byte mapping a Text stands for: the reference the run-length form must agree with.
type model struct {
	s      []byte
	lo, hi []int
	unres  []bool
}

func (m *model) byte(c byte, lo, hi int, u bool) {
	m.s = append(m.s, c)
	m.lo, m.hi, m.unres = append(m.lo, lo), append(m.hi, hi), append(m.unres, u)
}

// check compares every query of t with the model.
func check(t *testing.T, what string, got Text, want *model) {
	t.Helper()
	if got.S != string(want.s) {
		t.Fatalf("%s: S = %q, want %q", what, got.S, want.s)
	}
	for i := range want.s {
		lo, hi := got.ByteSpan(i)
		if lo != want.lo[i] || hi != want.hi[i] || got.UnresolvedAt(i) != want.unres[i] {
			t.Fatalf("%s: byte %d maps to [%d,%d) unresolved %v, want [%d,%d) %v", what, i, lo, hi, got.UnresolvedAt(i), want.lo[i], want.hi[i], want.unres[i])
		}
		if got.Offset(i) != want.lo[i] {
			t.Fatalf("%s: Offset(%d) = %d, want %d", what, i, got.Offset(i), want.lo[i])
		}
	}
	for a := 0; a <= len(want.s); a++ {
		for b := a; b <= len(want.s) && b <= a+4; b++ {
			u := false
			for i := a; i < b; i++ {
				u = u || want.unres[i]
			}
			if got.Unresolved(a, b) != u {
				t.Fatalf("%s: Unresolved(%d,%d) = %v, want %v", what, a, b, got.Unresolved(a, b), u)
			}
			if a < b {
				s, e := got.Span(a, b)
				if s != want.lo[a] || e != max(want.lo[a], want.hi[b-1]) {
					t.Fatalf("%s: Span(%d,%d) = %d,%d, want %d,%d", what, a, b, s, e, want.lo[a], want.hi[b-1])
				}
			}
		}
	}
	if len(want.s) > 0 && got.Offset(len(want.s)) != max(want.lo[len(want.s)-1], want.hi[len(want.s)-1]) {
		t.Fatalf("%s: Offset(len) = %d, want %d", what, got.Offset(len(want.s)), want.hi[len(want.s)-1])
	}
}

// build runs ops over a builder and the model side by side. Each op is three bytes: what to do and
// two arguments.
func build(t *testing.T, ops []byte) {
	src := Source([]byte("abcdefghijklmnopqrstuvwxyz"), 100)
	var srcModel model
	for i := range 26 {
		srcModel.byte(byte('a'+i), 100+i, 101+i, false)
	}
	check(t, "Source", src, &srcModel)
	spread := Spread("XYZ", 7, 9, true)
	var b Builder
	var m model
	for k := 0; k+2 < len(ops); k += 3 {
		x, y := int(ops[k+1]), int(ops[k+2])
		switch ops[k] % 7 {
		case 0: // a byte of its own
			b.Byte('0'+byte(x%10), x, x+y%3, y%2 == 1)
			m.byte('0'+byte(x%10), x, x+y%3, y%2 == 1)
		case 1: // a copy of one source byte
			i := x % 26
			b.Copy(src, i)
			m.byte(srcModel.s[i], srcModel.lo[i], srcModel.hi[i], false)
		case 2: // a slice of the source
			a, e := x%27, y%27
			if a > e {
				a, e = e, a
			}
			b.Append(src.Slice(a, e))
			for i := a; i < e; i++ {
				m.byte(srcModel.s[i], srcModel.lo[i], srcModel.hi[i], false)
			}
		case 3: // a substituted value
			b.Substitute(spread, x, x+2, y%2 == 1)
			for i := range 3 {
				m.byte("XYZ"[i], x, x+2, true)
			}
		case 4: // a substituted source slice
			b.Substitute(src.Slice(0, x%27), y, y+1, false)
			for i := range x % 27 {
				m.byte(srcModel.s[i], y, y+1, false)
			}
		case 5:
			n := x % (len(m.s) + 1)
			b.Truncate(n)
			m.s, m.lo, m.hi, m.unres = m.s[:n], m.lo[:n], m.hi[:n], m.unres[:n]
		case 6: // copy what was built so far, through Done, Slice, Append and AppendSlice
			got := b.Done(0)
			check(t, "Done", got, &m)
			a := x % (len(m.s) + 1)
			e := a + y%(len(m.s)-a+1)
			b.Append(got.Slice(0, a))
			b.AppendSlice(got, a, e)
			b.Append(got.Slice(e, len(m.s)))
		}
		if b.Len() != len(m.s) {
			t.Fatalf("after op %d: Len %d, want %d", k/3, b.Len(), len(m.s))
		}
	}
	got := b.Done(42)
	check(t, "final", got, &m)
	if len(m.s) == 0 && got.Offset(0) != 42 {
		t.Fatalf("empty text at %d, want 42", got.Offset(0))
	}
	// Reanchor keeps the bytes and their unresolved marks and maps them one to one.
	re := got.Reanchor(5)
	var rm model
	for i := range m.s {
		rm.byte(m.s[i], 5+i, 6+i, m.unres[i])
	}
	check(t, "Reanchor", re, &rm)
}

func TestTextAgainstModel(t *testing.T) {
	tests := []struct {
		name string
		ops  []byte
	}{
		{"empty", nil},
		{"copies in order", []byte{1, 0, 0, 1, 1, 0, 1, 2, 0, 1, 3, 0}},
		{"copies out of order", []byte{1, 3, 0, 1, 1, 0, 1, 2, 0, 1, 2, 0}},
		{"bytes continuing one another", []byte{0, 10, 1, 0, 11, 1, 0, 12, 1, 0, 12, 2}},
		{"a one-byte spread then a copy", []byte{0, 5, 1, 0, 6, 1, 0, 7, 0}},
		{"slices", []byte{2, 3, 9, 2, 0, 26, 2, 9, 3}},
		{"substitutions", []byte{3, 50, 1, 4, 5, 60, 3, 50, 0, 2, 0, 4}},
		{"truncate mid run", []byte{2, 0, 20, 5, 7, 0, 1, 4, 0}},
		{"truncate to nothing", []byte{2, 0, 20, 5, 0, 0, 3, 1, 1}},
		{"copy of the built text", []byte{2, 0, 10, 3, 9, 1, 6, 4, 7, 6, 1, 200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { build(t, tt.ops) })
	}
}

// TestRunsStayFew checks that the mapping costs a run per piece, not per byte: a copied line, a
// substituted value and their concatenation.
func TestRunsStayFew(t *testing.T) {
	line := make([]byte, 100000)
	for i := range line {
		line[i] = 'a' + byte(i%26)
	}
	src := Source(line, 0)
	if src.Runs() != 1 {
		t.Errorf("Source: %d runs, want 1", src.Runs())
	}
	var b Builder
	for range 1000 {
		b.Append(src.Slice(10, 90))
		b.Substitute(src.Slice(0, 50), 7, 9, true)
	}
	got := b.Done(0)
	if got.Runs() > 2000 {
		t.Errorf("1000 slices and substitutions: %d runs, want at most 2000", got.Runs())
	}
	var c Builder
	for i := range len(line) {
		c.Copy(src, i)
	}
	if n := c.Done(0).Runs(); n != 1 {
		t.Errorf("byte by byte copy of a line: %d runs, want 1", n)
	}
}

// FuzzText drives the builder with arbitrary operations and checks every query against the
// per-byte model.
func FuzzText(f *testing.F) {
	f.Add([]byte{2, 0, 10, 3, 9, 1, 6, 4, 7, 6, 1, 200})
	f.Add([]byte{0, 5, 1, 0, 6, 1, 0, 7, 0, 5, 1, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 300 {
			ops = ops[:300] // the model checks every span: keep the work per input small
		}
		build(t, ops)
	})
}

// TestUnresolved checks that unresolved source text is carried up to MaxUnresolved bytes, with an
// ellipsis spanning the rest, every byte unresolved.
func TestUnresolved(t *testing.T) {
	src := Source([]byte(strings.Repeat("abcdefghij", 30)), 100) // 300 bytes at offset 100
	for _, tt := range []struct {
		a, e       int
		want       string
		start, end int // the source span of the result
	}{
		{0, 0, "", 0, 0},
		{5, 25, "fghijabcdefghijabcde", 105, 125},
		{0, MaxUnresolved, strings.Repeat("abcdefghij", 12), 100, 220},
		{0, MaxUnresolved + 1, strings.Repeat("abcdefghij", 12) + "...", 100, 221},
		{10, 300, strings.Repeat("abcdefghij", 12) + "...", 110, 400},
		{290, 400, "abcdefghij", 390, 400},
	} {
		var b Builder
		b.Unresolved(src, tt.a, tt.e)
		got := b.Done(src.Offset(min(tt.e, src.Len())))
		if got.S != tt.want {
			t.Errorf("Unresolved(%d, %d) = %q, want %q", tt.a, tt.e, got.S, tt.want)
			continue
		}
		if got.Len() > 0 {
			if s, e := got.Span(0, got.Len()); s != tt.start || e != tt.end {
				t.Errorf("Unresolved(%d, %d) spans %d..%d, want %d..%d", tt.a, tt.e, s, e, tt.start, tt.end)
			}
			for i := range got.Len() {
				if !got.UnresolvedAt(i) {
					t.Errorf("Unresolved(%d, %d): byte %d is resolved", tt.a, tt.e, i)
				}
			}
		}
	}
}

func TestRuntime(t *testing.T) {
	var b Builder
	b.Append(Spread("$d", 0, 2, true))
	b.Append(Source([]byte(`\x`), 2))
	b.Append(Spread("$a", 4, 6, true))
	b.Append(Spread("$b", 6, 8, true)) // touches the one before: merged
	b.Append(Source([]byte("y"), 8))
	if got, want := fmt.Sprint(b.Done(9).Runtime()), "[{0 2} {4 8}]"; got != want {
		t.Errorf("Runtime() = %s, want %s", got, want)
	}
	if got := Source([]byte("lit"), 0).Runtime(); got != nil {
		t.Errorf("a literal's Runtime() = %v, want nil", got)
	}
}

// TestCopyRangeIsCopy checks that CopyRange builds what Copy of each byte builds, runs included
// (the runs are what a text costs), after whatever the builder holds.
func TestCopyRangeIsCopy(t *testing.T) {
	var b Builder
	b.Append(Source([]byte("abc%X%def"), 10))
	b.Substitute(Spread("value", 13, 16, false), 13, 16, false)
	b.Byte('x', 16, 17, false)
	b.Append(Source([]byte("ghi"), 17))
	b.Byte('?', 30, 30, true)
	b.Append(Source([]byte("jk"), 31))
	texts := []Text{Source([]byte("plain text"), 5), Spread("spread", 3, 9, true), b.Done(0)}
	prefixes := []func(*Builder){
		func(*Builder) {},
		func(b *Builder) { b.Byte('p', 4, 5, false) },   // continued one to one by a source at 5
		func(b *Builder) { b.Byte('p', 3, 9, true) },    // the span of the spread text
		func(b *Builder) { b.Byte('p', 12, 13, false) }, // continued by the built text's byte 2
	}
	for ti, src := range texts {
		for pi, prefix := range prefixes {
			for a := 0; a <= src.Len(); a++ {
				for e := a; e <= src.Len(); e++ {
					var byByte, byRange Builder
					prefix(&byByte)
					prefix(&byRange)
					for i := a; i < e; i++ {
						byByte.Copy(src, i)
					}
					byRange.CopyRange(src, a, e)
					if want, got := byByte.Done(0), byRange.Done(0); !reflect.DeepEqual(got, want) {
						t.Fatalf("text %d, prefix %d, [%d,%d): CopyRange built %+v, Copy %+v", ti, pi, a, e, got, want)
					}
				}
			}
		}
	}
}

// TestGrow checks that Grow keeps what was built.
func TestGrow(t *testing.T) {
	var b Builder
	b.Append(Source([]byte("ab"), 0))
	b.Grow(100)
	b.Append(Source([]byte("cd"), 2))
	if got := b.Done(0); got.S != "abcd" || got.Runs() != 1 {
		t.Fatalf("got %q with %d runs, want \"abcd\" with 1", got.S, got.Runs())
	}
}

// TestDetach checks that Detach returns what Done would, and that the texts it returned stay as
// they were while the builder builds the next ones in the same buffers.
func TestDetach(t *testing.T) {
	var reused Builder
	var got, want []Text
	for i := range 5 {
		var b Builder
		for _, x := range []*Builder{&b, &reused} {
			x.Append(Source([]byte("line "), 10*i))
			x.Substitute(Spread(strings.Repeat("v", i), 0, 3, i%2 == 0), 10*i+5, 10*i+8, false)
			x.Byte('\n', 10*i+9, 10*i+10, false)
		}
		want = append(want, b.Done(-1))
		got = append(got, reused.Detach(-1))
	}
	if e := reused.Detach(7); !reflect.DeepEqual(e, Empty(7)) {
		t.Errorf("empty builder: Detach = %+v, want %+v", e, Empty(7))
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Detach built %+v, want %+v", got, want)
	}
}

// TestSliceIsCopy checks that Slice returns what copying the bytes with a Builder returns, runs
// included, whether the slice lies in one run (and shares the text's bytes) or spans several.
func TestSliceIsCopy(t *testing.T) {
	var b Builder
	b.Append(Source([]byte("abc"), 10))
	b.Substitute(Spread("value", 13, 16, false), 13, 16, true)
	b.Byte('x', 16, 17, false)
	b.Byte('y', 20, 21, false)
	b.Byte('z', 22, 22, false)
	b.Append(Source([]byte("ghi"), 17))
	for ti, src := range []Text{Source([]byte("plain text"), 5), Spread("spread", 3, 9, true), b.Done(0)} {
		for a := -1; a <= src.Len()+1; a++ {
			for e := a; e <= src.Len()+1; e++ {
				var c Builder
				c.CopyRange(src, max(a, 0), min(e, src.Len()))
				want := c.Done(src.Offset(a))
				if got := src.Slice(a, e); !reflect.DeepEqual(got, want) {
					t.Fatalf("text %d: Slice(%d, %d) = %+v, want %+v", ti, a, e, got, want)
				}
			}
		}
	}
}

package value

import "iter"

// A list of names written in one string (accounts in "a, b", a template line's value) is split
// here for every language, so that each element keeps where it was written, the bytes known only at
// run time never separate, and removing one element is one edit.

// Element is one element of a list written in one string.
type Element struct {
	Text Text // the element, blanks around it trimmed
	// Remove is the span of the source to delete to drop the element: the element and the separator
	// after it, or for the last element the separator before it.
	Remove [2]int
}

// Commas reports the length of a comma separator at s[i:].
func Commas(s string, i int) int {
	if s[i] == ',' {
		return 1
	}
	return 0
}

// Split returns the elements of t, split at the separators sep finds (sep returns a separator's
// length at s[i:], 0 when there is none), in order. Bytes known only at run time never separate: a
// comma inside an unresolved Jinja expression belongs to it. Empty elements are dropped. The
// elements are found as they are asked for: a caller that stops early does not pay for the rest of
// t.
func Split(t Text, sep func(s string, i int) int) iter.Seq[Element] {
	return func(yield func(Element) bool) {
		element := func(s [2]int, lo, hi int) Element {
			a, b := t.Span(lo, hi)
			return Element{Text: t.Slice(s[0], s[1]), Remove: [2]int{a, b}}
		}
		// pending is the last element found, yielded once the next one shows whether it is the last;
		// prevEnd is where the element before it ends, or -1 when it is the first.
		var pending [2]int
		found, prevEnd := false, -1
		for s := range Names(t, sep) {
			if found && !yield(element(pending, pending[0], s[0])) {
				return
			}
			if found {
				prevEnd = pending[1]
			}
			pending, found = s, true
		}
		switch {
		case !found:
		case prevEnd < 0: // an element alone
			yield(element(pending, pending[0], pending[1]))
		default: // the last element goes with the separator before it
			yield(element(pending, prevEnd, pending[1]))
		}
	}
}

// Names returns the spans of t's non-empty elements, blanks around them trimmed.
func Names(t Text, sep func(s string, i int) int) iter.Seq[[2]int] {
	return func(yield func([2]int) bool) {
		start := 0
		for i := 0; i <= t.Len(); {
			n := 0
			if i < t.Len() {
				if n = sep(t.S, i); n == 0 || t.Unresolved(i, i+1) {
					i++
					continue
				}
			}
			if a, b := TrimBlanks(t.S, start, i); a < b && !yield([2]int{a, b}) {
				return
			}
			i += max(n, 1)
			start = i
		}
	}
}

// TrimBlanks narrows s[a:b] to exclude blanks and line breaks around it.
func TrimBlanks(s string, a, b int) (int, int) {
	isBlank := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	for a < b && isBlank(s[a]) {
		a++
	}
	for b > a && isBlank(s[b-1]) {
		b--
	}
	return a, b
}

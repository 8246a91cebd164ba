package batch

import (
	"bytes"
	"testing"
)

// TestFoldSearch checks foldSearch against a search of the lower-cased text, from every offset in
// turn, on text that mixes cases and overlaps the word with itself.
func TestFoldSearch(t *testing.T) {
	for _, s := range []string{"", "g", "goto", "GoTo x gOTO", "ggoto GGOTO gotgoto", "call CALL cAlL", "\xffGOTO\x00goto", "GOT", "xGOTOGOTO"} {
		for _, word := range []string{"goto", "call"} {
			low := []byte(s) // byte for byte: bytes.ToLower changes the length of invalid UTF-8
			for i, c := range low {
				if 'A' <= c && c <= 'Z' {
					low[i] = c + 'a' - 'A'
				}
			}
			next := foldSearch(s, word)
			for i := 0; i <= len(s); i++ {
				want := bytes.Index(low[i:], []byte(word))
				if want >= 0 {
					want += i
				}
				if got := next(i); got != want {
					t.Errorf("%q: %s from %d at %d, want %d", s, word, i, got, want)
				}
			}
		}
	}
}

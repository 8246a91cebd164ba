package report

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// hashWindow is how many kept characters a line's hash covers, counted from its first kept character.
const hashWindow = 100

// hashEnd is the character fed after the last one of the text, so that a line's hash also depends
// on where the text ends.
const hashEnd = 0xFFFF

// hashDrop is 37^hashWindow in wrapping 64-bit arithmetic: the weight of the character that leaves
// the window.
var hashDrop = func() uint64 {
	p := uint64(1)
	for range hashWindow {
		p *= 37
	}
	return p
}()

// LineHashes returns the primaryLocationLineHash of every line of text, index 0 being line 1, as
// GitHub's upload action (github/codeql-action) computes it when a SARIF result has none. A privlint
// value that equals the action's keeps alert identity the same whichever of the two computed it.
//
// The text is read as UTF-8 (each maximal ill-formed sequence becoming U+FFFD) and walked by UTF-16
// code units. Spaces and tabs are skipped; CR, LF and CRLF each end a line and count as one LF. A line
// starts at its first kept character, and its hash is the polynomial hash (base 37, wrapping uint64)
// of the 100 kept characters from there on, the text being followed by the end marker U+FFFF and
// zeros. The value is the hash in lower-case hexadecimal without leading zeros, a colon, and the
// count of lines up to and including this one that have the same hexadecimal hash (so the first is
// ":1"). A text ending in a line break has one more line, holding only the end marker; an empty
// text has one line.
//
// Pass the file's raw bytes: for a UTF-16 file the action hashes those bytes read as UTF-8 too, so
// its "lines" there are not the file's lines, and only the raw bytes give the action's values. A lone
// CR also ends a line here but not for go/token, so in a file with lone CRs the line numbers of
// findings and of these hashes differ after the first one.
func LineHashes(text []byte) []string {
	h := lineHasher{lineStart: true, counts: make(map[string]int)}
	for i := 0; i < len(text); {
		r, n := decodeRune(text[i:])
		i += n
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			h.char(uint64(r1))
			h.char(uint64(r2))
		} else {
			h.char(uint64(r))
		}
	}
	h.char(hashEnd)
	for range hashWindow {
		if h.lineAt[h.pos] != 0 {
			h.emit()
		}
		h.roll(0)
	}
	return h.lines
}

// lineHasher holds the rolling state of LineHashes.
type lineHasher struct {
	window    [hashWindow]uint64 // the last kept characters, a ring starting at pos
	lineAt    [hashWindow]int    // the line that starts at that character, or 0
	pos       int
	hash      uint64
	lineStart bool // the next kept character starts a line
	prevCR    bool // the previous character was a CR, so an LF now is part of a CRLF
	counts    map[string]int
	lines     []string
}

// char feeds one UTF-16 code unit.
func (h *lineHasher) char(c uint64) {
	if c == ' ' || c == '\t' || (h.prevCR && c == '\n') {
		h.prevCR = false
		return
	}
	h.prevCR = c == '\r'
	if c == '\r' {
		c = '\n'
	}
	// The character about to leave the window started a line: its window is complete.
	if h.lineAt[h.pos] != 0 {
		h.emit()
	}
	if h.lineStart {
		h.lineStart = false
		h.lines = append(h.lines, "")
		h.lineAt[h.pos] = len(h.lines)
	}
	h.lineStart = c == '\n'
	h.roll(c)
}

// roll moves the window one character on.
func (h *lineHasher) roll(c uint64) {
	h.hash = 37*h.hash + c - hashDrop*h.window[h.pos]
	h.window[h.pos] = c
	h.pos = (h.pos + 1) % hashWindow
}

// emit records the current hash for the line whose first character is at pos.
func (h *lineHasher) emit() {
	hex := strconv.FormatUint(h.hash, 16)
	h.counts[hex]++
	h.lines[h.lineAt[h.pos]-1] = hex + ":" + strconv.Itoa(h.counts[hex])
	h.lineAt[h.pos] = 0
}

// decodeRune decodes the first character of b as a WHATWG UTF-8 decoder does (what Node.js, and so
// the upload action, uses): an ill-formed sequence yields one U+FFFD for its maximal subpart, the
// longest prefix that could begin a well-formed sequence, rather than one per byte as utf8.DecodeRune.
func decodeRune(b []byte) (rune, int) {
	r, n := utf8.DecodeRune(b)
	if r != utf8.RuneError || n != 1 {
		return r, n
	}
	lo, hi, need := byte(0x80), byte(0xBF), 0
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		lo, need = 0xA0, 2
	case c == 0xED:
		hi, need = 0x9F, 2
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		lo, need = 0x90, 3
	case c == 0xF4:
		hi, need = 0x8F, 3
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	}
	n = 1
	for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
		n++
		lo, hi = 0x80, 0xBF
	}
	return utf8.RuneError, n
}

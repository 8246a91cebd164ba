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
// GitHub's upload action computes it when a SARIF result has none, and checks it when a result has
// one (github/codeql-action src/fingerprints.ts, function hash: it reads the file with
// fs.createReadStream(path, "utf8") and hashes the charCodeAt values of the text). A privlint
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
	var out []string
	counts := make(map[uint64]int)
	hashLines(text, func(_ int, hash uint64) bool {
		counts[hash]++
		out = append(out, lineHash(hash, counts[hash]))
		return true
	})
	return out
}

// LineHashesAt returns what LineHashes returns for the lines listed (1-based, increasing, without
// repeats), and "" for a line past the text's last. It keeps only those lines' values: two passes
// over the text, the first finding the listed lines' hashes and the second counting the lines up to
// each that have the same hash, so that its memory depends on the lines listed and not on the text.
func LineHashesAt(text []byte, lines []int) []string {
	out := make([]string, len(lines))
	if len(lines) == 0 {
		return out
	}
	counts := make(map[uint64]int, len(lines)) // the listed lines' hashes, then their counts so far
	k := 0
	hashLines(text, func(line int, hash uint64) bool {
		if line == lines[k] {
			counts[hash] = 0
			k++
		}
		return k < len(lines)
	})
	k = 0
	hashLines(text, func(line int, hash uint64) bool {
		n, ok := counts[hash]
		if !ok {
			return true
		}
		counts[hash] = n + 1
		if line == lines[k] {
			out[k] = lineHash(hash, n+1)
			k++
		}
		return k < len(lines)
	})
	return out
}

// lineHash formats a line's hash and its count as the upload action writes them.
func lineHash(hash uint64, count int) string {
	return strconv.FormatUint(hash, 16) + ":" + strconv.Itoa(count)
}

// hashLines computes the hash of every line of text, as LineHashes describes, and hands it to each
// with its 1-based line number, in line order, until each returns false.
func hashLines(text []byte, each func(line int, hash uint64) bool) {
	h := lineHasher{lineStart: true, each: each}
	for i := 0; i < len(text) && !h.stopped; {
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
}

// lineHasher holds the rolling state of hashLines.
type lineHasher struct {
	window    [hashWindow]uint64 // the last kept characters, a ring starting at pos
	lineAt    [hashWindow]int    // the line that starts at that character, or 0
	pos       int
	hash      uint64
	lineStart bool // the next kept character starts a line
	prevCR    bool // the previous character was a CR, so an LF now is part of a CRLF
	lines     int  // lines started so far
	each      func(line int, hash uint64) bool
	stopped   bool // each returned false: the rest is not computed
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
		h.lines++
		h.lineAt[h.pos] = h.lines
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

// emit hands on the current hash for the line whose first character is at pos.
func (h *lineHasher) emit() {
	if !h.stopped && !h.each(h.lineAt[h.pos], h.hash) {
		h.stopped = true
	}
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
